//! What the glue measures of the picture itself, for guidance, until the reader reports it (see
//! the report in docs/DESIGN.md): how bright the picture is, how much it shakes, and how big
//! the status light is. Cheap: a sparse pass over the reduced frame, and a few hundred pixels
//! around the light at the camera's resolution.
use crate::signal::view::{Rect, View};
use crate::signal::Frame;
use std::collections::VecDeque;

/// Every this many overview pixels in each direction are looked at (a 640x360 overview gives
/// 14 400 samples: enough for a mean and a motion profile, a small share of the frame's cost).
const SAMPLE_STEP: usize = 4;
/// A pixel at or above this (any channel) is clipped.
const CLIPPED: u8 = 250;
/// Motion is searched up to this many overview pixels per frame (~2.5 % of a 640 px frame):
/// more is a pan or a cut, not shake.
const MAX_SHIFT: usize = 16;
/// Shake is judged over the last second of frames.
const SHAKE_WINDOW_MS: f64 = 1000.0;
/// Half the side of the box the light's size is measured in, at the camera's resolution: room
/// for a near light's bloom.
const SIZE_HALF: usize = 12;
/// A light is measured only when it stands this far (0..255) above its surroundings.
const SIZE_MIN_RISE: f32 = 24.0;

/// The picture's brightness: mean luma 0..255 and the share of clipped samples.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Brightness {
    pub mean: f32,
    pub clipped: f32,
}

/// Brightness and motion of the picture from frame to frame, from the reduced frame.
#[derive(Default)]
pub struct Picture {
    cols: Vec<f32>,
    rows: Vec<f32>,
    prev_cols: Vec<f32>,
    prev_rows: Vec<f32>,
    /// (time, motion in overview pixels) for the last second.
    motion: VecDeque<(f64, f32)>,
    side: usize,
    pub brightness: Brightness,
}

impl Picture {
    /// Measures one reduced frame (the view's overview).
    pub fn update(&mut self, frame: &Frame) {
        let (w, h) = (frame.width, frame.height);
        let (nc, nr) = (w.div_ceil(SAMPLE_STEP), h.div_ceil(SAMPLE_STEP));
        std::mem::swap(&mut self.cols, &mut self.prev_cols);
        std::mem::swap(&mut self.rows, &mut self.prev_rows);
        self.cols.clear();
        self.cols.resize(nc, 0.0);
        self.rows.clear();
        self.rows.resize(nr, 0.0);
        let (mut sum, mut clipped, mut n) = (0u64, 0u32, 0u32);
        for (ri, y) in (0..h).step_by(SAMPLE_STEP).enumerate() {
            let row = frame.row(y);
            let mut row_sum = 0u32;
            for (ci, px) in row.chunks_exact(4).step_by(SAMPLE_STEP).enumerate() {
                let luma = (px[0] as u32 * 77 + px[1] as u32 * 150 + px[2] as u32 * 29) >> 8;
                row_sum += luma;
                self.cols[ci] += luma as f32;
                if px[0].max(px[1]).max(px[2]) >= CLIPPED {
                    clipped += 1;
                }
            }
            self.rows[ri] = row_sum as f32 / nc as f32;
            sum += row_sum as u64;
            n += nc as u32;
        }
        for c in &mut self.cols {
            *c /= nr as f32;
        }
        self.brightness = Brightness { mean: sum as f32 / n.max(1) as f32, clipped: clipped as f32 / n.max(1) as f32 };
        if self.side != w.max(h) {
            // A new picture size (zoom): motion starts over.
            self.side = w.max(h);
            self.motion.clear();
            self.prev_cols.clear();
            return;
        }
        if self.prev_cols.len() == nc && self.prev_rows.len() == nr {
            let dx = shift(&self.prev_cols, &self.cols) as f32;
            let dy = shift(&self.prev_rows, &self.rows) as f32;
            let moved = dx.hypot(dy) * SAMPLE_STEP as f32;
            self.motion.push_back((frame.t_ms, moved));
            while self.motion.front().is_some_and(|(t, _)| *t < frame.t_ms - SHAKE_WINDOW_MS) {
                self.motion.pop_front();
            }
        }
    }

    /// How much the picture shakes: the median motion from frame to frame over the last second,
    /// in shares of the picture's longer side per second. A cut or a single jolt moves the median
    /// little; steady trembling does.
    pub fn shake(&self) -> f32 {
        if self.motion.len() < 5 || self.side == 0 {
            return 0.0;
        }
        let span_ms = self.motion.back().map(|b| b.0).unwrap_or(0.0) - self.motion.front().map(|f| f.0).unwrap_or(0.0);
        if span_ms <= 0.0 {
            return 0.0;
        }
        let per_frame = median(&mut self.motion.iter().map(|(_, d)| *d).collect::<Vec<f32>>()).unwrap_or(0.0);
        let fps = (self.motion.len() - 1) as f64 * 1000.0 / span_ms;
        (per_frame as f64 * fps / self.side as f64) as f32
    }
}

/// The median (the upper one of an even count); None for no values. One sort for every
/// median the reading takes, so it is compiled once.
pub fn median(v: &mut [f32]) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

/// The shift (in samples, either way up to MAX_SHIFT / SAMPLE_STEP) that best lines `now` up
/// with `before`, each taken relative to its own mean (an exposure change is no motion).
fn shift(before: &[f32], now: &[f32]) -> isize {
    let n = before.len().min(now.len());
    let reach = (MAX_SHIFT / SAMPLE_STEP).min(n / 4) as isize;
    if reach == 0 {
        return 0;
    }
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
    let (mb, mn) = (mean(&before[..n]), mean(&now[..n]));
    let mut best = (f32::INFINITY, 0isize);
    for s in -reach..=reach {
        let (mut cost, mut count) = (0.0f32, 0u32);
        for i in reach..(n as isize - reach) {
            let j = i + s;
            cost += ((now[j as usize] - mn) - (before[i as usize] - mb)).abs();
            count += 1;
        }
        let cost = cost / count.max(1) as f32;
        // Ties go to the smaller shift: a flat picture has not moved.
        if cost < best.0 - 1e-3 || (cost - best.0).abs() <= 1e-3 && s.abs() < best.1.abs() {
            best = (cost, s);
        }
    }
    best.1
}

/// The lit status light's size across, in camera pixels: the pixels around (cx, cy) brighter
/// than halfway from their surroundings to the light's peak, as a disc. None when no window
/// holds the place or the light does not stand out.
pub fn light_size(view: &View, cx: f32, cy: f32) -> Option<f32> {
    let g = view.geometry;
    let around = Rect::around(cx, cy, SIZE_HALF, g.camera_w, g.camera_h);
    if around.w < 3 || around.h < 3 {
        return None;
    }
    let win = view.covering(&around)?;
    let value = |x: usize, y: usize| {
        let p = win.pixel(x, y);
        p[0].max(p[1]).max(p[2]) as f32
    };
    let (mut peak, mut ring, mut ring_n) = (0.0f32, 0.0f32, 0u32);
    for y in around.y..around.bottom() {
        for x in around.x..around.right() {
            let v = value(x, y);
            peak = peak.max(v);
            if y == around.y || y + 1 == around.bottom() || x == around.x || x + 1 == around.right() {
                ring += v;
                ring_n += 1;
            }
        }
    }
    let background = ring / ring_n.max(1) as f32;
    if peak - background < SIZE_MIN_RISE {
        return None;
    }
    let half = background + (peak - background) / 2.0;
    let mut area = 0u32;
    for y in around.y..around.bottom() {
        for x in around.x..around.right() {
            if value(x, y) >= half {
                area += 1;
            }
        }
    }
    Some(2.0 * (area as f32 / std::f32::consts::PI).sqrt())
}
