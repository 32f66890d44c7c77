//! The first module (`blink-home`): the home and model screens, loaded with the page. Any other
//! screen hands the page over to the check's module (`ui::FIRST`, `glue::modules`).
#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The pre-rendered home screen goes and the app's own comes, in the same task (no flash).
    let early = blink_doctor::glue::page::take_over();
    leptos::mount::mount_to_body(move || leptos::prelude::view! { <blink_doctor::ui::App early=early.clone() shell=&blink_doctor::ui::FIRST /> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Blink Doctor is a web app: build it with `make build` or run it with `make serve`.");
}
