//! LED reading: from RGBA camera frames with timestamps to a blink pattern. Pure Rust.
//!
//! frame -> cells (one pass: per-cell channel peaks and mean) -> locate (which cells hold the LED)
//! -> measure (LED level and colour per frame) -> segment (on/off intervals) -> pattern.
mod box_mean;
pub mod cells;
mod frame;
pub mod finder;
pub mod judge;
pub mod locate;
pub mod measure;
pub mod motion;
pub mod pattern;
mod reader;
pub mod scene;
pub mod segment;
pub mod spot;
mod tracker;
mod tracks;
pub mod view;

pub use frame::Frame;
pub use pattern::Waiting;
pub use reader::{LedReader, NotFound, Progress, ReaderOptions, Status, MAX_WATCH_S};
