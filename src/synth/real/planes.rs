//! Three colour planes of f32 (R, G, B one after the other): the layout the pipeline's loops
//! vectorise over.

pub struct Planes {
    pub w: usize,
    pub h: usize,
    pub data: Vec<f32>,
}

impl Planes {
    pub fn new(w: usize, h: usize) -> Planes {
        Planes { w, h, data: vec![0.0; w * h * 3] }
    }

    /// Pixels per plane.
    #[inline]
    pub fn n(&self) -> usize {
        self.w * self.h
    }

    pub fn plane(&self, c: usize) -> &[f32] {
        let n = self.n();
        &self.data[c * n..(c + 1) * n]
    }

    /// The three planes' rows `y` (R, G, B).
    pub fn rows_mut(&mut self, y: usize) -> [&mut [f32]; 3] {
        let (n, w) = (self.n(), self.w);
        let (r, rest) = self.data.split_at_mut(n);
        let (g, b) = rest.split_at_mut(n);
        let span = y * w..(y + 1) * w;
        [&mut r[span.clone()], &mut g[span.clone()], &mut b[span]]
    }

    /// The three planes, mutable.
    pub fn planes_mut(&mut self) -> [&mut [f32]; 3] {
        let n = self.n();
        let (r, rest) = self.data.split_at_mut(n);
        let (g, b) = rest.split_at_mut(n);
        [r, g, b]
    }

    /// Pixel `i` (row-major index) moved towards `rgb` by `cov` (an opaque shape's edge coverage).
    #[inline]
    pub fn blend(&mut self, i: usize, rgb: [f32; 3], cov: f32) {
        let n = self.n();
        for (k, v) in rgb.into_iter().enumerate() {
            let p = &mut self.data[k * n + i];
            *p += cov * (v - *p);
        }
    }
}
