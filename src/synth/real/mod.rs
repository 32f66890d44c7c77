//! Realistic test video (native only): real photographs behind a Blink device, the phone's
//! motion, LEDs as light through a lens, distractors, and a phone's image pipeline. Built from
//! the physics of phone cameras and small LEDs, not from what the reader does, so it can judge
//! the reader on video nobody fitted it to.
//!
//! - `RealScene` describes one video; `RealRenderer::new(&scene)` yields its frames in order
//!   (the pipeline keeps state: exposure, white balance, the previous frame for noise reduction).
//! - `RealScene` implements `synth::Video`, so a `Case<RealScene>` plays through `synth::read_case`.
//! - `real_corpus()`, `real_holdout(seed, n)` and `no_led_scenes()` are the case sets.
mod backdrop;
mod camera;
mod corpus;
mod device;
mod emissive;
mod frame_geom;
mod holdout;
mod isp;
mod optics;
mod photos;
mod planes;
mod png_out;
mod render;
mod scene;
mod visibility;

pub use camera::{MotionPlan, Pose};
pub use corpus::{base_scene, no_led_scenes, real_corpus, sample_cases, settings, sync_states, Lights};
pub use holdout::real_holdout;
pub use isp::Exposure;
pub use photos::Photo;
pub use png_out::write_png;
pub use render::{real_frame_times, RealRenderer};
pub use visibility::{measured_contrast, visibility_estimate};
pub use scene::{
    emitter_colour, illuminant, light_level, luminance, Ambient, Backdrop, CameraMotion, Device, DeviceKind, Distractor, Housing, Light, Pipeline,
    RealScene,
};

use super::{SynthFrame, Video};

/// A case of the realistic sets.
pub type RealCase = super::Case<RealScene>;

impl Video for RealScene {
    fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    fn frames(&self) -> Box<dyn Iterator<Item = SynthFrame> + '_> {
        Box::new(RealRenderer::new(self))
    }

    /// The app tells the reader what the chosen model's knowledge-base signatures say.
    fn reader_options(&self) -> crate::signal::ReaderOptions {
        crate::kb::Kb::builtin().reader_options(self.device.kind.model_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Rgb, Timeline};

    fn small(timeline: Timeline) -> RealScene {
        RealScene { distractors: vec![Distractor::Lamp { at: (0.2, 0.2), radius_px: 1.0, luminance: luminance::STREET_LAMP, colour: illuminant::SODIUM, flicker: 0.3 }], ..base_scene(timeline) }
            .resized(192, 108)
    }

    #[test]
    fn the_same_scene_renders_the_same_bytes() {
        let s = small(Timeline::blinking(Rgb::RED, 0.5, 0.5, 0.1, 1.0));
        let a: Vec<Vec<u8>> = RealRenderer::new(&s).take(12).map(|f| f.rgba).collect();
        let b: Vec<Vec<u8>> = RealRenderer::new(&s).take(12).map(|f| f.rgba).collect();
        assert_eq!(a.len(), 12);
        assert!(a == b, "rendering is not deterministic");
    }

    #[test]
    fn a_lit_led_adds_red_light_where_it_is() {
        let mut s = small(Timeline::steady(Rgb::RED, 1.0));
        s.distractors.clear();
        s.device.lights[0].radius_px = 1.5;
        let c = measured_contrast(&s, 0.3);
        assert!(c[0] > 40.0, "contrast {c:?}");
    }
}
