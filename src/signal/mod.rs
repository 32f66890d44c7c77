//! LED reading: from RGBA camera frames with timestamps to a blink pattern. Pure Rust.
//!
//! frame -> view (a reduced overview and full-resolution windows) -> cells (per-cell peaks, means,
//! colour excess) -> motion (how the picture moved) and scene (cuts, exposure steps) -> finder
//! (where a light switched on or stays lit) -> tracker (each candidate measured at several scales,
//! in its window at the camera's resolution) -> segment (on/off intervals) -> judge (which watched
//! light is the status light, how sure) -> pattern (the verdict).
mod box_mean;
pub mod cells;
mod frame;
pub mod finder;
pub mod judge;
pub mod measure;
pub mod motion;
pub mod pattern;
mod reader;
pub mod scene;
pub mod segment;
pub mod spot;
mod tracker;
pub mod view;

pub use frame::Frame;
pub use pattern::Waiting;
pub use reader::{LedReader, NotFound, Progress, ReaderOptions, Status, MAX_WATCH_S};
