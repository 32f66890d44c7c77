//! Synthetic camera video of a Blink camera's LED, for tests and the browser's fake camera.
//! Seeded and deterministic: the same scene always renders the same bytes. It renders a housing
//! with an LED that follows a timeline, plus the nuisances of real phone video: sensor noise,
//! auto-exposure drift, hand shake, mains flicker with rolling-shutter bands, bloom and
//! over-exposure, colour at half resolution (4:2:0), moving bright distractors, uneven frame timing and dropped frames.
//! `real` (native only) renders realistic video instead: real photographs, a phone's image
//! pipeline, LEDs as light; its cases play through the same `read_case`.
mod corpus;
mod holdout;
#[cfg(not(target_arch = "wasm32"))]
pub mod real;
mod render;
mod rng;
mod scenarios;
mod timeline;
mod y4m;
mod yuv;

pub use corpus::{corpus, read_case, Case, Expected, Video};
pub use holdout::holdout;
pub use render::{render_frame, Distractor, Nuisances, Scene};
pub use rng::Rng;
pub use scenarios::e2e_scenarios;
#[cfg(not(target_arch = "wasm32"))]
pub use scenarios::e2e_real_scenarios;
pub use timeline::{Rgb, Timeline};
pub use y4m::write_y4m;
pub use yuv::subsample_chroma;

/// One rendered frame: RGBA bytes and its capture time.
pub struct SynthFrame {
    pub rgba: Vec<u8>,
    pub t_ms: f64,
}

/// Capture times of the scene's frames: nominal 1/fps spacing with jitter, minus dropped frames.
pub fn frame_times(scene: &Scene) -> Vec<f64> {
    let mut rng = Rng::new(scene.seed ^ 0x7155_3ca1);
    let period = 1000.0 / scene.fps;
    let n = (scene.timeline.duration_s() * scene.fps).floor() as usize;
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 && rng.unit() < scene.nuisances.drop_probability {
            continue;
        }
        let jitter = (rng.unit() - 0.5) * 2.0 * scene.nuisances.jitter_ms;
        times.push((i as f64 * period + jitter).max(0.0));
    }
    times
}

/// Renders every frame of a scene.
pub fn render_all(scene: &Scene) -> impl Iterator<Item = SynthFrame> + '_ {
    frame_times(scene).into_iter().map(move |t_ms| SynthFrame { rgba: render_frame(scene, t_ms), t_ms })
}
