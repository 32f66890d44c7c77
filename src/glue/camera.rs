//! The rear camera through getUserMedia, with each failure mode named.
use js_sys::{Object, Reflect};
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

    /// What to tell the person, and what they can do.
    pub fn message(&self) -> String {
        match self {
            CameraError::InsecureContext => {
                "The camera only works on a secure page. Open Blink Doctor over https:// (or on localhost).".into()
            }
            CameraError::Unsupported => "This browser cannot use the camera. Try a current Chrome or Safari.".into(),
            CameraError::Denied => {
                "Camera access was refused. Allow the camera for this site in the browser's settings, then try again.".into()
            }
            CameraError::NotFound => "No camera was found on this device.".into(),
            CameraError::InUse => "The camera is busy in another app or tab. Close it there, then try again.".into(),
            CameraError::Overconstrained => "The camera cannot provide a usable picture.".into(),
            CameraError::Other(detail) => format!("The camera could not start ({detail})."),
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

/// Asks for the rear camera ("environment"), preferring 1280x720 at 30 fps; the browser may give
/// less, and the reading copes with whatever arrives.
pub async fn open_rear_camera() -> Result<MediaStream, CameraError> {
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
    let video = Object::new();
    set(&video, "facingMode", &ideal("environment".into()));
    set(&video, "width", &ideal(1280.into()));
    set(&video, "height", &ideal(720.into()));
    set(&video, "frameRate", &ideal(30.into()));
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|e| CameraError::from_js(&e))?;
    let stream = JsFuture::from(promise).await.map_err(|e| CameraError::from_js(&e))?;
    stream.dyn_into::<MediaStream>().map_err(|_| CameraError::Other("not a media stream".into()))
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
