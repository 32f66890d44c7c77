//! Walking through the fix: the steps of the most likely cause for this model, one at a time;
//! "that didn't help" moves on to the next step, then to the next likely cause, and finally to
//! contacting Blink support with what was found.
use crate::kb::{FixStep, Kb};
use serde::{Deserialize, Serialize};

/// Causes less likely than this are not worth walking through.
const WORTH_TRYING: f64 = 0.03;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixPlan {
    pub model: String,
    /// Cause ids to try, most likely first.
    pub causes: Vec<String>,
    cause_index: usize,
    step_index: usize,
    /// Set when the user confirmed a check ("Is the red light gone?" - yes).
    pub fixed: bool,
}

/// Where the plan stands.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanStep {
    Step { cause_id: String, index: usize, of: usize, step: FixStep },
    /// Nothing fixed it: contact support.
    Exhausted,
    Fixed,
}

impl FixPlan {
    /// A plan over `ranked` (cause id, probability) pairs, most likely first.
    pub fn new(model: &str, ranked: &[(String, f64)]) -> FixPlan {
        let mut causes: Vec<String> = ranked.iter().filter(|(_, p)| *p >= WORTH_TRYING).map(|(c, _)| c.clone()).collect();
        if causes.is_empty() {
            causes.extend(ranked.first().map(|(c, _)| c.clone()));
        }
        FixPlan { model: model.to_string(), causes, cause_index: 0, step_index: 0, fixed: false }
    }

    /// A plan that starts with `cause_id` and goes on with the rest in ranked order.
    pub fn starting_with(model: &str, ranked: &[(String, f64)], cause_id: &str) -> FixPlan {
        let mut plan = FixPlan::new(model, ranked);
        plan.causes.retain(|c| c != cause_id);
        plan.causes.insert(0, cause_id.to_string());
        plan
    }

    pub fn current(&self, kb: &Kb) -> PlanStep {
        if self.fixed {
            return PlanStep::Fixed;
        }
        let Some(cause_id) = self.causes.get(self.cause_index) else { return PlanStep::Exhausted };
        let steps = kb.fix_steps(cause_id, &self.model);
        match steps.get(self.step_index) {
            Some(step) => PlanStep::Step { cause_id: cause_id.clone(), index: self.step_index, of: steps.len(), step: step.clone() },
            None => PlanStep::Exhausted,
        }
    }

    /// Done with this step (or its check said "not yet"): go to the next step, or to the next
    /// cause when this cause's steps are used up.
    pub fn next(&mut self, kb: &Kb) {
        if self.fixed {
            return;
        }
        let Some(cause_id) = self.causes.get(self.cause_index) else { return };
        let count = kb.fix_steps(cause_id, &self.model).len();
        if self.step_index + 1 < count {
            self.step_index += 1;
        } else {
            self.next_cause();
        }
    }

    /// "That didn't help" for the whole cause: try the next likely cause.
    pub fn next_cause(&mut self) {
        self.cause_index += 1;
        self.step_index = 0;
    }

    /// The check after a step was answered "yes": the problem is gone.
    pub fn mark_fixed(&mut self) {
        self.fixed = true;
    }

    /// Causes already tried (for the support summary).
    pub fn tried(&self) -> &[String] {
        &self.causes[..self.cause_index.min(self.causes.len())]
    }
}
