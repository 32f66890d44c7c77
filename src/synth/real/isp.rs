//! The phone's image pipeline, from the radiance reaching the sensor to the RGBA frame the
//! browser hands over: exposure and gain chosen by auto-exposure (with lag and anti-banding),
//! signal-dependent sensor noise, clipping, motion-adaptive temporal noise reduction, auto white
//! balance, a colour matrix, the tone curve, 4:2:0 chroma with chroma noise reduction, and
//! luma sharpening. State (exposure, white balance, the previous frame) carries over frames.
//! Loops run over colour planes so they vectorise (a 1280x720 frame in a few milliseconds).
use super::planes::Planes;
use super::scene::Pipeline;
use crate::synth::Rng;
use std::collections::VecDeque;

/// A typical phone colour matrix (camera RGB to sRGB, rows sum to 1 so white stays white).
const CCM: [[f32; 3]; 3] = [[1.62, -0.47, -0.15], [-0.26, 1.52, -0.26], [-0.04, -0.52, 1.56]];
/// White-balance gains (red, blue) of real lights, from shade through daylight, fluorescent and
/// tungsten to a warm dim lamp. Auto white balance takes the point of this line nearest (in log
/// gains) to what the grey world asks for, as phones keep to plausible lights: a red scene
/// stays warm instead of turning neutral things blue.
const WB_LOCUS: [(f32, f32); 5] = [(2.3, 1.28), (2.0, 1.55), (1.6, 2.0), (1.3, 2.6), (1.1, 3.0)];
/// Shortest exposure the sensor does (ms).
const MIN_EXPOSURE_MS: f64 = 0.03;
/// Auto-exposure meters the middle of the frame twice as much as the rest.
const CENTRE_WEIGHT: f32 = 2.0;
/// Above this share of clipped metered pixels, auto-exposure lowers its target (protects highlights).
const CLIP_ALLOWANCE: f32 = 0.01;
const CLIP_PULL: f32 = 8.0;
/// Stats use every 4th pixel of every 4th row.
const STAT_STEP: usize = 4;
/// A raw value at or above this counts as clipped.
const CLIPPED: f32 = 0.98;
/// Steps of the tone-curve table (a power of two: 1/4096 of full scale is below a display level
/// even in the shadows, where sRGB's slope is steepest).
const TONE_STEPS: usize = 4096;
/// Size of the table of normal deviates noise is drawn from.
const NOISE_TABLE: usize = 1 << 16;
/// Luma weights used for motion and noise judgements on raw data (R + 2G + B) / 4; the noise
/// of such a luma is 0.61 of one channel's (the weights' squares sum to 0.375).
const LUMA_NOISE: f32 = 0.61;
/// The mean absolute difference between a noisy frame and a calmer previous output, in sigmas.
const MEAN_ABS_DIFF: f32 = 0.96;

/// The exposure the phone used for one frame.
#[derive(Debug, Clone, Copy)]
pub struct Exposure {
    pub time_ms: f64,
    pub gain: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    mean: [f32; 3],
    clipped: f32,
}

pub struct Isp {
    w: usize,
    h: usize,
    p: Pipeline,
    /// Exposure x gain (ms) the AE wants now, and the queue of those not yet in effect.
    wanted: f64,
    pending: VecDeque<f64>,
    converging: bool,
    wb: [f32; 3],
    raw: Planes,
    prev: Planes,
    has_prev: bool,
    block_alpha: Vec<f32>,
    luma: Vec<f32>,
    cb: Vec<f32>,
    cr: Vec<f32>,
    chroma_tmp: Vec<f32>,
    /// The tone curve as a table (linear 0..1 in TONE_STEPS steps to display 0..255).
    tone: Vec<f32>,
    noise: Vec<f32>,
    rng: Rng,
}

impl Isp {
    pub fn new(w: usize, h: usize, p: &Pipeline, seed: u64) -> Isp {
        let mut rng = Rng::new(seed ^ 0x15b0_15b0);
        let noise = (0..NOISE_TABLE + w).map(|_| rng.normal() as f32).collect();
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        Isp {
            w,
            h,
            p: p.clone(),
            wanted: 0.0,
            pending: VecDeque::new(),
            converging: false,
            wb: [2.0, 1.0, 1.6],
            raw: Planes::new(w, h),
            prev: Planes::new(w, h),
            has_prev: false,
            block_alpha: Vec::new(),
            luma: vec![0.0; w * h],
            cb: vec![0.0; cw * ch],
            cr: vec![0.0; cw * ch],
            chroma_tmp: vec![0.0; cw * ch],
            tone: (0..TONE_STEPS).map(|i| 255.0 * tone_curve(i as f32 / (TONE_STEPS - 1) as f32, p.contrast)).collect(),
            noise,
            rng,
        }
    }

    /// Before the first frame: meter its radiance directly (a phone opening its camera has
    /// settled on an exposure by the time frames reach the page), times `start_factor`.
    pub fn prime(&mut self, radiance: &Planes, start_factor: f32) {
        let s = self.meter(radiance);
        self.wb = grey_world(&s, self.wb);
        let lum = self.metered_luma(&s, 1.0).max(1e-6);
        self.wanted = self.target(lum as f64, s.clipped) * start_factor as f64;
        self.pending = std::iter::repeat_n(self.wanted, self.p.ae_delay_frames).collect();
    }

    /// The exposure for the next frame: the AE's wish from `ae_delay_frames` ago, split into a
    /// time (whole flicker periods under flickering light, when anti-banding is on) and a gain.
    pub fn exposure(&self, frame_period_s: f64, flicker_hz: Option<f32>) -> Exposure {
        let e = *self.pending.front().unwrap_or(&self.wanted);
        let max_t = frame_period_s * 1000.0;
        let mut t = e.min(max_t);
        if let (true, Some(hz)) = (self.p.anti_banding, flicker_hz) {
            let period = 1000.0 / hz as f64;
            if t >= period {
                t = (t / period).floor() * period;
            }
        }
        let t = t.max(MIN_EXPOSURE_MS);
        Exposure { time_ms: t, gain: ((e / t) as f32).clamp(1.0, self.p.max_gain) }
    }

    fn target(&self, lum_per_ms: f64, clipped: f32) -> f64 {
        let protect = 1.0 + CLIP_PULL * (clipped - CLIP_ALLOWANCE).max(0.0);
        self.p.ae_target as f64 / (lum_per_ms * protect as f64).max(1e-9)
    }

    fn metered_luma(&self, s: &Stats, exposure: f64) -> f32 {
        (0.25 * self.wb[0] * s.mean[0] + 0.5 * self.wb[1] * s.mean[1] + 0.25 * self.wb[2] * s.mean[2]) / exposure as f32
    }

    /// Centre-weighted channel means and the clipped share, over a sparse grid of pixels.
    fn meter(&self, buf: &Planes) -> Stats {
        let (w, h) = (self.w, self.h);
        let planes = [buf.plane(0), buf.plane(1), buf.plane(2)];
        let (mut sum, mut wsum, mut clipped) = ([0f64; 3], 0f64, 0f64);
        for y in (STAT_STEP / 2..h).step_by(STAT_STEP) {
            let central_y = y > h / 4 && y < 3 * h / 4;
            for x in (STAT_STEP / 2..w).step_by(STAT_STEP) {
                let wt = if central_y && x > w / 4 && x < 3 * w / 4 { CENTRE_WEIGHT } else { 1.0 } as f64;
                let i = y * w + x;
                let px = [planes[0][i], planes[1][i], planes[2][i]];
                if px[0].max(px[1]).max(px[2]) >= CLIPPED {
                    clipped += wt;
                }
                for k in 0..3 {
                    sum[k] += wt * px[k] as f64;
                }
                wsum += wt;
            }
        }
        let wsum = wsum.max(1.0);
        Stats { mean: sum.map(|s| (s / wsum) as f32), clipped: (clipped / wsum) as f32 }
    }

    /// One frame: `radiance` (raw per ms) through the sensor and the pipeline into `out` (RGBA).
    pub fn process(&mut self, radiance: &Planes, exp: Exposure, dt_s: f64, out: &mut [u8]) {
        let tnr = self.p.tnr_strength > 0.0 && self.has_prev;
        self.sense(radiance, exp, tnr);
        self.develop(exp, tnr);
        self.has_prev = true;
        // `prev` now holds this frame's processed raw image.
        let stats = self.meter(&self.prev);
        self.sharpen_and_output(out);
        self.adapt(stats, exp, dt_s);
    }

    fn tnr_block(&self) -> usize {
        ((self.p.tnr_block_px * self.h as f32 / 720.0).round() as usize).max(2)
    }

    fn noise_model(&self, exp: Exposure) -> (f32, f32) {
        (exp.gain / self.p.full_well_e, (self.p.read_noise_e * exp.gain / self.p.full_well_e).powi(2))
    }

    /// Sensor: exposure x gain, shot and read noise growing with the gain, clipping. With
    /// temporal noise reduction on, also each block's blend weight: where its mean luma changed
    /// less than the noise explains, the previous output is blended in.
    fn sense(&mut self, radiance: &Planes, exp: Exposure, tnr: bool) {
        let scale = (exp.time_ms as f32) * exp.gain;
        let (shot, read) = self.noise_model(exp);
        let (w, h) = (self.w, self.h);
        let n = w * h;
        for c in 0..3 {
            let (src, dst) = (&radiance.data[c * n..(c + 1) * n], &mut self.raw.data[c * n..(c + 1) * n]);
            for (row_in, row_out) in src.chunks_exact(w).zip(dst.chunks_exact_mut(w)) {
                let off = (self.rng.next_u64() as usize) % NOISE_TABLE;
                let noise = &self.noise[off..off + w];
                for ((o, &r), &z) in row_out.iter_mut().zip(row_in).zip(noise) {
                    let v = r * scale;
                    let sigma = (v.min(1.0) * shot + read).sqrt();
                    *o = (v + sigma * z).clamp(0.0, 1.0);
                }
            }
        }
        if !tnr {
            return;
        }
        let b = self.tnr_block();
        let (bw, bh) = (w.div_ceil(b), h.div_ceil(b));
        let (mut diff, mut level) = (vec![0f32; bw * bh], vec![0f32; bw * bh]);
        let (mut dl, mut ll) = (vec![0f32; w], vec![0f32; w]);
        for y in 0..h {
            let r = y * w..(y + 1) * w;
            let cur = [&self.raw.data[r.clone()], &self.raw.data[n + r.start..n + r.end], &self.raw.data[2 * n + r.start..2 * n + r.end]];
            let old = [&self.prev.data[r.clone()], &self.prev.data[n + r.start..n + r.end], &self.prev.data[2 * n + r.start..2 * n + r.end]];
            for x in 0..w {
                let lc = 0.25 * cur[0][x] + 0.5 * cur[1][x] + 0.25 * cur[2][x];
                let lp = 0.25 * old[0][x] + 0.5 * old[1][x] + 0.25 * old[2][x];
                dl[x] = (lc - lp).abs();
                ll[x] = lp;
            }
            let brow = (y / b) * bw;
            for (bx, (d, l)) in dl.chunks(b).zip(ll.chunks(b)).enumerate() {
                diff[brow + bx] += d.iter().sum::<f32>();
                level[brow + bx] += l.iter().sum::<f32>();
            }
        }
        self.block_alpha.clear();
        let (strength, thr) = (self.p.tnr_strength, self.p.tnr_threshold);
        for k in 0..bw * bh {
            let (bx, by) = (k % bw, k / bw);
            let count = (b.min(w - bx * b) * b.min(h - by * b)) as f32;
            let sigma = ((level[k] / count) * shot + read).sqrt() * LUMA_NOISE;
            let score = (diff[k] / count) / (thr * MEAN_ABS_DIFF * sigma).max(1e-6);
            self.block_alpha.push(strength * (2.0 - score).clamp(0.0, 1.0));
        }
    }

    /// Temporal blend (a small light switching inside a quiet block is blended, so it rises and
    /// fades over frames; the result is the next frame's previous output), white balance, colour
    /// matrix and tone curve, then luma and 2x2-mean chroma planes (4:2:0).
    fn develop(&mut self, exp: Exposure, tnr: bool) {
        let (w, h) = (self.w, self.h);
        let (n, cw) = (w * h, w.div_ceil(2));
        let b = self.tnr_block();
        let bw = w.div_ceil(b);
        let (shot, read) = self.noise_model(exp);
        let guard = self.p.tnr_pixel_guard;
        let wb = self.wb;
        let mut a_row = vec![0f32; w];
        let mut idx = [vec![0u32; w], vec![0u32; w], vec![0u32; w]];
        let mut pair_sum = [vec![0f32; w + 1], vec![0f32; w + 1], vec![0f32; w + 1]];
        // Display RGB (0..255) of this row pair.
        let mut disp = [[vec![0f32; w], vec![0f32; w], vec![0f32; w]], [vec![0f32; w], vec![0f32; w], vec![0f32; w]]];
        for y in 0..h {
            let r = y * w..(y + 1) * w;
            let [p0, p1, p2] = self.prev.planes_mut();
            let old = [&mut p0[r.clone()], &mut p1[r.clone()], &mut p2[r.clone()]];
            let cur = [&self.raw.data[r.clone()], &self.raw.data[n + r.start..n + r.end], &self.raw.data[2 * n + r.start..2 * n + r.end]];
            if tnr {
                let alphas = &self.block_alpha[(y / b) * bw..(y / b + 1) * bw];
                for (chunk, &a) in a_row.chunks_mut(b).zip(alphas) {
                    chunk.fill(a);
                }
                if guard > 0.0 {
                    let (c0, c1, c2) = (&cur[0][..w], &cur[1][..w], &cur[2][..w]);
                    let (o0, o1, o2) = (&old[0][..w], &old[1][..w], &old[2][..w]);
                    let a_row = &mut a_row[..w];
                    let k = guard * LUMA_NOISE;
                    for x in 0..w {
                        let lc = 0.25 * c0[x] + 0.5 * c1[x] + 0.25 * c2[x];
                        let lp = 0.25 * o0[x] + 0.5 * o1[x] + 0.25 * o2[x];
                        // |lc - lp| > k sigma, squared to avoid a square root.
                        let d = lc - lp;
                        if d * d > k * k * (lp * shot + read) {
                            a_row[x] = 0.0;
                        }
                    }
                }
                for (o, c) in old.into_iter().zip(cur) {
                    for ((o, &c), &a) in o.iter_mut().zip(c).zip(&a_row) {
                        *o = c + a * (*o - c);
                    }
                }
            } else {
                for (o, c) in old.into_iter().zip(cur) {
                    o.copy_from_slice(c);
                }
            }
            let px = [&self.prev.data[r.clone()], &self.prev.data[n + r.start..n + r.end], &self.prev.data[2 * n + r.start..2 * n + r.end]];
            let [d0, d1, d2] = &mut disp[y % 2];
            let luma = &mut self.luma[r.clone()];
            let [i0, i1, i2] = &mut idx;
            let (i0, i1, i2) = (&mut i0[..w], &mut i1[..w], &mut i2[..w]);
            let (r0, r1, r2) = (&px[0][..w], &px[1][..w], &px[2][..w]);
            let top = (TONE_STEPS - 1) as f32;
            for x in 0..w {
                // White balance, then clip: a clipped raw pixel becomes white, not tinted.
                let bal = [(r0[x] * wb[0]).min(1.0), (r1[x] * wb[1]).min(1.0), (r2[x] * wb[2]).min(1.0)];
                let t = |k: usize| round_bits((CCM[k][0] * bal[0] + CCM[k][1] * bal[1] + CCM[k][2] * bal[2]).clamp(0.0, 1.0) * top);
                (i0[x], i1[x], i2[x]) = (t(0), t(1), t(2));
            }
            // The tone curve by table, in loops of their own (look-ups do not vectorise, the rest does).
            let lut = &self.tone[..TONE_STEPS];
            for (d, i) in [(&mut *d0, &*i0), (&mut *d1, &*i1), (&mut *d2, &*i2)] {
                for (d, &i) in d.iter_mut().zip(i.iter()) {
                    *d = lut[i as usize & (TONE_STEPS - 1)];
                }
            }
            for (((l, &r), &g), &b) in luma.iter_mut().zip(d0.iter()).zip(d1.iter()).zip(d2.iter()) {
                *l = 0.299 * r + 0.587 * g + 0.114 * b;
            }
            if y % 2 == 1 || y + 1 == h {
                let (top, bottom) = (&disp[(y - y % 2) % 2], &disp[y % 2]);
                let cy = y / 2;
                let (cb, cr) = (&mut self.cb[cy * cw..(cy + 1) * cw], &mut self.cr[cy * cw..(cy + 1) * cw]);
                // Column sums of the pair, then the means of each two columns.
                for (k, sum) in pair_sum.iter_mut().enumerate() {
                    for ((s, &a), &b) in sum.iter_mut().zip(&top[k]).zip(&bottom[k]) {
                        *s = a + b;
                    }
                    if w % 2 == 1 {
                        sum[w] = sum[w - 1];
                    }
                }
                for cx in 0..cw {
                    let m = |k: usize| 0.25 * (pair_sum[k][2 * cx] + pair_sum[k][2 * cx + 1]);
                    let (r, g, bl) = (m(0), m(1), m(2));
                    cb[cx] = -0.168_736 * r - 0.331_264 * g + 0.5 * bl;
                    cr[cx] = 0.5 * r - 0.418_688 * g - 0.081_312 * bl;
                }
            }
        }
        if self.p.chroma_nr {
            let ch = h.div_ceil(2);
            box3(&mut self.cb, &mut self.chroma_tmp, cw, ch);
            box3(&mut self.cr, &mut self.chroma_tmp, cw, ch);
        }
    }

    /// Unsharp mask on luma (3x3 binomial blur), then YCbCr to RGBA.
    fn sharpen_and_output(&mut self, out: &mut [u8]) {
        let (w, h) = (self.w, self.h);
        let cw = w.div_ceil(2);
        let k = self.p.sharpen;
        let l = &self.luma;
        // Horizontal [1 2 1] sums of a row (edges clamped).
        let hsum = |r: usize, dst: &mut Vec<f32>| {
            let row = &l[r * w..(r + 1) * w];
            dst.clear();
            dst.push(3.0 * row[0] + row[1.min(w - 1)]);
            dst.extend(row.windows(3).map(|t| t[0] + 2.0 * t[1] + t[2]));
            if w > 1 {
                dst.push(row[w - 2] + 3.0 * row[w - 1]);
            }
        };
        let (mut above, mut here, mut below) = (Vec::with_capacity(w), Vec::with_capacity(w), Vec::with_capacity(w));
        if k > 0.0 {
            hsum(0, &mut here);
            above.clone_from(&here);
        }
        let mut sharp = vec![0f32; w];
        let mut rgb = [vec![0u32; w], vec![0u32; w], vec![0u32; w]];
        let (mut cbf, mut crf) = (vec![0f32; w], vec![0f32; w]);
        for y in 0..h {
            let row = &l[y * w..(y + 1) * w];
            if k > 0.0 {
                hsum((y + 1).min(h - 1), &mut below);
                for x in 0..w {
                    let blur = (above[x] + 2.0 * here[x] + below[x]) * (1.0 / 16.0);
                    sharp[x] = row[x] + k * (row[x] - blur);
                }
                std::mem::swap(&mut above, &mut here);
                std::mem::swap(&mut here, &mut below);
            } else {
                sharp.copy_from_slice(row);
            }
            let (cb, cr) = (&self.cb[(y / 2) * cw..(y / 2 + 1) * cw], &self.cr[(y / 2) * cw..(y / 2 + 1) * cw]);
            for ((pair_b, pair_r), (&b, &r)) in cbf.chunks_mut(2).zip(crf.chunks_mut(2)).zip(cb.iter().zip(cr)) {
                pair_b.fill(b);
                pair_r.fill(r);
            }
            let [o0, o1, o2] = &mut rgb;
            for ((((o0, o1), o2), &yv), (&cb, &cr)) in o0.iter_mut().zip(o1.iter_mut()).zip(o2.iter_mut()).zip(&sharp).zip(cbf.iter().zip(&crf)) {
                *o0 = round_bits((yv + 1.402 * cr).clamp(0.0, 255.0));
                *o1 = round_bits((yv - 0.344_136 * cb - 0.714_136 * cr).clamp(0.0, 255.0));
                *o2 = round_bits((yv + 1.772 * cb).clamp(0.0, 255.0));
            }
            let out_row = &mut out[y * w * 4..(y + 1) * w * 4];
            for (((o, &r), &g), &b) in out_row.chunks_exact_mut(4).zip(o0.iter()).zip(o1.iter()).zip(o2.iter()) {
                o.copy_from_slice(&[r as u8, g as u8, b as u8, 255]);
            }
        }
    }

    /// Auto-exposure and white balance follow what this frame showed, smoothly and late.
    fn adapt(&mut self, s: Stats, exp: Exposure, dt_s: f64) {
        let used = exp.time_ms * exp.gain as f64;
        let lum = self.metered_luma(&s, used) as f64;
        let target = self.target(lum, s.clipped);
        let err = (target / self.wanted).ln();
        if err.abs() > self.p.ae_deadband as f64 {
            self.converging = true;
        }
        if self.converging {
            let k = 1.0 - (-dt_s / self.p.ae_tau_s.max(1e-3) as f64).exp();
            self.wanted *= (k * err).exp();
            if err.abs() < self.p.ae_deadband as f64 / 4.0 {
                self.converging = false;
            }
        }
        self.pending.push_back(self.wanted);
        while self.pending.len() > self.p.ae_delay_frames {
            self.pending.pop_front();
        }
        let goal = grey_world(&s, self.wb);
        let k = 1.0 - (-dt_s / self.p.awb_tau_s.max(1e-3) as f64).exp() as f32;
        for c in [0, 2] {
            self.wb[c] *= (k * (goal[c] / self.wb[c]).ln()).exp();
        }
    }
}

/// The nearest integer to `v` (0 <= v < 2^22) as bits: adding 2^23 puts it in the mantissa's low
/// bits. Unlike a float-to-int cast this vectorises on any x86-64.
#[inline]
fn round_bits(v: f32) -> u32 {
    (v + 8_388_608.0).to_bits() & 0x007f_ffff
}

/// Grey-world white balance kept to the gains of real lights (`fallback` if the frame is black).
fn grey_world(s: &Stats, fallback: [f32; 3]) -> [f32; 3] {
    let [r, g, b] = s.mean;
    if r <= 1e-6 || g <= 1e-6 || b <= 1e-6 {
        return fallback;
    }
    let want = ((g / r).ln(), (g / b).ln());
    let mut best = (f32::MAX, WB_LOCUS[0]);
    for seg in WB_LOCUS.windows(2) {
        let (a, c) = ((seg[0].0.ln(), seg[0].1.ln()), (seg[1].0.ln(), seg[1].1.ln()));
        let d = (c.0 - a.0, c.1 - a.1);
        let t = (((want.0 - a.0) * d.0 + (want.1 - a.1) * d.1) / (d.0 * d.0 + d.1 * d.1)).clamp(0.0, 1.0);
        let p = (a.0 + t * d.0, a.1 + t * d.1);
        let dist = (p.0 - want.0).powi(2) + (p.1 - want.1).powi(2);
        if dist < best.0 {
            best = (dist, (p.0.exp(), p.1.exp()));
        }
    }
    [best.1 .0, 1.0, best.1 .1]
}

/// sRGB encoding with an optional S-curve (phones add contrast), 0..1 to 0..1.
pub fn tone_curve(v: f32, contrast: f32) -> f32 {
    let s = if v <= 0.003_130_8 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 };
    let smooth = s * s * (3.0 - 2.0 * s);
    s + contrast * (smooth - s)
}

/// A 3x3 box blur in place (edges clamped).
fn box3(plane: &mut [f32], tmp: &mut [f32], w: usize, h: usize) {
    for (src, dst) in plane.chunks_exact(w).zip(tmp.chunks_exact_mut(w)) {
        dst[0] = (2.0 * src[0] + src[1.min(w - 1)]) / 3.0;
        for x in 1..w.saturating_sub(1) {
            dst[x] = (src[x - 1] + src[x] + src[x + 1]) / 3.0;
        }
        if w > 1 {
            dst[w - 1] = (src[w - 2] + 2.0 * src[w - 1]) / 3.0;
        }
    }
    for y in 0..h {
        let (ya, yb) = (y.saturating_sub(1), (y + 1).min(h - 1));
        let (a, m, b) = (&tmp[ya * w..(ya + 1) * w], &tmp[y * w..(y + 1) * w], &tmp[yb * w..(yb + 1) * w]);
        for (x, o) in plane[y * w..(y + 1) * w].iter_mut().enumerate() {
            *o = (a[x] + m[x] + b[x]) / 3.0;
        }
    }
}
