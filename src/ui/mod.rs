//! Leptos views. They wire signals to the core and the glue; no analysis happens here.
mod camera_screen;
mod home;

use crate::glue::page;
use crate::kb::Kb;
use leptos::prelude::*;

/// Which screen is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home { notice: Option<String> },
    Camera { model: String },
}

const LAST_MODEL_KEY: &str = "blink-doctor.last-model";

/// The first screen from the URL: `?model=<id>` opens that model, `&source=camera` starts reading.
fn initial_screen(kb: &Kb) -> Screen {
    match page::query_param("model") {
        Some(id) if kb.model(&id).is_some() => {
            if page::query_param("source").as_deref() == Some("camera") {
                Screen::Camera { model: id }
            } else {
                Screen::Home { notice: None }
            }
        }
        Some(id) => Screen::Home { notice: Some(format!("“{id}” is not a model Blink Doctor knows. Pick yours below.")) },
        None => Screen::Home { notice: None },
    }
}

#[component]
pub fn App() -> impl IntoView {
    let kb = Kb::builtin();
    let screen = RwSignal::new(initial_screen(kb));
    let initial_model = page::query_param("model")
        .filter(|id| kb.model(id).is_some())
        .or_else(|| page::remembered(LAST_MODEL_KEY).filter(|id| kb.model(id).is_some()));
    let model = RwSignal::new(initial_model);
    Effect::new(move |_| {
        if let Some(id) = model.get() {
            page::remember(LAST_MODEL_KEY, &id);
        }
    });

    view! {
        <header class="top">
            <button class="brand" on:click=move |_| screen.set(Screen::Home { notice: None })>"Blink Doctor"</button>
        </header>
        <main id="main">
            {move || match screen.get() {
                Screen::Home { notice } => view! { <home::Home model=model screen=screen notice=notice /> }.into_any(),
                Screen::Camera { model: id } => view! { <camera_screen::CameraScreen model_id=id screen=screen /> }.into_any(),
            }}
        </main>
        <footer class="disclaimer">
            "Independent tool. Not made by, endorsed by or affiliated with Blink or Amazon. "
            "Nothing the camera sees leaves your phone."
        </footer>
    }
}
