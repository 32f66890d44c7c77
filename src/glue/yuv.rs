//! A copied video frame's YUV planes turned into the reader's overview: a box average by the
//! reduction factor, taken on Y, U and V (the conversion to RGB is affine, so this is the RGB
//! box average up to clipping). The planes are 4:2:0 (I420, or NV12 with U and V interleaved),
//! as cameras and decoders give them. (Full-resolution rectangles are converted by the browser:
//! its converter is several times faster than this one in wasm.)
//!
//! Pure Rust; the buffers belong to the caller and are reused.

/// How the YUV values map to RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matrix {
    /// BT.601 (SDTV, also what browsers assume for an unlabelled frame).
    Bt601,
    /// BT.709 (HD).
    Bt709,
}

/// Where the planes are in the copied bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planes {
    pub width: usize,
    pub height: usize,
    pub y: (usize, usize),
    pub u: (usize, usize),
    pub v: (usize, usize),
    /// Bytes from one chroma sample to the next along a row: 1 (I420), 2 (NV12).
    pub chroma_step: usize,
}

impl Planes {
    /// Tightly packed planes of a `width` x `height` (even) frame.
    pub fn packed(width: usize, height: usize, nv12: bool) -> Planes {
        let (cw, ch) = (width.div_ceil(2), height.div_ceil(2));
        let y_len = width * height;
        if nv12 {
            Planes { width, height, y: (0, width), u: (y_len, cw * 2), v: (y_len + 1, cw * 2), chroma_step: 2 }
        } else {
            Planes { width, height, y: (0, width), u: (y_len, cw), v: (y_len + cw * ch, cw), chroma_step: 1 }
        }
    }

    /// Bytes the planes need.
    pub fn len(&self) -> usize {
        let ch = self.height.div_ceil(2);
        let last = |(off, stride): (usize, usize), rows: usize| off + stride * rows;
        last(self.y, self.height).max(last(self.u, ch)).max(last(self.v, ch))
    }

    pub fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }
}

/// YUV to RGB in fixed point (8 fractional bits).
pub struct Converter {
    ky: i32,
    y0: i32,
    rv: i32,
    gu: i32,
    gv: i32,
    bu: i32,
}

const FRAC: i32 = 8;

/// A fixed-point value as a byte, clipped to 0..255.
#[inline(always)]
fn clip(x: i32) -> u32 {
    let v = x >> FRAC;
    if v < 0 {
        0
    } else if v > 255 {
        255
    } else {
        v as u32
    }
}

impl Converter {
    pub fn new(matrix: Matrix, full_range: bool) -> Converter {
        // (luma gain, luma offset, chroma gain) and the matrix's colour coefficients.
        let (ky, y0, kc) = if full_range { (1.0, 0, 1.0) } else { (255.0 / 219.0, 16, 255.0 / 224.0) };
        let (rv, gu, gv, bu) = match matrix {
            Matrix::Bt601 => (1.402, -0.344_136, -0.714_136, 1.772),
            Matrix::Bt709 => (1.5748, -0.187_324, -0.468_124, 1.8556),
        };
        let fix = |x: f64| (x * (1 << FRAC) as f64).round() as i32;
        Converter { ky: fix(ky), y0, rv: fix(rv * kc), gu: fix(gu * kc), gv: fix(gv * kc), bu: fix(bu * kc) }
    }

    /// One pixel as RGBA in a little-endian word, from luma `y` and a chroma sample's terms.
    #[inline(always)]
    fn pixel(&self, y: u8, (cr, cg, cb): (i32, i32, i32)) -> u32 {
        let l = (y as i32 - self.y0) * self.ky + (1 << (FRAC - 1));
        clip(l + cr) | clip(l + cg) << 8 | clip(l + cb) << 16 | 0xff00_0000
    }

    /// A chroma sample's red, green and blue terms.
    #[inline(always)]
    fn chroma(&self, u: u8, v: u8) -> (i32, i32, i32) {
        let (u, v) = (u as i32 - 128, v as i32 - 128);
        (v * self.rv, u * self.gu + v * self.gv, u * self.bu)
    }

    #[inline(always)]
    fn put(&self, y: u8, (cr, cg, cb): (i32, i32, i32), out: &mut [u8], o: usize) {
        let l = (y as i32 - self.y0) * self.ky + (1 << (FRAC - 1));
        let px = &mut out[o..o + 4];
        px[0] = clip(l + cr) as u8;
        px[1] = clip(l + cg) as u8;
        px[2] = clip(l + cb) as u8;
        px[3] = 255;
    }

    /// The whole frame reduced by `factor` (overview pixels: the mean of up to factor x factor
    /// luma samples and of the chroma samples they use), RGBA into `out`.
    pub fn overview(&self, p: &Planes, bytes: &[u8], factor: usize, out: &mut Vec<u8>) {
        let f = factor.max(1);
        let (w, h) = (p.width, p.height);
        let (ow, oh) = (w.div_ceil(f), h.div_ceil(f));
        out.clear();
        out.resize(ow * oh * 4, 255);
        if p.is_empty() || bytes.len() < p.len() {
            return;
        }
        let (yo, ys) = p.y;
        let (uo, us) = p.u;
        let (vo, vs) = p.v;
        let step = p.chroma_step;
        if f == 2 && w % 2 == 0 && h % 2 == 0 {
            // The common case (1280x720 and the like): each overview pixel is a 2x2 luma block
            // and exactly one chroma sample. Written a word at a time where the buffer allows.
            // SAFETY (both): any four bytes are a valid u32, and any u32 four valid bytes.
            let aligned = {
                let (head, words, _) = unsafe { out.align_to::<u32>() };
                head.is_empty() && words.len() == ow * oh
            };
            let rows = move |oy: usize| {
                let (r0, r1) = (yo + 2 * oy * ys, yo + (2 * oy + 1) * ys);
                let (cu, cv) = (uo + oy * us, vo + oy * vs);
                (&bytes[r0..r0 + w], &bytes[r1..r1 + w], &bytes[cu..cu + (ow - 1) * step + 1], &bytes[cv..cv + (ow - 1) * step + 1])
            };
            if aligned {
                let (_, words, _) = unsafe { out.align_to_mut::<u32>() };
                for (oy, row) in words.chunks_exact_mut(ow).enumerate() {
                    let (l0, l1, ur, vr) = rows(oy);
                    for (ox, px) in row.iter_mut().enumerate() {
                        let x = 2 * ox;
                        let s = l0[x] as u32 + l0[x + 1] as u32 + l1[x] as u32 + l1[x + 1] as u32;
                        *px = self.pixel(((s + 2) >> 2) as u8, self.chroma(ur[ox * step], vr[ox * step])).to_le();
                    }
                }
            } else {
                for oy in 0..oh {
                    let (l0, l1, ur, vr) = rows(oy);
                    let row = &mut out[oy * ow * 4..(oy + 1) * ow * 4];
                    for ox in 0..ow {
                        let x = 2 * ox;
                        let s = l0[x] as u32 + l0[x + 1] as u32 + l1[x] as u32 + l1[x + 1] as u32;
                        self.put(((s + 2) >> 2) as u8, self.chroma(ur[ox * step], vr[ox * step]), row, ox * 4);
                    }
                }
            }
            return;
        }
        let mut sums = vec![0u32; ow];
        for oy in 0..oh {
            let (y0, y1) = (oy * f, ((oy + 1) * f).min(h));
            sums.iter_mut().for_each(|s| *s = 0);
            for y in y0..y1 {
                let row = &bytes[yo + y * ys..yo + y * ys + w];
                for (s, block) in sums.iter_mut().zip(row.chunks(f)) {
                    *s += block.iter().map(|&b| b as u32).sum::<u32>();
                }
            }
            // Chroma rows and columns the block's luma samples use.
            let (cy0, cy1) = (y0 / 2, (y1 - 1) / 2 + 1);
            for (ox, s) in sums.iter().enumerate() {
                let (x0, x1) = (ox * f, ((ox + 1) * f).min(w));
                let n = ((x1 - x0) * (y1 - y0)) as u32;
                let yy = ((s + n / 2) / n) as u8;
                let (cx0, cx1) = (x0 / 2, (x1 - 1) / 2 + 1);
                let (u, v) = if cx1 - cx0 == 1 && cy1 - cy0 == 1 {
                    (bytes[uo + cy0 * us + cx0 * step], bytes[vo + cy0 * vs + cx0 * step])
                } else {
                    let (mut su, mut sv, mut m) = (0u32, 0u32, 0u32);
                    for cy in cy0..cy1 {
                        for cx in cx0..cx1 {
                            su += bytes[uo + cy * us + cx * step] as u32;
                            sv += bytes[vo + cy * vs + cx * step] as u32;
                            m += 1;
                        }
                    }
                    (((su + m / 2) / m) as u8, ((sv + m / 2) / m) as u8)
                };
                self.put(yy, self.chroma(u, v), out, (oy * ow + ox) * 4);
            }
        }
    }
}
