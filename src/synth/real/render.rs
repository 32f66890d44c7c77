//! Plays a realistic scene frame by frame: radiance (backdrop, things in it, device, emitters,
//! LEDs) for each frame's exposure, then the phone's pipeline. Frames must come in order (the
//! pipeline keeps state), so rendering is an iterator.
use super::backdrop::{draw_backdrop_things, draw_photo};
use super::camera::MotionPlan;
use super::device::{add_leds, draw_body, led_image_positions};
use super::emissive::draw_emitters;
use super::frame_geom::FrameGeom;
use super::isp::{Exposure, Isp};
use super::optics::Psf;
use super::planes::Planes;
use super::scene::RealScene;
use crate::synth::{Rng, SynthFrame};

/// The near and far glare rings, as fractions of the frame height.
const GLARE_NEAR: f32 = 0.005;
const GLARE_FAR: f32 = 0.025;
/// Exposure used only to meter the very first frame.
const PRIMING_EXPOSURE_S: f64 = 0.01;

/// Capture times (ms) of a scene's frames: nominal 1/fps spacing with jitter, minus dropped frames.
pub fn real_frame_times(scene: &RealScene) -> Vec<f64> {
    let mut rng = Rng::new(scene.seed ^ 0x7155_3ca1);
    let period = 1000.0 / scene.fps;
    let n = (scene.duration_s * scene.fps).floor() as usize;
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 && rng.unit() < scene.drop_probability {
            continue;
        }
        let jitter = (rng.unit() - 0.5) * 2.0 * scene.jitter_ms;
        times.push((i as f64 * period + jitter).max(0.0));
    }
    times
}

/// Renders the frames of one scene in order.
pub struct RealRenderer<'a> {
    scene: &'a RealScene,
    plan: MotionPlan,
    isp: Isp,
    psf: Psf,
    radiance: Planes,
    half: Planes,
    times: std::vec::IntoIter<f64>,
    last_t_ms: Option<f64>,
}

impl<'a> RealRenderer<'a> {
    pub fn new(scene: &'a RealScene) -> RealRenderer<'a> {
        let times = real_frame_times(scene);
        Self::with_times(scene, times)
    }

    /// Renders at the given capture times (ms), e.g. exact 1/fps steps for a fake camera file.
    pub fn with_times(scene: &'a RealScene, times: Vec<f64>) -> RealRenderer<'a> {
        let p = &scene.pipeline;
        let h = scene.height as f32;
        RealRenderer {
            scene,
            plan: MotionPlan::new(&scene.camera, scene.seed),
            isp: Isp::new(scene.width, scene.height, p, scene.seed),
            psf: Psf { sigma: p.psf_sigma_px, glare: p.glare, glare_near_px: GLARE_NEAR * h, glare_far_px: GLARE_FAR * h },
            radiance: Planes::new(scene.width, scene.height),
            half: Planes::new(0, 0),
            times: times.into_iter(),
            last_t_ms: None,
        }
    }

    /// Where the device's LEDs appear in the image at `t_ms` (pixels), in the order of its lights.
    pub fn led_positions(&self, t_ms: f64) -> Vec<(f32, f32)> {
        led_image_positions(self.scene, &self.plan, t_ms / 1000.0)
    }

    fn radiance_at(&mut self, t_s: f64, exposure_s: f64) {
        let g = FrameGeom::new(self.scene, &self.plan, t_s, exposure_s);
        draw_photo(self.scene, &g, &mut self.radiance, &mut self.half);
        draw_backdrop_things(self.scene, &g, &mut self.radiance);
        draw_emitters(self.scene, &g, &self.psf, &mut self.radiance);
        draw_body(self.scene, &g, &mut self.radiance);
        add_leds(self.scene, &self.plan, &g, &self.psf, &mut self.radiance);
    }

    /// The next frame, and the exposure the phone used for it.
    pub fn next_with_exposure(&mut self) -> Option<(SynthFrame, Exposure)> {
        let t_ms = self.times.next()?;
        let t_s = t_ms / 1000.0;
        let a = &self.scene.ambient;
        let flicker_hz = (a.flicker_depth > 0.0).then_some(a.flicker_hz);
        if self.last_t_ms.is_none() {
            self.radiance_at(t_s, PRIMING_EXPOSURE_S);
            self.isp.prime(&self.radiance, self.scene.pipeline.ae_start);
        }
        let exp = self.isp.exposure(1.0 / self.scene.fps, flicker_hz);
        self.radiance_at(t_s, exp.time_ms / 1000.0);
        let dt = self.last_t_ms.map(|l| (t_ms - l) / 1000.0).unwrap_or(1.0 / self.scene.fps);
        self.last_t_ms = Some(t_ms);
        let mut rgba = vec![0u8; self.scene.width * self.scene.height * 4];
        self.isp.process(&self.radiance, exp, dt, &mut rgba);
        Some((SynthFrame { rgba, t_ms }, exp))
    }
}

impl Iterator for RealRenderer<'_> {
    type Item = SynthFrame;

    fn next(&mut self) -> Option<SynthFrame> {
        self.next_with_exposure().map(|(f, _)| f)
    }
}
