//! Is the LED visible to a person watching the video? Two reader-independent checks: an
//! estimate from the scene's physics (used to keep random scenes plausible), and a measurement
//! of what the rendered video shows with the LED lit against the same video with it dark.
use super::render::RealRenderer;
use super::scene::{RealScene, Light};
use crate::synth::Timeline;

/// The estimate's thresholds: the LED must add at least this raw value once exposed (about 20
/// display levels on a dark housing) and at least this share of the light around it (a faint
/// red on a sunlit white housing is still plain to see).
const MIN_ADDED_RAW: f32 = 0.06;
const MIN_ADDED_SHARE: f32 = 0.15;
/// Auto-exposure aims the scene's mean at this raw value; a scene's mean reflectance is about this.
const AE_TARGET: f32 = 0.18;
const MEAN_REFLECTANCE: f32 = 0.2;

/// Peak radiance an LED adds (raw per ms) through the lens: its energy over the blurred spot's
/// area, never more than the emitter's own luminance.
fn peak(light: &Light, psf_sigma: f32, glare: f32) -> f32 {
    let r = light.radius_px.max(0.1);
    let var = psf_sigma * psf_sigma + r * r / 4.0;
    (light.luminance * r * r / (2.0 * var)).min(light.luminance) * (1.0 - glare)
}

/// The estimate for the dimmest of the device's lights: 1 or more means plainly visible.
pub fn visibility_estimate(scene: &RealScene) -> f32 {
    let p = &scene.pipeline;
    let a = &scene.ambient;
    let backdrop_light = scene.backdrops.first().map(|b| b.light).unwrap_or(1.0);
    let mean = (a.level * backdrop_light * MEAN_REFLECTANCE).max(1e-9);
    let max_exposure = 1000.0 / scene.fps as f32 * p.max_gain;
    let exposure = (AE_TARGET / mean).min(max_exposure);
    let housing = scene.device.housing.reflectance()[1] * a.level * scene.device.light;
    scene
        .device
        .lights
        .iter()
        .map(|l| {
            let added = peak(l, p.psf_sigma_px, p.glare);
            ((added * exposure) / MIN_ADDED_RAW).min(added / (housing * MIN_ADDED_SHARE).max(1e-9))
        })
        .fold(f32::INFINITY, f32::min)
}

/// Measured contrast: for each light, the largest difference (0..255, any channel) within a few
/// pixels of the LED between the video and the same video with every LED dark, at `t_s` (a
/// moment the light is lit). Noise is the same in both renderings (same seed), so only the
/// LED's light (and what the pipeline does with it) differs.
pub fn measured_contrast(scene: &RealScene, t_s: f64) -> Vec<f32> {
    let mut dark = scene.clone();
    for l in &mut dark.device.lights {
        l.timeline = Timeline::none(l.timeline.duration_s());
    }
    let times: Vec<f64> = super::render::real_frame_times(scene).into_iter().take_while(|t| *t <= t_s * 1000.0 + 1e-6).collect();
    let Some(&last) = times.last() else { return Vec::new() };
    let render = |s: &RealScene| {
        let mut r = RealRenderer::with_times(s, times.clone());
        let frame = r.by_ref().last();
        (frame, r.led_positions(last))
    };
    let ((lit, at), (off, _)) = (render(scene), render(&dark));
    let (Some(lit), Some(off)) = (lit, off) else { return Vec::new() };
    let (w, h) = (scene.width as i64, scene.height as i64);
    let reach = 4 + scene.device.lights.iter().map(|l| l.radius_px.ceil() as i64).max().unwrap_or(0);
    at.iter()
        .map(|&(x, y)| {
            let mut best = 0f32;
            for yy in (y as i64 - reach).max(0)..(y as i64 + reach + 1).min(h) {
                for xx in (x as i64 - reach).max(0)..(x as i64 + reach + 1).min(w) {
                    let i = ((yy * w + xx) * 4) as usize;
                    for k in 0..3 {
                        best = best.max((lit.rgba[i + k] as f32 - off.rgba[i + k] as f32).abs());
                    }
                }
            }
            best
        })
        .collect()
}
