//! The one pass over a frame's pixels: the frame is cut into square cells and, for each cell,
//! the peak of each colour channel and the mean brightness are kept. Everything after this works
//! on cells (a few thousand numbers), never on pixels again.
//!
//! Why peaks: a Blink LED can be 2 px across, which barely moves a cell's mean but always sets its
//! peak. Why per-channel peaks: an over-exposed LED is white in its core and coloured in its halo,
//! and the halo's cells keep the colour in their channel peaks.
use super::frame::Frame;

/// Per-cell statistics of one frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellStat {
    /// Peak red, green, blue over the cell's sampled pixels.
    pub peak: [u8; 3],
    /// Mean of (r + g + b) / 3 over the sampled pixels.
    pub mean: u8,
    /// In cells holding a bright spot: the most colourful lit pixel that is not clipped white
    /// (an over-exposed LED's halo), and its colourfulness (max - min channel). Zero elsewhere.
    pub hue: [u8; 3],
    pub chroma: u8,
}

impl CellStat {
    /// Peak brightness: the largest channel peak.
    #[inline]
    pub fn value(&self) -> u8 {
        self.peak[0].max(self.peak[1]).max(self.peak[2])
    }
}

/// How a frame of a given size is cut into cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub frame_w: usize,
    pub frame_h: usize,
    /// Cell side in pixels.
    pub cell: usize,
    pub cols: usize,
    pub rows: usize,
}

impl Grid {
    /// The cell side scales with the frame, so the grid stays near 80x60 cells whatever size the
    /// camera delivers (4 px cells at 320x240, 8 px at 640x480, 12 px at 1280x720).
    pub fn for_frame(width: usize, height: usize) -> Grid {
        let cell = (width.min(height) / 60).max(2);
        Grid { frame_w: width, frame_h: height, cell, cols: width.div_ceil(cell), rows: height.div_ceil(cell) }
    }

    pub fn len(&self) -> usize {
        self.cols * self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell holding pixel (x, y), clamped to the grid.
    pub fn cell_at(&self, x: f32, y: f32) -> (usize, usize) {
        let cx = (x.max(0.0) as usize / self.cell).min(self.cols - 1);
        let cy = (y.max(0.0) as usize / self.cell).min(self.rows - 1);
        (cx, cy)
    }

    /// Centre of a cell in pixels.
    pub fn centre(&self, cx: usize, cy: usize) -> (f32, f32) {
        ((cx as f32 + 0.5) * self.cell as f32, (cy as f32 + 0.5) * self.cell as f32)
    }
}

/// Fills `out` (resized to the grid) with the statistics of `frame`.
///
/// Only every second row is read: the smallest LED the reader supports is 2 px tall, so it always
/// crosses a sampled row, and the pass costs half the memory traffic.
pub fn cell_stats(frame: &Frame, grid: &Grid, out: &mut Vec<CellStat>) {
    out.clear();
    out.resize(grid.len(), CellStat::default());
    let row_bytes = frame.width * 4;
    // Column-wise accumulators over the sampled rows of one row of cells: byte-wise max and sum
    // over whole rows are plain element-wise loops that the compiler vectorises; each cell is then
    // reduced from them once per row of cells instead of once per pixel row.
    let mut col_max = vec![0u8; row_bytes];
    let mut col_sum = vec![0u16; row_bytes];
    for cy in 0..grid.rows {
        let y0 = cy * grid.cell;
        let y1 = (y0 + grid.cell).min(frame.height);
        col_max.fill(0);
        col_sum.fill(0);
        let mut rows = 0u32;
        for y in (y0..y1).step_by(2) {
            let row = frame.row(y);
            for (m, &b) in col_max.iter_mut().zip(row) {
                *m = (*m).max(b);
            }
            for (s, &b) in col_sum.iter_mut().zip(row) {
                *s += b as u16;
            }
            rows += 1;
        }
        for cx in 0..grid.cols {
            let (a, b) = (cx * grid.cell * 4, ((cx + 1) * grid.cell * 4).min(row_bytes));
            let mut peak = [0u8; 4];
            let mut sum = 0u32;
            for (px_max, px_sum) in col_max[a..b].chunks_exact(4).zip(col_sum[a..b].chunks_exact(4)) {
                for k in 0..4 {
                    peak[k] = peak[k].max(px_max[k]);
                    sum += px_sum[k] as u32;
                }
            }
            let n = (rows * ((b - a) / 4) as u32).max(1);
            // sum holds r+g+b+a; remove the alpha (always 255 from a canvas) before averaging.
            // (A multiply, not an integer division: this runs for every cell of every frame.)
            let rgb = sum.saturating_sub(255 * n);
            let mean = (rgb as f32 * (1.0 / (3 * n) as f32)).min(255.0) as u8;
            let mut stat = CellStat { peak: [peak[0], peak[1], peak[2]], mean, ..CellStat::default() };
            // A second look only where a spot stands out: few cells, so the cost stays small.
            if stat.value() as u32 >= stat.mean as u32 + SPOT_RISE {
                spot_colour(frame, grid, cx, y0, y1, &mut stat);
            }
            out[cy * grid.cols + cx] = stat;
        }
    }
}

/// How far (0..255) a cell's peak must rise above its mean to be looked at for colour.
const SPOT_RISE: u32 = 40;

/// Finds the most colourful lit pixel of a cell, skipping pixels clipped white.
fn spot_colour(frame: &Frame, grid: &Grid, cx: usize, y0: usize, y1: usize, stat: &mut CellStat) {
    let lit = (stat.mean as u32 + SPOT_RISE / 2).min(255) as u8;
    let (x0, x1) = (cx * grid.cell, ((cx + 1) * grid.cell).min(frame.width));
    for y in (y0..y1).step_by(2) {
        for px in frame.row(y)[x0 * 4..x1 * 4].chunks_exact(4) {
            let (max, min) = (px[0].max(px[1]).max(px[2]), px[0].min(px[1]).min(px[2]));
            if max >= lit && min < 245 && max - min > stat.chroma {
                stat.chroma = max - min;
                stat.hue = [px[0], px[1], px[2]];
            }
        }
    }
}

/// The memory floor for a frame: one plain pass summing every byte. Benchmarks compare the cell
/// pass against it.
pub fn plain_pass(rgba: &[u8]) -> u64 {
    // u32 partial sums over blocks vectorise well: this is as fast as reading the bytes gets.
    rgba.chunks(1 << 16).map(|c| c.iter().map(|&b| b as u32).sum::<u32>() as u64).sum()
}
