//! The camera screen: rear-camera preview and a live readout of the LED.
use super::Screen;
use crate::glue::camera::{self, CameraError};
use crate::glue::frames::{FrameLoop, FrameReader};
use crate::kb::Kb;
use crate::signal::{centre_brightness, Frame};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::MediaStream;

/// Everything that holds the camera, released together.
struct Session {
    stream: MediaStream,
    _frames: FrameLoop,
}

impl Drop for Session {
    fn drop(&mut self) {
        camera::stop(&self.stream);
    }
}

#[derive(Debug, Clone, PartialEq)]
enum CameraState {
    Starting,
    Live,
    Failed(CameraError),
}

#[component]
pub fn CameraScreen(model_id: String, screen: RwSignal<Screen>) -> impl IntoView {
    let model_name = Kb::builtin().model(&model_id).map(|m| m.name.clone()).unwrap_or_default();
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let state = RwSignal::new(CameraState::Starting);
    let brightness = RwSignal::new(None::<f32>);
    let session = StoredValue::new_local(None::<Session>);

    let start = move || {
        state.set(CameraState::Starting);
        spawn_local(async move {
            let stream = match camera::open_rear_camera().await {
                Ok(s) => s,
                Err(e) => {
                    state.set(CameraState::Failed(e));
                    return;
                }
            };
            let Some(video) = video_ref.get_untracked() else {
                camera::stop(&stream);
                return;
            };
            video.set_src_object(Some(&stream));
            if let Ok(p) = video.play() {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            }
            let reader = match FrameReader::new(320) {
                Ok(r) => r,
                Err(e) => {
                    camera::stop(&stream);
                    state.set(CameraState::Failed(CameraError::Other(e)));
                    return;
                }
            };
            let video_for_frames = video.clone();
            let frames = FrameLoop::start(video, move |t_ms| {
                if let Some(px) = reader.read(&video_for_frames) {
                    if let Some(frame) = Frame::new(px.width as usize, px.height as usize, &px.rgba, t_ms) {
                        brightness.set(Some(centre_brightness(&frame)));
                    }
                }
            });
            session.set_value(Some(Session { stream, _frames: frames }));
            state.set(CameraState::Live);
        });
    };
    Effect::new(move |_| start());
    // Leaving the screen releases the camera.
    on_cleanup(move || session.set_value(None));

    view! {
        <section class="camera">
            <h1>{format!("Reading the light of your {model_name}")}</h1>
            <p class="hint">"Hold the phone 20–50 cm from the camera with its light in the middle of the picture."</p>
            <div class="preview">
                <video node_ref=video_ref autoplay=true muted=true playsinline=true aria-label="Camera preview"></video>
                <div class="reticle" aria-hidden="true"></div>
            </div>
            {move || match state.get() {
                CameraState::Starting => view! { <p class="status" role="status">"Starting the camera…"</p> }.into_any(),
                CameraState::Live => view! {
                    <p class="status" role="status">
                        "Light level in the centre: "
                        <output data-testid="brightness" data-value=move || brightness.get().map(|b| format!("{b:.3}")).unwrap_or_default()>
                            {move || brightness.get().map(|b| format!("{:.0} %", b * 100.0)).unwrap_or_else(|| "…".into())}
                        </output>
                    </p>
                }.into_any(),
                CameraState::Failed(e) => view! {
                    <div class="error" role="alert" data-testid="camera-error" data-error=e.id()>
                        <p>{e.message()}</p>
                        <button on:click=move |_| start()>"Try again"</button>
                        <button on:click=move |_| screen.set(Screen::Home { notice: None })>"Back"</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
