//! A model's page: where its light and reset button are, and the two ways on.
use super::{model_art::ModelArt, use_state};
use crate::kb::Kb;
use leptos::prelude::*;

#[component]
pub fn ModelScreen() -> impl IntoView {
    let state = use_state();
    let id = state.model_id();
    let Some(model) = Kb::builtin().model(&id).cloned() else {
        state.go_home();
        return view! { <p>"Pick a model."</p> }.into_any();
    };
    view! {
        <section class="model-page" data-testid="model-page" data-model=model.id.clone()>
            <h1>{model.name.clone()}</h1>
            <div class="model-figure">
                <ModelArt model_id=model.id.clone() />
                <dl class="facts">
                    <dt>"Light"</dt><dd>{model.led.clone()}</dd>
                    {model.reset_button.clone().map(|r| view! { <dt>"Reset button"</dt><dd>{r}</dd> })}
                    <dt>"Power"</dt><dd>{model.power.clone()}</dd>
                </dl>
            </div>
            <button class="primary" data-testid="start-camera" on:click=move |_| state.start_reading()>
                "Read the light with the camera"
            </button>
            <button class="secondary" data-testid="questions-only" on:click=move |_| state.questions_only()>
                "No camera: answer a few questions"
            </button>
            <button class="link" on:click=move |_| state.go_home()>"Choose another model"</button>
        </section>
    }
    .into_any()
}
