//! The knowledge base: models, causes, LED signatures, questions and fix steps, loaded from
//! `blink.toml` (converted to JSON at build time by build.rs) with serde. Pure data and look-ups.
mod types;
mod validate;

pub use types::*;
pub use validate::validate;

use std::sync::OnceLock;

/// The knowledge base compiled into the app (postcard bytes of `blink.toml`, made by build.rs).
const BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.postcard"));
/// Its models alone (postcard bytes of the list, made by build.rs).
const BUILTIN_MODELS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb-models.postcard"));

/// A model's fields but its reset procedures, in build.rs's order (`BUILTIN_MODELS`).
#[derive(serde::Deserialize)]
struct ModelHead {
    id: String,
    name: String,
    kind: String,
    power: Power,
    batteries: Option<String>,
    led: String,
    lights: u8,
    reset_button: Option<String>,
    looks: Note,
    source: String,
}

impl ModelHead {
    fn model(self) -> Model {
        let ModelHead { id, name, kind, power, batteries, led, lights, reset_button, looks, source } = self;
        Model { id, name, kind, power, batteries, led, lights, reset_button, looks, source, reset: Vec::new() }
    }
}

/// Errors loading a knowledge base.
#[derive(Debug)]
pub enum KbError {
    Parse(String),
    Invalid(Vec<String>),
}

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KbError::Parse(e) => write!(f, "knowledge base does not parse: {e}"),
            KbError::Invalid(problems) => write!(f, "knowledge base is invalid: {}", problems.join("; ")),
        }
    }
}

impl Kb {
    /// Parses and validates a knowledge base from JSON (editing tools and tests).
    pub fn from_json(json: &str) -> Result<Kb, KbError> {
        let kb: Kb = serde_json::from_str(json).map_err(|e| KbError::Parse(e.to_string()))?;
        Self::validated(kb)
    }

    /// Decodes and validates a knowledge base from postcard bytes (what the app ships).
    pub fn from_postcard(bytes: &[u8]) -> Result<Kb, KbError> {
        let kb: Kb = postcard::from_bytes(bytes).map_err(|e| KbError::Parse(e.to_string()))?;
        Self::validated(kb)
    }

    fn validated(kb: Kb) -> Result<Kb, KbError> {
        let problems = validate(&kb);
        if problems.is_empty() {
            Ok(kb)
        } else {
            Err(KbError::Invalid(problems))
        }
    }

    /// The built-in knowledge base. It is decoded without re-validating: the tests validate these
    /// very bytes (`builtin_kb_loads_and_validates`), and leaving the validator out of the app
    /// keeps it within its size budget. A decode failure would be a build defect.
    pub fn builtin() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| match postcard::from_bytes::<Kb>(BUILTIN) {
            Ok(kb) => kb,
            // The error's words only where they can be read: formatting postcard's errors costs
            // the first module about 1 KB gzip.
            Err(e) if cfg!(debug_assertions) => panic!("built-in knowledge base does not decode: {e}"),
            Err(_) => panic!("built-in knowledge base does not decode"),
        })
    }

    /// The built-in models alone, without their reset procedures, as a knowledge base whose other
    /// lists are empty: what the home and model screens (and the session's moves between them)
    /// need. Decoded from their own bytes (build.rs), so the first wasm module carries neither the
    /// rest nor its decoder (issue 16).
    pub fn models_only() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| match Kb::models_only_copy() {
            Some(kb) => kb,
            None => panic!("built-in models do not decode"),
        })
    }

    /// A copy of the built-in models of one's own (`models_only`), to put another language's
    /// texts in; None would be a build defect.
    pub fn models_only_copy() -> Option<Kb> {
        let heads = postcard::from_bytes::<Vec<ModelHead>>(BUILTIN_MODELS).ok()?;
        Some(Kb { models: heads.into_iter().map(ModelHead::model).collect(), ..Kb::default() })
    }

    /// A copy of the built-in knowledge base of one's own (to put another language's texts in),
    /// decoded afresh: the decoder is in the app anyway, a clone would be more code.
    pub fn builtin_copy() -> Option<Kb> {
        postcard::from_bytes::<Kb>(BUILTIN).ok()
    }

    pub fn model(&self, id: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.id == id)
    }

    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.causes.iter().find(|c| c.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Causes that apply to a model, in knowledge-base order.
    pub fn causes_for(&self, model_id: &str) -> Vec<&Cause> {
        self.causes.iter().filter(|c| c.applies_to(model_id)).collect()
    }

    /// Colours a light of this model may show just before a burst of flashes (the blue recording
    /// light before a camera's low-battery red flashes): a reading that sees such a colour stay
    /// lit waits for it to end before calling it steady. Empty for a model none of whose causes
    /// shows a burst after another colour.
    pub fn lead_in_colours(&self, model_id: &str) -> Vec<crate::led::LedColour> {
        let mut out: Vec<crate::led::LedColour> = Vec::new();
        for c in self.causes_for(model_id) {
            for s in &c.signatures {
                if let Some(colour) = s.after {
                    if !out.contains(&colour) {
                        out.push(colour);
                    }
                }
            }
        }
        out
    }

    /// What the LED reader is told of a model: the colours that may lead into a burst on it
    /// (`lead_in_colours`). A model this KB does not know gets the reader's defaults.
    pub fn reader_options(&self, model_id: &str) -> crate::signal::ReaderOptions {
        match self.model(model_id) {
            Some(m) => crate::signal::ReaderOptions { lead_in: self.lead_in_colours(model_id), lights: m.lights },
            None => crate::signal::ReaderOptions::default(),
        }
    }

    /// Reset procedures for a model, gentlest first (the model's own, then shared ones).
    pub fn resets_for(&self, model_id: &str) -> Vec<&ResetProcedure> {
        let own = self.model(model_id).map(|m| m.reset.iter()).into_iter().flatten();
        let shared = self.reset_procedures.iter().filter(|r| r.models.iter().any(|m| m == model_id));
        own.chain(shared).collect()
    }

    /// Models handled exactly like `model_id` (the same light and reset button as their pages
    /// describe them, the same causes, the same reset procedures), itself included, in
    /// knowledge-base order: the person need not tell them apart. The light and the button are
    /// compared as described, because the first screens' models-only copy (`models_only`) has no
    /// causes or procedures to compare: its groups must be the whole knowledge base's.
    pub fn handled_alike(&self, model_id: &str) -> Vec<&Model> {
        let causes = |id: &str| self.causes_for(id).iter().map(|c| c.id.as_str()).collect::<Vec<_>>();
        let resets = |id: &str| self.resets_for(id).iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
        let Some(me) = self.model(model_id) else { return Vec::new() };
        self.models
            .iter()
            .filter(|m| m.kind == me.kind && m.power == me.power && m.led == me.led && m.reset_button == me.reset_button)
            .filter(|m| causes(&m.id) == causes(model_id) && resets(&m.id) == resets(model_id))
            .collect()
    }

    /// The fix for a cause on a model, as a flat list of steps: steps that do not fit the model
    /// are left out, and a `reset = true` step expands into the model's reset procedures (soft
    /// before factory), its text kept as the reason on the first of them.
    pub fn fix_steps(&self, cause_id: &str, model_id: &str) -> Vec<PlannedStep> {
        let (Some(cause), Some(model)) = (self.cause(cause_id), self.model(model_id)) else { return Vec::new() };
        let mut out = Vec::new();
        for step in cause.fix.iter().filter(|s| fits(&s.models, &s.power, model)) {
            if step.reset {
                let mut why = Some(step.text.clone());
                for procedure in self.resets_for(model_id) {
                    for (i, s) in procedure.steps.iter().enumerate() {
                        out.push(PlannedStep {
                            key: format!("reset/{}/{}", procedure.id, s.id),
                            from: step.id.clone(),
                            procedure: Some(procedure.name.clone()),
                            first_of_procedure: i == 0,
                            why: if i == 0 { why.take() } else { None },
                            step: s.clone(),
                        });
                    }
                }
            } else {
                out.push(PlannedStep {
                    key: format!("{cause_id}/{}", step.id),
                    from: step.id.clone(),
                    procedure: None,
                    first_of_procedure: false,
                    why: None,
                    step: step.clone(),
                });
            }
        }
        out
    }
}

/// One step of a cause's walkthrough on one model, after reset procedures are expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStep {
    /// What the step does, across causes: a reset done while fixing one cause is done for all.
    pub key: String,
    /// The id of the step in the cause's own list (a reset's steps share the `reset` step's id).
    pub from: String,
    /// The reset procedure's name, for its steps.
    pub procedure: Option<String>,
    pub first_of_procedure: bool,
    /// On a reset's first step: why the cause's fix resets.
    pub why: Option<String>,
    pub step: FixStep,
}
