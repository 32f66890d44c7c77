//! One light being watched: where it sits, the scale it is measured at, and its level and colour
//! frame by frame, at the camera's resolution.
//!
//! A tracker starts where the finder saw a light switch on (or a coloured light that stays lit,
//! or where the user tapped). Each frame it searches around where the light sits for the
//! strongest small light (`spot::measure`), so hand shake does not lose it, and moves with the
//! light while it is lit. How far it searches follows how much the light has been seen to shake:
//! wide at first, close once the phone is known to be steady, so other lights nearby stay out.
use super::measure::{Sample, SampleGap};
use super::segment::{segment_sorted, OnInterval, SortedLevels};
use super::spot::{self, Kernel, Sums, SCALES};
use super::view::{Rect, View};

/// For its first this many seconds a tracker measures at every scale and then keeps the one at
/// which the light stood out best: the scale cannot be judged from one frame of a light that is
/// still switching on (or blurred by the phone's noise reduction).
const SETTLE_S: f64 = 0.5;
/// How far (share of the frame's larger side) a light may move between frames while held by hand,
/// before the tracker has seen how much it shakes: up to about 2.5 degrees at 15 fps with an
/// unsteady arm, some 4 % of a phone camera's 65-70 degree view. Generous, since a light outside
/// the search is lost, and the search narrows as soon as the light's own shake is known.
const SHAKE_SHARE: f32 = 0.04;
/// The closest search (camera pixels) once the light is known to be still.
const REACH_MIN: usize = 2;
/// Lit positions needed before the search narrows to what the shake needs.
const JITTER_SAMPLES: u32 = 5;
/// The search covers this many times the light's typical deviation from where it sits.
const JITTER_REACH: f32 = 3.0;
/// How quickly the light's resting place follows its lit positions (share per lit frame).
const FOLLOW: f32 = 0.5;

/// How a tracker came to watch its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A light switched on here (the finder saw it).
    Switched,
    /// A coloured light stays lit here (the finder's steady spot).
    Steady,
    /// The user tapped here.
    Tapped,
}

pub struct Tracker {
    pub origin: Origin,
    /// Where the light sits (camera pixels): it follows the lit positions.
    pub x: f32,
    pub y: f32,
    kernel: Kernel,
    /// Samples per scale while settling, then only `samples` (the chosen scale's).
    settling: Option<Vec<Vec<Sample>>>,
    pub samples: Vec<Sample>,
    sorted: SortedLevels,
    reach: usize,
    reach_max: usize,
    /// Running mean square of the lit positions' distance from the resting place, and how many.
    jitter_sq: f32,
    lit_seen: u32,
    pub born_ms: f64,
    /// A steady light already seen lit this long before the tracker started (seconds).
    pub lit_before_s: f64,
    /// Set when a frame could not be measured (no pixels, disturbed), so the next sample knows.
    gap: Option<SampleGap>,
    sums: Sums,
}

impl Tracker {
    pub fn new(origin: Origin, x: f32, y: f32, t_ms: f64, camera_w: usize, camera_h: usize) -> Tracker {
        let reach_max = ((SHAKE_SHARE * camera_w.max(camera_h) as f32).round() as usize).max(REACH_MIN + 1);
        Tracker {
            origin,
            x,
            y,
            kernel: Kernel { half: SCALES[0] },
            settling: Some(vec![Vec::new(); SCALES.len()]),
            samples: Vec::new(),
            sorted: SortedLevels::default(),
            reach: reach_max,
            reach_max,
            jitter_sq: 0.0,
            lit_seen: 0,
            born_ms: t_ms,
            lit_before_s: 0.0,
            gap: None,
            sums: Sums::default(),
        }
    }

    /// The camera rectangle the tracker needs read at full resolution next frame.
    pub fn wanted(&self, camera_w: usize, camera_h: usize) -> Rect {
        let largest = if self.settling.is_some() { Kernel { half: SCALES[SCALES.len() - 1] } } else { self.kernel };
        Rect::around(self.x, self.y, self.reach + largest.outer() + 1, camera_w, camera_h)
    }

    /// This frame could not be measured: the next sample follows a gap of this kind.
    pub fn skip(&mut self, why: SampleGap) {
        self.gap = Some(self.gap.map_or(why, |g| g.max(why)));
    }

    /// Measures the light in this frame's pixels; returns the sample taken, if any.
    pub fn update(&mut self, view: &View) -> Option<Sample> {
        let t = view.t_ms;
        let Some(window) = view.covering(&self.wanted(view.geometry.camera_w, view.geometry.camera_h)).or_else(|| {
            // Near the frame's edge the full rectangle does not exist; any window holding the
            // place will do (the search is cut to what it holds).
            view.windows.iter().copied().find(|w| w.rect.contains(self.x, self.y))
        }) else {
            self.skip(SampleGap::Missing);
            return None;
        };
        let gap = self.gap.take();
        let reading = match self.settling.as_mut() {
            Some(per_scale) => {
                // Every scale's sample is kept; the position follows the scale at which the light
                // stands out most in this frame, when it is near the brightest this light has been.
                let mut best: Option<(f32, f32, spot::SpotReading)> = None;
                for (&half, series) in SCALES.iter().zip(per_scale.iter_mut()) {
                    let Some(r) = spot::measure(&window, &mut self.sums, Kernel { half }, self.x, self.y, self.reach) else { continue };
                    let brightest = series.iter().map(|s| s.level).fold(r.level, f32::max);
                    series.push(Sample { t_ms: t, level: r.level, colour: r.colour, gap });
                    let score = r.level * ((2 * half + 1) as f32).sqrt();
                    if best.is_none_or(|(s, _, _)| score > s) {
                        best = Some((score, brightest, r));
                    }
                }
                if (t - self.born_ms) / 1000.0 >= SETTLE_S {
                    self.settle();
                }
                best.map(|(_, brightest, r)| (r, r.level > 0.5 * brightest))
            }
            None => spot::measure(&window, &mut self.sums, self.kernel, self.x, self.y, self.reach).map(|r| {
                let lit = self.is_lit(r.level);
                let sample = Sample { t_ms: t, level: r.level, colour: r.colour, gap };
                self.samples.push(sample);
                self.sorted.insert(sample.level);
                (r, lit)
            }),
        };
        let Some((r, lit)) = reading else {
            self.skip(gap.map_or(SampleGap::Missing, |g| g.max(SampleGap::Missing)));
            return None;
        };
        if lit && r.level > 0.0 {
            self.follow(r.x as f32, r.y as f32);
        }
        Some(Sample { t_ms: t, level: r.level, colour: r.colour, gap })
    }

    /// Keeps the scale at which the light stood out most in its brightest frame (weighted as in
    /// `spot::best_scale`), with the samples measured at it.
    fn settle(&mut self) {
        let Some(per_scale) = self.settling.take() else { return };
        let score = |(k, s): &(&usize, &Vec<Sample>)| {
            s.iter().map(|x| x.level).fold(0.0f32, f32::max) * ((2 * **k + 1) as f32).sqrt()
        };
        let best = SCALES.iter().zip(per_scale.iter()).max_by(|a, b| score(a).total_cmp(&score(b)));
        if let Some((&half, samples)) = best {
            self.kernel = Kernel { half };
            self.samples = samples.clone();
            self.sorted = SortedLevels::of(&self.samples);
        }
    }

    /// Whether `level` is lit for this light: above the middle of what it has shown so far (or,
    /// before it has shown anything, above nothing at all).
    fn is_lit(&self, level: f32) -> bool {
        match self.sorted.range() {
            Some((lo, hi)) if hi > lo => level > lo + 0.5 * (hi - lo),
            _ => level > 0.0,
        }
    }

    /// Moves the resting place toward a lit position and learns how much the light shakes.
    fn follow(&mut self, x: f32, y: f32) {
        let d_sq = (x - self.x).powi(2) + (y - self.y).powi(2);
        self.lit_seen += 1;
        self.jitter_sq += (d_sq - self.jitter_sq) / self.lit_seen.min(20) as f32;
        self.x += FOLLOW * (x - self.x);
        self.y += FOLLOW * (y - self.y);
        if self.lit_seen >= JITTER_SAMPLES {
            let need = (JITTER_REACH * self.jitter_sq.sqrt()).ceil() as usize + 1;
            self.reach = need.clamp(REACH_MIN, self.reach_max);
        }
    }

    /// The lit intervals so far, in seconds after `origin_ms`.
    pub fn intervals(&self, origin_ms: f64) -> Vec<OnInterval> {
        segment_sorted(&self.samples, &self.sorted, origin_ms)
    }

    pub fn sorted_levels(&self) -> &SortedLevels {
        &self.sorted
    }

    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    pub fn reach(&self) -> usize {
        self.reach
    }

    /// Whether this tracker and `other` watch the same light.
    pub fn same_light(&self, x: f32, y: f32) -> bool {
        let near = (self.kernel.inner() as f32).max(3.0);
        (self.x - x).abs() <= near && (self.y - y).abs() <= near
    }
}
