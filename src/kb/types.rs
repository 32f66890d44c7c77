//! Serde types mirroring `blink.toml`. Field names match the file.
use crate::led::{LedColour, PatternKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kb {
    #[serde(rename = "source")]
    pub sources: Vec<Source>,
    #[serde(rename = "model")]
    pub models: Vec<Model>,
    #[serde(rename = "reset_procedure", default)]
    pub reset_procedures: Vec<ResetProcedure>,
    #[serde(rename = "cause")]
    pub causes: Vec<Cause>,
    #[serde(rename = "question", default)]
    pub questions: Vec<Question>,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub official: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub id: String,
    pub name: String,
    /// "camera" or "hub".
    pub kind: String,
    pub power: String,
    pub led: String,
    /// How many separate status lights the device has side by side (cameras 1, the Sync Module 2
    /// a blue and a green one). With one, a second light the camera reading finds is something
    /// else in view; with two, the signatures say what the second light does.
    #[serde(default = "one_light")]
    pub lights: u8,
    #[serde(default)]
    pub reset_button: Option<String>,
    pub source: String,
    /// Reset procedures specific to this model, gentlest first.
    #[serde(default)]
    pub reset: Vec<ResetProcedure>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetProcedure {
    pub id: String,
    pub name: String,
    /// For shared procedures: the models they serve. Empty inside a model.
    #[serde(default)]
    pub models: Vec<String>,
    pub source: String,
    pub steps: Vec<FixStep>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerKind {
    /// Hold a button for the whole time.
    Hold,
    /// Wait the whole time.
    Wait,
    /// Wait at most this long; it may finish sooner.
    WaitUpTo,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Timer {
    pub kind: TimerKind,
    pub seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixStep {
    pub text: String,
    #[serde(default)]
    pub timer: Option<Timer>,
    /// A yes/no check the user answers after the step ("Is the red light gone?").
    #[serde(default)]
    pub check: Option<String>,
    /// In a cause's fix: expand the model's reset procedures here.
    #[serde(default)]
    pub reset: bool,
    /// Filled in when a reset procedure is expanded: the procedure's name, on its first step.
    #[serde(default)]
    pub heading: Option<String>,
    /// In a cause's fix: only for these models (all when empty).
    #[serde(default)]
    pub models: Vec<String>,
    pub source: String,
}

impl FixStep {
    /// The step without its `reset` marker (after expansion).
    pub fn plain(&self) -> FixStep {
        FixStep { reset: false, ..self.clone() }
    }
}

fn one_light() -> u8 {
    1
}

/// What a second light beside the status light does, in a signature.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LightLook {
    pub pattern: PatternKind,
    pub colour: LedColour,
}

/// One way a cause shows on the LED.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signature {
    pub pattern: PatternKind,
    #[serde(default)]
    pub colour: Option<LedColour>,
    /// Inclusive range of flash counts, for bursts.
    #[serde(default)]
    pub count: Option<[u32; 2]>,
    /// Colour seen right before the flashes.
    #[serde(default)]
    pub after: Option<LedColour>,
    /// On a device with two lights: what the other light does meanwhile (absent: it is off).
    #[serde(default)]
    pub with: Option<LightLook>,
    /// Share of this cause's appearances that look like this.
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cause {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// When this light is normal and needs no fix.
    #[serde(default)]
    pub normal_when: Option<String>,
    pub models: Vec<String>,
    pub prior: f64,
    /// Where a model's own chart makes the cause more or less common than elsewhere.
    #[serde(default)]
    pub prior_by_model: BTreeMap<String, f64>,
    /// Facts about this cause that hold for one model only.
    #[serde(default)]
    pub model_notes: BTreeMap<String, ModelNote>,
    pub source: String,
    pub signatures: Vec<Signature>,
    pub fix: Vec<FixStep>,
}

impl Cause {
    pub fn applies_to(&self, model_id: &str) -> bool {
        self.models.iter().any(|m| m == model_id)
    }

    pub fn prior_for(&self, model_id: &str) -> f64 {
        self.prior_by_model.get(model_id).copied().unwrap_or(self.prior)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelNote {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Answer {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    pub answers: Vec<Answer>,
    /// P(answer | cause) for causes not listed in `likelihood`.
    pub default: Vec<f64>,
    #[serde(default)]
    pub likelihood: BTreeMap<String, Vec<f64>>,
    /// The question is the reading done by eye ("what does the light do?"): it stands in for the
    /// camera reading, so it comes first when there is no camera reading and never when there is.
    #[serde(default)]
    pub reading_by_eye: bool,
    pub source: String,
}

impl Question {
    /// P(answer | cause), by answer index.
    pub fn likelihoods(&self, cause_id: &str) -> &[f64] {
        self.likelihood.get(cause_id).unwrap_or(&self.default)
    }

    pub fn answer_index(&self, answer_id: &str) -> Option<usize> {
        self.answers.iter().position(|a| a.id == answer_id)
    }
}
