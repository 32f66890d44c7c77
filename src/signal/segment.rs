//! From per-frame levels to on/off intervals, with hysteresis and the frames' real timestamps.
use super::measure::{classify, hue_apart, Sample, SampleGap, SAME_LIGHT_HUE_DEG};
use crate::led::LedColour;

/// Smallest rise (0..255) that counts as the LED switching at all: the faintest LED a person
/// plainly sees in a phone video adds about 20 levels where it is (a far LED diluted by the lens
/// and the phone's half-resolution colour, a dim one on a sunlit housing); a switch must also
/// stand clear of the level's own noise (SWITCH_NOISE), which is what keeps noise out.
pub const MIN_AMPLITUDE: f32 = 16.0;
/// Level above background (0..255) that counts as lit when the LED never switches: what a person
/// plainly sees as a light (about 20, as for a switch; a far dim one reads a little less), well clear of the
/// level's own noise (SWITCH_NOISE). Whether a steady spot is a status light at all is the
/// judge's question (it must stand out in colour from its region, where the person aims).
pub const STEADY_LEVEL: f32 = 16.0;
/// A light whose dips stay above this share of its peak is steady, wavering with exposure.
const STEADY_DIP: f32 = 0.4;
/// Off gaps shorter than this inside a flash are a dropped or noisy frame, not an off.
const MERGE_GAP_S: f64 = 0.07;
/// Lit intervals shorter than this are noise: a real LED flash lasts 0.1 s or more, and this
/// still keeps a single frame at 15 fps.
const MIN_ON_S: f64 = 0.05;
/// A colour change splits a lit interval when both colours hold for this many samples...
const COLOUR_HOLD: usize = 3;

/// The summed colour of samples.
fn summed(samples: &[Sample]) -> [f32; 3] {
    samples.iter().fold([0.0; 3], |acc, s| [acc[0] + s.colour[0], acc[1] + s.colour[1], acc[2] + s.colour[2]])
}


/// Frames missing for longer than this hide whether the light switched during them.
const CENSOR_GAP_S: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnInterval {
    /// Seconds, on the samples' clock.
    pub start: f64,
    pub end: f64,
    pub colour: LedColour,
    /// The light's summed colour (r, g, b excess), which `colour` names.
    pub rgb: [f32; 3],
    /// Still on at the last sample.
    pub open: bool,
    /// It began or ended across frames that were not measured (a cut, an exposure step, the
    /// light out of view): the switch was not seen, so it is no evidence of a flash.
    pub censored: bool,
}

impl OnInterval {
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }
}

/// The samples' levels, kept sorted as samples arrive: segmentation runs on every frame of a
/// reading over up to 20 s of samples, and reading its levels from a sorted list spares it a
/// copy and two selections each time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SortedLevels(Vec<f32>);

impl SortedLevels {
    pub fn of(samples: &[Sample]) -> SortedLevels {
        let mut v: Vec<f32> = samples.iter().map(|s| s.level).collect();
        v.sort_by(f32::total_cmp);
        SortedLevels(v)
    }

    pub fn insert(&mut self, level: f32) {
        let at = self.0.partition_point(|l| l.total_cmp(&level).is_le());
        self.0.insert(at, level);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The lowest and highest level.
    pub fn range(&self) -> Option<(f32, f32)> {
        Some((*self.0.first()?, *self.0.last()?))
    }

    /// The levels that separate on from off, for `samples` (whose levels these are): (off
    /// level, on level). Off is the 10th percentile. On is the highest level held for at least
    /// MIN_ON_S, so one glitching frame at a high frame rate cannot set it, while a flash caught
    /// in a single frame at 15 fps (67 ms) still does; with too few samples for that, the second
    /// highest.
    fn off_on(&self, samples: &[Sample]) -> Option<(f32, f32)> {
        let n = self.0.len();
        let off = *self.0.get(n / 10)?;
        let on = sustained_peak(samples).unwrap_or(*self.0.get(n.saturating_sub(2))?);
        Some((off, on))
    }

    fn median(&self) -> f32 {
        self.0.get(self.0.len() / 2).copied().unwrap_or(0.0)
    }
}

/// The highest level the samples held for at least MIN_ON_S: over each run of consecutive samples
/// covering that long (a sample covers from halfway to the one before to halfway to the one
/// after, as lit intervals are measured), the run's lowest level; the highest of those. None
/// when the samples cover less than MIN_ON_S altogether.
fn sustained_peak(samples: &[Sample]) -> Option<f32> {
    let mut best: Option<f32> = None;
    for i in 0..samples.len() {
        let mut low = samples[i].level;
        for (j, s) in samples.iter().enumerate().skip(i) {
            low = low.min(s.level);
            // Lower than the best already: longer runs from here only go lower.
            if best.is_some_and(|b| low <= b) {
                break;
            }
            if (covered_to(samples, j) - covered_from(samples, i)) / 1000.0 >= MIN_ON_S {
                best = Some(low);
                break;
            }
        }
    }
    best
}

/// A switch (and a steady light) must stand this many times the level's frame-to-frame noise
/// clear of the dark: at 6 noise widths, noise alone crosses the hysteresis once in a long while.
const SWITCH_NOISE: f32 = 6.0;
/// The noise is judged on this many of the latest samples (a few seconds).
const NOISE_SAMPLES: usize = 90;

/// The level's frame-to-frame noise, as a standard deviation: from the median of the changes
/// between successive samples (for Gaussian noise, sigma = 1.05 x that median), so the few big
/// changes of a light switching do not count.
pub fn level_noise(samples: &[Sample]) -> f32 {
    let from = samples.len().saturating_sub(NOISE_SAMPLES);
    let mut changes: Vec<f32> = samples[from..].windows(2).map(|w| (w[1].level - w[0].level).abs()).collect();
    if changes.is_empty() {
        return 0.0;
    }
    let mid = changes.len() / 2;
    1.05 * *changes.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// The levels that separate on from off: (off level, on level).
pub fn levels(samples: &[Sample]) -> Option<(f32, f32)> {
    SortedLevels::of(samples).off_on(samples)
}

/// Splits the samples into lit intervals, in seconds after `origin_ms`. Brief off gaps are merged;
/// an interval whose colour changes and holds (e.g. blue light running straight into red flashes)
/// is split at the change.
pub fn segment(samples: &[Sample], origin_ms: f64) -> Vec<OnInterval> {
    segment_sorted(samples, &SortedLevels::of(samples), origin_ms)
}

/// `segment`, given the samples' levels already sorted.
pub fn segment_sorted(samples: &[Sample], sorted: &SortedLevels, origin_ms: f64) -> Vec<OnInterval> {
    if sorted.len() != samples.len() {
        return segment(samples, origin_ms);
    }
    let Some((off, on)) = sorted.off_on(samples) else { return Vec::new() };
    let amplitude = on - off;
    // How much the level wobbles from frame to frame: a switch must stand well clear of it, and
    // so must a steady light (a textured edge shaken in and out of view wobbles as much as it
    // shows; a light does not).
    let noise = level_noise(samples);
    let lit: Vec<bool> = if amplitude < MIN_AMPLITUDE.max(SWITCH_NOISE * noise) {
        // Nothing switches: all lit (a steady light) or all dark.
        let median = sorted.median();
        vec![median >= STEADY_LEVEL.max(SWITCH_NOISE * noise); samples.len()]
    } else {
        // A light that never drops near the background is always on, however much it wavers
        // (exposure drift, mains flicker, noise): an LED switching off takes its light away, a
        // lamp flickering keeps most of it. So a light whose dips stay above STEADY_DIP of it is
        // measured against the dark, not its own minimum. But when the dips fall far below the
        // light, a bright static edge near the LED set the floor, and the LED switches above it.
        let off = if off >= STEADY_DIP * on { 0.0 } else { off };
        lit_states(samples, off, on - off, MIN_AMPLITUDE.max(SWITCH_NOISE * noise))
    };

    // Runs of lit samples -> (first index, last index).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, &l) in lit.iter().enumerate() {
        if !l {
            continue;
        }
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == i => *last = i,
            Some((_, last)) if (samples[i].t_ms - samples[*last + 1].t_ms) / 1000.0 < MERGE_GAP_S => *last = i,
            _ => runs.push((i, i)),
        }
    }

    let mut out = Vec::new();
    for (a, b) in runs {
        // Split where one LED colour that held gives way to another that holds (the blue
        // recording light running straight into red flashes). A light's colour wavers from frame
        // to frame (noise, the phone's white balance, a green LED that looks cyan), so what must
        // change is the colour of what held before and after, by a good part of the colour
        // circle, not the name of single samples. White (no colour stands out, or only clipped
        // pixels) is no colour of its own: it neither starts a piece nor breaks one.
        let classes: Vec<LedColour> = (a..=b).map(|i| classify(samples[i].colour)).collect();
        let coloured: Vec<(usize, LedColour)> = classes.iter().enumerate().filter(|(_, &c)| c != LedColour::White).map(|(k, &c)| (k, c)).collect();
        let mut start = a;
        for j in COLOUR_HOLD..=coloured.len().saturating_sub(COLOUR_HOLD) {
            let (before, after) = (coloured[j - 1].1, coloured[j].1);
            let held = |from: usize, c: LedColour| coloured[from..from + COLOUR_HOLD].iter().all(|&(_, x)| x == c);
            let at = a + coloured[j].0;
            if before != after && at >= start + COLOUR_HOLD && held(j - COLOUR_HOLD, before) && held(j, after) {
                let mean = |from: usize, to: usize| summed(&samples[from..to]);
                let end = (at + (at - start)).min(b + 1);
                if hue_apart(mean(start, at), mean(at, end)) >= SAME_LIGHT_HUE_DEG {
                    out.push(interval(samples, start, at - 1, false, origin_ms));
                    start = at;
                }
            }
        }
        let open = b + 1 == samples.len();
        out.push(interval(samples, start, b, open, origin_ms));
    }
    out.retain(|i| i.open || i.duration() >= MIN_ON_S);
    out
}

/// A switch also counts against the light's last swing: a rise of this share of how far it last
/// fell (or a fall of this share of how far it last rose), within SWING_WINDOW_S.
const SWING_SHARE: f32 = 0.4;
/// The window (seconds) in which a swing must happen: an LED's switch, even blurred over frames
/// by the phone's temporal noise reduction, is done in a few frames; exposure settling or a
/// scene drifting changes a level slowly.
const SWING_WINDOW_S: f64 = 0.35;

/// On or off for each sample. A level above the middle of the light's whole range is lit (the
/// plain case); so is one that just rose by a good share of the light's last swing over its
/// lowest level of the last moment, and one that just fell likewise from its highest is off.
/// The second rule reads flashes whose off level does not reach the dark and whose on level
/// varies: the phone's temporal noise reduction leaves a fading ghost in a short gap and holds a
/// short flash below its full level, and a light's colours differ in brightness (a blue light
/// before red flashes).
fn lit_states(samples: &[Sample], off: f32, amplitude: f32, least_step: f32) -> Vec<bool> {
    let (up, down) = (off + 0.5 * amplitude, off + 0.3 * amplitude);
    let mut out = Vec::with_capacity(samples.len());
    let mut state = false;
    // The last swing's size, first the whole range.
    let mut swing = amplitude;
    // Where the current state began (index), and the extreme level of the previous state.
    let mut since = 0usize;
    let mut previous_extreme = off;
    for (i, s) in samples.iter().enumerate() {
        let recent = samples[since..=i].iter().rev().take_while(|r| (s.t_ms - r.t_ms) / 1000.0 <= SWING_WINDOW_S);
        let step = least_step.max(SWING_SHARE * swing);
        let next = if state {
            let peak = recent.map(|r| r.level).fold(f32::MIN, f32::max);
            !(s.level <= down || peak - s.level >= step)
        } else {
            let valley = recent.map(|r| r.level).fold(f32::MAX, f32::min);
            s.level > up || s.level - valley >= step
        };
        if next != state {
            let run = &samples[since..i];
            let extreme = if state { run.iter().map(|r| r.level).fold(f32::MIN, f32::max) } else { run.iter().map(|r| r.level).fold(f32::MAX, f32::min) };
            if !run.is_empty() {
                swing = (extreme - previous_extreme).abs().max(least_step);
                previous_extreme = extreme;
            }
            since = i;
            state = next;
        }
        out.push(state);
    }
    out
}

/// Where sample i's time starts: halfway from the sample before (the light switched somewhere
/// between the two frames). The first sample covers as much time before it as after it: a light
/// first seen in one frame at 15 fps was lit for about a frame's time, not half of one.
fn covered_from(samples: &[Sample], i: usize) -> f64 {
    match (i, samples.get(1)) {
        (0, Some(next)) => samples[0].t_ms - (next.t_ms - samples[0].t_ms) / 2.0,
        (0, None) => samples[0].t_ms,
        _ => (samples[i - 1].t_ms + samples[i].t_ms) / 2.0,
    }
}

/// Where sample i's time ends: halfway to the next sample, or at the sample itself for the last.
fn covered_to(samples: &[Sample], i: usize) -> f64 {
    if i + 1 < samples.len() { (samples[i].t_ms + samples[i + 1].t_ms) / 2.0 } else { samples[i].t_ms }
}

/// Whether the frames just before sample i hid what the light did.
fn unseen_before(samples: &[Sample], i: usize) -> bool {
    match (samples.get(i).and_then(|s| s.gap), i.checked_sub(1)) {
        (Some(SampleGap::Disturbed), _) => true,
        (Some(SampleGap::Missing), Some(p)) => (samples[i].t_ms - samples[p].t_ms) / 1000.0 > CENSOR_GAP_S,
        _ => false,
    }
}

fn interval(samples: &[Sample], a: usize, b: usize, open: bool, origin_ms: f64) -> OnInterval {
    let mut colour = [0.0f32; 3];
    for s in &samples[a..=b] {
        for (sum, c) in colour.iter_mut().zip(s.colour) {
            *sum += c;
        }
    }
    let (start_ms, end_ms) = (covered_from(samples, a), covered_to(samples, b));
    let censored = unseen_before(samples, a) || (!open && unseen_before(samples, b + 1));
    OnInterval { start: (start_ms - origin_ms) / 1000.0, end: (end_ms - origin_ms) / 1000.0, colour: classify(colour), rgb: colour, open, censored }
}

/// Where the lit intervals read now (`now`) tell another story than the closed ones read a frame
/// before (`before`, as (start, end) seconds): one earlier interval now two, two now one, one
/// gone, or a new one inside the time already read. The thresholds follow the levels seen so
/// far, so a later, brighter or dimmer flash can re-cut what was read before; the count of
/// flashes in such a span was not seen for sure. Each such span once, as (start, end);
/// boundaries that only shifted are no change.
pub fn recut(before: &[(f64, f64)], now: &[OnInterval]) -> Vec<(f64, f64)> {
    let now: Vec<(f64, f64)> = now.iter().map(|i| (i.start, i.end)).collect();
    let overlaps = |a: &(f64, f64), b: &(f64, f64)| a.0 < b.1 && b.0 < a.1;
    // The union of `span` and the intervals of `other` it overlaps, and how many those are.
    let cover = |span: (f64, f64), other: &[(f64, f64)]| {
        other.iter().filter(|o| overlaps(&span, o)).fold((span, 0usize), |((a, b), k), o| ((a.min(o.0), b.max(o.1)), k + 1))
    };
    let read_until = before.iter().map(|b| b.1).fold(f64::NEG_INFINITY, f64::max);
    let mut out = Vec::new();
    for &b in before {
        // Gone, or cut in two.
        let (span, k) = cover(b, &now);
        if k != 1 {
            out.push(span);
        }
    }
    for &n in &now {
        // Two joined, or a new one inside the time already read.
        let (span, k) = cover(n, before);
        if k >= 2 || (k == 0 && n.1 < read_until) {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flashes read a frame before against those read now: shifted boundaries are no change; a
    /// join, a cut, a flash gone or a new one inside the time already read is, over its span.
    #[test]
    fn a_recut_of_flashes_already_read_is_where_their_count_changed() {
        let on = |start: f64, end: f64| OnInterval { start, end, colour: LedColour::Red, rgb: [1.0, 0.0, 0.0], open: false, censored: false };
        let before = [(1.0, 1.2), (1.5, 1.7), (2.0, 2.2)];
        let table: [(&[OnInterval], &[(f64, f64)]); 6] = [
            (&[on(1.0, 1.2), on(1.5, 1.7), on(2.0, 2.2)], &[]),
            (&[on(0.97, 1.23), on(1.53, 1.7), on(2.0, 2.4)], &[]),
            (&[on(1.0, 1.2), on(1.5, 2.2)], &[(1.5, 2.2)]),
            (&[on(1.0, 1.2), on(2.0, 2.2)], &[(1.5, 1.7)]),
            (&[on(1.0, 1.05), on(1.1, 1.2), on(1.5, 1.7), on(2.0, 2.2)], &[(1.0, 1.2)]),
            (&[on(1.0, 1.2), on(1.3, 1.4), on(1.5, 1.7), on(2.0, 2.2), on(2.5, 2.6)], &[(1.3, 1.4)]),
        ];
        for (now, want) in table {
            assert_eq!(recut(&before, now), want, "{now:?}");
        }
    }

    /// Levels inserted one by one stay sorted, and segmenting with them gives what segmenting
    /// from scratch gives, at every length along the way.
    #[test]
    fn sorted_levels_follow_the_samples() {
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 40) as f32 / (1u64 << 24) as f32
        };
        let mut samples = Vec::new();
        let mut sorted = SortedLevels::default();
        for i in 0..400 {
            // Blinks of varying brightness over a noisy floor, with a few repeated levels.
            let level = if (i / 12) % 2 == 0 { 60.0 + 40.0 * next() } else { (10.0 * next()).round() };
            let s = Sample::new(i as f64 * 33.3, level, [level, 0.2 * level, 0.1 * level]);
            samples.push(s);
            sorted.insert(level);
            assert_eq!(sorted, SortedLevels::of(&samples), "after {} samples", i + 1);
            assert_eq!(segment_sorted(&samples, &sorted, 0.0), segment(&samples, 0.0));
        }
        assert!(!segment(&samples, 0.0).is_empty());
    }

    /// One high sample sets the on level only when it lasts long enough to be a flash (a 67 ms
    /// frame at 15 fps), not when it is a 33 ms frame at 30 fps; two in a row at 30 fps do.
    #[test]
    fn the_on_level_must_be_held_for_a_flash_length() {
        let at = |fps: f64, levels: &[f32]| -> Vec<Sample> {
            levels.iter().enumerate().map(|(i, &level)| Sample::new(i as f64 * 1000.0 / fps, level, [level, 0.0, 0.0])).collect()
        };
        let mut lone = vec![2.0; 30];
        lone[12] = 90.0;
        assert_eq!(sustained_peak(&at(15.0, &lone)), Some(90.0));
        assert_eq!(sustained_peak(&at(30.0, &lone)), Some(2.0));
        lone[13] = 80.0;
        assert_eq!(sustained_peak(&at(30.0, &lone)), Some(80.0));
        assert_eq!(sustained_peak(&at(30.0, &[5.0])), None);
    }
}
