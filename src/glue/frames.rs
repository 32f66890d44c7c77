//! The frame loop: one callback per new video frame, with the frame's media time.
//!
//! requestVideoFrameCallback where the browser has it (it fires once per presented frame and
//! gives the frame's `mediaTime`); elsewhere requestAnimationFrame, calling back only when the
//! video's `currentTime` has moved on (a new frame), with that time. Either way the times are
//! the media's own, so dropped frames show as gaps rather than being hidden.
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlVideoElement;

#[wasm_bindgen]
extern "C" {
    /// A video element with requestVideoFrameCallback (web-sys has it only as unstable API).
    #[wasm_bindgen(extends = HtmlVideoElement)]
    type VideoWithFrameCallback;
    #[wasm_bindgen(method, js_name = requestVideoFrameCallback)]
    fn request_video_frame_callback(this: &VideoWithFrameCallback, callback: &js_sys::Function) -> u32;
    #[wasm_bindgen(method, js_name = cancelVideoFrameCallback)]
    fn cancel_video_frame_callback(this: &VideoWithFrameCallback, handle: u32);
}

/// How new frames are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// requestVideoFrameCallback with the frame's media time.
    VideoFrameCallback,
    /// requestAnimationFrame, watching the video's currentTime.
    AnimationFrame,
}

impl Clock {
    pub fn of(video: &HtmlVideoElement) -> Clock {
        if js_sys::Reflect::has(video, &"requestVideoFrameCallback".into()).unwrap_or(false) {
            Clock::VideoFrameCallback
        } else {
            Clock::AnimationFrame
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Clock::VideoFrameCallback => "video-frame-callback",
            Clock::AnimationFrame => "animation-frame",
        }
    }
}

type FrameClosure = Closure<dyn FnMut(f64, JsValue)>;

struct LoopState {
    running: bool,
    handle: Option<u32>,
    clock: Clock,
    closure: Option<FrameClosure>,
    /// The media time last called back with (the animation-frame clock skips repeats).
    last_media_ms: f64,
}

/// Calls `on_frame(media_time_ms)` once per new video frame until stopped or dropped.
pub struct FrameLoop {
    video: HtmlVideoElement,
    state: Rc<RefCell<LoopState>>,
}

impl FrameLoop {
    pub fn start(video: HtmlVideoElement, on_frame: impl FnMut(f64) + 'static) -> FrameLoop {
        let clock = Clock::of(&video);
        FrameLoop::start_with(video, clock, on_frame)
    }

    /// As `start`, with the clock chosen by the caller (tests run the fallback on purpose).
    pub fn start_with(video: HtmlVideoElement, clock: Clock, mut on_frame: impl FnMut(f64) + 'static) -> FrameLoop {
        let state = Rc::new(RefCell::new(LoopState { running: true, handle: None, clock, closure: None, last_media_ms: f64::NAN }));
        let weak = Rc::downgrade(&state);
        let video_for_cb = video.clone();
        let closure: FrameClosure = Closure::new(move |now: f64, metadata: JsValue| {
            let Some(state) = weak.upgrade() else { return };
            if !state.borrow().running {
                return;
            }
            let media_ms = match clock {
                Clock::VideoFrameCallback => js_sys::Reflect::get(&metadata, &"mediaTime".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .map(|s| s * 1000.0)
                    .unwrap_or(now),
                Clock::AnimationFrame => video_for_cb.current_time() * 1000.0,
            };
            let new_frame = match clock {
                Clock::VideoFrameCallback => true,
                // HAVE_CURRENT_DATA or more, and the picture moved on.
                Clock::AnimationFrame => video_for_cb.ready_state() >= 2 && media_ms != state.borrow().last_media_ms,
            };
            if new_frame {
                state.borrow_mut().last_media_ms = media_ms;
                on_frame(media_ms);
            }
            schedule(&video_for_cb, &state);
        });
        state.borrow_mut().closure = Some(closure);
        schedule(&video, &state);
        FrameLoop { video, state }
    }

    pub fn clock(&self) -> Clock {
        self.state.borrow().clock
    }

    pub fn stop(&self) {
        let mut s = self.state.borrow_mut();
        s.running = false;
        if let Some(handle) = s.handle.take() {
            match s.clock {
                Clock::VideoFrameCallback => self.video.unchecked_ref::<VideoWithFrameCallback>().cancel_video_frame_callback(handle),
                Clock::AnimationFrame => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.cancel_animation_frame(handle as i32);
                    }
                }
            }
        }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.stop();
        // Break the closure's cycle only after it can no longer run.
        self.state.borrow_mut().closure = None;
    }
}

fn schedule(video: &HtmlVideoElement, state: &Rc<RefCell<LoopState>>) {
    let mut s = state.borrow_mut();
    if !s.running {
        return;
    }
    let Some(closure) = s.closure.as_ref() else { return };
    let f: &js_sys::Function = closure.as_ref().unchecked_ref();
    s.handle = match s.clock {
        Clock::VideoFrameCallback => Some(video.unchecked_ref::<VideoWithFrameCallback>().request_video_frame_callback(f)),
        Clock::AnimationFrame => web_sys::window().and_then(|w| w.request_animation_frame(f).ok()).map(|h| h as u32),
    };
}
