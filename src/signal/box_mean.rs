//! The mean of a byte per cell over the 5x5 cells around each cell (those inside the grid): the
//! background brightness the locator measures each cell's peak against.
//!
//! Why this shape: it runs every frame over every cell. The bytes are summed in 16-bit integers
//! (25 bytes stay below 6,400), eight to a vector register where 32-bit floats fit four; and the
//! grid sits inside a margin of zeros, so the sums are a few shifted element-wise additions over
//! whole arrays, with no edge cases at the grid's borders or row ends.

/// Cells on each side of a cell in its box.
const RADIUS: usize = 2;

/// Buffers for the box mean of one grid size, kept from frame to frame.
#[derive(Debug, Clone, Default)]
pub struct BoxMean {
    cols: usize,
    rows: usize,
    /// The input with RADIUS zero cells around it (rows `cols + 2 * RADIUS` long).
    padded: Vec<u16>,
    /// Sums along rows, then along columns, in the padded layout.
    row_sums: Vec<u16>,
    sums: Vec<u16>,
    /// 1 / the number of box cells inside the grid, per column and per row (boxes shrink at
    /// the edges).
    inv_cols: Vec<f32>,
    inv_rows: Vec<f32>,
}

impl BoxMean {
    pub fn new(cols: usize, rows: usize) -> BoxMean {
        let stride = cols + 2 * RADIUS;
        let n = stride * (rows + 2 * RADIUS);
        let inv = |len: usize| -> Vec<f32> {
            (0..len).map(|i| 1.0 / ((i + RADIUS + 1).min(len) - i.saturating_sub(RADIUS)) as f32).collect()
        };
        BoxMean {
            cols,
            rows,
            padded: vec![0; n],
            row_sums: vec![0; n],
            sums: vec![0; n],
            inv_cols: inv(cols),
            inv_rows: inv(rows),
        }
    }

    /// Writes into `out` (row-major, `cols * rows`) the box mean of `input` (row-major, the same
    /// size). Does nothing if the sizes do not match the grid.
    pub fn run(&mut self, input: &[u8], out: &mut [f32]) {
        let (w, h) = (self.cols, self.rows);
        let n = w * h;
        if n == 0 || input.len() != n || out.len() != n {
            return;
        }
        let stride = w + 2 * RADIUS;
        for (src, dst) in input.chunks_exact(w).zip(self.padded[RADIUS * stride..].chunks_exact_mut(stride)) {
            for (d, &b) in dst[RADIUS..RADIUS + w].iter_mut().zip(src) {
                *d = b as u16;
            }
        }
        // Along rows: a cell's neighbours 1 and 2 to each side. The margin between rows is
        // 2 * RADIUS zeros wide, so no sum reaches into the next row.
        shifted_sum(&self.padded, &mut self.row_sums, 1);
        // Along columns: the same, a row (stride) apart.
        shifted_sum(&self.row_sums, &mut self.sums, stride);
        for ((o, sums), &inv_row) in out.chunks_exact_mut(w).zip(self.sums[RADIUS * stride..].chunks_exact(stride)).zip(&self.inv_rows) {
            for ((o, &s), &inv_col) in o.iter_mut().zip(&sums[RADIUS..RADIUS + w]).zip(&self.inv_cols) {
                *o = s as f32 * (inv_col * inv_row);
            }
        }
    }
}

/// `out[i] = input[i - 2 step] + input[i - step] + input[i] + input[i + step] + input[i + 2 step]`
/// wherever all five exist; elsewhere (only the outer margin) `out` is left as it was (zero).
fn shifted_sum(input: &[u16], out: &mut [u16], step: usize) {
    let reach = RADIUS * step;
    if input.len() <= 2 * reach {
        return;
    }
    let len = input.len() - 2 * reach;
    let (a, b, c, d, e) = (
        &input[..len],
        &input[step..step + len],
        &input[reach..reach + len],
        &input[reach + step..reach + step + len],
        &input[2 * reach..2 * reach + len],
    );
    for (i, o) in out[reach..reach + len].iter_mut().enumerate() {
        *o = a[i] + b[i] + c[i] + d[i] + e[i];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equals the plain box mean on every grid shape, edges included.
    #[test]
    fn matches_a_plain_box_mean() {
        for (w, h) in [(1, 1), (1, 6), (6, 1), (2, 3), (7, 3), (54, 40), (80, 45)] {
            let input: Vec<u8> = (0..w * h).map(|i| ((i * 37 + 11) % 256) as u8).collect();
            let mut out = vec![0.0; w * h];
            let mut boxes = BoxMean::new(w, h);
            // Twice: a reused instance gives the same.
            for _ in 0..2 {
                boxes.run(&input, &mut out);
                for y in 0..h {
                    for x in 0..w {
                        let (mut sum, mut n) = (0.0, 0.0);
                        for ny in y.saturating_sub(2)..(y + 3).min(h) {
                            for nx in x.saturating_sub(2)..(x + 3).min(w) {
                                sum += input[ny * w + nx] as f32;
                                n += 1.0;
                            }
                        }
                        let want = sum / n;
                        assert!((out[y * w + x] - want).abs() < 1e-3, "{w}x{h} at ({x},{y}): {} vs {want}", out[y * w + x]);
                    }
                }
            }
        }
    }

    #[test]
    fn mismatched_sizes_leave_the_output_alone() {
        let mut boxes = BoxMean::new(4, 4);
        let mut out = vec![7.0; 16];
        boxes.run(&[1u8; 15], &mut out);
        assert!(out.iter().all(|&o| o == 7.0));
    }
}
