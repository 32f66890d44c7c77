//! Leptos views. They wire signals to the core and the glue; no analysis happens here.
//! `AppState` holds the domain state (the diagnosis inputs and the fix plan) and the screen;
//! components read and change it through its methods.
mod chart;
mod diagnosis;
mod fix;
mod home;
mod model_art;
mod model_screen;
mod questions;
mod reading;

use crate::diagnose::{diagnose, Diagnosis, FixPlan, Inputs};
use crate::glue::page;
use crate::kb::Kb;
use crate::led::LedEvidence;
use leptos::prelude::*;

/// Which screen is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home { notice: Option<String> },
    Model,
    Reading,
    Diagnosis,
    Fix,
}

const LAST_MODEL_KEY: &str = "blink-doctor.last-model";

/// The app's state: plain data in signals, changed only through these methods.
#[derive(Clone, Copy)]
pub struct AppState {
    pub screen: RwSignal<Screen>,
    /// Model, LED reading, answers and skipped questions: what the diagnosis is computed from.
    pub inputs: RwSignal<Inputs>,
    pub plan: RwSignal<Option<FixPlan>>,
}

impl AppState {
    fn new() -> AppState {
        let kb = Kb::builtin();
        let known = |id: &String| kb.model(id).is_some();
        let url_model = page::query_param("model");
        let remembered = page::remembered(LAST_MODEL_KEY).filter(known);
        let (screen, model) = match url_model {
            Some(id) if known(&id) => {
                let screen = if page::query_param("source").as_deref() == Some("camera") { Screen::Reading } else { Screen::Model };
                (screen, id)
            }
            Some(id) => (
                Screen::Home { notice: Some(format!("“{id}” is not a model Blink Doctor knows. Pick yours below.")) },
                remembered.unwrap_or_default(),
            ),
            None => (Screen::Home { notice: None }, remembered.unwrap_or_default()),
        };
        AppState {
            screen: RwSignal::new(screen),
            inputs: RwSignal::new(Inputs { model, ..Default::default() }),
            plan: RwSignal::new(None),
        }
    }

    pub fn model_id(&self) -> String {
        self.inputs.with(|i| i.model.clone())
    }

    pub fn go_home(&self) {
        self.screen.set(Screen::Home { notice: None });
    }

    /// Picks a model: a new model starts a new diagnosis.
    pub fn choose_model(&self, id: &str) {
        if self.inputs.with_untracked(|i| i.model != id) {
            self.inputs.set(Inputs { model: id.to_string(), ..Default::default() });
            self.plan.set(None);
        }
        page::remember(LAST_MODEL_KEY, id);
    }

    pub fn open_model(&self, id: &str) {
        self.choose_model(id);
        self.screen.set(Screen::Model);
    }

    pub fn start_reading(&self) {
        self.screen.set(Screen::Reading);
    }

    /// The camera reading ended: keep it and show the diagnosis.
    pub fn reading_done(&self, evidence: LedEvidence) {
        self.inputs.update(|i| i.led = Some(evidence));
        self.plan.set(None);
        self.screen.set(Screen::Diagnosis);
    }

    /// Diagnose from questions alone (no camera, or the camera failed).
    pub fn questions_only(&self) {
        self.inputs.update(|i| i.led = None);
        self.plan.set(None);
        self.screen.set(Screen::Diagnosis);
    }

    pub fn answer(&self, question: &str, answer: &str) {
        self.inputs.update(|i| {
            i.answers.insert(question.to_string(), answer.to_string());
        });
    }

    pub fn skip(&self, question: &str) {
        self.inputs.update(|i| {
            i.skipped.insert(question.to_string());
        });
    }

    /// The current diagnosis, recomputed from the inputs.
    pub fn diagnosis(&self) -> Option<Diagnosis> {
        self.inputs.with(|i| diagnose(Kb::builtin(), i).ok())
    }

    /// Starts fixing, with `cause` first and the other likely causes after it.
    pub fn start_fix(&self, cause: &str) {
        if let Some(d) = self.diagnosis() {
            let ranked: Vec<(String, f64)> = d.ranked.iter().map(|r| (r.cause_id.clone(), r.probability)).collect();
            self.plan.set(Some(FixPlan::starting_with(&d.model, &ranked, cause)));
            self.screen.set(Screen::Fix);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let update_ready = RwSignal::new(false);
    // Offline support in release builds only: in `trunk serve` a cache-first worker would hide edits.
    if !cfg!(debug_assertions) {
        leptos::task::spawn_local(async move {
            // Without a service worker the app still works, only not offline: nothing to report.
            let _ = crate::glue::service_worker::register(move || update_ready.set(true)).await;
        });
    }
    view! {
        {move || update_ready.get().then(|| view! {
            <div class="update" role="status" data-testid="update-ready">
                "A new version is ready. "
                <button data-testid="update-reload" on:click=move |_| crate::glue::service_worker::apply_update()>"Reload"</button>
            </div>
        })}
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="top">
            <button class="brand" on:click=move |_| state.go_home()>"Blink Doctor"</button>
            <button class="top-link" data-testid="no-camera" on:click=move |_| {
                if state.model_id().is_empty() { state.go_home() } else { state.questions_only() }
            }>"No camera? Answer questions"</button>
        </header>
        <main id="main" tabindex="-1">
            {move || match state.screen.get() {
                Screen::Home { notice } => view! { <home::Home notice=notice /> }.into_any(),
                Screen::Model => view! { <model_screen::ModelScreen /> }.into_any(),
                Screen::Reading => view! { <reading::Reading /> }.into_any(),
                Screen::Diagnosis => view! { <diagnosis::DiagnosisScreen /> }.into_any(),
                Screen::Fix => view! { <fix::FixScreen /> }.into_any(),
            }}
        </main>
        <footer class="disclaimer">
            "Independent tool. Not made by, endorsed by or affiliated with Blink or Amazon. "
            "Nothing the camera sees leaves your phone."
        </footer>
    }
}

/// The app state from context (provided by `App`).
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
