//! The app's wasm modules (issue 16: a small first visit). The page's loader (written into
//! index.html by tools/precache.mjs) starts the first module (`blink-home`: home and model
//! screens) and defines three functions on `window` that this module calls:
//! - `blinkFetch()`: fetches and compiles the check's module (`blink-doctor`: every screen),
//!   once; a failed fetch may be tried again;
//! - `blinkApp()`: starts it (it takes the page over and opens the session that was saved);
//! - `blinkOffline()`: fetches every file the app needs but did not load yet (the check's module,
//!   the reader's worker), through the service worker, which keeps them for offline use.
//!
//! Each returns a Promise; a missing function (a page without the loader) or a rejected promise
//! comes back as `Err`. A video file chosen on the model screen crosses from one module to the
//! other on `window` too (`keep_file`, `take_file`).
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static HANDED_OVER: Cell<bool> = const { Cell::new(false) };
}

/// Why a module could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleError {
    /// The page has no loader function of that name.
    NoLoader,
    /// The loader failed (offline before the module was kept, a server error), in its words.
    Failed(String),
}

/// `window[name]`, a function of the loader's.
fn loader(name: &str) -> Option<(web_sys::Window, js_sys::Function)> {
    let window = web_sys::window()?;
    let f = js_sys::Reflect::get(&window, &name.into()).ok()?.dyn_into().ok()?;
    Some((window, f))
}

/// Calls `window[name]()` and waits for its promise.
async fn call(name: &str) -> Result<JsValue, ModuleError> {
    let (window, f) = loader(name).ok_or(ModuleError::NoLoader)?;
    let promise: js_sys::Promise = f
        .call0(&window)
        .map_err(|e| ModuleError::Failed(describe(&e)))?
        .dyn_into()
        .map_err(|_| ModuleError::Failed("not a promise".into()))?;
    JsFuture::from(promise).await.map_err(|e| ModuleError::Failed(describe(&e)))
}

fn describe(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).or_else(|| e.as_string()).unwrap_or_else(|| "error".into())
}

/// What `page::take_over` returns in the check's module when the first module handed it the page.
pub const HANDED: &str = "handed-over";

/// True once this module has handed the page to the check's module: it then changes nothing.
pub fn handed_over() -> bool {
    HANDED_OVER.with(Cell::get)
}

/// Fetches and compiles the check's module in the background (the person chose a model: the
/// camera should open without waiting for it).
pub fn prefetch() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = call("blinkFetch").await;
    });
}

/// At the tap on "Read the light with the camera": the loader's `blinkCamera()` asks for the
/// camera now, while the check's module (which reads it) may still be on its way; the page shows
/// the camera meanwhile, and the module takes the stream (`camera::open_rear_camera`). Nothing
/// when the page has no loader or no camera API (the module then asks as it starts).
pub fn early_camera() {
    if let Some((window, f)) = loader("blinkCamera") {
        let _ = f.call0(&window);
    }
}

/// Hands the page over to the check's module (the session is saved: it opens where this one
/// left it). `moved`: the person moved to the new screen (not a link opened at it), so its heading
/// takes focus there as after any move within a module. When it cannot be loaded, `on_fail` runs
/// and this module carries on.
pub fn hand_over(moved: bool, on_fail: impl FnOnce(ModuleError) + 'static) {
    if handed_over() {
        return;
    }
    HANDED_OVER.with(|h| h.set(true));
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    // The check's module reads this as the first module's last move (`page::take_over`).
    if let (true, Some(root)) = (moved, &root) {
        let _ = root.set_attribute("data-early", HANDED);
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = call("blinkApp").await {
            HANDED_OVER.with(|h| h.set(false));
            // This module carries on: the mark is for a module that never started.
            if let Some(root) = root {
                let _ = root.remove_attribute("data-early");
            }
            on_fail(e);
        }
    });
}

/// Fetches what the app has not loaded yet so that the service worker keeps it: the whole check
/// then works offline. Marks `<html data-offline="ready">` when done.
pub async fn keep_offline() -> Result<(), ModuleError> {
    call("blinkOffline").await?;
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-offline", "ready");
    }
    Ok(())
}

const CHOSEN: &str = "blinkChosenVideo";

/// Keeps the video file the person chose until the reading takes it (it may be read by the
/// other module).
pub fn keep_file(file: web_sys::File) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &CHOSEN.into(), &file);
    }
}

/// The chosen video file, once.
pub fn take_file() -> Option<web_sys::File> {
    let w = web_sys::window()?;
    let file = js_sys::Reflect::get(&w, &CHOSEN.into()).ok()?.dyn_into::<web_sys::File>().ok()?;
    let _ = js_sys::Reflect::set(&w, &CHOSEN.into(), &JsValue::UNDEFINED);
    Some(file)
}
