//! The diagnosis engine: naive Bayes over the knowledge base. Each applicable cause starts at its
//! prior; the LED reading multiplies in P(reading | cause) (tempered by the reading's confidence)
//! and each answer multiplies in P(answer | cause) from the question's table (renormalised over
//! the answers offered on the model). The next question is the one most likely to leave a
//! confident verdict (see `questions`). Everything here returns meaning (ids, enums, numbers);
//! the UI puts it into words.
mod evidence;
pub mod history;
mod likelihood;
mod plan;
mod questions;
mod session;
mod timer;

pub use evidence::{Direction, Evidence, Fit};
pub use history::{Outcome, Record, Stamp, Taken};
pub use likelihood::{best_signature, led_likelihood, signature_match};
pub use plan::{Action, Leads, MoveReason, PlanError, PlanNote, PlanState, Position, FixPlan, StepStatus};
pub use questions::{NextQuestion, QuestionChoice, CONFIDENT};
pub use session::{Nav, Notice, Route, Screen, Session};
pub use timer::{TimerEvent, TimerPhase, TimerRun, COUNT_IN_S};

use crate::kb::{Cause, Kb, Model};
use crate::led::LedEvidence;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the user and the camera have told us.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub model: String,
    pub led: Option<LedEvidence>,
    /// question id -> answer id. Unknown ids, and answers not offered on the model, are ignored
    /// (and reported by `Diagnosis::ignored`).
    pub answers: BTreeMap<String, String>,
    /// Questions the user chose to skip: never offered again.
    #[serde(default)]
    pub skipped: BTreeSet<String>,
}

impl Inputs {
    /// True when there is something to rank causes by: a camera reading or an answer.
    pub fn has_evidence(&self) -> bool {
        self.led.is_some() || !self.answers.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankedCause {
    pub cause_id: String,
    pub probability: f64,
    /// Each piece of evidence about this cause, which way it points and why.
    pub evidence: Vec<Evidence>,
}

/// How far the ranking can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// Nothing to go on yet (no reading, no answer): no verdict.
    NoEvidence,
    /// A leader, not a clear one; more questions may help.
    Leaning,
    /// The leader is not clear and no question left can tell the leaders apart.
    CannotTell,
    /// The leader is clear (at least `CONFIDENT`) and no answer to any question left could put
    /// another cause on top.
    Clear,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    pub model: String,
    /// Applicable causes, most likely first; probabilities sum to 1.
    pub ranked: Vec<RankedCause>,
    pub next: QuestionChoice,
    pub certainty: Certainty,
    /// Answers that name an unknown question or answer, or one not offered on the model.
    pub ignored: Vec<String>,
}

impl Diagnosis {
    pub fn top(&self) -> Option<&RankedCause> {
        self.ranked.first()
    }

    /// (cause id, probability), most likely first: what a fix plan is built from.
    pub fn ranking(&self) -> Vec<(String, f64)> {
        self.ranked.iter().map(|r| (r.cause_id.clone(), r.probability)).collect()
    }
}

/// The highest share shown: a handful of answers and a phone camera never make a verdict
/// certain, so nothing is shown above this.
pub const SHOWN_CAP: f64 = 0.9;

/// A probability as it is shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Under 1 %.
    UnderOne,
    /// Rounded whole percent, 1..=90.
    Percent(u8),
    /// Above the cap (the number is the cap in percent).
    Over(u8),
}

pub fn shown(p: f64) -> Shown {
    let cap = (SHOWN_CAP * 100.0).round() as u8;
    // NaN counts as nothing.
    if p.is_nan() || p < 0.005 {
        Shown::UnderOne
    } else if p > SHOWN_CAP {
        Shown::Over(cap)
    } else {
        Shown::Percent(((p * 100.0).round() as u8).clamp(1, cap))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DiagnoseError {
    UnknownModel(String),
}

/// Unnormalised log-weights per applicable cause, in knowledge-base order.
pub(crate) struct Belief<'a> {
    pub model: &'a Model,
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

/// The answers that count on this model, as (question, answer index).
pub(crate) fn counted_answers<'a>(kb: &'a Kb, model: &Model, inputs: &Inputs) -> (Vec<(&'a crate::kb::Question, usize)>, Vec<String>) {
    let mut counted = Vec::new();
    let mut ignored = Vec::new();
    for (qid, aid) in &inputs.answers {
        let found = kb.question(qid).filter(|q| q.fits(model)).and_then(|q| {
            let a = q.answer_index(aid)?;
            q.answers_on(model).contains(&a).then_some((q, a))
        });
        match found {
            Some(qa) => counted.push(qa),
            None => ignored.push(format!("{qid}={aid}")),
        }
    }
    (counted, ignored)
}

pub(crate) fn belief<'a>(kb: &'a Kb, inputs: &Inputs) -> Result<(Belief<'a>, Vec<String>), DiagnoseError> {
    let Some(model) = kb.model(&inputs.model) else {
        return Err(DiagnoseError::UnknownModel(inputs.model.clone()));
    };
    let causes = kb.causes_for(&inputs.model);
    let mut log_weight: Vec<f64> = causes.iter().map(|c| c.prior_for(&inputs.model).ln()).collect();
    if let Some(ev) = &inputs.led {
        for (i, c) in causes.iter().enumerate() {
            log_weight[i] += led_weight(c, ev, model.lights);
        }
    }
    let (counted, ignored) = counted_answers(kb, model, inputs);
    for (q, a) in counted {
        for (i, c) in causes.iter().enumerate() {
            log_weight[i] += q.likelihood_on(&c.id, a, model).unwrap_or(1.0).ln();
        }
    }
    Ok((Belief { model, causes, log_weight }, ignored))
}

/// Ranks the causes for a model given the reading and answers, explains each, and picks the next
/// question.
pub fn diagnose(kb: &Kb, inputs: &Inputs) -> Result<Diagnosis, DiagnoseError> {
    let (belief, ignored) = belief(kb, inputs)?;
    let probs = belief.probabilities();
    let mut evidence: Vec<Vec<Evidence>> = belief.causes.iter().map(|c| evidence::for_cause(kb, belief.model, c, &belief.causes, inputs)).collect();
    evidence::mark_alike(&belief.causes, &mut evidence);
    let mut ranked: Vec<RankedCause> = belief
        .causes
        .iter()
        .zip(&probs)
        .zip(evidence)
        .map(|((c, &p), evidence)| RankedCause { cause_id: c.id.clone(), probability: p, evidence })
        .collect();
    ranked.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    let (next, top_is_final) = questions::choose(kb, inputs, &belief);
    let top = ranked.first().map(|r| r.probability).unwrap_or(0.0);
    let certainty = if !inputs.has_evidence() {
        Certainty::NoEvidence
    } else if top >= CONFIDENT && top_is_final {
        Certainty::Clear
    } else if next == QuestionChoice::Settled && top < CONFIDENT {
        Certainty::CannotTell
    } else {
        Certainty::Leaning
    };
    Ok(Diagnosis { model: inputs.model.clone(), ranked, next, certainty, ignored })
}
