//! The backdrop plane: a photograph behind the device (panned, zoomed, cut), lit by the ambient
//! light, with what stands in that plane: people walking past and red signs.
use super::camera::Pose;
use super::frame_geom::FrameGeom;
use super::photos::Image;
use super::planes::Planes;
use super::scene::{Backdrop, Distractor, RealScene};

/// The backdrop shown at `t` seconds (the last one that has started).
pub fn backdrop_at(scene: &RealScene, t: f64) -> &Backdrop {
    scene.backdrops.iter().rev().find(|b| b.from_s <= t).unwrap_or(&scene.backdrops[0])
}

/// Mirror-tiles the photo so any pan stays inside it.
/// Reflections rather than a division: coordinates are rarely more than a tile away.
#[inline]
fn mirror(i: i32, n: i32) -> usize {
    let mut m = i;
    loop {
        if m < 0 {
            m = -1 - m;
        } else if m >= n {
            m = 2 * n - 1 - m;
        } else {
            return m as usize;
        }
    }
}

/// Bilinear samples of `img` along a row: photo coordinates (u0 + x du, v0 + x dv) for each
/// output pixel x, times `gain` per channel, written into the three planes' row `out`.
pub fn sample_row(img: &Image, u0: f32, v0: f32, du: f32, dv: f32, gain: [f32; 3], out: [&mut [f32]; 3]) {
    let n = out[0].len();
    // The run of pixels whose 2x2 neighbourhood lies inside the photo (u, v are linear in x).
    let (mut lo, mut hi) = (0f32, n as f32);
    for (a, d, size) in [(u0, du, img.width), (v0, dv, img.height)] {
        let max = (size - 1) as f32 - 1e-3;
        if d.abs() < 1e-9 {
            if a < 0.0 || a >= max {
                hi = lo;
            }
        } else {
            let (t0, t1) = ((0.0 - a) / d, (max - a) / d);
            lo = lo.max(t0.min(t1).ceil());
            hi = hi.min(t0.max(t1).floor());
        }
    }
    let (lo, hi) = if hi > lo { (lo as usize, (hi as usize).min(n)) } else { (n, n) };
    let [r, g, b] = out;
    for x in (0..lo).chain(hi..n) {
        let c = sample_mirrored(img, u0 + x as f32 * du, v0 + x as f32 * dv);
        (r[x], g[x], b[x]) = (gain[0] * c[0], gain[1] * c[1], gain[2] * c[2]);
    }
    if hi > lo {
        sample_inside(img, u0 + lo as f32 * du, v0 + lo as f32 * dv, du, dv, gain, [&mut r[lo..hi], &mut g[lo..hi], &mut b[lo..hi]]);
    }
}

/// Fixed-point steps (16 fractional bits): cheaper than converting a float per pixel.
const FIX: f32 = 65536.0;

/// The common case: the whole run lies inside the photo, so no wrapping is needed.
fn sample_inside(img: &Image, u0: f32, v0: f32, du: f32, dv: f32, gain: [f32; 3], out: [&mut [f32]; 3]) {
    let stride = img.width * 3;
    let px = &img.rgb;
    let (mut u, mut v) = ((u0 * FIX) as i64, (v0 * FIX) as i64);
    let (su, sv) = ((du * FIX) as i64, (dv * FIX) as i64);
    let [r, g, b] = out;
    for x in 0..r.len() {
        let (iu, iv) = ((u >> 16) as usize, (v >> 16) as usize);
        let (fu, fv) = ((u & 0xffff) as f32 * (1.0 / FIX), (v & 0xffff) as f32 * (1.0 / FIX));
        let i = iv * stride + iu * 3;
        let top = &px[i..i + 6];
        let bottom = &px[i + stride..i + stride + 6];
        let mut c = [0f32; 3];
        for k in 0..3 {
            let a = top[k] + fu * (top[k + 3] - top[k]);
            let bb = bottom[k] + fu * (bottom[k + 3] - bottom[k]);
            c[k] = gain[k] * (a + fv * (bb - a));
        }
        (r[x], g[x], b[x]) = (c[0], c[1], c[2]);
        u += su;
        v += sv;
    }
}

/// One bilinear sample of the photo mirror-tiled (for pans past its edges).
fn sample_mirrored(img: &Image, u: f32, v: f32) -> [f32; 3] {
    let (iw, ih) = (img.width as i32, img.height as i32);
    let stride = img.width * 3;
    let px = &img.rgb;
    let (uf, vf) = (u.floor(), v.floor());
    let (fu, fv) = (u - uf, v - vf);
    let (r0, r1) = (mirror(vf as i32, ih) * stride, mirror(vf as i32 + 1, ih) * stride);
    let (c0, c1) = (mirror(uf as i32, iw) * 3, mirror(uf as i32 + 1, iw) * 3);
    let mut out = [0f32; 3];
    for k in 0..3 {
        let a = px[r0 + c0 + k] + fu * (px[r0 + c1 + k] - px[r0 + c0 + k]);
        let b = px[r1 + c0 + k] + fu * (px[r1 + c1 + k] - px[r1 + c0 + k]);
        out[k] = a + fv * (b - a);
    }
    out
}

/// Photo pixels per world pixel, and the photo point at the frame's centre, for a backdrop at `t`.
fn mapping(b: &Backdrop, img: &Image, h: usize, t: f64) -> (f32, (f32, f32)) {
    let age = (t - b.from_s).max(0.0) as f32;
    let k = img.height as f32 / (h as f32 * b.zoom * (b.zoom_rate * age).exp());
    let centre = (b.centre.0 * img.width as f32 + b.drift.0 * h as f32 * k * age, b.centre.1 * img.height as f32 + b.drift.1 * h as f32 * k * age);
    (k, centre)
}

/// Draws the backdrop photo into the radiance buffer (overwriting it). A photo enlarged at
/// least 2x is sampled at half resolution and interpolated up (the same picture for a third of
/// the work); `half` is the scratch buffer for that.
pub fn draw_photo(scene: &RealScene, g: &FrameGeom, buf: &mut Planes, half: &mut Planes) {
    let b = backdrop_at(scene, g.t);
    let img = b.photo.image();
    let (k, pc) = mapping(b, img, g.h, g.t);
    let a = &scene.ambient;
    let step = if k <= 0.5 { 2 } else { 1 };
    let (hw, hh) = (g.w.div_ceil(step), g.h.div_ceil(step));
    let target = if step == 1 { &mut *buf } else {
        if half.w != hw || half.h != hh {
            *half = Planes::new(hw, hh);
        }
        &mut *half
    };
    let s = step as f32;
    for hy in 0..hh {
        let y = (hy * step + step / 2).min(g.h - 1);
        let yc = hy as f32 * s + s / 2.0;
        let pose = g.row_pose[y].with_parallax(b.parallax);
        let w0 = pose.invert(g.c, (s / 2.0, yc));
        let w1 = pose.invert(g.c, (s / 2.0 + s, yc));
        let (u0, v0) = (pc.0 + (w0.0 - g.c.0) * k - 0.5, pc.1 + (w0.1 - g.c.1) * k - 0.5);
        let (du, dv) = ((w1.0 - w0.0) * k, (w1.1 - w0.1) * k);
        let l = a.level * b.light * g.row_light[y];
        let gain = [l * a.illuminant[0], l * a.illuminant[1], l * a.illuminant[2]];
        sample_row(img, u0, v0, du, dv, gain, target.rows_mut(hy));
    }
    if step == 2 {
        upsample2(half, buf);
    }
}

/// Bilinear 2x enlargement (pixel centres kept: each output pixel takes 3/4 of its own
/// half-resolution pixel and 1/4 of the nearer neighbour, both ways).
fn upsample2(src: &Planes, dst: &mut Planes) {
    let (sw, sh, h) = (src.w, src.h, dst.h);
    let mut v = vec![0f32; sw + 2];
    for c in 0..3 {
        let sp = src.plane(c);
        for y in 0..h {
            let yy = (y / 2).min(sh - 1);
            let ny = if y % 2 == 0 { yy.saturating_sub(1) } else { (yy + 1).min(sh - 1) };
            let (a, b) = (&sp[yy * sw..(yy + 1) * sw], &sp[ny * sw..(ny + 1) * sw]);
            // v holds the vertically interpolated row with one clamped pixel either side.
            for ((o, &a), &b) in v[1..=sw].iter_mut().zip(a).zip(b) {
                *o = 0.75 * a + 0.25 * b;
            }
            (v[0], v[sw + 1]) = (v[1], v[sw]);
            let row = &mut dst.rows_mut(y)[c];
            let even = row.len() / 2;
            for (pair, t) in row.chunks_exact_mut(2).zip(v.windows(3)).take(even) {
                pair[0] = 0.75 * t[1] + 0.25 * t[0];
                pair[1] = 0.75 * t[1] + 0.25 * t[2];
            }
            if row.len() % 2 == 1 {
                let last = row.len() - 1;
                row[last] = 0.75 * v[even + 1] + 0.25 * v[even];
            }
        }
    }
}

/// A box in image space holding a world-space box seen through `pose` (with a margin).
pub fn image_bounds(pose: &Pose, g: &FrameGeom, x0: f32, y0: f32, x1: f32, y1: f32) -> Option<(usize, usize, usize, usize)> {
    let (w, h) = (g.w, g.h);
    let corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)].map(|p| pose.apply(g.c, p));
    let (mut a, mut b, mut cc, mut d) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        a = a.min(x);
        b = b.min(y);
        cc = cc.max(x);
        d = d.max(y);
    }
    let (xa, ya) = ((a - 2.0).max(0.0) as usize, (b - 2.0).max(0.0) as usize);
    let (xb, yb) = (((cc + 3.0).max(0.0) as usize).min(w), ((d + 3.0).max(0.0) as usize).min(h));
    (xa < xb && ya < yb).then_some((xa, ya, xb, yb))
}

/// Signed distance to a rounded box centred at the origin (half sizes hx, hy; corner radius r).
pub fn rounded_box(px: f32, py: f32, hx: f32, hy: f32, r: f32) -> f32 {
    let (qx, qy) = (px.abs() - hx + r, py.abs() - hy + r);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}

/// Coverage of a pixel by a shape from its signed distance (one pixel of anti-aliasing).
pub fn coverage(d: f32) -> f32 {
    (0.5 - d).clamp(0.0, 1.0)
}

/// Walkers and signs: reflective things standing in the backdrop plane.
pub fn draw_backdrop_things(scene: &RealScene, g: &FrameGeom, buf: &mut Planes) {
    let b = backdrop_at(scene, g.t);
    let a = &scene.ambient;
    let light = a.level * b.light;
    for d in &scene.distractors {
        match *d {
            Distractor::Walker { start_s, y_frac, height_px, speed_px_s, clothes } => {
                let age = (g.t - start_s) as f32;
                if age < 0.0 {
                    continue;
                }
                // Enters from the left edge (or the right one when walking leftwards).
                let body_w = 0.32 * height_px;
                let x = if speed_px_s >= 0.0 { -body_w + speed_px_s * age } else { g.w as f32 + body_w + speed_px_s * age };
                let (top, bottom) = (y_frac * g.h as f32 - 0.5 * height_px, y_frac * g.h as f32 + 0.5 * height_px);
                let pose = g.pose_at_row(g.h as f32 / 2.0).with_parallax(b.parallax);
                let Some(bounds) = image_bounds(&pose, g, x - body_w, top, x + body_w, bottom) else { continue };
                let stride = (2.0 * std::f32::consts::PI * speed_px_s.abs() / (0.7 * height_px)) * age;
                let walker = Walker { x, top, height: height_px, swing: stride.sin() * 0.12 * height_px };
                paint(g, buf, bounds, b.parallax, |p| walker.shade(p, clothes), light, a.illuminant);
            }
            Distractor::RedSign { at, size_px } => {
                let (cx, cy) = (at.0 * g.w as f32, at.1 * g.h as f32);
                let (hx, hy) = (size_px.0 / 2.0, size_px.1 / 2.0);
                let pose = g.pose_at_row(cy).with_parallax(b.parallax);
                let Some(bounds) = image_bounds(&pose, g, cx - hx, cy - hy, cx + hx, cy + hy) else { continue };
                let sign = move |p: (f32, f32)| {
                    let (dx, dy) = (p.0 - cx, p.1 - cy);
                    let cov = coverage(rounded_box(dx, dy, hx, hy, 0.08 * hy));
                    if cov <= 0.0 {
                        return None;
                    }
                    // Two lines of white lettering: bars broken into letters.
                    let line = ((dy / hy + 0.55) / 0.4).floor();
                    let in_line = (0.0..=2.0).contains(&line) && ((dy / hy + 0.55) / 0.4).fract() < 0.55 && dx.abs() < 0.8 * hx;
                    let letter = ((dx / (0.16 * hy)).floor() as i32 + line as i32 * 3) % 4 != 0;
                    let rgb = if in_line && letter { [0.85, 0.85, 0.85] } else { [0.62, 0.045, 0.05] };
                    Some((rgb, cov))
                };
                paint(g, buf, bounds, b.parallax, sign, light, a.illuminant);
            }
            _ => {}
        }
    }
}

/// A person seen from the side: head, torso and two swinging legs.
struct Walker {
    x: f32,
    top: f32,
    height: f32,
    swing: f32,
}

impl Walker {
    fn shade(&self, p: (f32, f32), clothes: [f32; 3]) -> Option<([f32; 3], f32)> {
        let (h, dx, dy) = (self.height, p.0 - self.x, p.1 - self.top);
        let head = coverage(((dx).powi(2) + (dy - 0.07 * h).powi(2)).sqrt() - 0.065 * h);
        if head > 0.0 {
            return Some(([0.42, 0.3, 0.24], head));
        }
        let torso = coverage(rounded_box(dx, dy - 0.36 * h, 0.12 * h, 0.22 * h, 0.05 * h));
        if torso > 0.0 {
            return Some((clothes, torso));
        }
        let leg = |sx: f32| {
            let along = (dy - 0.58 * h) / (0.42 * h);
            if !(0.0..=1.0).contains(&along) {
                return 0.0;
            }
            coverage((dx - sx * along).abs() - 0.045 * h)
        };
        let legs = leg(self.swing).max(leg(-self.swing));
        (legs > 0.0).then_some(([0.08, 0.08, 0.1], legs))
    }
}

/// Paints a reflective shape (reflectance and coverage per world point) over the image box.
fn paint(g: &FrameGeom, buf: &mut Planes, (xa, ya, xb, yb): (usize, usize, usize, usize), parallax: f32, shape: impl Fn((f32, f32)) -> Option<([f32; 3], f32)>, light: f32, illum: [f32; 3]) {
    for y in ya..yb {
        let pose = g.row_pose[y].with_parallax(parallax);
        let l = light * g.row_light[y];
        for x in xa..xb {
            let wpt = pose.invert(g.c, (x as f32 + 0.5, y as f32 + 0.5));
            if let Some((rgb, cov)) = shape(wpt) {
                buf.blend(y * g.w + x, [rgb[0] * l * illum[0], rgb[1] * l * illum[1], rgb[2] * l * illum[2]], cov);
            }
        }
    }
}
