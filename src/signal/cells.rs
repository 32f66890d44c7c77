//! The one pass over a frame's pixels: the frame is cut into square cells and, for each cell,
//! the peak brightness, the mean brightness and a colour are kept. Everything after this works
//! on cells (a few thousand numbers), never on pixels again.
//!
//! Why peaks: a Blink LED can be 2 px across, which barely moves a cell's mean but always sets its
//! peak. Why per-channel peaks: an over-exposed LED is white in its core and coloured in its halo,
//! and the halo's cells keep the colour in their channel peaks.
use super::frame::Frame;

/// Per-cell statistics of one frame, as the reader keeps them for its history (5 bytes: twelve
/// seconds of them are thousands of frames' worth of memory, and fresh memory costs page faults).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellStat {
    /// Peak brightness: the largest channel peak over the cell's sampled pixels.
    pub value: u8,
    /// Mean brightness (r + g + b) / 3 of the cell's first row: a local brightness for
    /// backgrounds (the locator averages it over 5x5 cells, the measurement over a ring of
    /// cells), so one row of the cell is enough, and it costs no pass over the other rows.
    pub mean: u8,
    /// The colour of the cell's light: in cells holding a bright spot with any colour, its most
    /// colourful lit pixel that is not clipped white (an over-exposed LED's halo); elsewhere the
    /// peak of each channel.
    pub colour: [u8; 3],
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

/// The per-cell numbers the locator works on, one array each (row-major, like the stats): it runs
/// over every cell of every frame, and whole arrays of bytes vectorise where picking one field
/// out of each `CellStat` does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellPlanes {
    /// `CellStat::value` and `mean` of each cell, and the colourfulness (max - min channel) of
    /// its spot's colour (0 where the cell holds no coloured spot).
    pub value: Vec<u8>,
    pub mean: Vec<u8>,
    pub chroma: Vec<u8>,
    /// `CellStat::colour` of each cell, one plane per channel.
    pub rgb: [Vec<u8>; 3],
    /// Per channel, the cell's largest colour excess: how far a pixel's channel stands above the
    /// mean of its other two (0 where none does). A point of coloured light shows here even on a
    /// bright surface that already fills the channels' peaks (a red LED on a sunlit white housing
    /// raises red a little and, through the phone's colour matrix, lowers green and blue).
    pub excess: [Vec<u8>; 3],
}

impl CellPlanes {
    fn resize(&mut self, n: usize) {
        let [r, g, b] = &mut self.rgb;
        let [er, eg, eb] = &mut self.excess;
        for plane in [&mut self.value, &mut self.mean, &mut self.chroma, r, g, b, er, eg, eb] {
            plane.resize(n, 0);
        }
    }
}

/// The cell pass, with its row buffers kept from frame to frame (allocating them afresh cost
/// about a microsecond a frame, a few percent of the pass).
#[derive(Default)]
pub struct CellPass {
    columns: Columns,
    /// The same peaks over the sampled rows' colour excess (see `excess_row`).
    excess_columns: Columns,
    excess_row: Vec<u8>,
    planes: CellPlanes,
}

/// Fills `out` with the statistics of `frame`, for a caller that does not keep a [`CellPass`].
pub fn cell_stats(frame: &Frame, grid: &Grid, out: &mut Vec<CellStat>) {
    CellPass::default().run(frame, grid, out);
}

impl CellPass {
    /// The last frame's per-cell value, mean and chroma planes.
    pub fn planes(&self) -> &CellPlanes {
        &self.planes
    }

    /// Fills `out` (resized to the grid) with the statistics of `frame`.
    ///
    /// Only every second row is read: the smallest LED the reader supports is 2 px tall, so it
    /// always crosses a sampled row, and the pass costs half the memory traffic.
    ///
    /// The work runs along whole rows, never cell by cell, because a cell is 6 px (24 bytes) wide
    /// at 320x240, which fits vector registers badly. Per row of cells: the sampled rows fold
    /// into per-column peaks (element-wise max of bytes); sliding-window peaks over half a cell
    /// follow (one whole-row pass for 6 px cells); then each cell takes its peak from two
    /// windows and adds up its first row's bytes for the mean.
    ///
    /// The locator's view of the same frame is left in [`CellPass::planes`].
    pub fn run(&mut self, frame: &Frame, grid: &Grid, out: &mut Vec<CellStat>) {
        // Every field of every cell is written below, so a reused buffer of the right size is kept.
        if out.len() != grid.len() {
            out.clear();
            out.resize(grid.len(), CellStat::default());
        }
        let planes = &mut self.planes;
        planes.resize(grid.len());
        // Padded to whole cells; the padding stays zero, which neither raises a peak nor adds to
        // a sum.
        let columns = &mut self.columns;
        columns.resize(frame.width * 4, grid.cols * grid.cell * 4);
        let excess_columns = &mut self.excess_columns;
        excess_columns.resize(frame.width * 4, grid.cols * grid.cell * 4);
        let excess_row = &mut self.excess_row;
        excess_row.resize(frame.width * 4, 0);
        for cy in 0..grid.rows {
            let y0 = cy * grid.cell;
            let y1 = (y0 + grid.cell).min(frame.height);
            // The first three (or two) sampled rows in one pass: several streams of reads in
            // flight and the running buffers written once; then the others one by one.
            let folded_to = if y0 + 4 < y1 {
                columns.start_triple(frame.row(y0), frame.row(y0 + 2), frame.row(y0 + 4));
                y0 + 6
            } else if y0 + 2 < y1 {
                columns.start_pair(frame.row(y0), frame.row(y0 + 2));
                y0 + 4
            } else {
                columns.start(frame.row(y0));
                y0 + 2
            };
            for y in (folded_to..y1).step_by(2) {
                columns.fold(frame.row(y));
            }
            excess_of(frame.row(y0), excess_row);
            excess_columns.start(excess_row);
            for y in (y0 + 2..y1).step_by(2) {
                excess_of(frame.row(y), excess_row);
                excess_columns.fold(excess_row);
            }
            let excess_half = excess_columns.half_window_peaks(grid.cell);
            let excess_second = (grid.cell - excess_half) * 4;
            let half = columns.half_window_peaks(grid.cell);
            let second = (grid.cell - half) * 4;
            let span = grid.cell * 4;
            let cells = cy * grid.cols..(cy + 1) * grid.cols;
            let row_cells = &mut out[cells.clone()];
            let (values, means, chromas) =
                (&mut planes.value[cells.clone()], &mut planes.mean[cells.clone()], &mut planes.chroma[cells]);
            // Per cell, in three short loops: peaks, means, then the spot check (one fused loop
            // measured no faster, and slightly slower in most runs).
            for ((stat, value), window) in row_cells.iter_mut().zip(values.iter_mut()).zip(columns.window.chunks_exact(span)) {
                let peak = [0, 1, 2].map(|c| window[c].max(window[second + c]));
                *value = peak[0].max(peak[1]).max(peak[2]);
                *stat = CellStat { value: *value, mean: 0, colour: peak };
            }
            let first_row = frame.row(y0);
            // Cells whose bytes are whole words: the row's word lanes once (vectorised), then a
            // few adds a cell; the rest (a narrower last column, odd cell widths) word by word.
            let words = if span % 8 == 0 && span / 8 <= MAX_WORDS { span / 8 } else { 0 };
            let mut whole = 0;
            if words > 0 {
                columns.word_lanes(first_row);
                let full = Reciprocal::of(3 * grid.cell as u32);
                for (mean, lanes) in means.iter_mut().zip(columns.lanes.chunks_exact(words)) {
                    *mean = full.divide(fold_lanes(lanes.iter().sum()));
                    whole += 1;
                }
            }
            for (mean, first) in means.iter_mut().zip(first_row.chunks(span)).skip(whole) {
                *mean = Reciprocal::of(3 * first.len() as u32 / 4).divide(rgb_sum(first));
            }
            for (cx, ((stat, chroma), &mean)) in row_cells.iter_mut().zip(chromas.iter_mut()).zip(means.iter()).enumerate() {
                stat.mean = mean;
                // A second look only where a spot stands out: few cells, so the cost stays small.
                *chroma = if stat.value as u32 >= mean as u32 + SPOT_RISE {
                    spot_colour(frame, grid, cx, y0, y1, stat)
                } else {
                    0
                };
            }
            let cells = cy * grid.cols..(cy + 1) * grid.cols;
            for (c, plane) in planes.rgb.iter_mut().enumerate() {
                for (o, stat) in plane[cells.clone()].iter_mut().zip(row_cells.iter()) {
                    *o = stat.colour[c];
                }
            }
            for (c, plane) in planes.excess.iter_mut().enumerate() {
                for (o, window) in plane[cells.clone()].iter_mut().zip(excess_columns.window.chunks_exact(span)) {
                    *o = window[c].max(window[excess_second + c]);
                }
            }
        }
    }
}

/// Division of a cell's byte sum by its byte count as a multiply and a shift (a division
/// instruction per cell cost more than the rest of the cell's work).
#[derive(Clone, Copy)]
struct Reciprocal(u32);

impl Reciprocal {
    const SHIFT: u32 = 16;

    fn of(count: u32) -> Reciprocal {
        Reciprocal((1u32 << Self::SHIFT).div_ceil(count.max(1)))
    }

    /// sum / count, within one level (the reciprocal is rounded up), at most 255.
    fn divide(self, sum: u32) -> u8 {
        ((sum as u64 * self.0 as u64) >> Self::SHIFT).min(255) as u8
    }
}

const RGB: u64 = 0x00ff_ffff_00ff_ffff;
const LOW_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
const LOW_LANES: u64 = 0x0000_ffff_0000_ffff;
/// Words whose lanes may be added before folding: a 16-bit lane gains at most 510 a word.
const MAX_WORDS: usize = 64;

/// One 8-byte word (two RGBA pixels) as four 16-bit lanes holding its red, green and blue bytes
/// added in pairs (alpha masked off). Lanes of up to MAX_WORDS words add without overflow.
#[inline(always)]
fn lanes_of(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(word);
    let x = u64::from_le_bytes(bytes) & RGB;
    (x & LOW_BYTES) + ((x >> 8) & LOW_BYTES)
}

/// The sum held in a word's lanes.
#[inline(always)]
fn fold_lanes(lanes: u64) -> u32 {
    let pairs = (lanes & LOW_LANES) + ((lanes >> 16) & LOW_LANES);
    (pairs & 0xffff_ffff) as u32 + (pairs >> 32) as u32
}

/// Sum of the red, green and blue bytes of RGBA pixels (alpha left out), eight bytes at a time
/// as one 64-bit word; portable (wasm has 64-bit integers). For cells whose bytes do not come
/// in whole words.
fn rgb_sum(rgba: &[u8]) -> u32 {
    let words = rgba.chunks_exact(8);
    let tail = words.remainder();
    let (mut total, mut lanes) = (0u32, 0u64);
    for (k, word) in words.enumerate() {
        lanes += lanes_of(word);
        if k % MAX_WORDS == MAX_WORDS - 1 {
            total += fold_lanes(lanes);
            lanes = 0;
        }
    }
    total += fold_lanes(lanes);
    // A cell an odd number of pixels wide ends with half a word: one pixel.
    if let [r, g, b, ..] = *tail {
        total += r as u32 + g as u32 + b as u32;
    }
    total
}

/// Per-byte-column running peaks over the sampled rows of one row of cells.
#[derive(Default)]
struct Columns {
    max: Vec<u8>,
    /// Peak over the half-cell of pixel columns starting at each column (same layout as `max`).
    window: Vec<u8>,
    scratch: Vec<u8>,
    /// Bytes in a frame row: the folds write this much; the rest is padding.
    row_len: usize,
    /// `lanes_of` each whole word of a cell row's first row.
    lanes: Vec<u64>,
}

impl Columns {
    /// Sizes the buffers for rows of `row_len` bytes padded to `padded`, zeroed when either
    /// changes (the padding must stay zero, and the folds never write there).
    fn resize(&mut self, row_len: usize, padded: usize) {
        if self.max.len() != padded || self.row_len != row_len {
            let zeros = || vec![0; padded];
            *self = Columns { max: zeros(), window: zeros(), scratch: zeros(), row_len, lanes: vec![0; row_len / 8] };
        }
    }

    /// Fills `lanes` from a row: a plain loop over whole words, which the compiler vectorises.
    fn word_lanes(&mut self, row: &[u8]) {
        for (l, word) in self.lanes.iter_mut().zip(row.chunks_exact(8)) {
            *l = lanes_of(word);
        }
    }

    /// Starts a row of cells with three sampled rows (of equal length) in one pass.
    fn start_triple(&mut self, a: &[u8], b: &[u8], c: &[u8]) {
        for (((m, &x), &y), &z) in self.max[..a.len()].iter_mut().zip(a).zip(b).zip(c) {
            *m = x.max(y).max(z);
        }
    }

    /// Starts a row of cells with two sampled rows (of equal length).
    fn start_pair(&mut self, a: &[u8], b: &[u8]) {
        for ((m, &x), &y) in self.max[..a.len()].iter_mut().zip(a).zip(b) {
            *m = x.max(y);
        }
    }

    /// Starts a row of cells with one sampled row.
    fn start(&mut self, row: &[u8]) {
        self.max[..row.len()].copy_from_slice(row);
    }

    /// Folds one more sampled row in. A plain element-wise loop over the whole row: the compiler
    /// vectorises it.
    fn fold(&mut self, row: &[u8]) {
        for (m, &b) in self.max[..row.len()].iter_mut().zip(row) {
            *m = (*m).max(b);
        }
    }

    /// `window[i]` = the peak of `max` over `half` pixels from byte `i` on (same channel), where
    /// `half` = ceil(cell / 2): a cell's peak is the larger of the windows at its first pixel and
    /// at its pixel `cell - half` (two overlapping halves cover it), which costs two loads per
    /// cell instead of whole-row passes up to the full width. Built by doubling spans of 1, 2,
    /// 4... pixels and, when `half` is not a power of two, one last max of two overlapping spans.
    /// Returns `half`.
    fn half_window_peaks(&mut self, cell: usize) -> usize {
        let half = cell.div_ceil(2);
        if half == 1 {
            self.window.copy_from_slice(&self.max);
            return half;
        }
        // The first step reads `max` directly, sparing a copy; three pixels in one pass when
        // that fits (6 and 12 px cells: 320 px frames, the browser's, and 720p).
        let mut span = if half % 3 == 0 {
            widen3(&self.max, &mut self.window);
            3
        } else {
            widen(&self.max, &mut self.window, 1);
            2
        };
        while span * 2 <= half {
            widen(&self.window, &mut self.scratch, span);
            std::mem::swap(&mut self.window, &mut self.scratch);
            span *= 2;
        }
        if span < half {
            widen(&self.window, &mut self.scratch, half - span);
            std::mem::swap(&mut self.window, &mut self.scratch);
        }
        half
    }
}

/// out[i] = max(input[i], input[i + 1 pixel], input[i + 2 pixels]); the last bytes, short of
/// partners, take those they have (the padding past them is zero).
fn widen3(input: &[u8], out: &mut [u8]) {
    let n = input.len().saturating_sub(8);
    let (a, b, c, head) = (&input[..n], &input[4..4 + n], &input[8..8 + n], &mut out[..n]);
    for i in 0..n {
        head[i] = a[i].max(b[i]).max(c[i]);
    }
    for i in n..input.len() {
        out[i] = input[i..].iter().step_by(4).take(3).fold(0, |m, &v| m.max(v));
    }
}

/// out[i] = max(input[i], input[i + shift pixels]); the last bytes, with no partner, keep their
/// value (the padding past them is zero). Out of place: an in-place update would not vectorise.
fn widen(input: &[u8], out: &mut [u8], shift_px: usize) {
    let shift = (shift_px * 4).min(input.len());
    let n = input.len() - shift;
    let (a, b, head) = (&input[..n], &input[shift..], &mut out[..n]);
    for i in 0..n {
        head[i] = a[i].max(b[i]);
    }
    out[n..].copy_from_slice(&input[n..]);
}

/// Writes each pixel's colour excess per channel (the channel minus the mean of the other two,
/// 0 where that is negative) in RGBA layout, alpha 0. A plain loop over whole pixels: the
/// compiler vectorises it.
fn excess_of(row: &[u8], out: &mut [u8]) {
    for (o, px) in out.chunks_exact_mut(4).zip(row.chunks_exact(4)) {
        let (r, g, b) = (px[0] as i16, px[1] as i16, px[2] as i16);
        o[0] = (r - ((g + b) >> 1)).max(0) as u8;
        o[1] = (g - ((r + b) >> 1)).max(0) as u8;
        o[2] = (b - ((r + g) >> 1)).max(0) as u8;
        o[3] = 0;
    }
}

/// How far (0..255) a cell's peak must rise above its mean to be looked at for colour.
const SPOT_RISE: u32 = 40;

/// Finds the most colourful lit pixel of a cell, skipping pixels clipped white; when it has any
/// colour, it becomes the cell's colour. Returns its colourfulness (max - min channel).
///
/// Kept out of line: it runs for a few cells a frame, and inlined into the per-cell loop it took
/// registers the loop needed for every cell.
#[cold]
#[inline(never)]
fn spot_colour(frame: &Frame, grid: &Grid, cx: usize, y0: usize, y1: usize, stat: &mut CellStat) -> u8 {
    let lit = (stat.mean as u32 + SPOT_RISE / 2).min(255) as u8;
    let (x0, x1) = (cx * grid.cell, ((cx + 1) * grid.cell).min(frame.width));
    let mut chroma = 0;
    for y in (y0..y1).step_by(2) {
        for px in frame.row(y)[x0 * 4..x1 * 4].chunks_exact(4) {
            let (max, min) = (px[0].max(px[1]).max(px[2]), px[0].min(px[1]).min(px[2]));
            if max >= lit && min < 245 && max - min > chroma {
                chroma = max - min;
                stat.colour = [px[0], px[1], px[2]];
            }
        }
    }
    chroma
}

/// The memory floor for a frame: one plain pass summing every byte. Benchmarks compare the cell
/// pass against it.
pub fn plain_pass(rgba: &[u8]) -> u64 {
    // u32 partial sums over blocks vectorise well: this is as fast as reading the bytes gets.
    rgba.chunks(1 << 16).map(|c| c.iter().map(|&b| b as u32).sum::<u32>() as u64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn rgb_sum_adds_every_colour_byte_and_no_alpha() {
        for len in (0..1200).step_by(4) {
            let bytes = noise(len, len as u64 + 3);
            let plain: u32 = bytes.chunks(4).flat_map(|px| px.iter().take(3)).map(|&b| b as u32).sum();
            assert_eq!(rgb_sum(&bytes), plain, "{len} bytes");
        }
    }

    /// A pass kept from frame to frame gives what a fresh one gives, also when the frame size
    /// changes under it (stale bytes in its padding would raise the last cells' peaks).
    #[test]
    fn a_reused_pass_matches_a_fresh_one() {
        let mut pass = CellPass::default();
        for (k, (w, h)) in [(322, 240), (320, 240), (97, 61), (324, 240), (320, 240)].into_iter().enumerate() {
            let bytes = noise(w * h * 4, k as u64 + 11);
            let frame = Frame::new(w, h, &bytes, 0.0).expect("frame");
            let grid = Grid::for_frame(w, h);
            let (mut reused, mut fresh) = (Vec::new(), Vec::new());
            pass.run(&frame, &grid, &mut reused);
            cell_stats(&frame, &grid, &mut fresh);
            assert_eq!(reused, fresh, "{w}x{h}");
            let mut fresh_pass = CellPass::default();
            fresh_pass.run(&frame, &grid, &mut fresh);
            assert_eq!(pass.planes(), fresh_pass.planes(), "{w}x{h}");
            assert!(fresh.iter().zip(&pass.planes().value).all(|(s, &v)| s.value == v), "{w}x{h}");
        }
    }
}
