//! Aim and read: the camera's preview (or the chosen video) with an aiming circle, the LED
//! outlined once found, zoom (slider, buttons, pinch), guidance, a progress bar that says how
//! long is left, a live chart with a caption, and tap-to-select. A view only: the camera, the
//! video and the frame loop live in `use_led_reading`.
use super::chart::StripChart;
use super::use_led_reading::{use_led_reading, LedReading, Panel, Shown, Source, SourceState, UseLedReadingOptions, VideoProblem};
use super::{html, use_state, words};
use crate::glue::controls;
use crate::glue::video_file::{self, VideoError};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

#[component]
pub fn Reading() -> impl IntoView {
    let state = use_state();
    let model_name = words::kb().model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let reader = words::kb().reader_options(&state.model_id());
    let reading = use_led_reading(UseLedReadingOptions { video: video_ref, on_done: Callback::new(move |ev| state.reading_done(ev)), reader });
    Effect::new(move |_| reading.begin());
    let LedReading { panel, shown, points, .. } = reading;

    // Pointers on the preview: one is a tap (pin and focus, the click handler), two are a pinch
    // (zoom). One listener for the four pointer events, added to the preview once it exists and
    // released with the screen.
    let preview_ref = NodeRef::<leptos::html::Div>::new();
    let pinch = RefCell::new(Pinch::default());
    let on_pointer = Closure::<dyn FnMut(web_sys::PointerEvent)>::new(move |ev: web_sys::PointerEvent| {
        let ratio = pinch.borrow_mut().on(&ev);
        if let Some(r) = ratio {
            reading.pinch(r);
        }
    });
    let listener: js_sys::Function = on_pointer.as_ref().unchecked_ref::<js_sys::Function>().clone();
    StoredValue::new_local(on_pointer);
    Effect::new(move |_| {
        if let Some(preview) = preview_ref.get() {
            for kind in ["pointerdown", "pointermove", "pointerup", "pointercancel"] {
                let _ = preview.add_event_listener_with_callback(kind, &listener);
            }
        }
    });
    let tap = move |ev: web_sys::MouseEvent| {
        let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width()) as f32;
        let y = ((ev.client_y() as f64 - rect.top()) / rect.height()) as f32;
        reading.pin(x, y);
    };
    let questions_instead = move || {
        reading.stop();
        state.questions_only();
    };
    let is_video = move || panel.with(|p| p.source == Source::Video);
    let zoom = move || panel.with(|p| p.zoom);
    let video_style = move || {
        let s = zoom().map(|z| z.preview_scale()).unwrap_or(1.0);
        if s > 1.0 { format!("transform: scale({})", words::fixed(s, 4)) } else { String::new() }
    };
    // Once the camera shows, its preview is brought into view if it starts below the window's
    // bottom (a phone at 200 % zoom shows the header, the title and the hint first): the person
    // aims by it, and the progress follows it. Focus stays on the heading.
    let brought_into_view = StoredValue::new(false);
    Effect::new(move |_| {
        let live = panel.with(|p| p.state == SourceState::Live);
        if !live || brought_into_view.get_value() {
            return;
        }
        let (Some(preview), Some(window)) = (preview_ref.get(), web_sys::window()) else { return };
        brought_into_view.set_value(true);
        let below = window.inner_height().ok().and_then(|h| h.as_f64()).is_some_and(|h| preview.get_bounding_client_rect().bottom() > h);
        if below {
            preview.scroll_into_view_with_bool(true);
        }
    });
    let zoom_row = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let z = zoom();
        if let Some(row) = zoom_row.get() {
            show_zoom(&row, z);
        }
    });

    view! {
        <section class="reading" data-testid="reading" data-source=move || if is_video() { "video" } else { "camera" }>
            <h1>{words::reading_title(&model_name)}</h1>
            <p class="hint"><span class="for-camera">{words::reading_hint()}</span><span class="for-video">{words::video_reading_hint()}</span></p>
            <div class="preview" data-testid="preview" style=move || format!("aspect-ratio: {}", words::fixed(panel.with(|p| p.aspect), 4))
                node_ref=preview_ref on:click=tap>
                <video node_ref=video_ref autoplay=true muted=true playsinline=true style=video_style
                    aria-label=move || if is_video() { words::video_preview() } else { words::camera_preview() }></video>
                <div class="reticle" aria-hidden="true"></div>
                <div class="led-box" data-testid="led-box" aria-hidden="true" hidden=move || shown.with(|s| s.led_at.is_none())
                    style=move || shown.with(|s| s.led_at.map(|(x, y)| format!("left: {}%; top: {}%", words::fixed(x as f64 * 100.0, 1), words::fixed(y as f64 * 100.0, 1))).unwrap_or_default())></div>
            </div>
            // The zoom row: fixed markup, one handler for its buttons and slider, and one effect
            // that shows the zoom (cheaper than a reactive attribute each).
            <div class="zoom" data-testid="zoom-control" node_ref=zoom_row hidden=true inner_html=zoom_markup()
                on:click=move |ev| match html::clicked(&ev, "data-step").as_deref() {
                    Some("in") => reading.zoom_step(1.0),
                    Some("out") => reading.zoom_step(-1.0),
                    _ => {}
                }
                on:input=move |ev| {
                    let v = ev.target().and_then(|t| js_sys::Reflect::get(&t, &"valueAsNumber".into()).ok()).and_then(|v| v.as_f64());
                    if let Some(v) = v.filter(|v| v.is_finite()) {
                        reading.set_zoom(v);
                    }
                }></div>
            // Starting, paused and failed: fixed messages with their ways on (one click handler).
            <div inner_html=move || panel.with(|p| source_message(&p.state, p.source))
                on:click=move |ev| match html::clicked(&ev, "data-act").as_deref() {
                    Some("restart") | Some("camera") => reading.start(),
                    Some("questions") => questions_instead(),
                    Some("no-light") => reading.accept_no_light(),
                    _ => {}
                }></div>
            <div class="live" hidden=move || panel.with(|p| p.state != SourceState::Live)>
                <p class="status" role="status" aria-live="polite" data-testid="reading-status">{move || shown.with(|s| s.headline.clone())}</p>
                // Advice, the frame rate and the exposure note: plain lines, as markup.
                <div inner_html=move || notes(&shown.get(), &panel.get())></div>
                <div class="progress-line">
                    <progress max="1" value=move || words::fixed(shown.with(|s| s.bar), 3) aria-label=words::reading_progress()></progress>
                    <span data-testid="time-left">{move || words::time_left(shown.with(|s| s.left_s))}</span>
                </div>
                <figure class="chart">
                    <StripChart points=points />
                    <figcaption>{words::chart_caption()}</figcaption>
                </figure>
                <p class="readout">{words::light_level()}{words::space()}
                    <output data-testid="brightness" data-value=move || points.with(|p| p.last().map(|p| words::fixed(p.level as f64, 3)).unwrap_or_default())>
                        {move || points.with(|p| p.last().map(|p| words::share(p.level as f64)).unwrap_or_else(|| "…".into()))}
                    </output>
                    {words::space()}{words::light_level_of()}
                </p>
            </div>
            <VideoPicker again=true on_file=Callback::new(move |f| reading.use_video(f)) />
            <button class="link" on:click=move |_| questions_instead()><span class="for-camera">{words::skip_camera()}</span><span class="for-video">{words::skip_video()}</span></button>
        </section>
    }
}

/// Two fingers on the preview: the change of their distance, in steps of 5 % or more (so the
/// zoom follows the fingers without asking the camera on every move).
#[derive(Default)]
struct Pinch {
    pointers: Vec<(i32, f64, f64)>,
    from: Option<f64>,
}

impl Pinch {
    /// Follows one pointer event; the distance ratio to zoom by, when there is one.
    fn on(&mut self, ev: &web_sys::PointerEvent) -> Option<f64> {
        let (id, x, y) = (ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64);
        let was_down = self.pointers.iter().any(|p| p.0 == id);
        self.pointers.retain(|p| p.0 != id);
        match ev.type_().as_str() {
            "pointerup" | "pointercancel" => {
                self.from = None;
                return None;
            }
            // A mouse moving with no button down is no finger.
            "pointermove" if !was_down => return None,
            _ => self.pointers.push((id, x, y)),
        }
        let [a, b] = self.pointers[..] else { return None };
        let d = (a.1 - b.1).hypot(a.2 - b.2);
        match self.from {
            Some(d0) if d0 > 0.0 && d > 0.0 && (d / d0 - 1.0).abs() > 0.05 => {
                self.from = Some(d);
                Some(d / d0)
            }
            Some(_) => None,
            None => {
                self.from = Some(d);
                None
            }
        }
    }
}

/// The zoom row's fixed markup: out, the slider, in, the factor.
fn zoom_markup() -> String {
    format!(
        "<button class=\"zoom-btn\" data-testid=\"zoom-out\" data-step=\"out\" aria-label=\"{}\">−</button>\
         <input type=\"range\" data-testid=\"zoom\" aria-label=\"{}\">\
         <button class=\"zoom-btn\" data-testid=\"zoom-in\" data-step=\"in\" aria-label=\"{}\">+</button>\
         <output data-testid=\"zoom-value\"></output>",
        words::zoom_out(),
        words::zoom(),
        words::zoom_in()
    )
}

/// Shows `zoom` in the zoom row: hidden without one; else its kind, the slider's range, step and
/// value, and the factor said beside it.
fn show_zoom(row: &web_sys::HtmlElement, zoom: Option<controls::Zoom>) {
    row.set_hidden(zoom.is_none());
    let Some(z) = zoom else { return };
    let _ = row.set_attribute("data-kind", z.id());
    if let Ok(Some(slider)) = row.query_selector("input") {
        let r = z.range();
        let step = if r.step > 0.0 { words::num(r.step) } else { "any".into() };
        for (k, v) in [("min", words::num(r.min)), ("max", words::num(r.max)), ("step", step), ("data-value", words::num(z.value))] {
            let _ = slider.set_attribute(k, &v);
        }
        let _ = js_sys::Reflect::set(&slider, &"value".into(), &words::num(z.value).into());
    }
    if let Ok(Some(out)) = row.query_selector("output") {
        out.set_text_content(Some(&words::zoom_factor(z.factor())));
    }
}

/// The lines under the status: advice (or the reader's own hint), a too-low frame rate, the
/// lowered exposure.
fn notes(s: &Shown, p: &Panel) -> String {
    let mut out = String::new();
    if let Some(text) = s.advice.map(words::advice).or(s.hint) {
        let id = s.advice.map(|a| a.id()).unwrap_or("hint");
        out += &format!("<p class=\"advice\" data-testid=\"reading-advice\" data-advice=\"{id}\">{}</p>", html::esc(text));
    }
    if let Some(fps) = p.low_fps {
        out += &format!("<p class=\"advice\" data-testid=\"low-fps\">{}</p>", html::esc(&words::low_fps(fps)));
    }
    if p.exposure_lowered {
        out += &format!("<p class=\"note\" data-testid=\"exposure-lowered\">{}</p>", html::esc(words::exposure_lowered()));
    }
    out
}

/// "Use a video instead": a file picker for a recorded video, with the tip on recording one.
#[component]
/// `again`: on the reading screen, where a video may already be playing, the label says
/// "Choose another video" while one is (the screen's `data-source` shows one of the two).
pub fn VideoPicker(again: bool, on_file: Callback<web_sys::File>) -> impl IntoView {
    view! {
        <div class="video-pick">
            <label class="secondary">
                <input type="file" accept="video/*" class="sr-only" data-testid="video-file"
                    on:change=move |ev| {
                        let file = video_file::chosen_file(&ev);
                        video_file::reset_input(&ev);
                        if let Some(f) = file {
                            on_file.run(f);
                        }
                    } />
                <span class="for-camera">{words::video_instead()}</span>
                <span class="for-video" hidden=!again>{words::video_another()}</span>
            </label>
            <p class="tip">{words::video_tip()}</p>
        </div>
    }
}

/// The source's state when it is not live, as markup: a status line, or a problem with its
/// ways on.
fn source_message(state: &SourceState, source: Source) -> String {
    let button = |act: &str, testid: &str, label: &str| format!("<button data-act=\"{act}\" data-testid=\"{testid}\">{label}</button>");
    let questions = button("questions", "questions-instead", words::questions_instead());
    let problem = |testid: &str, id: &str, text: &str, ways: String| {
        format!("<div class=\"error\" role=\"alert\" data-testid=\"{testid}\" data-error=\"{id}\"><p>{}</p>{ways}</div>", html::esc(text))
    };
    match state {
        SourceState::Live => String::new(),
        SourceState::Starting => {
            let text = if source == Source::Video { words::video_opening() } else { words::camera_starting() };
            format!("<p class=\"status\" role=\"status\">{text}</p>")
        }
        SourceState::Paused => format!("<p class=\"status\" role=\"status\" data-testid=\"camera-paused\">{}</p>", words::camera_paused()),
        SourceState::TrackEnded => {
            problem("camera-error", "track-ended", words::camera_stopped(), format!("{}{questions}", button("restart", "restart-camera", words::restart_camera())))
        }
        SourceState::Failed(e) => problem("camera-error", e.id(), &words::camera_error(e), format!("{}{questions}", button("restart", "try-again", words::try_again()))),
        SourceState::ReaderFailed => problem("reader-error", "reader-failed", words::reader_failed(), format!("{}{questions}", button("restart", "try-again", words::try_again()))),
        SourceState::Video(p) => {
            let text = match p {
                VideoProblem::Unreadable(VideoError::Undecodable) => words::video_undecodable().to_string(),
                VideoProblem::Unreadable(VideoError::TooShort(s)) => words::video_too_short(*s),
                VideoProblem::Ended => words::video_ended().to_string(),
                VideoProblem::NoLight => words::video_no_light().to_string(),
            };
            let carry_on = if *p == VideoProblem::NoLight { button("no-light", "accept-no-light", words::video_light_was_off()) } else { String::new() };
            problem("video-error", p.id(), &text, format!("{carry_on}{}{questions}", button("camera", "use-camera", words::use_camera())))
        }
    }
}
