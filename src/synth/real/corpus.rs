//! The realistic case sets.
use super::scene::*;
use super::RealCase;
pub fn real_corpus() -> Vec<RealCase> { Vec::new() }
pub fn no_led_scenes() -> Vec<RealCase> { Vec::new() }
pub fn sample_cases() -> Vec<RealCase> { Vec::new() }
/// A plain scene to start from.
pub fn base_scene(timeline: crate::synth::Timeline) -> RealScene {
    RealScene {
        seed: 1,
        width: 1280,
        height: 720,
        fps: 30.0,
        jitter_ms: 0.0,
        drop_probability: 0.0,
        duration_s: timeline.duration_s(),
        backdrops: vec![Backdrop::new(super::Photo::Coffee, 0.0)],
        ambient: Ambient { level: light_level::ROOM, illuminant: illuminant::TUNGSTEN, flicker_depth: 0.0, flicker_hz: 100.0 },
        camera: CameraMotion::hand(1.0),
        device: Device { kind: DeviceKind::Outdoor, housing: Housing::Black, at: (0.5, 0.5), width_px: 160.0, light: 1.0, lights: vec![Light { slot: 0, timeline, radius_px: 1.0, luminance: 1.0 }] },
        distractors: Vec::new(),
        pipeline: Pipeline::phone(),
    }
}
