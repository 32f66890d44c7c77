//! The LED reader: feed it frames, it finds the LED, measures it, and says what pattern it shows.
use super::cells::{CellPass, CellStat, Grid};
use super::frame::Frame;
use super::locate::{Candidate, Locator};
use super::measure::{classify, measure, Sample};
use super::pattern::{recognise, Verdict};
use super::segment::{levels, segment_sorted, OnInterval, SortedLevels, MIN_AMPLITUDE};
use crate::led::{LedColour, LedEvidence};
use std::collections::VecDeque;

/// How much past the reader keeps, so flashes seen before the LED was found still count.
const HISTORY_S: f64 = 12.0;
/// The longest the reader watches before deciding with what it has.
pub const MAX_WATCH_S: f64 = 20.0;
/// Cells around the LED searched each frame (keeps a shaking LED inside).
const REGION_RADIUS: usize = 3;

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

    pub fn advice(self) -> &'static str {
        match self {
            NotFound::TooDark => "The picture is very dark. Move closer or add some light (not pointed at the camera).",
            NotFound::Saturated => "The picture is washed out. Avoid pointing at bright light or windows; tilt the phone to cut glare.",
            NotFound::NothingChanging => "No light is switching on and off yet. Keep the Blink's light in the circle, or tap the light.",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// No LED yet; `hint` says why when there is a reason to.
    Searching { hint: Option<NotFound> },
    /// LED found, pattern not decided yet.
    Watching { flashes: u32, waiting_for: &'static str },
    /// The reading is over.
    Done(LedEvidence),
}

/// What the reader says after each frame: enough for the live chart and the progress line.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub status: Status,
    /// LED level in this frame, 0 (darkest seen) .. 1 (brightest seen), when the LED is located.
    pub level: Option<f32>,
    pub lit: bool,
    pub colour: Option<LedColour>,
    /// LED position as fractions of the frame (x, y), when located.
    pub led_at: Option<(f32, f32)>,
    pub elapsed_s: f64,
}

pub struct LedReader {
    grid: Option<Grid>,
    cell_pass: CellPass,
    locator: Option<Locator>,
    history: VecDeque<(f64, Vec<CellStat>)>,
    spare: Vec<CellStat>,
    candidate: Option<Candidate>,
    /// The user's tap, as frame fractions: overrides the search.
    pinned: Option<(f32, f32)>,
    samples: Vec<Sample>,
    /// The samples' levels, sorted (for segmenting every frame and the chart's range).
    sorted_levels: SortedLevels,
    start_ms: Option<f64>,
    last_ms: Option<f64>,
    done: Option<LedEvidence>,
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
            grid: None,
            cell_pass: CellPass::default(),
            locator: None,
            history: VecDeque::new(),
            spare: Vec::new(),
            candidate: None,
            pinned: None,
            samples: Vec::new(),
            sorted_levels: SortedLevels::default(),
            start_ms: None,
            last_ms: None,
            done: None,
            rejected_frames: 0,
        }
    }

    /// The user tapped the LED at (x, y), fractions of the frame.
    pub fn pin(&mut self, x: f32, y: f32) {
        if x.is_finite() && y.is_finite() {
            self.pinned = Some((x.clamp(0.0, 1.0), y.clamp(0.0, 1.0)));
            self.candidate = None;
            self.samples.clear();
            self.sorted_levels.clear();
            self.done = None;
        }
    }

    /// The locator, for debugging tools.
    pub fn locator(&self) -> Option<&Locator> {
        self.locator.as_ref()
    }

    /// The decided reading, once there is one.
    pub fn result(&self) -> Option<&LedEvidence> {
        self.done.as_ref()
    }

    /// Lit intervals measured so far (seconds since the first frame), for charts.
    pub fn intervals(&self) -> Vec<OnInterval> {
        segment_sorted(&self.samples, &self.sorted_levels, self.start_ms.unwrap_or(0.0))
    }

    /// Feeds one frame. Frames with a timestamp not after the previous one, or of a different
    /// size than the first, are rejected (size changes restart the reading).
    pub fn push(&mut self, frame: &Frame) -> Progress {
        let t = frame.t_ms;
        if self.last_ms.is_some_and(|last| t <= last) || !t.is_finite() {
            self.rejected_frames += 1;
            return self.progress(None, self.last_ms.unwrap_or(0.0), None);
        }
        let grid = Grid::for_frame(frame.width, frame.height);
        if self.grid != Some(grid) {
            let pinned = self.pinned;
            *self = LedReader { rejected_frames: self.rejected_frames, ..LedReader::new() };
            self.pinned = pinned;
            self.grid = Some(grid);
            self.locator = Some(Locator::new(grid));
        }
        let dt_s = self.last_ms.map(|l| ((t - l) / 1000.0) as f32).unwrap_or(0.0);
        self.start_ms.get_or_insert(t);
        self.last_ms = Some(t);

        let mut stats = std::mem::take(&mut self.spare);
        self.cell_pass.run(frame, &grid, &mut stats);
        if let Some(loc) = self.locator.as_mut() {
            loc.update(self.cell_pass.planes(), dt_s);
        }
        self.history.push_back((t, stats));
        while self.history.front().is_some_and(|(ht, _)| t - ht > HISTORY_S * 1000.0) {
            if let Some((_, old)) = self.history.pop_front() {
                self.spare = old;
            }
        }

        if self.done.is_some() {
            return self.progress(self.live_sample(), t, None);
        }
        self.follow_candidate();
        let sample = self.live_sample();
        if let Some(s) = sample {
            self.samples.push(s);
            self.sorted_levels.insert(s.level);
        }
        let intervals = self.intervals();
        let waiting = self.decide(t, &intervals);
        self.progress(sample, t, waiting)
    }

    fn elapsed_s(&self, t: f64) -> f64 {
        self.start_ms.map(|s| (t - s) / 1000.0).unwrap_or(0.0)
    }

    /// Chooses (or keeps) the LED location; when it changes, re-measures the kept history there.
    fn follow_candidate(&mut self) {
        let (Some(grid), Some(loc)) = (self.grid, self.locator.as_ref()) else { return };
        let next = match self.pinned {
            Some((x, y)) => {
                let (cx, cy) = grid.cell_at(x * grid.frame_w as f32, y * grid.frame_h as f32);
                Some(Candidate { cx, cy, score: f32::MAX })
            }
            None => loc.best(),
        };
        let Some(next) = next else { return };
        let keep = self.candidate.is_some_and(|c| {
            let near = c.cx.abs_diff(next.cx) <= REGION_RADIUS && c.cy.abs_diff(next.cy) <= REGION_RADIUS;
            near || next.score < 2.0 * c.score
        });
        if keep {
            return;
        }
        self.candidate = Some(next);
        self.samples = self
            .history
            .iter()
            .take(self.history.len().saturating_sub(1))
            .map(|(ht, stats)| measure(&grid, stats, next.cx, next.cy, REGION_RADIUS, *ht))
            .collect();
        self.sorted_levels = SortedLevels::of(&self.samples);
    }

    fn live_sample(&self) -> Option<Sample> {
        let (grid, c) = (self.grid?, self.candidate?);
        let (t, stats) = self.history.back()?;
        Some(measure(&grid, stats, c.cx, c.cy, REGION_RADIUS, *t))
    }

    /// Decides when the evidence allows; otherwise returns what recognition is waiting for.
    fn decide(&mut self, t: f64, intervals: &[OnInterval]) -> Option<(u32, &'static str)> {
        let elapsed = self.elapsed_s(t);
        let final_call = elapsed >= MAX_WATCH_S;
        let origin = self.start_ms.unwrap_or(t);
        if self.candidate.is_none() {
            if elapsed >= 6.0 {
                if let Verdict::Decided(mut e) = recognise(&[], 0.0, elapsed, true) {
                    if self.not_found_reason().is_some_and(|r| r != NotFound::NothingChanging) {
                        e.confidence = 0.4;
                    }
                    self.done = Some(e);
                }
            }
            return None;
        }
        let from = self.samples.first().map(|s| (s.t_ms - origin) / 1000.0).unwrap_or(0.0);
        // Blink status lights are red, blue or green: light the search found that reads white
        // (a lamp, a glint, someone passing, a colourful edge only in the sensor's noise) is
        // not the LED. A light the user tapped is read whatever its colour.
        let coloured: Vec<OnInterval>;
        let intervals = if self.pinned.is_none() {
            coloured = intervals.iter().filter(|i| i.colour != LedColour::White).copied().collect();
            &coloured[..]
        } else {
            intervals
        };
        match recognise(intervals, from, elapsed, final_call) {
            Verdict::Decided(mut e) => {
                e.observed_s = elapsed;
                e.confidence *= self.signal_quality();
                self.done = Some(e);
                None
            }
            Verdict::Waiting { flashes, waiting_for } => Some((flashes, waiting_for)),
        }
    }

    /// 0.6..1: how clearly the LED stands out from its background.
    fn signal_quality(&self) -> f64 {
        match levels(&self.samples) {
            Some((off, on)) if on - off >= 3.0 * MIN_AMPLITUDE => 1.0,
            Some((off, on)) if on - off >= MIN_AMPLITUDE => 0.85,
            _ => 0.7,
        }
    }

    /// The lowest and highest level seen, the span at least the smallest real switch.
    fn level_range(&self) -> Option<(f32, f32)> {
        let (lo, hi) = self.sorted_levels.range()?;
        Some((lo, lo + (hi - lo).max(MIN_AMPLITUDE)))
    }

    fn not_found_reason(&self) -> Option<NotFound> {
        let (_, stats) = self.history.back()?;
        let n = stats.len().max(1) as f32;
        let mean = stats.iter().map(|s| s.mean as f32).sum::<f32>() / n;
        let clipped = stats.iter().filter(|s| s.value >= 250).count() as f32 / n;
        if mean < 12.0 {
            Some(NotFound::TooDark)
        } else if clipped > 0.4 {
            Some(NotFound::Saturated)
        } else {
            Some(NotFound::NothingChanging)
        }
    }

    fn progress(&self, sample: Option<Sample>, t: f64, waiting: Option<(u32, &'static str)>) -> Progress {
        let elapsed_s = self.elapsed_s(t);
        let status = if let Some(e) = &self.done {
            Status::Done(e.clone())
        } else if self.candidate.is_none() {
            Status::Searching { hint: if elapsed_s > 2.0 { self.not_found_reason() } else { None } }
        } else {
            let (flashes, waiting_for) = waiting.unwrap_or((0, "watching"));
            Status::Watching { flashes, waiting_for }
        };
        // Relative to the range seen so far, so the chart shows off at the bottom and on at the
        // top whatever the scene's brightness; lit in its upper half (cheap: no segmentation).
        let level = sample.zip(self.level_range()).map(|(s, (lo, hi))| ((s.level - lo) / (hi - lo)).clamp(0.0, 1.0));
        let led_at = match (self.grid, self.candidate) {
            (Some(g), Some(c)) => {
                let (x, y) = g.centre(c.cx, c.cy);
                Some((x / g.frame_w as f32, y / g.frame_h as f32))
            }
            _ => None,
        };
        Progress {
            status,
            level,
            lit: level.is_some_and(|l| l > 0.5),
            colour: sample.filter(|s| s.level >= MIN_AMPLITUDE).map(|s| classify(s.colour)),
            led_at,
            elapsed_s,
        }
    }
}
