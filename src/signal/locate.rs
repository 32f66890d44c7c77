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
use super::box_mean::BoxMean;
use super::cells::{CellPlanes, Grid};
use super::tracks::{larger, Rates, Tracks};

/// Envelope memory in seconds.
const ENVELOPE_TAU_S: f32 = 4.0;
/// Event memory (half-life-ish) in seconds.
const EVENT_TAU_S: f32 = 10.0;
/// Events (slowly forgotten switch-ons) a cell needs to be a candidate.
const MIN_EVENTS: f32 = 0.9;
/// Least colourfulness of the light a cell gains when it switches on (channel spread of what it
/// adds over its own colour while off, 0..255): an LED adds narrowband light, so even a faint
/// one adds mostly one channel, while a lamp, a glint or the edge of a person passing adds
/// about as much to all three. Judged on what is added, so a coloured wall or sign behind does
/// not count, and a faint LED on a bright housing does.
const MIN_LED_CHROMA: f32 = 24.0;
/// ... and at least this many times the colourfulness the cell shows while off, which is its
/// colour noise (sensor noise, 4:2:0 colour, texture shaking past): in a noisy picture a
/// light must stand out further before its colour counts.
const CHROMA_NOISE_FACTOR: f32 = 3.0;
/// Least colourfulness of a light that stays lit, judged on its brightest spot as it is (it
/// has no off state to compare with): a status light's colour stands out plainly.
const MIN_STEADY_CHROMA: f32 = 60.0;
/// A switch-on is proposed for this long after it happened (seconds): the light's colour shows
/// fully a frame or two after the switch (the phone's noise reduction blends frames).
const FRESH_EVENT_S: f32 = 0.15;
/// How fast a cell's colour while off follows the picture (share per second).
const OFF_COLOUR_RATE: f32 = 1.0;
/// Above this share of cells switching in one frame, the change is global, not an LED.
const GLOBAL_CHANGE_SHARE: f32 = 0.1;
/// A patch of cells switching together counts as a spot while its core spans less than 1/this
/// of the camera frame's larger side (an LED, widened for shake, stays well inside that).
pub const MAX_SPOT_SHARE_INV: usize = 5;
/// A patch's core: its cells with at least this share of its strongest cell's contrast.
const CORE_SHARE: f32 = 0.5;
/// A cell that has looked like a lit coloured spot for this share of the recent time (its
/// `steady` score, which follows at a 1.5 s time constant: 0.5 after about a second lit) is a
/// candidate for a steady light.
const STEADY_CANDIDATE: f32 = 0.5;
/// The picture must have been watched this long before anything counts as steady.
const STEADY_WATCH_S: f32 = 0.5;
/// Time constant (seconds) of the steady score (`Rates::steady` in `update`).
const STEADY_TAU_S: f32 = 1.5;

/// What the finder saw at a candidate place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sighting {
    /// A compact light switched on there, in an LED colour.
    Switching,
    /// A compact coloured light has stayed lit there.
    Steady,
}

/// A place that may hold a status light, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub cx: usize,
    pub cy: usize,
    pub score: f32,
    pub sighting: Sighting,
    /// For a steady light: about how long (seconds) it has been seen lit.
    pub lit_for_s: f32,
    /// How many cells across the light is (its spot's core when it switched on; one for a
    /// steady light).
    pub extent: usize,
}

pub struct Locator {
    grid: Grid,
    /// The largest spot core, in cells (see MAX_SPOT_SHARE_INV).
    max_spot: usize,
    tracks: Tracks,
    contrast: Vec<f32>,
    /// The background around each cell: its 5x5 cells' mean brightness.
    background: Vec<f32>,
    boxes: BoxMean,
    widened: Vec<f32>,
    /// Each cell's colour while off (per channel), and the colourfulness of what it adds over
    /// that now, widened over the neighbouring cells so an over-exposed LED (white in its core)
    /// still counts by its halo.
    off_colour: [Vec<f32>; 3],
    added_chroma: Vec<u8>,
    chroma: Vec<u8>,
    /// The colourfulness of each cell's brightest spot as it is (for lights that never switch),
    /// widened the same way.
    spot_chroma: Vec<u8>,
    chroma_tmp: Vec<u8>,
    tmp: Vec<f32>,
    /// Cells that switched on in the current frame (kept to reuse its allocation).
    switched: Vec<usize>,
    /// Scratch for grouping cells into patches (marks all false between frames; lists reused).
    patch_mark: Vec<bool>,
    patch: Vec<usize>,
    visited: Vec<usize>,
    watched_s: f32,
    /// Cells that have had a counted event and may still qualify (events >= MIN_EVENTS), so the
    /// search for the best one looks at a few cells, not the whole grid, every frame.
    eventful: Vec<usize>,
}

/// Maximum over the 3x3 neighbourhood of each cell (clipped at the edges), done as a row pass then
/// a column pass over whole slices so the compiler can vectorise both.
fn max3x3<T: Copy + PartialOrd + Default>(grid: &Grid, input: &[T], tmp: &mut Vec<T>, out: &mut [T]) {
    let (w, h) = (grid.cols, grid.rows);
    if w == 0 || h == 0 || input.len() < w * h || out.len() < w * h {
        return;
    }
    // Every element is written below: a buffer of the right size is reused as it is.
    tmp.resize(w * h, T::default());
    for (src, dst) in input.chunks_exact(w).zip(tmp.chunks_exact_mut(w)) {
        if w == 1 {
            dst[0] = src[0];
            continue;
        }
        dst[0] = larger(src[0], src[1]);
        dst[w - 1] = larger(src[w - 2], src[w - 1]);
        for (((d, &l), &c), &r) in dst[1..w - 1].iter_mut().zip(&src[..w - 2]).zip(&src[1..w - 1]).zip(&src[2..]) {
            *d = larger(larger(l, c), r);
        }
    }
    for y in 0..h {
        let (a, b) = (y.saturating_sub(1), (y + 1).min(h - 1));
        let (above, here, below) = (&tmp[a * w..(a + 1) * w], &tmp[y * w..(y + 1) * w], &tmp[b * w..(b + 1) * w]);
        for (((o, &u), &c), &d) in out[y * w..(y + 1) * w].iter_mut().zip(above).zip(here).zip(below) {
            *o = larger(larger(u, c), d);
        }
    }
}

impl Locator {
    /// A locator over `grid`, whose cells are `cell_camera_px` camera pixels wide, of a camera
    /// frame whose larger side is `camera_side` pixels (a window of the frame sees spots of the
    /// same size as the whole frame would).
    pub fn new(grid: Grid, camera_side: usize, cell_camera_px: usize) -> Locator {
        let n = grid.len();
        Locator {
            grid,
            max_spot: (camera_side / MAX_SPOT_SHARE_INV / cell_camera_px.max(1)).max(3),
            tracks: Tracks::default(),
            contrast: vec![0.0; n],
            background: vec![0.0; n],
            boxes: BoxMean::new(grid.cols, grid.rows),
            widened: vec![0.0; n],
            off_colour: [Vec::new(), Vec::new(), Vec::new()],
            added_chroma: vec![0; n],
            chroma: vec![0; n],
            spot_chroma: vec![0; n],
            chroma_tmp: Vec::new(),
            tmp: Vec::new(),
            switched: Vec::new(),
            patch_mark: Vec::new(),
            patch: Vec::new(),
            visited: Vec::new(),
            watched_s: 0.0,
            eventful: Vec::new(),
        }
    }

    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Per-cell contrast of a frame: peak brightness minus the local background (the mean of
    /// the surrounding cells' means). Judged so locally because a light of a pixel or two sits on
    /// a housing of a few cells, with whatever is behind it (sky, a street) just beyond.
    fn contrast_map(&mut self, cells: &CellPlanes) {
        self.boxes.run(&cells.mean, &mut self.background);
        for ((o, &value), background) in self.contrast.iter_mut().zip(&cells.value).zip(&self.background) {
            *o = larger(value as f32 - background, 0.0);
        }
    }

    /// Feeds one frame's cell planes, `dt_s` after the previous frame.
    pub fn update(&mut self, cells: &CellPlanes, dt_s: f32) {
        let n = self.grid.len();
        if cells.value.len() != n || cells.mean.len() != n || cells.chroma.len() != n {
            return;
        }
        let grid = self.grid;
        self.contrast_map(cells);
        max3x3(&grid, &self.contrast, &mut self.tmp, &mut self.widened);
        self.added_colour(cells);
        max3x3(&grid, &self.added_chroma, &mut self.chroma_tmp, &mut self.chroma);
        max3x3(&grid, &cells.chroma, &mut self.chroma_tmp, &mut self.spot_chroma);

        let dt = dt_s.clamp(0.0, 0.5);
        self.watched_s += dt;
        let mut switched = std::mem::take(&mut self.switched);
        switched.clear();
        // The first frame (no tracks yet) starts every cell at its own contrast.
        if self.tracks.len() != grid.len() {
            self.tracks = Tracks::start(&self.widened);
        } else {
            let rates = Rates {
                envelope: (dt / ENVELOPE_TAU_S).min(1.0),
                decay: (-dt / EVENT_TAU_S).exp(),
                steady: (dt / STEADY_TAU_S).min(1.0),
                jitter: (dt / 2.0).min(1.0),
                min_steady_chroma: MIN_STEADY_CHROMA,
            };
            self.tracks.step(&self.widened, &self.chroma, &self.spot_chroma, &rates, &mut switched);
            self.follow_off_colour(cells, (dt * OFF_COLOUR_RATE).min(1.0));
            // Before new events are counted, so a cell is listed at most once.
            let events = &self.tracks.events;
            self.eventful.retain(|&i| events[i] >= MIN_EVENTS);
        }
        // Many cells switching together is a global change (exposure, a flicker band), not an
        // LED. Below that, each connected patch of switched cells is judged by its extent: an LED
        // is a compact spot, while a person or a lamp moving across makes long edges.
        if (switched.len() as f32) < GLOBAL_CHANGE_SHARE * self.grid.len() as f32 {
            self.count_spot_events(&switched);
        }
        self.switched = switched;
    }

    /// The colourfulness of what each cell adds over its colour while off: per channel the
    /// excess (nothing where it is darker), then the spread between the channels.
    fn added_colour(&mut self, cells: &CellPlanes) {
        let n = self.grid.len();
        if self.off_colour[0].len() != n {
            for (off, plane) in self.off_colour.iter_mut().zip(&cells.rgb) {
                *off = plane.iter().map(|&v| v as f32).collect();
            }
        }
        let [(r, or), (g, og), (b, ob)] = [0, 1, 2].map(|c| (&cells.rgb[c][..n], &self.off_colour[c][..n]));
        for (i, out) in self.added_chroma[..n].iter_mut().enumerate() {
            let added = [r[i] as f32 - or[i], g[i] as f32 - og[i], b[i] as f32 - ob[i]].map(|a| larger(a, 0.0));
            let (hi, lo) = (larger(larger(added[0], added[1]), added[2]), added[0].min(added[1]).min(added[2]));
            *out = (hi - lo).min(255.0) as u8;
        }
    }

    /// Cells that are off take on their current colour, at `rate`.
    fn follow_off_colour(&mut self, cells: &CellPlanes, rate: f32) {
        for (off, plane) in self.off_colour.iter_mut().zip(&cells.rgb) {
            for (i, (o, &v)) in off.iter_mut().zip(plane).enumerate() {
                if !self.tracks.is_on(i) {
                    *o += (v as f32 - *o) * rate;
                }
            }
        }
    }

    /// Adds an event to every cell that switched on, when the spot it belongs to is compact. The
    /// spot is the 8-connected patch of cells that are on now, including cells that switched on in
    /// earlier frames: the rim of a large blooming light crosses its threshold a frame or two after
    /// the core, and judged alone it would look like a small spot of its own.
    fn count_spot_events(&mut self, switched: &[usize]) {
        let (w, h) = (self.grid.cols, self.grid.rows);
        let max_extent = self.max_spot;
        let seen = &mut self.patch_mark;
        seen.resize(w * h, false);
        let mut patch = std::mem::take(&mut self.patch);
        let mut visited = std::mem::take(&mut self.visited);
        visited.clear();
        for &seed in switched {
            if seen[seed] {
                continue;
            }
            seen[seed] = true;
            visited.push(seed);
            patch.clear();
            patch.push(seed);
            let mut k = 0;
            while k < patch.len() {
                let (x, y) = (patch[k] % w, patch[k] / w);
                for ny in y.saturating_sub(1)..(y + 2).min(h) {
                    for nx in x.saturating_sub(1)..(x + 2).min(w) {
                        let j = ny * w + nx;
                        if !seen[j] && self.tracks.is_on(j) {
                            seen[j] = true;
                            visited.push(j);
                            patch.push(j);
                        }
                    }
                }
                k += 1;
            }
            // Judged by its core: the cells within CORE_SHARE of the patch's strongest. A lens
            // glow around a bright LED switches with it over a wide area, but fades away from the
            // LED; the edge of a person or a lamp moving across is strong all along its length.
            let peak = patch.iter().map(|&i| self.widened[i]).fold(0.0f32, f32::max);
            let (mut x0, mut x1, mut y0, mut y1) = (w, 0, h, 0);
            for &i in patch.iter().filter(|&&i| self.widened[i] >= CORE_SHARE * peak) {
                let (x, y) = (i % w, i / w);
                (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
            }
            if x1 >= x0 && x1 - x0 < max_extent && y1 - y0 < max_extent {
                let extent = ((x1 - x0).max(y1 - y0) + 1).min(u8::MAX as usize) as u8;
                for &i in &patch {
                    if self.tracks.switched_on(i) {
                        let before = self.tracks.events[i];
                        self.tracks.events[i] += 1.0;
                        self.tracks.extent[i] = extent;
                        self.tracks.event_at[i] = self.watched_s;
                        if before < MIN_EVENTS {
                            self.eventful.push(i);
                        }
                    }
                }
            }
        }
        for &i in &visited {
            seen[i] = false;
        }
        self.patch = patch;
        self.visited = visited;
    }

    fn centre_weight(&self, cx: usize, cy: usize) -> f32 {
        let dx = (cx as f32 + 0.5) / self.grid.cols as f32 - 0.5;
        let dy = (cy as f32 + 0.5) / self.grid.rows as f32 - 0.5;
        1.0 - 0.6 * (dx * dx + dy * dy).sqrt() / std::f32::consts::FRAC_1_SQRT_2
    }

    /// Up to `max` places of each sighting, best first: switching lights (cells with events in
    /// LED colours), then steady coloured lights. Places closer together than a spot's reach are
    /// one place.
    pub fn candidates(&self, max: usize) -> Vec<Candidate> {
        let g = &self.grid;
        let mut switching: Vec<Candidate> = Vec::new();
        for &i in &self.eventful {
            let (cx, cy) = (i % g.cols, i / g.cols);
            let (events, colour) = (self.tracks.events[i], self.tracks.colour[i]);
            // A place is proposed as it switches on, so that whatever watches it sees the light
            // from its start. Blink status lights are red, blue or green; spots that switch in
            // white are lamps, reflections and people. (A tap can still pick a white light.)
            if self.watched_s - self.tracks.event_at[i] > FRESH_EVENT_S || events < MIN_EVENTS || colour < MIN_LED_CHROMA.max(CHROMA_NOISE_FACTOR * self.tracks.colour_noise[i]) {
                continue;
            }
            let colour = 0.4 + 1.6 * (colour / 255.0).min(1.0);
            let score = events * colour * self.centre_weight(cx, cy);
            let extent = self.tracks.extent[i].max(1) as usize;
            switching.push(Candidate { cx, cy, score, sighting: Sighting::Switching, lit_for_s: 0.0, extent });
        }
        let mut steady: Vec<Candidate> = Vec::new();
        if self.watched_s >= STEADY_WATCH_S {
            for (i, &lit) in self.tracks.steady.iter().enumerate() {
                if lit < STEADY_CANDIDATE {
                    continue;
                }
                let (cx, cy) = (i % g.cols, i / g.cols);
                let score = lit * self.centre_weight(cx, cy) * self.contrast[i].max(1.0) / 255.0;
                // The score follows 1 - exp(-t / tau) while lit: how long that took.
                let lit_for_s = (-STEADY_TAU_S * (1.0 - lit.min(0.999)).ln()).min(self.watched_s);
                steady.push(Candidate { cx, cy, score, sighting: Sighting::Steady, lit_for_s, extent: 1 });
            }
        }
        let mut out = self.distinct(switching, max, &self.tracks.events);
        out.extend(self.distinct(steady, max, &self.tracks.steady));
        out
    }

    /// The best `max` candidates, each at the middle of its spot, none within a spot's reach of
    /// a better one. Ties go to the cell first in the grid.
    fn distinct(&self, mut all: Vec<Candidate>, max: usize, value: &[f32]) -> Vec<Candidate> {
        let cols = self.grid.cols;
        all.sort_by(|a, b| b.score.total_cmp(&a.score).then((a.cy * cols + a.cx).cmp(&(b.cy * cols + b.cx))));
        let reach = (self.max_spot / 2).max(1);
        let mut out: Vec<Candidate> = Vec::new();
        for c in all {
            if out.len() >= max {
                break;
            }
            if out.iter().any(|o| o.cx.abs_diff(c.cx) <= reach && o.cy.abs_diff(c.cy) <= reach) {
                continue;
            }
            out.push(self.spot_centre(c, value));
        }
        out
    }

    /// Forgets every cell's state (after a cut: what was learned of the old picture does not hold).
    pub fn restart(&mut self) {
        self.tracks = Tracks::default();
        self.eventful.clear();
        self.off_colour = [Vec::new(), Vec::new(), Vec::new()];
    }

    /// The middle of the spot around the best-scoring cell: the centroid of the cells connected
    /// to it whose `value` (events, or steadiness) is at least half its own, weighted by value.
    /// Why: every cell of a flash's patch gains the same events, and the colour weight peaks in
    /// the halo of an over-exposed LED (its core is clipped white), so the best cell alone sits
    /// on the spot's rim.
    fn spot_centre(&self, best: Candidate, value: &[f32]) -> Candidate {
        let (w, h) = (self.grid.cols, self.grid.rows);
        let reach = (self.max_spot / 2).max(1);
        let Some(&top) = value.get(best.cy * w + best.cx) else { return best };
        let floor = 0.5 * top;
        let (x0, x1) = (best.cx.saturating_sub(reach), (best.cx + reach).min(w - 1));
        let (y0, y1) = (best.cy.saturating_sub(reach), (best.cy + reach).min(h - 1));
        let side = x1 - x0 + 1;
        let mut seen = vec![false; side * (y1 - y0 + 1)];
        let mut stack = vec![(best.cx, best.cy)];
        seen[(best.cy - y0) * side + best.cx - x0] = true;
        let (mut sum, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
        while let Some((cx, cy)) = stack.pop() {
            let v = value[cy * w + cx];
            sum += v;
            sx += v * cx as f32;
            sy += v * cy as f32;
            for ny in cy.saturating_sub(1).max(y0)..=(cy + 1).min(y1) {
                for nx in cx.saturating_sub(1).max(x0)..=(cx + 1).min(x1) {
                    let k = (ny - y0) * side + nx - x0;
                    if !seen[k] && value[ny * w + nx] >= floor {
                        seen[k] = true;
                        stack.push((nx, ny));
                    }
                }
            }
        }
        if sum <= 0.0 {
            return best;
        }
        Candidate { cx: (sx / sum).round() as usize, cy: (sy / sum).round() as usize, ..best }
    }

    /// One cell's state in words, for debugging tools.
    pub fn describe_cell(&self, cx: usize, cy: usize) -> String {
        let i = cy * self.grid.cols + cx;
        format!("d={:.0} {} chroma={:.0}", self.widened[i], self.tracks.describe(i), self.chroma[i])
    }
}
