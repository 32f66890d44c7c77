//! Finding places where a status light may be: a small spot that lights up where, a moment ago,
//! nothing nearby was as bright (a switch), or a small coloured spot that stands out plainly and
//! stays lit (a steady light).
//!
//! It works on cells (a few thousand per picture) and on the picture's motion. Each frame, every
//! cell's point contrast (its brightest pixel over the mean of the cells around it) is compared
//! with the brightest point contrast among it and its neighbours a frame ago and a few frames
//! ago, at the place the picture's motion has since carried them. Something that moved is found
//! where it was (a neighbour was as bright), so texture passing by, a shaking picture and people
//! walking make no switch; a light coming on is brighter than anything was there. What rose must
//! also rise more than that cell's own wobble when nothing switches (noise, mains flicker,
//! imperfectly followed motion), belong to a compact patch, and add light in a colour (Blink
//! status lights are red, blue or green; a lamp or a glint adds white). A frame in which many
//! cells rose at once changed as a whole (exposure, a cut) and proposes nothing.
use super::box_mean::BoxMean;
use super::cells::{CellPlanes, Grid};
use super::spot;

/// Frames back the second comparison reaches: a light fading in over a few frames (the phone's
/// temporal noise reduction blends each frame with the last ones) rises a little each frame but
/// plainly against the picture three frames earlier.
const FAR_BACK: usize = 3;
/// The smallest rise of a cell's point contrast (0..255) that is a switch: above the 8-bit noise
/// of a plain housing, below the faintest light a person sees in a video (about 20).
const MIN_RISE: f32 = 12.0;
/// A rise must exceed the cell's own typical rise when nothing switches this many times: its
/// noise and clutter rise by a few of their own widths now and then, a light by many.
const WOBBLE_FACTOR: f32 = 4.0;
/// A rise must also exceed the cell's own frame-to-frame change (the mean absolute change of its
/// planes from one frame to the next) this many times: sensor noise makes every cell's peak jump
/// by about that much each frame, so noise alone seldom rises three of its widths above the
/// brightest of its neighbours' past, where a light does. (The wobble above learns only from
/// what rose, which for noise against a widened past is mostly nothing.)
const JITTER_FACTOR: f32 = 3.0;
/// How fast a cell's wobble follows (share per second): about a second of memory.
const WOBBLE_RATE: f32 = 1.0;
/// A cell's wobble is the rise it shows with nothing switching; rises above this many times the
/// threshold are switches themselves and are kept out of it.
const WOBBLE_CAP: f32 = 2.0;
/// A patch of risen cells is a spot while the extent of its core (the cells that rose at least
/// CORE_SHARE of its strongest) is below 1/this of the frame's larger side (in camera pixels): an
/// LED close up stays well inside that, while its glow, spreading wider, fades away from it; the
/// edge of a person or a screen changing is strong all along.
const MAX_SPOT_SHARE_INV: usize = 5;
const CORE_SHARE: f32 = 0.5;
/// More than this share of a picture's cells rising at once is a change of the whole picture (an
/// exposure step; cuts are the scene watch's): a light close up, with the glow it spreads over a
/// dark housing, lights a good part of a small picture, but never most of it.
const GLOBAL_SHARE: f32 = 0.25;
/// The least colourfulness of the added light ((max - min) / max channel of what rose) for a
/// status light: LED light is narrowband; white light (lamps, glints, people) adds about equally
/// to all three channels. A far LED's colour is diluted by the phone's half-resolution colour
/// (4:2:0), so this sits well below what a near LED shows (0.8-1.0).
pub const MIN_SATURATION: f32 = 0.3;
/// A steady light's colour excess must be this many times what the region's more colourful cells
/// show in that colour (see `STEADY_TYPICAL`)...
const STEADY_SALIENCE: f32 = 3.0;
/// ... those being the top tenth: the 90th percentile of the region's excess.
const STEADY_TYPICAL: f32 = 0.9;
/// ... and at least this much (0..255): a far LED's colour, diluted by the phone's 4:2:0 colour,
/// or an LED on a sunlit white housing (a pink dot on white) still stands 20 levels or more
/// above the mean of the other channels.
const STEADY_MIN_EXCESS: f32 = 20.0;
/// A steady light is lit: its peak stands this far (0..255) above its surroundings' mean.
const STEADY_MIN_CONTRAST: f32 = 20.0;
/// A point of light covers at most this many of the 25 cells around it, itself included, at half
/// its colour: a light shaken across a cell boundary, or close up, spans two or three; a sign
/// or a jacket spans many.
const STEADY_MAX_CELLS: usize = 6;
/// Two lit points this many cells apart or more (along a row) are separate lights, not one light
/// across a cell boundary.
const TWIN_MIN_CELLS: usize = 3;
/// A steady sighting must hold this long (seconds) before it is proposed.
const STEADY_HOLD_S: f32 = 0.6;

/// Planes a light may rise in: three channels' point contrast, three channels' colour excess.
const PLANES: usize = 6;

/// What the finder saw at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sighting {
    /// A compact light switched on there, in a colour.
    Switch,
    /// A compact coloured light stands out there and stays lit.
    Steady,
}

/// A place worth watching: where (camera pixels), why, and how plainly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proposal {
    pub x: f32,
    pub y: f32,
    pub sighting: Sighting,
    /// How far the rise (or the steady contrast) stood above its threshold (1 = just at it).
    pub strength: f32,
    /// The added light's colour (r, g, b rise).
    pub colour: [f32; 3],
    /// The spot's extent in camera pixels (the patch of cells that rose).
    pub size_px: usize,
    /// For a steady light: how long it has been seen lit (seconds).
    pub lit_for_s: f32,
}

/// One past frame, as the comparisons need it.
#[derive(Clone, Default)]
struct Past {
    /// Point contrast per channel and colour excess per channel (see `Finder::channel`), each
    /// widened to the largest over each cell's 3x3 neighbourhood.
    widened: [Vec<f32>; PLANES],
    /// The picture's offset (camera pixels) at that frame.
    offset: (f32, f32),
}

pub struct Finder {
    pub grid: Grid,
    /// Camera pixel of the picture's top-left corner, and camera pixels per picture pixel.
    origin: (usize, usize),
    scale: usize,
    boxes: BoxMean,
    background: Vec<f32>,
    /// Point contrast: the cell's largest channel peak over its background; and the planes a
    /// light may rise in: each channel's peak over the background, then each channel's colour
    /// excess peak (a red LED on a sunlit white housing rises in red excess only).
    contrast: Vec<f32>,
    channel: [Vec<f32>; PLANES],
    rgb: [Vec<f32>; 3],
    /// The last frames (newest last), at most FAR_BACK.
    past: Vec<Past>,
    /// The rise planes FAR_BACK frames ago, with their offset: what a rise added is judged
    /// against the cell as it was before the light came on.
    past_rgb: Vec<([Vec<f32>; PLANES], (f32, f32))>,
    wobble: Vec<f32>,
    /// Each cell's mean absolute change of its planes from one frame to the next, and the last
    /// frame's planes it is measured against.
    jitter: Vec<f32>,
    last_channel: [Vec<f32>; PLANES],
    jitter_primed: bool,
    rise: Vec<f32>,
    steady_s: Vec<f32>,
    /// Each cell's colour excess per channel (the channel over the mean of the other two).
    excess: [Vec<f32>; 3],
    /// The least colour excess a steady light needed in the last frame (over the channels).
    steady_needed: f32,
    tmp: Vec<f32>,
    max_spot_cells: usize,
    /// Whether each cell's wobble has been started from a first comparison (after the start or
    /// a restart): until then nothing is known of what rises when nothing switches.
    primed: bool,
    /// Proposals of the last frame.
    pub proposals: Vec<Proposal>,
    /// How many frames proposed nothing because the picture changed as a whole.
    pub global_changes: u32,
}

impl Finder {
    /// A finder over a `width` x `height` picture whose top-left is camera pixel `origin`, at
    /// `scale` camera pixels per picture pixel, of a camera frame whose larger side is
    /// `camera_side` pixels.
    pub fn new(width: usize, height: usize, origin: (usize, usize), scale: usize, camera_side: usize) -> Finder {
        let grid = Grid::for_frame(width, height);
        let n = grid.len();
        let cell_camera = grid.cell * scale;
        Finder {
            grid,
            origin,
            scale,
            boxes: BoxMean::new(grid.cols, grid.rows),
            background: vec![0.0; n],
            contrast: vec![0.0; n],
            channel: std::array::from_fn(|_| vec![0.0; n]),
            rgb: [vec![0.0; n], vec![0.0; n], vec![0.0; n]],
            past: Vec::new(),
            past_rgb: Vec::new(),
            wobble: vec![0.0; n],
            jitter: vec![0.0; n],
            last_channel: Default::default(),
            jitter_primed: false,
            rise: vec![0.0; n],
            steady_s: vec![0.0; n],
            excess: [vec![0.0; n], vec![0.0; n], vec![0.0; n]],
            steady_needed: 0.0,
            tmp: Vec::new(),
            max_spot_cells: (camera_side / MAX_SPOT_SHARE_INV / cell_camera.max(1)).max(2),
            primed: false,
            proposals: Vec::new(),
            global_changes: 0,
        }
    }

    /// A cell's middle in camera pixels.
    pub fn camera_point(&self, cx: usize, cy: usize) -> (f32, f32) {
        let (x, y) = self.grid.centre(cx, cy);
        (self.origin.0 as f32 + x * self.scale as f32, self.origin.1 as f32 + y * self.scale as f32)
    }

    /// The middle of (possibly fractional) cell (cx, cy) in camera pixels.
    fn camera_point_f(&self, cx: f32, cy: f32) -> (f32, f32) {
        let cell = self.grid.cell as f32;
        (self.origin.0 as f32 + (cx + 0.5) * cell * self.scale as f32, self.origin.1 as f32 + (cy + 0.5) * cell * self.scale as f32)
    }

    /// Whether a lit spot stands out from its region at camera position (x, y) in the last
    /// frame (the steady test, in the cell there or one beside it). None outside this picture.
    pub fn salient_at(&self, x: f32, y: f32) -> Option<bool> {
        let (px, py) = ((x - self.origin.0 as f32) / self.scale as f32, (y - self.origin.1 as f32) / self.scale as f32);
        if px < 0.0 || py < 0.0 || px >= self.grid.frame_w as f32 || py >= self.grid.frame_h as f32 {
            return None;
        }
        let (cx, cy) = self.grid.cell_at(px, py);
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let near = (cy.saturating_sub(1)..(cy + 2).min(rows)).flat_map(|y| (cx.saturating_sub(1)..(cx + 2).min(cols)).map(move |x| y * cols + x));
        Some(near.into_iter().any(|i| self.steady_s.get(i).is_some_and(|&s| s > 0.0)))
    }

    /// Camera pixels per cell.
    pub fn cell_px(&self) -> f32 {
        (self.grid.cell * self.scale) as f32
    }

    /// Forgets the past (after a cut: the old picture says nothing about the new one).
    pub fn restart(&mut self) {
        self.past.clear();
        self.past_rgb.clear();
        self.last_channel.iter_mut().for_each(Vec::clear);
        self.primed = false;
        self.steady_s.iter_mut().for_each(|s| *s = 0.0);
    }

    /// Feeds one frame's cell planes. `offset` is the picture's accumulated motion (camera
    /// pixels); `dt_s` the time since the last frame; `quiet` is false while the picture is
    /// disturbed (a cut settling), when nothing is proposed.
    pub fn update(&mut self, cells: &CellPlanes, offset: (f32, f32), dt_s: f32, quiet: bool) {
        let n = self.grid.len();
        self.proposals.clear();
        if cells.value.len() != n || cells.mean.len() != n {
            return;
        }
        self.boxes.run(&cells.mean, &mut self.background);
        for i in 0..n {
            self.contrast[i] = (cells.value[i] as f32 - self.background[i]).max(0.0);
            for c in 0..3 {
                self.rgb[c][i] = cells.rgb[c][i] as f32;
                self.channel[c][i] = (self.rgb[c][i] - self.background[i]).max(0.0);
                self.channel[3 + c][i] = cells.excess[c][i] as f32;
            }
        }
        self.learn_jitter(dt_s);
        if self.past.len() == FAR_BACK {
            self.compare(offset, dt_s, quiet);
        }
        let last_offset = self.past.last().map(|p| p.offset);
        self.steady(dt_s, quiet, offset, last_offset);
        // Remember this frame.
        let mut widened = if self.past.len() == FAR_BACK { self.past.remove(0).widened } else { Default::default() };
        for (w, c) in widened.iter_mut().zip(&self.channel) {
            w.resize(n, 0.0);
            max3x3(&self.grid, c, &mut self.tmp, w);
        }
        self.past.push(Past { widened, offset });
        let mut colour = if self.past_rgb.len() == FAR_BACK { self.past_rgb.remove(0).0 } else { Default::default() };
        for (dst, src) in colour.iter_mut().zip(&self.channel) {
            dst.clear();
            dst.extend_from_slice(src);
        }
        self.past_rgb.push((colour, offset));
    }

    /// Follows each cell's frame-to-frame change (see JITTER_FACTOR); a change far above the
    /// threshold it sets (a light switching) counts only up to WOBBLE_CAP times it.
    fn learn_jitter(&mut self, dt_s: f32) {
        let n = self.grid.len();
        let first = self.last_channel.iter().any(|c| c.len() != n);
        let rate = (dt_s * WOBBLE_RATE).clamp(0.0, 1.0);
        if !first {
            for i in 0..n {
                let change = (0..PLANES).map(|c| (self.channel[c][i] - self.last_channel[c][i]).abs()).fold(0.0f32, f32::max);
                let cap = WOBBLE_CAP * MIN_RISE.max(JITTER_FACTOR * self.jitter[i]) / JITTER_FACTOR;
                // The first change seen starts the cell's jitter (as the first comparison starts
                // its wobble): noise is there from the first frame.
                let rate = if self.jitter_primed { rate } else { 1.0 };
                self.jitter[i] += (change.min(cap) - self.jitter[i]) * rate;
            }
        }
        self.jitter_primed = !first;
        for (last, now) in self.last_channel.iter_mut().zip(&self.channel) {
            last.clear();
            last.extend_from_slice(now);
        }
    }

    /// The least rise that is a switch in cell `i`.
    fn threshold(&self, i: usize) -> f32 {
        MIN_RISE.max(WOBBLE_FACTOR * self.wobble[i]).max(JITTER_FACTOR * self.jitter[i])
    }

    /// The rise of every cell over the compensated past, the wobble, and the switch proposals.
    fn compare(&mut self, offset: (f32, f32), dt_s: f32, quiet: bool) {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let n = cols * rows;
        let cell = self.cell_px();
        // Whole cells the picture moved since each past frame.
        let moved = |p: (f32, f32)| (((offset.0 - p.0) / cell).round() as isize, ((offset.1 - p.1) / cell).round() as isize);
        let last = &self.past[FAR_BACK - 1];
        let first = &self.past[0];
        let (m1, mk) = (moved(last.offset), moved(first.offset));
        let at = |map: &[f32], cx: usize, cy: usize, m: (isize, isize)| -> Option<f32> {
            let (x, y) = (cx as isize - m.0, cy as isize - m.1);
            (x >= 0 && y >= 0 && (x as usize) < cols && (y as usize) < rows).then(|| map[y as usize * cols + x as usize])
        };
        let mut risen = 0usize;
        for cy in 0..rows {
            for cx in 0..cols {
                let i = cy * cols + cx;
                // Each channel against its own past: on a sunlit white housing a red LED raises
                // only red, whose peak was below full. Where the past cannot be seen (the picture
                // moved in from outside), nothing rose.
                let mut rise = f32::MIN;
                for c in 0..PLANES {
                    let before = match (at(&last.widened[c], cx, cy, m1), at(&first.widened[c], cx, cy, mk)) {
                        (Some(a), Some(b)) => a.max(b),
                        _ => f32::MAX,
                    };
                    rise = rise.max(self.channel[c][i] - before);
                }
                self.rise[i] = rise;
                if rise > MIN_RISE {
                    risen += 1;
                }
            }
        }
        if !self.primed {
            // The first comparison starts every cell's wobble at what it rose then.
            for (w, &r) in self.wobble.iter_mut().zip(&self.rise) {
                *w = r.max(0.0);
            }
            self.primed = true;
            return;
        }
        let rate = (dt_s * WOBBLE_RATE).clamp(0.0, 1.0);
        let global = risen as f32 > GLOBAL_SHARE * n as f32;
        if global {
            self.global_changes += 1;
        }
        let mut switched: Vec<usize> = Vec::new();
        for i in 0..n {
            let threshold = self.threshold(i);
            let rise = self.rise[i];
            if rise > threshold && !global && quiet {
                switched.push(i);
            }
            // The wobble learns from what rises when nothing switches.
            if rise <= WOBBLE_CAP * threshold && !global {
                let r = rise.max(0.0);
                self.wobble[i] += (r - self.wobble[i]) * rate;
            }
        }
        self.patches(&switched, mk);
    }

    /// Groups switched cells into 8-connected patches and proposes each compact, coloured one.
    fn patches(&mut self, switched: &[usize], mk: (isize, isize)) {
        let cols = self.grid.cols;
        let mut done = vec![false; switched.len()];
        for s in 0..switched.len() {
            if done[s] {
                continue;
            }
            done[s] = true;
            let mut patch = vec![switched[s]];
            let mut k = 0;
            while k < patch.len() {
                let (x, y) = ((patch[k] % cols) as isize, (patch[k] / cols) as isize);
                for (t, &j) in switched.iter().enumerate() {
                    if !done[t] && ((j % cols) as isize - x).abs() <= 1 && ((j / cols) as isize - y).abs() <= 1 {
                        done[t] = true;
                        patch.push(j);
                    }
                }
                k += 1;
            }
            let peak = patch.iter().map(|&i| self.rise[i]).fold(0.0f32, f32::max);
            let core: Vec<usize> = patch.iter().copied().filter(|&i| self.rise[i] >= CORE_SHARE * peak).collect();
            let (x0, x1) = (core.iter().map(|&i| i % cols).min().unwrap_or(0), core.iter().map(|&i| i % cols).max().unwrap_or(0));
            let (y0, y1) = (core.iter().map(|&i| i / cols).min().unwrap_or(0), core.iter().map(|&i| i / cols).max().unwrap_or(0));
            if x1 - x0 + 1 > self.max_spot_cells || y1 - y0 + 1 > self.max_spot_cells {
                continue;
            }
            let Some(&top) = patch.iter().max_by(|&&a, &&b| self.rise[a].total_cmp(&self.rise[b])) else { continue };
            let colour = self.added_colour(top, mk);
            if saturation(colour) < MIN_SATURATION {
                continue;
            }
            let threshold = self.threshold(top);
            // The light sits in the middle of the core, weighted by how much each cell rose: a
            // large clipped light rises most in its rim (its core was near full or is white),
            // so its strongest cell is off its middle.
            let weight: f32 = core.iter().map(|&i| self.rise[i]).sum();
            let (sx, sy) = core.iter().fold((0.0f32, 0.0f32), |(ax, ay), &i| (ax + self.rise[i] * (i % cols) as f32, ay + self.rise[i] * (i / cols) as f32));
            let (mx, my) = if weight > 0.0 { (sx / weight, sy / weight) } else { ((top % cols) as f32, (top / cols) as f32) };
            let (x, y) = self.camera_point_f(mx, my);
            let size_px = ((x1 - x0).max(y1 - y0) + 1) * self.grid.cell * self.scale;
            self.proposals.push(Proposal { x, y, sighting: Sighting::Switch, strength: self.rise[top] / threshold, colour, size_px, lit_for_s: 0.0 });
        }
    }

    /// What cell `i` gained per channel against the same place FAR_BACK frames ago (nothing
    /// where it lost): the rise of each channel's peak plus the rise of its colour excess.
    fn added_colour(&self, i: usize, mk: (isize, isize)) -> [f32; 3] {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let (cx, cy) = ((i % cols) as isize - mk.0, (i / cols) as isize - mk.1);
        let Some((before, _)) = self.past_rgb.first() else { return [0.0; 3] };
        if cx < 0 || cy < 0 || cx as usize >= cols || cy as usize >= rows {
            return [0.0; 3];
        }
        let j = cy as usize * cols + cx as usize;
        [0, 1, 2].map(|c| (self.channel[c][i] - before[c][j]).max(0.0) + (self.channel[3 + c][i] - before[3 + c][j]).max(0.0))
    }

    /// Cells whose spot stands out plainly in a colour: how long each has, and the proposals of
    /// those that have held long enough.
    ///
    /// A lit status LED is a point of one clear colour. Its colour is measured as the excess of
    /// one channel over the mean of the other two (red, green, blue: the projections of the
    /// spot's colour on the three LED hues), and it must stand out against the region: several
    /// times the excess that a tenth of the region's cells reach in that channel (grass is
    /// green, a sunset red, a TV anything; a lit LED is one of its kind), and as a point (few
    /// cells around it as colourful), lit above its surroundings.
    fn steady(&mut self, dt_s: f32, quiet: bool, offset: (f32, f32), last_offset: Option<(f32, f32)>) {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let n = cols * rows;
        for (c, plane) in self.excess.iter_mut().enumerate() {
            plane.clear();
            plane.extend_from_slice(&self.channel[3 + c]);
        }
        let typical = self.excess.each_ref().map(|plane| percentile_0_255(plane, STEADY_TYPICAL));
        let needed = typical.map(|t| STEADY_MIN_EXCESS.max(STEADY_SALIENCE * t));
        self.steady_needed = needed[0].min(needed[1]).min(needed[2]);
        // The hold carries over from the cell or a neighbour where the picture's motion put it
        // (the picture shakes across cells).
        let before = std::mem::take(&mut self.steady_s);
        let mut held = vec![0.0f32; n];
        max3x3(&self.grid, &before, &mut self.tmp, &mut held);
        self.steady_s = before;
        let cell = self.cell_px();
        let moved = last_offset.map(|p| (((offset.0 - p.0) / cell).round() as isize, ((offset.1 - p.1) / cell).round() as isize)).unwrap_or((0, 0));
        let held_at = |cx: usize, cy: usize| -> f32 {
            let (x, y) = (cx as isize - moved.0, cy as isize - moved.1);
            if x < 0 || y < 0 || x as usize >= cols || y as usize >= rows { 0.0 } else { held[y as usize * cols + x as usize] }
        };
        for i in 0..n {
            let (cx, cy) = (i % cols, i / cols);
            let c = (0..3).max_by(|&a, &b| self.excess[a][i].total_cmp(&self.excess[b][i])).unwrap_or(0);
            let e = self.excess[c][i];
            // Lit above its surroundings, unless they are near full: there a light shows only as
            // a change of colour (see `spot::light_of`).
            let lit_above = self.contrast[i] >= STEADY_MIN_CONTRAST || self.background[i] + spot::NO_HEADROOM >= 255.0;
            let lit = quiet && e >= needed[c] && lit_above && self.is_point(cx, cy, c, e);
            self.steady_s[i] = if lit { held_at(cx, cy).max(0.0) + dt_s } else { 0.0 };
        }
        // A lit point with a twin beside it (the same colour, as bright, level with it, some way
        // off) is one of a pair of lamps: a car's brake lights. A Blink device shows one status
        // light of a colour (the Sync Module's two are blue and green).
        for i in 0..n {
            if self.steady_s[i] > 0.0 && self.has_twin(i) {
                self.steady_s[i] = -1.0;
            }
        }
        for i in 0..n {
            let (cx, cy) = (i % cols, i / cols);
            let s = self.steady_s[i];
            if s < STEADY_HOLD_S {
                continue;
            }
            // One proposal per spot: its cell of largest excess.
            let c = (0..3).max_by(|&a, &b| self.excess[a][i].total_cmp(&self.excess[b][i])).unwrap_or(0);
            let e = self.excess[c][i];
            let top = (cy.saturating_sub(1)..(cy + 2).min(rows)).all(|y| (cx.saturating_sub(1)..(cx + 2).min(cols)).all(|x| self.excess[c][y * cols + x] <= e));
            if !top {
                continue;
            }
            let (x, y) = self.camera_point(cx, cy);
            let colour = [0, 1, 2].map(|k| self.rgb[k][i] - self.background[i]);
            self.proposals.push(Proposal { x, y, sighting: Sighting::Steady, strength: e / needed[c], colour, size_px: self.grid.cell * self.scale, lit_for_s: s });
        }
    }

    /// Whether the lit point at cell i has a twin: another lit point of the same colour, within
    /// half to twice its colour excess, on its row of cells (or the next), at least TWIN_MIN_CELLS
    /// and at most a third of the picture's width away, with less lit cells between them.
    fn has_twin(&self, i: usize) -> bool {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let (cx, cy) = (i % cols, i / cols);
        let c = (0..3).max_by(|&a, &b| self.excess[a][i].total_cmp(&self.excess[b][i])).unwrap_or(0);
        let e = self.excess[c][i];
        let far = (cols / 3).max(TWIN_MIN_CELLS + 1);
        for y in cy.saturating_sub(1)..(cy + 2).min(rows) {
            for x in cx.saturating_sub(far)..(cx + far + 1).min(cols) {
                let j = y * cols + x;
                if x.abs_diff(cx) < TWIN_MIN_CELLS || self.steady_s[j] == 0.0 {
                    continue;
                }
                let d = (0..3).max_by(|&a, &b| self.excess[a][j].total_cmp(&self.excess[b][j])).unwrap_or(0);
                let f = self.excess[d][j];
                // Separate lamps have darker cells between them; a large light close up spans
                // several cells with no gap (its own far side is no twin).
                let (lo, hi) = (cx.min(x), cx.max(x));
                let gap = (lo + 1..hi).any(|gx| self.excess[c][y * cols + gx] < 0.5 * e && self.excess[c][cy * cols + gx] < 0.5 * e);
                if d == c && f >= 0.5 * e && f <= 2.0 * e && gap {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the colour excess `e` of channel `c` at cell (cx, cy) is a point: few cells of the
    /// 5x5 around it reach half of it (a sign, a jacket, a screen are colourful over many).
    fn is_point(&self, cx: usize, cy: usize, c: usize, e: f32) -> bool {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let mut count = 0;
        for y in cy.saturating_sub(2)..(cy + 3).min(rows) {
            for x in cx.saturating_sub(2)..(cx + 3).min(cols) {
                count += (self.excess[c][y * cols + x] >= 0.5 * e) as usize;
            }
        }
        count <= STEADY_MAX_CELLS || self.is_compact_blob(cx, cy, c, e)
    }

    /// Whether the cells around (cx, cy) holding at least half its colour excess `e` in channel
    /// `c` form a compact blob: connected, no wider than the largest switching spot, and filling a
    /// good part of its box (a light close up is a disc; grass or a sign's lettering spread).
    fn is_compact_blob(&self, cx: usize, cy: usize, c: usize, e: f32) -> bool {
        let (cols, rows) = (self.grid.cols, self.grid.rows);
        let most = self.max_spot_cells.max(2);
        let mut seen = vec![(cx, cy)];
        let mut k = 0;
        let (mut x0, mut x1, mut y0, mut y1) = (cx, cx, cy, cy);
        while k < seen.len() {
            let (x, y) = seen[k];
            k += 1;
            for ny in y.saturating_sub(1)..(y + 2).min(rows) {
                for nx in x.saturating_sub(1)..(x + 2).min(cols) {
                    if self.excess[c][ny * cols + nx] >= 0.5 * e && !seen.contains(&(nx, ny)) {
                        seen.push((nx, ny));
                        (x0, x1, y0, y1) = (x0.min(nx), x1.max(nx), y0.min(ny), y1.max(ny));
                        if x1 - x0 >= most || y1 - y0 >= most {
                            return false;
                        }
                    }
                }
            }
        }
        let area = (x1 - x0 + 1) * (y1 - y0 + 1);
        2 * seen.len() >= area
    }
}

/// The value below which `share` of a plane's values lie, counted in whole levels 0..255 (the
/// planes hold byte differences; negative values count as 0).
fn percentile_0_255(plane: &[f32], share: f32) -> f32 {
    let mut counts = [0u32; 256];
    for &v in plane {
        counts[v.clamp(0.0, 255.0) as usize] += 1;
    }
    let target = (share * plane.len() as f32) as u32;
    let mut seen = 0;
    for (level, &k) in counts.iter().enumerate() {
        seen += k;
        if seen > target {
            return level as f32;
        }
    }
    255.0
}

/// (max - min) / max of a colour: 0 for grey, 1 for a pure primary.
pub fn saturation(c: [f32; 3]) -> f32 {
    let max = c[0].max(c[1]).max(c[2]);
    if max <= 0.0 {
        return 0.0;
    }
    (max - c[0].min(c[1]).min(c[2])) / max
}

/// out[i] = the largest value over the 3x3 cells around i (those inside the grid).
fn max3x3(grid: &Grid, input: &[f32], tmp: &mut Vec<f32>, out: &mut [f32]) {
    let (w, h) = (grid.cols, grid.rows);
    tmp.resize(w * h, 0.0);
    for (src, dst) in input.chunks_exact(w).zip(tmp.chunks_exact_mut(w)) {
        for x in 0..w {
            let (a, b) = (x.saturating_sub(1), (x + 1).min(w - 1));
            dst[x] = src[a].max(src[x]).max(src[b]);
        }
    }
    for y in 0..h {
        let (a, b) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            out[y * w + x] = tmp[a * w + x].max(tmp[y * w + x]).max(tmp[b * w + x]);
        }
    }
}


/// Developer traces in words (the examples' debugging aids): built only for native tools,
/// never into the app's wasm, whose words come from the UI's catalogue.
#[cfg(not(target_arch = "wasm32"))]
impl Finder {
    /// The cell at camera position (x, y) in words, for debugging tools.
    pub fn describe(&self, x: f32, y: f32) -> String {
        let (px, py) = ((x - self.origin.0 as f32) / self.scale as f32, (y - self.origin.1 as f32) / self.scale as f32);
        let (cx, cy) = self.grid.cell_at(px, py);
        let i = cy * self.grid.cols + cx;
        format!(
            "[{cx},{cy}] d={:.0} rise={:.0} wob={:.1} jit={:.1} rgb={:?} bg={:.0} steady={:.2}s need={:.0}",
            self.contrast[i],
            self.rise[i],
            self.wobble[i],
            self.jitter[i],
            [0, 1, 2].map(|c| self.rgb[c][i] as u8),
            self.background[i],
            self.steady_s[i],
            self.steady_needed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planes(grid: &Grid, value: impl Fn(usize, usize) -> (u8, [u8; 3]), mean: u8) -> CellPlanes {
        let n = grid.len();
        let mut p = CellPlanes { value: vec![0; n], mean: vec![mean; n], chroma: vec![0; n], rgb: [vec![0; n], vec![0; n], vec![0; n]], excess: [vec![0; n], vec![0; n], vec![0; n]] };
        for cy in 0..grid.rows {
            for cx in 0..grid.cols {
                let i = cy * grid.cols + cx;
                let (v, rgb) = value(cx, cy);
                p.value[i] = v;
                for c in 0..3 {
                    p.rgb[c][i] = rgb[c];
                    let (a, b) = (rgb[(c + 1) % 3] as i16, rgb[(c + 2) % 3] as i16);
                    p.excess[c][i] = (rgb[c] as i16 - (a + b) / 2).max(0) as u8;
                }
            }
        }
        p
    }

    /// Texture: a pattern of bright points over the grid, shifted by (sx, sy) cells.
    fn texture(sx: isize, sy: isize) -> impl Fn(usize, usize) -> (u8, [u8; 3]) {
        move |cx, cy| {
            let (x, y) = (cx as isize - sx, cy as isize - sy);
            let v = if (x * 7 + y * 13).rem_euclid(5) == 0 { 150 } else { 40 };
            (v as u8, [v as u8, v as u8, v as u8])
        }
    }

    #[test]
    fn a_light_coming_on_is_proposed_but_moving_texture_is_not() {
        let grid = Grid::for_frame(240, 240);
        let mut f = Finder::new(240, 240, (0, 0), 1, 240);
        let cell = grid.cell as f32;
        // The picture moves one cell a frame; the finder is told so (and learns each cell's
        // wobble meanwhile).
        for k in 0..12 {
            let p = planes(&grid, texture(k, 0), 30);
            f.update(&p, (k as f32 * cell, 0.0), 1.0 / 30.0, true);
            assert!(f.proposals.is_empty(), "frame {k}: {:?}", f.proposals);
        }
        // A red light comes on at cell (20, 20), which the texture leaves dark there.
        let tex = texture(12, 0);
        let lit = |cx: usize, cy: usize| if (cx, cy) == (20, 20) { (220, [220, 40, 30]) } else { tex(cx, cy) };
        let p = planes(&grid, lit, 30);
        f.update(&p, (12.0 * cell, 0.0), 1.0 / 30.0, true);
        assert_eq!(f.proposals.len(), 1, "{:?}", f.proposals);
        let (x, y) = f.camera_point(20, 20);
        assert_eq!((f.proposals[0].x, f.proposals[0].y), (x, y));
    }

    #[test]
    fn a_white_light_and_a_whole_picture_change_are_not_proposed() {
        let grid = Grid::for_frame(240, 240);
        let mut f = Finder::new(240, 240, (0, 0), 1, 240);
        let dark = |_: usize, _: usize| (30u8, [30u8, 30, 30]);
        for _ in 0..12 {
            f.update(&planes(&grid, dark, 30), (0.0, 0.0), 1.0 / 30.0, true);
        }
        let white = |cx: usize, cy: usize| if (cx, cy) == (10, 10) { (240, [240, 235, 230]) } else { (30, [30, 30, 30]) };
        f.update(&planes(&grid, white, 30), (0.0, 0.0), 1.0 / 30.0, true);
        assert!(f.proposals.is_empty(), "{:?}", f.proposals);
        let bright = |cx: usize, cy: usize| if (cx + cy) % 3 == 0 { (200, [200, 60, 50]) } else { (30, [30, 30, 30]) };
        f.update(&planes(&grid, bright, 30), (0.0, 0.0), 1.0 / 30.0, true);
        assert!(f.proposals.is_empty(), "{:?}", f.proposals);
        assert_eq!(f.global_changes, 1);
    }
}
