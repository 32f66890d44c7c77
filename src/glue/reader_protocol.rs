//! What crosses between the page and the LED reader's Web Worker (`reader_link` on the page,
//! `reader_worker` in the worker), as typed values. Rust is on both ends, so values cross as
//! postcard bytes (a Uint8Array) through serde; a frame's pixels (its overview and its windows)
//! cross beside them as transferred ArrayBuffers (moved, not copied).
//!
//! Measured against serde-wasm-bindgen (the values as JS objects) on 2026-12-06, gzip: the
//! reader's module 74,372 -> 60,943 and the check's 201,791 -> 194,065 with postcard, which the
//! check's module carries anyway (the KB, the session). Nothing on the JS side reads the messages.
//!
//! The reader's own types (`signal::Progress`, `Status`, `NotFound`, `Waiting`, `ReaderOptions`)
//! carry no serde derives (the core is another engineer's): serde's remote derive names their
//! fields below, once, and a field added there fails to build here until it is named.
use crate::led::{LedColour, LedEvidence};
use crate::signal::view::Rect;
use crate::signal::{NotFound, Progress, ReaderOptions, Status, Waiting};
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

/// A rectangle of camera pixels (x, y, w, h), as `signal::view::Rect` (which has no serde).
pub type Area = (u32, u32, u32, u32);

pub fn area(r: &Rect) -> Area {
    (r.x as u32, r.y as u32, r.w as u32, r.h as u32)
}

pub fn rect((x, y, w, h): Area) -> Rect {
    Rect { x: x as usize, y: y as usize, w: w as usize, h: h as usize }
}

/// Page to worker: everything but the pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Order {
    /// A new frame of the crop the person sees, `width` x `height` camera pixels, taken at
    /// `t_ms`: its overview (reduced as `Geometry::for_camera` says) and the `windows` at the
    /// camera's resolution travel beside this, in that order, as RGBA.
    Frame { reading: u32, t_ms: f64, width: u32, height: u32, windows: Vec<Area> },
    /// A fresh reading from now on (a new source, a new zoom), read with `options` (the model's:
    /// `Kb::reader_options`); later reports carry `reading`.
    Restart {
        reading: u32,
        #[serde(with = "ReaderOptionsDef")]
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
    #[serde(with = "ProgressDef")]
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
    pub wanted: Vec<Area>,
}

// The reader's types as they cross (serde's remote derive: serialised as if they had derives).

#[derive(Serialize, Deserialize)]
#[serde(remote = "ReaderOptions")]
struct ReaderOptionsDef {
    lead_in: Vec<LedColour>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Progress")]
struct ProgressDef {
    #[serde(with = "StatusDef")]
    status: Status,
    level: Option<f32>,
    lit: bool,
    colour: Option<LedColour>,
    led_at: Option<(f32, f32)>,
    elapsed_s: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Status")]
enum StatusDef {
    Searching {
        #[serde(with = "hint")]
        hint: Option<NotFound>,
    },
    Watching {
        flashes: u32,
        #[serde(with = "WaitingDef")]
        waiting: Waiting,
    },
    Done(LedEvidence),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "NotFound")]
enum NotFoundDef {
    TooDark,
    Saturated,
    NothingChanging,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Waiting")]
enum WaitingDef {
    AnyLight,
    MoreFlashes,
    FlashesGoOn,
    SecondLight,
}

/// `Option<NotFound>` through `NotFoundDef` (a remote type in an Option needs a wrapper).
mod hint {
    use super::{NotFound, NotFoundDef};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Hint(#[serde(with = "NotFoundDef")] NotFound);

    pub fn serialize<S: Serializer>(hint: &Option<NotFound>, s: S) -> Result<S::Ok, S::Error> {
        hint.map(Hint).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NotFound>, D::Error> {
        Ok(Option::<Hint>::deserialize(d)?.map(|Hint(n)| n))
    }
}
