//! Browser glue in a real headless Chromium (wasm-bindgen-test; webdriver.json gives Chromium a
//! fake camera: its own test pattern at up to 3840x2160, with exposure and focus controls but
//! no zoom). Run by `make test-browser`.
#![cfg(target_arch = "wasm32")]

use blink_doctor::glue::camera::{self, Ask, CameraError};
use blink_doctor::glue::controls::{self, Capabilities, Change, Crop, Modes, Range, Settings, Zoom, ZoomKind};
use blink_doctor::glue::frames::{Clock, FrameLoop};
use blink_doctor::glue::guide::{self, Advice, Bar, Guide, Seen};
use blink_doctor::glue::page;
use blink_doctor::glue::picture::{self, Brightness, Picture};
use blink_doctor::glue::readback::Readback;
use blink_doctor::glue::reader_protocol::{self, from_js, to_js, Order, Report};
use blink_doctor::glue::reader_worker::Work;
use blink_doctor::glue::video_file;
use blink_doctor::kb::Kb;
use blink_doctor::led::{LedColour, LedEvidence, OtherLight, PatternKind};
use blink_doctor::signal::view::{self as signal_view, Geometry, Rect, View, Window};
use blink_doctor::signal::{Frame, NotFound, Progress, ReaderOptions, Status, Waiting};
use blink_doctor::synth::{render_all, Rgb, Scene, Timeline};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js_error(name: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).expect("plain object");
    o.into()
}

/// A plain JS object from (key, value) pairs.
fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).expect("plain object");
    }
    o.into()
}

fn range(min: f64, max: f64, step: f64) -> JsValue {
    obj(&[("min", min.into()), ("max", max.into()), ("step", step.into())])
}

fn strings(list: &[&str]) -> JsValue {
    list.iter().map(|s| JsValue::from(*s)).collect::<Array>().into()
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

/// A reading of one light (no second one).
fn evidence(pattern: PatternKind, colour: Option<LedColour>, observed_s: f64, confidence: f64) -> LedEvidence {
    LedEvidence { pattern, colour, flash_count: 0, preceded_by: None, period_s: None, duty: None, observed_s, confidence, also: Vec::new() }
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

#[wasm_bindgen_test]
fn the_asks_go_from_at_least_720p_with_zoom_down_to_any_rear_camera() {
    let get = |ask: Ask, path: &[&str]| {
        let mut v: JsValue = ask.constraints().into();
        for k in path {
            v = Reflect::get(&v, &(*k).into()).expect("object");
        }
        v
    };
    assert_eq!(get(Ask::Sharp, &["width", "min"]).as_f64(), Some(1280.0));
    assert_eq!(get(Ask::Sharp, &["height", "min"]).as_f64(), Some(720.0));
    assert_eq!(get(Ask::Sharp, &["frameRate", "ideal"]).as_f64(), Some(60.0));
    assert_eq!(get(Ask::Sharp, &["zoom"]).as_bool(), Some(true));
    assert!(get(Ask::Relaxed, &["width", "min"]).is_undefined(), "relaxed asks without a minimum");
    assert_eq!(get(Ask::Relaxed, &["width", "ideal"]).as_f64(), Some(1280.0));
    assert!(get(Ask::Plain, &["width"]).is_undefined());
    assert_eq!(get(Ask::Plain, &["facingMode", "ideal"]).as_string().as_deref(), Some("environment"));
}

#[wasm_bindgen_test]
fn a_device_list_without_a_video_input_means_no_camera() {
    let list = |kinds: &[&str]| -> JsValue { kinds.iter().map(|k| obj(&[("kind", (*k).into())])).collect::<Array>().into() };
    assert!(!camera::has_video_input(&list(&[])));
    assert!(!camera::has_video_input(&list(&["audioinput", "audiooutput"])));
    assert!(camera::has_video_input(&list(&["audioinput", "videoinput"])));
    assert!(!camera::has_video_input(&JsValue::NULL));
}

#[wasm_bindgen_test]
fn capabilities_are_read_as_typed_values_and_missing_ones_are_absent() {
    let caps = obj(&[
        ("zoom", range(1.0, 8.0, 0.1)),
        ("exposureMode", strings(&["manual", "continuous"])),
        ("exposureCompensation", range(-2.0, 2.0, 1.0 / 6.0)),
        ("focusMode", strings(&["single-shot", "continuous", "manual"])),
        ("torch", JsValue::TRUE),
        ("frameRate", range(1.0, 60.0, 0.0)),
    ]);
    let c = Capabilities::from_js(&caps, true);
    assert_eq!(c.zoom, Some(Range { min: 1.0, max: 8.0, step: 0.1 }));
    assert_eq!(c.exposure_modes, Modes { manual: true, single_shot: false, continuous: true });
    assert!(c.exposure_compensation.is_some() && c.exposure_time.is_none());
    assert!(c.focus_modes.single_shot && c.points_of_interest && c.torch);
    assert_eq!(c.frame_rate.map(|r| r.max), Some(60.0));
    // Nothing at all (a browser without getCapabilities), a degenerate range, a torch list.
    assert_eq!(Capabilities::from_js(&JsValue::UNDEFINED, true), Capabilities::default());
    let odd = obj(&[("zoom", range(1.0, 1.0, 0.1)), ("torch", Array::of1(&JsValue::TRUE).into())]);
    let c = Capabilities::from_js(&odd, false);
    assert_eq!(c.zoom, None, "a zoom from 1 to 1 is no zoom");
    assert!(c.torch && !c.points_of_interest);
}

#[wasm_bindgen_test]
fn ranges_fit_values_to_their_steps() {
    let r = Range { min: 1.0, max: 8.0, step: 0.5 };
    assert_eq!(r.fit(3.3), 3.5);
    assert_eq!(r.fit(99.0), 8.0);
    assert_eq!(r.fit(f64::NAN), 1.0);
    assert_eq!(r.at(0.5), 4.5);
    assert_eq!(r.share(8.0), 1.0);
}

#[wasm_bindgen_test]
fn exposure_goes_down_a_stop_through_compensation_else_exposure_time() {
    let comp = Capabilities {
        exposure_modes: Modes { continuous: true, ..Modes::default() },
        exposure_compensation: Some(Range { min: -2.0, max: 2.0, step: 1.0 / 3.0 }),
        exposure_time: Some(Range { min: 1.0, max: 1000.0, step: 1.0 }),
        ..Capabilities::default()
    };
    let at = |ev: f64| Settings { exposure_compensation: Some(ev), exposure_time: Some(300.0), ..Settings::default() };
    assert_eq!(controls::lower_exposure(&comp, &at(0.0)), Some(Change::ExposureCompensation(-1.0)));
    assert_eq!(controls::lower_exposure(&comp, &at(-2.0)), None, "already at the lowest");
    let manual = Capabilities { exposure_modes: Modes { manual: true, ..Modes::default() }, exposure_compensation: None, ..comp.clone() };
    assert_eq!(controls::lower_exposure(&manual, &at(0.0)), Some(Change::ExposureTime(150.0)));
    assert_eq!(controls::lower_exposure(&Capabilities::default(), &at(0.0)), None, "no control: skipped");
    // Without manual mode an exposure time cannot be set.
    let auto_only = Capabilities { exposure_modes: Modes { continuous: true, ..Modes::default() }, exposure_compensation: None, ..comp };
    assert_eq!(controls::lower_exposure(&auto_only, &at(0.0)), None);
}

#[wasm_bindgen_test]
fn focus_torch_and_zoom_changes_only_where_the_camera_has_them() {
    let poi = Capabilities { focus_modes: Modes { single_shot: true, continuous: true, manual: false }, points_of_interest: true, ..Capabilities::default() };
    assert_eq!(controls::focus_at(&poi, 0.25, 1.5), Some(Change::FocusAt { x: 0.25, y: 1.0, mode: "single-shot", points: true }));
    let continuous = Capabilities { focus_modes: Modes { continuous: true, ..Modes::default() }, ..Capabilities::default() };
    assert_eq!(controls::focus_at(&continuous, 0.5, 0.5), None, "continuous focus with no point is what it does already");
    assert_eq!(controls::focus_at(&Capabilities::default(), 0.5, 0.5), None);
    assert_eq!(controls::torch_off(&Capabilities::default()), None);
    assert_eq!(controls::torch_off(&Capabilities { torch: true, ..Capabilities::default() }), Some(Change::TorchOff));
    let zoomy = Capabilities { zoom: Some(Range { min: 1.0, max: 5.0, step: 0.5 }), ..Capabilities::default() };
    assert_eq!(controls::zoom_to(&zoomy, 2.2), Some(Change::Zoom(2.0)));
    assert_eq!(controls::zoom_to(&Capabilities::default(), 2.0), None);
    // The constraint is an `advanced` set, so a camera that cannot meet it keeps what it has.
    let c: JsValue = Change::TorchOff.constraints().into();
    let first = Reflect::get(&Reflect::get(&c, &"advanced".into()).expect("advanced"), &0.into()).expect("a set");
    assert_eq!(Reflect::get(&first, &"torch".into()).expect("torch").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn digital_zoom_crops_the_centre_with_even_sides() {
    assert_eq!(Crop::centred(1280, 720, 1.0), Crop { x: 0, y: 0, w: 1280, h: 720 });
    assert_eq!(Crop::centred(1280, 720, 2.0), Crop { x: 320, y: 180, w: 640, h: 360 });
    let c = Crop::centred(1280, 720, 3.0);
    assert!(c.w % 2 == 0 && c.h % 2 == 0 && c.x % 2 == 0 && c.y % 2 == 0, "{c:?}");
    assert_eq!(Crop::max_zoom(1280, 720), 3.0, "at least 240 px stay on the short side");
    assert_eq!(Crop::max_zoom(640, 480), 2.0);
    assert_eq!(Crop::max_zoom(320, 240), 1.0);
    assert_eq!(Crop::max_zoom(3840, 2160), controls::DIGITAL_ZOOM_MAX);
    assert_eq!(Crop::centred(640, 480, 9.0), Crop::centred(640, 480, 2.0), "clamped to the largest zoom");
    // The middle of the crop is the middle of the frame; its corner is the crop's corner.
    let c = Crop::centred(1280, 720, 2.0);
    assert_eq!(c.to_frame(0.5, 0.5, 1280, 720), (0.5, 0.5));
    assert_eq!(c.to_frame(0.0, 0.0, 1280, 720), (0.25, 0.25));
}

#[wasm_bindgen_test]
fn the_zoom_control_steps_and_pinches_within_its_range() {
    let digital = Zoom { kind: ZoomKind::Digital { max: 3.0 }, value: 1.0 };
    assert_eq!(digital.stepped(1.0), 1.3, "1.25 fitted to the 0.1 step");
    assert_eq!(Zoom { value: 3.0, ..digital }.stepped(1.0), 3.0, "no further than the largest");
    assert_eq!(digital.stepped(-1.0), 1.0);
    assert_eq!(digital.pinched(2.0), 2.0);
    assert_eq!(digital.pinched(f64::NAN), 1.0);
    assert_eq!(digital.preview_scale(), 1.0);
    assert_eq!(Zoom { value: 2.0, ..digital }.preview_scale(), 2.0, "the preview shows the crop");
    // Chrome's fake camera: a pan-tilt-zoom range counted from 0.
    let track = Zoom { kind: ZoomKind::Track(Range { min: 0.0, max: 79.0, step: 1.0 }), value: 0.0 };
    assert_eq!(track.stepped(1.0), 8.0, "a tenth of the range");
    assert_eq!(track.pinched(2.0), 40.0, "a doubling moves half the range");
    assert_eq!(track.preview_scale(), 1.0, "the camera zooms; the preview shows it as it comes");
    let android = Zoom { kind: ZoomKind::Track(Range { min: 1.0, max: 8.0, step: 0.1 }), value: 2.0 };
    assert_eq!(android.factor(), 2.0);
}

#[wasm_bindgen_test]
fn settings_are_read_as_typed_values() {
    let s = Settings::from_js(&obj(&[
        ("width", 1280.into()),
        ("height", 720.into()),
        ("frameRate", 59.94.into()),
        ("zoom", 2.into()),
        ("exposureMode", "continuous".into()),
        ("torch", JsValue::FALSE),
    ]));
    assert_eq!((s.width, s.height, s.frame_rate, s.zoom, s.torch), (1280, 720, Some(59.94), Some(2.0), Some(false)));
    assert_eq!(s.exposure_mode.as_deref(), Some("continuous"));
    assert_eq!(Settings::from_js(&JsValue::NULL), Settings::default());
}

fn frame_rgba(w: usize, h: usize, px: impl Fn(usize, usize) -> [u8; 3]) -> Vec<u8> {
    let mut v = Vec::with_capacity(w * h * 4);
    for y in 0..h {
        for x in 0..w {
            let [r, g, b] = px(x, y);
            v.extend_from_slice(&[r, g, b, 255]);
        }
    }
    v
}

#[wasm_bindgen_test]
fn the_picture_measures_say_how_bright_it_is_and_how_it_shakes() {
    let (w, h) = (160, 120);
    let mut pic = Picture::default();
    let dark = frame_rgba(w, h, |_, _| [5, 5, 5]);
    pic.update(&Frame::new(w, h, &dark, 0.0).expect("frame"));
    assert!(pic.brightness.mean < guide::DARK_MEAN && pic.brightness.clipped == 0.0);
    let glare = frame_rgba(w, h, |x, _| if x < 100 { [255, 255, 255] } else { [90, 90, 90] });
    pic.update(&Frame::new(w, h, &glare, 33.0).expect("frame"));
    assert!(pic.brightness.clipped > guide::CLIPPED_SHARE, "{:?}", pic.brightness);

    // A textured picture: held still, then moved 8 px a frame.
    let texture = |dx: usize| frame_rgba(w, h, move |x, y| [(((x + dx) * 37 + y * 11) % 97 * 2) as u8, ((y * 13) % 89 * 2) as u8, 60]);
    let still: Vec<Vec<u8>> = (0..12).map(|_| texture(0)).collect();
    let mut calm = Picture::default();
    for (i, f) in still.iter().enumerate() {
        calm.update(&Frame::new(w, h, f, i as f64 * 33.3).expect("frame"));
    }
    assert_eq!(calm.shake(), 0.0);
    let mut shaky = Picture::default();
    for i in 0..12 {
        let f = texture(if i % 2 == 0 { 0 } else { 8 });
        shaky.update(&Frame::new(w, h, &f, i as f64 * 33.3).expect("frame"));
    }
    // 8 px a frame at 30 fps on a 160 px picture is 1.5 picture widths a second.
    assert!(shaky.shake() > guide::SHAKE_LIMIT, "{}", shaky.shake());
    assert!((shaky.shake() - 1.5).abs() < 0.3, "{}", shaky.shake());
}

#[wasm_bindgen_test]
fn the_lights_size_is_measured_at_full_resolution() {
    let (w, h) = (64, 48);
    let disc = |r: f32| frame_rgba(w, h, move |x, y| if ((x as f32 - 30.0).powi(2) + (y as f32 - 20.0).powi(2)).sqrt() <= r { [250, 40, 40] } else { [40, 40, 40] });
    let g = Geometry::for_camera(w, h);
    for (r, lo, hi) in [(1.0, 1.5, 3.0), (5.0, 9.0, 11.5)] {
        let px = disc(r);
        let view = View { t_ms: 0.0, geometry: g, overview: Frame::new(w, h, &px, 0.0).expect("frame"), windows: &[] };
        let d = picture::light_size(&view, 30.0, 20.0).expect("a light");
        assert!(d >= lo && d <= hi, "radius {r}: {d}");
    }
    let flat = frame_rgba(w, h, |_, _| [40, 40, 40]);
    let view = View { t_ms: 0.0, geometry: g, overview: Frame::new(w, h, &flat, 0.0).expect("frame"), windows: &[] };
    assert_eq!(picture::light_size(&view, 30.0, 20.0), None, "nothing stands out");
    // A reduced overview is not the camera's resolution: a window must hold the place.
    let g = Geometry::for_camera(1280, 720);
    let small = frame_rgba(g.overview_w, g.overview_h, |_, _| [40, 40, 40]);
    let lit = disc(2.0);
    let win = Window::new(Rect { x: 600, y: 300, w: 64, h: 48 }, &lit).expect("window");
    let view = View { t_ms: 0.0, geometry: g, overview: Frame::new(g.overview_w, g.overview_h, &small, 0.0).expect("frame"), windows: &[win] };
    assert!(picture::light_size(&view, 630.0, 320.0).is_some());
    assert_eq!(picture::light_size(&view, 100.0, 100.0), None);
}

fn seen(elapsed_s: f64) -> Seen {
    Seen { elapsed_s, brightness: Brightness { mean: 100.0, clipped: 0.0 }, ..Seen::default() }
}

#[wasm_bindgen_test]
fn guidance_names_the_most_pressing_thing_and_holds_it() {
    assert_eq!(guide::advice_for(&seen(1.0)), None, "early and fine: nothing to say");
    assert_eq!(guide::advice_for(&seen(guide::NOT_FOUND_S)), Some(Advice::NotFoundYet));
    let found = Seen { found: true, light_px: Some(1.5), ..seen(5.0) };
    assert_eq!(guide::advice_for(&found), Some(Advice::Tiny));
    assert_eq!(guide::advice_for(&Seen { light_px: Some(6.0), ..found }), None);
    assert_eq!(guide::advice_for(&Seen { shake: 1.0, ..found }), Some(Advice::HoldSteadier));
    let dark = Seen { brightness: Brightness { mean: 3.0, clipped: 0.0 }, shake: 1.0, ..found };
    assert_eq!(guide::advice_for(&dark), Some(Advice::TooDark), "darkness first: nothing else can be judged");
    assert_eq!(guide::advice_for(&Seen { hint: Some(NotFound::Saturated), ..seen(1.0) }), Some(Advice::TooBright));
    // Held: a shake of one frame does not flicker the line.
    let mut g = Guide::default();
    assert_eq!(g.advise(&Seen { shake: 1.0, ..found }), Some(Advice::HoldSteadier));
    assert_eq!(g.advise(&Seen { elapsed_s: 5.5, ..found }), Some(Advice::HoldSteadier));
    assert_eq!(g.advise(&Seen { elapsed_s: 5.0 + guide::HOLD_S, light_px: Some(6.0), ..found }), None);
}

#[wasm_bindgen_test]
fn the_progress_bar_says_what_is_left_and_never_moves_back() {
    let searching = Status::Searching { hint: None };
    assert_eq!(guide::remaining_s(&searching, 1.0), 5.0, "no light is called after 6 s");
    let watching = |waiting| Status::Watching { flashes: 2, waiting };
    assert_eq!(guide::remaining_s(&watching(Waiting::FlashesGoOn), 3.0), 2.0);
    let mut bar = Bar::default();
    let (a, left) = bar.update(&searching, 3.0);
    assert_eq!(left, 3);
    let (b, _) = bar.update(&watching(Waiting::AnyLight), 3.1);
    assert!(b >= a, "a new wait does not move the bar back ({a} then {b})");
    let done = Status::Done(evidence(PatternKind::None, None, 6.0, 0.8));
    assert_eq!(bar.update(&done, 6.0), (1.0, 0));
}

#[wasm_bindgen_test]
fn recorded_video_plays_fast_only_while_every_frame_is_shown() {
    assert_eq!(video_file::rate_for(33.3, false), video_file::FAST_PLAYBACK);
    assert_eq!(video_file::rate_for(16.7, false), 1.0, "60 fps video: real time");
    assert_eq!(video_file::rate_for(33.3, true), 1.0, "frames were skipped: real time");
    assert_eq!(video_file::rate_for(f64::NAN, false), 1.0);
}

/// A playing video element on the page, fed by `stream`.
async fn playing(stream: &web_sys::MediaStream) -> web_sys::HtmlVideoElement {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let video: web_sys::HtmlVideoElement = document.create_element("video").expect("video").dyn_into().expect("is a video element");
    video.set_muted(true);
    video.set_src_object(Some(stream));
    document.body().expect("body").append_child(&video).expect("attached");
    let _ = wasm_bindgen_futures::JsFuture::from(video.play().expect("play")).await;
    video
}

/// Reads one frame of `video`, returning (geometry, overview, windows).
async fn read(video: &web_sys::HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> (Geometry, Vec<u8>, Vec<(Rect, Vec<u8>)>) {
    let mut rb = Readback::default();
    for _ in 0..20 {
        if rb.read(video, crop, wanted).is_ok() {
            if let Some(out) = rb.view(0.0, |v| (v.geometry, v.overview.rgba.to_vec(), v.windows.iter().map(|w| (w.rect, w.rgba.to_vec())).collect())) {
                return out;
            }
        }
        sleep(50).await;
    }
    panic!("read nothing");
}

/// `rgba` (`w` wide) averaged over `f` x `f` blocks, as the overview reduces.
fn box_reduce(rgba: &[u8], w: usize, f: usize) -> Vec<u8> {
    let h = rgba.len() / 4 / w;
    let mut out = Vec::new();
    for by in 0..h / f {
        for bx in 0..w / f {
            for c in 0..4 {
                let mut sum = 0u32;
                for y in 0..f {
                    for x in 0..f {
                        sum += rgba[((by * f + y) * w + bx * f + x) * 4 + c] as u32;
                    }
                }
                out.push((sum / (f * f) as u32) as u8);
            }
        }
    }
    out
}

fn mean_diff(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (*x as i32 - *y as i32).unsigned_abs() as f64).sum::<f64>() / a.len() as f64
}

#[wasm_bindgen_test]
async fn the_fake_camera_gives_720p_frames_read_as_an_overview_and_full_resolution_windows() {
    let opened = camera::open_rear_camera().await.expect("fake camera opens");
    assert_eq!(opened.ask, Ask::Sharp, "Chromium's fake camera offers 1280x720");
    let stream = opened.stream;
    assert!(camera::is_live(&stream));
    let video = playing(&stream).await;
    let settings = Settings::of(&camera::video_track(&stream).expect("a video track"));
    assert!(settings.width >= 1280 && settings.height >= 720, "{settings:?}");

    // The aiming window and a small window around a light, at full resolution.
    let g = Geometry::for_camera(video.video_width() as usize, video.video_height() as usize);
    let light = Rect { x: 100, y: 56, w: 34, h: 22 };
    let wanted = [g.aim.expect("an aiming window"), light];
    let crop = Crop::whole(video.video_width(), video.video_height());
    let (gc, oc, wc) = read(&video, crop, &wanted).await;
    assert_eq!(gc, g);
    assert_eq!((gc.reduce, oc.len()), (2, gc.overview_w * gc.overview_h * 4));
    assert_eq!(wc.iter().map(|w| w.0).collect::<Vec<_>>(), wanted.to_vec());
    assert!(wc.iter().all(|(r, px)| px.len() == r.w * r.h * 4));
    // The window at full resolution, box-averaged, is the overview at that place (the
    // canvas's mipmapped reduction is close to a box average).
    let reduced = box_reduce(&wc[1].1, light.w, 2);
    let mut same_place = Vec::new();
    for oy in light.y / 2..(light.y + light.h) / 2 {
        let row = (oy * gc.overview_w + light.x / 2) * 4;
        same_place.extend_from_slice(&oc[row..row + light.w / 2 * 4]);
    }
    assert!(mean_diff(&reduced, &same_place) < 8.0, "window and overview differ by {}", mean_diff(&reduced, &same_place));
    // A digital zoom reads the crop: its own geometry. At the camera's resolution the overview
    // is the crop itself, and the windows asked for still come, as the native `CameraFrame::cut`
    // gives them (the reader is tested on that).
    let zoomed = Crop::centred(video.video_width(), video.video_height(), 2.0);
    let (gz, oz, wz) = read(&video, zoomed, &[light]).await;
    assert_eq!((gz.camera_w, gz.camera_h, gz.reduce), (zoomed.w as usize, zoomed.h as usize, 1));
    assert_eq!(oz.len(), zoomed.w as usize * zoomed.h as usize * 4);
    assert_eq!(wz.iter().map(|w| w.0).collect::<Vec<_>>(), vec![light]);
    let mut same_place = Vec::new();
    for y in light.y..light.y + light.h {
        let row = (y * gz.overview_w + light.x) * 4;
        same_place.extend_from_slice(&oz[row..row + light.w * 4]);
    }
    assert_eq!(wz[0].1, same_place, "the window is the crop's own pixels");

    camera::stop(&stream);
    assert!(!camera::is_live(&stream));
}

#[wasm_bindgen_test]
async fn the_fake_cameras_exposure_is_lowered_and_unknown_settings_change_nothing() {
    let stream = camera::open_rear_camera().await.expect("fake camera opens").stream;
    let track = camera::video_track(&stream).expect("a video track");
    let caps = Capabilities::of(&track);
    // Chromium's fake camera: manual and continuous exposure, an exposure time, focus modes;
    // no zoom without the pan-tilt-zoom permission, no torch.
    assert!(caps.exposure_modes.manual && caps.exposure_time.is_some(), "{caps:?}");
    assert!(caps.focus_modes.any());
    assert_eq!(caps.zoom, None);
    assert_eq!(controls::torch_off(&caps), None);
    let before = Settings::of(&track);
    let change = controls::lower_exposure(&caps, &before).expect("a lower exposure");
    controls::apply(&track, &change).await.expect("the fake camera takes it");
    let after = Settings::of(&track);
    assert!(after.exposure_time < before.exposure_time, "{before:?} then {after:?}");
    // A zoom the camera does not have: refused or ignored, never a failure of the track.
    let _ = controls::apply(&track, &Change::Zoom(2.0)).await;
    assert!(camera::is_live(&stream));
    camera::stop(&stream);
}

#[wasm_bindgen_test]
async fn frames_arrive_with_rising_times_by_either_clock_and_stop_ends_them() {
    let stream = camera::open_rear_camera().await.expect("fake camera opens").stream;
    let video = playing(&stream).await;
    for clock in [Clock::VideoFrameCallback, Clock::AnimationFrame] {
        let times = Rc::new(RefCell::new(Vec::<f64>::new()));
        let t2 = times.clone();
        let frames = FrameLoop::start_with(video.clone(), clock, move |t| t2.borrow_mut().push(t));
        assert_eq!(frames.clock(), clock);
        sleep(1500).await;
        frames.stop();
        let count = times.borrow().len();
        sleep(300).await;
        assert_eq!(times.borrow().len(), count, "{clock:?}: callbacks continued after stop()");
        assert!(count >= 5, "{clock:?}: only {count} frames in 1.5 s");
        // The animation-frame clock reports each new frame once: times strictly rise.
        assert!(times.borrow().windows(2).all(|w| w[1] > w[0]), "{clock:?}: times did not rise");
    }
    camera::stop(&stream);
}

#[wasm_bindgen_test]
fn the_readers_messages_cross_as_bytes_and_back() {
    let orders = [
        Order::Restart { reading: 3, options: ReaderOptions { lead_in: vec![LedColour::Blue, LedColour::Green], lights: 1 } },
        Order::Restart { reading: 4, options: ReaderOptions { lead_in: vec![], lights: 2 } },
        Order::Frame { reading: 4, t_ms: 33.5, width: 1280, height: 720, windows: vec![Rect { x: 10, y: 20, w: 30, h: 40 }] },
        Order::Pin { x: 0.25, y: 0.75 },
    ];
    for order in orders {
        let back = to_js(&order).and_then(from_js::<Order>);
        assert_eq!(back, Some(order));
    }
    let also = vec![OtherLight { pattern: PatternKind::Blinking, colour: LedColour::Green, period_s: Some(1.0) }];
    let done = LedEvidence { also, ..evidence(PatternKind::Steady, Some(LedColour::Blue), 4.0, 0.5) };
    let statuses = [
        Status::Searching { hint: None },
        Status::Searching { hint: Some(NotFound::Saturated) },
        Status::Watching { flashes: 2, waiting: Waiting::FlashesGoOn },
        Status::Done(done),
    ];
    for status in statuses {
        let report = Report {
            reading: 4,
            t_ms: 1000.0,
            progress: Progress { status, level: Some(0.5), lit: true, colour: Some(LedColour::Red), led_at: Some((0.4, 0.6)), elapsed_s: 1.0 },
            brightness: 120.0,
            clipped: 0.01,
            shake: 0.2,
            light_px: Some(6.0),
            work_ms: 2.5,
            wanted: vec![Rect { x: 1, y: 2, w: 3, h: 4 }],
        };
        let back = to_js(&report).and_then(from_js::<Report>);
        assert_eq!(back, Some(report));
    }
}

/// Reads `scene` (at most 640 px wide: its overview is the frame) through the reader's worker
/// code as the page drives it: a `Restart` with `options`, then every frame with the windows the
/// last report wanted, each message as the page posts it. When and what the reading decided.
fn read_through_the_worker(scene: &Scene, options: ReaderOptions) -> Option<(f64, LedEvidence)> {
    let (w, h) = (scene.width, scene.height);
    assert_eq!(Geometry::for_camera(w, h).reduce, 1);
    let mut work = Work::new(0, ReaderOptions::default());
    let restart = reader_protocol::message(&Order::Restart { reading: 1, options }, None).expect("converts");
    assert!(work.answer(&restart).is_none(), "a restart is not answered");
    let mut wanted: Vec<Rect> = Vec::new();
    for f in render_all(scene) {
        let frame = Frame::new(w, h, &f.rgba, f.t_ms).expect("a whole frame");
        let buffers = Array::of1(&js_sys::Uint8Array::from(&f.rgba[..]).buffer());
        let mut windows = Vec::new();
        for a in &wanted {
            let r = signal_view::clip(a, w, h);
            if r.is_empty() {
                continue;
            }
            let mut px = Vec::new();
            signal_view::crop(&frame, &r, &mut px);
            buffers.push(&js_sys::Uint8Array::from(&px[..]).buffer());
            windows.push(r);
        }
        let order = Order::Frame { reading: 1, t_ms: f.t_ms, width: w as u32, height: h as u32, windows };
        let message = reader_protocol::message(&order, Some(&buffers)).expect("converts");
        let answer = work.answer(&message).expect("every frame is answered");
        let report = from_js::<Report>(answer).expect("a report, not \"skipped\"");
        assert_eq!(report.reading, 1);
        if let Status::Done(e) = report.progress.status {
            return Some((f.t_ms, e));
        }
        wanted = report.wanted;
    }
    None
}

#[wasm_bindgen_test]
fn the_worker_reads_with_the_options_of_the_model_sent_in_the_restart() {
    // A Sync Module 2 with its blue light steady (its normal state). No cause of a Sync Module
    // shows a burst after blue, so its reading calls a steady blue after 3 s; the reader's
    // defaults (a camera's blue recording light, which may lead into low-battery flashes) wait 8 s.
    let kb = Kb::builtin();
    let sync = kb.reader_options("sync-module-2");
    assert_eq!(sync.lead_in, Vec::<LedColour>::new());
    assert_eq!(kb.reader_options("xt2").lead_in, vec![LedColour::Blue]);
    assert_eq!(kb.reader_options("no-such-model"), ReaderOptions::default());
    let scene = Scene { width: 640, height: 480, led_radius_px: 7.0, led_gain: 2.0, ..Scene::new(Timeline::steady(Rgb::BLUE, 6.0)) };
    let (t_ms, e) = read_through_the_worker(&scene, sync).expect("the Sync Module's steady blue read within 6 s");
    assert_eq!((e.pattern, e.colour), (PatternKind::Steady, Some(LedColour::Blue)));
    assert!(t_ms < 5000.0, "decided at {t_ms} ms");
    // The same frames with the defaults, as when the options were not sent: still waiting.
    assert!(read_through_the_worker(&scene, ReaderOptions::default()).is_none());
}
