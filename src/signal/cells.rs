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
    let mut peaks = vec![[0u8; 4]; grid.cols];
    let mut sums = vec![0u32; grid.cols];
    let mut counts = vec![0u32; grid.cols];
    let row_bytes = grid.cell * 4;
    for cy in 0..grid.rows {
        peaks.iter_mut().for_each(|p| *p = [0; 4]);
        sums.iter_mut().for_each(|s| *s = 0);
        counts.iter_mut().for_each(|c| *c = 0);
        let y0 = cy * grid.cell;
        let y1 = (y0 + grid.cell).min(frame.height);
        for y in (y0..y1).step_by(2) {
            let row = frame.row(y);
            for (cx, chunk) in row.chunks(row_bytes).enumerate() {
                accumulate(chunk_stats(chunk), chunk.len(), &mut peaks[cx], &mut sums[cx], &mut counts[cx]);
            }
        }
        for cx in 0..grid.cols {
            let n = counts[cx].max(1);
            // sum holds r+g+b+a; remove the alpha (always 255 from a canvas) before averaging.
            let rgb = sums[cx].saturating_sub(255 * n);
            let mut stat = CellStat {
                peak: [peaks[cx][0], peaks[cx][1], peaks[cx][2]],
                mean: (rgb / (3 * n)).min(255) as u8,
                ..CellStat::default()
            };
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

#[inline]
fn accumulate((peak, sum): ([u8; 4], u32), bytes: usize, p: &mut [u8; 4], s: &mut u32, n: &mut u32) {
    for k in 0..3 {
        p[k] = p[k].max(peak[k]);
    }
    *s += sum;
    *n += (bytes / 4) as u32;
}

/// Lane-wise maximum of the RGBA bytes and the sum of all bytes, written so the compiler can
/// vectorise it (no per-pixel branches, no channel shuffles).
#[inline]
fn chunk_stats(chunk: &[u8]) -> ([u8; 4], u32) {
    let mut peak = [0u8; 4];
    let mut sum = 0u32;
    for px in chunk.chunks_exact(4) {
        for k in 0..4 {
            peak[k] = peak[k].max(px[k]);
            sum += px[k] as u32;
        }
    }
    (peak, sum)
}

/// The memory floor for a frame: one plain pass summing every byte. Benchmarks compare the cell
/// pass against it.
pub fn plain_pass(rgba: &[u8]) -> u64 {
    // u32 partial sums over blocks vectorise well: this is as fast as reading the bytes gets.
    rgba.chunks(1 << 16).map(|c| c.iter().map(|&b| b as u32).sum::<u32>() as u64).sum()
}
