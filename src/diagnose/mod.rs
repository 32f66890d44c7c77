//! The diagnosis engine: naive Bayes over the knowledge base. Each applicable cause starts at its
//! prior; the LED reading multiplies in P(reading | cause) (tempered by the reading's confidence)
//! and each answer multiplies in P(answer | cause) from the question's table. The next question
//! is the one most likely to leave a confident verdict (see `questions`).
mod likelihood;
mod plan;
mod questions;

pub use likelihood::{best_signature, describe_signature, led_likelihood, signature_match};
pub use plan::{FixPlan, PlanStep};
pub use questions::{NextQuestion, QuestionChoice, CONFIDENT};

use crate::kb::{Cause, Kb};
use crate::led::LedEvidence;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the user and the camera have told us.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub model: String,
    pub led: Option<LedEvidence>,
    /// question id -> answer id. Unknown ids are ignored (and reported by `Diagnosis::ignored`).
    pub answers: BTreeMap<String, String>,
    /// Questions the user chose to skip: never offered again.
    #[serde(default)]
    pub skipped: BTreeSet<String>,
}

/// One piece of evidence about one cause, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceNote {
    /// True when the evidence makes the cause more likely than the others on average.
    pub supports: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    pub cause_id: String,
    pub name: String,
    pub probability: f64,
    pub notes: Vec<EvidenceNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub model: String,
    /// Applicable causes, most likely first; probabilities sum to 1.
    pub ranked: Vec<RankedCause>,
    pub next: QuestionChoice,
    /// Answers that name an unknown question or answer.
    pub ignored: Vec<String>,
}

impl Diagnosis {
    pub fn top(&self) -> Option<&RankedCause> {
        self.ranked.first()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DiagnoseError {
    UnknownModel(String),
}

impl std::fmt::Display for DiagnoseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiagnoseError::UnknownModel(id) => write!(f, "unknown model '{id}'"),
        }
    }
}

/// Unnormalised log-weights per applicable cause, in knowledge-base order.
pub(crate) struct Belief<'a> {
    pub causes: Vec<&'a Cause>,
    pub log_weight: Vec<f64>,
}

impl<'a> Belief<'a> {
    pub fn probabilities(&self) -> Vec<f64> {
        let max = self.log_weight.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let w: Vec<f64> = self.log_weight.iter().map(|l| (l - max).exp()).collect();
        let total: f64 = w.iter().sum();
        w.into_iter().map(|x| x / total).collect()
    }
}

pub(crate) fn led_weight(cause: &Cause, ev: &LedEvidence, lights: u8) -> f64 {
    led_likelihood(cause, ev, lights).ln() * ev.confidence.clamp(0.0, 1.0)
}

/// How many status lights the inputs' model has.
fn lights_of(kb: &Kb, inputs: &Inputs) -> u8 {
    kb.model(&inputs.model).map(|m| m.lights).unwrap_or(1)
}

pub(crate) fn belief<'a>(kb: &'a Kb, inputs: &Inputs) -> Result<(Belief<'a>, Vec<String>), DiagnoseError> {
    if kb.model(&inputs.model).is_none() {
        return Err(DiagnoseError::UnknownModel(inputs.model.clone()));
    }
    let causes = kb.causes_for(&inputs.model);
    let mut log_weight: Vec<f64> = causes.iter().map(|c| c.prior_for(&inputs.model).ln()).collect();
    if let Some(ev) = &inputs.led {
        let lights = lights_of(kb, inputs);
        for (i, c) in causes.iter().enumerate() {
            log_weight[i] += led_weight(c, ev, lights);
        }
    }
    let mut ignored = Vec::new();
    for (qid, aid) in &inputs.answers {
        let Some(q) = kb.question(qid) else {
            ignored.push(format!("{qid}={aid}"));
            continue;
        };
        let Some(a) = q.answer_index(aid) else {
            ignored.push(format!("{qid}={aid}"));
            continue;
        };
        for (i, c) in causes.iter().enumerate() {
            log_weight[i] += q.likelihoods(&c.id)[a].ln();
        }
    }
    Ok((Belief { causes, log_weight }, ignored))
}

/// Ranks the causes for a model given the reading and answers, explains each, and picks the next
/// question.
pub fn diagnose(kb: &Kb, inputs: &Inputs) -> Result<Diagnosis, DiagnoseError> {
    let (belief, ignored) = belief(kb, inputs)?;
    let probs = belief.probabilities();
    let mut ranked: Vec<RankedCause> = belief
        .causes
        .iter()
        .zip(&probs)
        .map(|(c, &p)| RankedCause {
            cause_id: c.id.clone(),
            name: c.name.clone(),
            probability: p,
            notes: notes_for(kb, c, &belief.causes, inputs),
        })
        .collect();
    ranked.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    let next = questions::choose(kb, inputs, &belief);
    Ok(Diagnosis { model: inputs.model.clone(), ranked, next, ignored })
}

/// The evidence for and against one cause, in plain words. A piece of evidence supports a cause
/// when it fits that cause better than the average applicable cause.
fn notes_for(kb: &Kb, cause: &Cause, all: &[&Cause], inputs: &Inputs) -> Vec<EvidenceNote> {
    let mut notes = Vec::new();
    if let Some(ev) = &inputs.led {
        let lights = lights_of(kb, inputs);
        let mine = led_likelihood(cause, ev, lights);
        let mean = all.iter().map(|c| led_likelihood(c, ev, lights)).sum::<f64>() / all.len() as f64;
        let seen = capitalise(&ev.describe());
        let best = best_signature(cause, ev, lights);
        let text = match best {
            Some((_, m)) if m >= 0.9 => format!("{seen}: that is what {} looks like.", lower_first(&cause.name)),
            Some((sig, m)) if m >= 0.3 => format!(
                "{seen}: close to the sign of {} ({}).",
                lower_first(&cause.name),
                describe_signature(sig)
            ),
            Some((sig, _)) => format!(
                "{seen}: {} usually shows {} instead.",
                cause.name,
                describe_signature(sig)
            ),
            None => format!("{seen}."),
        };
        let text = if ev.confidence < 0.5 { format!("{text} (The reading is uncertain.)") } else { text };
        notes.push(EvidenceNote { supports: mine > mean, text });
    } else {
        let signs: Vec<String> = cause.signatures.iter().take(2).map(describe_signature).collect();
        notes.push(EvidenceNote {
            supports: true,
            text: format!("No camera reading yet. Look for {}.", signs.join(" or ")),
        });
    }
    for (qid, aid) in &inputs.answers {
        let Some(q) = kb.question(qid) else { continue };
        let Some(a) = q.answer_index(aid) else { continue };
        let mine = q.likelihoods(&cause.id)[a];
        let mean = all.iter().map(|c| q.likelihoods(&c.id)[a]).sum::<f64>() / all.len() as f64;
        if (mine - mean).abs() < 1e-9 {
            continue;
        }
        let supports = mine > mean;
        let verdict = if supports { "fits" } else { "argues against" };
        notes.push(EvidenceNote {
            supports,
            text: format!("“{}” – “{}”: {verdict} this.", q.text, q.answers[a].text),
        });
    }
    if let Some(note) = cause.model_notes.get(&inputs.model) {
        notes.push(EvidenceNote { supports: true, text: note.text.clone() });
    }
    notes
}

// ASCII case changes only: the texts are English, and full Unicode case tables would cost the
// app several kilobytes.
fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    out
}
