//! Registers the service worker (public/sw.js) and reports when a new version is waiting; applying
//! it asks the waiting worker to take over, then reloads once it controls the page.
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure pages and in some private modes.
    let present = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// Registers `sw.js` (relative to the page, so sub-path hosting works). `on_update_ready` runs
/// when a new version has installed and waits to take over. Errors come back as text.
pub async fn register(on_update_ready: impl Fn() + Clone + 'static) -> Result<(), String> {
    let container = container().ok_or("service workers are not available here")?;
    let registration: ServiceWorkerRegistration = JsFuture::from(container.register("sw.js"))
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused".into()))?
        .dyn_into()
        .map_err(|_| "not a registration")?;
    let controlled = container.controller().is_some();
    if registration.waiting().is_some() && controlled {
        on_update_ready();
    }
    let reg = registration.clone();
    // These listeners live as long as the page, so they are leaked on purpose (once per load).
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else { return };
        let worker = installing.clone();
        let notify = on_update_ready.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let has_controller = container_has_controller();
            if worker.state() == ServiceWorkerState::Installed && has_controller {
                notify();
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    Ok(())
}

/// Waits until a service worker controls the page (at once when one does; on a first visit when
/// the new one has installed and claimed it). False where there are no service workers.
pub async fn controlling() -> bool {
    let Some(container) = container() else { return false };
    if container.controller().is_none() {
        let taken = js_sys::Promise::new(&mut |resolve, _| {
            let _ = container.add_event_listener_with_callback("controllerchange", &resolve);
        });
        if JsFuture::from(taken).await.is_err() {
            return false;
        }
    }
    // A worker that claims the page does so while it is still activating: wait for it to be
    // activated (the end of its install).
    let Some(worker) = container.controller() else { return false };
    if worker.state() != ServiceWorkerState::Activated {
        let activated = js_sys::Promise::new(&mut |resolve, _| {
            let w = worker.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if w.state() == ServiceWorkerState::Activated {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            });
            let _ = worker.add_event_listener_with_callback("statechange", on_state.as_ref().unchecked_ref());
            on_state.forget();
        });
        if JsFuture::from(activated).await.is_err() {
            return false;
        }
    }
    true
}

fn container_has_controller() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Switches to the waiting version and reloads when it has taken over.
pub fn apply_update() {
    let Some(container) = container() else { return };
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    let Some(waiting) = waiting else {
        reload();
        return;
    };
    let on_change = Closure::<dyn FnMut()>::new(reload);
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
