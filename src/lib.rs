//! Blink Doctor. The pure core (`led`, `kb`, `signal`, `diagnose`, `synth`) is plain Rust with no
//! browser imports and is tested natively; `glue` (browser APIs) and `ui` (Leptos views) exist
//! only in the wasm build.
pub mod diagnose;
/// Languages: which one to show, a catalogue's texts, messages made into sentences.
pub mod i18n;
pub mod kb;
pub mod led;
pub mod signal;
pub mod synth;
/// Every text the app shows, in the current language, from one place: plain Rust, so native
/// tests can read it too.
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod glue;
#[cfg(target_arch = "wasm32")]
pub mod ui;
