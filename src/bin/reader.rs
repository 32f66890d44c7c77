//! The LED reader's module (`blink-reader`): runs in a Web Worker, reading the frames the page
//! hands it (`glue::reader_worker`). The page starts it when the reading screen opens.
#[cfg(target_arch = "wasm32")]
fn main() {
    blink_doctor::glue::reader_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("blink-reader runs in the browser, in a Web Worker started by the app.");
}
