//! A video the person recorded, played from the file they chose: muted and inline (so any
//! browser lets it play without a tap), through an object URL that never leaves the page, and
//! faster than real time where the browser shows every frame at that speed.
use js_sys::{Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlVideoElement, Url};

/// A video shorter than this cannot show a pattern: a steady light needs 3 s lit, "no light"
/// 6 s of nothing, a burst after the blue light about 5 s.
pub const MIN_VIDEO_S: f64 = 5.0;
/// A file that has not shown its first frame's size after this long is not a video this
/// browser can play.
const LOAD_TIMEOUT_MS: i32 = 15_000;
/// Played this much faster than real time while every frame is still shown (30 fps video
/// gives 60 frames a second, what a phone's screen shows).
pub const FAST_PLAYBACK: f64 = 2.0;
/// Only video at up to this many frames a second is played fast.
pub const FAST_MAX_FPS: f64 = 40.0;

/// Why a chosen video cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoError {
    /// Not a format this browser decodes (or not a video at all).
    Undecodable,
    /// Shorter than [`MIN_VIDEO_S`]; its length in seconds.
    TooShort(f64),
}

impl VideoError {
    pub fn id(&self) -> &'static str {
        match self {
            VideoError::Undecodable => "undecodable",
            VideoError::TooShort(_) => "too-short",
        }
    }
}

/// An object URL for a file, revoked when dropped.
pub struct ObjectUrl(String);

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.0);
    }
}

/// What a loaded video is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loaded {
    pub width: u32,
    pub height: u32,
    /// Seconds; None when the file does not say (some WebM recordings).
    pub duration_s: Option<f64>,
}

/// Waits for the video's metadata (or its error, or the time-out).
async fn metadata(video: &HtmlVideoElement) -> Result<(), ()> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        video.set_onloadedmetadata(Some(&resolve));
        video.set_onerror(Some(&reject));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, LOAD_TIMEOUT_MS);
        }
    });
    let result = JsFuture::from(promise).await;
    video.set_onloadedmetadata(None);
    video.set_onerror(None);
    result.map(|_| ()).map_err(|_| ())
}

/// Shows `file` in `video` and starts it playing (muted, inline, once). Keep the returned URL
/// for as long as the video plays.
pub async fn play(video: &HtmlVideoElement, file: &File) -> Result<(ObjectUrl, Loaded), VideoError> {
    let url = ObjectUrl(Url::create_object_url_with_blob(file).map_err(|_| VideoError::Undecodable)?);
    video.set_src_object(None);
    video.set_muted(true);
    let _ = video.set_attribute("playsinline", "");
    video.set_loop(false);
    video.set_src(&url.0);
    metadata(video).await.map_err(|_| VideoError::Undecodable)?;
    let (width, height) = (video.video_width(), video.video_height());
    if width == 0 || height == 0 {
        // Metadata without a picture: a sound file, or a video codec this browser lacks.
        return Err(VideoError::Undecodable);
    }
    let d = video.duration();
    let duration_s = d.is_finite().then_some(d);
    if let Some(d) = duration_s.filter(|d| *d < MIN_VIDEO_S) {
        return Err(VideoError::TooShort(d));
    }
    video.set_playback_rate(1.0);
    match video.play() {
        Ok(p) => JsFuture::from(p).await.map_err(|_| VideoError::Undecodable)?,
        Err(_) => return Err(VideoError::Undecodable),
    };
    Ok((url, Loaded { width, height, duration_s }))
}

/// Empties the video element (frees the decoder).
pub fn clear(video: &HtmlVideoElement) {
    let _ = video.pause();
    let _ = video.remove_attribute("src");
    video.load();
}

/// Chooses the playback rate from the video's measured frame interval: fast when every frame
/// can still be shown, real time otherwise or once frames were skipped.
pub fn rate_for(frame_interval_ms: f64, frames_skipped: bool) -> f64 {
    if frames_skipped || !(frame_interval_ms.is_finite()) || frame_interval_ms < 1000.0 / FAST_MAX_FPS {
        1.0
    } else {
        FAST_PLAYBACK
    }
}

/// The first file chosen in the `<input type=file>` an event came from.
pub fn chosen_file(ev: &web_sys::Event) -> Option<File> {
    let target = ev.target()?;
    let files: web_sys::FileList = js_sys::Reflect::get(&target, &"files".into()).ok()?.dyn_into().ok()?;
    files.get(0)
}

/// Clears an `<input type=file>` so choosing the same file again fires a change.
pub fn reset_input(ev: &web_sys::Event) {
    if let Some(t) = ev.target() {
        let _ = js_sys::Reflect::set(&t, &"value".into(), &"".into());
    }
}
