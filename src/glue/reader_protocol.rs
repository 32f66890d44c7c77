//! What crosses between the page and the LED reader's Web Worker (`reader_link` on the page,
//! `reader_worker` in the worker), as typed values. Rust is on both ends, so values cross as
//! postcard bytes (a Uint8Array) through serde; a frame's pixels (its overview and its windows)
//! cross beside them as transferred ArrayBuffers (moved, not copied).
//!
//! Measured against serde-wasm-bindgen (the values as JS objects) on 2026-12-06, gzip: the
//! reader's module 74,372 -> 60,943 and the check's 201,791 -> 194,065 with postcard, which the
//! check's module carries anyway (the KB, the session). Nothing on the JS side reads the messages.
//!
//! The reader's own types (`signal::Progress`, `Status`, `ReaderOptions`, `Rect`) cross as they
//! are: they derive serde's traits (plain Rust, no browser in the core).
use crate::signal::view::Rect;
use crate::signal::{Progress, ReaderOptions};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// A value as the bytes it crosses as.
pub fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    postcard::to_allocvec(value).ok().map(|b| js_sys::Uint8Array::from(&b[..]).into())
}

/// A value back from its bytes; None for anything else (a message that is not one of ours).
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    let bytes = value.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec();
    postcard::from_bytes(&bytes).ok()
}

/// A message as the page posts it to the worker: `{order, pixels}`, the order's bytes and, for
/// a frame, its buffers (to be transferred); None when the order does not convert.
pub fn message(order: &Order, pixels: Option<&js_sys::Array>) -> Option<js_sys::Object> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"order".into(), &to_js(order)?).ok()?;
    if let Some(buffers) = pixels {
        js_sys::Reflect::set(&message, &"pixels".into(), buffers).ok()?;
    }
    Some(message)
}

/// Page to worker: everything but the pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// A new frame of the crop the person sees, `width` x `height` camera pixels, taken at
    /// `t_ms`: its overview (reduced as `Geometry::for_camera` says) and the `windows` at the
    /// camera's resolution travel beside this, in that order, as RGBA.
    Frame { reading: u32, t_ms: f64, width: u32, height: u32, windows: Vec<Rect> },
    /// A fresh reading from now on (a new source, a new zoom), read with `options` (the model's:
    /// `Kb::reader_options`); later reports carry `reading`.
    Restart {
        reading: u32,
        options: ReaderOptions,
    },
    /// The person tapped the picture at (x, y), fractions of it.
    Pin { x: f32, y: f32 },
}

/// Worker to page, once per frame read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The reading it belongs to (`Order::Restart`): the page drops reports of an older one.
    pub reading: u32,
    pub t_ms: f64,
    /// What the reader says after this frame.
    pub progress: Progress,
    /// The picture's mean luma (0..255) and share of clipped samples (`glue::picture`).
    pub brightness: f32,
    pub clipped: f32,
    /// How much the picture shakes (picture widths a second).
    pub shake: f32,
    /// The light's size in camera pixels, when lit and measurable.
    pub light_px: Option<f32>,
    /// Time the worker spent on the frame (ms), for `data-worker-ms`.
    pub work_ms: f64,
    /// The rectangles the reader wants of the next frames (`LedReader::wanted()`).
    pub wanted: Vec<Rect>,
}

