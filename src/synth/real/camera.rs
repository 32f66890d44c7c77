//! The phone's pose over time: hand tremor and sway as sums of smooth oscillations with seeded
//! frequencies and phases (real hand shake is smooth, not white), pan, zoom and jerks.
use super::scene::CameraMotion;
use crate::synth::Rng;
use std::f64::consts::TAU;

/// Physiological tremor lies at 8-12 Hz; 7-12 leaves room for a tired hand.
const TREMOR_HZ: (f64, f64) = (7.0, 12.0);
/// Arm sway and breathing: 0.2-1.2 Hz.
const SWAY_HZ: (f64, f64) = (0.2, 1.2);
/// Oscillations summed per motion (three are enough to look irregular).
const COMPONENTS: usize = 3;

/// Where the world appears in the image: image = centre + scale * R(angle) * (world - centre) + (dx, dy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    pub dx: f32,
    pub dy: f32,
    pub scale: f32,
    pub angle: f32,
}

impl Pose {
    pub const IDENTITY: Pose = Pose { dx: 0.0, dy: 0.0, scale: 1.0, angle: 0.0 };

    /// Image position of a world point, with `c` the frame centre.
    pub fn apply(&self, c: (f32, f32), p: (f32, f32)) -> (f32, f32) {
        let (s, co) = self.angle.sin_cos();
        let (x, y) = (p.0 - c.0, p.1 - c.1);
        (c.0 + self.scale * (co * x - s * y) + self.dx, c.1 + self.scale * (s * x + co * y) + self.dy)
    }

    /// World position of an image point (the inverse of `apply`).
    pub fn invert(&self, c: (f32, f32), p: (f32, f32)) -> (f32, f32) {
        let (s, co) = self.angle.sin_cos();
        let (x, y) = ((p.0 - c.0 - self.dx) / self.scale, (p.1 - c.1 - self.dy) / self.scale);
        (c.0 + co * x + s * y, c.1 - s * x + co * y)
    }

    /// The same motion seen on a farther plane: translation scaled by `parallax`, rotation kept.
    pub fn with_parallax(&self, parallax: f32) -> Pose {
        Pose { dx: self.dx * parallax, dy: self.dy * parallax, scale: 1.0 + (self.scale - 1.0) * parallax, angle: self.angle }
    }
}

#[derive(Debug, Clone)]
struct Wave {
    hz: f64,
    amp: f64,
    phase_x: f64,
    phase_y: f64,
}

fn waves(rng: &mut Rng, amplitude: f32, hz: (f64, f64)) -> Vec<Wave> {
    // Amplitudes 1, 0.7, 0.5 normalised so the sum has the requested RMS per axis.
    let weights = [1.0, 0.7, 0.5];
    let norm = (weights.iter().map(|w| w * w / 2.0).sum::<f64>()).sqrt();
    (0..COMPONENTS)
        .map(|k| Wave {
            hz: hz.0 + rng.unit() * (hz.1 - hz.0),
            amp: amplitude as f64 * weights[k] / norm,
            phase_x: rng.unit() * TAU,
            phase_y: rng.unit() * TAU,
        })
        .collect()
}

/// A camera motion made concrete for one seed.
#[derive(Debug, Clone)]
pub struct MotionPlan {
    tremor: Vec<Wave>,
    sway: Vec<Wave>,
    roll: Vec<Wave>,
    motion: CameraMotion,
}

impl MotionPlan {
    pub fn new(motion: &CameraMotion, seed: u64) -> MotionPlan {
        let mut rng = Rng::new(seed ^ 0x5eed_cafe);
        MotionPlan {
            tremor: waves(&mut rng, motion.tremor_px, TREMOR_HZ),
            sway: waves(&mut rng, motion.sway_px, SWAY_HZ),
            roll: waves(&mut rng, motion.roll_deg, SWAY_HZ),
            motion: motion.clone(),
        }
    }

    /// The phone's pose at `t` seconds.
    pub fn pose(&self, t: f64) -> Pose {
        let (mut x, mut y) = (0.0, 0.0);
        for w in self.tremor.iter().chain(&self.sway) {
            x += w.amp * (TAU * w.hz * t + w.phase_x).sin();
            y += w.amp * (TAU * w.hz * t + w.phase_y).sin();
        }
        let roll: f64 = self.roll.iter().map(|w| w.amp * (TAU * w.hz * t + w.phase_x).sin()).sum();
        let m = &self.motion;
        x += m.pan_px_s.0 as f64 * t;
        y += m.pan_px_s.1 as f64 * t;
        for &(at, jx, jy, dur) in &m.jerks {
            let k = ease((t - at) / dur.max(1e-3));
            x += jx as f64 * k;
            y += jy as f64 * k;
        }
        Pose { dx: x as f32, dy: y as f32, scale: (m.zoom_rate as f64 * t).exp() as f32, angle: roll.to_radians() as f32 }
    }
}

/// 0 before, 1 after, a smooth cosine step between.
fn ease(u: f64) -> f64 {
    if u <= 0.0 {
        0.0
    } else if u >= 1.0 {
        1.0
    } else {
        0.5 - 0.5 * (u * std::f64::consts::PI).cos()
    }
}
