//! A camera frame as the browser glue hands it over.

/// One RGBA frame (row-major, 4 bytes a pixel) and when it was captured.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub width: usize,
    pub height: usize,
    pub rgba: &'a [u8],
    /// Capture time in milliseconds (any origin; only differences matter).
    pub t_ms: f64,
}

impl<'a> Frame<'a> {
    /// A frame whose byte count matches its size; None for anything malformed.
    pub fn new(width: usize, height: usize, rgba: &'a [u8], t_ms: f64) -> Option<Frame<'a>> {
        let needed = width.checked_mul(height)?.checked_mul(4)?;
        if width > 0 && height > 0 && rgba.len() >= needed && t_ms.is_finite() {
            Some(Frame { width, height, rgba: &rgba[..needed], t_ms })
        } else {
            None
        }
    }

    #[inline]
    pub fn row(&self, y: usize) -> &'a [u8] {
        &self.rgba[y * self.width * 4..(y + 1) * self.width * 4]
    }
}

/// Mean brightness (0..1, Rec. 601 luma) of the centre fifth of the frame: the live readout
/// shown while aiming.
pub fn centre_brightness(frame: &Frame) -> f32 {
    let (x0, x1) = (frame.width * 2 / 5, (frame.width * 3 / 5).max(frame.width * 2 / 5 + 1));
    let (y0, y1) = (frame.height * 2 / 5, (frame.height * 3 / 5).max(frame.height * 2 / 5 + 1));
    let mut sum = 0u64;
    let mut n = 0u64;
    for y in y0..y1.min(frame.height) {
        for px in frame.row(y)[x0 * 4..x1.min(frame.width) * 4].chunks_exact(4) {
            sum += 299 * px[0] as u64 + 587 * px[1] as u64 + 114 * px[2] as u64;
            n += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        (sum as f64 / (n as f64 * 255_000.0)) as f32
    }
}
