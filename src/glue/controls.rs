//! What the camera can do and what it was set to, as typed values, and the few settings the
//! reading changes: zoom, a lower exposure once the light is found, focus on a tapped point, and
//! the torch kept off (its light would swamp the LED). Each is checked against the track's
//! capabilities first; one the camera does not have is skipped silently, and one it refuses
//! (applyConstraints rejects) changes nothing.
//!
//! Where the track has no zoom, the zoom is digital: the reading reads a centred crop of the
//! frame at the camera's full resolution and the preview shows the same crop ([`Crop`]).
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::MediaStreamTrack;

/// A numeric capability: its range and step (step 0 when the browser gives none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl Range {
    /// A usable range (min below max, both finite) from a capability object.
    fn from_js(v: &JsValue) -> Option<Range> {
        let min = num(v, "min")?;
        let max = num(v, "max")?;
        let step = num(v, "step").filter(|s| *s > 0.0).unwrap_or(0.0);
        (min < max).then_some(Range { min, max, step })
    }

    /// `x` clamped into the range and rounded to its step (counted from min).
    pub fn fit(&self, x: f64) -> f64 {
        let x = if x.is_finite() { x.clamp(self.min, self.max) } else { self.min };
        if self.step > 0.0 {
            (self.min + ((x - self.min) / self.step).round() * self.step).min(self.max)
        } else {
            x
        }
    }

    /// Where `x` lies in the range, 0..1.
    pub fn share(&self, x: f64) -> f64 {
        ((x - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }

    /// The value at share `s` (0..1) of the range, fitted to the step.
    pub fn at(&self, s: f64) -> f64 {
        self.fit(self.min + s.clamp(0.0, 1.0) * (self.max - self.min))
    }
}

/// Modes a camera setting can be in (exposure, focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modes {
    pub manual: bool,
    pub single_shot: bool,
    pub continuous: bool,
}

impl Modes {
    fn from_js(v: &JsValue) -> Modes {
        let mut m = Modes::default();
        if let Ok(list) = v.clone().dyn_into::<Array>() {
            for mode in list.iter().filter_map(|x| x.as_string()) {
                match mode.as_str() {
                    "manual" => m.manual = true,
                    "single-shot" => m.single_shot = true,
                    "continuous" => m.continuous = true,
                    _ => {}
                }
            }
        }
        m
    }

    pub fn any(&self) -> bool {
        self.manual || self.single_shot || self.continuous
    }
}

/// What the camera track says it can do. Everything missing is simply absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capabilities {
    pub zoom: Option<Range>,
    pub exposure_modes: Modes,
    pub exposure_compensation: Option<Range>,
    pub exposure_time: Option<Range>,
    pub focus_modes: Modes,
    /// The browser takes `pointsOfInterest` (a constraint without a capability of its own).
    pub points_of_interest: bool,
    pub torch: bool,
    pub frame_rate: Option<Range>,
}

impl Capabilities {
    /// Reads a `getCapabilities()` result; `poi` says whether the browser supports the
    /// `pointsOfInterest` constraint (`getSupportedConstraints()`).
    pub fn from_js(caps: &JsValue, poi: bool) -> Capabilities {
        let range = |k: &str| get(caps, k).and_then(|v| Range::from_js(&v));
        let modes = |k: &str| get(caps, k).map(|v| Modes::from_js(&v)).unwrap_or_default();
        let torch = get(caps, "torch").map(|v| v.as_bool() == Some(true) || v.dyn_into::<Array>().map(|a| a.includes(&JsValue::TRUE, 0)).unwrap_or(false));
        let focus_modes = modes("focusMode");
        Capabilities {
            zoom: range("zoom"),
            exposure_modes: modes("exposureMode"),
            exposure_compensation: range("exposureCompensation"),
            exposure_time: range("exposureTime"),
            points_of_interest: poi && focus_modes.any(),
            focus_modes,
            torch: torch.unwrap_or(false),
            frame_rate: range("frameRate"),
        }
    }

    /// The track's capabilities; empty where the browser has no getCapabilities (Firefox
    /// before 132, some WebKit versions).
    pub fn of(track: &MediaStreamTrack) -> Capabilities {
        let caps = call(track, "getCapabilities", &[]).unwrap_or(JsValue::UNDEFINED);
        let poi = web_sys::window()
            .and_then(|w| w.navigator().media_devices().ok())
            .and_then(|d| call(&d, "getSupportedConstraints", &[]))
            .and_then(|s| get(&s, "pointsOfInterest"))
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        Capabilities::from_js(&caps, poi)
    }
}

/// What the track is set to now (from `getSettings()`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub width: u32,
    pub height: u32,
    pub frame_rate: Option<f64>,
    pub zoom: Option<f64>,
    pub exposure_compensation: Option<f64>,
    pub exposure_time: Option<f64>,
    pub exposure_mode: Option<String>,
    pub focus_mode: Option<String>,
    pub torch: Option<bool>,
}

impl Settings {
    pub fn from_js(s: &JsValue) -> Settings {
        let text = |k: &str| get(s, k).and_then(|v| v.as_string());
        Settings {
            width: num(s, "width").map(|w| w as u32).unwrap_or(0),
            height: num(s, "height").map(|h| h as u32).unwrap_or(0),
            frame_rate: num(s, "frameRate"),
            zoom: num(s, "zoom"),
            exposure_compensation: num(s, "exposureCompensation"),
            exposure_time: num(s, "exposureTime"),
            exposure_mode: text("exposureMode"),
            focus_mode: text("focusMode"),
            torch: get(s, "torch").and_then(|v| v.as_bool()),
        }
    }

    pub fn of(track: &MediaStreamTrack) -> Settings {
        Settings::from_js(&call(track, "getSettings", &[]).unwrap_or(JsValue::UNDEFINED))
    }
}

/// The exposure is lowered by this many stops once the light is found: enough to keep a
/// clipped red core from reading white, little enough that a dim light stays visible.
pub const EXPOSURE_DROP_EV: f64 = 1.0;

/// One change to ask of the camera.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Zoom(f64),
    /// Exposure compensation, in stops (the camera keeps exposing automatically).
    ExposureCompensation(f64),
    /// Manual exposure with this exposure time (the browser's unit: 100 µs on Chrome).
    ExposureTime(f64),
    /// Focus (and meter) on this point, fractions of the whole frame, in the given mode.
    FocusAt { x: f64, y: f64, mode: &'static str, points: bool },
    TorchOff,
}

impl Change {
    /// The constraint object for applyConstraints: `{advanced: [{...}]}`, so a camera that
    /// cannot meet it keeps what it has instead of failing the track.
    pub fn constraints(&self) -> Object {
        let set = Object::new();
        let put = |k: &str, v: JsValue| {
            let _ = Reflect::set(&set, &k.into(), &v);
        };
        match self {
            Change::Zoom(z) => put("zoom", (*z).into()),
            Change::ExposureCompensation(ev) => {
                put("exposureMode", "continuous".into());
                put("exposureCompensation", (*ev).into());
            }
            Change::ExposureTime(t) => {
                put("exposureMode", "manual".into());
                put("exposureTime", (*t).into());
            }
            Change::FocusAt { x, y, mode, points } => {
                put("focusMode", (*mode).into());
                if *points {
                    let p = Object::new();
                    let _ = Reflect::set(&p, &"x".into(), &(*x).into());
                    let _ = Reflect::set(&p, &"y".into(), &(*y).into());
                    put("pointsOfInterest", Array::of1(&p).into());
                }
            }
            Change::TorchOff => put("torch", JsValue::FALSE),
        }
        let out = Object::new();
        let _ = Reflect::set(&out, &"advanced".into(), &Array::of1(&set));
        out
    }
}

/// The zoom change for `value`, fitted to the track's range; None without a zoom capability.
pub fn zoom_to(caps: &Capabilities, value: f64) -> Option<Change> {
    caps.zoom.map(|r| Change::Zoom(r.fit(value)))
}

/// A lower exposure, by [`EXPOSURE_DROP_EV`]: through exposure compensation where there is one
/// (auto-exposure goes on working), else through a manual exposure time half as long; None when
/// the camera has neither or is already at its lowest.
pub fn lower_exposure(caps: &Capabilities, now: &Settings) -> Option<Change> {
    if let (Some(r), true) = (caps.exposure_compensation, caps.exposure_modes.continuous || !caps.exposure_modes.any()) {
        let target = r.fit(now.exposure_compensation.unwrap_or(0.0) - EXPOSURE_DROP_EV);
        return (target < now.exposure_compensation.unwrap_or(0.0)).then_some(Change::ExposureCompensation(target));
    }
    let r = caps.exposure_time.filter(|_| caps.exposure_modes.manual)?;
    let current = now.exposure_time.filter(|t| *t > 0.0)?;
    let target = r.fit(current / EXPOSURE_DROP_EV.exp2());
    (target < current).then_some(Change::ExposureTime(target))
}

/// Focus on (x, y), fractions of the whole frame: single-shot where the camera has it (it
/// focuses there once and holds), else continuous; with the point where the browser takes one.
pub fn focus_at(caps: &Capabilities, x: f64, y: f64) -> Option<Change> {
    let mode = if caps.focus_modes.single_shot {
        "single-shot"
    } else if caps.focus_modes.continuous {
        "continuous"
    } else {
        return None;
    };
    if !caps.points_of_interest && mode == "continuous" {
        // Continuous focus without a point is what the camera already does.
        return None;
    }
    Some(Change::FocusAt { x: x.clamp(0.0, 1.0), y: y.clamp(0.0, 1.0), mode, points: caps.points_of_interest })
}

/// The torch off, where the camera has one.
pub fn torch_off(caps: &Capabilities) -> Option<Change> {
    caps.torch.then_some(Change::TorchOff)
}

/// Asks the track for `change`. Err carries the browser's reason (the caller ignores it: an
/// unsupported setting changes nothing and says nothing).
pub async fn apply(track: &MediaStreamTrack, change: &Change) -> Result<(), String> {
    let promise = call(track, "applyConstraints", &[change.constraints().into()]).ok_or("no applyConstraints")?;
    let promise = promise.dyn_into::<Promise>().map_err(|_| "applyConstraints gave no promise")?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| {
        Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "rejected".into())
    })
}

/// The largest digital zoom: the crop keeps at least this many pixels on its shorter side, the
/// height of the smallest camera frames the reader is known to work on (320x240).
pub const MIN_CROP_SIDE: u32 = 240;
/// And never more than this: beyond it a hand's shake moves the light out of the crop.
pub const DIGITAL_ZOOM_MAX: f64 = 4.0;

/// A centred crop of the camera frame, in camera pixels: what a digital zoom reads and shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl Crop {
    /// The whole `w` x `h` frame.
    pub fn whole(w: u32, h: u32) -> Crop {
        Crop { x: 0, y: 0, w, h }
    }

    /// The largest digital zoom for a `w` x `h` frame (1 when the frame is already small).
    pub fn max_zoom(w: u32, h: u32) -> f64 {
        (w.min(h) as f64 / MIN_CROP_SIDE as f64).clamp(1.0, DIGITAL_ZOOM_MAX)
    }

    /// The centred crop for digital zoom `z` (clamped to 1..max), with even sides and offsets
    /// (whole chroma samples in 4:2:0 video).
    pub fn centred(w: u32, h: u32, z: f64) -> Crop {
        if w == 0 || h == 0 {
            return Crop::whole(w, h);
        }
        let z = if z.is_finite() { z.clamp(1.0, Crop::max_zoom(w, h)) } else { 1.0 };
        let even = |v: f64, full: u32| (((v / 2.0).round() as u32) * 2).clamp(2.min(full), full);
        let (cw, ch) = (even(w as f64 / z, w), even(h as f64 / z, h));
        let x = ((w - cw) / 2) & !1;
        let y = ((h - ch) / 2) & !1;
        Crop { x, y, w: cw, h: ch }
    }

    /// How much the preview must be enlarged to show just this crop of a `w`-wide frame.
    pub fn scale(&self, w: u32) -> f64 {
        if self.w == 0 { 1.0 } else { w as f64 / self.w as f64 }
    }

    /// A point given as fractions of the crop, as fractions of the whole `w` x `h` frame.
    pub fn to_frame(&self, fx: f64, fy: f64, w: u32, h: u32) -> (f64, f64) {
        if w == 0 || h == 0 {
            return (fx, fy);
        }
        ((self.x as f64 + fx * self.w as f64) / w as f64, (self.y as f64 + fy * self.h as f64) / h as f64)
    }
}

/// A zoom button press moves a tenth of the track's zoom range…
pub const ZOOM_BUTTON_SHARE: f64 = 0.1;
/// …or multiplies the digital zoom by this (three presses about double it).
pub const DIGITAL_ZOOM_STEP: f64 = 1.25;
/// A pinch that doubles the fingers' distance moves this share of the track's zoom range.
pub const PINCH_SHARE_PER_DOUBLING: f64 = 0.5;

/// What the zoom control is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ZoomKind {
    /// The camera's own zoom (its range from the track).
    Track(Range),
    /// A centred crop read at full resolution, up to `max` times.
    Digital { max: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
/// The zoom control: what it drives and where it stands.
pub struct Zoom {
    pub kind: ZoomKind,
    pub value: f64,
}

impl Zoom {
    pub fn id(&self) -> &'static str {
        match self.kind {
            ZoomKind::Track(_) => "track",
            ZoomKind::Digital { .. } => "digital",
        }
    }

    pub fn range(&self) -> Range {
        match self.kind {
            ZoomKind::Track(r) => r,
            ZoomKind::Digital { max } => Range { min: 1.0, max, step: 0.1 },
        }
    }

    /// What the zoom does to the picture, as a factor.
    pub fn factor(&self) -> f64 {
        match self.kind {
            ZoomKind::Digital { .. } => self.value,
            // A range from 1 up (Chrome on Android) is the factor; others (a PTZ camera's
            // 100..400 or 0..n) are counted from their minimum.
            ZoomKind::Track(r) if r.min >= 1.0 => self.value / r.min,
            ZoomKind::Track(r) => 1.0 + 3.0 * r.share(self.value),
        }
    }

    /// The preview's enlargement (the digital zoom's crop shown full size).
    pub fn preview_scale(&self) -> f64 {
        match self.kind {
            ZoomKind::Digital { .. } => self.value.max(1.0),
            ZoomKind::Track(_) => 1.0,
        }
    }

    /// The value one button press in direction `dir` (+1 or -1) leads to.
    pub fn stepped(&self, dir: f64) -> f64 {
        let r = self.range();
        match self.kind {
            ZoomKind::Digital { .. } => r.fit(if dir > 0.0 { self.value * DIGITAL_ZOOM_STEP } else { self.value / DIGITAL_ZOOM_STEP }),
            ZoomKind::Track(_) => r.at(r.share(self.value) + dir.signum() * ZOOM_BUTTON_SHARE),
        }
    }

    /// The value a pinch that changed the fingers' distance by `ratio` leads to.
    pub fn pinched(&self, ratio: f64) -> f64 {
        let r = self.range();
        if !(ratio.is_finite() && ratio > 0.0) {
            return self.value;
        }
        match self.kind {
            ZoomKind::Digital { .. } => r.fit(self.value * ratio),
            ZoomKind::Track(_) => r.at(r.share(self.value) + ratio.log2() * PINCH_SHARE_PER_DOUBLING),
        }
    }
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn num(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).and_then(|v| v.as_f64()).filter(|x| x.is_finite())
}

/// Calls `obj.method(...args)` if the method exists; None when it does not or throws.
fn call(obj: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f = get(obj, method)?.dyn_into::<Function>().ok()?;
    f.apply(obj, &args.iter().collect::<Array>()).ok()
}
