//! Evidence about one cause, as values: what kind of evidence, which way it points, and the ids
//! and numbers that explain why. The direction is decided once, from the likelihood ratio against
//! the average applicable cause, so the sign, the words the UI picks and the ranking always agree.
use super::{counted_answers, led_likelihood, signature_match};
use crate::kb::{Cause, Kb, Model};
use crate::led::LedEvidence;

/// Within this factor of the average cause, a piece of evidence says little either way.
const NEUTRAL_BAND: f64 = 1.25;
/// From this match a signature counts as "looks like this".
const MATCHES: f64 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Makes the cause more likely than the others on average.
    For,
    /// Makes it less likely.
    Against,
    /// Within `NEUTRAL_BAND` of the average.
    Neutral,
}

impl Direction {
    fn from_ratio(r: f64) -> Direction {
        if r > NEUTRAL_BAND {
            Direction::For
        } else if r < 1.0 / NEUTRAL_BAND {
            Direction::Against
        } else {
            Direction::Neutral
        }
    }
}

/// How the reading compares with what the cause looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// One of the cause's signatures matches the reading.
    Matches,
    /// Some likeness, not a match.
    Close,
    /// Nothing like it.
    Unlike,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// The camera reading. `typical` indexes the cause's most common signature (what it
    /// "usually" looks like); `matched` the signature that matches the reading best, if any does.
    /// `alike` (here and below): the other causes (ids, in knowledge-base order) for which the
    /// same evidence says the same (`mark_alike`): it cannot tell them apart.
    Reading { direction: Direction, fit: Fit, typical: Option<usize>, matched: Option<usize>, uncertain: bool, ratio: f64, alike: Vec<String> },
    /// What sets the cause apart from the causes in `from`, which the evidence cannot tell it from
    /// (the cause's `apart` note).
    SetsApart { from: Vec<String> },
    /// No reading yet: the cause's signatures to look for, most common first.
    LookFor { signatures: Vec<usize>, alike: Vec<String> },
    /// An answer. `typical` is the answer most people with this cause give, when it differs.
    Answer { direction: Direction, question: String, answer: String, typical: Option<String>, ratio: f64, alike: Vec<String> },
    /// The cause's note for this model (`Cause::model_notes`): a fact, not a direction.
    ModelNote,
}

impl Evidence {
    pub fn direction(&self) -> Direction {
        match self {
            Evidence::Reading { direction, .. } | Evidence::Answer { direction, .. } => *direction,
            Evidence::LookFor { .. } | Evidence::SetsApart { .. } | Evidence::ModelNote => Direction::Neutral,
        }
    }
}

fn typical_signature(cause: &Cause) -> Option<usize> {
    (0..cause.signatures.len()).max_by(|&a, &b| cause.signatures[a].weight.total_cmp(&cause.signatures[b].weight).then(b.cmp(&a)))
}

fn reading(cause: &Cause, all: &[&Cause], ev: &LedEvidence, lights: u8) -> Evidence {
    let mine = led_likelihood(cause, ev, lights);
    let mean = all.iter().map(|c| led_likelihood(c, ev, lights)).sum::<f64>() / all.len().max(1) as f64;
    // The tempered ratio: an uncertain reading moves the ranking less, and so says less here.
    let ratio = (mine / mean).powf(ev.confidence.clamp(0.0, 1.0));
    let best = (0..cause.signatures.len())
        .map(|i| (i, signature_match(&cause.signatures[i], ev, lights)))
        .max_by(|a, b| (a.1 * cause.signatures[a.0].weight).total_cmp(&(b.1 * cause.signatures[b.0].weight)));
    let fit = match best {
        Some((_, m)) if m >= MATCHES => Fit::Matches,
        Some((_, m)) if m >= 0.3 => Fit::Close,
        _ => Fit::Unlike,
    };
    let matched = best.filter(|(_, m)| *m >= MATCHES).map(|(i, _)| i);
    Evidence::Reading { direction: Direction::from_ratio(ratio), fit, typical: typical_signature(cause), matched, uncertain: ev.is_unsure(), ratio, alike: Vec::new() }
}

/// Whether evidence `a` about one cause and `b` about another say the same in the same words:
/// the same direction (not neutral: a neutral line says itself that other causes fit alike) and
/// the same looks, or the same answer with the same typical one.
fn same(a: (&Cause, &Evidence), b: (&Cause, &Evidence)) -> bool {
    fn look<'a>(c: &'a Cause, i: &Option<usize>) -> Option<&'a crate::kb::Signature> {
        i.and_then(|i| c.signatures.get(i))
    }
    let same_look = |x: Option<&crate::kb::Signature>, y: Option<&crate::kb::Signature>| match (x, y) {
        (Some(x), Some(y)) => x.same_look(y),
        (None, None) => true,
        _ => false,
    };
    match (a.1, b.1) {
        (
            Evidence::Reading { direction: d1, fit: f1, typical: t1, matched: m1, .. },
            Evidence::Reading { direction: d2, fit: f2, typical: t2, matched: m2, .. },
        ) => *d1 != Direction::Neutral && d1 == d2 && f1 == f2 && same_look(look(a.0, t1), look(b.0, t2)) && same_look(look(a.0, m1), look(b.0, m2)),
        (Evidence::LookFor { signatures: s1, .. }, Evidence::LookFor { signatures: s2, .. }) => {
            s1.len() == s2.len() && s1.iter().zip(s2).all(|(i, j)| same_look(a.0.signatures.get(*i), b.0.signatures.get(*j)))
        }
        (
            Evidence::Answer { direction: d1, question: q1, answer: a1, typical: t1, .. },
            Evidence::Answer { direction: d2, question: q2, answer: a2, typical: t2, .. },
        ) => *d1 != Direction::Neutral && (d1, q1, a1, t1) == (d2, q2, a2, t2),
        _ => false,
    }
}

/// Marks, on each piece of evidence, the other causes for which the same evidence says the same
/// (`evidence[i]` is about `causes[i]`), and adds to a cause that has such evidence what sets it
/// apart from them, when the knowledge base says (`Cause::apart`).
pub(super) fn mark_alike(causes: &[&Cause], evidence: &mut [Vec<Evidence>]) {
    let found: Vec<Vec<Vec<String>>> = (0..causes.len())
        .map(|i| {
            evidence[i]
                .iter()
                .map(|e| {
                    (0..causes.len())
                        .filter(|&j| j != i && evidence[j].iter().any(|f| same((causes[i], e), (causes[j], f))))
                        .map(|j| causes[j].id.clone())
                        .collect()
                })
                .collect()
        })
        .collect();
    for (i, per_item) in found.into_iter().enumerate() {
        let mut from: Vec<String> = Vec::new();
        for (e, ids) in evidence[i].iter_mut().zip(per_item) {
            for id in &ids {
                if !from.contains(id) {
                    from.push(id.clone());
                }
            }
            match e {
                Evidence::Reading { alike, .. } | Evidence::LookFor { alike, .. } | Evidence::Answer { alike, .. } => *alike = ids,
                Evidence::SetsApart { .. } | Evidence::ModelNote => {}
            }
        }
        if !from.is_empty() && causes[i].apart.is_some() {
            // In knowledge-base order, as `alike`.
            from.sort_by_key(|id| causes.iter().position(|c| &c.id == id));
            evidence[i].push(Evidence::SetsApart { from });
        }
    }
}

pub(super) fn for_cause(kb: &Kb, model: &Model, cause: &Cause, all: &[&Cause], inputs: &crate::diagnose::Inputs) -> Vec<Evidence> {
    let mut out = Vec::new();
    match &inputs.led {
        Some(ev) => out.push(reading(cause, all, ev, model.lights)),
        None => {
            // The two most common looks, most common first.
            let first = typical_signature(cause);
            let second = (0..cause.signatures.len())
                .filter(|&i| Some(i) != first)
                .max_by(|&a, &b| cause.signatures[a].weight.total_cmp(&cause.signatures[b].weight).then(b.cmp(&a)));
            out.push(Evidence::LookFor { signatures: first.into_iter().chain(second).collect(), alike: Vec::new() });
        }
    }
    let (counted, _) = counted_answers(kb, model, inputs);
    for (q, a) in counted {
        let p = |c: &Cause, i: usize| q.likelihood_on(&c.id, i, model).unwrap_or(0.0);
        let mine = p(cause, a);
        let mean = all.iter().map(|c| p(c, a)).sum::<f64>() / all.len().max(1) as f64;
        if mean <= 0.0 {
            continue;
        }
        let ratio = mine / mean;
        let direction = Direction::from_ratio(ratio);
        // "Most people with this cause answer X" is only said when it differs from the answer.
        let typical = q
            .answers_on(model)
            .into_iter()
            .max_by(|&x, &y| p(cause, x).total_cmp(&p(cause, y)))
            .filter(|&t| t != a && direction == Direction::Against)
            .map(|t| q.answers[t].id.clone());
        out.push(Evidence::Answer { direction, question: q.id.clone(), answer: q.answers[a].id.clone(), typical, ratio, alike: Vec::new() });
    }
    if cause.model_notes.contains_key(&inputs.model) {
        out.push(Evidence::ModelNote);
    }
    out
}
