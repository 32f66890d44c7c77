//! One light being watched: where it sits, the scale it is measured at, and its level and colour
//! frame by frame, at the camera's resolution.
//!
//! A tracker starts where the finder saw a light switch on (or a coloured light that stays lit,
//! or where the user tapped). Each frame it measures every position around where the light sits
//! (`spot::responses`) and takes away what each position showed while the light was off, so the
//! light it reads is the one that comes and goes there, not a brighter glint or lamp that was
//! there all along. It moves with the light while the light is lit. How far it searches follows
//! how much the light has been seen to shake, and widens while the light is off, as the phone
//! may drift meanwhile.
use super::measure::{Sample, SampleGap};
use super::segment::{segment_sorted, OnInterval, SortedLevels};
use super::spot::{self, Kernel, ResponseMap, SpotReading, Sums, SCALES};
use super::motion::{self, Profiles, MIN_FIT};
use super::view::{Rect, View};

/// For its first this many seconds a tracker measures at every scale and then keeps the one at
/// which the light stood out best: the scale cannot be judged from one frame of a light that is
/// still switching on (or blurred by the phone's noise reduction).
const SETTLE_S: f64 = 0.5;
/// The farthest (share of the frame's larger side) a light is searched from where it sits: up to
/// about 2.5 degrees of a phone camera's 65-70 degree view, what an unsteady arm moves the
/// picture in a fraction of a second.
const SHAKE_SHARE: f32 = 0.04;
/// How fast (share of the frame's larger side per second) the phone may drift while the light is
/// off: a hand-held phone aimed at something sways by a few tenths of a degree a second.
const DRIFT_SHARE_PER_S: f32 = 0.005;
/// The closest search (camera pixels) once the light is known to be still.
const REACH_MIN: usize = 2;
/// Lit positions needed before the search narrows to what the shake needs.
const JITTER_SAMPLES: u32 = 5;
/// The search covers this many times the light's typical deviation from where it sits.
const JITTER_REACH: f32 = 3.0;
/// How quickly the light's resting place follows its lit positions (share per lit frame).
const FOLLOW: f32 = 0.5;
/// What a place showed while the light was off is taken as the largest within this many pixels,
/// so hand shake between that frame and this one does not make a glint look new.
const REFERENCE_SHAKE_PX: usize = 2;

/// The light is clearly off when it has fallen below this share of the brightest it has been...
const OFF_SHARE: f32 = 0.3;

/// ... by at least the smallest real switch: a light that never switches (a steady one, or one
/// too faint to tell) is never taken as off, so what its place shows is never mistaken for what
/// it shows without the light.
fn clearly_off(level: f32, brightest: f32) -> bool {
    level <= OFF_SHARE * brightest && brightest - level >= super::segment::MIN_AMPLITUDE
}

/// A light that travelled more than this share of the frame's larger side (beyond its shake)
/// while lit was carried past, not switched: hand sway moves the picture by about 1 % in the
/// half second of a flash, a car or a person passing by far more.
const TRAVEL_SHARE: f32 = 0.015;

/// Half the side of the patch around a light whose motion is followed (share of the frame's
/// larger side): enough of the device and what is behind it to show how it moved, and wide
/// enough that a frame's shake (up to MAX_SHIFT_SHARE) is a quarter of it at most.
const MOTION_PATCH_SHARE: f32 = 0.04;
/// The most a light's patch is taken to move between two frames (share of the larger side): a
/// jerk of the hand moves the picture by a few per cent in a tenth of a second, a few frames.
pub const MAX_SHIFT_SHARE: f32 = 0.03;

/// How a tracker came to watch its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A light switched on here (the finder saw it).
    Switched,
    /// A coloured light has stayed lit here (the finder's steady spot).
    Steady,
    /// The user tapped here.
    Tapped,
}

/// What one scale has measured: its samples, and what each place showed while the light was off.
#[derive(Default, Clone)]
struct ScaleState {
    samples: Vec<Sample>,
    reference: Option<ResponseMap>,
}

pub struct Tracker {
    pub origin: Origin,
    /// Where the light sits (camera pixels): it follows the lit positions.
    pub x: f32,
    pub y: f32,
    kernel: Kernel,
    /// Every scale's state while settling; afterwards only the chosen scale's, in `state`.
    settling: Option<Vec<ScaleState>>,
    state: ScaleState,
    pub samples: Vec<Sample>,
    /// Once settled: when, and how bright the light's surroundings were (its brightest ring side).
    pub surrounds: Vec<(f64, f32)>,
    sorted: SortedLevels,
    /// How far the light is searched while lit (from its shake), and the farthest ever.
    lit_reach: usize,
    reach_max: usize,
    drift_px_per_s: f32,
    /// When the light was last seen lit (ms), for the drift allowance while it is off.
    last_lit_ms: f64,
    /// Running mean square of the lit positions' distance from the resting place, and how many.
    jitter_sq: f32,
    lit_seen: u32,
    pub born_ms: f64,
    /// A steady light already seen lit this long before the tracker started (seconds).
    pub lit_before_s: f64,
    /// Frames measured, and of those, frames in which the finder saw a lit spot stand out from
    /// its region at the light's place (its steady sighting).
    pub frames: u32,
    pub salient_frames: u32,
    /// Set when a frame could not be measured (no pixels, disturbed), so the next sample knows.
    gap: Option<SampleGap>,
    sums: Sums,
    map: ResponseMap,
    /// The last frame's reading and whether it was lit, and where the current lit stretch
    /// began, to judge switches.
    last: Option<(SpotReading, bool)>,
    lit_from: Option<(f32, f32)>,
    /// Where the light was first seen lit, and the farthest it has been seen lit from there.
    first_lit: Option<(f32, f32)>,
    drift: f32,
    /// The frame's larger side (camera pixels).
    side: f32,
    /// While settling: the most the light has stood out (level x root of the scale's side).
    settle_peak: f32,
    /// Motion of the picture not yet applied to the reference maps (they move by whole pixels).
    pending_shift: (f32, f32),
    /// The patch whose profiles show how the light's surroundings move, and its profiles in the
    /// last frame and this one.
    motion_patch: Rect,
    motion_before: Profiles,
    motion_now: Profiles,
}

impl Tracker {
    /// A tracker at (x, y) (camera pixels) of a `camera_w` x `camera_h` frame, whose place is
    /// known to within `precision_px` (the finder's cell), for a light about `size_px` across
    /// (what the finder saw switch on there): it is measured at scales whose centre fits that,
    /// so a larger bright thing around a small light that switched is not taken for it.
    pub fn new(origin: Origin, x: f32, y: f32, precision_px: usize, size_px: usize, t_ms: f64, camera_w: usize, camera_h: usize) -> Tracker {
        let scales = SCALES.iter().filter(|&&h| h == SCALES[0] || 2 * h + 1 <= size_px + 2).count();
        let side = camera_w.max(camera_h) as f32;
        let reach_max = ((SHAKE_SHARE * side).round() as usize).max(REACH_MIN + 1);
        Tracker {
            origin,
            x,
            y,
            kernel: Kernel { half: SCALES[0] },
            settling: Some(vec![ScaleState::default(); scales]),
            state: ScaleState::default(),
            samples: Vec::new(),
            surrounds: Vec::new(),
            sorted: SortedLevels::default(),
            lit_reach: precision_px.clamp(REACH_MIN, reach_max),
            reach_max,
            drift_px_per_s: DRIFT_SHARE_PER_S * side,
            last_lit_ms: t_ms,
            jitter_sq: 0.0,
            lit_seen: 0,
            born_ms: t_ms,
            lit_before_s: 0.0,
            frames: 0,
            salient_frames: 0,
            gap: None,
            sums: Sums::default(),
            map: ResponseMap::default(),
            last: None,
            lit_from: None,
            first_lit: None,
            drift: 0.0,
            side,
            settle_peak: 0.0,
            pending_shift: (0.0, 0.0),
            motion_patch: Rect::default(),
            motion_before: Profiles::default(),
            motion_now: Profiles::default(),
        }
    }

    /// Follows the motion of the light's surroundings since the last frame: the shift of the
    /// patch around it (the device it sits on, mostly), along each axis where the patch shows
    /// it plainly, else `global` (the motion of the middle of the picture).
    pub fn follow(&mut self, view: &View, global: (f32, f32)) {
        let (w, h) = (view.geometry.camera_w, view.geometry.camera_h);
        let side = w.max(h) as f32;
        let half = ((MOTION_PATCH_SHARE * side).round() as usize).max(8);
        if self.motion_patch.is_empty() {
            self.motion_patch = Rect::around(self.x, self.y, half, w, h);
        }
        let patch = self.motion_patch;
        let measured = view.covering(&patch).map(|window| Profiles::measure(&window, patch, &mut self.motion_now)).is_some();
        let skip = Rect::around(self.x, self.y, self.kernel.inner() + 2, w, h);
        let max = ((MAX_SHIFT_SHARE * side).ceil() as usize).max(2);
        let local = if measured { motion::shift(&self.motion_before, &self.motion_now, max, Some(skip)) } else { None };
        let (dx, dy) = match local {
            Some(s) => (if s.fit_x >= MIN_FIT { s.dx } else { global.0 }, if s.fit_y >= MIN_FIT { s.dy } else { global.1 }),
            None => global,
        };
        self.moved(dx, dy);
        if measured {
            std::mem::swap(&mut self.motion_before, &mut self.motion_now);
        } else {
            self.motion_before = Profiles::default();
        }
        // Once the light has moved a third of the way to the patch's edge, the patch follows it.
        let (cx, cy) = (patch.x as f32 + patch.w as f32 / 2.0, patch.y as f32 + patch.h as f32 / 2.0);
        if (self.x - cx).abs().max((self.y - cy).abs()) > half as f32 / 3.0 {
            self.motion_patch = Rect::around(self.x, self.y, half, w, h);
            let again = self.motion_patch;
            match view.covering(&again) {
                Some(window) => Profiles::measure(&window, again, &mut self.motion_before),
                None => self.motion_before = Profiles::default(),
            }
        }
    }

    /// The picture moved by (dx, dy) camera pixels since the last frame (the phone shook): the
    /// light and everything remembered of its place moved with it.
    pub fn moved(&mut self, dx: f32, dy: f32) {
        if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
            return;
        }
        self.x += dx;
        self.y += dy;
        for p in [&mut self.first_lit, &mut self.lit_from].into_iter().flatten() {
            p.0 += dx;
            p.1 += dy;
        }
        self.pending_shift.0 += dx;
        self.pending_shift.1 += dy;
        let (sx, sy) = (self.pending_shift.0.round() as isize, self.pending_shift.1.round() as isize);
        if sx == 0 && sy == 0 {
            return;
        }
        self.pending_shift.0 -= sx as f32;
        self.pending_shift.1 -= sy as f32;
        let moved = |v: usize, by: isize| v.checked_add_signed(by);
        if let Some((r, _)) = self.last.as_mut() {
            match (moved(r.x, sx), moved(r.y, sy)) {
                (Some(x), Some(y)) => (r.x, r.y) = (x, y),
                _ => self.last = None,
            }
        }
        let states = self.settling.iter_mut().flatten().chain(std::iter::once(&mut self.state));
        for state in states {
            if let Some(map) = state.reference.as_mut() {
                match (moved(map.x0, sx), moved(map.y0, sy)) {
                    (Some(x), Some(y)) => (map.x0, map.y0) = (x, y),
                    _ => state.reference = None,
                }
            }
        }
    }

    /// How far around its place the light is searched at `t_ms`: its shake, plus the drift the
    /// phone may have made since the light was last lit.
    pub fn reach_at(&self, t_ms: f64) -> usize {
        let off_s = ((t_ms - self.last_lit_ms) / 1000.0).max(0.0) as f32;
        (self.lit_reach + (self.drift_px_per_s * off_s).round() as usize).min(self.reach_max)
    }

    pub fn reach(&self) -> usize {
        self.lit_reach
    }

    /// The camera rectangle the tracker needs read at full resolution for a frame at `t_ms`.
    pub fn wanted(&self, t_ms: f64, camera_w: usize, camera_h: usize) -> Rect {
        let largest = match &self.settling {
            Some(per_scale) => Kernel { half: SCALES[per_scale.len().max(1) - 1] },
            None => self.kernel,
        };
        let light = Rect::around(self.x, self.y, self.reach_at(t_ms) + largest.outer() + 1, camera_w, camera_h);
        if self.motion_patch.is_empty() {
            let half = ((MOTION_PATCH_SHARE * camera_w.max(camera_h) as f32).round() as usize).max(8);
            return light.union(&Rect::around(self.x, self.y, half, camera_w, camera_h));
        }
        light.union(&self.motion_patch)
    }

    /// This frame could not be measured: the next sample follows a gap of this kind.
    pub fn skip(&mut self, why: SampleGap) {
        self.gap = Some(self.gap.map_or(why, |g| g.max(why)));
    }

    /// Measures the light in this frame's pixels; returns the sample taken, if any.
    pub fn update(&mut self, view: &View) -> Option<Sample> {
        let t = view.t_ms;
        let (w, h) = (view.geometry.camera_w, view.geometry.camera_h);
        let Some(window) = view.covering(&self.wanted(t, w, h)).or_else(|| {
            // Near the frame's edge the full rectangle does not exist; any window holding the
            // place will do (the search is cut to what it holds).
            view.windows.iter().copied().find(|win| win.rect.contains(self.x, self.y))
        }) else {
            self.skip(SampleGap::Missing);
            return None;
        };
        let reach = self.reach_at(t);
        let gap = self.gap.take();
        let reading = match self.settling.take() {
            Some(mut per_scale) => {
                // Every scale keeps its samples; the place follows the scale at which the light
                // stands out most in this frame, when that is near the brightest it has been.
                let mut best: Option<(f32, SpotReading)> = None;
                for (&half, state) in SCALES.iter().zip(per_scale.iter_mut()) {
                    let k = Kernel { half };
                    let Some(r) = self.read(&window, k, reach, state.reference.as_ref()) else { continue };
                    let brightest = state.samples.iter().map(|s| s.level).fold(r.level, f32::max);
                    state.samples.push(Sample { t_ms: t, level: r.level, colour: r.colour, gap });
                    self.remember_off(state, clearly_off(r.level, brightest));
                    let score = r.level * ((2 * half + 1) as f32).sqrt();
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, r));
                    }
                }
                // Lit is judged against the brightest the light has stood out at any scale: a
                // scale that never saw it well calls its noise "lit", and following that would
                // walk the tracker off the light while it is off.
                let best = best.map(|(score, r)| {
                    self.settle_peak = self.settle_peak.max(score);
                    (score, score > 0.5 * self.settle_peak, r)
                });
                if (t - self.born_ms) / 1000.0 >= SETTLE_S {
                    self.settle(per_scale);
                } else {
                    self.settling = Some(per_scale);
                }
                best.map(|(_, lit, r)| (r, lit))
            }
            None => {
                let reference = self.state.reference.take();
                let r = self.read(&window, self.kernel, reach, reference.as_ref());
                self.state.reference = reference;
                r.map(|r| {
                    let lit = self.is_lit(r.level);
                    // A switch the picture explains otherwise is no switch seen.
                    let gap = if self.unclean_switch(&r, lit, self.side) { Some(SampleGap::Disturbed) } else { gap };
                    self.last = Some((r, lit));
                    let sample = Sample { t_ms: t, level: r.level, colour: r.colour, gap };
                    self.samples.push(sample);
                    self.surrounds.push((t, r.surround));
                    self.sorted.insert(sample.level);
                    let brightest = self.sorted.range().map(|(_, hi)| hi).unwrap_or(0.0);
                    let mut state = std::mem::take(&mut self.state);
                    self.remember_off(&mut state, clearly_off(r.level, brightest));
                    self.state = state;
                    (r, lit)
                })
            }
        };
        let Some((r, lit)) = reading else {
            self.skip(gap.map_or(SampleGap::Missing, |g| g.max(SampleGap::Missing)));
            return None;
        };
        // Only a light plainly standing out moves the place: following the noise of a place
        // where nothing is lit would walk the tracker onto whatever passes by.
        if lit && r.level >= super::segment::MIN_AMPLITUDE {
            self.follow_lit(r.x as f32, r.y as f32, t);
        }
        Some(Sample { t_ms: t, level: r.level, colour: r.colour, gap })
    }

    /// The strongest light around the place at scale `k` that was not there while the light was
    /// off, with its colour.
    fn read(&mut self, window: &super::view::Window, k: Kernel, reach: usize, reference: Option<&ResponseMap>) -> Option<SpotReading> {
        if !spot::responses(window, &mut self.sums, k, self.x, self.y, reach, &mut self.map) {
            return None;
        }
        // Until it is known what the surroundings show without the light, only the light's own
        // place counts: anything else within the wider search may be a lamp or glint that was
        // there all along.
        let within = if reference.is_some() { reach } else { self.lit_reach.min(reach) };
        let (level, x, y, side) = spot::strongest(&self.map, reference, self.x, self.y, within)?;
        let surround = spot::side_mean(&self.sums, k, x, y, side);
        Some(SpotReading { level: level.max(0.0), colour: spot::added_colour(window, k, x, y, side), x, y, surround })
    }

    /// Whether a switch between the last frame and this one (lit changing) is explained by
    /// something other than the light switching: as it goes off, the light travelled while it was
    /// lit (a car, a lamp carried past: it left rather than switched off). Also keeps where the
    /// current lit stretch began.
    fn unclean_switch(&mut self, now: &SpotReading, lit: bool, side: f32) -> bool {
        let Some((before, was_lit)) = self.last else {
            self.lit_from = lit.then_some((now.x as f32, now.y as f32));
            return false;
        };
        if lit && !was_lit {
            self.lit_from = Some((now.x as f32, now.y as f32));
        }
        if lit == was_lit {
            return false;
        }
        let travelled = match (was_lit, self.lit_from) {
            (true, Some((x0, y0))) => (before.x as f32 - x0).hypot(before.y as f32 - y0),
            _ => 0.0,
        };
        travelled > TRAVEL_SHARE * side + 2.0 * self.jitter_sq.sqrt()
    }

    /// While the light is off, what every place shows now is what it shows without the light.
    fn remember_off(&self, state: &mut ScaleState, off: bool) {
        if off && !self.map.values.is_empty() {
            let mut reference = state.reference.take().unwrap_or_default();
            self.map.dilated(REFERENCE_SHAKE_PX, &mut reference);
            state.reference = Some(reference);
        }
    }

    /// Keeps the scale at which the light stood out most in its brightest frame (weighted as in
    /// `spot::best_scale`), with the samples measured at it.
    fn settle(&mut self, per_scale: Vec<ScaleState>) {
        let score = |(k, s): &(&usize, &ScaleState)| s.samples.iter().map(|x| x.level).fold(0.0f32, f32::max) * ((2 * **k + 1) as f32).sqrt();
        let best = SCALES.iter().zip(per_scale.iter()).max_by(|a, b| score(a).total_cmp(&score(b)));
        if let Some((&half, state)) = best {
            self.kernel = Kernel { half };
            self.samples = state.samples.clone();
            self.sorted = SortedLevels::of(&self.samples);
            self.state = ScaleState { samples: Vec::new(), reference: state.reference.clone() };
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
    fn follow_lit(&mut self, x: f32, y: f32, t_ms: f64) {
        let first = *self.first_lit.get_or_insert((x, y));
        self.drift = self.drift.max((x - first.0).hypot(y - first.1));
        let d_sq = (x - self.x).powi(2) + (y - self.y).powi(2);
        self.lit_seen += 1;
        self.jitter_sq += (d_sq - self.jitter_sq) / self.lit_seen.min(20) as f32;
        self.x += FOLLOW * (x - self.x);
        self.y += FOLLOW * (y - self.y);
        self.last_lit_ms = t_ms;
        if self.lit_seen >= JITTER_SAMPLES {
            let need = (JITTER_REACH * self.jitter_sq.sqrt()).ceil() as usize + 1;
            self.lit_reach = need.clamp(REACH_MIN, self.reach_max);
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

    /// Whether the light has stayed where it was first seen lit, allowing for the phone's own
    /// shake and sway (as far as the search reaches): a status light is fixed to its device; a
    /// brake light or a lamp carried about is not.
    pub fn stays_put(&self) -> bool {
        self.drift <= self.reach_max as f32 + 2.0 * self.jitter_sq.sqrt()
    }

    /// Whether this tracker watches the light at (x, y).
    pub fn same_light(&self, x: f32, y: f32) -> bool {
        let near = (self.kernel.inner() as f32).max(3.0);
        (self.x - x).abs() <= near && (self.y - y).abs() <= near
    }
}
