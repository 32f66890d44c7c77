//! The first module (`blink-home`): the home and model screens, loaded with the page. Any other
//! screen hands the page over to the check's module (`ui::FIRST`, `glue::modules`).
// A small free-list allocator: the first module is small and short-lived, and a few hundred bytes
// of allocator instead of dlmalloc's ~7 KB (3 KB gzip) count on a first visit. Wasm here has one
// thread, which is what the allocator assumes.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this module runs on one thread (no wasm threads, no shared memory).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    blink_doctor::ui::start(&blink_doctor::ui::FIRST);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Blink Doctor is a web app: build it with `make build` or run it with `make serve`.");
}
