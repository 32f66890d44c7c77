//! Small device services, each optional: the screen wake lock, vibration, a beep, page visibility.
use js_sys::{Array, Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Keeps the screen on while held; released on drop. Absent where the browser has no Wake Lock.
pub struct WakeLock(Option<JsValue>);

impl WakeLock {
    pub async fn acquire() -> WakeLock {
        let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return WakeLock(None) };
        let Ok(api) = Reflect::get(&navigator, &"wakeLock".into()) else { return WakeLock(None) };
        if api.is_undefined() {
            return WakeLock(None);
        }
        let request = Reflect::get(&api, &"request".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
        let Some(request) = request else { return WakeLock(None) };
        let Ok(promise) = request.call1(&api, &"screen".into()) else { return WakeLock(None) };
        match JsFuture::from(Promise::from(promise)).await {
            Ok(sentinel) => WakeLock(Some(sentinel)),
            Err(_) => WakeLock(None),
        }
    }

    pub fn held(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for WakeLock {
    fn drop(&mut self) {
        if let Some(sentinel) = self.0.take() {
            if let Ok(release) = Reflect::get(&sentinel, &"release".into()).and_then(|f| f.dyn_into::<Function>()) {
                let _ = release.call0(&sentinel);
            }
        }
    }
}

/// Buzzes where the device can (Android phones); silently nothing elsewhere (iOS Safari and
/// desktop browsers have no `navigator.vibrate`, and calling a missing method would throw).
pub fn vibrate(ms: u32) {
    vibrate_pattern(&[ms]);
}

/// Buzzes a pattern (on, off, on… in ms) where the device can.
pub fn vibrate_pattern(pattern: &[u32]) {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return };
    let array: Array = pattern.iter().map(|&ms| JsValue::from(ms)).collect();
    let _ = call(&navigator, "vibrate", &[array.into()]);
}

thread_local! {
    /// One audio context for the page (browsers limit how many there may be).
    static AUDIO: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(obj: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f = get(obj, method)?.dyn_into::<Function>().ok()?;
    f.apply(obj, &args.iter().collect::<Array>()).ok()
}

fn audio_context() -> Option<JsValue> {
    AUDIO.with(|slot| {
        if let Some(ctx) = slot.borrow().as_ref() {
            return Some(ctx.clone());
        }
        let window: JsValue = web_sys::window()?.into();
        let ctor = get(&window, "AudioContext").or_else(|| get(&window, "webkitAudioContext"))?.dyn_into::<Function>().ok()?;
        let ctx = Reflect::construct(&ctor, &Array::new()).ok()?;
        *slot.borrow_mut() = Some(ctx.clone());
        Some(ctx)
    })
}

/// A short tone of `hz` for `ms`, where the browser allows sound (it may need an earlier tap on
/// the page); silently nothing elsewhere.
pub fn beep(hz: f64, ms: u32) {
    let Some(ctx) = audio_context() else { return };
    if get(&ctx, "state").and_then(|s| s.as_string()).as_deref() == Some("suspended") {
        let _ = call(&ctx, "resume", &[]);
    }
    let (Some(osc), Some(gain), Some(out)) = (call(&ctx, "createOscillator", &[]), call(&ctx, "createGain", &[]), get(&ctx, "destination")) else {
        return;
    };
    let now = get(&ctx, "currentTime").and_then(|t| t.as_f64()).unwrap_or(0.0);
    if let Some(freq) = get(&osc, "frequency") {
        let _ = Reflect::set(&freq, &"value".into(), &hz.into());
    }
    if let Some(level) = get(&gain, "gain") {
        let _ = Reflect::set(&level, &"value".into(), &0.2.into());
    }
    let _ = call(&osc, "connect", std::slice::from_ref(&gain));
    let _ = call(&gain, "connect", &[out]);
    let _ = call(&osc, "start", &[now.into()]);
    let _ = call(&osc, "stop", &[(now + ms as f64 / 1000.0).into()]);
}

/// True when the page is hidden (another tab or app in front).
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).map(|d| d.hidden()).unwrap_or(false)
}
