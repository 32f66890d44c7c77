//! The camera reading as a hook (in the manner of leptos-use): options in; signals and
//! start/stop/pin out; the camera, the frame loop, the fps watchdog, the wake lock and the
//! visibility listener are all released inside, when the owner (the reading screen) goes away.
//!
//! The per-frame work is one small function, `read_frame`: the frame's pixels, a `Frame`, one
//! `LedReader::push`, and the resulting `Progress`.
use super::chart::{ChartPoint, CHART_SPAN_S};
use super::words;
use crate::glue::camera::{self, CameraError};
use crate::glue::device::{self, WakeLock};
use crate::glue::frames::{FrameLoop, FrameReader};
use crate::led::LedEvidence;
use crate::signal::{Frame, LedReader, Progress, Status};
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlVideoElement, MediaStream};

/// Frames are read at most this wide: enough for a 2 px LED at arm's length, cheap per frame.
const READ_WIDTH: u32 = 320;
/// Below this many frames per second the reading cannot separate quick flashes.
const MIN_FPS: f64 = 8.0;

#[derive(Debug, Clone, PartialEq)]
pub enum CameraState {
    Starting,
    Live,
    Paused,
    TrackEnded,
    Failed(CameraError),
}

/// What the progress line shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    pub headline: String,
    pub advice: Option<&'static str>,
    pub led_at: Option<(f32, f32)>,
    pub elapsed_s: f64,
}

pub struct UseLedReadingOptions {
    /// The `<video>` that shows the preview.
    pub video: NodeRef<leptos::html::Video>,
    /// Called once with the finished reading.
    pub on_done: Callback<LedEvidence>,
}

pub struct UseLedReadingReturn<Start, Stop, Pin>
where
    Start: Fn() + Copy + 'static,
    Stop: Fn() + Copy + 'static,
    Pin: Fn(f32, f32) + Copy + 'static,
{
    pub camera: ReadSignal<CameraState>,
    pub shown: ReadSignal<Shown>,
    /// The live chart's points (the last `CHART_SPAN_S` seconds).
    pub points: RwSignal<Vec<ChartPoint>>,
    /// The preview's width / height.
    pub aspect: ReadSignal<f64>,
    /// Frames per second, when too few to read quick flashes.
    pub low_fps: ReadSignal<Option<f64>>,
    /// (Re)starts the camera and a fresh reading.
    pub start: Start,
    /// Stops and releases the camera.
    pub stop: Stop,
    /// The person tapped the light at (x, y), as fractions of the preview.
    pub pin: Pin,
}

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

/// One camera frame: read its pixels, hand them to the LED reader, and return its progress with
/// the frame's size. None before the video has a frame, or for a malformed one.
fn read_frame(frames: &FrameReader, video: &HtmlVideoElement, reader: &RefCell<LedReader>, t_ms: f64) -> Option<(Progress, u32, u32)> {
    let px = frames.read(video)?;
    let frame = Frame::new(px.width as usize, px.height as usize, &px.rgba, t_ms)?;
    let progress = reader.borrow_mut().push(&frame);
    Some((progress, px.width, px.height))
}

fn headline(status: &Status) -> (String, Option<&'static str>) {
    match status {
        Status::Searching { hint } => (words::LOOKING.to_string(), hint.map(words::not_found)),
        Status::Watching { flashes, waiting } => (words::watching(*flashes, *waiting), None),
        Status::Done(_) => (words::GOT_IT.to_string(), None),
    }
}

pub fn use_led_reading(
    options: UseLedReadingOptions,
) -> UseLedReadingReturn<impl Fn() + Copy + 'static, impl Fn() + Copy + 'static, impl Fn(f32, f32) + Copy + 'static> {
    let UseLedReadingOptions { video: video_ref, on_done } = options;
    let (camera_state, set_camera) = signal(CameraState::Starting);
    let (shown, set_shown) = signal(Shown::default());
    let points = RwSignal::new(Vec::<ChartPoint>::new());
    let (aspect, set_aspect) = signal(4.0 / 3.0);
    let (low_fps, set_low_fps) = signal(None::<f64>);
    let session = StoredValue::new_local(None::<CameraSession>);
    let reader = StoredValue::new_local(Rc::new(RefCell::new(LedReader::new())));
    let finished = StoredValue::new_local(Rc::new(Cell::new(false)));
    let wake = StoredValue::new_local(None::<WakeLock>);

    let stop = move || {
        session.set_value(None);
    };

    let start = move || {
        set_camera.set(CameraState::Starting);
        session.set_value(None);
        reader.with_value(|r| *r.borrow_mut() = LedReader::new());
        finished.with_value(|f| f.set(false));
        points.set(Vec::new());
        spawn_local(async move {
            let stream = match camera::open_rear_camera().await {
                Ok(s) => s,
                Err(e) => {
                    set_camera.set(CameraState::Failed(e));
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
                    set_camera.set(CameraState::Failed(CameraError::Other(e)));
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
                let Some((progress, w, h)) = read_frame(&frame_reader, &video_for_frames, &reader_rc, t_ms) else { return };
                counter.set(counter.get() + 1);
                if counter.get() == 1 && h > 0 {
                    set_aspect.set(w as f64 / h as f64);
                }
                if let Some(level) = progress.level {
                    points.update(|v| {
                        v.push(ChartPoint { t_s: progress.elapsed_s, level, lit: progress.lit, colour: progress.colour });
                        let cutoff = progress.elapsed_s - CHART_SPAN_S;
                        let keep_from = v.iter().position(|p| p.t_s >= cutoff).unwrap_or(0);
                        v.drain(..keep_from);
                    });
                }
                let (headline, advice) = headline(&progress.status);
                set_shown.set(Shown { headline, advice, led_at: progress.led_at, elapsed_s: progress.elapsed_s });
                if let Status::Done(evidence) = progress.status {
                    done_flag.set(true);
                    // Hand it on after this callback returns: leaving the screen drops the loop.
                    spawn_local(async move { on_done.run(evidence) });
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
                    set_camera.set(CameraState::TrackEnded);
                    return;
                }
                let count = frames_seen.get();
                let fps = (count - last_count) as f64;
                last_count = count;
                set_low_fps.set((seconds >= 3 && fps < MIN_FPS).then_some(fps));
            });
            session.set_value(Some(CameraSession { stream, _frames: frames, _watchdog: watchdog }));
            set_camera.set(CameraState::Live);
            // Keep the screen on while reading; the request may never settle (e.g. an
            // unfocused page), so it must not hold up the reading.
            if wake.with_value(|w| w.is_none()) {
                spawn_local(async move {
                    // If the screen is gone by now, the lock is dropped (released) at once.
                    wake.set_value(Some(WakeLock::acquire().await));
                });
            }
        });
    };

    // Pause while the page is hidden (and free the camera); resume when it is back.
    let on_visibility = Closure::<dyn FnMut()>::new(move || {
        if device::page_hidden() {
            session.set_value(None);
            set_camera.set(CameraState::Paused);
        } else if camera_state.get_untracked() == CameraState::Paused {
            start();
        }
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    }
    let listener = StoredValue::new_local(Some(on_visibility));

    on_cleanup(move || {
        session.set_value(None);
        wake.set_value(None);
        listener.update_value(|l| {
            if let (Some(cb), Some(d)) = (l.take(), web_sys::window().and_then(|w| w.document())) {
                let _ = d.remove_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
            }
        });
    });

    let pin = move |x: f32, y: f32| reader.with_value(|r| r.borrow_mut().pin(x, y));
    UseLedReadingReturn { camera: camera_state, shown, points, aspect, low_fps, start, stop, pin }
}
