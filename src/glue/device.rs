//! Small device services, each optional: the screen wake lock, vibration, page visibility.
use js_sys::{Function, Promise, Reflect};
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
            if let Ok(release) = Reflect::get(&sentinel, &"release".into()).and_then(|f| f.dyn_into::<Function>().map_err(JsValue::from)) {
                let _ = release.call0(&sentinel);
            }
        }
    }
}

/// Buzzes where the device can (phones); silently nothing elsewhere.
pub fn vibrate(ms: u32) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().vibrate_with_duration(ms);
    }
}

/// True when the page is hidden (another tab or app in front).
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).map(|d| d.hidden()).unwrap_or(false)
}
