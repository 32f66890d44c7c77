//! A model's page: what it looks like, where its light and reset button are, how it is powered,
//! and the ways on: the camera, a recorded video, or questions.
use super::reading::VideoPicker;
use super::use_led_reading::choose_video;
use super::{model_art::ModelArt, use_state, words};
use leptos::prelude::*;

#[component]
pub fn ModelScreen() -> impl IntoView {
    let state = use_state();
    // The session never shows this screen without a known model.
    let model = words::kb().model(&state.model_id())?;
    // The next screens are in the check's module: it comes now, so the camera opens without
    // waiting for it (glue::modules; nothing when it is already here).
    crate::glue::modules::prefetch();
    Some(view! {
        <section class="model-page" data-testid="model-page" data-model=model.id.clone()>
            <h1>{model.name.clone()}</h1>
            <div class="model-figure">
                <ModelArt model_id=model.id.clone() />
                <dl class="facts">
                    <dt>{words::fact_looks()}</dt><dd>{model.looks.text.clone()}</dd>
                    <dt>{words::fact_light()}</dt><dd>{model.led.clone()}</dd>
                    {model.reset_button.clone().map(|r| view! { <dt>{words::fact_reset()}</dt><dd>{r}</dd> })}
                    <dt>{words::fact_power()}</dt><dd data-testid="power">{words::power(model)}</dd>
                </dl>
            </div>
            <button class="primary" data-testid="start-camera" on:click=move |_| {
                crate::glue::modules::early_camera();
                state.start_reading();
            }>{words::read_with_camera()}</button>
            <VideoPicker again=false on_file=Callback::new(move |f| {
                choose_video(f);
                state.start_reading();
            }) />
            <button class="secondary" data-testid="questions-only" on:click=move |_| state.questions_only()>{words::questions_instead_button()}</button>
            <button class="link" on:click=move |_| state.go_home()>{words::other_model()}</button>
        </section>
    })
}
