//! Walking through the fix. A plan is the list of causes to try (most likely first, only causes
//! with something to fix) and the log of what the person did. Its state at any point of the log is
//! found by replaying the log, so Back and Forward are just positions in it, and acting at an
//! earlier position drops what came after (as a browser's history does).
//!
//! Each step is done, skipped, or answered; a check's answer says where it leads (the problem is
//! gone, the next step, a later step, another cause). A step already done while fixing another
//! cause (a reset) is not asked again, nor a check that asks a diagnosis question the person has
//! already answered (the answer is taken). Moving to another cause records why. When every cause is
//! used up, the plan ends at support.
use crate::kb::{Kb, PlannedStep, Then};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Causes less likely than this are not worth walking through.
const WORTH_TRYING: f64 = 0.03;

/// What the person did at one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Did a step that has no check.
    Done,
    /// Left a step out.
    Skip,
    /// Answered the step's check (answer id).
    Answer(String),
    /// Chose to leave this cause for the next likely one.
    NextCause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The position is past the end of the log.
    NoSuchPosition,
    /// The walkthrough is over (fixed or at support).
    Finished,
    /// The action does not fit the current step (e.g. "done" on a step with a check, or an answer
    /// the check does not have).
    DoesNotFit,
}

/// Why the plan left a cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveReason {
    /// Every step was done and the problem stayed.
    StepsDidNotHelp,
    /// A check's answer ruled the cause out (step key, answer id).
    RuledOut { step: String, answer: String },
    /// The person asked for the next cause.
    YouChose,
}

/// Things that happened on the way to the current step, since the last action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanNote {
    /// Left cause `from` for `to` (None: no cause left, on to support).
    MovedOn { from: String, to: Option<String>, why: MoveReason },
    /// A step skipped because it was already done while fixing cause `under`.
    AlreadyDone { key: String, under: String },
    /// A step not asked: its check asks a diagnosis question the person already answered
    /// (`question`, `answer`); that answer was taken as the check's answer `took`.
    AlreadyAnswered { key: String, question: String, answer: String, took: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// At step `step` (of `of`) of the plan's cause number `cause` (of `causes`).
    Step { cause_id: String, cause: usize, causes: usize, step: usize, of: usize },
    /// A check's answer showed the problem is gone.
    Fixed { cause_id: String },
    /// Nothing fixed it: contact support.
    Support,
}

/// How each step of the current cause stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Todo,
    Current,
    Done,
    Skipped,
    /// Done earlier, while fixing another cause.
    AlreadyDone,
    /// Not asked: the person answered its question before the walkthrough.
    AlreadyAnswered,
    /// Jumped over: an answer made it needless.
    Bypassed,
}

/// Where an action leads, for saying so before the person takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leads {
    Fixed,
    /// Another step of the same cause (its index in the cause's steps).
    Step(usize),
    /// The first step of another cause.
    Cause(String),
    Support,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanState {
    pub position: Position,
    pub notes: Vec<PlanNote>,
    /// One per step of the current cause (empty when finished).
    pub statuses: Vec<StepStatus>,
    /// Causes walked through and left, in order.
    pub tried: Vec<String>,
    cause: usize,
    step: usize,
    fixed: Option<String>,
    /// Step key -> the cause it was done under.
    done: BTreeMap<String, String>,
}

impl PlanState {
    /// Where the person is in the current cause's steps, when at a step.
    pub fn step_index(&self) -> Option<usize> {
        matches!(self.position, Position::Step { .. }).then_some(self.step)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixPlan {
    pub model: String,
    /// Cause ids to try, in order.
    pub causes: Vec<String>,
    log: Vec<Action>,
    /// The diagnosis answers (question id -> answer id): a step whose check asks one of these
    /// questions again takes the answer instead of asking.
    #[serde(default)]
    known: BTreeMap<String, String>,
}

impl FixPlan {
    /// A plan over `ranking` (cause id, probability; most likely first): the causes with
    /// something to fix that are worth trying, `first` (when it has something to fix) at the front.
    pub fn new(kb: &Kb, model: &str, ranking: &[(String, f64)], first: Option<&str>) -> FixPlan {
        let fixable = |id: &str| kb.cause(id).is_some_and(|c| !c.is_normal() && c.applies_to(model));
        let mut causes: Vec<String> =
            ranking.iter().filter(|(c, p)| *p >= WORTH_TRYING && fixable(c)).map(|(c, _)| c.clone()).collect();
        if causes.is_empty() {
            causes.extend(ranking.iter().find(|(c, _)| fixable(c)).map(|(c, _)| c.clone()));
        }
        if let Some(first) = first.filter(|f| fixable(f)) {
            causes.retain(|c| c != first);
            causes.insert(0, first.to_string());
        }
        FixPlan { model: model.to_string(), causes, log: Vec::new(), known: BTreeMap::new() }
    }

    /// The plan knowing the diagnosis answers given (question id -> answer id): a step that would
    /// ask one of them again takes the answer (`PlanNote::AlreadyAnswered`).
    pub fn knowing(mut self, answers: &BTreeMap<String, String>) -> FixPlan {
        self.known = answers.clone();
        self
    }

    /// How many actions the log holds: positions run from 0 to this.
    pub fn len(&self) -> usize {
        self.log.len()
    }

    pub fn is_empty(&self) -> bool {
        self.log.is_empty()
    }

    /// The steps of the plan's cause number `i`.
    pub fn steps(&self, kb: &Kb, i: usize) -> Vec<PlannedStep> {
        self.causes.get(i).map(|c| kb.fix_steps(c, &self.model)).unwrap_or_default()
    }

    /// The state after the first `at` actions (at most all of them).
    pub fn state_at(&self, kb: &Kb, at: usize) -> PlanState {
        let walker = Walker { plan: self, steps: (0..self.causes.len()).map(|i| self.steps(kb, i)).collect() };
        let mut state = walker.start();
        for action in self.log.iter().take(at) {
            // Every logged action was checked when it was taken, so it applies on replay.
            let _ = walker.apply(&mut state, action);
        }
        state
    }

    /// Takes `action` at position `at`: what came after `at` is dropped. Returns the new position.
    pub fn act(&mut self, kb: &Kb, at: usize, action: Action) -> Result<usize, PlanError> {
        if at > self.log.len() {
            return Err(PlanError::NoSuchPosition);
        }
        let walker = Walker { plan: self, steps: (0..self.causes.len()).map(|i| self.steps(kb, i)).collect() };
        let mut state = self.state_at(kb, at);
        walker.apply(&mut state, &action)?;
        self.log.truncate(at);
        self.log.push(action);
        Ok(at + 1)
    }

    /// What was done in the first `at` actions, in order: (cause id, step key, action) for each
    /// action taken at a step (the report's "steps done").
    pub fn taken(&self, kb: &Kb, at: usize) -> Vec<(String, String, Action)> {
        let walker = Walker { plan: self, steps: (0..self.causes.len()).map(|i| self.steps(kb, i)).collect() };
        let mut state = walker.start();
        let mut out = Vec::new();
        for action in self.log.iter().take(at) {
            if let Position::Step { cause_id, cause, step, .. } = &state.position {
                out.push((cause_id.clone(), walker.steps[*cause][*step].key.clone(), action.clone()));
            }
            let _ = walker.apply(&mut state, action);
        }
        out
    }

    /// Where `action` at position `at` would lead (None when it does not fit).
    pub fn leads(&self, kb: &Kb, at: usize, action: &Action) -> Option<Leads> {
        let walker = Walker { plan: self, steps: (0..self.causes.len()).map(|i| self.steps(kb, i)).collect() };
        let mut state = self.state_at(kb, at);
        let before = state.cause;
        walker.apply(&mut state, action).ok()?;
        Some(match state.position {
            Position::Fixed { .. } => Leads::Fixed,
            Position::Support => Leads::Support,
            Position::Step { cause_id, cause, step, .. } => {
                if cause == before {
                    Leads::Step(step)
                } else {
                    Leads::Cause(cause_id)
                }
            }
        })
    }
}

struct Walker<'a> {
    plan: &'a FixPlan,
    steps: Vec<Vec<PlannedStep>>,
}

impl Walker<'_> {
    fn start(&self) -> PlanState {
        let mut state = PlanState {
            position: Position::Support,
            notes: Vec::new(),
            statuses: self.statuses_for(0, &BTreeMap::new()),
            tried: Vec::new(),
            cause: 0,
            step: 0,
            fixed: None,
            done: BTreeMap::new(),
        };
        self.settle(&mut state, None);
        state
    }

    /// A cause's steps as it is entered: those already done under another cause say so from
    /// the start (the plan will skip them).
    fn statuses_for(&self, cause: usize, done: &BTreeMap<String, String>) -> Vec<StepStatus> {
        let steps = self.steps.get(cause).map(Vec::as_slice).unwrap_or_default();
        steps.iter().map(|s| if done.contains_key(&s.key) { StepStatus::AlreadyDone } else { StepStatus::Todo }).collect()
    }

    /// Moves past used-up causes and already-done steps to the next step to show.
    fn settle(&self, state: &mut PlanState, mut why: Option<MoveReason>) {
        loop {
            if let Some(cause_id) = &state.fixed {
                state.position = Position::Fixed { cause_id: cause_id.clone() };
                return;
            }
            let Some(cause_id) = self.plan.causes.get(state.cause) else {
                state.position = Position::Support;
                state.statuses.clear();
                return;
            };
            let steps = &self.steps[state.cause];
            if state.step >= steps.len() {
                state.tried.push(cause_id.clone());
                state.cause += 1;
                state.step = 0;
                state.statuses = self.statuses_for(state.cause, &state.done);
                let to = self.plan.causes.get(state.cause).cloned();
                state.notes.push(PlanNote::MovedOn { from: cause_id.clone(), to, why: why.take().unwrap_or(MoveReason::StepsDidNotHelp) });
                continue;
            }
            let step = &steps[state.step];
            if let Some(under) = state.done.get(&step.key) {
                state.notes.push(PlanNote::AlreadyDone { key: step.key.clone(), under: under.clone() });
                state.statuses[state.step] = StepStatus::AlreadyDone;
                state.step += 1;
                continue;
            }
            if let Some(check) = &step.step.check {
                if let (Some(took), Some(question)) = (check.known_answer(&self.plan.known), &check.same_as) {
                    let answer = self.plan.known.get(question).cloned().unwrap_or_default();
                    state.notes.push(PlanNote::AlreadyAnswered { key: step.key.clone(), question: question.clone(), answer, took: took.id.clone() });
                    state.statuses[state.step] = StepStatus::AlreadyAnswered;
                    if let Some(w) = self.follow(state, cause_id, &took.then, &step.key, &took.id) {
                        why = Some(w);
                    }
                    continue;
                }
            }
            state.statuses[state.step] = StepStatus::Current;
            state.position = Position::Step {
                cause_id: cause_id.clone(),
                cause: state.cause,
                causes: self.plan.causes.len(),
                step: state.step,
                of: steps.len(),
            };
            return;
        }
    }

    /// Goes where a check's answer (`answer` at step `key`) leads; the reason to leave the cause
    /// when it rules the cause out.
    fn follow(&self, state: &mut PlanState, cause_id: &str, then: &Then, key: &str, answer: &str) -> Option<MoveReason> {
        let steps = &self.steps[state.cause];
        match then {
            Then::Fixed => state.fixed = Some(cause_id.to_string()),
            Then::Next => state.step += 1,
            Then::Goto(target) => {
                let to = (state.step + 1..steps.len()).find(|&j| steps[j].from == *target).unwrap_or(steps.len());
                for j in state.step + 1..to {
                    state.statuses[j] = StepStatus::Bypassed;
                }
                state.step = to;
            }
            Then::OtherCause => {
                state.step = steps.len();
                return Some(MoveReason::RuledOut { step: key.to_string(), answer: answer.to_string() });
            }
        }
        None
    }

    fn apply(&self, state: &mut PlanState, action: &Action) -> Result<(), PlanError> {
        let Position::Step { cause_id, .. } = state.position.clone() else { return Err(PlanError::Finished) };
        let steps = &self.steps[state.cause];
        let step = &steps[state.step];
        let mut why = None;
        let finish = |state: &mut PlanState, status| {
            state.statuses[state.step] = status;
            if status == StepStatus::Done {
                state.done.insert(step.key.clone(), cause_id.clone());
            }
        };
        match action {
            Action::Done if step.step.check.is_none() => {
                finish(state, StepStatus::Done);
                state.step += 1;
            }
            Action::Skip => {
                finish(state, StepStatus::Skipped);
                state.step += 1;
            }
            Action::Answer(id) => {
                let answer = step.step.check.as_ref().and_then(|c| c.answer(id)).ok_or(PlanError::DoesNotFit)?;
                finish(state, StepStatus::Done);
                why = self.follow(state, &cause_id, &answer.then, &step.key, id);
            }
            Action::NextCause => {
                why = Some(MoveReason::YouChose);
                state.step = steps.len();
            }
            Action::Done => return Err(PlanError::DoesNotFit),
        }
        state.notes.clear();
        self.settle(state, why);
        Ok(())
    }
}
