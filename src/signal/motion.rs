//! How the picture moved between two frames: a translation, from brightness profiles.
//!
//! A phone in the hand shakes (tremor at 8-12 Hz, sway below 1 Hz, now and then a jerk), and the
//! status light moves with the device it sits on. Between two frames the picture within a small
//! window moves almost as a whole, so its row and column brightness profiles (the sum of each
//! row, of each column) move by the same amount: matching the profiles of this frame against the
//! last frame's finds the shift, to a fraction of a pixel, at a cost of one pass over the pixels
//! and a few thousand additions. A region whose profiles hardly vary (a plain black housing) has
//! no motion to see; the match says so (`Shift::fit`), and the caller keeps its prediction.
use super::view::{Rect, Window};

/// Row and column brightness profiles of a rectangle, in camera coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profiles {
    pub rect: Rect,
    /// Mean green level of each column (`rect.w` values) and each row (`rect.h` values).
    pub cols: Vec<f32>,
    pub rows: Vec<f32>,
}

/// Green is read for brightness: phone sensors have twice as many green pixels, so it carries the
/// picture's detail with the least noise, and a red or blue status light switching barely moves it.
const GREEN: usize = 1;

impl Profiles {
    /// The profiles of `rect` (which must lie inside `window`) leaving out what lies in `hole`:
    /// each column is summed over the rows above and below the hole, each row over the columns
    /// left and right of it. A light switching in the hole (and its glare around it) then
    /// changes no profile at all, where leaving out only the hole's own positions from the
    /// comparison would still let it change every column and row it crosses.
    pub fn measure_around(window: &Window, rect: Rect, hole: Rect, out: &mut Profiles) {
        out.rect = rect;
        out.cols.clear();
        out.rows.clear();
        if rect.is_empty() || !window.rect.covers(&rect) {
            return;
        }
        let mut col_sums = vec![0u32; rect.w];
        let mut col_rows = 0u32;
        for y in rect.y..rect.bottom() {
            let start = ((y - window.rect.y) * window.rect.w + (rect.x - window.rect.x)) * 4;
            let row = &window.rgba[start..start + rect.w * 4];
            let in_band = y >= hole.y && y < hole.bottom();
            let (mut sum, mut count) = (0u32, 0u32);
            for (x, (c, px)) in col_sums.iter_mut().zip(row.chunks_exact(4)).enumerate() {
                let g = px[GREEN] as u32;
                if !in_band {
                    *c += g;
                }
                let cx = rect.x + x;
                if cx < hole.x || cx >= hole.right() {
                    sum += g;
                    count += 1;
                }
            }
            col_rows += !in_band as u32;
            out.rows.push(if count > 0 { sum as f32 / count as f32 } else { 0.0 });
        }
        let h = col_rows.max(1) as f32;
        out.cols.extend(col_sums.iter().map(|&c| c as f32 / h));
    }

    /// The profiles of `rect` (which must lie inside `window`).
    pub fn measure(window: &Window, rect: Rect, out: &mut Profiles) {
        out.rect = rect;
        out.cols.clear();
        out.cols.resize(rect.w, 0.0);
        out.rows.clear();
        if rect.is_empty() || !window.rect.covers(&rect) {
            out.cols.clear();
            return;
        }
        let mut col_sums = vec![0u32; rect.w];
        for y in rect.y..rect.bottom() {
            let start = ((y - window.rect.y) * window.rect.w + (rect.x - window.rect.x)) * 4;
            let row = &window.rgba[start..start + rect.w * 4];
            let mut sum = 0u32;
            for (c, px) in col_sums.iter_mut().zip(row.chunks_exact(4)) {
                let g = px[GREEN] as u32;
                *c += g;
                sum += g;
            }
            out.rows.push(sum as f32 / rect.w as f32);
        }
        let h = rect.h as f32;
        for (o, &c) in out.cols.iter_mut().zip(&col_sums) {
            *o = c as f32 / h;
        }
    }
}

/// A translation between two frames, in camera pixels (where something at x before is at x + dx
/// now), and how well the profiles agreed on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    pub dx: f32,
    pub dy: f32,
    /// 0..1 for each axis: how much better the best shift matched than the typical one. Near 0
    /// where the profiles are flat (nothing to see) or changed altogether (a cut).
    pub fit_x: f32,
    pub fit_y: f32,
}

/// A shift must match at least this much better than the typical one (share of the typical
/// mismatch removed) to be believed: below it, noise or a changed picture could have chosen it.
pub const MIN_FIT: f32 = 0.3;

/// The shift along one axis: `before` and `now` are profiles over the same pixels of two frames;
/// `skip` is a range of positions (in `now`'s indices) left out of the comparison (a light that
/// switched changes its own rows and columns). Returns (shift, fit).
pub fn shift_1d(before: &[f32], now: &[f32], max_shift: usize, skip: Option<(usize, usize)>) -> Option<(f32, f32)> {
    let n = before.len().min(now.len());
    if n < 2 * max_shift + 4 {
        return None;
    }
    // Profiles are compared after removing their mean and scaling by their spread, so a change of
    // exposure or white balance (the whole picture brighter by a factor) does not count.
    let norm = |p: &[f32]| -> Vec<f32> {
        let mean = p.iter().sum::<f32>() / p.len() as f32;
        let spread = p.iter().map(|v| (v - mean).abs()).sum::<f32>() / p.len() as f32;
        let k = if spread > 1e-3 { 1.0 / spread } else { 0.0 };
        p.iter().map(|v| (v - mean) * k).collect()
    };
    let (a, b) = (norm(&before[..n]), norm(&now[..n]));
    if a.iter().all(|&v| v == 0.0) || b.iter().all(|&v| v == 0.0) {
        return Some((0.0, 0.0));
    }
    let s_max = max_shift as isize;
    let costs: Vec<f32> = (-s_max..=s_max)
        .map(|s| {
            // now[x] is compared with before[x - s], over the positions both hold (the same
            // count for every shift, so costs compare fairly).
            let (mut sum, mut count) = (0.0f32, 0u32);
            for x in max_shift..n - max_shift {
                if skip.is_some_and(|(lo, hi)| x >= lo && x < hi) {
                    continue;
                }
                let y = (x as isize - s) as usize;
                sum += (b[x] - a[y]).abs();
                count += 1;
            }
            if count == 0 { f32::MAX } else { sum / count as f32 }
        })
        .collect();
    let (best, &low) = costs.iter().enumerate().min_by(|p, q| p.1.total_cmp(q.1))?;
    let mut sorted = costs.clone();
    sorted.sort_by(f32::total_cmp);
    let typical = sorted[sorted.len() / 2];
    let fit = if typical > 0.0 { (1.0 - low / typical).clamp(0.0, 1.0) } else { 0.0 };
    // A parabola through the best cost and its neighbours places the minimum between samples.
    let frac = if best > 0 && best + 1 < costs.len() {
        let (l, c, r) = (costs[best - 1], costs[best], costs[best + 1]);
        let curve = l - 2.0 * c + r;
        if curve > 1e-6 { (0.5 * (l - r) / curve).clamp(-0.5, 0.5) } else { 0.0 }
    } else {
        0.0
    };
    Some((best as f32 - s_max as f32 + frac, fit))
}

/// The shift between two frames' profiles of the same rectangle, up to `max_shift` pixels each
/// way; `skip` is a rectangle (camera pixels) left out, e.g. where a light is.
pub fn shift(before: &Profiles, now: &Profiles, max_shift: usize, skip: Option<Rect>) -> Option<Shift> {
    if before.rect != now.rect {
        return None;
    }
    let r = now.rect;
    let skip_x = skip.map(|s| (s.x.saturating_sub(r.x), s.right().saturating_sub(r.x)));
    let skip_y = skip.map(|s| (s.y.saturating_sub(r.y), s.bottom().saturating_sub(r.y)));
    let (dx, fit_x) = shift_1d(&before.cols, &now.cols, max_shift.min(r.w / 4), skip_x)?;
    let (dy, fit_y) = shift_1d(&before.rows, &now.rows, max_shift.min(r.h / 4), skip_y)?;
    Some(Shift { dx, dy, fit_x, fit_y })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A smooth random texture, shifted by (sx, sy) whole pixels.
    fn texture(w: usize, h: usize, sx: isize, sy: isize) -> Vec<u8> {
        let f = |x: isize, y: isize| {
            let (x, y) = (x as f32, y as f32);
            (128.0 + 40.0 * (0.21 * x).sin() + 30.0 * (0.13 * y + 0.07 * x).cos() + 25.0 * (0.37 * y).sin() * (0.05 * x).cos()) as u8
        };
        let mut out = Vec::with_capacity(w * h * 4);
        for y in 0..h as isize {
            for x in 0..w as isize {
                let g = f(x - sx, y - sy);
                out.extend_from_slice(&[g / 2, g, g / 3, 255]);
            }
        }
        out
    }

    #[test]
    fn a_shifted_picture_is_found_shifted() {
        let rect = Rect { x: 0, y: 0, w: 96, h: 80 };
        let a = texture(96, 80, 0, 0);
        let mut before = Profiles::default();
        Profiles::measure(&Window::new(rect, &a).expect("window"), rect, &mut before);
        for (sx, sy) in [(0isize, 0isize), (3, -2), (-7, 5), (10, 10)] {
            let b = texture(96, 80, sx, sy);
            let mut now = Profiles::default();
            Profiles::measure(&Window::new(rect, &b).expect("window"), rect, &mut now);
            let s = shift(&before, &now, 12, None).expect("a shift");
            assert!((s.dx - sx as f32).abs() < 0.5 && (s.dy - sy as f32).abs() < 0.5, "({sx},{sy}) -> {s:?}");
            assert!(s.fit_x > MIN_FIT && s.fit_y > MIN_FIT, "{s:?}");
        }
    }

    #[test]
    fn a_flat_picture_has_no_motion_to_see() {
        let rect = Rect { x: 0, y: 0, w: 64, h: 64 };
        let flat: Vec<u8> = (0..64 * 64).flat_map(|_| [20u8, 20, 22, 255]).collect();
        let mut p = Profiles::default();
        Profiles::measure(&Window::new(rect, &flat).expect("window"), rect, &mut p);
        let s = shift(&p, &p.clone(), 8, None).expect("a shift");
        assert!(s.fit_x < MIN_FIT && s.fit_y < MIN_FIT, "{s:?}");
    }

    #[test]
    fn an_exposure_change_is_no_motion() {
        let rect = Rect { x: 0, y: 0, w: 96, h: 80 };
        let a = texture(96, 80, 0, 0);
        let darker: Vec<u8> = a.iter().map(|&v| (v as f32 * 0.6) as u8).collect();
        let (mut p, mut q) = (Profiles::default(), Profiles::default());
        Profiles::measure(&Window::new(rect, &a).expect("window"), rect, &mut p);
        Profiles::measure(&Window::new(rect, &darker).expect("window"), rect, &mut q);
        let s = shift(&p, &q, 12, None).expect("a shift");
        assert!(s.dx.abs() < 0.35 && s.dy.abs() < 0.35, "{s:?}");
    }
}
