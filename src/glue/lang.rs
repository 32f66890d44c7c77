//! The browser's side of languages: `<html lang>` (index.html's script sets it to the language
//! it chose) and the pack it fetched for the app (`window.blinkPack`, set when index.html's fetch
//! has answered: the loader waits for it, `window.blinkLang`; offline, the service worker
//! answers from what it kept). Failures come back as values.
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// Why a pack did not come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer at all: offline, and not kept by the service worker (never downloaded here).
    Unreachable,
    /// The site answered with an error.
    Failed,
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// `<html lang>`.
pub fn html_lang() -> Option<String> {
    root()?.get_attribute("lang")
}

/// Sets `<html lang>` (screen readers, hyphenation and fonts follow it).
pub fn set_html_lang(id: &str) {
    if let Some(root) = root() {
        let _ = root.set_attribute("lang", id);
    }
}

/// What index.html's fetchPack gave: a text; null when the site answered with an error; undefined when
/// there was no answer.
fn fetched(v: JsValue) -> Result<String, FetchError> {
    if v.is_undefined() {
        return Err(FetchError::Unreachable);
    }
    v.as_string().ok_or(FetchError::Failed)
}

/// The pack index.html fetched for the language it chose (the loader waits for it before the
/// app starts).
pub fn early_pack() -> Result<String, FetchError> {
    fetched(web_sys::window().and_then(|w| Reflect::get(&w, &"blinkPack".into()).ok()).unwrap_or(JsValue::UNDEFINED))
}
