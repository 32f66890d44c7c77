//! Renders one frame of a scene at a given time.
use super::rng::Rng;
use super::timeline::{Rgb, Timeline};

#[derive(Debug, Clone, PartialEq)]
pub enum Distractor {
    /// A bright lamp or reflection drifting across the frame (a car light, a torch).
    MovingLamp { radius_px: f32, speed_px_s: f32, y_frac: f32, colour: Rgb },
    /// A bright static window or lamp, larger and brighter than the LED.
    Window { x_frac: f32, y_frac: f32, w_frac: f32, h_frac: f32, level: f32 },
    /// A person walking past: a large shape, lighter than the background, moving across.
    Walker { speed_px_s: f32, level: f32 },
    /// Light glinting off a moving surface: a small white spot that twinkles and wanders.
    Glint { x_frac: f32, y_frac: f32, radius_px: f32, rate_hz: f32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Nuisances {
    /// Sensor noise, standard deviation in 0..255 units.
    pub noise_sigma: f32,
    /// Auto-exposure drift: relative amplitude of a slow gain wander (0.2 = +-20 %).
    pub exposure_drift: f32,
    /// Hand shake: typical displacement in pixels, changing every frame.
    pub shake_px: f32,
    /// Mains flicker depth (0..1) and frequency (100 or 120 Hz), seen through a rolling shutter.
    pub flicker_depth: f32,
    pub flicker_hz: f32,
    /// Bloom around the LED (0..1): a wide faint glow, as from a dirty lens or glare.
    pub bloom: f32,
    pub distractors: Vec<Distractor>,
    /// Frame timing jitter (+- ms) and the chance that a frame is dropped.
    pub jitter_ms: f64,
    pub drop_probability: f64,
    /// Colour kept at half resolution (4:2:0), as in every phone camera's video stream.
    pub chroma_420: bool,
}

impl Nuisances {
    pub fn clean() -> Nuisances {
        Nuisances {
            noise_sigma: 1.0,
            exposure_drift: 0.0,
            shake_px: 0.0,
            flicker_depth: 0.0,
            flicker_hz: 100.0,
            bloom: 0.0,
            distractors: Vec::new(),
            jitter_ms: 0.0,
            drop_probability: 0.0,
            chroma_420: false,
        }
    }

    /// Everything at once, at levels seen in hand-held phone video indoors.
    pub fn harsh() -> Nuisances {
        Nuisances {
            noise_sigma: 8.0,
            exposure_drift: 0.25,
            shake_px: 4.0,
            flicker_depth: 0.15,
            flicker_hz: 100.0,
            bloom: 0.5,
            distractors: vec![
                Distractor::Window { x_frac: 0.08, y_frac: 0.05, w_frac: 0.2, h_frac: 0.3, level: 0.97 },
                Distractor::MovingLamp { radius_px: 6.0, speed_px_s: 60.0, y_frac: 0.8, colour: Rgb::WHITE },
            ],
            jitter_ms: 6.0,
            drop_probability: 0.05,
            chroma_420: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: usize,
    pub height: usize,
    pub fps: f64,
    pub seed: u64,
    /// LED centre as fractions of the frame.
    pub led_x: f32,
    pub led_y: f32,
    /// LED radius in pixels (a 2 px LED has radius 1).
    pub led_radius_px: f32,
    /// LED brightness relative to sensor saturation (above 1 the core clips to white).
    pub led_gain: f32,
    /// Background brightness, 0..1.
    pub background: f32,
    pub timeline: Timeline,
    pub nuisances: Nuisances,
}

impl Scene {
    /// A plain scene: 320x240 at 30 fps, LED a little off centre.
    pub fn new(timeline: Timeline) -> Scene {
        Scene {
            width: 320,
            height: 240,
            fps: 30.0,
            seed: 1,
            led_x: 0.52,
            led_y: 0.47,
            led_radius_px: 3.0,
            led_gain: 1.6,
            background: 0.35,
            timeline,
            nuisances: Nuisances::clean(),
        }
    }

    /// Where the LED is drawn at time t (shake included), in pixels.
    pub fn led_position(&self, t_ms: f64) -> (f32, f32) {
        let (dx, dy) = self.shake(t_ms);
        (self.led_x * self.width as f32 + dx, self.led_y * self.height as f32 + dy)
    }

    fn shake(&self, t_ms: f64) -> (f32, f32) {
        let s = self.nuisances.shake_px;
        if s == 0.0 {
            return (0.0, 0.0);
        }
        let t = t_ms / 1000.0;
        let mut rng = Rng::new(self.seed ^ (t_ms * 1000.0) as u64);
        // A slow sway plus a per-frame tremor.
        let sway_x = (t * 1.3 * std::f64::consts::TAU).sin() * 1.5;
        let sway_y = (t * 0.9 * std::f64::consts::TAU + 1.0).cos() * 1.5;
        ((sway_x + rng.normal()) as f32 * s * 0.6, (sway_y + rng.normal()) as f32 * s * 0.6)
    }
}

fn add_spot(buf: &mut [f32], w: usize, h: usize, cx: f32, cy: f32, sigma: f32, reach: f32, c: Rgb, amp: f32) {
    if amp <= 0.0 || sigma <= 0.0 {
        return;
    }
    let r = (sigma * reach).ceil() as i64;
    let (x0, x1) = ((cx as i64 - r).max(0), (cx as i64 + r + 1).min(w as i64));
    let (y0, y1) = ((cy as i64 - r).max(0), (cy as i64 + r + 1).min(h as i64));
    let inv = 1.0 / (2.0 * sigma * sigma);
    for y in y0..y1 {
        for x in x0..x1 {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            let g = amp * (-(dx * dx + dy * dy) * inv).exp();
            let i = (y as usize * w + x as usize) * 3;
            buf[i] += g * c.0;
            buf[i + 1] += g * c.1;
            buf[i + 2] += g * c.2;
        }
    }
}

fn fill_rect(buf: &mut [f32], w: usize, h: usize, x0: f32, y0: f32, x1: f32, y1: f32, level: [f32; 3], blend: f32) {
    let (xa, xb) = ((x0.max(0.0)) as usize, (x1.min(w as f32)).max(0.0) as usize);
    let (ya, yb) = ((y0.max(0.0)) as usize, (y1.min(h as f32)).max(0.0) as usize);
    for y in ya..yb {
        for x in xa..xb {
            let i = (y * w + x) * 3;
            for k in 0..3 {
                buf[i + k] = buf[i + k] * (1.0 - blend) + level[k] * blend;
            }
        }
    }
}

/// Renders the frame at `t_ms` as RGBA bytes.
pub fn render_frame(scene: &Scene, t_ms: f64) -> Vec<u8> {
    let (w, h) = (scene.width.max(1), scene.height.max(1));
    let n = &scene.nuisances;
    let t = t_ms / 1000.0;
    let mut buf = vec![0f32; w * h * 3];

    // Background: a soft vertical gradient (a wall), in linear-ish 0..1 units.
    for y in 0..h {
        let level = scene.background * (0.85 + 0.3 * y as f32 / h as f32);
        for x in 0..w {
            let i = (y * w + x) * 3;
            buf[i] = level * 0.98;
            buf[i + 1] = level;
            buf[i + 2] = level * 1.04;
        }
    }
    for d in &n.distractors {
        match *d {
            Distractor::Window { x_frac, y_frac, w_frac, h_frac, level } => {
                let (x0, y0) = (x_frac * w as f32, y_frac * h as f32);
                fill_rect(&mut buf, w, h, x0, y0, x0 + w_frac * w as f32, y0 + h_frac * h as f32, [level; 3], 1.0);
            }
            Distractor::Walker { speed_px_s, level } => {
                let span = w as f32 * 1.6;
                let x = (t as f32 * speed_px_s) % span - 0.3 * w as f32;
                fill_rect(&mut buf, w, h, x, 0.15 * h as f32, x + 0.22 * w as f32, h as f32, [level, level * 0.9, level * 0.8], 1.0);
            }
            _ => {}
        }
    }

    // The camera housing around the LED, moving with the shake.
    let (lx, ly) = scene.led_position(t_ms);
    let size = (w.min(h) as f32) * 0.35;
    fill_rect(&mut buf, w, h, lx - size * 0.5, ly - size * 0.3, lx + size * 0.5, ly + size * 1.1, [0.12, 0.12, 0.13], 1.0);
    // The lens below the LED.
    add_spot(&mut buf, w, h, lx, ly + size * 0.4, size * 0.12, 2.5, Rgb(0.2, 0.25, 0.35), 0.25);

    for d in &n.distractors {
        match *d {
            Distractor::MovingLamp { radius_px, speed_px_s, y_frac, colour } => {
                let span = w as f32 + 8.0 * radius_px;
                let x = (t as f32 * speed_px_s) % span - 4.0 * radius_px;
                add_spot(&mut buf, w, h, x, y_frac * h as f32, radius_px, 4.0, colour, 2.0);
            }
            Distractor::Glint { x_frac, y_frac, radius_px, rate_hz } => {
                let phase = (t as f32 * rate_hz * std::f32::consts::TAU).sin();
                let wander = (t as f32 * 0.7).sin() * 6.0;
                let amp = if phase > 0.3 { 1.5 * phase } else { 0.0 };
                add_spot(&mut buf, w, h, x_frac * w as f32 + wander, y_frac * h as f32, radius_px, 3.0, Rgb::WHITE, amp);
            }
            _ => {}
        }
    }

    if let Some(c) = scene.timeline.colour_at(t) {
        let sigma = (scene.led_radius_px * 0.7).max(0.6);
        add_spot(&mut buf, w, h, lx, ly, sigma, 3.5, c, scene.led_gain * 1.2);
        add_spot(&mut buf, w, h, lx, ly, sigma * 4.0, 3.5, c, scene.led_gain * n.bloom * 0.25);
    }

    // Exposure, flicker through a rolling shutter, noise, quantisation.
    let mut rng = Rng::new(scene.seed.wrapping_add((t_ms * 7919.0) as u64));
    let gain = 1.0 + n.exposure_drift * ((t * 0.21 * std::f64::consts::TAU + scene.seed as f64).sin() as f32);
    let line_time = 0.9 / (scene.fps * h as f64);
    let mut out = vec![255u8; w * h * 4];
    for y in 0..h {
        let flicker = if n.flicker_depth > 0.0 {
            let tl = t + y as f64 * line_time;
            1.0 + n.flicker_depth * ((tl * n.flicker_hz as f64 * std::f64::consts::TAU).sin() as f32)
        } else {
            1.0
        };
        let row_gain = 255.0 * gain * flicker;
        for x in 0..w {
            let i = (y * w + x) * 3;
            let bits = rng.next_u64();
            for k in 0..3 {
                let u = ((bits >> (k * 16)) & 0xffff) as f32 / 65535.0 - 0.5;
                let v = buf[i + k] * row_gain + u * 3.46 * n.noise_sigma;
                out[(y * w + x) * 4 + k] = v.clamp(0.0, 255.0) as u8;
            }
        }
    }
    if n.chroma_420 {
        super::yuv::subsample_chroma(&mut out, w, h);
    }
    out
}
