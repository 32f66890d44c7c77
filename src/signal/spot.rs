//! Measuring one light at the camera's resolution: how much light a small spot adds over its
//! immediate surroundings, and in which colour.
//!
//! A status LED is a small source that adds narrowband light. Its response here is what a centre
//! box adds over each of the four sides of a ring around it, taken against the side it stands out
//! from least: a light must stand out against its surroundings in every direction, so the edge of
//! a housing, a bright sky beside a dark wall or the side of a colour bar (bright on one side)
//! gives nothing, while a dot does. The ring sits close (a few pixels for a 1-2 px LED), so what
//! moves further away — traffic behind a camera body, people, a TV — does not reach it.
//!
//! What a spot adds is judged per channel, and counts as light in two ways: as brightness (the
//! channel that rose most) and as colour (how far the added light's hue stands from grey, on the
//! opponent axes). On a dark housing a lit LED raises its channel a lot; on a sunlit white
//! housing the channels are near full already, and the LED shows as a change of colour: its
//! channel rises a little while the phone's colour matrix pulls the other two down. Colour only
//! counts alongside a channel that rose (a light adds; a spot that only lost a colour is no
//! light), and at most COLOUR_PER_RISE times that rise.

/// Centre half-sizes (pixels) a light can be measured at: centre boxes of 1, 3, 5, 9, 17 and 33 px
/// a side, from a far LED of a pixel or two to a phone held close to a blooming one.
pub const SCALES: [usize; 6] = [0, 1, 2, 4, 8, 16];
/// A pixel with any channel at or above this is clipped: its colour says nothing.
pub const CLIPPED: u8 = 250;

/// The box geometry at one scale: a centre of `half` either side, a gap, and a ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kernel {
    pub half: usize,
}

impl Kernel {
    /// Half-size of the box the ring starts outside of: the centre plus a gap as wide again, for
    /// the lens' blur around the light.
    pub fn inner(&self) -> usize {
        2 * self.half + 1
    }

    /// Half-size of the ring's outer edge.
    pub fn outer(&self) -> usize {
        3 * self.half + 3
    }
}

/// One frame's measurement of a light.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpotReading {
    /// What the centre adds over its brightest surrounding side, 0..255 (0 when it adds nothing).
    pub level: f32,
    /// The added light's colour (r, g, b excess, summed over the unclipped pixels of the spot).
    pub colour: [f32; 3],
    /// Where the light is (camera pixels), the middle of the best centre box.
    pub x: usize,
    pub y: usize,
    /// The mean colour of its brightest surrounding side (0..255 a channel).
    pub surround: [f32; 3],
    /// Whether the centre is what each side of its ring shows plus light (`adds_over_ring`).
    pub adds: bool,
}

/// Colour counts for at most this many times the rise of the channel that rose most: a phone's
/// colour matrix takes at most about half of a channel's signal from each of the others, so an
/// LED's added colour stands at most a few times its own channel's rise, even where that channel
/// clipped; a larger colour change with a small rise is something else changing colour.
pub const COLOUR_PER_RISE: f32 = 3.0;

/// Below this much headroom (255 minus the surroundings' largest channel) a surface is near full:
/// light added there cannot show as brightness (the channels clip, and the phone's colour matrix
/// and tone curve can even darken the spot), only as a change of colour. A red LED on a sunlit
/// white housing shows as a pink dot, no brighter than the white around it.
pub const NO_HEADROOM: f32 = 40.0;

/// How much light a change of a spot's mean colour `d` (signed r, g, b) counts as, over a
/// surrounding whose largest channel is `around`: the largest channel rise, or the colour's
/// distance from grey where that is larger (capped by COLOUR_PER_RISE times the rise); nothing
/// when no channel rose, unless the surroundings had no headroom to show a rise (then the colour
/// alone counts).
#[inline]
pub fn light_of(d: [f32; 3], around: f32) -> f32 {
    let rise = d[0].max(d[1]).max(d[2]);
    let (x, y) = (d[0] - 0.5 * (d[1] + d[2]), 0.866_025_4 * (d[1] - d[2]));
    let chroma = (x * x + y * y).sqrt();
    if 255.0 - around < NO_HEADROOM {
        return rise.max(chroma);
    }
    if rise <= 0.0 {
        return 0.0;
    }
    rise.max(chroma.min(COLOUR_PER_RISE * rise))
}

/// The most a light takes from one channel, as a share of its largest channel's rise, where the
/// surface has headroom: a phone's colour matrix subtracts about a third, at most half, of a
/// channel's signal from the others (see COLOUR_PER_RISE), so an LED coming on lowers no channel
/// by more than that. Cyan text appearing on grey (red falls as much as green and blue rise), a
/// screen changing picture or a bright thing leaving lowers channels by more: a change of
/// colour, not a light. Judged on a whole spot, never one pixel (4:2:0 video moves a small green
/// light's colour into neighbours whose red and blue fall more than their green rises).
pub const MAX_FALL_PER_RISE: f32 = 0.75;

/// `light_of` for what a spot gained since it was last seen off (on minus off, signed r, g, b,
/// a whole spot's mean): nothing where a channel fell by more than MAX_FALL_PER_RISE of the
/// rise, over surroundings with headroom to show one (see NO_HEADROOM).
pub fn added_light_of(d: [f32; 3], around: f32) -> f32 {
    if 255.0 - around >= NO_HEADROOM && takes_light(d, 0.0) {
        return 0.0;
    }
    light_of(d, around)
}

/// A channel may fall by this much (0..255) beyond what the colour matrix takes (see
/// `adds_over`) and the spot still add light: the 8-bit noise of a box's mean and of a one-pixel
/// light's own pixel.
const FALL_NOISE: f32 = 6.0;

/// On a surface near full (NO_HEADROOM), the most a light lowers a channel, as a share of the
/// surface's own level in it: the colour matrix subtracts from the other channels a fraction
/// (at most about half) of the light's channel, and a channel that clipped in the sensor passes
/// on no more, so a red LED on a sunlit white housing leaves a pink dot with green and blue a
/// third or so lower; a patch that lacks a channel altogether (a red bar beside magenta) was
/// never that surface lit.
const NO_HEADROOM_FALL_SHARE: f32 = 0.5;

/// Whether a spot whose mean colour differs from a surface's `side` (r, g, b) by `d` is that
/// surface plus light. Where the surface has headroom, no channel fell by more than
/// MAX_FALL_PER_RISE of the largest rise; where it is near full, no channel fell by more than
/// NO_HEADROOM_FALL_SHARE of its level. Pigment and screens take light away; a light adds it.
pub fn adds_over(d: [f32; 3], side: [f32; 3]) -> bool {
    let around = side[0].max(side[1]).max(side[2]);
    if 255.0 - around < NO_HEADROOM {
        return (0..3).all(|c| -d[c] <= NO_HEADROOM_FALL_SHARE * side[c] + FALL_NOISE);
    }
    !takes_light(d, FALL_NOISE)
}

/// Whether a change of colour `d` lowers some channel by more than MAX_FALL_PER_RISE of its
/// largest rise, plus `slack`: more than a light's colour matrix takes, so something took light
/// away (pigment, a screen, a bright thing leaving).
fn takes_light(d: [f32; 3], slack: f32) -> bool {
    let (rise, fall) = (d[0].max(d[1]).max(d[2]), -d[0].min(d[1]).min(d[2]));
    fall > MAX_FALL_PER_RISE * rise.max(0.0) + slack
}

/// Whether the kernel's centre at (x, y) adds light over every side of its ring (`adds_over`),
/// from the tables `responses` built (the position must be one of its map's). A light's glow
/// fades on all sides of it; a colour patch lacks some of the light of a side it borders (a bar
/// beside another colour, a coloured sign on grey).
pub fn adds_over_ring(sums: &Sums, k: Kernel, x: usize, y: usize) -> bool {
    let centre = sums.mean((x - k.half, x + k.half + 1, y - k.half, y + k.half + 1));
    sides(k, x, y).into_iter().all(|s| {
        let side = sums.mean(s);
        adds_over([centre[0] - side[0], centre[1] - side[1], centre[2] - side[2]], side)
    })
}

/// The added light's colour must be at least this share of its light for it to count as a
/// status light's (`coloured_light_of`): an LED's light is narrowband, so even diluted by the
/// phone's half-resolution colour its colour is a good part of it; a glint, a lamp or a white
/// housing edge adds grey.
pub const MIN_COLOUR_SHARE: f32 = 0.25;

/// `light_of`, for light that must be coloured: nothing where the added light is grey.
#[inline]
pub fn coloured_light_of(d: [f32; 3], around: f32) -> f32 {
    let light = light_of(d, around);
    let (x, y) = (d[0] - 0.5 * (d[1] + d[2]), 0.866_025_4 * (d[1] - d[2]));
    if (x * x + y * y).sqrt() < MIN_COLOUR_SHARE * light { 0.0 } else { light }
}

/// Summed-area tables of the red, green and blue bytes over a rectangle of a window, in camera
/// coordinates.
#[derive(Default)]
pub struct Sums {
    x0: usize,
    y0: usize,
    w: usize,
    h: usize,
    /// table[c][(y + 1) * (w + 1) + (x + 1)] = sum of channel c over x0..=x0 + x, y0..=y0 + y.
    table: [Vec<u32>; 3],
}

impl Sums {
    /// Fills the tables over camera rectangle (x0, y0, w, h) of `window`, which must hold it.
    pub fn build(&mut self, window: &super::view::Window, x0: usize, y0: usize, w: usize, h: usize) {
        (self.x0, self.y0, self.w, self.h) = (x0, y0, w, h);
        let stride = w + 1;
        let win = window.rect;
        for (c, table) in self.table.iter_mut().enumerate() {
            table.clear();
            table.resize(stride * (h + 1), 0);
            for y in 0..h {
                let row = &window.rgba[((y0 + y - win.y) * win.w + (x0 - win.x)) * 4..][..w * 4];
                let mut run = 0u32;
                let (above, here) = table.split_at_mut((y + 1) * stride);
                let above = &above[y * stride..];
                for (x, px) in row.chunks_exact(4).enumerate() {
                    run += px[c] as u32;
                    here[x + 1] = above[x + 1] + run;
                }
            }
        }
    }

    /// Per-channel sums over camera x in xa..xb, y in ya..yb (half-open), inside the tables.
    #[inline(always)]
    fn sum(&self, xa: usize, xb: usize, ya: usize, yb: usize) -> [u32; 3] {
        let s = self.w + 1;
        let (xa, xb, ya, yb) = (xa - self.x0, xb - self.x0, ya - self.y0, yb - self.y0);
        [0, 1, 2].map(|c| {
            let t = &self.table[c];
            t[yb * s + xb] + t[ya * s + xa] - t[ya * s + xb] - t[yb * s + xa]
        })
    }

    /// Per-channel means over a rectangle (xa, xb, ya, yb).
    #[inline(always)]
    fn mean(&self, r: (usize, usize, usize, usize)) -> [f32; 3] {
        let n = area(r);
        self.sum(r.0, r.1, r.2, r.3).map(|v| v as f32 / n)
    }
}

/// The four sides of a ring, as half-open camera rectangles (xa, xb, ya, yb): top and bottom
/// full width, left and right between them.
fn sides(k: Kernel, x: usize, y: usize) -> [(usize, usize, usize, usize); 4] {
    let (i, o) = (k.inner(), k.outer());
    [
        (x - o, x + o + 1, y - o, y - i),
        (x - o, x + o + 1, y + i + 1, y + o + 1),
        (x - o, x - i, y - i, y + i + 1),
        (x + i + 1, x + o + 1, y - i, y + i + 1),
    ]
}

fn area((xa, xb, ya, yb): (usize, usize, usize, usize)) -> f32 {
    ((xb - xa) * (yb - ya)) as f32
}

/// The response at (x, y) from the tables: the light the centre adds over the ring side it
/// stands out from least, and which side that was. With `coloured`, grey light counts as none.
#[inline]
fn response(sums: &Sums, k: Kernel, x: usize, y: usize, coloured: bool) -> (f32, usize) {
    let centre = sums.mean((x - k.half, x + k.half + 1, y - k.half, y + k.half + 1));
    let mut best = (f32::MAX, 0);
    for (n, s) in sides(k, x, y).into_iter().enumerate() {
        let side = sums.mean(s);
        let d = [centre[0] - side[0], centre[1] - side[1], centre[2] - side[2]];
        let around = side[0].max(side[1]).max(side[2]);
        let light = if coloured { coloured_light_of(d, around) } else { light_of(d, around) };
        if light < best.0 {
            best = (light, n);
        }
    }
    best
}

/// The response at every position of a search, in camera coordinates: what a light there would
/// add over its surroundings, and which ring side was the brightest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseMap {
    pub x0: usize,
    pub y0: usize,
    pub w: usize,
    pub h: usize,
    pub values: Vec<f32>,
    pub sides: Vec<u8>,
}

impl ResponseMap {
    /// The value at camera position (x, y), if the map covers it.
    pub fn get(&self, x: usize, y: usize) -> Option<f32> {
        (x >= self.x0 && y >= self.y0 && x < self.x0 + self.w && y < self.y0 + self.h).then(|| self.values[(y - self.y0) * self.w + (x - self.x0)])
    }

    /// This map with each value replaced by the largest within `s` positions (a square), so that
    /// a light that sat there, moved by hand shake since, is still covered.
    pub fn dilated(&self, s: usize, out: &mut ResponseMap) {
        let (w, h) = (self.w, self.h);
        *out = ResponseMap { values: vec![f32::MIN; w * h], sides: Vec::new(), ..*self };
        let mut rows = vec![f32::MIN; w * h];
        for y in 0..h {
            for x in 0..w {
                let (a, b) = (x.saturating_sub(s), (x + s).min(w - 1));
                rows[y * w + x] = self.values[y * w + a..=y * w + b].iter().copied().fold(f32::MIN, f32::max);
            }
        }
        for y in 0..h {
            let (a, b) = (y.saturating_sub(s), (y + s).min(h - 1));
            for x in 0..w {
                out.values[y * w + x] = (a..=b).map(|yy| rows[yy * w + x]).fold(f32::MIN, f32::max);
            }
        }
    }
}

/// Fills `map` with the response at every position within `reach` of (cx, cy) whose whole ring
/// lies in the window (with `coloured`, grey light counting as none). False (and the map left
/// empty) when the light's own place cannot be measured: a search cut to a sliver beside it
/// would find some other light.
#[allow(clippy::too_many_arguments)]
pub fn responses(window: &super::view::Window, sums: &mut Sums, k: Kernel, cx: f32, cy: f32, reach: usize, coloured: bool, map: &mut ResponseMap) -> bool {
    let (o, r) = (k.outer(), window.rect);
    let lo_x = (cx.round() as isize - reach as isize).max((r.x + o) as isize);
    let hi_x = (cx.round() as isize + reach as isize).min(r.right() as isize - 1 - o as isize);
    let lo_y = (cy.round() as isize - reach as isize).max((r.y + o) as isize);
    let hi_y = (cy.round() as isize + reach as isize).min(r.bottom() as isize - 1 - o as isize);
    let (mx, my) = (cx.round() as isize, cy.round() as isize);
    map.values.clear();
    map.sides.clear();
    if lo_x > hi_x || lo_y > hi_y || !(lo_x..=hi_x).contains(&mx) || !(lo_y..=hi_y).contains(&my) {
        (map.w, map.h) = (0, 0);
        return false;
    }
    let (lo_x, hi_x, lo_y, hi_y) = (lo_x as usize, hi_x as usize, lo_y as usize, hi_y as usize);
    sums.build(window, lo_x - o, lo_y - o, hi_x - lo_x + 2 * o + 1, hi_y - lo_y + 2 * o + 1);
    (map.x0, map.y0, map.w, map.h) = (lo_x, lo_y, hi_x - lo_x + 1, hi_y - lo_y + 1);
    for y in lo_y..=hi_y {
        for x in lo_x..=hi_x {
            let (v, side) = response(sums, k, x, y, coloured);
            map.values.push(v);
            map.sides.push(side as u8);
        }
    }
    true
}

/// The best position of a response map once `reference` (what each place showed before, when
/// the light was off) is taken away: the light that is there now and was not before. Ties go to
/// the position nearest (cx, cy). Returns (what it adds, x, y, side).
pub fn strongest(map: &ResponseMap, reference: Option<&ResponseMap>, cx: f32, cy: f32, within: usize) -> Option<(f32, usize, usize, usize)> {
    let (mx, my) = (cx.round() as isize, cy.round() as isize);
    let w = within as isize;
    strongest_where(map, reference, cx, cy, |x, y| (x as isize - mx).abs() <= w && (y as isize - my).abs() <= w)
}

/// `strongest` over the positions `allowed` accepts.
pub fn strongest_where(map: &ResponseMap, reference: Option<&ResponseMap>, cx: f32, cy: f32, allowed: impl Fn(usize, usize) -> bool) -> Option<(f32, usize, usize, usize)> {
    let (mx, my) = (cx.round() as isize, cy.round() as isize);
    let off = |x: usize, y: usize| (x as isize - mx).pow(2) + (y as isize - my).pow(2);
    let mut best: Option<(f32, usize, usize, usize)> = None;
    for (i, (&v, &side)) in map.values.iter().zip(&map.sides).enumerate() {
        let (x, y) = (map.x0 + i % map.w.max(1), map.y0 + i / map.w.max(1));
        if !allowed(x, y) {
            continue;
        }
        let before = reference.and_then(|r| r.get(x, y)).unwrap_or(0.0).max(0.0);
        let added = v - before;
        if best.is_none_or(|(b, bx, by, _)| added > b || (added == b && off(x, y) < off(bx, by))) {
            best = Some((added, x, y, side as usize));
        }
    }
    best
}

/// The mean colour of ring side `side` of the kernel at (x, y), from the tables `responses`
/// built (the position must be one of its map's).
pub fn side_mean(sums: &Sums, k: Kernel, x: usize, y: usize, side: usize) -> [f32; 3] {
    sums.mean(sides(k, x, y)[side.min(3)])
}

/// Searches the positions within `reach` of (cx, cy) for the strongest light at scale `k`, and
/// measures its colour. None when the light's place cannot be measured in the window.
pub fn measure(window: &super::view::Window, sums: &mut Sums, k: Kernel, cx: f32, cy: f32, reach: usize) -> Option<SpotReading> {
    let mut map = ResponseMap::default();
    if !responses(window, sums, k, cx, cy, reach, false, &mut map) {
        return None;
    }
    let (level, x, y, side) = strongest(&map, None, cx, cy, reach)?;
    Some(SpotReading { level: level.max(0.0), colour: added_colour(window, k, x, y, side), x, y, surround: side_mean(sums, k, x, y, side), adds: adds_over_ring(sums, k, x, y) })
}

/// The light the spot at (x, y) adds over ring side `side`, per channel (signed: a channel the
/// phone's colour matrix pulled down is negative), summed over the pixels within the gap box
/// that are not clipped, each weighted by how much coloured light it adds beyond a third of the
/// most any of them adds: the LED's own pixels, not the dim rim of its glow or the bright ring
/// that sharpening draws around it. When every pixel that differs is clipped, the centre's
/// difference as it was seen (white, for a clipped white core).
pub fn added_colour(window: &super::view::Window, k: Kernel, x: usize, y: usize, side: usize) -> [f32; 3] {
    let s = sides(k, x, y)[side];
    let mut background = [0f32; 3];
    for yy in s.2..s.3 {
        for xx in s.0..s.1 {
            let p = window.pixel(xx, yy);
            for c in 0..3 {
                background[c] += p[c] as f32;
            }
        }
    }
    let n = area(s);
    background.iter_mut().for_each(|b| *b /= n);
    let around = background[0].max(background[1]).max(background[2]);
    let i = k.inner();
    let mut clipped = [0f32; 3];
    // (difference, coloured light, whether the pixel is near full in a channel)
    let mut lit: Vec<([f32; 3], f32, bool)> = Vec::new();
    for yy in y - i..=y + i {
        for xx in x - i..=x + i {
            let p = window.pixel(xx, yy);
            let d = [0, 1, 2].map(|c| p[c] as f32 - background[c]);
            if p.iter().any(|&v| v >= CLIPPED) {
                for c in 0..3 {
                    clipped[c] += d[c];
                }
            } else {
                let light = coloured_light_of(d, around);
                if light > 0.0 {
                    lit.push((d, light, p.iter().any(|&v| v as f32 >= NEAR_FULL)));
                }
            }
        }
    }
    // A light's own colour shows in its rim, where it is dim: toward its core a blue LED's
    // blue fills while its green (a blue LED leaks a third of its light into the green filter)
    // goes on rising, so it turns cyan, then white; a red LED turns orange, a green one cyan. So
    // the colour is taken from the pixels adding between RIM_LOW and RIM_HIGH of the most any
    // of them adds, and from the brightest ones only when a light has no such rim (a far LED of
    // a pixel).
    let most = lit.iter().map(|(_, l, _)| *l).fold(0.0f32, f32::max);
    if most <= 0.0 {
        return clipped;
    }
    let mut colour = [0f32; 3];
    let mut rim = 0usize;
    for (d, light, _) in &lit {
        if *light >= RIM_LOW * most && *light <= RIM_HIGH * most {
            rim += 1;
            for c in 0..3 {
                colour[c] += d[c];
            }
        }
    }
    if rim >= RIM_PIXELS {
        return colour;
    }
    let mut colour = [0f32; 3];
    for (d, light, _) in lit {
        let w = (light / most - COLOUR_WEIGHT_FLOOR).max(0.0);
        for c in 0..3 {
            colour[c] += w * d[c];
        }
    }
    colour
}

/// A light's rim: the pixels adding between these shares of the most any of its pixels adds...
const RIM_LOW: f32 = 0.15;
const RIM_HIGH: f32 = 0.6;
/// ... when there are at least this many of them.
const RIM_PIXELS: usize = 4;

/// A pixel with a channel this high is near full: its colour is no longer the light's own (the
/// channel that fills first stops, the others go on rising).
const NEAR_FULL: f32 = 215.0;

/// Pixels adding less coloured light than this share of the most any pixel of a spot adds do
/// not count toward its colour.
const COLOUR_WEIGHT_FLOOR: f32 = 0.33;

/// The scale at which the light at (cx, cy) stands out best: the largest response, weighted by
/// the square root of the centre's side (a larger box averages more noise away, so a light that
/// fills it is measured more surely, while a 1 px light loses most of its response in a 3 px box).
pub fn best_scale(window: &super::view::Window, sums: &mut Sums, cx: f32, cy: f32, reach: usize) -> Option<(Kernel, SpotReading)> {
    SCALES
        .iter()
        .filter_map(|&half| {
            let k = Kernel { half };
            measure(window, sums, k, cx, cy, reach).map(|r| (k, r))
        })
        .max_by(|a, b| {
            let score = |(k, r): &(Kernel, SpotReading)| r.level * ((2 * k.half + 1) as f32).sqrt();
            score(a).total_cmp(&score(b))
        })
}

/// The plain definition of the response, summed pixel by pixel: the reference the table-based
/// search is tested against.
pub fn reference_response(window: &super::view::Window, k: Kernel, x: usize, y: usize) -> f32 {
    let mean = |(xa, xb, ya, yb): (usize, usize, usize, usize)| {
        let mut s = [0u32; 3];
        for yy in ya..yb {
            for xx in xa..xb {
                let p = window.pixel(xx, yy);
                for c in 0..3 {
                    s[c] += p[c] as u32;
                }
            }
        }
        s.map(|v| v as f32 / area((xa, xb, ya, yb)))
    };
    let centre = mean((x - k.half, x + k.half + 1, y - k.half, y + k.half + 1));
    sides(k, x, y)
        .into_iter()
        .map(|s| {
            let m = mean(s);
            light_of([centre[0] - m[0], centre[1] - m[1], centre[2] - m[2]], m[0].max(m[1]).max(m[2]))
        })
        .fold(f32::MAX, f32::min)
}

#[cfg(test)]
mod tests {
    use super::super::view::{Rect, Window};
    use super::*;

    fn noise_window(w: usize, h: usize, seed: u64) -> (Rect, Vec<u8>) {
        let mut x = seed | 1;
        let bytes = (0..w * h * 4)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        (Rect { x: 7, y: 3, w, h }, bytes)
    }

    /// The table-based search finds the position and level the plain sums give, at every scale.
    #[test]
    fn search_matches_the_plain_reference() {
        for (seed, half) in [(1u64, 0usize), (2, 1), (3, 2), (4, 4), (5, 8)] {
            let (rect, bytes) = noise_window(64, 60, seed);
            let win = Window::new(rect, &bytes).expect("window");
            let k = Kernel { half };
            let (cx, cy) = (7.0 + 32.0, 3.0 + 30.0);
            let reach = 6;
            let got = measure(&win, &mut Sums::default(), k, cx, cy, reach).expect("fits");
            let mut want = (f32::MIN, 0, 0);
            for y in 33 - reach..=33 + reach {
                for x in 39 - reach..=39 + reach {
                    if x < rect.x + k.outer() || y < rect.y + k.outer() || x + k.outer() >= rect.right() || y + k.outer() >= rect.bottom() {
                        continue;
                    }
                    let v = reference_response(&win, k, x, y);
                    if v > want.0 {
                        want = (v, x, y);
                    }
                }
            }
            assert!((got.level - want.0.max(0.0)).abs() < 1e-3, "half {half}: {} vs {}", got.level, want.0);
            assert!((reference_response(&win, k, got.x, got.y) - want.0).abs() < 1e-3, "half {half}");
        }
    }

    fn scene(w: usize, h: usize, fill: impl Fn(usize, usize) -> [u8; 3]) -> Vec<u8> {
        (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).flat_map(|(x, y)| {
            let [r, g, b] = fill(x, y);
            [r, g, b, 255]
        }).collect()
    }

    #[test]
    fn a_dot_stands_out_but_an_edge_does_not() {
        let rect = Rect { x: 0, y: 0, w: 40, h: 40 };
        // A 2 px red dot on grey at (20, 20); a vertical edge (bright on the right) at x = 30.
        let bytes = scene(40, 40, |x, y| {
            if (20..22).contains(&x) && (20..22).contains(&y) {
                [230, 60, 50]
            } else if x >= 30 {
                [200, 200, 200]
            } else {
                [60, 60, 60]
            }
        });
        let win = Window::new(rect, &bytes).expect("window");
        let dot = measure(&win, &mut Sums::default(), Kernel { half: 0 }, 20.0, 20.0, 3).expect("fits");
        assert!(dot.level > 150.0, "{dot:?}");
        assert_eq!(super::super::measure::classify(dot.colour), crate::led::LedColour::Red);
        let edge = measure(&win, &mut Sums::default(), Kernel { half: 0 }, 30.0, 15.0, 3).expect("fits");
        assert!(edge.level < 1.0, "{edge:?}");
    }

    /// A brighter light that was already there before does not hide one that came on.
    #[test]
    fn the_light_that_came_on_wins_over_one_that_was_there() {
        let rect = Rect { x: 0, y: 0, w: 40, h: 40 };
        let glint = |x: usize, y: usize| (x, y) == (26, 20);
        let off = scene(40, 40, |x, y| if glint(x, y) { [250, 250, 250] } else { [40, 40, 40] });
        // The picture shook by a pixel, and a dimmer red LED came on at (15, 20).
        let on = scene(40, 40, |x, y| if x >= 1 && glint(x - 1, y) { [250, 250, 250] } else if (x, y) == (15, 20) { [150, 60, 50] } else { [40, 40, 40] });
        let (win_off, win_on) = (Window::new(rect, &off).expect("window"), Window::new(rect, &on).expect("window"));
        let k = Kernel { half: 0 };
        let (mut before, mut dilated, mut now) = (ResponseMap::default(), ResponseMap::default(), ResponseMap::default());
        assert!(responses(&win_off, &mut Sums::default(), k, 20.0, 20.0, 10, false, &mut before));
        before.dilated(1, &mut dilated);
        assert!(responses(&win_on, &mut Sums::default(), k, 20.0, 20.0, 10, false, &mut now));
        assert_eq!(strongest(&now, None, 20.0, 20.0, 10).map(|b| (b.1, b.2)), Some((27, 20)), "without the reference the glint wins");
        assert_eq!(strongest(&now, None, 20.0, 20.0, 5).map(|b| (b.1, b.2)), Some((15, 20)), "a narrow search stays off it");
        let (added, x, y, _) = strongest(&now, Some(&dilated), 20.0, 20.0, 10).expect("a position");
        assert_eq!((x, y), (15, 20));
        assert!(added > 100.0, "{added}");
    }

    #[test]
    fn dilation_is_the_largest_value_nearby() {
        let map = ResponseMap { x0: 3, y0: 4, w: 5, h: 4, values: (0..20).map(|i| ((i * 7) % 11) as f32).collect(), sides: vec![0; 20] };
        let mut out = ResponseMap::default();
        map.dilated(1, &mut out);
        for y in 0..4usize {
            for x in 0..5usize {
                let want = (y.saturating_sub(1)..=(y + 1).min(3))
                    .flat_map(|yy| (x.saturating_sub(1)..=(x + 1).min(4)).map(move |xx| (xx, yy)))
                    .map(|(xx, yy)| map.values[yy * 5 + xx])
                    .fold(f32::MIN, f32::max);
                assert_eq!(out.get(3 + x, 4 + y), Some(want));
            }
        }
    }

    #[test]
    fn a_faint_light_on_a_bright_housing_keeps_its_colour() {
        let rect = Rect { x: 0, y: 0, w: 30, h: 30 };
        // Daylight on a white housing (215), a dim red LED adding 25 in red at (15, 15).
        let bytes = scene(30, 30, |x, y| if (14..17).contains(&x) && (14..17).contains(&y) { [240, 216, 214] } else { [215, 215, 215] });
        let win = Window::new(rect, &bytes).expect("window");
        let (k, r) = best_scale(&win, &mut Sums::default(), 15.0, 15.0, 3).expect("fits");
        assert!(r.level >= 20.0, "{k:?} {r:?}");
        assert_eq!(super::super::measure::classify(r.colour), crate::led::LedColour::Red);
    }

    /// A red LED on a sunlit white housing: red was near full already, and the phone's colour
    /// matrix pulls green and blue down where red light falls. It shows as colour, not brightness
    /// (here a pink dot darker than the white around it, as the phone's pipeline renders it).
    #[test]
    fn a_red_led_on_a_sunlit_white_housing_shows_as_colour() {
        let rect = Rect { x: 0, y: 0, w: 30, h: 30 };
        let bytes = scene(30, 30, |x, y| if (14..17).contains(&x) && (14..17).contains(&y) { [190, 155, 175] } else { [230, 249, 255] });
        let win = Window::new(rect, &bytes).expect("window");
        let (k, r) = best_scale(&win, &mut Sums::default(), 15.0, 15.0, 3).expect("fits");
        assert!(r.level >= 40.0, "{k:?} {r:?}");
        assert_eq!(super::super::measure::classify(r.colour), crate::led::LedColour::Red);
        // On a surface with room to brighten, a spot only losing its red is no light.
        let lost = scene(30, 30, |x, y| if (14..17).contains(&x) && (14..17).contains(&y) { [80, 130, 140] } else { [140, 130, 140] });
        let win = Window::new(rect, &lost).expect("window");
        let (_, r) = best_scale(&win, &mut Sums::default(), 15.0, 15.0, 3).expect("fits");
        assert!(r.level < 1.0, "{r:?}");
    }

    /// A light's place is its surroundings plus light; a colour patch lacks light that a
    /// surface it borders has (a test card's bars, a sign on grey). Checked on the colours, and
    /// on a picture: a point light on a dark housing adds over every side of its ring, a green
    /// bar between grey above and a cyan bar beside does not.
    #[test]
    fn a_light_adds_over_its_surroundings_and_a_colour_patch_does_not() {
        // (centre minus side r, g, b; the side's colour; adds light)
        let table: [([f32; 3], [f32; 3], bool); 8] = [
            ([150.0, -5.0, -5.0], [30.0, 30.0, 30.0], true),       // a red LED on a dark housing
            ([-20.0, 90.0, -35.0], [90.0, 90.0, 90.0], true),      // a green one, through the colour matrix
            ([-40.0, -94.0, -80.0], [230.0, 249.0, 255.0], true),  // a red one on a sunlit white housing
            ([3.0, -4.0, 2.0], [40.0, 40.0, 40.0], true),          // noise
            ([37.0, -44.0, -217.0], [218.0, 44.0, 217.0], false),  // a red bar beside a magenta one
            ([255.0, 0.0, -255.0], [0.0, 0.0, 255.0], false),      // ... beside a blue one
            ([-128.0, 0.0, -128.0], [128.0, 128.0, 128.0], false), // a green bar on grey
            ([127.0, -128.0, 127.0], [128.0, 128.0, 128.0], false), // a magenta one
        ];
        for (d, side, adds) in table {
            assert_eq!(adds_over(d, side), adds, "{d:?} over {side:?}");
        }
        let rect = Rect { x: 0, y: 0, w: 40, h: 40 };
        let k = Kernel { half: 2 };
        let mut sums = Sums::default();
        let led = scene(40, 40, |x, y| if (19..22).contains(&x) && (19..22).contains(&y) { [60, 230, 90] } else { [25, 25, 25] });
        let win = Window::new(rect, &led).expect("window");
        sums.build(&win, 0, 0, 40, 40);
        assert!(adds_over_ring(&sums, k, 20, 20));
        let bar = scene(40, 40, |x, y| match (x, y) {
            (_, y) if y < 18 => [128, 128, 128],
            (x, _) if x < 17 => [0, 255, 255],
            (x, _) if x > 23 => [255, 0, 255],
            _ => [0, 128, 0],
        });
        let win = Window::new(rect, &bar).expect("window");
        sums.build(&win, 0, 0, 40, 40);
        assert!(!adds_over_ring(&sums, k, 20, 21));
    }

    /// What a place gained since it was off counts as light only if a light could have added
    /// it: an LED through a phone's colour matrix lowers its other channels a little, text or a
    /// screen changing colour lowers one as much as it raises another.
    #[test]
    fn only_what_a_light_can_add_counts_as_added_light() {
        // (gain r, g, b; the largest channel of the place while off; counts as light)
        let table: [([f32; 3], f32, bool); 8] = [
            ([120.0, -30.0, -25.0], 90.0, true),    // a red LED on a grey housing
            ([-20.0, 90.0, -35.0], 90.0, true),     // a green one
            ([-10.0, 30.0, 140.0], 60.0, true),     // a blue one, leaking into green
            ([25.0, 4.0, 3.0], 200.0, true),        // a dim red LED on a light housing
            ([-128.0, 127.0, 127.0], 128.0, false), // cyan text appearing on grey
            ([128.0, -127.0, -127.0], 128.0, false), // ... and leaving it
            ([40.0, -60.0, -50.0], 60.0, false),    // a screen turning from green to red
            ([10.0, -25.0, -25.0], 240.0, true),    // red on a sunlit white housing: no headroom
        ];
        for (gain, around, light) in table {
            assert_eq!(added_light_of(gain, around) > 0.0, light, "{gain:?} over {around}");
            if light {
                assert_eq!(added_light_of(gain, around), light_of(gain, around), "{gain:?}");
            }
        }
    }

    #[test]
    fn an_over_exposed_led_is_coloured_by_its_halo() {
        let rect = Rect { x: 0, y: 0, w: 60, h: 60 };
        let bytes = scene(60, 60, |x, y| {
            let d = ((x as f32 - 30.0).powi(2) + (y as f32 - 30.0).powi(2)).sqrt();
            if d < 3.0 { [255, 255, 255] } else if d < 6.0 { [255, 90, 70] } else { [30, 30, 32] }
        });
        let win = Window::new(rect, &bytes).expect("window");
        let (k, r) = best_scale(&win, &mut Sums::default(), 30.0, 30.0, 4).expect("fits");
        assert!(k.half >= 2, "{k:?}");
        assert!((r.x as i32 - 30).abs() <= 1 && (r.y as i32 - 30).abs() <= 1, "{r:?}");
        assert_eq!(super::super::measure::classify(r.colour), crate::led::LedColour::Red);
    }
}
