//! What crosses between the page and the LED reader's Web Worker (`reader_link` on the page,
//! `reader_worker` in the worker), as typed values. Rust is on both ends, so values cross as
//! postcard bytes (a Uint8Array) through serde; a frame's pixels (its overview and its windows)
//! cross beside them as transferred ArrayBuffers (moved, not copied).
//!
//! Measured against serde-wasm-bindgen (the values as JS objects) on 2026-12-06, gzip: the
//! reader's module 74,372 -> 60,943 and the check's 201,791 -> 194,065 with postcard, which the
//! check's module carries anyway (the KB, the session). Nothing on the JS side reads the messages.
//!
//! The reader's own types (`signal::Status`, `NotFound`, `Waiting`) carry no serde derives (the
//! core is another engineer's): they are mirrored here, and converted both ways.
use crate::led::{LedColour, LedEvidence};
use crate::signal::view::Rect;
use crate::signal::{NotFound, Status, Waiting};
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
    /// A fresh reading from now on (a new source, a new zoom); later reports carry `reading`.
    Restart { reading: u32 },
    /// The person tapped the picture at (x, y), fractions of it.
    Pin { x: f32, y: f32 },
}

/// Why the light was not found yet (mirrors `signal::NotFound`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hint {
    TooDark,
    Saturated,
    NothingChanging,
}

/// What the reading waits for (mirrors `signal::Waiting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wait {
    AnyLight,
    MoreFlashes,
    FlashesGoOn,
    SecondLight,
}

/// The reader's status (mirrors `signal::Status`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StatusReport {
    Searching { hint: Option<Hint> },
    Watching { flashes: u32, waiting: Wait },
    Done(LedEvidence),
}

/// Worker to page, once per frame read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The reading it belongs to (`Order::Restart`): the page drops reports of an older one.
    pub reading: u32,
    pub t_ms: f64,
    pub status: StatusReport,
    /// The status light's level in this frame, 0..1, when watched.
    pub level: Option<f32>,
    pub lit: bool,
    pub colour: Option<LedColour>,
    /// Where the light is, as fractions of the picture.
    pub led_at: Option<(f32, f32)>,
    pub elapsed_s: f64,
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

impl From<NotFound> for Hint {
    fn from(n: NotFound) -> Hint {
        match n {
            NotFound::TooDark => Hint::TooDark,
            NotFound::Saturated => Hint::Saturated,
            NotFound::NothingChanging => Hint::NothingChanging,
        }
    }
}

impl From<Hint> for NotFound {
    fn from(h: Hint) -> NotFound {
        match h {
            Hint::TooDark => NotFound::TooDark,
            Hint::Saturated => NotFound::Saturated,
            Hint::NothingChanging => NotFound::NothingChanging,
        }
    }
}

impl From<Waiting> for Wait {
    fn from(w: Waiting) -> Wait {
        match w {
            Waiting::AnyLight => Wait::AnyLight,
            Waiting::MoreFlashes => Wait::MoreFlashes,
            Waiting::FlashesGoOn => Wait::FlashesGoOn,
            Waiting::SecondLight => Wait::SecondLight,
        }
    }
}

impl From<Wait> for Waiting {
    fn from(w: Wait) -> Waiting {
        match w {
            Wait::AnyLight => Waiting::AnyLight,
            Wait::MoreFlashes => Waiting::MoreFlashes,
            Wait::FlashesGoOn => Waiting::FlashesGoOn,
            Wait::SecondLight => Waiting::SecondLight,
        }
    }
}

impl From<&Status> for StatusReport {
    fn from(s: &Status) -> StatusReport {
        match s {
            Status::Searching { hint } => StatusReport::Searching { hint: hint.map(Hint::from) },
            Status::Watching { flashes, waiting } => StatusReport::Watching { flashes: *flashes, waiting: (*waiting).into() },
            Status::Done(e) => StatusReport::Done(e.clone()),
        }
    }
}

impl From<StatusReport> for Status {
    fn from(s: StatusReport) -> Status {
        match s {
            StatusReport::Searching { hint } => Status::Searching { hint: hint.map(NotFound::from) },
            StatusReport::Watching { flashes, waiting } => Status::Watching { flashes, waiting: waiting.into() },
            StatusReport::Done(e) => Status::Done(e),
        }
    }
}
