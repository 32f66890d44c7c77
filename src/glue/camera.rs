//! The rear camera through getUserMedia, with each failure mode named.
//!
//! The camera is asked for at least 1280x720 (a 1-2 px LED at arm's length needs the pixels),
//! 60 frames a second where it offers them, and the zoom control (Chrome asks for the
//! pan-tilt-zoom permission with it). A camera that cannot do that is asked again with less,
//! down to "any rear camera": an OverconstrainedError never ends the reading by itself. When
//! every ask fails, the device list decides whether there is a camera at all (WebKit rejects
//! even the plainest ask with OverconstrainedError when there is none).
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamConstraints, MediaStreamTrack};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraError {
    /// Page served over plain http from somewhere other than localhost.
    InsecureContext,
    /// No getUserMedia in this browser.
    Unsupported,
    /// The user or a policy said no.
    Denied,
    /// No camera on this device.
    NotFound,
    /// Another app or tab holds the camera.
    InUse,
    /// No camera can satisfy the constraints.
    Overconstrained,
    /// Anything else, with the browser's own words.
    Other(String),
}

impl CameraError {
    /// Stable id for tests and `data-error`.
    pub fn id(&self) -> &'static str {
        match self {
            CameraError::InsecureContext => "insecure-context",
            CameraError::Unsupported => "unsupported",
            CameraError::Denied => "denied",
            CameraError::NotFound => "not-found",
            CameraError::InUse => "in-use",
            CameraError::Overconstrained => "overconstrained",
            CameraError::Other(_) => "other",
        }
    }

    /// Turns a getUserMedia rejection into a named failure.
    pub fn from_js(err: &JsValue) -> CameraError {
        let name = Reflect::get(err, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraError::Denied,
            "NotFoundError" | "DevicesNotFoundError" => CameraError::NotFound,
            "NotReadableError" | "TrackStartError" | "AbortError" => CameraError::InUse,
            "OverconstrainedError" | "ConstraintNotSatisfiedError" => CameraError::Overconstrained,
            "TypeError" => CameraError::Unsupported,
            _ => {
                let msg = Reflect::get(err, &"message".into()).ok().and_then(|v| v.as_string());
                CameraError::Other(msg.filter(|m| !m.is_empty()).unwrap_or(name))
            }
        }
    }

    /// Whether asking again with fewer constraints may succeed: the camera could not meet these
    /// (or the browser did not understand one of them).
    fn worth_asking_less(&self) -> bool {
        matches!(self, CameraError::Overconstrained | CameraError::Unsupported | CameraError::Other(_))
    }
}

/// The camera size asked for at least: a far LED of 1-2 px stays 1-2 px (issue 12).
pub const MIN_WIDTH: u32 = 1280;
pub const MIN_HEIGHT: u32 = 720;
/// Frames a second asked for where offered: quick flashes get more frames each, and the reader
/// uses the real frame times whatever the rate.
pub const IDEAL_FPS: u32 = 60;

/// How much was asked of the camera that opened, sharpest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// At least 1280x720, 60 fps where offered, zoom.
    Sharp,
    /// 1280x720 and 60 fps as wishes, zoom.
    Relaxed,
    /// Any rear camera.
    Plain,
}

impl Ask {
    pub const ALL: [Ask; 3] = [Ask::Sharp, Ask::Relaxed, Ask::Plain];

    pub fn id(self) -> &'static str {
        match self {
            Ask::Sharp => "sharp",
            Ask::Relaxed => "relaxed",
            Ask::Plain => "plain",
        }
    }

    /// The video constraints of this ask, as getUserMedia takes them.
    pub fn constraints(self) -> Object {
        let video = Object::new();
        set(&video, "facingMode", &ideal("environment".into()));
        match self {
            Ask::Sharp => {
                set(&video, "width", &at_least(MIN_WIDTH));
                set(&video, "height", &at_least(MIN_HEIGHT));
            }
            Ask::Relaxed => {
                set(&video, "width", &ideal(MIN_WIDTH.into()));
                set(&video, "height", &ideal(MIN_HEIGHT.into()));
            }
            Ask::Plain => return video,
        }
        set(&video, "frameRate", &ideal(IDEAL_FPS.into()));
        // `zoom: true` asks for the zoom control (and its permission) where the browser has one;
        // browsers that do not know the constraint ignore it.
        set(&video, "zoom", &JsValue::TRUE);
        video
    }
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(obj, &key.into(), value);
}

fn ideal(value: JsValue) -> JsValue {
    let o = Object::new();
    set(&o, "ideal", &value);
    o.into()
}

fn at_least(value: u32) -> JsValue {
    let o = Object::new();
    set(&o, "min", &value.into());
    set(&o, "ideal", &value.into());
    o.into()
}

/// A camera stream and how much of what was asked it gave.
pub struct Opened {
    pub stream: MediaStream,
    pub ask: Ask,
}

/// Asks for the rear camera, sharpest ask first (see the module's notes).
pub async fn open_rear_camera() -> Result<Opened, CameraError> {
    let window = web_sys::window().ok_or(CameraError::Unsupported)?;
    if !window.is_secure_context() {
        return Err(CameraError::InsecureContext);
    }
    let navigator = window.navigator();
    let has_api = Reflect::get(&navigator, &"mediaDevices".into()).map(|v| !v.is_undefined()).unwrap_or(false);
    if !has_api {
        return Err(CameraError::Unsupported);
    }
    let devices = navigator.media_devices().map_err(|e| CameraError::from_js(&e))?;
    let mut last = CameraError::Unsupported;
    // The relaxed ask made by the page at the tap (`glue::modules::early_camera`), when there is
    // one: wishes only, so a camera that has 1280x720 gives it as the sharp ask would, and one
    // that has less gives its best, as the relaxed ask would after the sharp one failed.
    let mut asks = &Ask::ALL[..];
    if let Some(early) = take_early() {
        match JsFuture::from(early).await.and_then(|s| s.dyn_into::<MediaStream>().map_err(JsValue::from)) {
            Ok(stream) => return Ok(Opened { stream, ask: Ask::Relaxed }),
            Err(e) => {
                last = CameraError::from_js(&e);
                if !last.worth_asking_less() {
                    return Err(last);
                }
                asks = &Ask::ALL[2..];
            }
        }
    }
    for &ask in asks {
        let constraints = MediaStreamConstraints::new();
        constraints.set_video(&ask.constraints());
        constraints.set_audio(&JsValue::FALSE);
        let result = match devices.get_user_media_with_constraints(&constraints) {
            Ok(promise) => JsFuture::from(promise).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(stream) => {
                let stream = stream.dyn_into::<MediaStream>().map_err(|_| CameraError::Other("not a media stream".into()))?;
                return Ok(Opened { stream, ask });
            }
            Err(e) => {
                last = CameraError::from_js(&e);
                if !last.worth_asking_less() {
                    return Err(last);
                }
            }
        }
    }
    // Every ask failed for want of a suitable camera: is there any camera at all?
    if has_camera().await == Some(false) {
        return Err(CameraError::NotFound);
    }
    Err(last)
}

/// The camera the page began to open at the tap on the model screen (the loader's
/// `blinkCamera`, index.html: `window.blinkCam`, the relaxed ask's promise), taken once.
fn take_early() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &"blinkCam".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = Reflect::set(&window, &"blinkCam".into(), &JsValue::NULL);
    Some(early)
}

/// Whether the device list holds a camera; None when the browser cannot tell.
pub async fn has_camera() -> Option<bool> {
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let list = JsFuture::from(devices.enumerate_devices().ok()?).await.ok()?;
    Some(has_video_input(&list))
}

/// Whether a device list (as enumerateDevices gives it) holds a video input.
pub fn has_video_input(list: &JsValue) -> bool {
    let Ok(list) = list.clone().dyn_into::<Array>() else { return false };
    list.iter().any(|d| Reflect::get(&d, &"kind".into()).ok().and_then(|k| k.as_string()).as_deref() == Some("videoinput"))
}

/// The stream's video track, if it still has one.
pub fn video_track(stream: &MediaStream) -> Option<MediaStreamTrack> {
    stream.get_video_tracks().iter().next().and_then(|t| t.dyn_into::<MediaStreamTrack>().ok())
}

/// Stops every track, which turns the camera (and its indicator light) off.
pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// True while at least one video track is still live (a track ends when the camera is unplugged
/// or taken by the system).
pub fn is_live(stream: &MediaStream) -> bool {
    stream.get_video_tracks().iter().any(|t| {
        t.dyn_into::<MediaStreamTrack>().map(|t| t.ready_state() == web_sys::MediaStreamTrackState::Live).unwrap_or(false)
    })
}
