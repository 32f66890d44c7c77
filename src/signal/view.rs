//! What the reader is given of each camera frame: the whole frame reduced (for finding lights
//! anywhere), and a few rectangles at the camera's own resolution (the aiming circle, and a window
//! around each light being watched), where a light of a pixel or two is measured as it is.
//!
//! The browser reads exactly these rectangles back from the video (reading back every pixel of a
//! 1280x720 frame every frame would cost more than the whole analysis); native tools cut them
//! out of a whole frame with [`CameraFrame`], so both run the same reader on the same pixels.
use super::frame::Frame;
use serde::{Deserialize, Serialize};

/// The share of the picture's width and height, around its middle, in which a person aiming at
/// a light keeps it: something that changes once outside it is more likely anything else in view.
pub const MIDDLE_SHARE: f32 = 0.5;

/// The reduced whole frame is at most this many pixels on its longer side. A 1280x720 camera is
/// halved, so a far LED of 2 px still covers most of an overview pixel and is found anywhere in
/// the picture (a quarter-size frame averages it into the wall around it); the aiming window
/// keeps the full resolution where the user points.
pub const OVERVIEW_MAX_SIDE: usize = 640;
/// The aiming window is a centred square this share of the frame's width on a side. The preview
/// draws its aiming circle at 22 % of its width (style/main.css `.reticle`); the window adds a
/// margin around it so a light at the circle's edge, shaking, stays inside.
pub const AIM_SHARE: f32 = 0.3;

/// A rectangle of camera pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

impl Rect {
    pub fn is_empty(&self) -> bool {
        self.w == 0 || self.h == 0
    }

    pub fn right(&self) -> usize {
        self.x + self.w
    }

    pub fn bottom(&self) -> usize {
        self.y + self.h
    }

    /// The square of `half` pixels either side of (cx, cy), cut to a `width` x `height` frame.
    pub fn around(cx: f32, cy: f32, half: usize, width: usize, height: usize) -> Rect {
        let clamp = |v: f32, hi: usize| (v.max(0.0) as usize).min(hi);
        let (x0, y0) = (clamp(cx - half as f32, width), clamp(cy - half as f32, height));
        let (x1, y1) = (clamp(cx + half as f32 + 1.0, width), clamp(cy + half as f32 + 1.0, height));
        Rect { x: x0, y: y0, w: x1.saturating_sub(x0), h: y1.saturating_sub(y0) }
    }

    /// The smallest rectangle holding both (an empty one adds nothing).
    pub fn union(&self, other: &Rect) -> Rect {
        if other.is_empty() {
            return *self;
        }
        if self.is_empty() {
            return *other;
        }
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Rect { x, y, w: self.right().max(other.right()) - x, h: self.bottom().max(other.bottom()) - y }
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn covers(&self, other: &Rect) -> bool {
        other.x >= self.x && other.y >= self.y && other.right() <= self.right() && other.bottom() <= self.bottom()
    }

    /// Whether the pixel (x, y) lies inside.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x as f32 && y >= self.y as f32 && x < self.right() as f32 && y < self.bottom() as f32
    }
}

/// Pixels of one camera rectangle at full resolution: RGBA, row-major, `rect.w` x `rect.h`.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    pub rect: Rect,
    pub rgba: &'a [u8],
}

impl<'a> Window<'a> {
    /// A window whose byte count fits its rectangle; None for anything malformed.
    pub fn new(rect: Rect, rgba: &'a [u8]) -> Option<Window<'a>> {
        let needed = rect.w.checked_mul(rect.h)?.checked_mul(4)?;
        (!rect.is_empty() && rgba.len() >= needed).then(|| Window { rect, rgba: &rgba[..needed] })
    }

    /// The window as a frame of its own (for the cell pass), stamped `t_ms`.
    pub fn frame(&self, t_ms: f64) -> Option<Frame<'a>> {
        Frame::new(self.rect.w, self.rect.h, self.rgba, t_ms)
    }

    /// The RGB bytes of camera pixel (x, y), which must lie inside.
    #[inline]
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = ((y - self.rect.y) * self.rect.w + (x - self.rect.x)) * 4;
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }
}

/// How a camera's frames are reduced and where its aiming window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub camera_w: usize,
    pub camera_h: usize,
    /// Camera pixels per overview pixel along each side (a whole number, 1 for small frames).
    pub reduce: usize,
    pub overview_w: usize,
    pub overview_h: usize,
    /// The aiming window, or None when the overview already has the camera's resolution.
    pub aim: Option<Rect>,
}

impl Geometry {
    pub fn for_camera(camera_w: usize, camera_h: usize) -> Geometry {
        let reduce = camera_w.max(camera_h).div_ceil(OVERVIEW_MAX_SIDE).max(1);
        let aim = (reduce > 1).then(|| {
            let side = ((AIM_SHARE * camera_w as f32).round() as usize).clamp(1, camera_w.min(camera_h));
            Rect { x: (camera_w - side) / 2, y: (camera_h - side) / 2, w: side, h: side }
        });
        Geometry { camera_w, camera_h, reduce, overview_w: camera_w.div_ceil(reduce), overview_h: camera_h.div_ceil(reduce), aim }
    }

    /// Whether camera point (x, y) lies in the middle half of the picture (each way), where a
    /// person holding the phone toward the light keeps it.
    pub fn in_middle(&self, x: f32, y: f32) -> bool {
        let (w, h) = (self.camera_w as f32, self.camera_h as f32);
        (x - 0.5 * w).abs() <= 0.5 * MIDDLE_SHARE * w && (y - 0.5 * h).abs() <= 0.5 * MIDDLE_SHARE * h
    }

    /// Camera pixel at the middle of overview pixel (ox, oy).
    pub fn camera_point(&self, ox: f32, oy: f32) -> (f32, f32) {
        let s = self.reduce as f32;
        (ox * s, oy * s)
    }
}

/// What the reader gets for one camera frame.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub t_ms: f64,
    pub geometry: Geometry,
    /// The whole frame, reduced by `geometry.reduce` (box average).
    pub overview: Frame<'a>,
    /// Full-resolution rectangles, as asked for by the reader after the previous frame (the
    /// browser may leave some out; the reader copes).
    pub windows: &'a [Window<'a>],
}

impl<'a> View<'a> {
    /// The window that holds all of `rect`, if any was read; the overview counts when it has the
    /// camera's resolution.
    pub fn covering(&self, rect: &Rect) -> Option<Window<'a>> {
        if let Some(w) = self.windows.iter().find(|w| w.rect.covers(rect)) {
            return Some(*w);
        }
        let whole = Rect { x: 0, y: 0, w: self.overview.width, h: self.overview.height };
        (self.geometry.reduce == 1 && whole.covers(rect)).then(|| Window { rect: whole, rgba: self.overview.rgba })
    }
}

/// Box-average reduction of a whole RGBA frame by a whole factor: each output pixel is the mean
/// of the (up to) `factor` x `factor` camera pixels it covers. Alpha is set to 255.
pub fn reduce(frame: &Frame, factor: usize, out: &mut Vec<u8>) {
    let factor = factor.max(1);
    let (ow, oh) = (frame.width.div_ceil(factor), frame.height.div_ceil(factor));
    out.clear();
    out.resize(ow * oh * 4, 255);
    if factor == 1 {
        out.copy_from_slice(frame.rgba);
        return;
    }
    let mut sums = vec![0u32; ow * 3];
    for oy in 0..oh {
        sums.iter_mut().for_each(|s| *s = 0);
        let (y0, y1) = (oy * factor, ((oy + 1) * factor).min(frame.height));
        for y in y0..y1 {
            for (x, px) in frame.row(y).chunks_exact(4).enumerate() {
                let o = (x / factor) * 3;
                sums[o] += px[0] as u32;
                sums[o + 1] += px[1] as u32;
                sums[o + 2] += px[2] as u32;
            }
        }
        for ox in 0..ow {
            let n = ((((ox + 1) * factor).min(frame.width) - ox * factor) * (y1 - y0)) as u32;
            for c in 0..3 {
                out[(oy * ow + ox) * 4 + c] = ((sums[ox * 3 + c] + n / 2) / n) as u8;
            }
        }
    }
}

/// Copies `rect` (which must lie inside the frame) out of a whole RGBA frame.
pub fn crop(frame: &Frame, rect: &Rect, out: &mut Vec<u8>) {
    out.clear();
    for y in rect.y..rect.bottom() {
        out.extend_from_slice(&frame.row(y)[rect.x * 4..rect.right() * 4]);
    }
}

/// A whole camera frame cut into what the browser would read back: the overview and the asked
/// for rectangles. Owns its buffers, which are reused from frame to frame.
#[derive(Default)]
pub struct CameraFrame {
    overview: Vec<u8>,
    windows: Vec<(Rect, Vec<u8>)>,
}

impl CameraFrame {
    /// Cuts `frame` for `wanted` rectangles (cut to the frame; empty ones are left out) and calls
    /// `with` on the resulting view.
    pub fn cut<R>(&mut self, frame: &Frame, wanted: &[Rect], with: impl FnOnce(&View) -> R) -> R {
        let geometry = Geometry::for_camera(frame.width, frame.height);
        reduce(frame, geometry.reduce, &mut self.overview);
        self.windows.resize_with(wanted.len(), Default::default);
        let mut used = 0;
        for rect in wanted {
            let clipped = clip(rect, frame.width, frame.height);
            if clipped.is_empty() {
                continue;
            }
            let (slot_rect, bytes) = &mut self.windows[used];
            *slot_rect = clipped;
            crop(frame, &clipped, bytes);
            used += 1;
        }
        let windows: Vec<Window> = self.windows[..used].iter().filter_map(|(r, b)| Window::new(*r, b)).collect();
        let overview = Frame { width: geometry.overview_w, height: geometry.overview_h, rgba: &self.overview, t_ms: frame.t_ms };
        with(&View { t_ms: frame.t_ms, geometry, overview, windows: &windows })
    }
}

/// `rect` cut to a `width` x `height` frame.
pub fn clip(rect: &Rect, width: usize, height: usize) -> Rect {
    let (x0, y0) = (rect.x.min(width), rect.y.min(height));
    let (x1, y1) = (rect.right().min(width), rect.bottom().min(height));
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_of_common_camera_sizes() {
        let g = Geometry::for_camera(1280, 720);
        assert_eq!((g.reduce, g.overview_w, g.overview_h), (2, 640, 360));
        assert_eq!(g.aim, Some(Rect { x: 448, y: 168, w: 384, h: 384 }));
        let g = Geometry::for_camera(640, 480);
        assert_eq!((g.reduce, g.overview_w, g.overview_h, g.aim), (1, 640, 480, None));
        let g = Geometry::for_camera(720, 1280);
        assert_eq!((g.reduce, g.overview_w, g.overview_h), (2, 360, 640));
        assert_eq!(g.aim.map(|a| a.w), Some(216));
        let g = Geometry::for_camera(1920, 1080);
        assert_eq!((g.reduce, g.overview_w, g.overview_h), (3, 640, 360));
    }

    #[test]
    fn reduction_is_the_mean_of_each_block() {
        // 5x3 frame, factor 2: blocks of 2x2, 1x2, 2x1 and 1x1 at the edges.
        let (w, h) = (5, 3);
        let rgba: Vec<u8> = (0..w * h).flat_map(|i| [i as u8 * 10, 100, 255 - i as u8, 7]).collect();
        let frame = Frame::new(w, h, &rgba, 0.0).expect("frame");
        let mut out = Vec::new();
        reduce(&frame, 2, &mut out);
        assert_eq!(out.len(), 3 * 2 * 4);
        let red = |x: usize, y: usize| (y * w + x) as f32 * 10.0;
        let mean = |xs: &[(usize, usize)]| (xs.iter().map(|&(x, y)| red(x, y)).sum::<f32>() / xs.len() as f32).round() as u8;
        assert_eq!(out[0], mean(&[(0, 0), (1, 0), (0, 1), (1, 1)]));
        assert_eq!(out[2 * 4], mean(&[(4, 0), (4, 1)]));
        assert_eq!(out[(3 + 1) * 4], mean(&[(2, 2), (3, 2)]));
        assert_eq!(out[(3 + 2) * 4], mean(&[(4, 2)]));
        assert!(out.chunks(4).all(|p| p[1] == 100 && p[3] == 255));
    }

    #[test]
    fn a_cut_view_holds_the_asked_for_pixels() {
        let (w, h) = (64, 48);
        let rgba: Vec<u8> = (0..w * h).flat_map(|i| [(i % 251) as u8, (i / 251) as u8, 3, 255]).collect();
        let frame = Frame::new(w, h, &rgba, 5.0).expect("frame");
        let mut cut = CameraFrame::default();
        let wanted = [Rect { x: 10, y: 5, w: 8, h: 6 }, Rect { x: 60, y: 40, w: 10, h: 10 }, Rect::default()];
        cut.cut(&frame, &wanted, |view| {
            assert_eq!(view.windows.len(), 2);
            assert_eq!(view.windows[1].rect, Rect { x: 60, y: 40, w: 4, h: 8 });
            let win = view.windows[0];
            for y in 5..11 {
                for x in 10..18 {
                    let i = (y * w + x) * 4;
                    assert_eq!(win.pixel(x, y), [rgba[i], rgba[i + 1], rgba[i + 2]]);
                }
            }
            assert!(view.covering(&Rect { x: 11, y: 6, w: 3, h: 3 }).is_some());
            // A frame this small is its own overview, at the camera's resolution.
            assert_eq!(view.geometry.reduce, 1);
            assert_eq!(view.covering(&Rect { x: 11, y: 6, w: 30, h: 3 }).map(|w| w.rect.w), Some(64));
            assert!(view.covering(&Rect { x: 60, y: 6, w: 30, h: 3 }).is_none());
        });
    }
}
