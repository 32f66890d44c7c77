//! The phone's lasting storage (localStorage) as typed results: what is stored under a prefix,
//! putting and removing one value. A full quota is told apart from storage that is missing or
//! refused (private modes, settings), so the caller can make room and try again.
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// No lasting storage here (turned off, private mode, no window).
    Unavailable,
    /// The storage quota is used up.
    Full,
    /// The browser refused for another reason.
    Refused,
}

fn local() -> Result<web_sys::Storage, StoreError> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).ok_or(StoreError::Unavailable)
}

/// Every (key, value) whose key starts with `prefix`.
pub fn entries(prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
    let s = local()?;
    let n = s.length().map_err(|_| StoreError::Unavailable)?;
    let mut out = Vec::new();
    for i in 0..n {
        let Ok(Some(key)) = s.key(i) else { continue };
        if key.starts_with(prefix) {
            if let Ok(Some(value)) = s.get_item(&key) {
                out.push((key, value));
            }
        }
    }
    Ok(out)
}

pub fn put(key: &str, value: &str) -> Result<(), StoreError> {
    local()?.set_item(key, value).map_err(|e| {
        let quota = e.dyn_ref::<web_sys::DomException>().is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
        if quota {
            StoreError::Full
        } else {
            StoreError::Refused
        }
    })
}

pub fn remove(key: &str) -> Result<(), StoreError> {
    local()?.remove_item(key).map_err(|_| StoreError::Refused)
}
