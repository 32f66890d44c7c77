//! Browser glue in a real headless Chromium (wasm-bindgen-test; webdriver.json gives Chromium a
//! fake camera). Run by `make test-browser`.
#![cfg(target_arch = "wasm32")]

use blink_doctor::glue::camera::{self, CameraError};
use blink_doctor::glue::frames::{FrameLoop, FrameReader};
use blink_doctor::glue::page;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js_error(name: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"name".into(), &name.into()).expect("plain object");
    o.into()
}

#[wasm_bindgen_test]
fn camera_errors_are_named_from_the_dom_exception() {
    let table = [
        ("NotAllowedError", CameraError::Denied),
        ("NotFoundError", CameraError::NotFound),
        ("NotReadableError", CameraError::InUse),
        ("OverconstrainedError", CameraError::Overconstrained),
        ("SecurityError", CameraError::Denied),
    ];
    for (name, want) in table {
        assert_eq!(CameraError::from_js(&js_error(name)), want, "{name}");
    }
    assert!(matches!(CameraError::from_js(&js_error("WeirdError")), CameraError::Other(_)));
    // A real DOMException, as the browser throws it.
    let dom = web_sys::DomException::new_with_message_and_name("no", "NotAllowedError").expect("DOMException");
    assert_eq!(CameraError::from_js(&dom.into()), CameraError::Denied);
}

#[wasm_bindgen_test]
fn remembered_values_round_trip() {
    page::remember("blink-doctor.test", "xt2");
    assert_eq!(page::remembered("blink-doctor.test").as_deref(), Some("xt2"));
    assert_eq!(page::remembered("blink-doctor.never-set"), None);
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("timer resolves");
}

#[wasm_bindgen_test]
async fn the_fake_camera_opens_frames_arrive_with_rising_timestamps_and_stop_ends_the_tracks() {
    let stream = camera::open_rear_camera().await.expect("fake camera opens");
    assert!(camera::is_live(&stream));
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let video: web_sys::HtmlVideoElement =
        document.create_element("video").expect("video").dyn_into().expect("is a video element");
    video.set_muted(true);
    video.set_src_object(Some(&stream));
    document.body().expect("body").append_child(&video).expect("attached");
    let _ = wasm_bindgen_futures::JsFuture::from(video.play().expect("play")).await;

    let times = Rc::new(RefCell::new(Vec::<f64>::new()));
    let sizes = Rc::new(RefCell::new(Vec::<(u32, u32, usize)>::new()));
    let reader = FrameReader::new(160).expect("canvas");
    let (t2, s2, v2) = (times.clone(), sizes.clone(), video.clone());
    let frames = FrameLoop::start(video.clone(), move |t| {
        t2.borrow_mut().push(t);
        if let Some(px) = reader.read(&v2) {
            s2.borrow_mut().push((px.width, px.height, px.rgba.len()));
        }
    });
    sleep(1500).await;
    frames.stop();
    let count = times.borrow().len();
    sleep(300).await;
    assert_eq!(times.borrow().len(), count, "callbacks continued after stop()");
    assert!(count >= 5, "only {count} frames in 1.5 s");
    assert!(times.borrow().windows(2).all(|w| w[1] >= w[0]), "timestamps went backwards");
    let (w, h, len) = *sizes.borrow().last().expect("a frame was read");
    assert!(w <= 160 && w > 0 && h > 0);
    assert_eq!(len, (w * h * 4) as usize);

    camera::stop(&stream);
    assert!(!camera::is_live(&stream));
}
