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
