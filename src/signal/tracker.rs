//! One light being watched: where it sits, and its level and colour frame by frame, at the
//! camera's resolution and at every scale it may have.
//!
//! A tracker starts where the finder saw a light switch on (or a coloured light that stays lit,
//! or where the user tapped). Each frame:
//! - it takes in how far the middle of the picture moved (`motion`): while the light is off its
//!   search covers both where it was and where that motion would have carried it;
//! - at every scale (centre boxes from 1 px to 17 px a side, see `spot`) it measures every
//!   position around where the light sits, takes away what each position showed while the light
//!   was off, and keeps the strongest: the light that comes and goes there, not a brighter glint
//!   or lamp that was there all along;
//! - while the light is plainly lit at the scale it is read at, the light's place snaps to
//!   where it is.
//!
//! Every scale keeps its own samples for the whole reading, and the one read out is the one at
//! which the light stands out most against its own noise: a far LED of a pixel reads best in a
//! 1-3 px box, a close blooming one in a large box, and which one this is only shows once it has
//! switched a few times.
use super::measure::{Sample, SampleGap};
use super::segment::{level_noise, levels, recut, segment_sorted, OnInterval, SortedLevels, MIN_AMPLITUDE};
use super::spot::{self, Kernel, ResponseMap, SpotReading, Sums, SCALES};
use super::view::{Rect, View, Window};

/// The farthest (share of the frame's larger side) a light is searched from where it sits: up to
/// about 2.5 degrees of a phone camera's 65-70 degree view, what an unsteady arm moves the
/// picture in a fraction of a second.
const SHAKE_SHARE: f32 = 0.04;
/// How far (share of the frame's larger side) the device may sway from where it was while its
/// light is off: a hand holding a phone toward something sways it by up to about a degree (arm
/// sway and breathing at 0.2-1.2 Hz, tremor at 8-12 Hz), which a fifth of a second off is time
/// enough to reach (SWAY_RISE_S).
const SWAY_SHARE: f32 = 0.015;
const SWAY_RISE_S: f32 = 0.2;
/// A pixel this bright in any channel is clipped: a blooming LED's core (phones' tone curves
/// reach the top a little early, and compression moves it by a few levels).
const CLIPPED: u8 = 250;
/// The closest search (camera pixels) once the light is known to be still.
const REACH_MIN: usize = 2;
/// Lit positions needed before the search narrows to what the shake needs.
const JITTER_SAMPLES: u32 = 5;
/// The search covers this many times the light's typical deviation from where it sits.
const JITTER_REACH: f32 = 3.0;
/// What a place showed while the light was off is taken as the largest within this many pixels,
/// so hand shake between that frame and this one does not make a glint look new.
const REFERENCE_SHAKE_PX: usize = 1;
/// The light is clearly off when it has fallen below this share of the way from its lowest to
/// its highest level: what its place shows then is what it shows without it. Low, because the
/// phone's temporal noise reduction leaves a fading ghost of a light that just went off.
const OFF_SHARE: f32 = 0.12;
/// ... and the light is lit above this share (hysteresis between the two).
const LIT_SHARE: f32 = 0.5;
/// A switch must stand this many times the level's frame-to-frame noise to be believed, for
/// following the light and for what its place shows while off.
const SWITCH_NOISE: f32 = 6.0;
/// The picture of the light's place kept while it is off reaches this many pixels beyond what
/// the far test reads around the largest scale's box, so the light's motion since does not take
/// it out.
const OFF_PICTURE_MARGIN: usize = 6;
/// The band around a light's gap box whose change since the off picture is taken as its
/// surroundings' (an exposure step, the picture's drift), and that places the off picture: a few
/// pixels, within the off picture's margin.
const OFF_BAND_PX: usize = 3;
/// A place whose pixels changed by at most this much (mean over its centre of each pixel's
/// largest channel change, 0..255) since it was seen off is as it was: compression and sensor
/// noise move a pixel by a few levels; a light that switched on, by far more (a switch must
/// stand MIN_AMPLITUDE clear to be read at all).
const STILL_CHANGE: f32 = 3.0;
/// A light is no light when more than this share of at least NO_LIGHT_MIN_CHECKED frames read
/// lit showed nothing switched on at its place (`mostly_no_light`): a frame or two can be
/// misjudged (the off picture caught the light's ghost, the place moved between alignments).
const NO_LIGHT_SHARE: f32 = 0.5;
const NO_LIGHT_MIN_CHECKED: u32 = 2;
/// A light adds light over its ring in at least this share of the frames it is read in
/// (`adds_light`): a frame or two may catch its ring on something bright passing by.
const ADDING_SHARE: f32 = 0.5;
/// A light that switched on brightens its own pixels: where the centre itself rose by less than
/// this share of what it gained over its band, the gain came from the surroundings darkening
/// (something large went away around it), not from light added at the place. Half: an exposure
/// step as the light comes on lowers the surroundings by a fraction of what the light adds,
/// never by as much.
const OWN_RISE_SHARE: f32 = 0.5;
/// A light is brightest at its own place and its glow fades outward from it; a band pixel that
/// rose by this share of the centre's rise or more, in the same colour (COLOUR_MATCH: the
/// cosine between the two changes, 0.9 is about 26 degrees, room for 4:2:0 colour bleeding), is
/// lit as much as the centre. 0.8: the band lies 1-3 px outside the box that fits the light's
/// core, where a status LED's glow has fallen well below its core's mean...
const RING_AS_BRIGHT: f32 = 0.8;
const COLOUR_MATCH: f32 = 0.9;
/// ...and where more than this share of the band is, the place is part of something larger that
/// switched (the rim or the middle of a lit shape, a screen), not a light: a straight edge
/// through the place lights half the band, the middle of a shape all of it, while glow stays
/// dimmer than the core and a texture sliding under the band changes its pixels in its own
/// colours. Status lights are points; a light bar or a lit ring larger than the tracker's largest
/// box would be taken for a shape (Blink's lights are all points).
const RING_LIT_SHARE: f32 = 0.4;
/// A status light is a point: beyond the kernel's ring (three times the centre's half-size and
/// more from its middle) its glow has faded well below its core, while a large shape that
/// switched (a disc appearing, a screen, the lit side of an edge) is as bright there as at the
/// place read. The far test lays boxes of the centre's size this many pixels beyond the ring, in
/// FAR_DIRECTIONS directions around the place: the band test close by misses a shape whose rim
/// the place sits on when the off picture's alignment hides the band's change, while the far
/// boxes land inside the shape. A few pixels, like the band's width: no further than needed.
const FAR_BEYOND_RING_PX: usize = OFF_BAND_PX;
/// Directions of the far boxes: 16 puts neighbouring box centres a little over a third of their
/// distance apart. One lit box is enough: in the measured corpora, asking for two neighbours let
/// more scenes with no status light through (a textured or noisy place may lose a frame to a
/// speck that brightened, but `mostly_no_light` counts frames, not single ones).
const FAR_DIRECTIONS: usize = 16;
/// Another scale is read out once it shows the light this many times more clearly.
const SCALE_SWITCH: f32 = 1.3;
/// Samples a scale needs before its signal-to-noise is compared with the others'.
const MIN_SAMPLES: usize = 5;
/// The most a light's patch is taken to move between two frames (share of the larger side): a
/// jerk of the hand moves the picture by a few per cent in a tenth of a second, a few frames.
pub const MAX_SHIFT_SHARE: f32 = 0.03;
/// A light that travelled more than this share of the frame's larger side (beyond its shake and
/// the picture's motion) in the last TRAVEL_WINDOW_S before it went off was carried past, not
/// switched: hand sway moves the picture by about 1 % in half a second, a car or a person
/// passing by far more.
const TRAVEL_SHARE: f32 = 0.015;
const TRAVEL_WINDOW_S: f64 = 0.5;

/// A light that stays within this share of the frame's larger side of where it was first seen
/// lit stays put: a person aiming a phone sways it by a few degrees at most while reading (the
/// view is 65-70 degrees wide).
const STAY_SHARE: f32 = 0.15;

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

/// What one scale has measured.
#[derive(Default, Clone)]
struct Scale {
    kernel: Kernel,
    samples: Vec<Sample>,
    sorted: SortedLevels,
    /// What each place showed while the light was off (None until it has been off).
    reference: Option<ResponseMap>,
    /// When, and how bright the light's surroundings were (its least different ring side).
    surrounds: Vec<(f64, [f32; 3])>,
    /// The last reading and whether it was lit.
    last: Option<(SpotReading, bool)>,
}

impl Scale {
    /// (off level, on level, noise) so far.
    fn stats(&self) -> Option<(f32, f32, f32)> {
        let (off, on) = levels(&self.samples)?;
        Some((off, on, level_noise(&self.samples)))
    }

    /// How plainly the light stands out at this scale: what it adds when lit (over what it adds
    /// when off, or over nothing for a light that never switched) against its frame-to-frame noise.
    fn clarity(&self) -> f32 {
        if self.samples.len() < MIN_SAMPLES {
            return 0.0;
        }
        match self.stats() {
            Some((off, on, noise)) => (on - off).max(off) / noise.max(0.5),
            None => 0.0,
        }
    }

    /// Whether `level` is lit: above the middle of what this scale has shown, by a switch that
    /// stands clear of its noise; a light that never switched is lit when it stands clear of
    /// nothing.
    fn is_lit(&self, level: f32) -> bool {
        match self.stats() {
            Some((off, on, noise)) if on - off >= MIN_AMPLITUDE.max(SWITCH_NOISE * noise) => level > off + LIT_SHARE * (on - off),
            Some((_, _, noise)) => level >= MIN_AMPLITUDE.max(SWITCH_NOISE * noise),
            None => false,
        }
    }

    /// Whether `level` is clearly off: low in a range that has plainly switched, or near nothing
    /// against a lit level that stands clear of its noise. A light that never switches (a steady
    /// one, or one too faint to tell) is taken as off only if it falls near nothing (covered by a
    /// passing hand, say), so what its place shows is rarely mistaken for what it shows without
    /// the light.
    fn is_off(&self, level: f32) -> bool {
        match self.stats() {
            Some((off, on, noise)) => {
                let clear = MIN_AMPLITUDE.max(SWITCH_NOISE * noise);
                // A place with no light adds nothing over its surroundings (level 0): a light lit
                // most of the time (a steady lead-in before a burst) has its lowest level taken
                // from its lit frames, yet its short gaps fall near zero, clearly off too.
                (on - off >= clear && level <= off + OFF_SHARE * (on - off)) || (on >= clear && level <= OFF_SHARE * on)
            }
            None => false,
        }
    }
}

/// What the light's place looked like while the light was off: the pixels of a square around
/// it, and where the light sat then (the square moves with it).
struct OffPicture {
    rect: Rect,
    rgba: Vec<u8>,
    at: (f32, f32),
    /// How far the picture had moved then (the tracker's `picture_offset`).
    offset: (f32, f32),
}

/// Whether more than RING_LIT_SHARE of a band's pixels (`band`: their changes, as
/// `band_changes` gives them) rose as much as the centre did (`rise`), in its colour.
fn ring_as_bright(band: impl Iterator<Item = Option<[f32; 3]>>, rise: [f32; 3]) -> bool {
    let norm = length(rise);
    if norm <= STILL_CHANGE {
        return false;
    }
    let (mut lit, mut all) = (0usize, 0usize);
    for d in band.flatten() {
        all += 1;
        lit += usize::from(as_bright(d, rise, norm));
    }
    all > 0 && lit as f32 > RING_LIT_SHARE * all as f32
}

/// How far from a place (camera pixels) the far test's boxes are centred at scale `k`: beyond
/// the kernel's ring by FAR_BEYOND_RING_PX and the box's own half-size, so along the axes no
/// pixel of a far box lies within the ring, where a light's glow still reaches (on the diagonals
/// the boxes sit on a circle that cuts a corner of the square ring: a few of their pixels do).
fn far_distance(k: Kernel) -> usize {
    k.outer() + FAR_BEYOND_RING_PX + k.half + 1
}

/// How far from a place the far test reads pixels at scale `k` (to its far boxes' outer edge).
fn far_extent(k: Kernel) -> usize {
    far_distance(k) + k.half
}

/// Whether any far box around (x, y) (`far_distance` away, FAR_DIRECTIONS of them, each the size
/// of the centre box at scale `k`) rose as much as the centre did (`rise`, per channel), in its
/// colour: then the place is part of something larger that switched, not a point light. A box
/// the off picture or the window does not wholly hold is not judged.
fn far_as_bright(window: &Window, off: &OffPicture, (x, y): (usize, usize), k: Kernel, shift: (isize, isize), rise: [f32; 3]) -> bool {
    let norm = length(rise);
    if norm <= STILL_CHANGE {
        return false;
    }
    let d = far_distance(k) as f32;
    let h = k.half as isize;
    (0..FAR_DIRECTIONS).any(|i| {
        let a = std::f32::consts::TAU * i as f32 / FAR_DIRECTIONS as f32;
        let (cx, cy) = ((x as f32 + d * a.cos()).round() as isize, (y as f32 + d * a.sin()).round() as isize);
        let (mut sum, mut n) = ([0f32; 3], 0usize);
        for yy in cy - h..=cy + h {
            for xx in cx - h..=cx + h {
                if xx < 0 || yy < 0 || !window.rect.contains(xx as f32, yy as f32) {
                    return false;
                }
                let (xx, yy) = (xx as usize, yy as usize);
                let Some(before) = off.pixel(xx, yy, shift) else { return false };
                let now = window.pixel(xx, yy);
                for c in 0..3 {
                    sum[c] += now[c] as f32 - before[c] as f32;
                }
                n += 1;
            }
        }
        as_bright(sum.map(|v| v / n as f32), rise, norm)
    })
}

/// Whether a change `d` rose along the centre's `rise` (of length `norm`) by RING_AS_BRIGHT of
/// it or more, in its colour (COLOUR_MATCH): lit as much as the centre. The band and the far
/// test judge their pixels and boxes by it.
fn as_bright(d: [f32; 3], rise: [f32; 3], norm: f32) -> bool {
    let along = dot(d, rise) / norm;
    along >= RING_AS_BRIGHT * norm && along >= COLOUR_MATCH * length(d)
}

fn dot(a: [f32; 3], b: [f32; 3]) -> f32 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn length(a: [f32; 3]) -> f32 {
    dot(a, a).sqrt()
}

/// Whether a centre that rose by `rise` (per channel, since the picture while off) brightened
/// itself by at least OWN_RISE_SHARE of its `gain` over its band, along the gain's colour.
fn risen_itself(rise: [f32; 3], gain: [f32; 3]) -> bool {
    let norm = length(gain);
    norm == 0.0 || dot(rise, gain) >= OWN_RISE_SHARE * norm * norm
}

/// The band of `area` outside the box of half-side `inner` around (x, y): for each of its pixels,
/// its change since the off picture laid at `shift` (now minus then, per channel), or None where
/// the off picture does not hold it. Both the alignment and the ring's brightness read it.
fn band_changes<'a>(window: &'a Window, off: &'a OffPicture, area: Rect, (x, y, inner): (usize, usize, usize), shift: (isize, isize)) -> impl Iterator<Item = Option<[f32; 3]>> + 'a {
    (area.y..area.bottom())
        .flat_map(move |yy| (area.x..area.right()).map(move |xx| (xx, yy)))
        .filter(move |&(xx, yy)| xx.abs_diff(x) > inner || yy.abs_diff(y) > inner)
        .map(move |(xx, yy)| {
            let now = window.pixel(xx, yy);
            off.pixel(xx, yy, shift).map(|before| [0, 1, 2].map(|c| now[c] as f32 - before[c] as f32))
        })
}

/// What a light's place gained since the picture of it while off.
struct OverOff {
    /// The added light's colour (summed over the unclipped pixels that gained light), if any did.
    colour: Option<[f32; 3]>,
    /// Whether what is read as a light cannot be one: the centre's pixels are as they were
    /// while off (nothing switched there: the measurement slid over a fixed pattern), or what
    /// it gained beyond its close surroundings is a change of colour no light makes
    /// (`spot::added_light_of`: cyan text appearing on grey), or it did not brighten itself (its
    /// surroundings darkened) or its surroundings brightened as much as it in its colour (the rim
    /// or middle of a large shape switching, as Chromium's pac-man), close by (its band) or just
    /// beyond its ring (`far_as_bright`).
    no_light: bool,
}

impl OffPicture {
    /// The off pixel under camera pixel (x, y) now, the light having moved by `shift` since.
    fn pixel(&self, x: usize, y: usize, shift: (isize, isize)) -> Option<[u8; 3]> {
        let (ox, oy) = (x as isize - shift.0, y as isize - shift.1);
        let r = self.rect;
        if ox < r.x as isize || oy < r.y as isize || ox >= r.right() as isize || oy >= r.bottom() as isize {
            return None;
        }
        let i = ((oy as usize - r.y) * r.w + (ox as usize - r.x)) * 4;
        Some([self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]])
    }
}

pub struct Tracker {
    pub origin: Origin,
    /// The light's place while it was off, for what the light adds when it is on.
    off_picture: Option<OffPicture>,
    /// Where the light sits (camera pixels).
    pub x: f32,
    pub y: f32,
    /// The middle of the light as last seen lit (camera pixels): where a person sees it. For a
    /// light larger than the largest box, `x, y` sit at its glow's rim, where the kernel (centre
    /// over its least-bright ring side) answers most.
    pub middle: Option<(f32, f32)>,
    /// The closed lit intervals the judge read at the last frame (start, end seconds), and every
    /// span where a later frame re-cut them (`segment::recut`): their count of flashes is not
    /// sure.
    read_before: Vec<(f64, f64)>,
    recut_spans: Vec<(f64, f64)>,
    scales: Vec<Scale>,
    /// The scale that sees the light most clearly so far (index into `scales`).
    best: usize,
    /// What is read out: each frame, the scale at which the light adds the most (a light is
    /// measured whole at the scale that fits it, and a small box a pixel or two off a light, or a
    /// large one around a small light, sees less of it); `last_scale` is the one that did.
    combined: Scale,
    last_scale: usize,
    /// How far the light is searched while lit (from its shake), and the farthest ever.
    lit_reach: usize,
    reach_max: usize,
    sway_px: f32,
    /// When the light was last seen lit (ms).
    last_lit_ms: f64,
    /// How far the light has been carried by the motion of its surroundings since it was last
    /// seen lit (camera pixels, each way): the search reaches that far as well, since what moved
    /// may have been what is behind the device (traffic, a pan of the scene), not the device.
    carried: (f32, f32),
    /// How far the middle of the picture has moved since the tracker began (camera pixels).
    picture_offset: (f32, f32),
    /// Where the light was seen lit in the last TRAVEL_WINDOW_S of its current lit stretch, with
    /// the picture's offset then: (ms, x, y, offset).
    lit_track: std::collections::VecDeque<(f64, f32, f32, (f32, f32))>,
    /// Running mean square of the lit positions' distance from the resting place, and how many.
    jitter_sq: f32,
    lit_seen: u32,
    /// Where the light was first seen lit, and the farthest it has been seen lit from there (in
    /// the picture).
    first_lit: Option<(f32, f32)>,
    drift: f32,
    pub born_ms: f64,
    /// A steady light already seen lit this long before the tracker started (seconds).
    pub lit_before_s: f64,
    /// Frames measured, and of those, frames in which the finder saw a lit spot stand out from
    /// its region at the light's place (its steady sighting).
    pub frames: u32,
    pub salient_frames: u32,
    /// How plainly the finder saw the place (its proposal's strength where the person aims).
    pub found_priority: f32,
    /// The most it has looked like the status light so far (`judge::Assessment::score`): what was
    /// seen does not unhappen when one frame reshapes its series.
    pub best_score: f32,
    /// Frames read lit whose place could be compared with its picture while off, and of those,
    /// the frames where it showed no light switched on there (`OverOff::no_light`).
    pub lit_checked: u32,
    pub lit_no_light: u32,
    /// Frames read with a visible light (adding MIN_AMPLITUDE or more over its ring: a steady
    /// light's series may not call it lit yet), and of those, the frames whose centre added light
    /// over every side of its ring (`SpotReading::adds`).
    pub visible_frames: u32,
    pub adding_frames: u32,
    /// Set when a frame could not be measured (no pixels, disturbed), so the next sample knows.
    gap: Option<SampleGap>,
    sums: Sums,
    map: ResponseMap,
    /// The frame's larger side (camera pixels).
    side: f32,
    /// Motion of the picture not yet applied to the reference maps (they move by whole pixels).
    pending_shift: (f32, f32),
}

impl Tracker {
    /// A tracker at (x, y) (camera pixels) of a `camera_w` x `camera_h` frame, whose place is
    /// known to within `precision_px` (the finder's cell), for a light about `size_px` across
    /// (what the finder saw switch on there): it is measured at the scales whose centre fits
    /// that, so a larger bright thing around a small light that switched is not taken for it.
    pub fn new(origin: Origin, x: f32, y: f32, precision_px: usize, size_px: usize, t_ms: f64, camera_w: usize, camera_h: usize) -> Tracker {
        let side = camera_w.max(camera_h) as f32;
        let reach_max = ((SHAKE_SHARE * side).round() as usize).max(REACH_MIN + 1);
        let scales = SCALES.iter().filter(|&&h| scale_fits(h, size_px)).map(|&half| Scale { kernel: Kernel { half }, ..Scale::default() }).collect();
        Tracker {
            origin,
            off_picture: None,
            x,
            y,
            middle: None,
            read_before: Vec::new(),
            recut_spans: Vec::new(),
            scales,
            best: 0,
            combined: Scale::default(),
            last_scale: 0,
            lit_reach: precision_px.clamp(REACH_MIN, reach_max),
            reach_max,
            sway_px: SWAY_SHARE * side,
            last_lit_ms: t_ms,
            carried: (0.0, 0.0),
            picture_offset: (0.0, 0.0),
            lit_track: std::collections::VecDeque::new(),
            jitter_sq: 0.0,
            lit_seen: 0,
            first_lit: None,
            drift: 0.0,
            born_ms: t_ms,
            lit_before_s: 0.0,
            frames: 0,
            salient_frames: 0,
            found_priority: 0.0,
            best_score: 0.0,
            lit_checked: 0,
            lit_no_light: 0,
            visible_frames: 0,
            adding_frames: 0,
            gap: None,
            sums: Sums::default(),
            map: ResponseMap::default(),
            side,
            pending_shift: (0.0, 0.0),
        }
    }

    /// Adds the scales a light `size_px` across needs that this tracker lacks: a light found
    /// small (the first glimmer of a close LED, or its rim) may switch on again much larger, and
    /// at scales smaller than its core it is a flat clipped patch whose own glow lights the ring
    /// around it, so it shows no light there.
    pub fn widen(&mut self, size_px: usize) {
        for &half in SCALES.iter().filter(|&&h| scale_fits(h, size_px)) {
            if !self.scales.iter().any(|s| s.kernel.half == half) {
                // SCALES is ascending and a tracker's scales are a prefix of it: pushing keeps
                // the largest last.
                self.scales.push(Scale { kernel: Kernel { half }, ..Scale::default() });
            }
        }
    }

    /// The samples of the scale read out.
    pub fn samples(&self) -> &[Sample] {
        &self.combined.samples
    }

    /// When, and how bright the light's surroundings were, at the scale read out.
    pub fn surrounds(&self) -> &[(f64, [f32; 3])] {
        &self.combined.surrounds
    }

    pub fn sorted_levels(&self) -> &SortedLevels {
        &self.combined.sorted
    }

    pub fn kernel(&self) -> Kernel {
        self.scales[self.last_scale].kernel
    }

    /// Takes in the lit intervals the judge reads at this frame; returns every span so far in
    /// which a frame re-cut the intervals read before it.
    pub fn note_cut(&mut self, now: &[OnInterval]) -> &[(f64, f64)] {
        let changed = recut(&self.read_before, now);
        self.recut_spans.extend(changed);
        self.read_before.clear();
        // An interval still open may yet close or split where its colour changes: only closed
        // ones have been read.
        self.read_before.extend(now.iter().filter(|i| !i.open).map(|i| (i.start, i.end)));
        &self.recut_spans
    }

    /// The lit intervals so far, in seconds after `origin_ms`, at the scale read out.
    pub fn intervals(&self, origin_ms: f64) -> Vec<OnInterval> {
        segment_sorted(&self.combined.samples, &self.combined.sorted, origin_ms)
    }

    /// How far around its place the light is searched at `t_ms`: its shake, how far the motion
    /// of its surroundings carried it since it was last lit, and the drift the phone may have
    /// made since then.
    pub fn reach_at(&self, t_ms: f64) -> usize {
        let off_s = ((t_ms - self.last_lit_ms) / 1000.0).max(0.0) as f32;
        let sway = self.sway_px * (off_s / SWAY_RISE_S).min(1.0);
        (self.lit_reach + (sway + self.carried.0.hypot(self.carried.1)).round() as usize).min(self.reach_max)
    }

    pub fn reach(&self) -> usize {
        self.lit_reach
    }

    /// How far (camera pixels) its place may move from where it was last seen flashing and still
    /// be the light's: its own shake, or a hand's sway while it was off, whichever is larger.
    pub fn holds_within(&self) -> f32 {
        (self.lit_reach as f32).max(self.sway_px)
    }

    /// The camera rectangle the tracker needs read at full resolution for a frame at `t_ms`.
    pub fn wanted(&self, t_ms: f64, camera_w: usize, camera_h: usize) -> Rect {
        let largest = self.scales.last().map(|s| s.kernel).unwrap_or(Kernel { half: 0 });
        let (mx, my) = (self.x + 0.5 * self.carried.0, self.y + 0.5 * self.carried.1);
        let half_way = (0.5 * self.carried.0.hypot(self.carried.1)).ceil() as usize;
        let radius = self.reach_at(t_ms).saturating_sub(2 * half_way).max(REACH_MIN);
        // The far test reads beyond the ring of the largest box.
        let light = Rect::around(mx, my, radius + half_way + far_extent(largest) + 1, camera_w, camera_h);
        // The light's place while off is kept a little wider than the far test reads.
        let off = Rect::around(self.x, self.y, far_extent(largest) + OFF_PICTURE_MARGIN, camera_w, camera_h);
        light.union(&off)
    }

    /// This frame could not be measured: the next sample follows a gap of this kind.
    pub fn skip(&mut self, why: SampleGap) {
        self.gap = Some(self.gap.map_or(why, |g| g.max(why)));
    }

    /// Takes in how far the middle of the picture moved since the last frame (`global`): the
    /// light may have moved with it (its device shook with the picture) or not (what moved was
    /// what is behind the device), so until it is seen lit again the search covers both.
    /// (Estimates of a light's own motion from the texture around it, tried on realistic video,
    /// followed it no better than this: the device is small beside what is behind it.)
    pub fn follow(&mut self, _view: &View, global: (f32, f32)) {
        if global.0.is_finite() && global.1.is_finite() {
            self.picture_offset = (self.picture_offset.0 + global.0, self.picture_offset.1 + global.1);
            let (x, y) = (self.carried.0 + global.0, self.carried.1 + global.1);
            let most = self.reach_max as f32;
            let len = x.hypot(y);
            self.carried = if len > most { (x * most / len, y * most / len) } else { (x, y) };
        }
    }

    /// The light was found (dx, dy) camera pixels from where it was: what each position showed
    /// while it was off moves with it, as its device did. (Where it was seen, in the picture,
    /// stays where it was seen: how far it travels while lit is judged on those.)
    fn moved(&mut self, dx: f32, dy: f32) {
        if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
            return;
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
        for s in &mut self.scales {
            if let Some(map) = s.reference.as_mut() {
                match (moved(map.x0, sx), moved(map.y0, sy)) {
                    (Some(x), Some(y)) => (map.x0, map.y0) = (x, y),
                    _ => s.reference = None,
                }
            }
        }
    }

    /// Measures the light in this frame's pixels at every scale; returns the sample taken at the
    /// scale read out, if any.
    /// `others` are where the other lights being watched sit: a place nearer one of them than
    /// this light's own is that light, not this one (the Sync Module's two lights sit a few
    /// pixels apart).
    pub fn update(&mut self, view: &View, others: &[(f32, f32)]) -> Option<Sample> {
        let t = view.t_ms;
        let (w, h) = (view.geometry.camera_w, view.geometry.camera_h);
        let Some(window) = self.window_in(view, w, h) else {
            self.skip(SampleGap::Missing);
            return None;
        };
        let reach = self.reach_at(t);
        let gap = self.gap.take();
        let mut measured = false;
        // Where each scale saw the light lit, and how plainly (its rise over its noise).
        let mut lit_at: Vec<Option<(usize, usize, f32)>> = vec![None; self.scales.len()];
        for k in 0..self.scales.len() {
            let Some(r) = self.read(&window, k, reach, others) else { continue };
            measured = true;
            let s = &mut self.scales[k];
            let lit = s.is_lit(r.level);
            let sample = Sample { gap, ..Sample::new(t, r.level, r.colour) };
            let off = s.is_off(r.level);
            let plainly = s.stats().map(|(low, _, noise)| (r.level - low) / noise.max(0.5)).unwrap_or(0.0);
            s.last = Some((r, lit));
            s.samples.push(sample);
            s.sorted.insert(sample.level);
            s.surrounds.push((t, r.surround));
            if off {
                // While the light is off, what every place shows is what it shows without it.
                let mut reference = s.reference.take().unwrap_or_default();
                self.map.dilated(REFERENCE_SHAKE_PX, &mut reference);
                s.reference = Some(reference);
            }
            if lit {
                lit_at[k] = Some((r.x, r.y, plainly));
            }
        }
        if !measured {
            self.skip(gap.map_or(SampleGap::Missing, |g| g.max(SampleGap::Missing)));
            return None;
        }
        let strongest = (0..self.scales.len())
            .filter(|&k| self.scales[k].samples.last().is_some_and(|x| x.t_ms == t))
            .max_by(|&a, &b| self.scales[a].samples.last().map(|x| x.level).unwrap_or(0.0).total_cmp(&self.scales[b].samples.last().map(|x| x.level).unwrap_or(0.0)));
        // Whether the light, as read out, is lit in this frame.
        let mut lit_now = false;
        if let Some(k) = strongest {
            self.last_scale = k;
            let (sample, surround) = (self.scales[k].samples.last().copied(), self.scales[k].surrounds.last().copied());
            let at = self.scales[k].last.map(|(r, _)| (r.x, r.y));
            if let (Some(mut sample), Some(surround)) = (sample, surround) {
                // A gap before this frame is the tracker's, whichever scale reads it.
                sample.gap = sample.gap.or(gap);
                // A light whose core clips shows its colour only in its glow, and against a ring
                // inside that glow the channel that fills first cannot show its rise (a blue LED
                // reads green against its own blue glow): its colour is read at the largest scale
                // that still sees it lit, whose ring lies beyond the glow.
                // Only a reading of this light: centred within the read-out box, not on a light
                // beside it (the Sync Module's other light, which a large box also takes in). Not
                // for a light the person tapped, which may be white: a larger box's colour comes
                // from its coloured pixels only, which around a white light are the tints of
                // what is behind it.
                let coloured = self.origin != Origin::Tapped;
                if let Some((x, y)) = at.filter(|&(x, y)| coloured && window.rect.contains(x as f32, y as f32) && window.pixel(x, y).iter().any(|&v| v >= CLIPPED)) {
                    let own = self.scales[k].kernel.half;
                    let lit_larger = self.scales[k + 1..].iter().rev().find_map(|s| s.last.filter(|&(r, lit)| lit && r.x.abs_diff(x).max(r.y.abs_diff(y)) <= own && s.samples.last().is_some_and(|x| x.t_ms == t)));
                    if let Some((r, _)) = lit_larger {
                        sample.colour = r.colour;
                    }
                }
                // Better still, what it adds over its own place while off, where that is known
                // (the glow tints the ring around it in its colour, however large the ring).
                let (mut checked, mut unexplained) = (false, false);
                if let Some(over) = at.and_then(|(x, y)| self.over_off(&window, x, y, self.scales[k].kernel)) {
                    if let Some(colour) = over.colour {
                        sample.colour = colour;
                    }
                    (checked, unexplained) = (true, over.no_light);
                }
                if self.combined.is_off(sample.level) {
                    self.remember_off_picture(&window);
                }
                // A switch the picture explains otherwise is no switch seen: as it goes off, the
                // light travelled further while lit than the hand sways it (it was carried off,
                // a car or a person passing, not switched off).
                let lit = self.combined.is_lit(sample.level);
                if lit && checked {
                    self.lit_checked += 1;
                    self.lit_no_light += u32::from(unexplained);
                }
                lit_now = lit;
                if let Some(r) = self.scales[k].last.map(|(r, _)| r) {
                    let travel = TRAVEL_SHARE * self.side + 2.0 * self.jitter_sq.sqrt();
                    let was_lit = self.combined.last.is_some_and(|(_, was)| was);
                    if was_lit && !lit && self.carried_off(travel) {
                        sample.gap = Some(SampleGap::Disturbed);
                    }
                    if r.level >= MIN_AMPLITUDE {
                        self.visible_frames += 1;
                        self.adding_frames += u32::from(r.adds);
                    }
                    if lit {
                        if !was_lit {
                            self.lit_track.clear();
                        }
                        self.lit_track.push_back((t, r.x as f32, r.y as f32, self.picture_offset));
                        while self.lit_track.front().is_some_and(|f| (t - f.0) / 1000.0 > TRAVEL_WINDOW_S) {
                            self.lit_track.pop_front();
                        }
                    }
                    self.combined.last = Some((r, lit));
                }
                self.combined.samples.push(sample);
                self.combined.sorted.insert(sample.level);
                self.combined.surrounds.push(surround);
            }
        }
        self.choose_scale();
        // Only a light plainly lit moves the place (following the noise of a place where nothing
        // is lit would walk the tracker onto whatever passes), at the scale that sees it most
        // plainly in this frame: a scale a few pixels off the light sees little of it, a larger
        // one still sees it whole and brings the place back.
        // A scale that sees little of the light (one pixel in a noisy picture) may find its own
        // noise "lit" while the light is off: only while the read-out sees it lit.
        if let Some((x, y, _)) = lit_at.iter().flatten().copied().filter(|_| lit_now).max_by(|a, b| a.2.total_cmp(&b.2)) {
            self.follow_lit(x as f32, y as f32, t);
        }
        let place = (self.x, self.y);
        if let Some(last) = self.combined.samples.last_mut().filter(|s| s.t_ms == t) {
            last.place = place;
        }
        self.combined.samples.last().copied()
    }

    /// Whether the light, as it went off, had been moving across the picture (beyond the
    /// picture's own motion) by more than `travel` pixels in its last TRAVEL_WINDOW_S lit: then
    /// it was carried off (a car, a person passing), not switched off. A status light is still
    /// on its device when it goes off.
    fn carried_off(&self, travel: f32) -> bool {
        let (Some(first), Some(last)) = (self.lit_track.front(), self.lit_track.back()) else { return false };
        // It must have moved both across the picture and against the picture's motion: the
        // estimate of that motion can be wrong (flicker bands rolling through a plain picture
        // look like motion), and a light that stayed put in the picture was not carried off.
        let (sx, sy) = (last.1 - first.1, last.2 - first.2);
        let (dx, dy) = (sx - (last.3 .0 - first.3 .0), sy - (last.3 .1 - first.3 .1));
        dx.hypot(dy).min(sx.hypot(sy)) > travel
    }

    /// Keeps the pixels around the light's place as what it looks like while the light is off.
    fn remember_off_picture(&mut self, window: &Window) {
        let (w, h) = (window.rect.right(), window.rect.bottom());
        // It covers where the light may be read next: anywhere within its reach.
        let half = self.scales.last().map(|s| far_extent(s.kernel)).unwrap_or(1) + OFF_PICTURE_MARGIN + self.lit_reach;
        // What the window holds of it (the window is read around the light, so it holds the
        // place itself; near the frame's edge or with a short reach, not all of the square).
        let r = Rect::around(self.x, self.y, half, w, h);
        let (x0, y0) = (r.x.max(window.rect.x), r.y.max(window.rect.y));
        let rect = Rect { x: x0, y: y0, w: r.right().saturating_sub(x0), h: r.bottom().saturating_sub(y0) };
        if rect.is_empty() || !window.rect.contains(self.x, self.y) {
            return;
        }
        let mut rgba = self.off_picture.take().map(|o| o.rgba).unwrap_or_default();
        rgba.clear();
        for y in rect.y..rect.bottom() {
            let start = ((y - window.rect.y) * window.rect.w + (rect.x - window.rect.x)) * 4;
            rgba.extend_from_slice(&window.rgba[start..start + rect.w * 4]);
        }
        self.off_picture = Some(OffPicture { rect, rgba, at: (self.x, self.y), offset: self.picture_offset });
    }

    /// The window of `view` to measure the light in: the one covering all the searched places, or
    /// near the frame's edge, where that rectangle does not exist, any window holding the place
    /// (the search is cut to what it holds).
    fn window_in<'a>(&self, view: &View<'a>, w: usize, h: usize) -> Option<Window<'a>> {
        view.covering(&self.wanted(view.t_ms, w, h)).or_else(|| view.windows.iter().copied().find(|win| win.rect.contains(self.x, self.y)))
    }

    /// Sets `middle` from this frame when the read-out saw the light lit in it. Only the light
    /// shown to the person needs it, so the reader asks for that one alone (it scans a square
    /// of four read-out reaches a side).
    pub fn find_middle(&mut self, view: &View) {
        let measured_now = self.combined.samples.last().is_some_and(|s| s.t_ms == view.t_ms);
        if !(measured_now && self.combined.last.is_some_and(|(_, lit)| lit)) {
            return;
        }
        let (w, h) = (view.geometry.camera_w, view.geometry.camera_h);
        if let Some(window) = self.window_in(view, w, h) {
            self.middle = self.light_middle(&window);
        }
    }

    /// The middle of the clipped core nearest the light's place (within the read-out scale's
    /// reach), when that core is a bounded blob within twice that reach (a blooming LED's core,
    /// not a sunlit wall): where a person sees the light. None when nothing there is clipped or
    /// the clipped area runs on.
    fn light_middle(&self, window: &Window) -> Option<(f32, f32)> {
        // The read-out scale's reach: a small light's core is its own, not a lamp's beside it.
        let reach = self.scales.get(self.last_scale).map_or(1, |s| far_extent(s.kernel));
        let half = 2 * reach;
        let wr = window.rect;
        let r = Rect::around(self.x, self.y, half, wr.right(), wr.bottom());
        let (x0, y0) = (r.x.max(wr.x), r.y.max(wr.y));
        let r = Rect { x: x0, y: y0, w: r.right().min(wr.right()).saturating_sub(x0), h: r.bottom().min(wr.bottom()).saturating_sub(y0) };
        let (px, py) = (self.x.round() as usize, self.y.round() as usize);
        if r.is_empty() || !r.contains(self.x, self.y) || px >= r.right() || py >= r.bottom() {
            return None;
        }
        let clipped = |i: usize| {
            let (x, y) = (r.x + i % r.w, r.y + i / r.w);
            let at = ((y - wr.y) * wr.w + (x - wr.x)) * 4;
            window.rgba[at..at + 3].iter().any(|&v| v >= CLIPPED)
        };
        // The clipped pixel nearest the place (the kernel answers most at a large glow's rim,
        // outside its core).
        let d = |i: usize| ((r.x + i % r.w) as isize - px as isize).pow(2) + ((r.y + i / r.w) as isize - py as isize).pow(2);
        let start = (0..r.w * r.h).filter(|&i| clipped(i)).min_by_key(|&i| d(i))?;
        if d(start) > (reach * reach) as isize {
            return None;
        }
        let mut seen = vec![false; r.w * r.h];
        let (mut todo, mut sum, mut n) = (vec![start], (0.0f64, 0.0f64), 0.0f64);
        seen[start] = true;
        while let Some(i) = todo.pop() {
            let (c, row) = (i % r.w, i / r.w);
            // Touching the square's edge: a bright area larger than any light's core.
            if c == 0 || row == 0 || c + 1 == r.w || row + 1 == r.h {
                return None;
            }
            sum = (sum.0 + (r.x + c) as f64, sum.1 + (r.y + row) as f64);
            n += 1.0;
            for j in [i - 1, i + 1, i - r.w, i + r.w] {
                if !seen[j] && clipped(j) {
                    seen[j] = true;
                    todo.push(j);
                }
            }
        }
        Some(((sum.0 / n) as f32, (sum.1 / n) as f32))
    }

    /// What the light at (x, y), read at scale `k`, adds over the same place while it was off.
    /// The off picture is laid over the present one at the alignment that best matches the band
    /// around the light (OFF_BAND_PX outside its gap box): the light's own move since (a shaking
    /// device), the picture's (a pan), or none (nothing moved: a light that only seems to have
    /// moved because its measurement slid over a fixed pattern). None without an off picture
    /// covering the place.
    fn over_off(&self, window: &Window, x: usize, y: usize, k: Kernel) -> Option<OverOff> {
        let off = self.off_picture.as_ref()?;
        let (inner, band) = (k.inner(), k.inner() + OFF_BAND_PX);
        let area = Rect { x: x.checked_sub(band)?, y: y.checked_sub(band)?, w: 2 * band + 1, h: 2 * band + 1 };
        if !window.rect.covers(&area) {
            return None;
        }
        let in_box = |xx: usize, yy: usize, half: usize| xx.abs_diff(x) <= half && yy.abs_diff(y) <= half;
        let round = |v: f32| v.round() as isize;
        let shifts = [
            (round(self.x - off.at.0), round(self.y - off.at.1)),
            (round(self.picture_offset.0 - off.offset.0), round(self.picture_offset.1 - off.offset.1)),
            (0, 0),
        ];
        // The band's mean change (signed, per channel) and mean absolute change at one alignment;
        // None when the off picture holds too little of the band there.
        let band_change = |shift: (isize, isize)| -> Option<([f32; 3], f32)> {
            let (mut sum, mut abs, mut n, mut all) = ([0f32; 3], 0f32, 0usize, 0usize);
            for change in band_changes(window, off, area, (x, y, inner), shift) {
                all += 1;
                let Some(d) = change else { continue };
                for c in 0..3 {
                    sum[c] += d[c];
                    abs += d[c].abs();
                }
                n += 1;
            }
            (2 * n >= all && n > 0).then(|| (sum.map(|v| v / n as f32), abs / n as f32))
        };
        // Often two or all three are the same (a still picture, a light that has not moved):
        // each alignment is compared once.
        let (shift, (around_change, _)) = shifts
            .iter()
            .enumerate()
            .filter(|&(i, s)| !shifts[..i].contains(s))
            .filter_map(|(_, &s)| band_change(s).map(|c| (s, c)))
            .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))?;
        let (mut centre, mut before_centre, mut n, mut still) = ([0f32; 3], [0f32; 3], 0usize, 0f32);
        let (mut colour, mut gained) = ([0f32; 3], false);
        for yy in y - inner..=y + inner {
            for xx in x - inner..=x + inner {
                let Some(before) = off.pixel(xx, yy, shift) else { continue };
                let now = window.pixel(xx, yy);
                let d = [0, 1, 2].map(|c| now[c] as f32 - before[c] as f32);
                if in_box(xx, yy, k.half) {
                    n += 1;
                    if let Some(same_place) = off.pixel(xx, yy, (0, 0)) {
                        still += (0..3).map(|c| (now[c] as f32 - same_place[c] as f32).abs()).fold(0.0, f32::max);
                    }
                    for c in 0..3 {
                        centre[c] += d[c];
                        before_centre[c] += before[c] as f32;
                    }
                }
                if now.iter().any(|&v| v >= spot::CLIPPED) {
                    continue;
                }
                if spot::light_of(d, before[0].max(before[1]).max(before[2]) as f32) > 0.0 {
                    gained = true;
                    for c in 0..3 {
                        colour[c] += d[c];
                    }
                }
            }
        }
        // Most of the centre must be in the off picture for its gain to be known.
        if 2 * n < (2 * k.half + 1).pow(2) {
            return None;
        }
        let n = n as f32;
        let gain = [0, 1, 2].map(|c| centre[c] / n - around_change[c]);
        let around = before_centre.iter().fold(0f32, |m, &v| m.max(v / n));
        let nothing_added = spot::added_light_of(gain, around) == 0.0;
        let rise = centre.map(|v| v / n);
        // Every channel of the place itself fell by more than noise: something bright went away
        // there. Even on a surface with no headroom, a light coming on keeps its own channel.
        let went_dark = rise.iter().all(|&v| v < -STILL_CHANGE);
        let no_light = still / n <= STILL_CHANGE || nothing_added || went_dark || !risen_itself(rise, gain) || ring_as_bright(band_changes(window, off, area, (x, y, inner), shift), rise)
            || far_as_bright(window, off, (x, y), k, shift, rise);
        Some(OverOff { colour: gained.then_some(colour), no_light })
    }

    /// The strongest light at scale `k` around the place that was not there while the light was
    /// off, with its colour.
    fn read(&mut self, window: &Window, k: usize, reach: usize, others: &[(f32, f32)]) -> Option<SpotReading> {
        let kernel = self.scales[k].kernel;
        // A status light adds coloured light: a grey glint or edge beside it is not it (unless the
        // person tapped it, which may be any light).
        let coloured = self.origin != Origin::Tapped;
        let (mx, my) = (self.x + 0.5 * self.carried.0, self.y + 0.5 * self.carried.1);
        let half_way = (0.5 * self.carried.0.hypot(self.carried.1)).ceil() as usize;
        if !spot::responses(window, &mut self.sums, kernel, mx, my, reach.saturating_sub(half_way).max(REACH_MIN) + half_way, coloured, &mut self.map) {
            return None;
        }
        let reference = self.scales[k].reference.as_ref();
        // The light is where it was, or where the picture's motion carried it: the search covers
        // the way between the two, widened by its own shake and the drift allowed while off.
        let (ax, ay) = (self.x, self.y);
        let (bx, by) = (self.x + self.carried.0, self.y + self.carried.1);
        let radius = reach.saturating_sub(self.carried.0.hypot(self.carried.1).round() as usize).max(REACH_MIN) as f32;
        let near = |x: usize, y: usize| {
            let p = (x as f32, y as f32);
            let mine = distance_to_segment(p, (ax, ay), (bx, by));
            mine <= radius && others.iter().all(|&(ox, oy)| (p.0 - ox).hypot(p.1 - oy) > mine)
        };
        let (level, x, y, side) = spot::strongest_where(&self.map, reference, self.x, self.y, near)?;
        let surround = spot::side_mean(&self.sums, kernel, x, y, side);
        let adds = spot::adds_over_ring(&self.sums, kernel, x, y);
        Some(SpotReading { level: level.max(0.0), colour: spot::added_colour(window, kernel, x, y, side), x, y, surround, adds })
    }

    /// Reads out the scale at which the light stands out most clearly; another scale takes over
    /// only when it is clearly better (its series replaces the old one as a whole, so flapping
    /// between two close scales would change the reading back and forth).
    fn choose_scale(&mut self) {
        let now = self.scales[self.best].clarity();
        let mut best = (self.best, now);
        for (k, s) in self.scales.iter().enumerate() {
            let c = s.clarity();
            if c > best.1 {
                best = (k, c);
            }
        }
        if best.1 > SCALE_SWITCH * now {
            self.best = best.0;
        }
    }

    /// Moves the resting place to a lit position and learns how much the light shakes.
    fn follow_lit(&mut self, x: f32, y: f32, t_ms: f64) {
        let first = *self.first_lit.get_or_insert((x, y));
        self.drift = self.drift.max((x - first.0).hypot(y - first.1));
        // How far it jumped beyond where the picture's motion would have carried it.
        let d_sq = (x - self.x - self.carried.0).powi(2).min((x - self.x).powi(2)) + (y - self.y - self.carried.1).powi(2).min((y - self.y).powi(2));
        self.lit_seen += 1;
        // One jump counts at most as far as a hand sways: a light found once far off (a glint,
        // its neighbour) must not widen the search for good.
        let d_sq = d_sq.min(4.0 * self.sway_px * self.sway_px);
        self.jitter_sq += (d_sq - self.jitter_sq) / self.lit_seen.min(20) as f32;
        self.moved(x - self.x, y - self.y);
        self.x = x;
        self.y = y;
        self.last_lit_ms = t_ms;
        self.carried = (0.0, 0.0);
        if self.lit_seen >= JITTER_SAMPLES {
            let need = (JITTER_REACH * self.jitter_sq.sqrt()).ceil() as usize + 1;
            self.lit_reach = need.clamp(REACH_MIN, self.reach_max);
        }
    }

    /// Whether the light has stayed in the part of the picture where it was first seen lit: a
    /// status light is fixed to the device the person holds the phone toward, so it moves in the
    /// picture only as far as their hand sways; a car or a person carrying a light crosses it.
    pub fn stays_put(&self) -> bool {
        self.drift <= STAY_SHARE * self.side
    }

    /// Whether most of the frames it was read lit in, where that could be checked, showed no
    /// light switched on at its place: a fixed pattern under a measurement that slid, text or a
    /// screen changing colour. A status light gains its light over its place every time.
    pub fn mostly_no_light(&self) -> bool {
        self.lit_checked >= NO_LIGHT_MIN_CHECKED && self.lit_no_light as f32 > NO_LIGHT_SHARE * self.lit_checked as f32
    }

    /// Whether most of the frames it was read with a visible light in showed its place as its
    /// ring plus light (ADDING_SHARE): a light's place is its surroundings plus light on every
    /// side, while a colour patch (a test card's bar, a sign) lacks some of the light of a
    /// surface it borders. What tells a steady light from a patch, which has no picture while
    /// off to compare with. False until a light has been read.
    pub fn adds_light(&self) -> bool {
        self.visible_frames > 0 && self.adding_frames as f32 >= ADDING_SHARE * self.visible_frames as f32
    }

    /// Whether at least one frame it was read lit in was seen to add light at its place (compared
    /// with its picture while off).
    pub fn light_shown(&self) -> bool {
        self.lit_checked > self.lit_no_light
    }

    /// Whether the light has been seen lit (so its place is known, not only proposed).
    pub fn seen_lit(&self) -> bool {
        self.lit_seen > 0
    }

    /// Whether this tracker watches the light at (x, y).
    pub fn same_light(&self, x: f32, y: f32) -> bool {
        let near = (self.kernel().inner() as f32).max(3.0);
        (self.x - x).abs() <= near && (self.y - y).abs() <= near
    }
}

/// Whether a centre of half-size `half` fits a light `size_px` across (the smallest always does).
fn scale_fits(half: usize, size_px: usize) -> bool {
    half == SCALES[0] || 2 * half + 1 <= size_px.saturating_add(2)
}

/// The distance from point p to the segment from a to b.
fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len_sq = dx * dx + dy * dy;
    let u = if len_sq > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len_sq).clamp(0.0, 1.0) } else { 0.0 };
    (p.0 - a.0 - u * dx).hypot(p.1 - a.1 - u * dy)
}

/// Developer traces in words (the examples' debugging aids): built only for native tools,
/// never into the app's wasm, whose words come from the UI's catalogue.
#[cfg(not(target_arch = "wasm32"))]
impl Tracker {
    /// Every scale's last level and the search reach, in words, for debugging tools.
    pub fn describe_scales(&self, t_ms: f64) -> String {
        let levels: Vec<String> = self
            .scales
            .iter()
            .map(|s| format!("k{}:{:.0}{}", s.kernel.half, s.samples.last().map(|x| x.level).unwrap_or(-1.0), if s.reference.is_some() { "r" } else { "" }))
            .collect();
        format!("reach {} jit {:.1}/{} carried {:.0} best k{} [{}]", self.reach_at(t_ms), self.jitter_sq.sqrt(), self.lit_seen, self.carried.0.hypot(self.carried.1), self.kernel().half, levels.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::{far_as_bright, risen_itself, Kernel, OffPicture, Origin, Rect, Tracker, Window};

    /// A blooming light: a clipped disc of radius 20 around (100, 100) in a dark picture, and the
    /// tracker's place on its glow's rim, 29 px above. The light is shown at the disc's middle;
    /// with the disc too far from the place for the read-out scale, or with the clipped area
    /// running past the searched square (a sunlit wall), at the place itself (None).
    #[test]
    fn a_blooming_light_is_shown_at_its_core_not_at_its_rim() {
        let disc = |cx: f32, cy: f32, r: f32| move |x: usize, y: usize| if (x as f32 - cx).hypot(y as f32 - cy) <= r { [255, 120, 110] } else { [20, 20, 20] };
        let mut t = Tracker::new(Origin::Switched, 100.0, 71.0, 2, 99, 0.0, 200, 200);
        t.last_scale = t.scales.len() - 1;
        let (rect, rgba) = picture(disc(100.0, 100.0, 20.0));
        let (x, y) = t.light_middle(&Window::new(rect, &rgba).expect("window")).expect("a core");
        assert!((x - 100.0).abs() < 0.5 && (y - 100.0).abs() < 0.5, "({x}, {y})");
        // Read out at the smallest scale, the core 9 px away is not the light's.
        t.last_scale = 0;
        assert_eq!(t.light_middle(&Window::new(rect, &rgba).expect("window")), None);
        // A clipped area larger than the square searched: no middle.
        t.last_scale = t.scales.len() - 1;
        let (rect, rgba) = picture(disc(100.0, 160.0, 150.0));
        assert_eq!(t.light_middle(&Window::new(rect, &rgba).expect("window")), None);
    }

    /// A light found small and then seen switching on larger is measured at the larger scales
    /// too: each scale once, in ascending order (the last is taken as the largest).
    #[test]
    fn a_tracker_widens_to_a_larger_light_keeping_its_scales_in_order() {
        let mut t = Tracker::new(Origin::Switched, 100.0, 100.0, 2, 3, 0.0, 200, 200);
        let halves = |t: &Tracker| t.scales.iter().map(|s| s.kernel.half).collect::<Vec<_>>();
        assert_eq!(halves(&t), [0, 1, 2]);
        t.widen(20);
        assert_eq!(halves(&t), [0, 1, 2, 4, 8]);
        t.widen(5);
        assert_eq!(halves(&t), [0, 1, 2, 4, 8]);
    }

    /// A 200 x 200 picture (RGBA) painted by `paint`, as a window and as an off picture.
    fn picture(paint: impl Fn(usize, usize) -> [u8; 3]) -> (Rect, Vec<u8>) {
        let rect = Rect { x: 0, y: 0, w: 200, h: 200 };
        let mut rgba = Vec::with_capacity(200 * 200 * 4);
        for y in 0..200 {
            for x in 0..200 {
                let [r, g, b] = paint(x, y);
                rgba.extend_from_slice(&[r, g, b, 255]);
            }
        }
        (rect, rgba)
    }

    /// Whether the place (100, 100), read at scale `half`, is judged part of something larger
    /// by the far test, the place having been `before` while off and `after` now.
    fn far(before: impl Fn(usize, usize) -> [u8; 3], after: impl Fn(usize, usize) -> [u8; 3], half: usize) -> bool {
        let (rect, off_rgba) = picture(before);
        let (_, now_rgba) = picture(after);
        let off = OffPicture { rect, rgba: off_rgba, at: (100.0, 100.0), offset: (0.0, 0.0) };
        let window = Window { rect, rgba: &now_rgba };
        let k = Kernel { half };
        let n = ((2 * half + 1) * (2 * half + 1)) as f32;
        let mut rise = [0f32; 3];
        for y in 100 - half..=100 + half {
            for x in 100 - half..=100 + half {
                let (a, b) = (window.pixel(x, y), off.pixel(x, y, (0, 0)).expect("held"));
                for c in 0..3 {
                    rise[c] += (a[c] as f32 - b[c] as f32) / n;
                }
            }
        }
        far_as_bright(&window, &off, (100, 100), k, (0, 0), rise)
    }

    /// (what appeared, at which scale it is read, whether the far test calls it part of
    /// something larger). A point light's glow has faded beyond its ring; a shape's
    /// inside or edge is as bright there as at the place read.
    #[test]
    fn a_point_light_is_no_larger_shape_but_a_disc_or_an_edge_is() {
        let dark = |_: usize, _: usize| [20u8, 30, 20];
        let dist = |x: usize, y: usize, cx: f32, cy: f32| (x as f32 - cx).hypot(y as f32 - cy);
        // A green LED: a 3 px core with a glow halving every 1.5 px.
        let led = |x: usize, y: usize| {
            let d = dist(x, y, 100.0, 100.0);
            let add = if d <= 1.5 { 180.0 } else { 180.0 * 0.5f32.powf((d - 1.5) / 1.5) };
            [20, (30.0 + add).min(255.0) as u8, (20.0 + 0.3 * add) as u8]
        };
        let lighter = [73u8, 254, 22];
        // Chromium's fake camera: a lighter green disc 360 px across; the place on its rim.
        let disc = move |x: usize, y: usize| if dist(x, y, 100.0 + 178.0, 100.0) < 180.0 { lighter } else { [0, 134, 0] };
        let green = |_: usize, _: usize| [0u8, 134, 0];
        // A straight edge through the place: everything left of x = 101 lit.
        let edge = move |x: usize, _: usize| if x <= 101 { lighter } else { [0, 134, 0] };
        let table: [(&str, &dyn Fn(usize, usize) -> [u8; 3], &dyn Fn(usize, usize) -> [u8; 3], usize, bool); 6] = [
            ("an LED at 1 px", &dark, &led, 0, false),
            ("an LED at 3 px", &dark, &led, 1, false),
            ("an LED at 5 px", &dark, &led, 2, false),
            ("a disc's rim at 1 px", &green, &disc, 0, true),
            ("a disc's rim at 5 px", &green, &disc, 2, true),
            ("an edge at 3 px", &green, &edge, 1, true),
        ];
        for (what, before, after, half, larger) in table {
            assert_eq!(far(before, after, half), larger, "{what}");
        }
    }

    /// (centre's own change since off, its gain over its band, whether it brightened itself)
    #[test]
    fn a_light_brightens_its_own_place() {
        let table: [([f32; 3], [f32; 3], bool); 5] = [
            // A red LED on a still housing: all its gain is its own rise.
            ([120.0, 10.0, 5.0], [118.0, 9.0, 5.0], true),
            // The same LED while the exposure steps down a little around it.
            ([100.0, -5.0, -8.0], [118.0, 9.0, 5.0], true),
            // Nothing changed at the place; its surroundings darkened (a large shape went away).
            ([0.6, 0.0, 0.2], [38.0, 63.0, 11.0], false),
            // It rose, but by a small part of its gain: mostly the surroundings darkening.
            ([10.0, 16.0, 3.0], [52.0, 85.0, 16.0], false),
            // No gain at all: nothing to explain.
            ([3.0, 2.0, 1.0], [0.0, 0.0, 0.0], true),
        ];
        for (rise, gain, own) in table {
            assert_eq!(risen_itself(rise, gain), own, "rise {rise:?}, gain {gain:?}");
        }
    }
}
