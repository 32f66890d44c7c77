//! What every layer needs to know about one frame: its size, the time each row was exposed
//! (rolling shutter), the phone's pose for each row, and how much ambient light each row got.
use super::camera::{MotionPlan, Pose};
use super::scene::RealScene;

pub struct FrameGeom {
    pub w: usize,
    pub h: usize,
    /// Frame centre (pixels).
    pub c: (f32, f32),
    /// Capture time of the first row (s) and the exposure time (s).
    pub t: f64,
    pub exposure_s: f64,
    /// Time between the start of one row's exposure and the next's (s).
    pub line_s: f64,
    /// The phone's pose in the middle of each row's exposure.
    pub row_pose: Vec<Pose>,
    /// Ambient light on each row relative to the mean (mains flicker seen by the rolling shutter).
    pub row_light: Vec<f32>,
}

impl FrameGeom {
    pub fn new(scene: &RealScene, plan: &MotionPlan, t: f64, exposure_s: f64) -> FrameGeom {
        let (w, h) = (scene.width, scene.height);
        let line_s = scene.pipeline.readout as f64 / (scene.fps * h as f64);
        // The pose changes slowly against a row's time: evaluate it every few rows and hold it.
        const POSE_ROWS: usize = 4;
        let mut row_pose = Vec::with_capacity(h);
        let mut pose = Pose::IDENTITY;
        for y in 0..h {
            if y % POSE_ROWS == 0 {
                pose = plan.pose(t + (y + POSE_ROWS / 2) as f64 * line_s + exposure_s / 2.0);
            }
            row_pose.push(pose);
        }
        let a = &scene.ambient;
        let row_light = (0..h).map(|y| flicker_mean(a.flicker_depth, a.flicker_hz, t + y as f64 * line_s, exposure_s)).collect();
        FrameGeom { w, h, c: (w as f32 / 2.0, h as f32 / 2.0), t, exposure_s, line_s, row_pose, row_light }
    }

    /// Start of the exposure of the row at image height `y` (s).
    pub fn row_time(&self, y: f32) -> f64 {
        self.t + (y.clamp(0.0, self.h as f32 - 1.0) as f64) * self.line_s
    }

    pub fn pose_at_row(&self, y: f32) -> Pose {
        self.row_pose[(y.max(0.0) as usize).min(self.h - 1)]
    }
}

/// Mean of 1 + depth * cos(2 pi f t) over [start, start + exposure]: mains light as one row
/// integrates it. A whole number of periods averages the ripple away.
pub fn flicker_mean(depth: f32, hz: f32, start: f64, exposure: f64) -> f32 {
    if depth <= 0.0 {
        return 1.0;
    }
    let w = std::f64::consts::TAU * hz as f64;
    let ripple = if exposure * w < 1e-6 { (w * start).cos() } else { ((w * (start + exposure)).sin() - (w * start).sin()) / (w * exposure) };
    1.0 + depth * ripple as f32
}
