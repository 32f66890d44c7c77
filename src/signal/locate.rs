//! Finding the LED: the small bright spot that keeps switching on and off in the same place, in
//! LED colours, rather than simply the brightest thing in view.
//!
//! Per cell it keeps a contrast signal (peak brightness over the local background, widened over
//! the neighbouring cells so hand shake does not matter), slow min/max envelopes of it, and an
//! on/off state with hysteresis. Each off-to-on switch is an event. A lamp or a reflection moving
//! across the frame makes one event per cell it crosses; a blinking LED makes an event in the same
//! cells at every flash. Frames where many cells switch at once (exposure jumps, someone walking
//! past, mains flicker bands) are not counted. Colourful events (red, blue, green halos) weigh
//! more than white ones, and spots near the middle of the picture (where the user aims) a little
//! more than spots at the edges; spots that only ever switch in white (lamps, glints, people) are
//! never picked by themselves, since Blink status lights are red, blue or green. A spot that never
//! switches but is bright and coloured is the candidate for a steady light.
use super::cells::{CellStat, Grid};

/// Envelope memory in seconds.
const ENVELOPE_TAU_S: f32 = 4.0;
/// Event memory (half-life-ish) in seconds.
const EVENT_TAU_S: f32 = 10.0;
/// Minimum contrast swing (0..255) for a cell to count as switching.
const MIN_SWING: f32 = 40.0;
/// A cell must swing this many times its own typical wobble to count as switching.
const JITTER_FACTOR: f32 = 4.0;
const JITTER_CAP: f32 = 30.0;
/// Least colourfulness (channel spread of the peaks, 0..255) of an LED's light.
const MIN_LED_CHROMA: f32 = 60.0;
/// Above this share of cells switching in one frame, the change is global, not an LED.
const GLOBAL_CHANGE_SHARE: f32 = 0.03;

#[derive(Debug, Clone, Copy, Default)]
struct CellTrack {
    lo: f32,
    hi: f32,
    /// Typical frame-to-frame wobble of the cell (noise, flicker bands), capped so the LED's own
    /// switching barely raises it.
    jitter: f32,
    last: f32,
    on: bool,
    events: f32,
    /// How colourful the spot has been while on (0..255), held at its peak and slowly forgotten.
    colour: f32,
    /// Share of recent time the cell looked like a lit coloured spot (for steady lights).
    steady: f32,
}

/// Where the LED is believed to be, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub cx: usize,
    pub cy: usize,
    pub score: f32,
}

pub struct Locator {
    grid: Grid,
    tracks: Vec<CellTrack>,
    contrast: Vec<f32>,
    widened: Vec<f32>,
    chroma: Vec<f32>,
    scratch: Vec<f32>,
    tmp: Vec<f32>,
    frames: u32,
    watched_s: f32,
}

/// Mean over the (2r+1)^2 neighbourhood of each cell (clipped at the edges), via a summed-area
/// table so the cost does not grow with the radius.
fn box_mean(grid: &Grid, input: impl Fn(usize) -> f32, out: &mut [f32], sat: &mut Vec<f32>, radius: usize) {
    let (w, h) = (grid.cols, grid.rows);
    sat.clear();
    sat.resize((w + 1) * (h + 1), 0.0);
    for y in 0..h {
        let mut row = 0.0;
        for x in 0..w {
            row += input(y * w + x);
            sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
        }
    }
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let sum = sat[y1 * (w + 1) + x1] - sat[y0 * (w + 1) + x1] - sat[y1 * (w + 1) + x0] + sat[y0 * (w + 1) + x0];
            out[y * w + x] = sum / ((y1 - y0) * (x1 - x0)) as f32;
        }
    }
}

/// Maximum over the 3x3 neighbourhood of each cell, done as a row pass then a column pass.
fn max3x3(grid: &Grid, input: &[f32], tmp: &mut Vec<f32>, out: &mut [f32]) {
    let (w, h) = (grid.cols, grid.rows);
    tmp.clear();
    tmp.resize(w * h, 0.0);
    for y in 0..h {
        let row = &input[y * w..(y + 1) * w];
        for x in 0..w {
            let (a, b) = (x.saturating_sub(1), (x + 1).min(w - 1));
            tmp[y * w + x] = row[a].max(row[x]).max(row[b]);
        }
    }
    for y in 0..h {
        let (a, b) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            out[y * w + x] = tmp[a * w + x].max(tmp[y * w + x]).max(tmp[b * w + x]);
        }
    }
}

/// Colourfulness of a cell (0..255): that of its most colourful lit pixel, so an over-exposed
/// LED still counts by its halo.
pub fn chroma_of(stat: &CellStat) -> f32 {
    stat.chroma as f32
}

impl Locator {
    pub fn new(grid: Grid) -> Locator {
        let n = grid.len();
        Locator {
            grid,
            tracks: vec![CellTrack::default(); n],
            contrast: vec![0.0; n],
            widened: vec![0.0; n],
            chroma: vec![0.0; n],
            scratch: vec![0.0; n],
            tmp: Vec::new(),
            frames: 0,
            watched_s: 0.0,
        }
    }

    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Per-cell contrast of a frame: peak brightness minus the local background (mean of the
    /// surrounding cells' means). Written into `out`.
    pub fn contrast_map(grid: &Grid, stats: &[CellStat], scratch: &mut [f32], sat: &mut Vec<f32>, out: &mut [f32]) {
        box_mean(grid, |i| stats[i].mean as f32, scratch, sat, 2);
        for (i, s) in stats.iter().enumerate() {
            out[i] = (s.value() as f32 - scratch[i]).max(0.0);
        }
    }

    /// Feeds one frame's cell statistics, `dt_s` after the previous frame.
    pub fn update(&mut self, stats: &[CellStat], dt_s: f32) {
        if stats.len() != self.grid.len() {
            return;
        }
        let grid = self.grid;
        Self::contrast_map(&grid, stats, &mut self.scratch, &mut self.tmp, &mut self.contrast);
        max3x3(&grid, &self.contrast, &mut self.tmp, &mut self.widened);
        for (i, s) in stats.iter().enumerate() {
            self.scratch[i] = chroma_of(s);
        }
        max3x3(&grid, &self.scratch, &mut self.tmp, &mut self.chroma);

        let first = self.frames == 0;
        self.frames += 1;
        let dt = dt_s.clamp(0.0, 0.5);
        self.watched_s += dt;
        let a = (dt / ENVELOPE_TAU_S).min(1.0);
        let decay = (-dt / EVENT_TAU_S).exp();
        let steady_a = (dt / 1.5).min(1.0);
        let jitter_a = (dt / 2.0).min(1.0);

        let mut switched = Vec::new();
        for (i, t) in self.tracks.iter_mut().enumerate() {
            let d = self.widened[i];
            if first {
                *t = CellTrack { lo: d, hi: d, last: d, ..CellTrack::default() };
                continue;
            }
            t.hi = d.max(t.hi + (d - t.hi) * a);
            t.lo = d.min(t.lo + (d - t.lo) * a);
            t.jitter += ((d - t.last).abs().min(JITTER_CAP) - t.jitter) * jitter_a;
            t.last = d;
            let swing = t.hi - t.lo;
            t.events *= decay;
            let needed = MIN_SWING.max(JITTER_FACTOR * t.jitter);
            if !t.on && swing > needed && d > t.lo + 0.6 * swing {
                t.on = true;
                switched.push(i);
            } else if t.on && d < t.lo + 0.3 * swing {
                t.on = false;
            }
            // Peak-hold while lit (a 0.1 s flash must count fully), forgetting slowly.
            t.colour *= decay;
            if t.on {
                t.colour = t.colour.max(self.chroma[i]);
            }
            let lit_spot = d > 80.0 && self.chroma[i] > MIN_LED_CHROMA;
            t.steady += ((lit_spot as u8 as f32) - t.steady) * steady_a;
        }
        // Many cells switching together is a global change, not an LED.
        if (switched.len() as f32) < GLOBAL_CHANGE_SHARE * self.grid.len() as f32 {
            for i in switched {
                self.tracks[i].events += 1.0;
            }
        }
    }

    fn centre_weight(&self, cx: usize, cy: usize) -> f32 {
        let dx = (cx as f32 + 0.5) / self.grid.cols as f32 - 0.5;
        let dy = (cy as f32 + 0.5) / self.grid.rows as f32 - 0.5;
        1.0 - 0.6 * (dx * dx + dy * dy).sqrt() / std::f32::consts::FRAC_1_SQRT_2
    }

    /// The best candidate so far, if any cell qualifies.
    pub fn best(&self) -> Option<Candidate> {
        let g = &self.grid;
        let mut best: Option<Candidate> = None;
        for cy in 0..g.rows {
            for cx in 0..g.cols {
                let t = &self.tracks[cy * g.cols + cx];
                // Blink status lights are red, blue or green; spots that switch in white are lamps,
                // reflections and people. (A tap can still pick a white light.)
                if t.events < 0.9 || t.colour < MIN_LED_CHROMA {
                    continue;
                }
                let colour = 0.4 + 1.6 * (t.colour / 255.0).min(1.0);
                let score = t.events * colour * self.centre_weight(cx, cy);
                if best.is_none_or(|b| score > b.score) {
                    best = Some(Candidate { cx, cy, score });
                }
            }
        }
        if best.is_some() {
            return best;
        }
        if self.watched_s < 1.5 {
            return None;
        }
        for cy in 0..g.rows {
            for cx in 0..g.cols {
                let t = &self.tracks[cy * g.cols + cx];
                if t.steady < 0.8 {
                    continue;
                }
                let score = t.steady * self.centre_weight(cx, cy) * self.contrast[cy * g.cols + cx].max(1.0) / 255.0;
                if best.is_none_or(|b| score > b.score) {
                    best = Some(Candidate { cx, cy, score });
                }
            }
        }
        best
    }

    /// One cell's state in words, for debugging tools.
    pub fn describe_cell(&self, cx: usize, cy: usize) -> String {
        let i = cy * self.grid.cols + cx;
        let t = &self.tracks[i];
        format!(
            "d={:.0} lo={:.0} hi={:.0} jit={:.1} on={} ev={:.2} col={:.0} steady={:.2} chroma={:.0}",
            self.widened[i], t.lo, t.hi, t.jitter, t.on, t.events, t.colour, t.steady, self.chroma[i]
        )
    }
}
