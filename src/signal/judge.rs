//! How much a watched light looks like a status light, from what a status light physically is:
//! a small source fixed to the device the person aims at, adding narrowband light (red, green or
//! blue) that switches fully off and back on to the same brightness, or stays lit.
//!
//! Each test is a property of the light's own samples (and where it sits), so what passes is
//! what a status light does, not what one corpus of videos happened to show:
//! - its switches are seen cleanly (not across a cut or a gap), in an LED colour;
//! - off, it adds next to nothing: a lamp flickering, a screen or texture changing keep most of
//!   their light between their peaks;
//! - its flashes are of one brightness, and its surroundings do not change when it switches;
//! - a steady light stands plainly out, in one clear colour that holds, where the person aims,
//!   and stays there with the device; its place is its surroundings plus light on every side (a
//!   colour patch lacks some of the light of what it borders).
use super::measure::{classify, is_white, same_light_hue, Sample, SampleGap};
use super::pattern::{BRIEF_FLASH_S, STEADY_S};
use super::segment::{level_noise, levels, OnInterval, MIN_AMPLITUDE};
use super::spot;
use super::tracker::{Origin, Tracker};
use super::view::Geometry;
use crate::led::LedColour;

/// A light is dark when off if what it adds then is at most this share of what it adds when on:
/// an LED switched off adds nothing (its place shows its surroundings' noise, a ghost of the
/// phone's noise reduction fading); a lamp's mains flicker dips by a third at most, a screen or a
/// texture changing keeps most of its light.
const OFF_DARK_SHARE: f32 = 0.35;
/// Where the person aims: a light counts fully within this distance of the picture's middle
/// (the larger of its offsets along each side, as a share of that side: 0.5 at the edge)...
const AIMED: f32 = 0.25;
/// ... and not at all beyond this one (the outer tenth of the picture on each side): a person
/// reading a light keeps it well inside the picture.
const OUT_OF_AIM: f32 = 0.45;
/// A steady light counts only this close to the middle (the middle half of the picture each
/// way): a lit spot that never switches is also every lamp, sign and brake light in view, and
/// only where the person aims is it likely to be the one they aim at.
const STEADY_AIM: f32 = 0.25;
/// A steady light must be this many times its level's frame-to-frame noise above nothing...
const STEADY_NOISE: f32 = 8.0;
/// ... and the finder must have seen it stand out from its region (its steady sighting) for this
/// share of the frames since it was found: one glint that stood out once is no light.
const STEADY_SALIENT_SHARE: f32 = 0.5;
/// A steady light holds its colour: at least this share of the frames it was read in a colour
/// lie within SAME_LIGHT_HUE_DEG of its overall colour. An LED's light has one spectrum, and its
/// read hue wavers only by noise, white balance and a clipped core; a screen changing picture,
/// or texture under a measurement that slid, turns blue, green and red by turns.
const STEADY_HUE_SHARE: f32 = 0.75;
/// A lone flash must stand this many times its level's noise above the dark...
const LONE_FLASH_NOISE: f32 = 10.0;
/// ... and its surroundings must have stayed this still (see `still_surround`: 1 is untouched).
const LONE_STILL: f64 = 0.9;
/// How far (share of the spacing) a flash may sit from the rhythm of its neighbours and still be
/// taken as one of them: a status light's flashes repeat to within a frame or two, a cut or a
/// glint falls anywhere.
const RHYTHM_TOLERANCE: f64 = 0.25;
/// How far (share of the light's own rise) its surroundings may brighten with it, as its glow
/// and a blooming lens spread it, before the switch looks like more than a light switching.
const GLOW_SHARE: f64 = 0.3;
/// How much the spread of the flashes' brightness (standard deviation over mean) lowers the
/// confidence: flashes 20 % apart in brightness cost a fifth.
const FLASH_SPREAD_WEIGHT: f64 = 1.0;
/// Seconds between two looks at a light that cannot hide a flash: a Blink burst's flashes are
/// lit about a quarter of a second or a little longer, a camera at 5 frames a second looks every
/// 0.2 s, and a cut skips about a quarter second (its frames and their settling). Longer gaps
/// (the page stalled, the light was not located) are time in which it was not seen quiet; the
/// first LOOK_GAP_S after each look was (a flash there would have been seen at the next look).
/// Not segment's CENSOR_GAP_S: that asks whether a switch's moment is known, this whether a
/// whole flash could have come and gone.
const LOOK_GAP_S: f64 = 0.3;

/// What the judge makes of one watched light.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    /// The intervals that can be a status light's (coloured, seen switching).
    pub intervals: Vec<OnInterval>,
    /// When it was first watched (seconds since the reading began), counting time a steady
    /// light was seen lit before it was watched.
    pub from_s: f64,
    /// Closed flashes seen switching on and off cleanly.
    pub flashes: u32,
    /// Whether it switches fully off (None: it never switched).
    pub dark_off: Option<bool>,
    /// Whether it is a steady light that may be the status light.
    pub steady: bool,
    /// How much it looks like the status light (0: not at all).
    pub score: f32,
    /// 0..1: how strongly its place is where the person aims.
    pub aim: f32,
    /// The spans (seconds, sorted) in which the light was not looked at often enough to see a
    /// flash (`LOOK_GAP_S`), the first of them all time before `from_s`: a flash may have come
    /// and gone unseen in them.
    pub unseen: Vec<(f64, f64)>,
}

/// The share of the way from the picture's middle to its edge, along the side where it is
/// larger: 0 in the middle, 0.5 at an edge.
pub fn off_middle(g: Geometry, x: f32, y: f32) -> f32 {
    (x / g.camera_w as f32 - 0.5).abs().max((y / g.camera_h as f32 - 0.5).abs())
}

/// Whether a light at (x, y) that never switched may count as a steady status light (see
/// STEADY_AIM); one further out can count only by switching.
pub fn may_count_steady(g: Geometry, x: f32, y: f32) -> bool {
    off_middle(g, x, y) <= STEADY_AIM
}

/// 0..1: how much a light at (x, y) is where the person aims.
pub fn aim_weight(g: Geometry, x: f32, y: f32) -> f32 {
    ((OUT_OF_AIM - off_middle(g, x, y)) / (OUT_OF_AIM - AIMED)).clamp(0.0, 1.0)
}

/// Judges a tracker at `now_s` (seconds since the reading began at `origin_ms`).
pub fn assess(t: &Tracker, g: Geometry, origin_ms: f64, now_s: f64) -> Assessment {
    let intervals = readable(t, origin_ms);
    let first_s = t.samples().first().map(|s| (s.t_ms - origin_ms) / 1000.0).unwrap_or(now_s);
    let from_s = (first_s - t.lit_before_s).max(0.0);
    let tapped = t.origin == Origin::Tapped;
    let aim = if tapped { 1.0 } else { aim_weight(g, t.x, t.y) };
    let mut a = Assessment { intervals, from_s, aim, ..Assessment::default() };
    let dark_off = goes_dark(t.samples());
    a.dark_off = dark_off;
    a.flashes = a.intervals.iter().filter(|i| !i.open && !i.censored).count() as u32;
    // Before the light was watched nothing was seen either (a group of flashes the camera came
    // to mid-way may have begun then).
    a.unseen = std::iter::once((f64::NEG_INFINITY, from_s)).chain(unseen(t.samples(), &a.intervals, t.holds_within(), origin_ms, now_s)).collect();
    // A steady light: one lit interval, still lit, since it was first watched.
    let lit_throughout = a.intervals.len() == 1 && a.intervals[0].open && a.intervals[0].start <= first_s + 0.15;
    if lit_throughout && (now_s - from_s) > 0.0 {
        let noise = level_noise(t.samples());
        let level = median_level(t.samples());
        let salient = t.frames > 0 && t.salient_frames as f32 >= STEADY_SALIENT_SHARE * t.frames as f32;
        let one_colour = holds_colour(t.samples(), a.intervals[0].rgb);
        a.steady = (tapped || (may_count_steady(g, t.x, t.y) && t.stays_put() && salient && t.adds_light() && one_colour)) && level >= STEADY_NOISE * noise;
    }
    // A place read lit that mostly gained no light over its own picture while off is a pattern
    // the measurement slid over, or text or a screen changing colour: it switches nothing.
    // Two flashes or more are a light's only once one of its lit frames was seen to add light
    // at its place, compared with its place while off (it was off between them, so that is
    // known): until then they may be the rim of something larger that switched, seen only at
    // the overview's cells. The cost: a light whose gaps never fall clearly off (a ghost left by
    // noise reduction above the tracker's OFF_SHARE) or that sits at the window's edge is never
    // checked, and its flashes wait (taking the picture while off at judge's looser "dark"
    // would check it; not yet measured).
    let unchecked = a.flashes >= 2 && !t.light_shown();
    let mut switching = if (dark_off == Some(true) && !t.mostly_no_light() && !unchecked) || tapped { a.flashes as f32 } else { 0.0 };
    // One flash alone is what a passer-by, a car, a screen's new picture or a cut make too: it
    // counts only as a status light's lone flash does — brief, where the person aims, plainly
    // above its noise, with nothing around it changing.
    if a.flashes == 1 && a.intervals.len() == 1 && !tapped {
        let only = a.intervals[0];
        let plain = levels(t.samples()).is_some_and(|(off, on)| on - off >= LONE_FLASH_NOISE * level_noise(t.samples()).max(0.5));
        let lone_ok = only.duration() <= BRIEF_FLASH_S
            && may_count_steady(g, t.x, t.y)
            && plain
            && still_surround(t, &a.intervals, origin_ms) >= LONE_STILL
            && goes_dark(one_scene(t.samples(), &only, origin_ms)) == Some(true);
        if !lone_ok {
            switching = 0.0;
        }
    }
    let lit_s: f64 = a.intervals.iter().map(|i| i.duration()).sum();
    let steady = if a.steady { (lit_s / STEADY_S) as f32 } else { 0.0 };
    // An open flash of a light that has switched cleanly before counts as its lit time.
    let open = if switching > 0.0 { a.intervals.iter().filter(|i| i.open).map(|i| (i.duration() / STEADY_S) as f32).sum() } else { 0.0 };
    a.score = (switching + steady + open) * aim;
    a
}

/// The spans from the first look to `now_s` (seconds since the reading began at `origin_ms`) in
/// which looks were more than LOOK_GAP_S apart: each from LOOK_GAP_S after a look to the next.
/// A look is at the light only from where it was last seen flashing (the middle of its places
/// over its latest lit interval, within `holds_px`): once the tracker's place has moved farther
/// without a flash there (onto a housing's edge that shook, a ghost), what it watches is no
/// longer the light, and the light's quiet is not being seen.
fn unseen(samples: &[Sample], intervals: &[OnInterval], holds_px: f32, origin_ms: f64, now_s: f64) -> Vec<(f64, f64)> {
    // One pass over both (each sorted by time): the places seen during the current interval,
    // and the middle place of the latest one that ended.
    let (mut next, mut inside, mut anchor) = (0usize, Vec::new(), None);
    let mut looks = Vec::with_capacity(samples.len());
    for s in samples {
        let at = (s.t_ms - origin_ms) / 1000.0;
        if at > now_s {
            break;
        }
        while next < intervals.len() && intervals[next].end < at {
            anchor = middle_place(&inside).or(anchor);
            inside.clear();
            next += 1;
        }
        if next < intervals.len() && intervals[next].start <= at {
            inside.push(s.place);
        } else if anchor.is_some_and(|(x, y): (f32, f32)| (s.place.0 - x).hypot(s.place.1 - y) > holds_px) {
            continue;
        }
        looks.push(at);
    }
    let mut spans = Vec::new();
    let mut prev: Option<f64> = None;
    for at in looks.into_iter().chain(std::iter::once(now_s)) {
        if let Some(p) = prev.filter(|&p| at - p > LOOK_GAP_S) {
            spans.push((p + LOOK_GAP_S, at));
        }
        prev = Some(at);
    }
    spans
}

/// `spans` sorted by start, overlapping ones joined: each moment counted once.
pub fn joined(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The middle (per axis) of the known places in `places` (reordered), None when none is known.
fn middle_place(places: &[(f32, f32)]) -> Option<(f32, f32)> {
    let middle = |pick: fn(&(f32, f32)) -> f32| {
        let mut v: Vec<f32> = places.iter().map(pick).filter(|v| v.is_finite()).collect();
        let mid = v.len() / 2;
        (!v.is_empty()).then(|| *v.select_nth_unstable_by(mid, f32::total_cmp).1)
    };
    middle(|p| p.0).zip(middle(|p| p.1))
}

/// Whether the frames read in a colour (white ones have none to compare) mostly lie within
/// SAME_LIGHT_HUE_DEG of `overall` (see STEADY_HUE_SHARE). True with none read in a colour.
fn holds_colour(samples: &[Sample], overall: [f32; 3]) -> bool {
    let coloured = samples.iter().filter(|s| !is_white(s.colour));
    let (near, all) = coloured.fold((0u32, 0u32), |(near, all), s| (near + u32::from(same_light_hue(s.colour, overall)), all + 1));
    near as f32 >= STEADY_HUE_SHARE * all as f32
}

fn median_level(samples: &[Sample]) -> f32 {
    let mut v: Vec<f32> = samples.iter().map(|s| s.level).collect();
    if v.is_empty() {
        return 0.0;
    }
    let mid = v.len() / 2;
    *v.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// Whether the light switches fully off, over `samples` (None: it never switched): what it adds
/// at its lowest (held over two frames) is at most OFF_DARK_SHARE of what it adds lit.
fn goes_dark(samples: &[Sample]) -> Option<bool> {
    levels(samples).map(|(low, on)| {
        let off = lowest_held(samples).map_or(low, |held| held.min(low));
        on - off >= MIN_AMPLITUDE && off <= OFF_DARK_SHARE * on
    })
}

/// The samples of the stretch of one picture that holds `flash`: from the last disturbance (a
/// cut, an exposure step) before it to the next one after it. A flash seen dark only across a
/// cut was compared with another picture: the new one's texture at that place may add less, which
/// is no light going off.
fn one_scene<'a>(samples: &'a [Sample], flash: &OnInterval, origin_ms: f64) -> &'a [Sample] {
    let at = |s: &Sample| (s.t_ms - origin_ms) / 1000.0;
    let disturbed = |s: &Sample| s.gap == Some(SampleGap::Disturbed);
    let first = samples.iter().rposition(|s| disturbed(s) && at(s) <= flash.start).unwrap_or(0);
    let end = samples.iter().position(|s| disturbed(s) && at(s) > flash.end).unwrap_or(samples.len());
    samples.get(first..end).unwrap_or(samples)
}

/// The lowest level held over two samples in a row (None with fewer than two samples): a light
/// lit most of the time it was watched (a lead-in colour before a burst) has its lowest tenth of
/// levels still lit, yet goes dark between its flashes; one frame alone may be a noise dip.
fn lowest_held(samples: &[Sample]) -> Option<f32> {
    samples.windows(2).map(|w| w[0].level.max(w[1].level)).min_by(f32::total_cmp)
}

/// The intervals of a tracker that can be a status light's: unless the user tapped it, not
/// white (Blink status lights are red, blue or green; white is lamps, glints, people), and
/// not a short interval that began or ended unseen (a cut is no switch).
pub fn readable(t: &Tracker, origin_ms: f64) -> Vec<OnInterval> {
    let mut intervals = t.intervals(origin_ms);
    let first_s = t.samples().first().map(|s| (s.t_ms - origin_ms) / 1000.0);
    if let (Some(first), Some(i)) = (first_s, intervals.first_mut()) {
        // A steady light seen lit before its tracker started has been lit since then.
        if t.lit_before_s > 0.0 && (i.start - first).abs() < 0.1 {
            i.start = (first - t.lit_before_s).max(0.0);
        }
    }
    let tapped = t.origin == Origin::Tapped;
    // Whether a hidden switch is in rhythm depends on its neighbours, so judge before dropping.
    (0..intervals.len())
        .filter(|&k| {
            let i = &intervals[k];
            (tapped || i.colour != LedColour::White) && (!i.censored || i.duration() >= STEADY_S || in_rhythm(&intervals, k))
        })
        .map(|k| intervals[k])
        .collect()
}

/// Whether interval k (one that began or ended unseen) sits between two cleanly seen flashes of
/// its colour, evenly spaced: then it is one of a run of flashes whose switch was hidden for a
/// moment (a shake, a re-exposure), not something a cut made.
/// The latest interval has no next one yet: it is judged against the two before it.
fn in_rhythm(intervals: &[OnInterval], k: usize) -> bool {
    let Some(here) = intervals.get(k) else { return false };
    let at = |j: Option<usize>| j.and_then(|j| intervals.get(j)).filter(|i| !i.censored && !i.open && i.colour == here.colour);
    let even = |a: f64, b: f64| a > 0.0 && b > 0.0 && (a - b).abs() <= RHYTHM_TOLERANCE * a.max(b);
    let Some(prev) = at(k.checked_sub(1)) else { return false };
    match (intervals.get(k + 1), at(k.checked_sub(2))) {
        (Some(_), _) => at(Some(k + 1)).is_some_and(|next| even(here.start - prev.start, next.start - here.start)),
        (None, Some(before)) => even(here.start - prev.start, prev.start - before.start),
        (None, None) => false,
    }
}

/// 0.6..1: how clearly the light stands out from its surroundings.
pub fn signal_quality(t: &Tracker) -> f64 {
    match levels(t.samples()) {
        Some((off, on)) if on - off >= 3.0 * MIN_AMPLITUDE => 1.0,
        Some((off, on)) if on - off >= MIN_AMPLITUDE => 0.85,
        _ => 0.7,
    }
}

/// 0.5..1: whether only the light switched. A status LED switching leaves its surroundings
/// as they were, but for its glow; a screen changing shot, a lamp flickering or something passing
/// changes them with it. Judged by how far the surroundings' colour moved between lit and unlit
/// frames, against how far the light's own level moved, which allows for a glow of up to
/// GLOW_SHARE. A light clipped in its core has far more glow than its level shows (the level
/// stops at full, the glow around it does not): for it, what the surroundings gained in the
/// light's own colour is its glow, and only the change across that colour counts.
pub fn still_surround(t: &Tracker, intervals: &[OnInterval], origin_ms: f64) -> f64 {
    let Some(first) = intervals.first() else { return 1.0 };
    let Some((off, on)) = levels(t.samples()) else { return 1.0 };
    let (mut lit, mut unlit) = (([0.0f64; 3], 0u32), ([0.0f64; 3], 0u32));
    for &(t_ms, surround) in t.surrounds() {
        let at = (t_ms - origin_ms) / 1000.0;
        if at < first.start {
            continue;
        }
        let acc = if intervals.iter().any(|i| at >= i.start && at <= i.end) { &mut lit } else { &mut unlit };
        for (a, v) in acc.0.iter_mut().zip(surround) {
            *a += v as f64;
        }
        acc.1 += 1;
    }
    if lit.1 == 0 || unlit.1 == 0 || on <= off {
        return 1.0;
    }
    let change: [f64; 3] = std::array::from_fn(|c| lit.0[c] / lit.1 as f64 - unlit.0[c] / unlit.1 as f64);
    let light = intervals.iter().fold([0.0f64; 3], |a, i| [a[0] + i.rgb[0] as f64, a[1] + i.rgb[1] as f64, a[2] + i.rgb[2] as f64]);
    let around_lit = lit.0.iter().fold(0.0f64, |m, v| m.max(*v)) / lit.1 as f64;
    let clipped = around_lit + on as f64 >= spot::CLIPPED as f64;
    let change = if clipped { without_glow(change, light) } else { change };
    let moved = change.iter().fold(0.0f64, |m, v| m.max(v.abs())) / (on - off) as f64;
    (1.0 - (moved - GLOW_SHARE).max(0.0)).clamp(0.5, 1.0)
}

/// `change` less what it gained along `light`'s colour (nothing when it lost light there).
fn without_glow(change: [f64; 3], light: [f64; 3]) -> [f64; 3] {
    let norm = light.iter().map(|v| v * v).sum::<f64>();
    let along = change.iter().zip(light).map(|(c, l)| c * l).sum::<f64>();
    if norm <= 0.0 || along <= 0.0 {
        return change;
    }
    std::array::from_fn(|c| change[c] - along / norm * light[c])
}

/// 0.5..1: how evenly bright the light's flashes were. A status LED flashes at one
/// brightness (the exposure moves it by a few per cent); a screen's content, a flickering
/// lamp or things passing by change from one "flash" to the next.
pub fn evenness(t: &Tracker, intervals: &[OnInterval], origin_ms: f64) -> f64 {
    let means: Vec<f64> = intervals
        .iter()
        .filter(|i| !i.open)
        .filter_map(|i| {
            let lv: Vec<f64> = t.samples().iter().filter(|s| (s.t_ms - origin_ms) / 1000.0 >= i.start && (s.t_ms - origin_ms) / 1000.0 <= i.end).map(|s| s.level as f64).collect();
            (!lv.is_empty()).then(|| lv.iter().sum::<f64>() / lv.len() as f64)
        })
        .collect();
    if means.len() < 2 {
        return 1.0;
    }
    let n = means.len() as f64;
    let mean = means.iter().sum::<f64>() / n;
    let sd = (means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / n).sqrt();
    if mean <= 0.0 { 0.5 } else { (1.0 - FLASH_SPREAD_WEIGHT * sd / mean).clamp(0.5, 1.0) }
}

/// The colour class of a light's summed lit colour (for debugging tools).
pub fn colour_of(intervals: &[OnInterval]) -> Option<LedColour> {
    let sum = intervals.iter().fold([0.0f32; 3], |a, i| [a[0] + i.rgb[0], a[1] + i.rgb[1], a[2] + i.rgb[2]]);
    (!intervals.is_empty()).then(|| classify(sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(t_ms: f64, level: f32, gap: Option<SampleGap>) -> Sample {
        Sample { gap, ..Sample::new(t_ms, level, [level, 0.0, 0.0]) }
    }

    /// Texture that adds 40 levels flickers up to 90 for a moment; then a cut brings a smooth
    /// picture where the place adds nearly nothing. Over all the samples it "went dark"; within
    /// the picture that held the flash it never did.
    /// A red light's glow brightens its ring in red: not counted. White light over the
    /// ring (a screen, a lamp, the exposure) is.
    #[test]
    fn glow_in_the_lights_own_colour_is_not_a_change_around_it() {
        let red = [200.0, 20.0, 30.0];
        let glow = without_glow([60.0, 6.0, 9.0], red);
        assert!(glow.iter().all(|v| v.abs() < 1e-9), "{glow:?}");
        let white = without_glow([40.0, 40.0, 40.0], red);
        assert!(white.iter().fold(0.0f64, |m, v| m.max(v.abs())) > 30.0, "{white:?}");
        assert_eq!(without_glow([-20.0, -20.0, -20.0], red), [-20.0, -20.0, -20.0]);
    }

    /// Looks 1/30 s apart, then none for half a second (a stalled page), then again until 1.0 s,
    /// watched until 1.5 s: unseen are the stall less LOOK_GAP_S, and the end since the last look.
    #[test]
    fn time_between_looks_too_far_apart_to_catch_a_flash_is_unseen() {
        let looks: Vec<Sample> = (0..30).map(|k| k as f64 * 1000.0 / 30.0).filter(|&t| !(300.0..800.0).contains(&t)).map(|t| sample(t, 10.0, None)).collect();
        let spans = unseen(&looks, &[], 10.0, 0.0, 1.5);
        let want = [(0.3 - 1.0 / 30.0 + LOOK_GAP_S, 0.8), (29.0 / 30.0 + LOOK_GAP_S, 1.5)];
        assert_eq!(spans.len(), want.len(), "{spans:?}");
        for ((a, b), (c, d)) in spans.iter().zip(want) {
            assert!((a - c).abs() < 1e-9 && (b - d).abs() < 1e-9, "{spans:?}");
        }
        // Looks every 0.2 s (a camera at 5 frames a second) leave nothing unseen.
        let slow: Vec<Sample> = (0..8).map(|k| sample(k as f64 * 200.0, 10.0, None)).collect();
        assert_eq!(unseen(&slow, &[], 10.0, 0.0, 1.45), vec![]);
    }

    /// A flash at (100, 100) from 0.2 to 0.5 s, its place held a little after, then moved 30 px
    /// at 0.8 s with no flash there (the tracker took a shaking edge for the light): from then on
    /// the light's quiet is not seen. Moved by less than the light holds within, it still is.
    #[test]
    fn looks_from_a_place_the_light_moved_off_without_flashing_are_no_looks() {
        let flash = OnInterval { start: 0.2, end: 0.5, colour: LedColour::Red, rgb: [1.0, 0.0, 0.0], open: false, censored: false };
        let looks = |moved_px: f32| -> Vec<Sample> {
            (0..45)
                .map(|k| {
                    let t = k as f64 * 1000.0 / 30.0;
                    let x = if t >= 800.0 { 100.0 + moved_px } else if (200.0..=500.0).contains(&t) { 100.0 + (k % 3) as f32 } else { 101.0 };
                    Sample { place: (x, 100.0), ..sample(t, 10.0, None) }
                })
                .collect()
        };
        let spans = unseen(&looks(30.0), &[flash], 20.0, 0.0, 1.5);
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert!((spans[0].0 - (23.0 / 30.0 + LOOK_GAP_S)).abs() < 1e-9 && spans[0].1 == 1.5, "{spans:?}");
        assert_eq!(unseen(&looks(15.0), &[flash], 20.0, 0.0, 1.5), vec![]);
        // Unknown places (NaN) are looks, as before places were kept.
        let unknown: Vec<Sample> = (0..45).map(|k| sample(k as f64 * 1000.0 / 30.0, 10.0, None)).collect();
        assert_eq!(unseen(&unknown, &[flash], 20.0, 0.0, 1.5), vec![]);
    }

    #[test]
    fn a_flash_seen_dark_only_across_a_cut_does_not_go_dark() {
        let mut samples: Vec<Sample> = (0..30).map(|k| sample(k as f64 * 33.0, if (10..14).contains(&k) { 90.0 } else { 40.0 }, None)).collect();
        samples.push(sample(30.0 * 33.0, 5.0, Some(SampleGap::Disturbed)));
        samples.extend((31..60).map(|k| sample(k as f64 * 33.0, 5.0, None)));
        let flash = OnInterval { start: 0.33, end: 0.46, colour: LedColour::Red, rgb: [90.0, 0.0, 0.0], open: false, censored: false };
        assert_eq!(goes_dark(&samples), Some(true));
        let scene = one_scene(&samples, &flash, 0.0);
        assert_eq!(scene.len(), 30);
        assert_eq!(goes_dark(scene), Some(false));
        // A light that does go dark in its own picture still does.
        let led: Vec<Sample> = (0..30).map(|k| sample(k as f64 * 33.0, if (10..14).contains(&k) { 90.0 } else { 3.0 }, None)).collect();
        assert_eq!(goes_dark(one_scene(&led, &flash, 0.0)), Some(true));
    }

    /// A steady light's frames, each read in some colour: an LED's hue wavers a little and its
    /// clipped core reads white; a screen's picture turns blue, green and red by turns.
    #[test]
    fn a_steady_light_holds_its_colour_and_a_screen_does_not() {
        let reads = |colours: &[[f32; 3]]| -> Vec<Sample> { colours.iter().enumerate().map(|(k, &c)| Sample::new(k as f64 * 33.0, 100.0, c)).collect() };
        let (red, orange_red, pink_red, white) = ([200.0, 30.0, 30.0], [200.0, 90.0, 20.0], [200.0, 30.0, 110.0], [200.0, 195.0, 190.0]);
        let (green, blue) = ([40.0, 200.0, 60.0], [30.0, 60.0, 200.0]);
        let cases: [(&str, Vec<[f32; 3]>, [f32; 3], bool); 5] = [
            ("a red LED", vec![red; 12], red, true),
            ("a red LED wavering and clipping", [red, orange_red, pink_red, white].repeat(3), red, true),
            ("a screen turning colours", [blue, green, red, blue].repeat(3), blue, false),
            ("a blue light, once green", [vec![blue; 9], vec![green; 2]].concat(), blue, true),
            ("nothing read in a colour", vec![white; 12], white, true),
        ];
        for (name, colours, overall, holds) in cases {
            assert_eq!(holds_colour(&reads(&colours), overall), holds, "{name}");
        }
    }
}
