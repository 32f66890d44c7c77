//! A randomised hold-out set: scenes drawn from wide parameter ranges (LED size, brightness and
//! place, timing, frame rate, size, any mix of nuisances) that the reader was never tuned on.
//! It estimates how the reader does on video it has not seen.
use super::corpus::{Case, Expected};
use super::render::{Distractor, Scene};
use super::rng::Rng;
use super::timeline::{Rgb, Timeline};
use crate::led::{LedColour, PatternKind};

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[((rng.unit() * items.len() as f64) as usize).min(items.len() - 1)]
}

fn range(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + rng.unit() * (hi - lo)
}

/// `n` random cases from `seed`.
pub fn holdout(seed: u64, n: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| one(&mut rng, seed, i)).collect()
}

fn one(rng: &mut Rng, seed: u64, i: usize) -> Case {
    let colours = [(Rgb::RED, LedColour::Red), (Rgb::GREEN, LedColour::Green), (Rgb::BLUE, LedColour::Blue)];
    let (rgb, colour) = pick(rng, &colours);
    let kind = pick(rng, &["none", "steady", "blinking", "burst", "flash"]);
    let start = range(rng, 0.2, 1.5);
    let (timeline, expected) = match kind {
        "none" => (Timeline::none(9.0), exp(PatternKind::None, None, None, None, 0.0, 6.2)),
        "steady" => {
            let (rgb, colour) = pick(rng, &[(Rgb::RED, LedColour::Red), (Rgb::GREEN, LedColour::Green)]);
            (Timeline::steady(rgb, 8.0), exp(PatternKind::Steady, Some(colour), None, None, 0.0, 4.5))
        }
        "blinking" => {
            let period = range(rng, 0.6, 1.6);
            let duty = range(rng, 0.3, 0.7);
            let t = Timeline::blinking(rgb, period, duty, start, start + 8.0 * period);
            (t, exp(PatternKind::Blinking, Some(colour), None, None, start + 3.0 * period, 0.0))
        }
        "burst" => {
            let n = pick(rng, &[5u32, 6]);
            let on = range(rng, 0.15, 0.35);
            let off = range(rng, 0.15, 0.35);
            let blue = range(rng, 1.0, 4.0);
            let t = Timeline::burst(Some((Rgb::BLUE, blue)), Rgb::RED, n, on, off, start, start + blue + n as f64 * (on + off) + 4.0);
            let end = start + blue + off + n as f64 * (on + off) - off;
            (t, exp(PatternKind::Burst, Some(LedColour::Red), Some(n), Some(LedColour::Blue), end, 1.0))
        }
        _ => {
            let on = range(rng, 0.1, 0.3);
            let t = Timeline::flashes(rgb, &[start], on, start + 6.0);
            (t, exp(PatternKind::Flash, Some(colour), None, None, start + on, 2.5))
        }
    };
    let size = pick(rng, &[(320usize, 240usize), (480, 360), (640, 480), (1280, 720)]);
    let mut scene = Scene::new(timeline);
    scene.seed = seed.wrapping_mul(31).wrapping_add(i as u64);
    scene.width = size.0;
    scene.height = size.1;
    scene.fps = pick(rng, &[15.0, 24.0, 30.0, 60.0]);
    scene.led_x = range(rng, 0.3, 0.7) as f32;
    scene.led_y = range(rng, 0.3, 0.7) as f32;
    scene.led_radius_px = range(rng, 1.0, 1.0 + 5.0 * size.0 as f64 / 640.0) as f32;
    scene.led_gain = range(rng, 0.5, 5.0) as f32;
    scene.background = range(rng, 0.05, 0.75) as f32;
    let n = &mut scene.nuisances;
    let mut maybe = |p: f64| rng.unit() < p;
    if maybe(0.5) {
        n.noise_sigma = 4.0 + 8.0 * rng_frac(seed, i, 1);
    }
    if maybe(0.4) {
        n.exposure_drift = 0.3 * rng_frac(seed, i, 2);
    }
    if maybe(0.4) {
        n.shake_px = 1.0 + 4.0 * rng_frac(seed, i, 3);
    }
    if maybe(0.3) {
        n.flicker_depth = 0.1 + 0.15 * rng_frac(seed, i, 4);
        n.flicker_hz = if maybe(0.5) { 100.0 } else { 120.0 };
    }
    if maybe(0.4) {
        n.bloom = rng_frac(seed, i, 5);
    }
    if maybe(0.3) {
        n.jitter_ms = 6.0;
        n.drop_probability = 0.06;
    }
    if maybe(0.3) {
        n.distractors.push(Distractor::MovingLamp { radius_px: 5.0, speed_px_s: 80.0, y_frac: 0.2, colour: Rgb::WHITE });
    }
    if maybe(0.3) {
        n.distractors.push(Distractor::Window { x_frac: 0.7, y_frac: 0.05, w_frac: 0.25, h_frac: 0.3, level: 0.98 });
    }
    if maybe(0.2) {
        n.distractors.push(Distractor::Walker { speed_px_s: 60.0, level: 0.7 });
    }
    // Drawn from the scene's own hash, not the shared stream, so the other draws (and so the
    // scenes known from earlier runs) stay the same.
    n.chroma_420 = rng_frac(seed, i, 6) < 0.5;
    Case { name: format!("holdout-{i}/{kind}"), scene, expected }
}

fn rng_frac(seed: u64, i: usize, k: u64) -> f32 {
    Rng::new(seed ^ (i as u64) << 8 ^ k).unit() as f32
}

fn exp(pattern: PatternKind, colour: Option<LedColour>, count: Option<u32>, preceded_by: Option<LedColour>, from: f64, budget: f64) -> Expected {
    Expected { pattern, colour, count, preceded_by, latency_from_s: from, latency_budget_s: budget, also: None }
}
