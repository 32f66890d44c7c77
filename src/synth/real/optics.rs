//! Light from small sources through the lens: an emitter's energy spread by the point spread
//! function (a Gaussian core integrated over each pixel, so a sub-pixel LED keeps its energy)
//! plus a wide glare halo. Everything adds to the radiance buffer; nothing is painted over.
use super::planes::Planes;

/// The fraction of the glare in its nearer ring (the rest goes to the far one).
const GLARE_NEAR_SHARE: f32 = 0.5;
/// The core is drawn out to this many sigmas (beyond, less than 1e-4 of the energy).
const CORE_REACH: f32 = 4.0;
/// Glare rings are drawn out to this many sigmas.
const GLARE_REACH: f32 = 3.0;

/// The lens' point spread for one frame: core sigma (pixels) and glare (fraction, ring sizes).
#[derive(Debug, Clone, Copy)]
pub struct Psf {
    pub sigma: f32,
    pub glare: f32,
    pub glare_near_px: f32,
    pub glare_far_px: f32,
}

/// erf, Abramowitz & Stegun 7.1.26 (error below 1.5e-7).
fn erf(x: f32) -> f32 {
    let s = x.signum();
    let x = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let y = 1.0 - (((((1.061_405_4 * t - 1.453_152_1) * t) + 1.421_413_7) * t - 0.284_496_74) * t + 0.254_829_6) * t * (-x * x).exp();
    s * y
}

/// Per-pixel weights of a 1-D Gaussian integrated over pixels `lo..lo + out.len()`.
fn integrated(mu: f32, sigma: f32, lo: i64, out: &mut Vec<f32>, n: usize) {
    out.clear();
    let k = 1.0 / (sigma * std::f32::consts::SQRT_2);
    let mut prev = erf((lo as f32 - mu) * k);
    for i in 0..n {
        let next = erf((lo as f32 + i as f32 + 1.0 - mu) * k);
        out.push(0.5 * (next - prev));
        prev = next;
    }
}

/// Adds a separable Gaussian blob of total `energy` (radiance x pixels) at (x, y).
#[allow(clippy::too_many_arguments)]
fn add_gaussian(buf: &mut Planes, x: f32, y: f32, sigma: f32, reach: f32, energy: f32, colour: [f32; 3], scratch: &mut (Vec<f32>, Vec<f32>)) {
    if energy <= 0.0 || sigma <= 0.0 {
        return;
    }
    let (w, h) = (buf.w, buf.h);
    let r = (sigma * reach).ceil() as i64 + 1;
    let (x0, x1) = ((x as i64 - r).max(0), (x as i64 + r + 1).min(w as i64));
    let (y0, y1) = ((y as i64 - r).max(0), (y as i64 + r + 1).min(h as i64));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let (gx, gy) = scratch;
    integrated(x, sigma, x0, gx, (x1 - x0) as usize);
    integrated(y, sigma, y0, gy, (y1 - y0) as usize);
    let c = [colour[0] * energy, colour[1] * energy, colour[2] * energy];
    for (j, &wy) in gy.iter().enumerate() {
        if wy < 1e-7 {
            continue;
        }
        for (plane, ck) in buf.rows_mut(y0 as usize + j).into_iter().zip(c) {
            let k = ck * wy;
            for (p, &wx) in plane[x0 as usize..x1 as usize].iter_mut().zip(gx.iter()) {
                *p += k * wx;
            }
        }
    }
}

/// Adds a small light whose image moved and switched during the exposure: `samples` are
/// (x, y, weight) along the exposure window, weights summing to the fraction of it the light was
/// lit. `energy` is luminance x emitter area; `radius_px` the emitter's own size.
#[allow(clippy::too_many_arguments)]
pub fn add_light(buf: &mut Planes, samples: &[(f32, f32, f32)], radius_px: f32, energy: f32, colour: [f32; 3], psf: &Psf) {
    let lit: f32 = samples.iter().map(|s| s.2).sum();
    if lit <= 0.0 || energy <= 0.0 {
        return;
    }
    let mut scratch = (Vec::new(), Vec::new());
    // A uniform disk of radius r has a variance of r^2/4 per axis; the lens blur adds its own.
    let sigma = (psf.sigma * psf.sigma + radius_px * radius_px / 4.0).sqrt();
    let core = energy * (1.0 - psf.glare);
    for &(x, y, k) in samples {
        add_gaussian(buf, x, y, sigma, CORE_REACH, core * k, colour, &mut scratch);
    }
    // Glare is wide; where in the exposure the light was hardly matters for it.
    let (mx, my) = samples.iter().fold((0.0, 0.0), |(a, b), s| (a + s.0 * s.2, b + s.1 * s.2));
    let (mx, my) = (mx / lit, my / lit);
    let g = energy * psf.glare * lit;
    add_gaussian(buf, mx, my, psf.glare_near_px.max(sigma), GLARE_REACH, g * GLARE_NEAR_SHARE, colour, &mut scratch);
    add_gaussian(buf, mx, my, psf.glare_far_px.max(sigma), GLARE_REACH, g * (1.0 - GLARE_NEAR_SHARE), colour, &mut scratch);
}

/// Energy of an emitter: luminance times its disk's area (at least a tenth of a pixel's radius).
pub fn emitter_energy(luminance: f32, radius_px: f32) -> f32 {
    let r = radius_px.max(0.1);
    luminance * std::f32::consts::PI * r * r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sub_pixel_light_keeps_its_energy() {
        let mut buf = Planes::new(40, 30);
        let psf = Psf { sigma: 0.4, glare: 0.05, glare_near_px: 3.0, glare_far_px: 8.0 };
        add_light(&mut buf, &[(20.3, 15.7, 1.0)], 0.3, 2.0, [1.0, 0.0, 0.0], &psf);
        let red: f32 = buf.plane(0).iter().sum();
        assert!((red - 2.0).abs() < 0.02, "energy {red}");
    }
}
