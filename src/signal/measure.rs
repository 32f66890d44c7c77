//! Measuring the LED in one frame: how far its spot rises above the surrounding background, and
//! which colour its light has, judged from cells that are not clipped white.
use super::cells::{CellStat, Grid};
use crate::led::LedColour;

/// One frame's measurement of the LED region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t_ms: f64,
    /// Peak brightness above the region's background, 0..255.
    pub level: f32,
    /// Colour of the light above the background (r, g, b excess), level-weighted.
    pub colour: [f32; 3],
}

/// Distance (in cells) of the ring of cells whose brightness is a cell's background.
const RING: usize = 3;

/// The background of each cell around the LED: the mean of the ring of cells RING away (those
/// inside the grid). Local rather than one value for the whole region, since rolling-shutter
/// flicker lights bands of rows and a housing has bright edges and shading; a ring rather than
/// the block around the cell, so a large LED (a phone held close) does not light its own
/// background.
///
/// Each ring is two row segments and two column segments, read from running sums along the rows
/// and the columns of the block the region's rings cover: a few lookups per cell instead of
/// adding up its 24 ring cells (this runs every frame, and over the whole history when the LED
/// moves).
struct Rings {
    cols: usize,
    rows: usize,
    /// The block: x in x0..x0 + w, y in y0..y0 + h.
    x0: usize,
    y0: usize,
    w: usize,
    h: usize,
    /// along_rows[y * (w + 1) + x] = sum of the means of cells x0..x0 + x in block row y.
    along_rows: Vec<u32>,
    /// along_cols[x * (h + 1) + y] = sum of the means of cells y0..y0 + y in block column x.
    along_cols: Vec<u32>,
}

impl Rings {
    fn new(grid: &Grid, stats: &[CellStat], region: (usize, usize, usize, usize)) -> Rings {
        let (rx0, rx1, ry0, ry1) = region;
        let (x0, y0) = (rx0.saturating_sub(RING), ry0.saturating_sub(RING));
        let (w, h) = ((rx1 + RING).min(grid.cols) - x0, (ry1 + RING).min(grid.rows) - y0);
        let mut along_rows = vec![0u32; h * (w + 1)];
        let mut along_cols = vec![0u32; w * (h + 1)];
        for y in 0..h {
            let row = &stats[(y0 + y) * grid.cols + x0..][..w];
            for (x, s) in row.iter().enumerate() {
                along_rows[y * (w + 1) + x + 1] = along_rows[y * (w + 1) + x] + s.mean as u32;
                along_cols[x * (h + 1) + y + 1] = along_cols[x * (h + 1) + y] + s.mean as u32;
            }
        }
        Rings { cols: grid.cols, rows: grid.rows, x0, y0, w, h, along_rows, along_cols }
    }

    /// Sum and count of the means of block row y (grid coordinates) over columns xa..=xb.
    fn row(&self, y: usize, xa: usize, xb: usize) -> (u32, u32) {
        let base = (y - self.y0) * (self.w + 1);
        (self.along_rows[base + xb + 1 - self.x0] - self.along_rows[base + xa - self.x0], (xb + 1 - xa) as u32)
    }

    /// Sum and count of the means of block column x over rows ya..=yb.
    fn col(&self, x: usize, ya: usize, yb: usize) -> (u32, u32) {
        let base = (x - self.x0) * (self.h + 1);
        (self.along_cols[base + yb + 1 - self.y0] - self.along_cols[base + ya - self.y0], (yb + 1 - ya) as u32)
    }

    /// The ring background of the cell at (cx, cy), which must lie in the region; `own` (the
    /// cell's mean) when no ring cell is inside the grid.
    fn background(&self, cx: usize, cy: usize, own: u8) -> f32 {
        let (xa, xb) = (cx.saturating_sub(RING), (cx + RING).min(self.cols - 1));
        let (ya, yb) = (cy.saturating_sub(RING - 1), (cy + RING - 1).min(self.rows - 1));
        let (mut sum, mut n) = (0u32, 0u32);
        let mut add = |(s, k): (u32, u32)| {
            sum += s;
            n += k;
        };
        // Top and bottom sides (full width), then left and right sides (between them).
        if cy >= RING {
            add(self.row(cy - RING, xa, xb));
        }
        if cy + RING < self.rows {
            add(self.row(cy + RING, xa, xb));
        }
        if cx >= RING {
            add(self.col(cx - RING, ya, yb));
        }
        if cx + RING < self.cols {
            add(self.col(cx + RING, ya, yb));
        }
        if n == 0 {
            return own as f32;
        }
        sum as f32 / n as f32
    }
}

/// Measures the region of cells within `radius` of (cx, cy), the region searched for the LED
/// each frame (wide enough to keep a shaking LED inside).
pub fn measure(grid: &Grid, stats: &[CellStat], cx: usize, cy: usize, radius: usize, t_ms: f64) -> Sample {
    if stats.len() != grid.len() || grid.is_empty() || cx >= grid.cols || cy >= grid.rows {
        return Sample { t_ms, level: 0.0, colour: [0.0; 3] };
    }
    let (x0, x1) = (cx.saturating_sub(radius), (cx + radius + 1).min(grid.cols));
    let (y0, y1) = (cy.saturating_sub(radius), (cy + radius + 1).min(grid.rows));
    let rings = Rings::new(grid, stats, (x0, x1, y0, y1));
    // Each cell's rise above its own surroundings; the LED is the cell that rises most.
    let rises = || {
        (y0..y1).flat_map(move |y| (x0..x1).map(move |x| (x, y))).map(|(x, y)| {
            let s = &stats[y * grid.cols + x];
            let background = rings.background(x, y, s.mean);
            (s, s.value as f32 - background, background)
        })
    };
    let level = rises().map(|(_, rise, _)| rise).fold(0.0f32, f32::max);
    let mut colour = [0.0f32; 3];
    if level > 0.0 {
        // Only the lit part of the spot; its colour from the most colourful unclipped pixel (the
        // halo of an over-exposed LED), or the peaks when nothing in it is colourful (the cell
        // pass keeps whichever applies).
        for (s, rise, background) in rises().filter(|&(_, rise, _)| rise >= 0.3 * level) {
            for (sum, &c) in colour.iter_mut().zip(&s.colour) {
                *sum += rise * (c as f32 - background).max(0.0);
            }
        }
    }
    Sample { t_ms, level, colour }
}

/// Names the colour of a summed (r, g, b) excess. White when no channel stands out (or when all
/// lit cells were clipped and only white was seen).
pub fn classify(colour: [f32; 3]) -> LedColour {
    let [r, g, b] = colour;
    let max = r.max(g).max(b);
    if max <= 0.0 {
        return LedColour::White;
    }
    let min = r.min(g).min(b);
    if min / max > 0.7 {
        return LedColour::White;
    }
    if r >= g && r >= b {
        LedColour::Red
    } else if b >= g {
        LedColour::Blue
    } else {
        LedColour::Green
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ring background added up cell by cell, as documented.
    fn plain_ring(grid: &Grid, stats: &[CellStat], cx: usize, cy: usize) -> f32 {
        let (mut sum, mut n) = (0u32, 0u32);
        for y in cy.saturating_sub(RING)..=(cy + RING).min(grid.rows - 1) {
            for x in cx.saturating_sub(RING)..=(cx + RING).min(grid.cols - 1) {
                if x.abs_diff(cx) == RING || y.abs_diff(cy) == RING {
                    sum += stats[y * grid.cols + x].mean as u32;
                    n += 1;
                }
            }
        }
        if n == 0 { stats[cy * grid.cols + cx].mean as f32 } else { sum as f32 / n as f32 }
    }

    /// The running-sum rings equal the plain ones everywhere, at the grid's edges and corners and
    /// on grids smaller than a ring.
    #[test]
    fn rings_match_plain_sums() {
        for (cols, rows) in [(54, 40), (1, 1), (3, 2), (8, 5), (13, 13)] {
            let grid = Grid { frame_w: cols * 6, frame_h: rows * 6, cell: 6, cols, rows };
            let stats: Vec<CellStat> = (0..cols * rows)
                .map(|i| CellStat { value: 0, mean: ((i * 53 + 7) % 256) as u8, colour: [0; 3] })
                .collect();
            for cy in 0..rows {
                for cx in 0..cols {
                    let radius = 3;
                    let (x0, x1) = (cx.saturating_sub(radius), (cx + radius + 1).min(cols));
                    let (y0, y1) = (cy.saturating_sub(radius), (cy + radius + 1).min(rows));
                    let rings = Rings::new(&grid, &stats, (x0, x1, y0, y1));
                    for y in y0..y1 {
                        for x in x0..x1 {
                            let want = plain_ring(&grid, &stats, x, y);
                            let got = rings.background(x, y, stats[y * cols + x].mean);
                            assert!((got - want).abs() < 1e-3, "{cols}x{rows} region at ({cx},{cy}) cell ({x},{y}): {got} vs {want}");
                        }
                    }
                }
            }
        }
    }
}
