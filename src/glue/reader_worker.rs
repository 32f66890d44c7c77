//! The LED reader's Web Worker (its own wasm module, `blink-reader`): takes frames from the page
//! (`reader_link`) as the reader's view (the overview and the full-resolution windows the reader
//! asked for), runs the reader and the picture measures, and sends a `Report` back, with the
//! rectangles the reader wants next. Says "ready" once it listens: messages sent before are lost.
use super::picture::{self, Picture};
use super::reader_protocol::{from_js, to_js, Order, Report};
use crate::signal::view::{Geometry, Rect, View, Window};
use crate::signal::{Frame, LedReader, ReaderOptions};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// One reading's state; buffers are kept from frame to frame. Public for the browser tests,
/// which hand it messages as the page does (`answer`), without a worker.
pub struct Work {
    reading: u32,
    reader: LedReader,
    picture: Picture,
    overview: Vec<u8>,
    windows: Vec<(Rect, Vec<u8>)>,
}

impl Work {
    /// Reading 0 with `options`; the page's first `Restart` (sent before any frame) replaces it.
    pub fn new(reading: u32, options: ReaderOptions) -> Work {
        Work { reading, reader: LedReader::with_options(options), picture: Picture::default(), overview: Vec::new(), windows: Vec::new() }
    }

    /// Carries out one message from the page (`reader_protocol::message`: an order, and a
    /// frame's pixels beside it) and returns the answer to post back: every frame is answered
    /// (the page counts the frames it is owed), with a report, or "skipped" for one of an
    /// earlier reading or a malformed one. Nothing for another order, or a message that is not
    /// an order (none is sent).
    pub fn answer(&mut self, message: &JsValue) -> Option<JsValue> {
        let head = js_sys::Reflect::get(message, &"order".into()).ok()?;
        match from_js::<Order>(head)? {
            Order::Restart { reading, options } => *self = Work::new(reading, options),
            Order::Pin { x, y } => self.reader.pin(x, y),
            Order::Frame { reading, t_ms, width, height, windows } => {
                let buffers = js_sys::Reflect::get(message, &"pixels".into()).ok().and_then(|b| b.dyn_into::<js_sys::Array>().ok());
                let report = buffers.filter(|b| reading == self.reading && self.take(b, &windows)).and_then(|_| self.frame(t_ms, width, height));
                return Some(report.and_then(|r| to_js(&r)).unwrap_or_else(|| JsValue::from_str("skipped")));
            }
        }
        None
    }

    /// Copies a frame's pixels (`buffers`: the overview, then one per area) into this state;
    /// false when they do not match.
    fn take(&mut self, buffers: &js_sys::Array, areas: &[Rect]) -> bool {
        if buffers.length() as usize != areas.len() + 1 {
            return false;
        }
        let bytes = |i: u32| buffers.get(i).dyn_into::<js_sys::ArrayBuffer>().ok().map(|b| js_sys::Uint8Array::new(&b));
        let Some(overview) = bytes(0) else { return false };
        copy(&overview, &mut self.overview);
        self.windows.resize_with(areas.len(), Default::default);
        for (i, (a, slot)) in areas.iter().zip(self.windows.iter_mut()).enumerate() {
            let Some(px) = bytes(i as u32 + 1) else { return false };
            slot.0 = *a;
            copy(&px, &mut slot.1);
        }
        true
    }

    /// Reads the frame in this state (`width` x `height` camera pixels); None for a malformed one.
    fn frame(&mut self, t_ms: f64, width: u32, height: u32) -> Option<Report> {
        let started = now();
        let Work { reading, reader, picture, overview, windows } = self;
        let geometry = Geometry::for_camera(width as usize, height as usize);
        let overview = Frame::new(geometry.overview_w, geometry.overview_h, overview, t_ms)?;
        let windows: Vec<Window> = windows.iter().filter_map(|(r, b)| Window::new(*r, b)).collect();
        let view = View { t_ms, geometry, overview, windows: &windows };
        let progress = reader.push_view(&view);
        picture.update(&view.overview);
        let light_px = if progress.lit {
            progress.led_at.and_then(|(x, y)| picture::light_size(&view, x * geometry.camera_w as f32, y * geometry.camera_h as f32))
        } else {
            None
        };
        Some(Report {
            reading: *reading,
            t_ms,
            progress,
            brightness: picture.brightness.mean,
            clipped: picture.brightness.clipped,
            shake: picture.shake(),
            light_px,
            work_ms: now() - started,
            wanted: reader.wanted(),
        })
    }
}

fn copy(from: &js_sys::Uint8Array, to: &mut Vec<u8>) {
    to.resize(from.length() as usize, 0);
    from.copy_to(to);
}

fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// Starts listening; runs in the worker (its `main`).
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    // Until the page's first Restart (it sends one before any frame), the reader's defaults.
    let work = RefCell::new(Work::new(0, ReaderOptions::default()));
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let Ok(mut w) = work.try_borrow_mut() else { return };
        if let Some(answer) = w.answer(&ev.data()) {
            let _ = reply.post_message(&answer);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its listener.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
