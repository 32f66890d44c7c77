//! Entry point: mounts the app. Everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panic messages in development builds; release builds leave the formatting code
    // out (the size budget), and the code avoids panicking on anything a browser can cause.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The language index.html chose (its texts came with the loader).
    blink_doctor::ui::lang::start();
    // The pre-rendered home screen goes and the app's own comes, in the same task (no flash).
    let early = blink_doctor::glue::page::take_over();
    leptos::mount::mount_to_body(move || leptos::prelude::view! { <blink_doctor::ui::App early=early.clone() /> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Blink Doctor is a web app: build it with `make build` or run it with `make serve`.");
}
