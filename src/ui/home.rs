//! Home: what the app does and the model picker.
use super::Screen;
use crate::kb::Kb;
use leptos::prelude::*;

#[component]
pub fn Home(model: RwSignal<Option<String>>, screen: RwSignal<Screen>, notice: Option<String>) -> impl IntoView {
    let kb = Kb::builtin();
    let models = kb.models.clone();
    view! {
        <section class="home">
            <h1>"Why is my Blink flashing?"</h1>
            <p class="lead">"Point your phone at the camera's light. Blink Doctor reads the pattern and tells you what it means and how to fix it."</p>
            {notice.map(|n| view! { <p class="notice" role="alert" data-testid="notice">{n}</p> })}
            <h2 id="pick-heading">"1. Pick your model"</h2>
            <ul class="models" role="list" aria-labelledby="pick-heading">
                {models.into_iter().map(|m| {
                    let id = m.id.clone();
                    let id_for_class = m.id.clone();
                    let id_for_pressed = m.id.clone();
                    view! {
                        <li>
                            <button
                                class="model"
                                class:selected=move || model.get().as_deref() == Some(id_for_class.as_str())
                                aria-pressed=move || (model.get().as_deref() == Some(id_for_pressed.as_str())).to_string()
                                data-model=m.id.clone()
                                on:click=move |_| model.set(Some(id.clone()))
                            >
                                <span class="model-name">{m.name.clone()}</span>
                                <span class="model-power">{m.power.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button
                class="primary"
                data-testid="start-camera"
                disabled=move || model.get().is_none()
                on:click=move |_| {
                    if let Some(id) = model.get() {
                        screen.set(Screen::Camera { model: id });
                    }
                }
            >"2. Read the light with the camera"</button>
        </section>
    }
}
