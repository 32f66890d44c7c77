//! LED reading: from RGBA camera frames with timestamps to a blink pattern. Pure Rust.
mod frame;

pub use frame::{centre_brightness, Frame};
