//! Page-level services: the URL and the History API (each screen its own relative URL), storage
//! that survives a reload (sessionStorage) or a visit (localStorage), and moving focus to a new
//! screen's heading. Every failure (no storage in private mode, a browser without History)
//! quietly leaves things as they are.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn query_param(name: &str) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(&query()).ok()?;
    params.get(name)
}

/// The page's query string, with its leading `?` ("" when there is none).
pub fn query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// A URL for `query` relative to the page: the query itself, or the page's own path for an
/// empty query (so the app keeps working under any sub-path).
fn url_for(query: &str) -> Option<String> {
    if query.is_empty() {
        web_sys::window()?.location().pathname().ok()
    } else {
        Some(query.to_string())
    }
}

/// Adds a history entry for `query` (Back returns to the current one).
pub fn push(query: &str) {
    if let (Some(history), Some(url)) = (web_sys::window().and_then(|w| w.history().ok()), url_for(query)) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Replaces the current history entry's URL with `query`.
pub fn replace(query: &str) {
    if let (Some(history), Some(url)) = (web_sys::window().and_then(|w| w.history().ok()), url_for(query)) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Goes one entry back in the history (as the Back button does).
pub fn back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// A window event listener, removed when dropped.
pub struct Listener {
    event: &'static str,
    closure: Closure<dyn FnMut()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f` when Back or Forward moves to another history entry of the page.
pub fn on_popstate(f: impl FnMut() + 'static) -> Option<Listener> {
    let closure = Closure::<dyn FnMut()>::new(f);
    web_sys::window()?.add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref()).ok()?;
    Some(Listener { event: "popstate", closure })
}

/// Moves focus to the first element matching one of `selectors` (a new screen's heading), so a
/// screen reader starts reading there and keyboard users continue from it.
pub fn focus_first(selectors: &[&str]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(target) = selectors.iter().find_map(|s| document.query_selector(s).ok().flatten()) else { return };
    let _ = target.set_attribute("tabindex", "-1");
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}

/// Runs `f` after the browser has drawn the current changes (the next animation frame).
pub fn after_render(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let closure = Closure::once_into_js(f);
    let _ = w.request_animation_frame(closure.unchecked_ref());
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Reads a remembered value; None when storage is unavailable (private mode) or unset.
pub fn remembered(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Remembers a value where storage is available; silently does nothing where it is not.
pub fn remember(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// A value kept for this tab only (survives a reload, not a new tab).
pub fn tab_value(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn set_tab_value(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

/// The time now, in ms since 1970 (UTC).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// The phone's offset from UTC at `ms` since 1970, in minutes (east positive).
pub fn utc_offset_min(ms: u64) -> i32 {
    -(js_sys::Date::new(&JsValue::from_f64(ms as f64)).get_timezone_offset() as i32)
}

/// Takes the page over from its pre-rendered copy (index.html carries the home screen's markup,
/// made at build time from this app's own views, so it paints before the wasm arrives): removes
/// that markup, just before the app mounts its own in the same task, so nothing is painted in
/// between. Returns what the person tapped before the app was ready (`data-early` on `<html>`,
/// set by index.html's small script): `model:<id>` or `no-camera`; or `handed-over` when the
/// first module handed the page to this one (`glue::modules::hand_over`).
pub fn take_over() -> Option<String> {
    let document = web_sys::window()?.document()?;
    if let Some(body) = document.body() {
        body.set_text_content(None);
    }
    let root = document.document_element()?;
    let early = root.get_attribute("data-early");
    let _ = root.remove_attribute("data-early");
    early
}

/// Links the web app manifest (`<link rel="manifest">`), once: the browser then fetches it and
/// the icon it names.
pub fn link_manifest(href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.query_selector("link[rel=manifest]").ok().flatten().is_some() {
        return;
    }
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else { return };
    let _ = link.set_attribute("rel", "manifest");
    let _ = link.set_attribute("href", href);
    let _ = head.append_child(&link);
}

/// Marks the page as run by the app (`data-app="ready"` on `<html>`): the pre-rendered page's
/// script stops catching taps, and the size check knows the home screen is usable.
pub fn mark_ready() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app", "ready");
    }
}

