//! The LED reader's Web Worker (its own wasm module, `blink-reader`): takes frames from the page
//! (`reader_link`), cuts each into the reader's view (the overview and the full-resolution
//! windows it asks for: `signal::view::CameraFrame`), runs the reader and the picture measures,
//! and sends a `Report` back. Says "ready" once it listens: messages sent before are lost.
use super::picture::{self, Picture};
use super::reader_protocol::{from_js, to_js, Order, Report, StatusReport};
use crate::signal::view::CameraFrame;
use crate::signal::{Frame, LedReader};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// One reading's state; buffers are kept from frame to frame.
struct Work {
    reading: u32,
    reader: LedReader,
    picture: Picture,
    cut: CameraFrame,
    pixels: Vec<u8>,
}

impl Work {
    fn new(reading: u32) -> Work {
        Work { reading, reader: LedReader::new(), picture: Picture::default(), cut: CameraFrame::default(), pixels: Vec::new() }
    }

    /// Reads one frame whose pixels are in `self.pixels`; None for a malformed one.
    fn frame(&mut self, t_ms: f64, width: u32, height: u32) -> Option<Report> {
        let started = now();
        let Work { reading, reader, picture, cut, pixels } = self;
        let frame = Frame::new(width as usize, height as usize, pixels, t_ms)?;
        let wanted = reader.wanted();
        let (progress, size) = cut.cut(&frame, &wanted, |view| {
            let progress = reader.push_view(view);
            picture.update(&view.overview);
            let g = view.geometry;
            let size = if progress.lit {
                progress.led_at.and_then(|(x, y)| picture::light_size(view, x * g.camera_w as f32, y * g.camera_h as f32))
            } else {
                None
            };
            (progress, size)
        });
        Some(Report {
            reading: *reading,
            t_ms,
            status: StatusReport::from(&progress.status),
            level: progress.level,
            lit: progress.lit,
            colour: progress.colour,
            led_at: progress.led_at,
            elapsed_s: progress.elapsed_s,
            brightness: picture.brightness.mean,
            clipped: picture.brightness.clipped,
            shake: picture.shake(),
            light_px: size,
            work_ms: now() - started,
        })
    }
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
    let work = RefCell::new(Work::new(0));
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let Ok(head) = js_sys::Reflect::get(&data, &"order".into()) else { return };
        // A message that is not an order (none is sent) is left alone.
        let Some(order) = from_js::<Order>(head) else { return };
        let Ok(mut w) = work.try_borrow_mut() else { return };
        match order {
            Order::Restart { reading } => *w = Work::new(reading),
            Order::Pin { x, y } => w.reader.pin(x, y),
            Order::Frame { reading, t_ms, width, height } => {
                // Every frame is answered (the page counts the frames it is owed): with a report,
                // or "skipped" for one of an earlier reading or a malformed one.
                let buffer = js_sys::Reflect::get(&data, &"pixels".into()).ok().and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok());
                let report = buffer.filter(|_| reading == w.reading).and_then(|buffer| {
                    let bytes = js_sys::Uint8Array::new(&buffer);
                    w.pixels.resize(bytes.length() as usize, 0);
                    bytes.copy_to(&mut w.pixels);
                    w.frame(t_ms, width, height)
                });
                let value = report.and_then(|r| to_js(&r)).unwrap_or_else(|| JsValue::from_str("skipped"));
                let _ = reply.post_message(&value);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its listener.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
