//! Serde types mirroring `blink.toml`. Field names match the file.
use crate::led::{LedColour, PatternKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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

/// How a model is powered: decides which questions and fix steps fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Power {
    /// Plugged in with a cable.
    Usb,
    /// Runs on batteries.
    Batteries,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub id: String,
    pub name: String,
    /// "camera" or "hub".
    pub kind: String,
    pub power: Power,
    /// Which batteries, for battery models ("2 AA").
    #[serde(default)]
    pub batteries: Option<String>,
    pub led: String,
    /// How many separate status lights the device has side by side (cameras 1, the Sync Module 2
    /// a blue and a green one). With one, a second light the camera reading finds is something
    /// else in view; with two, the signatures say what the second light does.
    #[serde(default = "one_light")]
    pub lights: u8,
    #[serde(default)]
    pub reset_button: Option<String>,
    /// How to tell it from the other models (shape, where the batteries are).
    pub looks: Note,
    pub source: String,
    /// Reset procedures specific to this model, gentlest first.
    #[serde(default)]
    pub reset: Vec<ResetProcedure>,
}

/// Which models a question, an answer or a fix step fits: all when both lists are empty;
/// otherwise the model must be listed in `models` (when given) and have a listed `power` (when
/// given).
pub fn fits(models: &[String], power: &[Power], model: &Model) -> bool {
    (models.is_empty() || models.contains(&model.id)) && (power.is_empty() || power.contains(&model.power))
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    pub kind: TimerKind,
    pub seconds: u32,
}

/// Where an answer to a fix step's check leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Then {
    /// The answer shows the problem is gone: the walkthrough ends.
    Fixed,
    /// On to the next step.
    Next,
    /// On to a later step of the same list (by step id), skipping what the answer made needless.
    Goto(String),
    /// The answer rules this cause out: on to the next likely cause.
    OtherCause,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckAnswer {
    pub id: String,
    pub text: String,
    pub then: Then,
    /// When the check asks a diagnosis question again (`Check::same_as`): the answer id of that
    /// question this answer means.
    #[serde(default)]
    pub same_as: Option<String>,
}

/// A question the person answers after a step ("Is the red light gone?"); each answer says
/// where it leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub question: String,
    pub answers: Vec<CheckAnswer>,
    /// The diagnosis question (id) this check asks again in other words. When the person has
    /// already answered it, the walkthrough takes that answer instead of asking (its answers'
    /// `same_as` say which is which).
    #[serde(default)]
    pub same_as: Option<String>,
}

impl Check {
    pub fn answer(&self, id: &str) -> Option<&CheckAnswer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// The check's answer already given as the answer `answers` hold for its diagnosis question
    /// (`same_as`), if any.
    pub fn known_answer(&self, answers: &BTreeMap<String, String>) -> Option<&CheckAnswer> {
        let given = answers.get(self.same_as.as_deref()?)?;
        self.answers.iter().find(|a| a.same_as.as_ref() == Some(given))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixStep {
    /// Stable id, unique within its list (a cause's fix or a reset procedure).
    pub id: String,
    /// A few words for the list of steps ("Restart the router").
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub timer: Option<Timer>,
    /// A question answered after the step; without one the step is simply done.
    #[serde(default)]
    pub check: Option<Check>,
    /// In a cause's fix: expand the model's reset procedures here (`text` says why).
    #[serde(default)]
    pub reset: bool,
    /// In a cause's fix: only for these models (all when empty).
    #[serde(default)]
    pub models: Vec<String>,
    /// In a cause's fix: only for models with this power (all when empty).
    #[serde(default)]
    pub power: Vec<Power>,
    pub source: String,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub model_notes: BTreeMap<String, Note>,
    pub source: String,
    pub signatures: Vec<Signature>,
    /// The walkthrough. Empty exactly when `nothing_to_fix` is given.
    #[serde(default)]
    pub fix: Vec<FixStep>,
    /// For a normal state: there is nothing to fix, and this says what to expect or watch for.
    #[serde(default)]
    pub nothing_to_fix: Option<Note>,
    /// What sets this cause apart from causes whose light looks the same (a camera reading cannot
    /// tell them apart; this can). Needed by every cause that shares a look on some model.
    #[serde(default)]
    pub apart: Option<Note>,
}

impl Signature {
    /// The same look as `other` (what a reading could see), whatever the weights.
    pub fn same_look(&self, other: &Signature) -> bool {
        (self.pattern, self.colour, self.count, self.after, self.with) == (other.pattern, other.colour, other.count, other.after, other.with)
    }
}

impl Cause {
    pub fn applies_to(&self, model_id: &str) -> bool {
        self.models.iter().any(|m| m == model_id)
    }

    pub fn prior_for(&self, model_id: &str) -> f64 {
        self.prior_by_model.get(model_id).copied().unwrap_or(self.prior)
    }

    /// A normal state with nothing to fix (no walkthrough).
    pub fn is_normal(&self) -> bool {
        self.nothing_to_fix.is_some()
    }
}

/// A short text with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Answer {
    pub id: String,
    pub text: String,
    /// Only for these models (all when empty).
    #[serde(default)]
    pub models: Vec<String>,
    /// Only for models with this power (all when empty).
    #[serde(default)]
    pub power: Vec<Power>,
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
    /// Only for these models (all when empty).
    #[serde(default)]
    pub models: Vec<String>,
    /// Only for models with this power (all when empty).
    #[serde(default)]
    pub power: Vec<Power>,
    /// The reading already says what this question asks: it is not asked then.
    #[serde(default)]
    pub told_by: Option<ToldBy>,
    pub source: String,
}

/// When the reading already answers a question: the camera saw the flashes come right after a
/// light of colour `after`, or the reading by eye was answered with one of `answers`
/// (question id -> answer ids).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToldBy {
    #[serde(default)]
    pub after: Option<LedColour>,
    #[serde(default)]
    pub answers: BTreeMap<String, Vec<String>>,
}

impl Question {
    /// P(answer | cause), by answer index, over all answers (see `likelihood_on` for one model).
    pub fn likelihoods(&self, cause_id: &str) -> &[f64] {
        self.likelihood.get(cause_id).unwrap_or(&self.default)
    }

    pub fn fits(&self, model: &Model) -> bool {
        fits(&self.models, &self.power, model)
    }

    /// Indices of the answers offered on `model`.
    pub fn answers_on(&self, model: &Model) -> Vec<usize> {
        (0..self.answers.len()).filter(|&i| fits(&self.answers[i].models, &self.answers[i].power, model)).collect()
    }

    /// P(answer | cause) on `model`: the table renormalised over the answers offered there.
    /// None when the answer is not offered on that model.
    pub fn likelihood_on(&self, cause_id: &str, answer: usize, model: &Model) -> Option<f64> {
        let row = self.likelihoods(cause_id);
        let offered = self.answers_on(model);
        if !offered.contains(&answer) {
            return None;
        }
        let total: f64 = offered.iter().filter_map(|&i| row.get(i)).sum();
        let p = *row.get(answer)?;
        (total > 0.0).then(|| p / total)
    }

    pub fn answer_index(&self, answer_id: &str) -> Option<usize> {
        self.answers.iter().position(|a| a.id == answer_id)
    }
}

impl FixStep {
    fn texts_mut(&mut self, put: &mut dyn FnMut(&mut String)) {
        put(&mut self.title);
        put(&mut self.text);
        if let Some(check) = &mut self.check {
            put(&mut check.question);
            for a in &mut check.answers {
                put(&mut a.text);
            }
        }
    }
}

impl ResetProcedure {
    fn texts_mut(&mut self, put: &mut dyn FnMut(&mut String)) {
        put(&mut self.name);
        for s in &mut self.steps {
            s.texts_mut(put);
        }
    }
}

impl Kb {
    /// The models' own texts (not their resets), the first of `texts_mut`'s, in its order: all
    /// the first wasm module (the models alone, `Kb::models_only`) takes from a language pack.
    /// Apart from `texts_mut` so that module carries no code for the rest.
    pub fn model_texts_mut(&mut self, put: &mut dyn FnMut(&mut String)) {
        for m in &mut self.models {
            put(&mut m.led);
            if let Some(b) = &mut m.reset_button {
                put(b);
            }
            if let Some(b) = &mut m.batteries {
                put(b);
            }
            put(&mut m.looks.text);
        }
    }

    /// Every text a person reads, handed to `put` in a fixed order: what a translation replaces
    /// (src/kb/lang/). Not ids, numbers, model names (product names, the same in every language)
    /// or sources' titles (never shown). The order is the layout of a language pack: build.rs
    /// packs translations in it and the app puts them back in it. The models' own texts come
    /// first: the first wasm module carries the models alone (`Kb::models_only`) and takes those.
    /// Handed over one by one rather than collected: the first module then carries no list of
    /// them (issue 17).
    pub fn texts_mut(&mut self, put: &mut dyn FnMut(&mut String)) {
        self.model_texts_mut(put);
        for r in self.models.iter_mut().flat_map(|m| &mut m.reset) {
            r.texts_mut(put);
        }
        for r in &mut self.reset_procedures {
            r.texts_mut(put);
        }
        for c in &mut self.causes {
            put(&mut c.name);
            put(&mut c.summary);
            if let Some(n) = &mut c.normal_when {
                put(n);
            }
            for n in c.model_notes.values_mut() {
                put(&mut n.text);
            }
            for s in &mut c.fix {
                s.texts_mut(put);
            }
            if let Some(n) = &mut c.nothing_to_fix {
                put(&mut n.text);
            }
            if let Some(n) = &mut c.apart {
                put(&mut n.text);
            }
        }
        for q in &mut self.questions {
            put(&mut q.text);
            if let Some(h) = &mut q.help {
                put(h);
            }
            for a in &mut q.answers {
                put(&mut a.text);
            }
        }
    }

    /// Every text a person reads, in `texts_mut`'s order (build.rs, tests).
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.clone().texts_mut(&mut |t| out.push(t.clone()));
        out
    }
}
