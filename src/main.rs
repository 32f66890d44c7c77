//! The check's module (`blink-doctor`): every screen. The page's loader starts it when the person
//! leaves the home and model screens (or opens a link to another screen); see `glue::modules`.
//! Everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panic messages in development builds; release builds leave the formatting code
    // out (the size budget), and the code avoids panicking on anything a browser can cause.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    blink_doctor::ui::start(&blink_doctor::ui::WHOLE);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Blink Doctor is a web app: build it with `make build` or run it with `make serve`.");
}
