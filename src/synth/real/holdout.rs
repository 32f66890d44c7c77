//! A random realistic hold-out set: places, photos and cuts, phones and their pipelines, motion,
//! devices, LED sizes and brightness, patterns (the Sync Module's two-light states among them)
//! and distractors, all drawn from wide ranges. Only the physics decides what is kept: an LED a
//! person could not see in the video is redrawn (`visibility_estimate`), never a case the reader
//! gets wrong.
use super::corpus::{base_scene, with_lights, Lights, BLUE_COAT, GREY_COAT, RED_JACKET};
use super::photos::Photo;
use super::scene::*;
use super::visibility::visibility_estimate;
use super::RealCase;
use crate::led::{LedColour, PatternKind};
use crate::synth::{Case, Expected, Rgb, Rng, Timeline};

/// Redraws of an LED's size and brightness before settling for the brightest LED.
const VISIBILITY_TRIES: usize = 20;

fn pick<T: Clone>(rng: &mut Rng, items: &[T]) -> T {
    items[((rng.unit() * items.len() as f64) as usize).min(items.len() - 1)].clone()
}

fn range(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + rng.unit() * (hi - lo)
}

fn log_range(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    (lo.ln() + rng.unit() * (hi.ln() - lo.ln())).exp()
}

/// `n` random realistic cases from `seed`.
pub fn real_holdout(seed: u64, n: usize) -> Vec<RealCase> {
    let mut rng = Rng::new(seed ^ 0x4ea1_5eed);
    (0..n).map(|i| one(&mut rng, seed, i)).collect()
}

fn exp(pattern: PatternKind, colour: Option<LedColour>, count: Option<u32>, preceded_by: Option<LedColour>, from: f64, budget: f64, also: Option<(PatternKind, LedColour)>) -> Expected {
    Expected { pattern, colour, count, preceded_by, latency_from_s: from, latency_budget_s: budget, also }
}

/// A single LED's pattern, with the same kinds and latency rules as the plain hold-out set.
fn single_pattern(rng: &mut Rng) -> (String, Timeline, Expected) {
    let colours = [(Rgb::RED, LedColour::Red), (Rgb::GREEN, LedColour::Green), (Rgb::BLUE, LedColour::Blue)];
    let (rgb, colour) = pick(rng, &colours);
    let kind = pick(rng, &["none", "steady", "blinking", "burst", "flash"]);
    let start = range(rng, 0.2, 1.5);
    let (t, e) = match kind {
        "none" => (Timeline::none(9.0), exp(PatternKind::None, None, None, None, 0.0, 6.2, None)),
        "steady" => (Timeline::steady(rgb, 8.0), exp(PatternKind::Steady, Some(colour), None, None, 0.0, 4.5, None)),
        "blinking" => {
            let period = range(rng, 0.6, 1.6);
            let duty = range(rng, 0.3, 0.7);
            let t = Timeline::blinking(rgb, period, duty, start, start + 8.0 * period);
            (t, exp(PatternKind::Blinking, Some(colour), None, None, start + 3.0 * period, 0.0, None))
        }
        "burst" => {
            let n = pick(rng, &[5u32, 6]);
            let (on, off) = (range(rng, 0.15, 0.35), range(rng, 0.15, 0.35));
            let blue = range(rng, 1.0, 4.0);
            let t = Timeline::burst(Some((Rgb::BLUE, blue)), Rgb::RED, n, on, off, start, start + blue + n as f64 * (on + off) + 4.0);
            let end = start + blue + off + n as f64 * (on + off) - off;
            (t, exp(PatternKind::Burst, Some(LedColour::Red), Some(n), Some(LedColour::Blue), end, 1.0, None))
        }
        _ => {
            let on = range(rng, 0.1, 0.3);
            (Timeline::flashes(rgb, &[start], on, start + 6.0), exp(PatternKind::Flash, Some(colour), None, None, start + on, 2.5, None))
        }
    };
    (kind.to_string(), t, e)
}

/// One of the Sync Module's states (blink period drawn too).
fn sync_pattern(rng: &mut Rng) -> (String, Lights, Expected) {
    use LedColour::{Blue, Green};
    use PatternKind::{Blinking, Steady};
    let d = 10.0;
    let period = range(rng, 0.6, 1.6);
    let start = range(rng, 0.2, 1.0);
    let blink = |c| Timeline::blinking(c, period, 0.5, start, d);
    let steady = |c| Timeline::steady(c, d);
    let e = |p, c, also| exp(p, Some(c), None, None, 0.0, 4.5, also);
    let (name, blue, green, x) = match pick(rng, &[0, 1, 2, 3]) {
        0 => ("sync-offline", steady(Rgb::BLUE), blink(Rgb::GREEN), e(Steady, Blue, Some((Blinking, Green)))),
        1 => ("sync-pairing", blink(Rgb::BLUE), steady(Rgb::GREEN), e(Blinking, Blue, Some((Steady, Green)))),
        2 => ("sync-online", steady(Rgb::BLUE), steady(Rgb::GREEN), e(Steady, Blue, Some((Steady, Green)))),
        _ => ("sync-starting", steady(Rgb::BLUE), Timeline::none(d), e(Steady, Blue, None)),
    };
    (name.to_string(), Lights::Sync { blue, green }, x)
}

/// Where the video is taken: light level, its colour, whether mains lamps light it, the photos that fit.
fn place(rng: &mut Rng) -> (&'static str, f32, [f32; 3], bool, Vec<Photo>) {
    use Photo::*;
    match pick(rng, &[0, 1, 2, 3, 4, 5]) {
        0 => ("sun", light_level::SUN, illuminant::DAYLIGHT, false, vec![Cameraman, Grass, Brick]),
        1 => ("overcast", light_level::OVERCAST, pick(rng, &[illuminant::DAYLIGHT, illuminant::SHADE]), false, vec![Cameraman, Grass, Brick, Rocket]),
        2 => ("office", light_level::OFFICE, illuminant::WHITE_LED, true, vec![Astronaut, Coffee, Chelsea, Brick]),
        3 => ("room", light_level::ROOM, pick(rng, &[illuminant::TUNGSTEN, illuminant::WHITE_LED]), true, vec![Coffee, Chelsea, Astronaut]),
        4 => ("dim", light_level::DIM_ROOM, illuminant::TUNGSTEN, true, vec![Chelsea, Coffee, Hubble]),
        _ => ("night", light_level::NIGHT_STREET, illuminant::SODIUM, false, vec![Rocket, Hubble, Cameraman]),
    }
}

fn one(rng: &mut Rng, seed: u64, i: usize) -> RealCase {
    let two_lights = rng.unit() < 0.2;
    let (pname, lights, expected) = if two_lights {
        sync_pattern(rng)
    } else {
        let (n, t, e) = single_pattern(rng);
        (n, Lights::One(t), e)
    };
    let mut s = base_scene(Timeline::none(1.0));
    s.seed = seed.wrapping_mul(7919).wrapping_add(i as u64);
    let (where_, level, illum, mains, photos) = place(rng);
    s.ambient = Ambient { level, illuminant: illum, flicker_depth: 0.0, flicker_hz: 100.0 };
    if mains && rng.unit() < 0.6 {
        s.ambient.flicker_depth = range(rng, 0.05, 0.3) as f32;
        s.ambient.flicker_hz = pick(rng, &[100.0, 120.0]);
    }
    let duration = match &lights {
        Lights::One(t) => t.duration_s(),
        Lights::Sync { blue, .. } => blue.duration_s(),
    };
    // One to three photographs, cut between at random times.
    let cuts = pick(rng, &[0usize, 0, 1, 1, 2]);
    let mut starts = vec![0.0];
    for _ in 0..cuts {
        starts.push(range(rng, 1.0, (duration - 0.5).max(1.5)));
    }
    starts.sort_by(f64::total_cmp);
    s.backdrops = starts
        .iter()
        .map(|&from| {
            let photo = pick(rng, &photos);
            let night_photo = matches!(photo, Photo::Rocket | Photo::Hubble);
            let drift = if rng.unit() < 0.4 { (range(rng, -0.08, 0.08) as f32, range(rng, -0.02, 0.02) as f32) } else { (0.0, 0.0) };
            Backdrop {
                zoom: range(rng, 1.0, 1.7) as f32,
                centre: (range(rng, 0.35, 0.65) as f32, range(rng, 0.35, 0.65) as f32),
                drift,
                light: if night_photo { range(rng, 2.0, 6.0) } else { range(rng, 0.5, 1.6) } as f32,
                zoom_rate: if rng.unit() < 0.15 { range(rng, -0.03, 0.03) as f32 } else { 0.0 },
                parallax: range(rng, 0.4, 1.0) as f32,
                ..Backdrop::new(photo, from)
            }
        })
        .collect();
    // The phone: a pipeline preset, then every knob moved within what phones do.
    let mut p = pick(rng, &[Pipeline::phone(), Pipeline::night(), Pipeline::budget(), Pipeline::plain()]);
    p.full_well_e = range(rng, 2000.0, 6000.0) as f32;
    p.psf_sigma_px = range(rng, 0.45, 1.2) as f32;
    p.glare = range(rng, 0.02, 0.08) as f32;
    p.ae_tau_s = range(rng, 0.15, 0.8) as f32;
    p.ae_delay_frames = pick(rng, &[1usize, 2, 3]);
    p.ae_start = if rng.unit() < 0.3 { range(rng, 0.6, 1.8) as f32 } else { 1.0 };
    p.anti_banding = rng.unit() < 0.8;
    if p.tnr_strength > 0.0 {
        p.tnr_strength = range(rng, 0.3, 0.85) as f32;
        p.tnr_threshold = range(rng, 2.0, 5.0) as f32;
        p.tnr_block_px = range(rng, 6.0, 14.0) as f32;
        p.tnr_pixel_guard = if rng.unit() < 0.5 { 0.0 } else { range(rng, 4.0, 8.0) as f32 };
    }
    p.sharpen = range(rng, 0.0, 1.4) as f32;
    p.contrast = range(rng, 0.0, 0.5) as f32;
    s.pipeline = p;
    s.fps = pick(rng, &[15.0, 24.0, 30.0, 30.0, 60.0]);
    if rng.unit() < 0.3 {
        s.jitter_ms = range(rng, 2.0, 8.0);
        s.drop_probability = range(rng, 0.0, 0.08);
    }
    // The hand.
    s.camera = if rng.unit() < 0.15 { CameraMotion::still() } else { CameraMotion::hand(range(rng, 0.5, 3.0) as f32) };
    if rng.unit() < 0.2 {
        s.camera.pan_px_s = (range(rng, -20.0, 20.0) as f32, range(rng, -6.0, 6.0) as f32);
    }
    if rng.unit() < 0.2 {
        s.camera.zoom_rate = range(rng, -0.04, 0.04) as f32;
    }
    if rng.unit() < 0.2 {
        s.camera.jerks.push((range(rng, 1.0, duration - 1.0), range(rng, -40.0, 40.0) as f32, range(rng, -20.0, 20.0) as f32, range(rng, 0.08, 0.3)));
    }
    // The device: kind, housing, size, place, the light on it.
    let d = &mut s.device;
    d.kind = pick(rng, &[DeviceKind::Outdoor, DeviceKind::Xt, DeviceKind::Mini]);
    d.housing = if d.kind != DeviceKind::Xt && rng.unit() < 0.35 { Housing::White } else { Housing::Black };
    d.width_px = log_range(rng, 60.0, 400.0) as f32;
    d.at = (range(rng, 0.3, 0.7) as f32, range(rng, 0.3, 0.65) as f32);
    d.light = range(rng, 0.4, 1.5) as f32;
    // Distractors.
    if rng.unit() < 0.3 {
        let lit = if rng.unit() < 0.7 { (0.0, 99.0) } else { (range(rng, 0.5, 4.0), range(rng, 5.0, 12.0)) };
        let at = (range(rng, 0.05, 0.95) as f32, range(rng, 0.6, 0.9) as f32);
        s.distractors.push(Distractor::BrakeLights { at, width_px: range(rng, 80.0, 260.0) as f32, luminance: luminance::BRAKE_LAMP, speed: range(rng, -0.05, 0.05) as f32, lit });
    }
    if rng.unit() < 0.3 {
        s.distractors.push(Distractor::RedSign { at: (range(rng, 0.1, 0.9) as f32, range(rng, 0.1, 0.4) as f32), size_px: (range(rng, 60.0, 180.0) as f32, range(rng, 30.0, 90.0) as f32) });
    }
    if mains && rng.unit() < 0.3 {
        let at = (pick(rng, &[0.15f32, 0.82]), range(rng, 0.2, 0.5) as f32);
        s.distractors.push(Distractor::Tv { at, size_px: (range(rng, 160.0, 320.0) as f32, range(rng, 90.0, 180.0) as f32), luminance: luminance::TV, shot_s: range(rng, 0.8, 4.0) });
    }
    if rng.unit() < 0.3 {
        for _ in 0..pick(rng, &[1, 2, 3]) {
            let colour = pick(rng, &[illuminant::TUNGSTEN, illuminant::SODIUM, illuminant::WHITE_LED, [1.0, 0.15, 0.08]]);
            let at = (range(rng, 0.05, 0.95) as f32, range(rng, 0.05, 0.95) as f32);
            s.distractors.push(Distractor::Lamp { at, radius_px: range(rng, 0.5, 3.0) as f32, luminance: luminance::STREET_LAMP * range(rng, 0.2, 1.0) as f32, colour, flicker: range(rng, 0.0, 0.5) as f32 });
        }
    }
    if rng.unit() < 0.3 {
        for _ in 0..pick(rng, &[1, 2, 3]) {
            let speed = range(rng, 120.0, 350.0) as f32 * if rng.unit() < 0.5 { 1.0 } else { -1.0 };
            let clothes = pick(rng, &[RED_JACKET, BLUE_COAT, GREY_COAT]);
            s.distractors.push(Distractor::Walker { start_s: range(rng, 0.0, duration - 2.0), y_frac: range(rng, 0.45, 0.6) as f32, height_px: range(rng, 350.0, 700.0) as f32, speed_px_s: speed, clothes });
        }
    }
    let size = pick(rng, &[(1280usize, 720usize), (1280, 720), (1280, 720), (640, 480), (640, 480), (1920, 1080), (720, 1280)]);
    let s = s.resized(size.0, size.1);
    // The LED: a few per cent of the body's width, as bright as real LEDs are. Redrawn while a
    // person could not see it in this scene.
    let width = s.device.width_px;
    let mut scene = s.clone();
    for attempt in 0..=VISIBILITY_TRIES {
        let (radius, lum) = if attempt == VISIBILITY_TRIES {
            (width * 0.02, luminance::LED_BRIGHT)
        } else {
            ((width as f64 * range(rng, 0.006, 0.02)) as f32, log_range(rng, luminance::LED_DIM as f64, luminance::LED_BRIGHT as f64) as f32)
        };
        scene = with_lights(s.clone(), &lights, radius, lum);
        if visibility_estimate(&scene) >= 1.0 {
            break;
        }
    }
    Case { name: format!("real-holdout-{i}/{pname}-{where_}"), scene, expected }
}
