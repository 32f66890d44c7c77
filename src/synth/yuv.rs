//! Full-range BT.601 YCbCr with 4:2:0 chroma (colour at half resolution both ways): what phone
//! cameras stream and what the y4m files for the browser's fake camera hold. The renderer can pass
//! its frames through it, since an LED's colour then smears into and out of its neighbours.

/// Luma of one RGB pixel.
pub fn luma(r: f32, g: f32, b: f32) -> u8 {
    (0.299 * r + 0.587 * g + 0.114 * b).round().clamp(0.0, 255.0) as u8
}

/// (Cb, Cr) of an RGB colour (usually the mean of a 2x2 block).
pub fn chroma(r: f32, g: f32, b: f32) -> (u8, u8) {
    let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
    let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
    (cb.round().clamp(0.0, 255.0) as u8, cr.round().clamp(0.0, 255.0) as u8)
}

/// RGB of a luma and chroma sample.
pub fn to_rgb(y: u8, cb: u8, cr: u8) -> [u8; 3] {
    let (y, cb, cr) = (y as f32, cb as f32 - 128.0, cr as f32 - 128.0);
    let c = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    [c(y + 1.402 * cr), c(y - 0.344_136 * cb - 0.714_136 * cr), c(y + 1.772 * cb)]
}

/// Mean RGB of the 2x2 block whose top-left pixel is (2 cx, 2 cy), clipped at odd edges.
pub fn block_mean(rgba: &[u8], width: usize, height: usize, cx: usize, cy: usize) -> (f32, f32, f32) {
    let (mut r, mut g, mut b, mut n) = (0f32, 0f32, 0f32, 0f32);
    for y in (cy * 2)..(cy * 2 + 2).min(height) {
        for x in (cx * 2)..(cx * 2 + 2).min(width) {
            let p = (y * width + x) * 4;
            r += rgba[p] as f32;
            g += rgba[p + 1] as f32;
            b += rgba[p + 2] as f32;
            n += 1.0;
        }
    }
    let n = n.max(1.0);
    (r / n, g / n, b / n)
}

/// Passes an RGBA frame through 4:2:0 YCbCr and back, in place (alpha untouched).
pub fn subsample_chroma(rgba: &mut [u8], width: usize, height: usize) {
    if rgba.len() < width * height * 4 {
        return;
    }
    for cy in 0..height.div_ceil(2) {
        for cx in 0..width.div_ceil(2) {
            let (r, g, b) = block_mean(rgba, width, height, cx, cy);
            let (cb, cr) = chroma(r, g, b);
            for y in (cy * 2)..(cy * 2 + 2).min(height) {
                for x in (cx * 2)..(cx * 2 + 2).min(width) {
                    let p = (y * width + x) * 4;
                    let l = luma(rgba[p] as f32, rgba[p + 1] as f32, rgba[p + 2] as f32);
                    rgba[p..p + 3].copy_from_slice(&to_rgb(l, cb, cr));
                }
            }
        }
    }
}
