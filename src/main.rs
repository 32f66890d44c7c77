//! Entry point: mounts the app. Everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(blink_doctor::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Blink Doctor is a web app: build it with `make build` or run it with `make serve`.");
}
