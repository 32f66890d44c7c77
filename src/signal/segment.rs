//! From per-frame levels to on/off intervals, with hysteresis and the frames' real timestamps.
use super::measure::{classify, Sample};
use crate::led::LedColour;

/// Smallest rise (0..255) that counts as the LED switching at all.
pub const MIN_AMPLITUDE: f32 = 30.0;
/// Level above background (0..255) that counts as lit when the LED never switches.
pub const STEADY_LEVEL: f32 = 60.0;
/// A light whose dips stay above this share of its peak is steady, wavering with exposure.
const STEADY_DIP: f32 = 0.4;
/// Off gaps shorter than this inside a flash are a dropped or noisy frame, not an off.
const MERGE_GAP_S: f64 = 0.07;
/// Lit intervals shorter than this are noise: a real LED flash lasts 0.1 s or more, and this
/// still keeps a single frame at 15 fps.
const MIN_ON_S: f64 = 0.05;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnInterval {
    /// Seconds, on the samples' clock.
    pub start: f64,
    pub end: f64,
    pub colour: LedColour,
    /// Still on at the last sample.
    pub open: bool,
}

impl OnInterval {
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }
}

/// The levels that separate on from off: (off level, on level).
pub fn levels(samples: &[Sample]) -> Option<(f32, f32)> {
    if samples.is_empty() {
        return None;
    }
    let mut v: Vec<f32> = samples.iter().map(|s| s.level).collect();
    let n = v.len();
    let off = *v.select_nth_unstable_by(n / 10, f32::total_cmp).1;
    // The second highest, so one glitch cannot set the on level.
    let on = *v.select_nth_unstable_by(n.saturating_sub(2), f32::total_cmp).1;
    Some((off, on))
}

fn median_level(samples: &[Sample]) -> f32 {
    let mut v: Vec<f32> = samples.iter().map(|s| s.level).collect();
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// Splits the samples into lit intervals, in seconds after `origin_ms`. Brief off gaps are merged;
/// an interval whose colour changes and holds (e.g. blue light running straight into red flashes)
/// is split at the change.
pub fn segment(samples: &[Sample], origin_ms: f64) -> Vec<OnInterval> {
    let Some((off, on)) = levels(samples) else { return Vec::new() };
    let amplitude = on - off;
    let lit: Vec<bool> = if amplitude < MIN_AMPLITUDE {
        // Nothing switches: all lit (a steady light) or all dark.
        vec![median_level(samples) >= STEADY_LEVEL; samples.len()]
    } else {
        // A light that never drops near the background is always on, however much it wavers
        // (exposure drift, noise): measure its dips against the background, not its own minimum.
        // But when the dips fall far below the light (under STEADY_DIP of it), a bright static
        // edge near the LED set the floor, and the LED is switching above it.
        let off = if off >= STEADY_LEVEL && off >= STEADY_DIP * on { 0.0 } else { off };
        let amplitude = on - off;
        let (up, down) = (off + 0.5 * amplitude, off + 0.3 * amplitude);
        let mut state = false;
        samples
            .iter()
            .map(|s| {
                state = if state { s.level > down } else { s.level > up };
                state
            })
            .collect()
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
        // Split at lasting colour changes.
        let classes: Vec<LedColour> = (a..=b).map(|i| classify(samples[i].colour)).collect();
        let mut start = a;
        let mut i = a;
        while i <= b {
            let c = classes[i - a];
            let here = classes[start - a];
            let holds = (i..=b.min(i + 2)).all(|j| classes[j - a] == c) && i + 2 <= b;
            if c != here && holds && i > start {
                out.push(interval(samples, start, i - 1, false, origin_ms));
                start = i;
            }
            i += 1;
        }
        let open = b + 1 == samples.len();
        out.push(interval(samples, start, b, open, origin_ms));
    }
    out.retain(|i| i.open || i.duration() >= MIN_ON_S);
    out
}

fn interval(samples: &[Sample], a: usize, b: usize, open: bool, origin_ms: f64) -> OnInterval {
    let mut colour = [0.0f32; 3];
    for s in &samples[a..=b] {
        for k in 0..3 {
            colour[k] += s.colour[k];
        }
    }
    // The light went off somewhere between the last lit frame and the next one.
    let end_ms = if b + 1 < samples.len() { (samples[b].t_ms + samples[b + 1].t_ms) / 2.0 } else { samples[b].t_ms };
    let start_ms = if a > 0 { (samples[a - 1].t_ms + samples[a].t_ms) / 2.0 } else { samples[a].t_ms };
    OnInterval { start: (start_ms - origin_ms) / 1000.0, end: (end_ms - origin_ms) / 1000.0, colour: classify(colour), open }
}
