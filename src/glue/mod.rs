//! Browser glue: thin, typed wrappers over the web APIs the app needs. Every failure a browser
//! or a user can cause comes back as a value, never a panic.
pub mod camera;
pub mod controls;
pub mod device;
pub mod frames;
pub mod guide;
pub mod lang;
pub mod modules;
pub mod page;
pub mod picture;
pub mod readback;
pub mod reader_link;
pub mod reader_protocol;
pub mod reader_worker;
pub mod service_worker;
pub mod video_file;
pub mod share;
pub mod store;
