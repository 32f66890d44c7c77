//! The LED reader: feed it camera frames, it finds the lights, watches each one at the camera's
//! resolution, and says what pattern the status light shows (and which other lights the device
//! shows beside it).
//!
//! Per frame: the finders (cells + locator, over the reduced whole frame and over the aiming
//! window at full resolution) propose places where a compact light switched on in an LED colour,
//! or stays lit; each such place gets a tracker; every tracker measures its light; the scene
//! watch drops frames where the whole picture changed; and the tracker with the most evidence of
//! being a status light is read.
use super::cells::{CellPass, CellPlanes, CellStat};
use super::frame::Frame;
use super::finder::{Finder, Sighting};
use super::judge::{self, Assessment};
use super::measure::{classify, hue_apart, SampleGap};
use super::motion::{self, Profiles, MIN_FIT};
use super::pattern::{recognise, Verdict, Waiting};
use super::scene::{SceneChange, SceneWatch};
use super::segment::{OnInterval, MIN_AMPLITUDE};
use super::tracker::{Origin, Tracker, MAX_SHIFT_SHARE};
use super::view::{self, CameraFrame, Geometry, Rect, View};
use crate::led::{LedColour, LedEvidence, OtherLight, PatternKind};
use serde::{Deserialize, Serialize};

/// The longest the reader watches before deciding with what it has.
pub const MAX_WATCH_S: f64 = 20.0;
/// Without any light seen for this long, the reading is "no light".
const NOTHING_S: f64 = 6.0;
/// Lights watched at once: a status light, a second light beside it, and a few places that
/// may turn out to be nothing.
const MAX_TRACKERS: usize = 8;
/// A light that never switched off is kept only if the finder saw it stand out from its region
/// in at least this share of the frames it was watched.
const STOOD_OUT_SHARE: f32 = 0.2;
/// A place found this many times more plainly than a tracker that has shown nothing yet takes
/// its place before its probation is over.
const OUTCLASSED: f32 = 3.0;
/// Places taken per frame are twice this, the most plainly found of both sightings together
/// (switches and steady lights compete). Taking this many of each instead let a switch in a
/// field of many steady points be seen, but lost 2 of the realistic corpus and 2 no-LED scenes.
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
/// A light beside the status light is another light when their hues are this far apart (degrees):
/// the Sync Module's blue and green lights can render as close as 20-30 degrees when over-exposed
/// (both drift toward cyan), while one light's hue wavers by a few degrees from frame to frame.
const OTHER_LIGHT_HUE_DEG: f32 = 15.0;
/// When the status light is decided, a second light still being judged is waited for this long.
const SECOND_LIGHT_WAIT_S: f64 = 2.0;
/// A light must have been watched this long, lit throughout, to be reported as steady beside the
/// status light.
const SECOND_STEADY_S: f64 = 1.5;
/// When the next frame is expected after the last (ms), for the rectangles asked for it: about a
/// frame at 30 fps (a light's search widens slowly with time, so a late frame matters little).
const NEXT_FRAME_MS: f64 = 33.0;

/// Why the LED could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Status {
    /// No light yet; `hint` says why when there is a reason to.
    Searching { hint: Option<NotFound> },
    /// A light found, pattern not decided yet.
    Watching { flashes: u32, waiting: Waiting },
    /// The reading is over.
    Done(LedEvidence),
}

/// What the reader says after each frame: enough for the live chart and the progress line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// One picture the finder looks at: the reduced whole frame, or the aiming window at full
/// resolution, with its cell pass.
struct Picture {
    pass: CellPass,
    stats: Vec<CellStat>,
    finder: Finder,
}

impl Picture {
    fn new(width: usize, height: usize, origin: (usize, usize), scale: usize, camera_side: usize) -> Picture {
        Picture { pass: CellPass::default(), stats: Vec::new(), finder: Finder::new(width, height, origin, scale, camera_side) }
    }

    /// Runs the cell pass over `frame`; false when the frame does not fit the grid.
    fn cells(&mut self, frame: &Frame) -> bool {
        let grid = self.finder.grid;
        if frame.width != grid.frame_w || frame.height != grid.frame_h {
            return false;
        }
        self.pass.run(frame, &grid, &mut self.stats);
        true
    }

    fn planes(&self) -> &CellPlanes {
        self.pass.planes()
    }
}

/// Places watched (something switched or shone there) at which a reading of "no light" is half
/// as sure as in a picture where nothing changed.
const BUSY_PLACES: f64 = 4.0;
/// How sure a steady reading can be at most, against a switching one: a lit spot that never
/// switched may be a lamp, a sign or the other light of two. It leaves a steady reading below the
/// app's "unsure" line (led::UNSURE_BELOW), so the answers weigh as much as the light...
const STEADY_CERTAINTY: f64 = 0.7;
/// ... and however sure the rest of the reading is, a steady one stays this far below that line
/// (a place lit since a screen's light changed on it once is a steady light to the pattern too).
const STEADY_BELOW_UNSURE: f64 = 0.05;
/// How much a reading is trusted for where its light sits, at the picture's edge (aim weight 0;
/// fully within the aimed middle, aim weight 1, linear between): a person reading a light keeps
/// it near the middle, so a light near the edge is as likely another one (a brake light, a sign
/// in the sun) as theirs. Half: an edge light alone can then not make a reading sure.
const EDGE_TRUST: f64 = 0.5;

/// The factor on a reading's confidence for its light's aim weight (`judge::aim_weight`).
fn aim_trust(aim: f32) -> f64 {
    EDGE_TRUST + (1.0 - EDGE_TRUST) * f64::from(aim.clamp(0.0, 1.0))
}

/// What the reader is told of the device it reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReaderOptions {
    /// Colours that may lead into a burst on this model (see `Kb::lead_in_colours`). Without a
    /// model, blue: the cameras' recording light before their low-battery flashes.
    pub lead_in: Vec<LedColour>,
    /// How many status lights the device has side by side (the model's `lights`): with one, no
    /// second light is looked for or waited for, and a light beside it is something else.
    /// Without a model, two: whatever shows beside the light is reported.
    pub lights: u8,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions { lead_in: vec![LedColour::Blue], lights: 2 }
    }
}

pub struct LedReader {
    options: ReaderOptions,
    geometry: Option<Geometry>,
    overview: Option<Picture>,
    aim: Option<Picture>,
    /// The picture's accumulated motion since the first frame (camera pixels).
    offset: (f32, f32),
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
    /// The last frame's brightness profiles of the middle of the picture, for its motion.
    motion_before: Profiles,
    motion_now: Profiles,
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
        LedReader::with_options(ReaderOptions::default())
    }

    pub fn with_options(options: ReaderOptions) -> LedReader {
        LedReader {
            options,
            geometry: None,
            overview: None,
            aim: None,
            offset: (0.0, 0.0),
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
            motion_before: Profiles::default(),
            motion_now: Profiles::default(),
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

    /// For tools that know where the lights are (debugging the measurement apart from the
    /// finding): watches exactly these camera positions, each as if a light had been seen
    /// switching on there, and nothing else.
    pub fn watch_only(&mut self, places: &[(f32, f32)]) {
        let (Some(g), Some(t)) = (self.geometry, self.last_ms) else { return };
        self.pinned = Some((0.5, 0.5));
        self.trackers = places.iter().map(|&(x, y)| Tracker::new(Origin::Switched, x, y, 3, 5, t, g.camera_w, g.camera_h)).collect();
        self.main = (!self.trackers.is_empty()).then_some(0);
        self.done = None;
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

    /// The lights being watched: (x, y) in camera pixels, and whether it is the status light.
    pub fn lights(&self) -> Vec<(f32, f32, bool)> {
        self.trackers.iter().enumerate().map(|(i, t)| (t.x, t.y, Some(i) == self.main)).collect()
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
            let (pinned, rejected, options) = (self.pinned, self.rejected_frames, self.options.clone());
            *self = LedReader { pinned, rejected_frames: rejected, ..LedReader::with_options(options) };
            self.geometry = Some(g);
            let side = g.camera_w.max(g.camera_h);
            self.overview = Some(Picture::new(g.overview_w, g.overview_h, (0, 0), g.reduce, side));
            self.aim = g.aim.map(|a| Picture::new(a.w, a.h, (a.x, a.y), 1, side));
            self.pin_tracker(g, t);
        }
        let dt_s = self.last_ms.map(|l| ((t - l) / 1000.0) as f32).unwrap_or(0.0);
        self.start_ms.get_or_insert(t);
        self.last_ms = Some(t);

        let mut change = SceneChange::None;
        if let Some(p) = self.overview.as_mut() {
            if p.cells(&view.overview) {
                change = self.scene.check(p.planes(), p.finder.grid.cols);
            }
        }
        let aim_frame = g.aim.and_then(|rect| view.windows.iter().find(|w| w.rect == rect)).and_then(|w| w.frame(t));
        let aim_read = match (self.aim.as_mut(), aim_frame) {
            (Some(p), Some(frame)) => p.cells(&frame),
            _ => false,
        };
        if change == SceneChange::Cut {
            self.settle_until_ms = t + CUT_SETTLE_S * 1000.0;
            for p in [self.overview.as_mut(), self.aim.as_mut()].into_iter().flatten() {
                p.finder.restart();
            }
        }
        let disturbed = change != SceneChange::None || t < self.settle_until_ms;
        let (dx, dy) = if change == SceneChange::Cut { (0.0, 0.0) } else { self.picture_motion(view).unwrap_or((0.0, 0.0)) };
        self.offset = (self.offset.0 + dx, self.offset.1 + dy);
        for tracker in self.trackers.iter_mut() {
            tracker.follow(view, (dx, dy));
        }
        let offset = self.offset;
        if let Some(p) = self.overview.as_mut() {
            let planes = p.pass.planes();
            p.finder.update(planes, offset, dt_s, !disturbed);
        }
        if let (Some(p), true) = (self.aim.as_mut(), aim_read) {
            let planes = p.pass.planes();
            p.finder.update(planes, offset, dt_s, !disturbed);
        }
        if self.done.is_some() {
            let others: Vec<(f32, f32)> = self.trackers.iter().enumerate().filter(|(i, t)| Some(*i) != self.main && t.seen_lit()).map(|(_, t)| (t.x, t.y)).collect();
            let sample = self.main.and_then(|i| self.trackers.get_mut(i)).and_then(|tr| {
                let s = tr.update(view, &others);
                tr.find_middle(view);
                s
            });
            return self.progress(sample.map(|s| (s.level, s.colour)), t, None);
        }
        if self.pinned.is_none() {
            self.spawn(g, t);
        }
        let mut main_sample = None;
        let places: Vec<(f32, f32, bool)> = self.trackers.iter().map(|t| (t.x, t.y, t.seen_lit())).collect();
        for (i, tracker) in self.trackers.iter_mut().enumerate() {
            if disturbed {
                tracker.skip(SampleGap::Disturbed);
                continue;
            }
            let others: Vec<(f32, f32)> = places.iter().enumerate().filter(|&(j, p)| j != i && p.2).map(|(_, p)| (p.0, p.1)).collect();
            if let Some(s) = tracker.update(view, &others) {
                if Some(i) == self.main {
                    main_sample = Some((s.level, s.colour));
                }
                // The finder that sees the place at the camera's resolution says whether a lit
                // spot stands out from its region there.
                let salient = [self.aim.as_ref(), self.overview.as_ref()].into_iter().flatten().find_map(|p| p.finder.salient_at(tracker.x, tracker.y));
                tracker.frames += 1;
                tracker.salient_frames += salient.unwrap_or(false) as u32;
            }
        }
        self.merge();
        let waiting = self.decide(g, t);
        if let Some(tr) = self.main.and_then(|i| self.trackers.get_mut(i)) {
            tr.find_middle(view);
        }
        if main_sample.is_none() {
            main_sample = self.main.and_then(|i| self.trackers.get(i)).and_then(|tr| tr.samples().last()).map(|s| (s.level, s.colour));
        }
        self.progress(main_sample, t, waiting)
    }

    /// How far the middle of the picture moved since the last frame (camera pixels), each axis
    /// only where its profiles show it plainly. Measured over the aiming window at the camera's
    /// resolution (where the person aims at the device, so mostly the device itself), else over
    /// the middle of a frame small enough to be read whole.
    fn picture_motion(&mut self, view: &View) -> Option<(f32, f32)> {
        let g = view.geometry;
        let (window, rect) = match g.aim {
            Some(aim) => (*view.windows.iter().find(|w| w.rect == aim)?, aim),
            None => {
                let whole = Rect { x: 0, y: 0, w: view.overview.width, h: view.overview.height };
                let side = ((view::AIM_SHARE * whole.w as f32).round() as usize).clamp(1, whole.w.min(whole.h));
                let aim = Rect { x: (whole.w - side) / 2, y: (whole.h - side) / 2, w: side, h: side };
                (view::Window { rect: whole, rgba: view.overview.rgba }, aim)
            }
        };
        std::mem::swap(&mut self.motion_before, &mut self.motion_now);
        Profiles::measure(&window, rect, &mut self.motion_now);
        let max = ((MAX_SHIFT_SHARE * g.camera_w.max(g.camera_h) as f32).ceil() as usize).max(2);
        let s = motion::shift(&self.motion_before, &self.motion_now, &window, max, None)?;
        let along = |d: f32, fit: f32| if fit >= MIN_FIT { d } else { 0.0 };
        Some((along(s.dx, s.fit_x), along(s.dy, s.fit_y)))
    }

    fn elapsed_s(&self, t: f64) -> f64 {
        self.start_ms.map(|s| (t - s) / 1000.0).unwrap_or(0.0)
    }

    /// Starts a tracker at every candidate place no tracker watches yet. Places the overview
    /// proposes inside the aiming window are left to the aiming window's finder, which sees them
    /// at the camera's resolution.
    fn spawn(&mut self, g: Geometry, t: f64) {
        struct Place {
            x: f32,
            y: f32,
            sighting: Sighting,
            priority: f32,
            lit_for_s: f32,
            precision: usize,
            size: usize,
        }
        let mut proposals: Vec<Place> = Vec::new();
        for (picture, skip_aim) in [(self.aim.as_ref(), false), (self.overview.as_ref(), true)] {
            let Some(p) = picture else { continue };
            let f = &p.finder;
            // The finder places a light to within about a cell and a half.
            let precision = (3.0 * f.cell_px() / 2.0).ceil() as usize;
            for c in &f.proposals {
                if skip_aim && self.aim.is_some() && g.aim.is_some_and(|a| a.contains(c.x, c.y)) {
                    continue;
                }
                // Only where the person may be aiming: elsewhere nothing can count.
                let priority = c.strength * judge::aim_weight(g, c.x, c.y);
                if priority <= 0.0 {
                    continue;
                }
                // A light that never switched counts only near the middle; further out it is
                // worth a place only once it switches (and is then proposed as a switch). Signs'
                // letters and lamps there must not take the places the aimed-at light needs.
                if c.sighting == Sighting::Steady && !judge::may_count_steady(g, c.x, c.y) {
                    continue;
                }
                // A light already lit when found showed no switch to size it by: every scale may
                // fit it (a close or blooming steady LED is much larger than one cell).
                let size = if c.sighting == Sighting::Steady { usize::MAX / 4 } else { c.size_px };
                proposals.push(Place { x: c.x, y: c.y, sighting: c.sighting, priority, lit_for_s: c.lit_for_s, precision: precision.max(c.size_px), size });
            }
        }
        proposals.sort_by(|a, b| b.priority.total_cmp(&a.priority));
        for p in proposals.into_iter().take(2 * CANDIDATES) {
            // Watched already: within a cell of a tracker (which searches around itself). A light
            // that switched on larger than the tracker there can measure, over its place, is
            // measured at its size from the next frame on (this frame's windows are cut).
            let apart = |tr: &Tracker| (tr.x - p.x).abs().max((tr.y - p.y).abs());
            if let Some(tr) = self.trackers.iter_mut().find(|tr| apart(tr) <= p.precision as f32) {
                if p.sighting == Sighting::Switch && apart(tr) <= (p.size / 2) as f32 {
                    tr.widen(p.size);
                }
                continue;
            }
            if self.trackers.len() >= MAX_TRACKERS {
                let Some(worst) = self.replaceable(t, p.priority) else { continue };
                self.trackers.remove(worst);
                self.main = self.main.map(|m| if m > worst { m - 1 } else { m });
            }
            let origin = if p.sighting == Sighting::Steady { Origin::Steady } else { Origin::Switched };
            let mut tracker = Tracker::new(origin, p.x, p.y, p.precision, p.size, t, g.camera_w, g.camera_h);
            tracker.lit_before_s = p.lit_for_s as f64;
            tracker.found_priority = p.priority;
            self.trackers.push(tracker);
            self.watched_places += 1;
        }
    }

    /// A tracker that may give way to a new place of `priority`: one that has shown no evidence of
    /// being a status light, and has either been given time to (a light found as it switched on
    /// shows its flash within that time) or was found far less plainly than the new place. The
    /// least plainly found goes first.
    fn replaceable(&self, t: f64, priority: f32) -> Option<usize> {
        let origin = self.start_ms.unwrap_or(0.0);
        let g = self.geometry?;
        let now = self.elapsed_s(t);
        self.trackers
            .iter()
            .enumerate()
            .filter(|(i, tr)| Some(*i) != self.main && ((t - tr.born_ms) / 1000.0 >= PROBATION_S || tr.found_priority * OUTCLASSED < priority))
            // A light that has shown a lit coloured stretch is kept (it may be the blue light before
            // a burst, or a steady light still being judged), unless it never switched off and
            // the finder hardly ever saw it stand out from its region: then its "light" was the
            // strongest of some noise or texture.
            .filter(|(_, tr)| {
                let a = judge::assess(tr, g, origin, now);
                let stood_out = tr.salient_frames as f32 >= STOOD_OUT_SHARE * tr.frames as f32;
                a.score <= 0.0 && (a.intervals.is_empty() || (a.flashes == 0 && !stood_out))
            })
            .min_by(|a, b| a.1.found_priority.total_cmp(&b.1.found_priority))
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

    /// Picks the status light and decides when the evidence allows; otherwise returns what the
    /// recognition is waiting for.
    fn decide(&mut self, g: Geometry, t: f64) -> Option<(u32, Waiting)> {
        let elapsed = self.elapsed_s(t);
        let final_call = elapsed >= MAX_WATCH_S;
        let origin = self.start_ms.unwrap_or(t);
        let mut readings: Vec<Assessment> = self.trackers.iter().map(|tr| judge::assess(tr, g, origin, elapsed)).collect();
        for (tr, a) in self.trackers.iter_mut().zip(readings.iter_mut()) {
            tr.best_score = tr.best_score.max(a.score);
            // Where the flashes read before were re-cut (the thresholds moved with a later
            // flash), their count was not seen for sure either.
            let recut = tr.note_cut(&a.intervals);
            if !recut.is_empty() {
                a.unseen = judge::joined(a.unseen.iter().chain(recut).copied().collect());
            }
        }
        let best = if self.pinned.is_some() {
            self.main
        } else {
            readings.iter().enumerate().filter(|(_, a)| a.score > 0.0).max_by(|a, b| a.1.score.total_cmp(&b.1.score)).map(|(i, _)| i)
        };
        self.main = best;
        let Some(main) = best else {
            if elapsed >= NOTHING_S || final_call {
                if let Verdict::Decided(mut e) = recognise(&[], 0.0, elapsed, &[], true, &self.options.lead_in) {
                    if self.not_found_reason().is_some_and(|r| r != NotFound::NothingChanging) {
                        e.confidence = 0.4;
                    }
                    e.confidence *= self.calm() * self.quiet();
                    self.done = Some(e);
                }
            }
            return None;
        };
        let a = &readings[main];
        match recognise(&a.intervals, a.from_s, elapsed, &a.unseen, final_call, &self.options.lead_in) {
            Verdict::Decided(mut e) => {
                let decided_at = *self.decided_at_ms.get_or_insert(t);
                let (also, pending, others_rgb) = self.second_lights(g, main, &readings, elapsed);
                if pending && (t - decided_at) / 1000.0 < SECOND_LIGHT_WAIT_S && !final_call {
                    return Some((e.flash_count, Waiting::SecondLight));
                }
                let tr = &self.trackers[main];
                let steadiness = if e.pattern == PatternKind::Steady && tr.origin != Origin::Tapped { STEADY_CERTAINTY } else { 1.0 };
                e.observed_s = elapsed;
                e.confidence *= judge::signal_quality(tr)
                    * self.calm()
                    * self.rivalry(main)
                    * steadiness
                    * judge::evenness(tr, &a.intervals, origin)
                    * judge::still_surround(tr, &a.intervals, origin)
                    * aim_trust(a.aim);
                if steadiness < 1.0 {
                    e.confidence = e.confidence.min(crate::led::UNSURE_BELOW - STEADY_BELOW_UNSURE);
                }
                e.also = also;
                tell_blue_from_green(&mut e, a.intervals.last().map(|i| i.rgb), &others_rgb);
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
    fn second_lights(&self, g: Geometry, main: usize, readings: &[Assessment], elapsed: f64) -> (Vec<OtherLight>, bool, Vec<[f32; 3]>) {
        if self.options.lights < 2 {
            return (Vec::new(), false, Vec::new());
        }
        let m = &self.trackers[main];
        let main_rgb = readings[main].intervals.last().map(|i| i.rgb);
        let near = NEAR_SHARE * g.camera_w.max(g.camera_h) as f32;
        let mut out: Vec<(f32, OtherLight, [f32; 3])> = Vec::new();
        let mut pending = false;
        for (i, (t, a)) in self.trackers.iter().zip(readings).enumerate() {
            if i == main || (t.x - m.x).hypot(t.y - m.y) > near || !t.stays_put() {
                continue;
            }
            let Some(last) = a.intervals.last() else { continue };
            // Another light of the same hue near it is the same light seen twice, or its glint.
            if main_rgb.is_some_and(|rgb| hue_apart(rgb, last.rgb) < OTHER_LIGHT_HUE_DEG) {
                continue;
            }
            let watched = elapsed - a.from_s;
            let lit_throughout = a.intervals.len() == 1 && last.open && last.start <= a.from_s + 0.15;
            if lit_throughout {
                // A steady light beside it: wait for it only while it is too new to tell.
                if watched >= SECOND_STEADY_S {
                    out.push((watched as f32, OtherLight { pattern: PatternKind::Steady, colour: last.colour, period_s: None }, last.rgb));
                } else {
                    pending = true;
                }
                continue;
            }
            if a.dark_off != Some(true) {
                continue;
            }
            if let Verdict::Decided(e) = recognise(&a.intervals, a.from_s, elapsed, &a.unseen, false, &self.options.lead_in) {
                if e.pattern == PatternKind::Blinking {
                    out.push((a.flashes as f32, OtherLight { pattern: e.pattern, colour: last.colour, period_s: e.period_s }, last.rgb));
                }
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.truncate(2);
        let rgbs = out.iter().map(|o| o.2).collect();
        (out.into_iter().map(|(_, l, _)| l).collect(), pending, rgbs)
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

    /// 0.7..1: lower when another light had nearly as much evidence of being the status light:
    /// the best each ever had, for both (a light that switched three times is a rival even when
    /// its latest frame reshaped its series into none, and the main light's own dip is no loss).
    /// `decide` has folded this frame's scores into `best_score` before it asks.
    fn rivalry(&self, main: usize) -> f64 {
        let top = self.trackers[main].best_score;
        let second = self.trackers.iter().enumerate().filter(|(i, _)| *i != main).map(|(_, t)| t.best_score).fold(0.0f32, f32::max);
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
            (Some(g), Some(m)) => {
                let (x, y) = m.middle.unwrap_or((m.x, m.y));
                Some((x / g.camera_w as f32, y / g.camera_h as f32))
            }
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


/// With two lights of the Sync Module read as one colour (both green, or both blue: over-exposed,
/// both drift toward cyan), the one whose hue lies further toward blue is the blue one: the
/// device has one of each.
fn tell_blue_from_green(e: &mut LedEvidence, main_rgb: Option<[f32; 3]>, others: &[[f32; 3]]) {
    let (Some(colour), Some(main), Some(other), Some(second)) = (e.colour, main_rgb, others.first(), e.also.first_mut()) else { return };
    let pair = [LedColour::Green, LedColour::Blue];
    if colour != second.colour || !pair.contains(&colour) {
        return;
    }
    // Hues run from red through green to blue: the larger is the bluer.
    if super::measure::hue(main) > super::measure::hue(*other) {
        (e.colour, second.colour) = (Some(LedColour::Blue), LedColour::Green);
    } else {
        (e.colour, second.colour) = (Some(LedColour::Green), LedColour::Blue);
    }
}

/// Developer traces in words (the examples' debugging aids): built only for native tools,
/// never into the app's wasm, whose words come from the UI's catalogue.
#[cfg(not(target_arch = "wasm32"))]
impl LedReader {
    /// What the finder holds at camera position (x, y), in words, for debugging tools.
    pub fn describe_place(&self, x: f32, y: f32) -> String {
        let in_aim = self.geometry.and_then(|g| g.aim).is_some_and(|a| a.contains(x, y));
        let picture = if in_aim { self.aim.as_ref() } else { self.overview.as_ref() };
        picture.map(|p| format!("{} {}", if in_aim { "aim" } else { "overview" }, p.finder.describe(x, y))).unwrap_or_default()
    }

    /// What the finders proposed in the last frame, in words, for debugging tools.
    pub fn describe_scene(&self) -> String {
        format!("frames {} disturbed {} cuts {} offset ({:.1},{:.1})", self.scene.frames, self.scene.disturbed, self.scene.cuts, self.offset.0, self.offset.1)
    }

    pub fn describe_candidates(&self) -> String {
        let mut out = Vec::new();
        for (name, p) in [("aim", self.aim.as_ref()), ("overview", self.overview.as_ref())] {
            let Some(p) = p else { continue };
            for c in &p.finder.proposals {
                out.push(format!("{name}:{:?}@({:.0},{:.0}) s{:.2} {:?} {}px", c.sighting, c.x, c.y, c.strength, c.colour.map(|v| v.round()), c.size_px));
            }
        }
        out.join(" | ")
    }

    /// The watched lights in words, for debugging tools.
    pub fn describe_lights(&self) -> String {
        let origin = self.start_ms.unwrap_or(0.0);
        let (Some(g), Some(last)) = (self.geometry, self.last_ms) else { return String::new() };
        let now = self.elapsed_s(last);
        self.trackers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let a = judge::assess(t, g, origin, now);
                let last = t.samples().last().map(|s| format!("{:.0} {:?} h{:.0}{}", s.level, classify(s.colour), super::measure::hue(s.colour), match s.gap { Some(g) => format!(" gap:{g:?}"), None => String::new() })).unwrap_or_default();
                format!(
                    "{}{:?}@({:.0},{:.0}) k{} r{} sc{:.2} n{} f{} dark{:?} st{} sal{}/{} nolight{}/{} adds{}/{} [{}]{} {{{}}}",
                    if Some(i) == self.main { "*" } else { "" },
                    t.origin,
                    t.x,
                    t.y,
                    t.kernel().half,
                    t.reach(),
                    a.score,
                    a.intervals.len(),
                    a.flashes,
                    a.dark_off,
                    a.steady,
                    t.salient_frames,
                    t.frames,
                    t.lit_no_light,
                    t.lit_checked,
                    t.adding_frames,
                    t.visible_frames,
                    last,
                    if t.stays_put() { "" } else { " moved" },
                    t.describe_scales(self.last_ms.unwrap_or(0.0)),
                )
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
}
