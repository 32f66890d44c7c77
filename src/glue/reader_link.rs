//! The page's side of the LED reader's Web Worker (`reader_worker`, its own wasm module): starts
//! the worker, hands it frames (their pixels transferred, not copied) and orders, and calls back
//! with each `Report`. At most `IN_FLIGHT` frames wait in the worker: when it is behind, the page
//! skips frames instead of queueing them. Orders given before the worker listens wait for it.
//! Dropping the link ends the worker.
use super::readback::Grab;
use super::reader_protocol::{from_js, message, Order, Report};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Frames handed to the worker and not yet reported on: one being read, one waiting.
const IN_FLIGHT: u32 = 2;

/// Why the reader cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The page does not say where the reader's script is (`window.blinkReader`, set by the
    /// loader), or this browser has no module workers.
    NoWorker,
    /// The worker failed (its script or module did not load), in the browser's words.
    Failed(String),
}

#[derive(Default)]
struct Shared {
    ready: Cell<bool>,
    failed: RefCell<Option<LinkError>>,
    in_flight: Cell<u32>,
    /// Orders given before the worker listened.
    waiting: RefCell<Vec<Order>>,
}

pub struct ReaderLink {
    worker: Worker,
    shared: Rc<Shared>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for ReaderLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Posts `order`, with `pixels` (buffers, transferred) beside it.
fn post(worker: &Worker, order: &Order, pixels: Option<&js_sys::Array>) -> Result<(), LinkError> {
    let message = message(order, pixels).ok_or_else(|| LinkError::Failed("an order that does not convert".into()))?;
    let sent = match pixels {
        Some(buffers) => worker.post_message_with_transfer(&message, buffers),
        None => worker.post_message(&message),
    };
    sent.map_err(|e| LinkError::Failed(e.as_string().unwrap_or_else(|| "the worker refused a message".into())))
}

impl ReaderLink {
    /// Starts the worker; `on_report` is called with each report, `on_fail` once if the worker
    /// fails later (its script or module could not be loaded).
    pub fn start(mut on_report: impl FnMut(Report) + 'static, on_fail: impl Fn(LinkError) + 'static) -> Result<ReaderLink, LinkError> {
        let window = web_sys::window().ok_or(LinkError::NoWorker)?;
        let url = js_sys::Reflect::get(&window, &"blinkReader".into()).ok().and_then(|u| u.as_string()).ok_or(LinkError::NoWorker)?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url, &options).map_err(|_| LinkError::NoWorker)?;
        let shared = Rc::new(Shared::default());
        let (s, w) = (shared.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            if data.as_string().as_deref() == Some("ready") {
                s.ready.set(true);
                for order in s.waiting.borrow_mut().drain(..) {
                    let _ = post(&w, &order, None);
                }
                return;
            }
            // A report, or "skipped": either way one frame less is owed.
            s.in_flight.set(s.in_flight.get().saturating_sub(1));
            if let Some(report) = from_js::<Report>(data) {
                on_report(report);
            }
        });
        let s = shared.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let message = js_sys::Reflect::get(&ev, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "the reader did not start".into());
            let error = LinkError::Failed(message);
            if s.failed.borrow().is_none() {
                *s.failed.borrow_mut() = Some(error.clone());
                on_fail(error);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ReaderLink { worker, shared, _on_message: on_message, _on_error: on_error })
    }

    /// True once the worker has failed (it will not read).
    pub fn failed(&self) -> bool {
        self.shared.failed.borrow().is_some()
    }

    /// True while a frame handed now would have to wait (the worker is starting, or behind).
    pub fn busy(&self) -> bool {
        !self.shared.ready.get() || self.shared.in_flight.get() >= IN_FLIGHT || self.shared.failed.borrow().is_some()
    }

    /// Hands over one frame for reading `reading`; its pixels move to the worker.
    pub fn frame(&self, reading: u32, t_ms: f64, grab: Grab) -> Result<(), LinkError> {
        let g = grab.geometry;
        let windows = grab.windows.iter().map(|(r, _)| *r).collect();
        let order = Order::Frame { reading, t_ms, width: g.camera_w as u32, height: g.camera_h as u32, windows };
        let buffers = js_sys::Array::of1(&grab.overview.buffer());
        for (_, px) in &grab.windows {
            buffers.push(&px.buffer());
        }
        post(&self.worker, &order, Some(&buffers))?;
        self.shared.in_flight.set(self.shared.in_flight.get() + 1);
        Ok(())
    }

    /// A restart or a pin: sent now, or once the worker listens.
    pub fn order(&self, order: Order) {
        if self.shared.ready.get() {
            let _ = post(&self.worker, &order, None);
        } else {
            self.shared.waiting.borrow_mut().push(order);
        }
    }
}
