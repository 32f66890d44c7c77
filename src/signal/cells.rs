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
    /// Mean brightness (r + g + b) / 3 of the cell. The sampled rows are averaged in pairs as
    /// they come (each new row weighs as much as all before it), so later rows weigh more: a
    /// local brightness for backgrounds, not an exact mean.
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
///
/// The work runs along whole rows, never cell by cell, because a cell is 6 px (24 bytes) wide at
/// 320x240, which fits vector registers badly. Per row of cells: the sampled rows fold into
/// per-column peaks and running averages (element-wise max and rounded average of bytes, which
/// stay bytes: widening to wider sums costs about three times as much); sliding-window peaks
/// over `cell` columns follow (a few whole-row max passes); then each cell reads its peak at its
/// first column and adds up its columns' averages.
pub fn cell_stats(frame: &Frame, grid: &Grid, out: &mut Vec<CellStat>) {
    // Every field of every cell is written below, so a reused buffer of the right size is kept.
    if out.len() != grid.len() {
        out.clear();
        out.resize(grid.len(), CellStat::default());
    }
    // Padded to whole cells; the padding stays zero, which neither raises a peak nor adds to a sum.
    let padded = grid.cols * grid.cell * 4;
    let mut columns = Columns { max: vec![0; padded], avg: vec![0; padded], window: vec![0; padded], scratch: vec![0; padded] };
    for cy in 0..grid.rows {
        let y0 = cy * grid.cell;
        let y1 = (y0 + grid.cell).min(frame.height);
        // The first two sampled rows in one pass (two streams of reads in flight, one write),
        // then the others.
        if y0 + 2 < y1 {
            columns.start_pair(frame.row(y0), frame.row(y0 + 2));
        } else {
            columns.start(frame.row(y0));
        }
        for y in (y0 + 4..y1).step_by(2) {
            columns.fold(frame.row(y));
        }
        columns.window_peaks(grid.cell);
        let span = grid.cell * 4;
        let full = grid.cell as u32;
        let inv_full = 1.0 / (3 * full) as f32;
        let cells = columns.window.chunks_exact(span).zip(columns.avg.chunks_exact(span));
        for (cx, ((window, avgs), stat)) in cells.zip(&mut out[cy * grid.cols..(cy + 1) * grid.cols]).enumerate() {
            // Pixels in this cell (the last column may be narrower than the others).
            let width = ((cx + 1) * grid.cell).min(frame.width) - cx * grid.cell;
            let (n, inv) = if width == grid.cell { (full, inv_full) } else { (width as u32, 1.0 / (3 * width) as f32) };
            let sum: u32 = avgs.iter().map(|&s| s as u32).sum();
            // sum holds r+g+b+a; remove the alpha (always 255 from a canvas) before averaging.
            let rgb = sum.saturating_sub(255 * n);
            stat.mean = (rgb as f32 * inv).min(255.0) as u8;
            stat.peak = [window[0], window[1], window[2]];
            (stat.hue, stat.chroma) = ([0; 3], 0);
            // A second look only where a spot stands out: few cells, so the cost stays small.
            if stat.value() as u32 >= stat.mean as u32 + SPOT_RISE {
                spot_colour(frame, grid, cx, y0, y1, stat);
            }
        }
    }
}

/// Per-byte-column running peaks and averages over the sampled rows of one row of cells.
struct Columns {
    max: Vec<u8>,
    avg: Vec<u8>,
    /// Peak over the `cell` pixel columns starting at each column (same layout as `max`).
    window: Vec<u8>,
    scratch: Vec<u8>,
}

impl Columns {
    /// Starts a row of cells with one sampled row.
    fn start(&mut self, row: &[u8]) {
        self.max[..row.len()].copy_from_slice(row);
        self.avg[..row.len()].copy_from_slice(row);
    }

    /// Starts a row of cells with two sampled rows (of equal length).
    fn start_pair(&mut self, a: &[u8], b: &[u8]) {
        let (max, avg) = (&mut self.max[..a.len()], &mut self.avg[..a.len()]);
        for (((m, v), &x), &y) in max.iter_mut().zip(avg.iter_mut()).zip(a).zip(b) {
            *m = x.max(y);
            *v = rounded_mean(x, y);
        }
    }

    /// Folds one more sampled row in. Plain element-wise loops over whole rows: the compiler
    /// vectorises them.
    fn fold(&mut self, row: &[u8]) {
        let (max, avg) = (&mut self.max[..row.len()], &mut self.avg[..row.len()]);
        for ((m, a), &b) in max.iter_mut().zip(avg.iter_mut()).zip(row) {
            *m = (*m).max(b);
            *a = rounded_mean(*a, b);
        }
    }

    /// `window[i]` = the peak of `max` over `cell` pixels from byte `i` on (same channel). Built by
    /// doubling spans of 1, 2, 4... pixels and, for a cell that is not a power of two, one last max
    /// of two overlapping spans (overlap does not matter for a maximum).
    fn window_peaks(&mut self, cell: usize) {
        self.window.copy_from_slice(&self.max);
        let mut span = 1;
        while span * 2 <= cell {
            self.widen(span);
            span *= 2;
        }
        if span < cell {
            self.widen(cell - span);
        }
    }

    /// window[i] = max(window[i], window[i + shift pixels]); the last bytes, with no partner, keep
    /// their value (the padding past them is zero). Written into `scratch`, then the two swap:
    /// an in-place update would not vectorise.
    fn widen(&mut self, shift_px: usize) {
        let shift = (shift_px * 4).min(self.window.len());
        let n = self.window.len() - shift;
        let (a, b, out) = (&self.window[..n], &self.window[shift..shift + n], &mut self.scratch[..n]);
        for i in 0..n {
            out[i] = a[i].max(b[i]);
        }
        self.scratch[n..].copy_from_slice(&self.window[n..]);
        std::mem::swap(&mut self.window, &mut self.scratch);
    }
}

/// The mean of two bytes, rounded up: the compiler turns it into one vector instruction (pavgb on
/// x86, avgr in wasm SIMD) when it runs over slices.
#[inline(always)]
fn rounded_mean(x: u8, y: u8) -> u8 {
    ((x as u16 + y as u16 + 1) >> 1) as u8
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
