//! Aim and read: the rear camera's preview with an aiming circle, the LED outlined once found,
//! a live chart, what the reading is waiting for, and tap-to-select. Hands each frame to the
//! signal core and, when it decides, hands the result to the app state.
use super::chart::{ChartPoint, StripChart, CHART_SPAN_S};
use super::use_state;
use crate::glue::camera::{self, CameraError};
use crate::glue::device::{self, WakeLock};
use crate::glue::frames::{FrameLoop, FrameReader};
use crate::kb::Kb;
use crate::signal::{Frame, LedReader, NotFound, Status, Waiting, MAX_WATCH_S};
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::MediaStream;

/// Frames are read at most this wide: enough for a 2 px LED at arm's length, cheap per frame.
const READ_WIDTH: u32 = 320;
/// Below this many frames per second the reading cannot separate quick flashes.
const MIN_FPS: f64 = 8.0;

/// Everything that holds the camera, released together when dropped.
struct CameraSession {
    stream: MediaStream,
    _frames: FrameLoop,
    _watchdog: Interval,
}

impl Drop for CameraSession {
    fn drop(&mut self) {
        camera::stop(&self.stream);
    }
}

#[derive(Debug, Clone, PartialEq)]
enum CameraState {
    Starting,
    Live,
    Paused,
    TrackEnded,
    Failed(CameraError),
}

/// What the progress line shows.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shown {
    headline: String,
    advice: Option<&'static str>,
    led_at: Option<(f32, f32)>,
    elapsed_s: f64,
}

/// What the reading is waiting for, in words.
fn waiting_text(waiting: Waiting) -> &'static str {
    match waiting {
        Waiting::AnyLight => "watching for any light",
        Waiting::MoreFlashes => "watching for more flashes",
        Waiting::FlashesGoOn => "watching whether the flashes go on",
        Waiting::SecondLight => "checking the second light beside it",
    }
}

/// Why no light is found yet, and what to do about it.
fn advice_text(why: NotFound) -> &'static str {
    match why {
        NotFound::TooDark => "The picture is very dark. Move closer or add some light (not pointed at the camera).",
        NotFound::Saturated => "The picture is washed out. Avoid pointing at bright light or windows; tilt the phone to cut glare.",
        NotFound::NothingChanging => "No light is switching on and off yet. Keep the Blink's light in the circle, or tap the light.",
    }
}

#[component]
pub fn Reading() -> impl IntoView {
    let state = use_state();
    let model_name = Kb::builtin().model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let camera_state = RwSignal::new(CameraState::Starting);
    let shown = RwSignal::new(Shown::default());
    let points = RwSignal::new(Vec::<ChartPoint>::new());
    let aspect = RwSignal::new(4.0 / 3.0);
    let low_fps = RwSignal::new(None::<f64>);
    let session = StoredValue::new_local(None::<CameraSession>);
    let reader = StoredValue::new_local(Rc::new(RefCell::new(LedReader::new())));
    let finished = StoredValue::new_local(Rc::new(Cell::new(false)));
    let wake = StoredValue::new_local(None::<WakeLock>);

    let start = move || {
        camera_state.set(CameraState::Starting);
        session.set_value(None);
        reader.with_value(|r| *r.borrow_mut() = LedReader::new());
        points.set(Vec::new());
        spawn_local(async move {
            let stream = match camera::open_rear_camera().await {
                Ok(s) => s,
                Err(e) => {
                    camera_state.set(CameraState::Failed(e));
                    return;
                }
            };
            let Some(video) = video_ref.get_untracked() else {
                camera::stop(&stream);
                return;
            };
            video.set_src_object(Some(&stream));
            if let Ok(p) = video.play() {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            }
            let frame_reader = match FrameReader::new(READ_WIDTH) {
                Ok(r) => r,
                Err(e) => {
                    camera::stop(&stream);
                    camera_state.set(CameraState::Failed(CameraError::Other(e)));
                    return;
                }
            };
            let frames_seen = Rc::new(Cell::new(0u32));
            let counter = frames_seen.clone();
            let reader_rc = reader.get_value();
            let done_flag = finished.get_value();
            let video_for_frames = video.clone();
            let frames = FrameLoop::start(video, move |t_ms| {
                if done_flag.get() {
                    return;
                }
                let Some(px) = frame_reader.read(&video_for_frames) else { return };
                counter.set(counter.get() + 1);
                if counter.get() == 1 && px.height > 0 {
                    aspect.set(px.width as f64 / px.height as f64);
                }
                let Some(frame) = Frame::new(px.width as usize, px.height as usize, &px.rgba, t_ms) else { return };
                let progress = reader_rc.borrow_mut().push(&frame);
                if let Some(level) = progress.level {
                    points.update(|v| {
                        v.push(ChartPoint { t_s: progress.elapsed_s, level, lit: progress.lit, colour: progress.colour });
                        let cutoff = progress.elapsed_s - CHART_SPAN_S;
                        let keep_from = v.iter().position(|p| p.t_s >= cutoff).unwrap_or(0);
                        v.drain(..keep_from);
                    });
                }
                let (headline, advice) = match &progress.status {
                    Status::Searching { hint } => ("Looking for the light…".to_string(), hint.map(advice_text)),
                    Status::Watching { flashes: 0, waiting } => (format!("Found the light, {}", waiting_text(*waiting)), None),
                    Status::Watching { flashes, waiting } => {
                        let s = if *flashes == 1 { "" } else { "es" };
                        (format!("Seen {flashes} flash{s}, {}", waiting_text(*waiting)), None)
                    }
                    Status::Done(_) => ("Got it".to_string(), None),
                };
                shown.set(Shown { headline, advice, led_at: progress.led_at, elapsed_s: progress.elapsed_s });
                if let Status::Done(evidence) = progress.status {
                    done_flag.set(true);
                    // Leave the screen after this callback returns: leaving drops the frame loop.
                    spawn_local(async move { state.reading_done(evidence) });
                }
            });
            // Not `stream.clone()`: MediaStream has its own clone() that copies the tracks and
            // would keep the camera running.
            let stream_for_watchdog = Clone::clone(&stream);
            let mut last_count = 0u32;
            let mut seconds = 0u32;
            let watchdog = Interval::new(1000, move || {
                seconds += 1;
                if !camera::is_live(&stream_for_watchdog) {
                    camera_state.set(CameraState::TrackEnded);
                    return;
                }
                let count = frames_seen.get();
                let fps = (count - last_count) as f64;
                last_count = count;
                low_fps.set((seconds >= 3 && fps < MIN_FPS).then_some(fps));
            });
            session.set_value(Some(CameraSession { stream, _frames: frames, _watchdog: watchdog }));
            camera_state.set(CameraState::Live);
            // Keep the screen on while reading; the request may never settle (e.g. an
            // unfocused page), so it must not hold up the reading.
            if wake.with_value(|w| w.is_none()) {
                spawn_local(async move {
                    let lock = WakeLock::acquire().await;
                    wake.set_value(Some(lock));
                });
            }
        });
    };

    // Pause while the page is hidden (and free the camera); resume when it is back.
    let on_visibility = Closure::<dyn FnMut()>::new(move || {
        if device::page_hidden() {
            session.set_value(None);
            camera_state.set(CameraState::Paused);
        } else if camera_state.get_untracked() == CameraState::Paused {
            start();
        }
    });
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(d) = &document {
        let _ = d.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    }
    let listener = StoredValue::new_local(Some(on_visibility));

    Effect::new(move |_| start());
    on_cleanup(move || {
        session.set_value(None);
        wake.set_value(None);
        listener.update_value(|l| {
            if let (Some(cb), Some(d)) = (l.take(), web_sys::window().and_then(|w| w.document())) {
                let _ = d.remove_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
            }
        });
    });

    let tap = move |ev: web_sys::MouseEvent| {
        let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width()) as f32;
        let y = ((ev.client_y() as f64 - rect.top()) / rect.height()) as f32;
        reader.with_value(|r| r.borrow_mut().pin(x, y));
    };

    view! {
        <section class="reading" data-testid="reading">
            <h1>{format!("Reading the light of your {model_name}")}</h1>
            <p class="hint">"Hold the phone 20–50 cm away with the light inside the circle. Tap the light if it is not found."</p>
            <div class="preview" style=move || format!("aspect-ratio: {:.4}", aspect.get()) on:click=tap>
                <video node_ref=video_ref autoplay=true muted=true playsinline=true aria-label="Camera preview"></video>
                <div class="reticle" aria-hidden="true"></div>
                {move || shown.get().led_at.map(|(x, y)| view! {
                    <div class="led-box" data-testid="led-box" aria-hidden="true"
                        style=format!("left: {:.1}%; top: {:.1}%", x * 100.0, y * 100.0)></div>
                })}
            </div>
            {move || match camera_state.get() {
                CameraState::Starting => view! { <p class="status" role="status">"Starting the camera…"</p> }.into_any(),
                CameraState::Live => view! {
                    <div class="live">
                        <p class="status" role="status" aria-live="polite" data-testid="reading-status">{move || shown.get().headline}</p>
                        {move || shown.get().advice.map(|a| view! { <p class="advice" data-testid="reading-advice">{a}</p> })}
                        {move || low_fps.get().map(|fps| view! {
                            <p class="advice" data-testid="low-fps">{format!("The camera gives only {fps:.0} pictures a second. Add light (not pointed at the camera) or move closer.")}</p>
                        })}
                        <progress max=format!("{MAX_WATCH_S:.0}") value=move || format!("{:.2}", shown.get().elapsed_s.min(MAX_WATCH_S)) aria-label="Reading progress"></progress>
                        <StripChart points=points />
                        <p class="readout">"Light level: "
                            <output data-testid="brightness" data-value=move || points.with(|p| p.last().map(|p| format!("{:.3}", p.level)).unwrap_or_default())>
                                {move || points.with(|p| p.last().map(|p| format!("{:.0} %", p.level * 100.0)).unwrap_or_else(|| "…".into()))}
                            </output>
                        </p>
                    </div>
                }.into_any(),
                CameraState::Paused => view! {
                    <p class="status" role="status" data-testid="camera-paused">"Paused while the page was hidden. It resumes when you come back."</p>
                }.into_any(),
                CameraState::TrackEnded => view! {
                    <div class="error" role="alert" data-testid="camera-error" data-error="track-ended">
                        <p>"The camera stopped (another app may have taken it)."</p>
                        <button on:click=move |_| start()>"Restart the camera"</button>
                        <button on:click=move |_| state.questions_only()>"Answer questions instead"</button>
                    </div>
                }.into_any(),
                CameraState::Failed(e) => view! {
                    <div class="error" role="alert" data-testid="camera-error" data-error=e.id()>
                        <p>{e.message()}</p>
                        <button on:click=move |_| start()>"Try again"</button>
                        <button data-testid="questions-instead" on:click=move |_| state.questions_only()>"Answer questions instead"</button>
                    </div>
                }.into_any(),
            }}
            <button class="link" on:click=move |_| state.questions_only()>"Skip the camera: answer questions"</button>
        </section>
    }
}
