//! Browser glue: thin, typed wrappers over the web APIs the app needs. Every failure a browser
//! or a user can cause comes back as a value, never a panic.
pub mod camera;
pub mod device;
pub mod frames;
pub mod page;
pub mod service_worker;
pub mod share;
pub mod store;
