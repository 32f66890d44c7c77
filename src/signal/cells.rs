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

/// Smallest cell side in pixels. Smaller cells make the per-cell work (the locator's) outweigh
/// reading the pixels on small frames, and buy nothing: a 2 px LED still sets its cell's peak.
/// (Hold-out seeds 3/5/7/11/13: 4, 5 and 6 px cells read 588-591 of 600 scenes right, 8 px 580
/// and it missed corpus cases.)
const MIN_CELL: usize = 6;

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
    /// The cell side scales with the frame, so the grid stays near or below 80x60 cells whatever
    /// size the camera delivers (6 px cells at 320x240, 8 px at 640x480, 12 px at 1280x720).
    pub fn for_frame(width: usize, height: usize) -> Grid {
        let cell = (width.min(height) / 60).max(MIN_CELL);
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
    let mut lanes = vec![Lanes::default(); grid.cols];
    let cell_bytes = grid.cell * 4;
    for cy in 0..grid.rows {
        let y0 = cy * grid.cell;
        let y1 = (y0 + grid.cell).min(frame.height);
        lanes.fill(Lanes::default());
        let mut rows = 0u32;
        for y in (y0..y1).step_by(2) {
            for (chunk, acc) in frame.row(y).chunks(cell_bytes).zip(lanes.iter_mut()) {
                acc.fold(chunk);
            }
            rows += 1;
        }
        // Pixels per cell in this row of cells (the last column may be narrower).
        let full = (rows * grid.cell as u32).max(1);
        let inv_full = 1.0 / (3 * full) as f32;
        for (cx, acc) in lanes.iter().enumerate() {
            let width = (((cx + 1) * grid.cell).min(frame.width) - cx * grid.cell) as u32;
            let (n, inv) = if width as usize == grid.cell { (full, inv_full) } else {
                let n = (rows * width).max(1);
                (n, 1.0 / (3 * n) as f32)
            };
            let (peak, sum) = acc.reduce();
            // sum holds r+g+b+a; remove the alpha (always 255 from a canvas) before averaging.
            let rgb = sum.saturating_sub(255 * n);
            let mean = (rgb as f32 * inv).min(255.0) as u8;
            let mut stat = CellStat { peak, mean, ..CellStat::default() };
            // A second look only where a spot stands out: few cells, so the cost stays small.
            if stat.value() as u32 >= stat.mean as u32 + SPOT_RISE {
                spot_colour(frame, grid, cx, y0, y1, &mut stat);
            }
            out[cy * grid.cols + cx] = stat;
        }
    }
}

/// One cell's running peaks and sums, kept in 16 byte lanes (four pixels side by side): a cell's
/// bytes fold into them 16 at a time with plain element-wise max and add, which compile to vector
/// instructions; the lanes are reduced to channel peaks and one sum once per cell.
#[derive(Debug, Clone, Copy, Default)]
struct Lanes {
    max: [u8; 16],
    /// Up to 6 sampled rows x 3 blocks x 255 per lane for the largest cells in use; u16 holds 257
    /// such additions, far more than any grid makes.
    sum: [u16; 16],
}

impl Lanes {
    /// Folds a cell's bytes from one row into the peaks and sums. (Indexed loops over fixed
    /// sizes on purpose: they are what the compiler turns into vector instructions.)
    #[inline(always)]
    #[allow(clippy::needless_range_loop)]
    fn fold(&mut self, bytes: &[u8]) {
        let mut blocks = bytes.chunks_exact(16);
        for block in &mut blocks {
            let Ok(block) = <&[u8; 16]>::try_from(block) else { continue };
            for i in 0..16 {
                self.max[i] = self.max[i].max(block[i]);
                self.sum[i] += block[i] as u16;
            }
        }
        // A cell width that is not a multiple of four pixels leaves whole pixels over; they fold
        // into the first pixel's lanes, keeping each channel in its lane.
        for px in blocks.remainder().chunks_exact(4) {
            for k in 0..4 {
                self.max[k] = self.max[k].max(px[k]);
                self.sum[k] += px[k] as u16;
            }
        }
    }

    /// Channel peaks (r, g, b) and the sum of every byte (alpha included).
    fn reduce(&self) -> ([u8; 3], u32) {
        let m = &self.max;
        let peak = [0, 1, 2].map(|k| m[k].max(m[4 + k]).max(m[8 + k].max(m[12 + k])));
        (peak, self.sum.iter().map(|&s| s as u32).sum())
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
