//! The LED reader: feed it camera frames, it finds the lights, watches each one at the camera's
//! resolution, and says what pattern the status light shows (and which other lights the device
//! shows beside it).
//!
//! Per frame: the finders (cells + locator, over the reduced whole frame and over the aiming
//! window at full resolution) propose places where a compact light switched on in an LED colour,
//! or stays lit; each such place gets a tracker; every tracker measures its light; the scene
//! watch drops frames where the whole picture changed; and the tracker with the most evidence of
//! being a status light is read.
use super::cells::{CellPass, CellPlanes, CellStat, Grid};
use super::frame::Frame;
use super::locate::{Locator, Sighting};
use super::measure::{classify, hue_apart, SampleGap, SAME_LIGHT_HUE_DEG};
use super::pattern::{recognise, Verdict, Waiting};
use super::scene::{SceneChange, SceneWatch};
use super::segment::{levels, OnInterval, MIN_AMPLITUDE};
use super::tracker::{Origin, Tracker};
use super::view::{CameraFrame, Geometry, Rect, View};
use crate::led::{LedColour, LedEvidence, OtherLight, PatternKind};

/// The longest the reader watches before deciding with what it has.
pub const MAX_WATCH_S: f64 = 20.0;
/// Without any light seen for this long, the reading is "no light".
const NOTHING_S: f64 = 6.0;
/// Lights watched at once: a status light, a second light beside it, and a few places that
/// may turn out to be nothing.
const MAX_TRACKERS: usize = 6;
/// Candidates of each sighting taken from a finder per frame.
const CANDIDATES: usize = 3;
/// A place being watched is not given up for another before this many seconds: it measures at
/// every scale for its first half second, and a light found as it switched on has shown its
/// flash by then.
const PROBATION_S: f64 = 1.5;
/// After a cut, frames in this window are not measured: the phone's exposure, white balance and
/// noise reduction take a few frames to settle on the new picture.
const CUT_SETTLE_S: f64 = 0.2;
/// A second light belongs to the same device when it is this close (share of the frame's larger
/// side): the Sync Module's lights sit side by side.
const NEAR_SHARE: f32 = 0.15;
/// When the status light is decided, a second light still being judged is waited for this long.
const SECOND_LIGHT_WAIT_S: f64 = 2.0;
/// A light must have been watched this long, lit throughout, to be reported as steady beside the
/// status light.
const SECOND_STEADY_S: f64 = 1.5;
/// When the next frame is expected after the last (ms), for the rectangles asked for it: about a
/// frame at 30 fps (a light's search widens slowly with time, so a late frame matters little).
const NEXT_FRAME_MS: f64 = 33.0;

/// Why the LED could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotFound {
    TooDark,
    Saturated,
    NothingChanging,
}

impl NotFound {
    pub fn id(self) -> &'static str {
        match self {
            NotFound::TooDark => "too-dark",
            NotFound::Saturated => "saturated",
            NotFound::NothingChanging => "nothing-changing",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// No light yet; `hint` says why when there is a reason to.
    Searching { hint: Option<NotFound> },
    /// A light found, pattern not decided yet.
    Watching { flashes: u32, waiting: Waiting },
    /// The reading is over.
    Done(LedEvidence),
}

/// What the reader says after each frame: enough for the live chart and the progress line.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub status: Status,
    /// The status light's level in this frame, 0 (darkest seen) .. 1 (brightest seen).
    pub level: Option<f32>,
    pub lit: bool,
    pub colour: Option<LedColour>,
    /// The status light's position as fractions of the frame (x, y), when found.
    pub led_at: Option<(f32, f32)>,
    pub elapsed_s: f64,
}

/// A finder over one picture: the reduced whole frame, or the aiming window at full resolution.
struct Finder {
    grid: Grid,
    pass: CellPass,
    stats: Vec<CellStat>,
    locator: Locator,
    /// Camera pixel of the picture's top-left corner, and camera pixels per picture pixel.
    origin: (usize, usize),
    scale: usize,
}

impl Finder {
    fn new(width: usize, height: usize, origin: (usize, usize), scale: usize, camera_side: usize) -> Finder {
        let grid = Grid::for_frame(width, height);
        let locator = Locator::new(grid, camera_side, grid.cell * scale);
        Finder { grid, pass: CellPass::default(), stats: Vec::new(), locator, origin, scale }
    }

    fn run(&mut self, frame: &Frame, dt_s: f32) {
        if frame.width != self.grid.frame_w || frame.height != self.grid.frame_h {
            return;
        }
        self.pass.run(frame, &self.grid, &mut self.stats);
        self.locator.update(self.pass.planes(), dt_s);
    }

    fn planes(&self) -> &CellPlanes {
        self.pass.planes()
    }

    /// A cell's middle in camera pixels.
    fn camera_point(&self, cx: usize, cy: usize) -> (f32, f32) {
        let (x, y) = self.grid.centre(cx, cy);
        (self.origin.0 as f32 + x * self.scale as f32, self.origin.1 as f32 + y * self.scale as f32)
    }
}

/// Places watched (something switched or shone there) at which a reading of "no light" is half
/// as sure as in a picture where nothing changed.
const BUSY_PLACES: f64 = 4.0;
/// How sure a steady reading can be at most, against a switching one: a lit spot that never
/// switched may be a lamp, a sign or the other light of two. It leaves a steady reading below the
/// app's "unsure" line (led::UNSURE_BELOW), so the answers weigh as much as the light.
const STEADY_CERTAINTY: f64 = 0.7;
/// How far (share of the light's own rise) its surroundings may brighten with it, as its glow
/// and a blooming lens spread it, before the switch looks like more than a light switching.
const GLOW_SHARE: f64 = 0.3;
/// How much the spread of the flashes' brightness (standard deviation over mean) lowers the
/// confidence: flashes 20 % apart in brightness cost a fifth.
const FLASH_SPREAD_WEIGHT: f64 = 1.0;

pub struct LedReader {
    geometry: Option<Geometry>,
    overview: Option<Finder>,
    aim: Option<Finder>,
    scene: SceneWatch,
    trackers: Vec<Tracker>,
    /// The tracker read as the status light, by index into `trackers`.
    main: Option<usize>,
    /// The user's tap, as frame fractions: overrides the search.
    pinned: Option<(f32, f32)>,
    start_ms: Option<f64>,
    last_ms: Option<f64>,
    /// Frames up to this time are not measured (a cut is settling).
    settle_until_ms: f64,
    /// When the status light's own pattern was decided (waiting for a second light).
    decided_at_ms: Option<f64>,
    done: Option<LedEvidence>,
    /// How many places have been watched because something switched or shone there.
    watched_places: u32,
    cutter: CameraFrame,
    /// Frames ignored for bad timestamps or sizes.
    pub rejected_frames: u32,
}

impl Default for LedReader {
    fn default() -> Self {
        Self::new()
    }
}

impl LedReader {
    pub fn new() -> LedReader {
        LedReader {
            geometry: None,
            overview: None,
            aim: None,
            scene: SceneWatch::default(),
            trackers: Vec::new(),
            main: None,
            pinned: None,
            start_ms: None,
            last_ms: None,
            settle_until_ms: f64::MIN,
            decided_at_ms: None,
            done: None,
            watched_places: 0,
            cutter: CameraFrame::default(),
            rejected_frames: 0,
        }
    }

    /// The user tapped the light at (x, y), fractions of the frame: only that place is read.
    pub fn pin(&mut self, x: f32, y: f32) {
        if x.is_finite() && y.is_finite() {
            self.pinned = Some((x.clamp(0.0, 1.0), y.clamp(0.0, 1.0)));
            self.trackers.clear();
            self.main = None;
            self.done = None;
            self.decided_at_ms = None;
            if let (Some(g), Some(t)) = (self.geometry, self.last_ms) {
                self.pin_tracker(g, t);
            }
        }
    }

    fn pin_tracker(&mut self, g: Geometry, t_ms: f64) {
        if let Some((x, y)) = self.pinned {
            let (cx, cy) = (x * g.camera_w as f32, y * g.camera_h as f32);
            // A fingertip covers a few percent of the preview: search as widely as for shake.
            let precision = g.camera_w.max(g.camera_h) / 25;
            // Whatever the user tapped may be a light of any size.
            let any_size = usize::MAX / 4;
            self.trackers = vec![Tracker::new(Origin::Tapped, cx, cy, precision, any_size, t_ms, g.camera_w, g.camera_h)];
            self.main = Some(0);
        }
    }

    /// The locator over the reduced whole frame, for debugging tools.
    pub fn locator(&self) -> Option<&Locator> {
        self.overview.as_ref().map(|f| &f.locator)
    }

    /// The lights being watched: (x, y) in camera pixels, and whether it is the status light.
    pub fn lights(&self) -> Vec<(f32, f32, bool)> {
        self.trackers.iter().enumerate().map(|(i, t)| (t.x, t.y, Some(i) == self.main)).collect()
    }

    /// What the finder holds at camera position (x, y), in words, for debugging tools.
    pub fn describe_place(&self, x: f32, y: f32) -> String {
        let in_aim = self.geometry.and_then(|g| g.aim).is_some_and(|a| a.contains(x, y));
        let finder = if in_aim { self.aim.as_ref() } else { self.overview.as_ref() };
        let Some(f) = finder else { return String::new() };
        let (px, py) = ((x - f.origin.0 as f32) / f.scale as f32, (y - f.origin.1 as f32) / f.scale as f32);
        let (cx, cy) = f.grid.cell_at(px, py);
        format!("{}[{cx},{cy}] {}", if in_aim { "aim" } else { "overview" }, f.locator.describe_cell(cx, cy))
    }

    /// The finders' candidates in words, for debugging tools.
    pub fn describe_candidates(&self) -> String {
        let mut out = Vec::new();
        for (name, f) in [("aim", self.aim.as_ref()), ("overview", self.overview.as_ref())] {
            let Some(f) = f else { continue };
            for c in f.locator.candidates(CANDIDATES) {
                let (x, y) = f.camera_point(c.cx, c.cy);
                out.push(format!("{name}:{:?}@({x:.0},{y:.0}) s{:.2} e{} [{}]", c.sighting, c.score, c.extent, f.locator.describe_cell(c.cx, c.cy)));
            }
        }
        out.join(" | ")
    }

    /// The watched lights in words, for debugging tools.
    pub fn describe_lights(&self) -> String {
        let origin = self.start_ms.unwrap_or(0.0);
        self.trackers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let iv = self.readable(t, origin);
                let last = t.samples.last().map(|s| format!("{:.0} {:?}", s.level, classify(s.colour))).unwrap_or_default();
                format!(
                    "{}{:?}@({:.0},{:.0}) k{} r{} ev{:.2} n{} [{}]{}{}",
                    if Some(i) == self.main { "*" } else { "" },
                    t.origin,
                    t.x,
                    t.y,
                    t.kernel().half,
                    t.reach(),
                    self.evidence(t, &iv),
                    iv.len(),
                    last,
                    if t.stays_put() { "" } else { " moved" },
                    if self.geometry.is_some_and(|g| g.in_middle(t.x, t.y)) { " middle" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The decided reading, once there is one.
    pub fn result(&self) -> Option<&LedEvidence> {
        self.done.as_ref()
    }

    /// The status light's lit intervals so far (seconds since the first frame), for charts.
    pub fn intervals(&self) -> Vec<OnInterval> {
        self.main.and_then(|i| self.trackers.get(i)).map(|t| t.intervals(self.start_ms.unwrap_or(0.0))).unwrap_or_default()
    }

    /// The full-resolution rectangles to read from the next frame (camera pixels): the aiming
    /// window, and a window around each light watched outside it.
    pub fn wanted(&self) -> Vec<Rect> {
        let Some(g) = self.geometry else { return Vec::new() };
        let mut out: Vec<Rect> = g.aim.into_iter().collect();
        let next_ms = self.last_ms.unwrap_or(0.0) + NEXT_FRAME_MS;
        if g.reduce > 1 {
            for t in &self.trackers {
                let r = t.wanted(next_ms, g.camera_w, g.camera_h);
                if !out.iter().any(|o| o.covers(&r)) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Feeds one whole camera frame: cuts it into what the browser would read back (the reduced
    /// frame and the wanted rectangles) and reads that.
    pub fn push(&mut self, frame: &Frame) -> Progress {
        let geometry = Geometry::for_camera(frame.width, frame.height);
        let wanted = if self.geometry == Some(geometry) { self.wanted() } else { geometry.aim.into_iter().collect() };
        let mut cutter = std::mem::take(&mut self.cutter);
        let progress = cutter.cut(frame, &wanted, |view| self.push_view(view));
        self.cutter = cutter;
        progress
    }

    /// Feeds one frame as read back: the reduced whole frame and full-resolution windows. Frames
    /// with a timestamp not after the previous one are rejected; a change of camera size starts
    /// the reading again.
    pub fn push_view(&mut self, view: &View) -> Progress {
        let t = view.t_ms;
        let g = view.geometry;
        if self.last_ms.is_some_and(|last| t <= last) || !t.is_finite() || view.overview.width != g.overview_w || view.overview.height != g.overview_h {
            self.rejected_frames += 1;
            return self.progress(None, self.last_ms.unwrap_or(0.0), None);
        }
        if self.geometry != Some(g) {
            let (pinned, rejected) = (self.pinned, self.rejected_frames);
            *self = LedReader { pinned, rejected_frames: rejected, ..LedReader::new() };
            self.geometry = Some(g);
            let side = g.camera_w.max(g.camera_h);
            self.overview = Some(Finder::new(g.overview_w, g.overview_h, (0, 0), g.reduce, side));
            self.aim = g.aim.map(|a| Finder::new(a.w, a.h, (a.x, a.y), 1, side));
            self.pin_tracker(g, t);
        }
        let dt_s = self.last_ms.map(|l| ((t - l) / 1000.0) as f32).unwrap_or(0.0);
        self.start_ms.get_or_insert(t);
        self.last_ms = Some(t);

        let mut change = SceneChange::None;
        if let Some(f) = self.overview.as_mut() {
            f.pass.run(&view.overview, &f.grid, &mut f.stats);
            change = self.scene.check(f.pass.planes(), f.grid.cols);
            if change == SceneChange::Cut {
                f.locator.restart();
            }
            f.locator.update(f.pass.planes(), dt_s);
        }
        if let (Some(f), Some(rect)) = (self.aim.as_mut(), g.aim) {
            if let Some(frame) = view.windows.iter().find(|w| w.rect == rect).and_then(|w| w.frame(t)) {
                if change == SceneChange::Cut {
                    f.locator.restart();
                }
                f.run(&frame, dt_s);
            }
        }
        if change == SceneChange::Cut {
            self.settle_until_ms = t + CUT_SETTLE_S * 1000.0;
        }
        if self.done.is_some() {
            let sample = self.main.and_then(|i| self.trackers.get_mut(i)).and_then(|tr| tr.update(view));
            return self.progress(sample.map(|s| (s.level, s.colour)), t, None);
        }

        if self.pinned.is_none() {
            self.spawn(g, t);
        }
        let disturbed = change != SceneChange::None || t < self.settle_until_ms;
        let mut main_sample = None;
        for (i, tracker) in self.trackers.iter_mut().enumerate() {
            if disturbed {
                tracker.skip(SampleGap::Disturbed);
            } else if let Some(s) = tracker.update(view) {
                if Some(i) == self.main {
                    main_sample = Some((s.level, s.colour));
                }
            }
        }
        self.merge();
        let waiting = self.decide(g, t);
        if main_sample.is_none() {
            main_sample = self.main.and_then(|i| self.trackers.get(i)).and_then(|tr| tr.samples.last()).map(|s| (s.level, s.colour));
        }
        self.progress(main_sample, t, waiting)
    }

    fn elapsed_s(&self, t: f64) -> f64 {
        self.start_ms.map(|s| (t - s) / 1000.0).unwrap_or(0.0)
    }

    /// Starts a tracker at every candidate place no tracker watches yet. Places the overview
    /// proposes inside the aiming window are left to the aiming window's finder, which sees them
    /// at the camera's resolution.
    fn spawn(&mut self, g: Geometry, t: f64) {
        let mut proposals: Vec<(f32, f32, Sighting, f32, f32, usize, usize)> = Vec::new();
        for (finder, skip_aim) in [(self.aim.as_ref(), false), (self.overview.as_ref(), true)] {
            let Some(f) = finder else { continue };
            // The finder places a light to within about a cell and a half.
            let precision = (3 * f.grid.cell * f.scale).div_ceil(2);
            for c in f.locator.candidates(CANDIDATES) {
                let (x, y) = f.camera_point(c.cx, c.cy);
                if skip_aim && self.aim.is_some() && g.aim.is_some_and(|a| a.contains(x, y)) {
                    continue;
                }
                // A light already lit when found showed no switch to size it by: every scale may
                // fit it (a close or blooming steady LED is much larger than one cell).
                let size = if c.sighting == Sighting::Steady { usize::MAX / 4 } else { c.extent * f.grid.cell * f.scale };
                proposals.push((x, y, c.sighting, c.score, c.lit_for_s, precision, size));
            }
        }
        for (x, y, sighting, score, lit_for_s, precision, size) in proposals {
            // Watched already: within a cell of a tracker (which searches around itself).
            if self.trackers.iter().any(|tr| (tr.x - x).abs().max((tr.y - y).abs()) <= precision as f32) {
                continue;
            }
            if self.trackers.len() >= MAX_TRACKERS {
                // Room is made by a place that has been watched for a while and shown nothing.
                let Some(worst) = self.stale(t) else { continue };
                if score <= 0.0 {
                    continue;
                }
                self.trackers.remove(worst);
                self.main = self.main.map(|m| if m > worst { m - 1 } else { m });
            }
            let origin = if sighting == Sighting::Steady { Origin::Steady } else { Origin::Switched };
            let mut tracker = Tracker::new(origin, x, y, precision, size, t, g.camera_w, g.camera_h);
            tracker.lit_before_s = lit_for_s as f64;
            self.trackers.push(tracker);
            self.watched_places += 1;
        }
    }

    /// The longest-watched tracker that has shown no evidence of being a status light, once it has
    /// been given time to (a light found as it switched on shows its flash within that time).
    fn stale(&self, t: f64) -> Option<usize> {
        let origin = self.start_ms.unwrap_or(0.0);
        self.trackers
            .iter()
            .enumerate()
            .filter(|(i, tr)| Some(*i) != self.main && (t - tr.born_ms) / 1000.0 >= PROBATION_S)
            .filter(|(_, tr)| self.evidence(tr, &self.readable(tr, origin)) <= 0.0)
            .min_by(|a, b| a.1.born_ms.total_cmp(&b.1.born_ms))
            .map(|(i, _)| i)
    }

    /// Two trackers that have come to watch the same light: the younger goes.
    fn merge(&mut self) {
        let mut i = 0;
        while i < self.trackers.len() {
            let (x, y) = (self.trackers[i].x, self.trackers[i].y);
            if let Some(j) = (0..i).find(|&j| self.trackers[j].same_light(x, y)) {
                let drop = if self.trackers[j].born_ms <= self.trackers[i].born_ms { i } else { j };
                if Some(drop) != self.main || self.pinned.is_none() {
                    if Some(drop) == self.main {
                        self.main = Some(if drop == i { j } else { i });
                    }
                    self.trackers.remove(drop);
                    self.main = self.main.map(|m| if m > drop { m - 1 } else { m });
                    continue;
                }
            }
            i += 1;
        }
    }

    /// The intervals of a tracker that can be a status light's: unless the user tapped it, not
    /// white (Blink status lights are red, blue or green; white is lamps, glints, people), and
    /// not a short interval that began or ended unseen (a cut is no switch).
    fn readable(&self, t: &Tracker, origin_ms: f64) -> Vec<OnInterval> {
        let mut intervals = t.intervals(origin_ms);
        let first_s = t.samples.first().map(|s| (s.t_ms - origin_ms) / 1000.0);
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
                (tapped || i.colour != LedColour::White) && (!i.censored || i.duration() >= super::pattern::STEADY_S || in_rhythm(&intervals, k))
            })
            .map(|k| intervals[k])
            .collect()
    }

    /// How much a tracker looks like a status light: its clean coloured flashes plus its lit
    /// time in steady-light units, weighted toward the middle of the picture (where the user
    /// aims). Zero for a place that has shown nothing.
    fn evidence(&self, t: &Tracker, intervals: &[OnInterval]) -> f32 {
        let flashes = intervals.iter().filter(|i| !i.open && !i.censored).count() as f32;
        let lit_s: f64 = intervals.iter().map(|i| i.duration()).sum();
        let Some(g) = self.geometry else { return flashes + (lit_s / super::pattern::STEADY_S) as f32 };
        // A light that only stays lit looks like every other lamp, brake light or sign in view:
        // it counts only where a person aiming at the light keeps it (or where they tapped).
        let steady_counts = t.origin == Origin::Tapped || (g.in_middle(t.x, t.y) && t.stays_put());
        // So does a light that changed only once: a lone flash is also what a passer-by, a car
        // or a window's reflection make; it counts where a person aiming at the light keeps it.
        if flashes <= 1.0 && !steady_counts && t.origin != Origin::Tapped && !g.in_middle(t.x, t.y) {
            return 0.0;
        }
        let raw = flashes + if steady_counts || flashes > 0.0 { (lit_s / super::pattern::STEADY_S) as f32 } else { 0.0 };
        if raw <= 0.0 {
            return 0.0;
        }
        let (dx, dy) = (t.x / g.camera_w as f32 - 0.5, t.y / g.camera_h as f32 - 0.5);
        let centre = 1.0 - 0.6 * (dx * dx + dy * dy).sqrt() / std::f32::consts::FRAC_1_SQRT_2;
        raw * centre
    }

    /// Picks the status light and decides when the evidence allows; otherwise returns what the
    /// recognition is waiting for.
    fn decide(&mut self, g: Geometry, t: f64) -> Option<(u32, Waiting)> {
        let elapsed = self.elapsed_s(t);
        let final_call = elapsed >= MAX_WATCH_S;
        let origin = self.start_ms.unwrap_or(t);
        let readings: Vec<(Vec<OnInterval>, f32)> = self
            .trackers
            .iter()
            .map(|tr| {
                let iv = self.readable(tr, origin);
                let e = self.evidence(tr, &iv);
                (iv, e)
            })
            .collect();
        let best = if self.pinned.is_some() {
            self.main
        } else {
            readings.iter().enumerate().filter(|(_, (_, e))| *e > 0.0).max_by(|a, b| a.1 .1.total_cmp(&b.1 .1)).map(|(i, _)| i)
        };
        self.main = best;
        let Some(main) = best else {
            if elapsed >= NOTHING_S || final_call {
                if let Verdict::Decided(mut e) = recognise(&[], 0.0, elapsed, true) {
                    if self.not_found_reason().is_some_and(|r| r != NotFound::NothingChanging) {
                        e.confidence = 0.4;
                    }
                    e.confidence *= self.calm() * self.quiet();
                    self.done = Some(e);
                }
            }
            return None;
        };
        let tracker = &self.trackers[main];
        let from = tracker.samples.first().map(|s| (s.t_ms - origin) / 1000.0).unwrap_or(elapsed);
        // A steady light seen before its tracker started counts from then.
        let from = (from - tracker.lit_before_s).max(0.0);
        let intervals = &readings[main].0;
        match recognise(intervals, from, elapsed, final_call) {
            Verdict::Decided(mut e) => {
                let decided_at = *self.decided_at_ms.get_or_insert(t);
                let (also, pending) = self.second_lights(g, main, &readings, origin, elapsed);
                if pending && (t - decided_at) / 1000.0 < SECOND_LIGHT_WAIT_S && !final_call {
                    return Some((e.flash_count, Waiting::SecondLight));
                }
                e.observed_s = elapsed;
                e.confidence *= self.signal_quality(main) * self.calm() * self.rivalry(main, &readings) * self.steadiness(main, &e) * self.evenness(main, intervals) * self.still_surround(main, intervals);
                e.also = also;
                self.done = Some(e);
                None
            }
            Verdict::Waiting { flashes, waiting } => {
                self.decided_at_ms = None;
                Some((flashes, waiting))
            }
        }
    }

    /// Other lights on the same device as the status light: coloured, near it, of another colour,
    /// and steady (lit for all the time watched) or blinking. Also says whether a candidate is
    /// still being judged.
    fn second_lights(&self, g: Geometry, main: usize, readings: &[(Vec<OnInterval>, f32)], origin: f64, elapsed: f64) -> (Vec<OtherLight>, bool) {
        let m = &self.trackers[main];
        let main_rgb = readings[main].0.last().map(|i| i.rgb);
        let near = NEAR_SHARE * g.camera_w.max(g.camera_h) as f32;
        let mut out: Vec<(f32, OtherLight)> = Vec::new();
        let mut pending = false;
        for (i, (t, (intervals, evidence))) in self.trackers.iter().zip(readings).enumerate() {
            if i == main || *evidence <= 0.0 || (t.x - m.x).hypot(t.y - m.y) > near {
                continue;
            }
            let Some(last) = intervals.last() else { continue };
            if main_rgb.is_some_and(|rgb| hue_apart(rgb, last.rgb) < SAME_LIGHT_HUE_DEG) {
                continue;
            }
            let from = t.samples.first().map(|s| (s.t_ms - origin) / 1000.0).unwrap_or(elapsed);
            let watched = elapsed - (from - t.lit_before_s).max(0.0);
            let lit_throughout = intervals.len() == 1 && last.open && last.start <= from + 0.1;
            if lit_throughout {
                // A steady light beside it: wait for it only while it is too new to tell.
                if watched >= SECOND_STEADY_S {
                    out.push((*evidence, OtherLight { pattern: PatternKind::Steady, colour: last.colour, period_s: None }));
                } else {
                    pending = true;
                }
                continue;
            }
            if let Verdict::Decided(e) = recognise(intervals, from, elapsed, false) {
                if e.pattern == PatternKind::Blinking {
                    out.push((*evidence, OtherLight { pattern: e.pattern, colour: last.colour, period_s: e.period_s }));
                }
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        (out.into_iter().map(|(_, l)| l).take(2).collect(), pending)
    }

    /// 0.6..1: how clearly the status light stands out from its surroundings.
    fn signal_quality(&self, main: usize) -> f64 {
        let Some(t) = self.trackers.get(main) else { return 0.7 };
        match levels(&t.samples) {
            Some((off, on)) if on - off >= 3.0 * MIN_AMPLITUDE => 1.0,
            Some((off, on)) if on - off >= MIN_AMPLITUDE => 0.85,
            _ => 0.7,
        }
    }

    /// 0.5..1: how calm the picture was (cuts and disturbed frames lower it).
    fn calm(&self) -> f64 {
        (1.0 - 1.5 * self.scene.disturbed_share() as f64).clamp(0.5, 1.0)
    }

    /// 0.25..1 for a reading of no light: how sure that is, from how few places changed. Each
    /// place where something switched or shone is one where a status light could have been
    /// missed among the changes; in a still picture where nothing changed, "no light" is sure.
    fn quiet(&self) -> f64 {
        (1.0 / (1.0 + self.watched_places as f64 / BUSY_PLACES)).max(0.25)
    }

    /// A light seen only staying lit looks like every lamp, sign and screen in view: unless the
    /// person tapped it, a steady reading is only so sure.
    fn steadiness(&self, main: usize, e: &LedEvidence) -> f64 {
        let tapped = self.trackers.get(main).is_some_and(|t| t.origin == Origin::Tapped);
        if e.pattern == PatternKind::Steady && !tapped { STEADY_CERTAINTY } else { 1.0 }
    }

    /// 0.5..1: whether only the light switched. A status LED switching leaves its surroundings
    /// as they were (its glow aside); a screen changing shot, a lamp flickering or something passing
    /// changes them with it. Judged by how far the surroundings' brightness moved between lit and
    /// unlit frames, against how far the light's own level moved.
    fn still_surround(&self, main: usize, intervals: &[OnInterval]) -> f64 {
        let Some(t) = self.trackers.get(main) else { return 1.0 };
        let Some(first) = intervals.first() else { return 1.0 };
        let Some((off, on)) = levels(&t.samples) else { return 1.0 };
        let origin = self.start_ms.unwrap_or(0.0);
        let (mut lit, mut unlit) = ((0.0f64, 0u32), (0.0f64, 0u32));
        for &(t_ms, surround) in &t.surrounds {
            let at = (t_ms - origin) / 1000.0;
            if at < first.start {
                continue;
            }
            let acc = if intervals.iter().any(|i| at >= i.start && at <= i.end) { &mut lit } else { &mut unlit };
            acc.0 += surround as f64;
            acc.1 += 1;
        }
        if lit.1 == 0 || unlit.1 == 0 || on <= off {
            return 1.0;
        }
        let moved = (lit.0 / lit.1 as f64 - unlit.0 / unlit.1 as f64).abs() / (on - off) as f64;
        (1.0 - (moved - GLOW_SHARE).max(0.0)).clamp(0.5, 1.0)
    }

    /// 0.5..1: how evenly bright the light's flashes were. A status LED flashes at one
    /// brightness (the exposure moves it by a few per cent); a screen's content, a flickering
    /// lamp or things passing by change from one "flash" to the next.
    fn evenness(&self, main: usize, intervals: &[OnInterval]) -> f64 {
        let Some(t) = self.trackers.get(main) else { return 1.0 };
        let origin = self.start_ms.unwrap_or(0.0);
        let means: Vec<f64> = intervals
            .iter()
            .filter(|i| !i.open)
            .filter_map(|i| {
                let lv: Vec<f64> = t.samples.iter().filter(|s| (s.t_ms - origin) / 1000.0 >= i.start && (s.t_ms - origin) / 1000.0 <= i.end).map(|s| s.level as f64).collect();
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

    /// 0.7..1: lower when another light had nearly as much evidence of being the status light.
    fn rivalry(&self, main: usize, readings: &[(Vec<OnInterval>, f32)]) -> f64 {
        let top = readings[main].1;
        let second = readings.iter().enumerate().filter(|(i, _)| *i != main).map(|(_, r)| r.1).fold(0.0f32, f32::max);
        if top <= 0.0 { 1.0 } else { (1.0 - 0.3 * (second / top).min(1.0) as f64).max(0.7) }
    }

    fn not_found_reason(&self) -> Option<NotFound> {
        let planes = self.overview.as_ref()?.planes();
        let n = planes.mean.len().max(1) as f32;
        let mean = planes.mean.iter().map(|&m| m as f32).sum::<f32>() / n;
        let clipped = planes.value.iter().filter(|&&v| v >= 250).count() as f32 / n;
        if mean < 12.0 {
            Some(NotFound::TooDark)
        } else if clipped > 0.4 {
            Some(NotFound::Saturated)
        } else {
            Some(NotFound::NothingChanging)
        }
    }

    fn progress(&self, sample: Option<(f32, [f32; 3])>, t: f64, waiting: Option<(u32, Waiting)>) -> Progress {
        let elapsed_s = self.elapsed_s(t);
        let main = self.main.and_then(|i| self.trackers.get(i));
        let status = if let Some(e) = &self.done {
            Status::Done(e.clone())
        } else if main.is_none() {
            Status::Searching { hint: if elapsed_s > 2.0 { self.not_found_reason() } else { None } }
        } else {
            let (flashes, waiting) = waiting.unwrap_or((0, Waiting::AnyLight));
            Status::Watching { flashes, waiting }
        };
        // Relative to the range seen so far, so the chart shows off at the bottom and on at the
        // top whatever the scene's brightness; lit in its upper half.
        let range = main.and_then(|m| m.sorted_levels().range()).map(|(lo, hi)| (lo, lo + (hi - lo).max(MIN_AMPLITUDE)));
        let level = sample.zip(range).map(|((l, _), (lo, hi))| ((l - lo) / (hi - lo)).clamp(0.0, 1.0));
        let led_at = match (self.geometry, main) {
            (Some(g), Some(m)) => Some((m.x / g.camera_w as f32, m.y / g.camera_h as f32)),
            _ => None,
        };
        Progress {
            status,
            level,
            lit: level.is_some_and(|l| l > 0.5),
            colour: sample.filter(|(l, _)| *l >= MIN_AMPLITUDE).map(|(_, c)| classify(c)),
            led_at,
            elapsed_s,
        }
    }
}

/// How far (share of the spacing) a flash may sit from the rhythm of its neighbours and still be
/// taken as one of them: a status light's flashes repeat to within a frame or two, a cut or a
/// glint falls anywhere.
const RHYTHM_TOLERANCE: f64 = 0.25;

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
