//! Home: what the app does, and the model picker with a drawing of each model.
use super::{model_art::ModelArt, use_state};
use crate::kb::Kb;
use leptos::prelude::*;

#[component]
pub fn Home(notice: Option<String>) -> impl IntoView {
    let state = use_state();
    let models = Kb::builtin().models.clone();
    view! {
        <section class="home">
            <h1>"Why is my Blink flashing?"</h1>
            <p class="lead">"Point your phone at the camera's light. Blink Doctor reads the pattern, tells you what it means and walks you through the fix."</p>
            {notice.map(|n| view! { <p class="notice" role="alert" data-testid="notice">{n}</p> })}
            <h2 id="pick-heading">"Pick your model"</h2>
            <ul class="models" aria-labelledby="pick-heading">
                {models.into_iter().map(|m| {
                    let id = m.id.clone();
                    let id_sel = m.id.clone();
                    view! {
                        <li>
                            <button
                                class="model"
                                class:selected=move || state.inputs.with(|i| i.model == id_sel)
                                data-model=m.id.clone()
                                on:click=move |_| state.open_model(&id)
                            >
                                <ModelArt model_id=m.id.clone() small=true />
                                <span class="model-name">{m.name.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
