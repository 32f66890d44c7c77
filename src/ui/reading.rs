//! Aim and read: the rear camera's preview with an aiming circle, the LED outlined once found,
//! a live chart, what the reading is waiting for, and tap-to-select. A view only: the camera and
//! the frame loop live in `use_led_reading`.
use super::chart::StripChart;
use super::use_led_reading::{use_led_reading, CameraState, UseLedReadingOptions, UseLedReadingReturn};
use super::{html, use_state, words};
use crate::kb::Kb;
use crate::signal::MAX_WATCH_S;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Reading() -> impl IntoView {
    let state = use_state();
    let model_name = Kb::builtin().model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let UseLedReadingReturn { camera, shown, points, aspect, low_fps, start, stop, pin } =
        use_led_reading(UseLedReadingOptions { video: video_ref, on_done: Callback::new(move |ev| state.reading_done(ev)) });
    Effect::new(move |_| start());

    let tap = move |ev: web_sys::MouseEvent| {
        let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width()) as f32;
        let y = ((ev.client_y() as f64 - rect.top()) / rect.height()) as f32;
        pin(x, y);
    };
    let questions_instead = move || {
        stop();
        state.questions_only();
    };

    view! {
        <section class="reading" data-testid="reading">
            <h1>{words::reading_title(&model_name)}</h1>
            <p class="hint">{words::READING_HINT}</p>
            <div class="preview" style=move || format!("aspect-ratio: {:.4}", aspect.get()) on:click=tap>
                <video node_ref=video_ref autoplay=true muted=true playsinline=true aria-label=words::CAMERA_PREVIEW></video>
                <div class="reticle" aria-hidden="true"></div>
                {move || shown.get().led_at.map(|(x, y)| view! {
                    <div class="led-box" data-testid="led-box" aria-hidden="true"
                        style=format!("left: {:.1}%; top: {:.1}%", x * 100.0, y * 100.0)></div>
                })}
            </div>
            // Starting, paused and failed: fixed messages with their ways on (one click handler).
            <div inner_html=move || camera_message(&camera.get())
                on:click=move |ev| match html::clicked(&ev, "data-act").as_deref() {
                    Some("restart") => start(),
                    Some("questions") => questions_instead(),
                    _ => {}
                }></div>
            <div class="live" hidden=move || camera.get() != CameraState::Live>
                <p class="status" role="status" aria-live="polite" data-testid="reading-status">{move || shown.get().headline}</p>
                {move || shown.get().advice.map(|a| view! { <p class="advice" data-testid="reading-advice">{a}</p> })}
                {move || low_fps.get().map(|fps| view! { <p class="advice" data-testid="low-fps">{words::low_fps(fps)}</p> })}
                <progress max=format!("{MAX_WATCH_S:.0}") value=move || format!("{:.2}", shown.get().elapsed_s.min(MAX_WATCH_S)) aria-label=words::READING_PROGRESS></progress>
                <StripChart points=points />
                <p class="readout">{words::LIGHT_LEVEL}
                    <output data-testid="brightness" data-value=move || points.with(|p| p.last().map(|p| format!("{:.3}", p.level)).unwrap_or_default())>
                        {move || points.with(|p| p.last().map(|p| format!("{:.0} %", p.level * 100.0)).unwrap_or_else(|| "…".into()))}
                    </output>
                </p>
            </div>
            <button class="link" on:click=move |_| questions_instead()>{words::SKIP_CAMERA}</button>
        </section>
    }
}

/// The camera's state when it is not live, as markup: a status line, or an error with its ways on.
fn camera_message(state: &CameraState) -> String {
    let button = |act: &str, testid: &str, label: &str| format!("<button data-act=\"{act}\"{testid}>{label}</button>");
    let questions = button("questions", " data-testid=\"questions-instead\"", words::QUESTIONS_INSTEAD);
    match state {
        CameraState::Live => String::new(),
        CameraState::Starting => format!("<p class=\"status\" role=\"status\">{}</p>", words::CAMERA_STARTING),
        CameraState::Paused => format!("<p class=\"status\" role=\"status\" data-testid=\"camera-paused\">{}</p>", words::CAMERA_PAUSED),
        CameraState::TrackEnded => format!(
            "<div class=\"error\" role=\"alert\" data-testid=\"camera-error\" data-error=\"track-ended\"><p>{}</p>{}{questions}</div>",
            words::CAMERA_STOPPED,
            button("restart", "", words::RESTART_CAMERA)
        ),
        CameraState::Failed(e) => format!(
            "<div class=\"error\" role=\"alert\" data-testid=\"camera-error\" data-error=\"{}\"><p>{}</p>{}{questions}</div>",
            e.id(),
            html::esc(&e.message()),
            button("restart", "", words::TRY_AGAIN)
        ),
    }
}
