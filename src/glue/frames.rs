//! The frame loop: one callback per camera frame (requestVideoFrameCallback, or
//! requestAnimationFrame where missing), and readback of a frame's pixels through a canvas.
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

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

fn has_video_frame_callback(video: &HtmlVideoElement) -> bool {
    js_sys::Reflect::has(video, &"requestVideoFrameCallback".into()).unwrap_or(false)
}

type FrameClosure = Closure<dyn FnMut(f64, JsValue)>;

struct LoopState {
    running: bool,
    handle: Option<u32>,
    uses_video_callback: bool,
    closure: Option<FrameClosure>,
}

/// Calls `on_frame(timestamp_ms)` once per presented camera frame until stopped or dropped.
/// The timestamp is the frame's media time where the browser gives it, so dropped frames show as
/// gaps rather than being hidden.
pub struct FrameLoop {
    video: HtmlVideoElement,
    state: Rc<RefCell<LoopState>>,
}

impl FrameLoop {
    pub fn start(video: HtmlVideoElement, mut on_frame: impl FnMut(f64) + 'static) -> FrameLoop {
        let uses_video_callback = has_video_frame_callback(&video);
        let state = Rc::new(RefCell::new(LoopState { running: true, handle: None, uses_video_callback, closure: None }));
        let weak = Rc::downgrade(&state);
        let video_for_cb = video.clone();
        let closure: FrameClosure = Closure::new(move |now: f64, metadata: JsValue| {
            let Some(state) = weak.upgrade() else { return };
            if !state.borrow().running {
                return;
            }
            let media_ms = js_sys::Reflect::get(&metadata, &"mediaTime".into())
                .ok()
                .and_then(|v| v.as_f64())
                .map(|s| s * 1000.0);
            on_frame(media_ms.unwrap_or(now));
            schedule(&video_for_cb, &state);
        });
        state.borrow_mut().closure = Some(closure);
        schedule(&video, &state);
        FrameLoop { video, state }
    }

    pub fn stop(&self) {
        let mut s = self.state.borrow_mut();
        s.running = false;
        if let Some(handle) = s.handle.take() {
            if s.uses_video_callback {
                self.video.unchecked_ref::<VideoWithFrameCallback>().cancel_video_frame_callback(handle);
            } else if let Some(w) = web_sys::window() {
                let _ = w.cancel_animation_frame(handle as i32);
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
    s.handle = if s.uses_video_callback {
        Some(video.unchecked_ref::<VideoWithFrameCallback>().request_video_frame_callback(f))
    } else {
        web_sys::window().and_then(|w| w.request_animation_frame(f).ok()).map(|h| h as u32)
    };
}

/// Pixels of one frame, RGBA, row-major.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Reads frames through an off-screen canvas, scaled so the width is at most `max_width`
/// (small frames keep the per-frame cost low; the LED stays several pixels wide).
pub struct FrameReader {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    max_width: u32,
}

impl FrameReader {
    pub fn new(max_width: u32) -> Result<FrameReader, String> {
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .map_err(|_| "cannot create a canvas")?
            .dyn_into()
            .map_err(|_| "not a canvas")?;
        let options = web_sys::ContextAttributes2d::new();
        options.set_will_read_frequently(true);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context_with_context_options("2d", &options)
            .ok()
            .flatten()
            .ok_or("no 2d canvas")?
            .dyn_into()
            .map_err(|_| "not a 2d context")?;
        Ok(FrameReader { canvas, ctx, max_width: max_width.max(16) })
    }

    /// The current frame of `video`, or None before the first frame has arrived.
    pub fn read(&self, video: &HtmlVideoElement) -> Option<Pixels> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return None;
        }
        let width = vw.min(self.max_width);
        let height = ((vh as u64 * width as u64) / vw as u64).max(1) as u32;
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        self.ctx
            .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, width as f64, height as f64)
            .ok()?;
        let image = self.ctx.get_image_data(0.0, 0.0, width as f64, height as f64).ok()?;
        Some(Pixels { width, height, rgba: image.data().0 })
    }
}
