//! Sending a text out of the app, only when the person asks: the phone's share sheet (Web Share)
//! where there is one, else the clipboard. Every failure comes back as a value.
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = navigator, js_name = share, catch)]
    fn web_share(data: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn write_text(text: &str) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Handed to the share sheet.
    Shared,
    /// Put on the clipboard.
    Copied,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// The person closed the share sheet.
    Cancelled,
    /// Neither sharing nor copying worked here.
    NoWay,
}

fn can_share() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &JsValue::from_str("share")).unwrap_or(false))
}

/// Shares `text` (titled `title`) through the share sheet, or copies it to the clipboard where
/// there is no share sheet or it refuses.
pub async fn share_or_copy(title: &str, text: &str) -> Result<Sent, ShareError> {
    if can_share() {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"text".into(), &text.into());
        if let Ok(promise) = web_share(&data) {
            match JsFuture::from(promise).await {
                Ok(_) => return Ok(Sent::Shared),
                Err(e) if e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "AbortError") => return Err(ShareError::Cancelled),
                Err(_) => {}
            }
        }
    }
    let promise = write_text(text).map_err(|_| ShareError::NoWay)?;
    JsFuture::from(promise).await.map(|_| Sent::Copied).map_err(|_| ShareError::NoWay)
}
