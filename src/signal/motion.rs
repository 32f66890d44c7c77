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
    /// The profiles of `rect` (which must lie inside `window`).
    ///
    /// Each column's profile value is its mean brightness. Each row's is the log of its left
    /// half's brightness over its right half's (see `row_ratios`).
    pub fn measure(window: &Window, rect: Rect, out: &mut Profiles) {
        out.rect = rect;
        out.cols.clear();
        out.rows.clear();
        if rect.is_empty() || !window.rect.covers(&rect) {
            return;
        }
        let mut col_sums = vec![0u32; rect.w];
        for y in rect.y..rect.bottom() {
            let start = ((y - window.rect.y) * window.rect.w + (rect.x - window.rect.x)) * 4;
            let row = &window.rgba[start..start + rect.w * 4];
            for (c, px) in col_sums.iter_mut().zip(row.chunks_exact(4)) {
                *c += px[GREEN] as u32;
            }
        }
        let h = rect.h as f32;
        out.cols.extend(col_sums.iter().map(|&c| c as f32 / h));
        row_ratios(window, rect, 0, &mut out.rows);
    }
}

/// For each row of `rect`: the log of the brightness of the second quarter of its width over the
/// third's, both moved `dx` pixels sideways (at most a quarter of the width). Under mains light a
/// rolling shutter scales whole rows (bands that roll down the picture from frame to frame): a
/// row's brightness follows the bands, the ratio of two parts of it does not, while it still
/// moves with the picture's detail; a plain picture, which has no motion to see, has a flat
/// ratio. The parts move with the picture's sideways motion, so what crosses between them does
/// not count as a change. (Columns each hold every row, so the bands scale them all alike, which
/// the comparison of column profiles ignores.)
pub fn row_ratios(window: &Window, rect: Rect, dx: isize, rows: &mut Vec<f32>) {
    rows.clear();
    if rect.is_empty() || !window.rect.covers(&rect) {
        return;
    }
    let quarter = (rect.w / 4) as isize;
    let first = (quarter + dx.clamp(-quarter, quarter)) as usize;
    let (q, mid) = (quarter as usize, first + quarter as usize);
    if q == 0 {
        return;
    }
    for y in rect.y..rect.bottom() {
        let start = ((y - window.rect.y) * window.rect.w + (rect.x - window.rect.x)) * 4;
        let row = &window.rgba[start..start + rect.w * 4];
        let sum = |from: usize| row[from * 4..(from + q) * 4].chunks_exact(4).map(|px| px[GREEN] as u32).sum::<u32>();
        // One level added to each pixel keeps a black part from dividing by nothing.
        let (l, r) = ((sum(first) + q as u32) as f32, (sum(mid) + q as u32) as f32);
        rows.push(l.ln() - r.ln());
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

/// A shift is taken over none only where its mismatch is at most this share of no shift's.
const ZERO_PREFERENCE: f32 = 0.8;

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
    let (mut best, mut low) = costs.iter().copied().enumerate().min_by(|p, q| p.1.total_cmp(&q.1))?;
    let mut sorted = costs.clone();
    sorted.sort_by(f32::total_cmp);
    let typical = sorted[sorted.len() / 2];
    // No motion unless a shift explains the change plainly better: over a plain picture, noise
    // and flicker bands rolling through it make some shift match a little better by chance.
    let still = max_shift;
    if best != still && low > ZERO_PREFERENCE * costs[still] {
        (best, low) = (still, costs[still]);
    }
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
/// `now_window` is the frame `now` was measured in: its rows are measured again with their halves
/// moved by the sideways shift found, before the shift along the rows is sought.
pub fn shift(before: &Profiles, now: &Profiles, now_window: &Window, max_shift: usize, skip: Option<Rect>) -> Option<Shift> {
    if before.rect != now.rect {
        return None;
    }
    let r = now.rect;
    let skip_x = skip.map(|s| (s.x.saturating_sub(r.x), s.right().saturating_sub(r.x)));
    let skip_y = skip.map(|s| (s.y.saturating_sub(r.y), s.bottom().saturating_sub(r.y)));
    let (dx, fit_x) = shift_1d(&before.cols, &now.cols, max_shift.min(r.w / 4), skip_x)?;
    let mut rows = Vec::with_capacity(r.h);
    let side = if fit_x >= MIN_FIT { dx.round() as isize } else { 0 };
    row_ratios(now_window, r, side, &mut rows);
    let (dy, fit_y) = shift_1d(&before.rows, &rows, max_shift.min(r.h / 4), skip_y)?;
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
            let s = shift(&before, &now, &Window::new(rect, &b).expect("window"), 12, None).expect("a shift");
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
        let s = shift(&p, &p.clone(), &Window::new(rect, &flat).expect("window"), 8, None).expect("a shift");
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
        let s = shift(&p, &q, &Window::new(rect, &darker).expect("window"), 12, None).expect("a shift");
        assert!(s.dx.abs() < 0.35 && s.dy.abs() < 0.35, "{s:?}");
    }

    /// Mains flicker through a rolling shutter: bands that roll down the picture each frame.
    fn banded(pixels: &[u8], w: usize, phase: f32) -> Vec<u8> {
        pixels
            .chunks_exact(4)
            .enumerate()
            .flat_map(|(i, px)| {
                let gain = 1.0 + 0.25 * (0.09 * (i / w) as f32 + phase).sin();
                [0, 1, 2, 3].map(|c| if c == 3 { 255 } else { (px[c] as f32 * gain).min(255.0) as u8 })
            })
            .collect()
    }

    #[test]
    fn rolling_flicker_bands_are_no_motion_and_do_not_hide_motion() {
        let rect = Rect { x: 0, y: 0, w: 96, h: 80 };
        let flat: Vec<u8> = (0..96 * 80).flat_map(|_| [60u8, 90, 50, 255]).collect();
        let a = texture(96, 80, 0, 0);
        let (mut p, mut q) = (Profiles::default(), Profiles::default());
        for (pixels, moved, want) in [(flat.clone(), flat, (0.0, 0.0)), (a.clone(), a, (0.0, 0.0)), (texture(96, 80, 0, 0), texture(96, 80, 4, -3), (4.0, -3.0))] {
            let (before, now) = (banded(&pixels, 96, 0.0), banded(&moved, 96, 1.7));
            Profiles::measure(&Window::new(rect, &before).expect("window"), rect, &mut p);
            let window = Window::new(rect, &now).expect("window");
            Profiles::measure(&window, rect, &mut q);
            let s = shift(&p, &q, &window, 12, None).expect("a shift");
            let along = |d: f32, fit: f32| if fit >= MIN_FIT { d } else { 0.0 };
            let (dx, dy) = (along(s.dx, s.fit_x), along(s.dy, s.fit_y));
            assert!((dx - want.0).abs() < 0.5 && (dy - want.1).abs() < 0.5, "want {want:?}, got {s:?}");
        }
    }
}
