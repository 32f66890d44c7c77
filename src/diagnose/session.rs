//! The screen machine: which screen shows, what the person told us, and the fix plan, changed only
//! through the transitions below. Each screen has its own relative URL (`Route`), so Back and
//! Forward move between screens and a reload lands where the person was; the whole session is
//! saved as a string (the UI keeps it in sessionStorage) so answers survive a reload.
//!
//! Transitions say how the browser's history should follow (`Nav`); the UI only carries that out.
use super::{diagnose, Action, FixPlan, Inputs, PlanError, PlanState};
use crate::kb::Kb;
use crate::led::LedEvidence;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Screen {
    /// What the app does and the model picker.
    Home,
    /// The chosen model: where its light and reset button are; camera or questions.
    Model,
    /// The camera reading.
    Reading,
    /// Questions before there is anything to rank by (no reading, no answer yet).
    Questions,
    /// Ranked causes, evidence, the next question.
    Diagnosis,
    /// The fix walkthrough after `at` actions of the plan's log (the step, "fixed" or support).
    Fix { at: usize },
    /// The checks kept on this phone, newest first; or the report of one (its id).
    Checks { open: Option<u64> },
}

/// Something the home screen should say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// The URL named a model the knowledge base does not know (as typed).
    UnknownModel(String),
    /// Questions were asked for before a model was picked: pick one, the questions follow.
    PickModelFirst,
}

/// How the browser history follows a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// A new screen: a new history entry.
    Push,
    /// The same place in history shows something else (a finished reading becomes its diagnosis).
    Replace,
    /// Nothing for the history (the screen stays; its content changed).
    Stay,
}

/// A screen as a URL query: `?model=<id>` plus `source=camera`, `screen=questions|diagnosis|fix`
/// and `step=<n>`; the checks kept on the phone are `?screen=checks` (one of them: `&check=<id>`),
/// with or without a model. Relative, so the app works under any path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The model id as given (trimmed); None when absent or empty.
    pub model: Option<String>,
    pub screen: Screen,
}

impl Route {
    /// Reads a query string (with or without the leading `?`). Model ids are case-insensitive;
    /// an empty one is ignored; unknown parameters are ignored.
    pub fn parse(query: &str) -> Route {
        let (mut model, mut source, mut screen, mut step, mut check) = (None, None, None, None, None);
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value).trim().to_string();
            match key {
                "model" => model = Some(value).filter(|v| !v.is_empty()),
                "source" => source = Some(value),
                "screen" => screen = Some(value),
                "step" => step = value.parse::<usize>().ok(),
                "check" => check = value.parse::<u64>().ok(),
                _ => {}
            }
        }
        let screen = match (model.is_some(), source.as_deref(), screen.as_deref()) {
            (_, _, Some("checks")) => return Route { model: None, screen: Screen::Checks { open: check } },
            (false, _, _) => Screen::Home,
            (true, Some("camera"), _) => Screen::Reading,
            (true, _, Some("questions")) => Screen::Questions,
            (true, _, Some("diagnosis")) => Screen::Diagnosis,
            (true, _, Some("fix")) => Screen::Fix { at: step.unwrap_or(0) },
            (true, _, _) => Screen::Model,
        };
        Route { model, screen }
    }

    /// The query for this route ("" for home).
    pub fn query(&self) -> String {
        match &self.screen {
            Screen::Checks { open: None } => return "?screen=checks".into(),
            Screen::Checks { open: Some(id) } => return format!("?screen=checks&check={id}"),
            _ => {}
        }
        let Some(model) = &self.model else { return String::new() };
        let m = encode(model);
        match &self.screen {
            Screen::Home | Screen::Checks { .. } => String::new(),
            Screen::Model => format!("?model={m}"),
            Screen::Reading => format!("?model={m}&source=camera"),
            Screen::Questions => format!("?model={m}&screen=questions"),
            Screen::Diagnosis => format!("?model={m}&screen=diagnosis"),
            Screen::Fix { at } => format!("?model={m}&screen=fix&step={at}"),
        }
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    screen: Screen,
    inputs: Inputs,
    plan: Option<FixPlan>,
    notice: Option<Notice>,
    /// A question whose earlier answer the person is changing.
    editing: Option<String>,
    /// Questions were asked for before a model was picked: picking one goes straight to them.
    questions_next: bool,
    /// The current check's id on this phone (when its first verdict was shown, ms since 1970),
    /// once it has one; a new reading, another model or starting over begins a new check.
    check: Option<u64>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    pub fn new() -> Session {
        Session { screen: Screen::Home, inputs: Inputs::default(), plan: None, notice: None, editing: None, questions_next: false, check: None }
    }

    /// The session for a page load at `query`: the saved session (from before a reload) when it is
    /// about the same model, and the screen the URL names, where the session allows it.
    pub fn open(kb: &Kb, query: &str, saved: Option<Session>) -> Session {
        let route = Route::parse(query);
        let mut session = saved.unwrap_or_default();
        session.notice = None;
        session.editing = None;
        if let Screen::Checks { .. } = route.screen {
            session.screen = route.screen;
            return session;
        }
        match route.model {
            None => session.screen = Screen::Home,
            Some(raw) => match kb.model(&raw.to_ascii_lowercase()) {
                None => {
                    session.screen = Screen::Home;
                    session.notice = Some(Notice::UnknownModel(raw));
                }
                Some(m) => {
                    if session.inputs.model != m.id {
                        session = Session { inputs: Inputs { model: m.id.clone(), ..Default::default() }, ..Session::new() };
                    }
                    session.questions_next = false;
                    session.show(route.screen);
                }
            },
        }
        session
    }

    /// Back or Forward landed on `query`: show that screen with what the session knows now.
    pub fn restore(&mut self, kb: &Kb, query: &str) {
        let current = std::mem::take(self);
        *self = Session::open(kb, query, Some(current));
    }

    /// Shows `wanted`, or the nearest screen the session can show (no diagnosis without
    /// evidence, no fix without a plan or past its log).
    fn show(&mut self, wanted: Screen) {
        let has_model = !self.inputs.model.is_empty();
        self.screen = match wanted {
            _ if !has_model => Screen::Home,
            Screen::Fix { at } if self.plan.as_ref().is_some_and(|p| at <= p.len()) => Screen::Fix { at },
            Screen::Fix { .. } | Screen::Diagnosis if self.inputs.has_evidence() => Screen::Diagnosis,
            Screen::Fix { .. } | Screen::Diagnosis => Screen::Questions,
            other => other,
        };
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    pub fn model_id(&self) -> &str {
        &self.inputs.model
    }

    pub fn plan(&self) -> Option<&FixPlan> {
        self.plan.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn editing(&self) -> Option<&str> {
        self.editing.as_deref()
    }

    pub fn route(&self) -> Route {
        let model = (!self.inputs.model.is_empty() && !matches!(self.screen, Screen::Home | Screen::Checks { .. })).then(|| self.inputs.model.clone());
        Route { model, screen: self.screen.clone() }
    }

    pub fn go_home(&mut self) -> Nav {
        self.screen = Screen::Home;
        self.notice = None;
        self.questions_next = false;
        Nav::Push
    }

    /// "Start over": forgets the answers, the reading and the walkthrough, and goes home.
    pub fn start_over(&mut self) -> Nav {
        *self = Session::new();
        Nav::Push
    }

    /// Picks a model: a different model starts a new diagnosis. Goes to the model's screen, or
    /// straight to the questions when they were asked for before the model was picked.
    pub fn choose_model(&mut self, kb: &Kb, id: &str) -> Nav {
        let Some(model) = kb.model(&id.to_ascii_lowercase()) else { return Nav::Stay };
        if self.inputs.model != model.id {
            self.inputs = Inputs { model: model.id.clone(), ..Default::default() };
            self.plan = None;
            self.check = None;
        }
        self.notice = None;
        self.editing = None;
        if std::mem::take(&mut self.questions_next) {
            self.inputs.led = None;
            self.plan = None;
            self.show(Screen::Diagnosis);
        } else {
            self.screen = Screen::Model;
        }
        Nav::Push
    }

    /// "No camera? Answer questions" from anywhere: the questions, or first the model picker
    /// saying a model is needed.
    pub fn questions_anywhere(&mut self) -> Nav {
        if self.inputs.model.is_empty() {
            self.screen = Screen::Home;
            self.notice = Some(Notice::PickModelFirst);
            self.questions_next = true;
            Nav::Push
        } else {
            self.questions_only()
        }
    }

    pub fn start_reading(&mut self) -> Nav {
        if self.inputs.model.is_empty() {
            return Nav::Stay;
        }
        self.screen = Screen::Reading;
        Nav::Push
    }

    /// The camera reading ended: keep it and show the diagnosis in the reading's place in history.
    pub fn reading_done(&mut self, evidence: LedEvidence) -> Nav {
        if self.screen != Screen::Reading {
            return Nav::Stay;
        }
        self.inputs.led = Some(evidence);
        self.plan = None;
        self.editing = None;
        self.check = None;
        self.screen = Screen::Diagnosis;
        Nav::Replace
    }

    /// Diagnose from questions alone (no camera, or the camera failed): any reading is dropped;
    /// answers given so far stay.
    pub fn questions_only(&mut self) -> Nav {
        if self.inputs.model.is_empty() {
            return Nav::Stay;
        }
        self.inputs.led = None;
        self.plan = None;
        self.editing = None;
        self.show(Screen::Diagnosis);
        Nav::Push
    }

    /// Records (or changes) an answer. The first answer on the questions screen opens the
    /// diagnosis. Answers that do not fit the model are refused.
    pub fn answer(&mut self, kb: &Kb, question: &str, answer: &str) -> Nav {
        let Some(model) = kb.model(&self.inputs.model) else { return Nav::Stay };
        let offered = kb.question(question).filter(|q| q.fits(model)).and_then(|q| q.answer_index(answer).filter(|a| q.answers_on(model).contains(a)));
        if offered.is_none() {
            return Nav::Stay;
        }
        self.inputs.answers.insert(question.to_string(), answer.to_string());
        self.inputs.skipped.remove(question);
        self.editing = None;
        self.plan = None;
        if self.screen == Screen::Questions {
            self.screen = Screen::Diagnosis;
            Nav::Push
        } else {
            Nav::Stay
        }
    }

    pub fn skip(&mut self, question: &str) -> Nav {
        if self.editing.as_deref() == Some(question) {
            self.editing = None;
        } else {
            self.inputs.skipped.insert(question.to_string());
        }
        Nav::Stay
    }

    /// Offers the skipped questions again.
    pub fn unskip_all(&mut self) -> Nav {
        self.inputs.skipped.clear();
        Nav::Stay
    }

    /// Opens an earlier answer for changing.
    pub fn change(&mut self, question: &str) -> Nav {
        if self.inputs.answers.contains_key(question) {
            self.editing = Some(question.to_string());
        }
        Nav::Stay
    }

    pub fn cancel_change(&mut self) -> Nav {
        self.editing = None;
        Nav::Stay
    }

    /// Starts the walkthrough with `cause` first (or, with None, the most likely cause that has
    /// something to fix), then the other likely causes.
    pub fn start_fix(&mut self, kb: &Kb, cause: Option<&str>) -> Nav {
        let Ok(d) = diagnose(kb, &self.inputs) else { return Nav::Stay };
        if !self.inputs.has_evidence() {
            return Nav::Stay;
        }
        let plan = FixPlan::new(kb, &self.inputs.model, &d.ranking(), cause).knowing(&self.inputs.answers);
        if plan.causes.is_empty() {
            return Nav::Stay;
        }
        self.plan = Some(plan);
        self.screen = Screen::Fix { at: 0 };
        Nav::Push
    }

    /// Back to the diagnosis from the walkthrough (the plan is kept: Forward returns to it).
    pub fn to_diagnosis(&mut self) -> Nav {
        self.show(Screen::Diagnosis);
        Nav::Push
    }

    /// Takes a walkthrough action at the current step: the next position is a new screen.
    pub fn act(&mut self, kb: &Kb, action: Action) -> Result<Nav, PlanError> {
        let Screen::Fix { at } = self.screen else { return Err(PlanError::Finished) };
        let plan = self.plan.as_mut().ok_or(PlanError::Finished)?;
        let next = plan.act(kb, at, action)?;
        self.screen = Screen::Fix { at: next };
        Ok(Nav::Push)
    }

    /// The checks kept on the phone (`open`: one check's report).
    pub fn show_checks(&mut self, open: Option<u64>) -> Nav {
        self.screen = Screen::Checks { open };
        self.notice = None;
        Nav::Push
    }

    /// The current check's id: the one it has, or `now` (ms since 1970) when it has a verdict
    /// for the first time. None while there is nothing to rank by.
    pub fn check_id(&mut self, now: u64) -> Option<u64> {
        if !self.inputs.has_evidence() {
            return None;
        }
        Some(*self.check.get_or_insert(now))
    }

    /// The current check's id, when it has one (see `check_id`).
    pub fn current_check(&self) -> Option<u64> {
        self.check.filter(|_| self.inputs.has_evidence())
    }

    /// The walkthrough where the fix screen stands.
    pub fn plan_state(&self, kb: &Kb) -> Option<PlanState> {
        let Screen::Fix { at } = self.screen else { return None };
        self.plan.as_ref().map(|p| p.state_at(kb, at))
    }

    /// The session as a string for storage (hex of its compact binary form).
    pub fn save(&self) -> String {
        let bytes = postcard::to_allocvec(self).unwrap_or_default();
        let mut out = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            out.push(char::from(HEX[(b >> 4) as usize]));
            out.push(char::from(HEX[(b & 15) as usize]));
        }
        out
    }

    /// A saved session, or None when the text is not one (another version, damage).
    pub fn load(text: &str) -> Option<Session> {
        let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        let raw = text.as_bytes();
        if raw.is_empty() || raw.len() % 2 != 0 {
            return None;
        }
        let bytes: Option<Vec<u8>> = raw.chunks(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect();
        postcard::from_bytes(&bytes?).ok()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";
