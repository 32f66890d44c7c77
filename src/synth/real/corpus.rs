//! The realistic case sets: the corpus (settings x the corpus patterns, plus the Sync Module's
//! two-light states), the scenes with no LED lit, and the fixed sample `make test` runs.
//! A setting is a place and a phone: a backdrop with its light, a device, motion, distractors,
//! a pipeline, a frame size and rate. None of it was chosen by how the reader fares.
use super::photos::Photo;
use super::scene::*;
use super::RealCase;
use crate::led::{LedColour, PatternKind};
use crate::synth::corpus::patterns;
use crate::synth::{Case, Expected, Rgb, Timeline};

/// Clothes of people walking past: a red jacket (the colour of the LED), a blue coat, grey.
pub const RED_JACKET: [f32; 3] = [0.5, 0.04, 0.04];
pub const BLUE_COAT: [f32; 3] = [0.06, 0.12, 0.4];
pub const GREY_COAT: [f32; 3] = [0.25, 0.25, 0.25];

/// What lights the device shows: one LED, or the Sync Module's blue and green ones.
#[derive(Debug, Clone)]
pub enum Lights {
    One(Timeline),
    Sync { blue: Timeline, green: Timeline },
}

impl Lights {
    fn duration(&self) -> f64 {
        match self {
            Lights::One(t) => t.duration_s(),
            Lights::Sync { blue, green } => blue.duration_s().max(green.duration_s()),
        }
    }
}

/// A plain scene to start from: a black Outdoor in a lamp-lit room, in the hand, 1280x720 at 30 fps.
pub fn base_scene(timeline: Timeline) -> RealScene {
    RealScene {
        seed: 1,
        width: 1280,
        height: 720,
        fps: 30.0,
        jitter_ms: 0.0,
        drop_probability: 0.0,
        duration_s: timeline.duration_s(),
        backdrops: vec![Backdrop { zoom: 1.25, ..Backdrop::new(Photo::Coffee, 0.0) }],
        ambient: Ambient { level: light_level::ROOM, illuminant: illuminant::TUNGSTEN, flicker_depth: 0.0, flicker_hz: 100.0 },
        camera: CameraMotion::hand(1.0),
        device: Device {
            kind: DeviceKind::Outdoor,
            housing: Housing::Black,
            at: (0.5, 0.5),
            width_px: 160.0,
            light: 1.0,
            lights: vec![Light { slot: 0, timeline, radius_px: 1.0, luminance: luminance::LED }],
        },
        distractors: Vec::new(),
        pipeline: Pipeline::phone(),
    }
}

/// Puts the lights on the scene's device (a Sync Module for two lights), each LED `radius_px`
/// and `lum` bright.
pub(super) fn with_lights(mut s: RealScene, lights: &Lights, radius_px: f32, lum: f32) -> RealScene {
    s.duration_s = lights.duration();
    let light = |slot, timeline: &Timeline| Light { slot, timeline: timeline.clone(), radius_px, luminance: lum };
    s.device.lights = match lights {
        Lights::One(t) => vec![light(0, t)],
        Lights::Sync { blue, green } => {
            s.device.kind = DeviceKind::SyncModule;
            s.device.housing = Housing::Black;
            vec![light(0, blue), light(1, green)]
        }
    };
    s
}

fn ambient(level: f32, illuminant: [f32; 3], flicker_depth: f32, flicker_hz: f32) -> Ambient {
    Ambient { level, illuminant, flicker_depth, flicker_hz }
}

/// A setting: a name and how it stages the lights.
pub type Setting = (&'static str, fn(&Lights) -> RealScene);

/// The settings of the single-LED corpus, one per line of the list.
pub fn settings() -> Vec<Setting> {
    vec![
        // A wall-mounted black Outdoor, far: a 1-2 px LED at 1280x720, in front of a street
        // that moves behind it (traffic, a pan), a car with its brake lights on, a hard cut.
        ("street-far", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.ambient = ambient(light_level::OVERCAST, illuminant::SHADE, 0.0, 100.0);
            s.backdrops = vec![
                Backdrop { zoom: 1.3, centre: (0.6, 0.45), drift: (0.05, 0.0), light: 1.4, ..Backdrop::new(Photo::Cameraman, 0.0) },
                Backdrop { zoom: 1.5, drift: (-0.03, 0.0), light: 1.2, ..Backdrop::new(Photo::Brick, 4.3) },
            ];
            s.device.width_px = 70.0;
            s.device.at = (0.55, 0.42);
            s.device.light = 0.6;
            s.distractors.push(Distractor::BrakeLights { at: (0.22, 0.78), width_px: 150.0, luminance: luminance::BRAKE_LAMP, speed: 0.01, lit: (0.0, 99.0) });
            s.camera = CameraMotion::hand(1.0);
            with_lights(s, l, 0.45, luminance::LED_BRIGHT)
        }),
        // A dim room at night: the phone's low-light video with strong temporal noise reduction
        // (small lights leave fading ghosts), mains flicker, a cat.
        ("night-tnr", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.ambient = ambient(light_level::DIM_ROOM, illuminant::TUNGSTEN, 0.2, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.3, ..Backdrop::new(Photo::Chelsea, 0.0) }];
            s.device.width_px = 120.0;
            s.pipeline = Pipeline::night();
            s.camera = CameraMotion::hand(0.8);
            with_lights(s, l, 0.8, luminance::LED)
        }),
        // Daylight on a white Mini: a faint added light on a bright sunlit housing.
        ("daylight-white", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.ambient = ambient(light_level::SUN, illuminant::DAYLIGHT, 0.0, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.2, light: 0.8, drift: (0.0, 0.01), ..Backdrop::new(Photo::Grass, 0.0) }];
            s.device.kind = DeviceKind::Mini;
            s.device.housing = Housing::White;
            s.device.width_px = 150.0;
            s.camera = CameraMotion::hand(1.2);
            with_lights(s, l, 2.2, luminance::LED_BRIGHT)
        }),
        // A living room at 640x480 on a cheap phone: a TV changing pictures beside the camera.
        ("living-room-tv", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.width = 640;
            s.height = 480;
            s.ambient = ambient(light_level::ROOM, illuminant::TUNGSTEN, 0.15, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.1, ..Backdrop::new(Photo::Coffee, 0.0) }];
            s.device.kind = DeviceKind::Mini;
            s.device.width_px = 70.0;
            s.device.at = (0.42, 0.55);
            s.distractors.push(Distractor::Tv { at: (0.78, 0.3), size_px: (190.0, 110.0), luminance: luminance::TV, shot_s: 1.7 });
            s.pipeline = Pipeline::budget();
            s.camera = CameraMotion::hand(1.0);
            with_lights(s, l, 1.5, luminance::LED)
        }),
        // Close up at night outdoors: a big LED whose core clips white inside a coloured halo,
        // floodlights behind, the phone drifting closer.
        ("close-night-glare", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.ambient = ambient(light_level::NIGHT_STREET, illuminant::SODIUM, 0.0, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.2, light: 3.0, ..Backdrop::new(Photo::Rocket, 0.0) }];
            s.device.width_px = 420.0;
            s.device.at = (0.45, 0.52);
            s.device.light = 2.0;
            s.distractors.push(Distractor::Lamp { at: (0.88, 0.2), radius_px: 2.5, luminance: luminance::STREET_LAMP, colour: illuminant::SODIUM, flicker: 0.3 });
            s.camera = CameraMotion { zoom_rate: 0.02, ..CameraMotion::hand(2.0) };
            with_lights(s, l, 5.0, luminance::LED)
        }),
        // Full HD on a tripod, hundreds of point lights behind (the Hubble deep field).
        ("deep-field-1080p", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.width = 1920;
            s.height = 1080;
            s.ambient = ambient(light_level::DIM_ROOM, illuminant::WHITE_LED, 0.0, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.0, light: 4.0, ..Backdrop::new(Photo::Hubble, 0.0) }];
            s.device.kind = DeviceKind::Xt;
            s.device.width_px = 160.0;
            s.device.at = (0.4, 0.6);
            s.camera = CameraMotion::still();
            with_lights(s, l, 0.7, luminance::LED)
        }),
        // Portrait 720x1280 at 24 fps under 120 Hz office light, people walking past behind.
        ("portrait-walkers", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.width = 720;
            s.height = 1280;
            s.fps = 24.0;
            s.ambient = ambient(light_level::OFFICE, illuminant::WHITE_LED, 0.25, 120.0);
            s.backdrops = vec![Backdrop { zoom: 1.05, ..Backdrop::new(Photo::Astronaut, 0.0) }];
            s.device.kind = DeviceKind::Mini;
            s.device.width_px = 130.0;
            s.device.at = (0.5, 0.45);
            s.distractors.push(Distractor::Walker { start_s: 0.5, y_frac: 0.5, height_px: 800.0, speed_px_s: 260.0, clothes: RED_JACKET });
            s.distractors.push(Distractor::Walker { start_s: 4.5, y_frac: 0.55, height_px: 700.0, speed_px_s: -220.0, clothes: BLUE_COAT });
            s.camera = CameraMotion::hand(1.5);
            with_lights(s, l, 1.2, luminance::LED)
        }),
        // A shaky hand at 15 fps with jittery timing and dropped frames, a jerk, a red sign.
        ("shaky-15fps", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.width = 640;
            s.height = 480;
            s.fps = 15.0;
            s.jitter_ms = 8.0;
            s.drop_probability = 0.08;
            s.ambient = ambient(light_level::OVERCAST, illuminant::SHADE, 0.0, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.4, ..Backdrop::new(Photo::Brick, 0.0) }];
            s.device.kind = DeviceKind::Xt;
            s.device.width_px = 80.0;
            s.device.light = 0.5;
            s.distractors.push(Distractor::RedSign { at: (0.2, 0.3), size_px: (90.0, 50.0) });
            s.camera = CameraMotion { jerks: vec![(3.0, 25.0, -12.0, 0.15)], ..CameraMotion::hand(3.0) };
            s.pipeline = Pipeline::budget();
            with_lights(s, l, 1.0, luminance::LED)
        }),
        // 60 fps at 640x480 while the phone pans and closes in, a hard cut to another room's picture.
        ("60fps-pan-zoom", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.fps = 60.0;
            s.ambient = ambient(light_level::ROOM, illuminant::WHITE_LED, 0.2, 100.0);
            s.backdrops = vec![
                Backdrop { zoom: 1.3, ..Backdrop::new(Photo::Coffee, 0.0) },
                Backdrop { zoom: 1.4, ..Backdrop::new(Photo::Astronaut, 5.0) },
            ];
            s.device.housing = Housing::White;
            s.device.width_px = 140.0;
            s.device.at = (0.45, 0.5);
            s.camera = CameraMotion { pan_px_s: (12.0, 3.0), zoom_rate: 0.04, ..CameraMotion::hand(1.0) };
            s.pipeline = Pipeline::plain();
            with_lights(s, l, 1.0, luminance::LED).resized(640, 480)
        }),
        // A black Outdoor in the sun: glinting lens, the camera app just opened (exposure still
        // settling), a car passing with its brake lights on, a red sign.
        ("sun-black-settling", |l| {
            let mut s = base_scene(Timeline::none(1.0));
            s.ambient = ambient(light_level::SUN, illuminant::DAYLIGHT, 0.0, 100.0);
            s.backdrops = vec![Backdrop { zoom: 1.3, drift: (0.03, 0.0), light: 0.7, ..Backdrop::new(Photo::Cameraman, 0.0) }];
            s.device.width_px = 200.0;
            s.device.at = (0.5, 0.45);
            s.distractors.push(Distractor::BrakeLights { at: (-0.2, 0.8), width_px: 220.0, luminance: luminance::BRAKE_LAMP, speed: 0.08, lit: (0.0, 99.0) });
            s.distractors.push(Distractor::RedSign { at: (0.85, 0.25), size_px: (120.0, 60.0) });
            s.pipeline = Pipeline { ae_start: 1.8, ..Pipeline::budget() };
            s.camera = CameraMotion::hand(1.2);
            with_lights(s, l, 1.6, luminance::LED_BRIGHT)
        }),
    ]
}

/// Settings for the Sync Module's two lights (a subset of the places above).
fn sync_settings() -> Vec<Setting> {
    let keep = ["street-far", "night-tnr", "living-room-tv", "sun-black-settling"];
    settings().into_iter().filter(|(n, _)| keep.contains(n)).collect()
}

fn expect(pattern: PatternKind, colour: LedColour, also: Option<(PatternKind, LedColour)>, from: f64, budget: f64) -> Expected {
    Expected { pattern, colour: Some(colour), count: None, preceded_by: None, latency_from_s: from, latency_budget_s: budget, also }
}

/// The Sync Module 2 states the camera can tell: (name, blue, green, expectation). Blinking is
/// 1 s on/off-half from 0.4 s as in the single-LED corpus; a steady light must be called within
/// 4.5 s as there.
pub fn sync_states() -> Vec<(&'static str, Timeline, Timeline, Expected)> {
    use LedColour::{Blue, Green};
    use PatternKind::{Blinking, Steady};
    let d = 10.0;
    let blink = |c| Timeline::blinking(c, 1.0, 0.5, 0.4, d);
    vec![
        ("sync-offline", Timeline::steady(Rgb::BLUE, d), blink(Rgb::GREEN), expect(Steady, Blue, Some((Blinking, Green)), 0.0, 4.5)),
        ("sync-pairing", blink(Rgb::BLUE), Timeline::steady(Rgb::GREEN, d), expect(Blinking, Blue, Some((Steady, Green)), 0.0, 4.5)),
        ("sync-online", Timeline::steady(Rgb::BLUE, d), Timeline::steady(Rgb::GREEN, d), expect(Steady, Blue, Some((Steady, Green)), 0.0, 4.5)),
        ("sync-starting", Timeline::steady(Rgb::BLUE, d), Timeline::none(d), expect(Steady, Blue, None, 0.0, 4.5)),
    ]
}

/// Every corpus pattern in every setting, then every Sync Module state in its settings.
/// Seeds differ per case.
pub fn real_corpus() -> Vec<RealCase> {
    let mut out = Vec::new();
    for (si, (sname, build)) in settings().into_iter().enumerate() {
        for (pi, (pname, timeline, expected)) in patterns().into_iter().enumerate() {
            let mut scene = build(&Lights::One(timeline));
            scene.seed = 50_000 + (si * 100 + pi) as u64;
            out.push(Case { name: format!("{pname}/{sname}"), scene, expected });
        }
    }
    for (si, (sname, build)) in sync_settings().into_iter().enumerate() {
        for (pi, (pname, blue, green, expected)) in sync_states().into_iter().enumerate() {
            let mut scene = build(&Lights::Sync { blue, green });
            scene.seed = 60_000 + (si * 100 + pi) as u64;
            out.push(Case { name: format!("{pname}/{sname}"), scene, expected });
        }
    }
    out
}

fn nothing() -> Expected {
    Expected { pattern: PatternKind::None, colour: None, count: None, preceded_by: None, latency_from_s: 0.0, latency_budget_s: 6.2, also: None }
}

/// What moves or shines in a scene with no LED lit: (name, how it changes the scene).
type Disturbance = (&'static str, fn(&mut RealScene, Photo));

fn disturbances() -> Vec<Disturbance> {
    vec![
        // Two hard cuts between photographs and a car's steady brake lights.
        ("cuts-brake-light", |s, p| {
            let next = Photo::ALL[(Photo::ALL.iter().position(|q| *q == p).unwrap_or(0) + 3) % Photo::ALL.len()];
            s.backdrops.push(Backdrop { zoom: 1.4, ..Backdrop::new(next, 3.0) });
            s.backdrops.push(Backdrop { zoom: 1.3, centre: (0.4, 0.6), ..Backdrop::new(p, 6.5) });
            s.distractors.push(Distractor::BrakeLights { at: (0.25, 0.75), width_px: 180.0, luminance: luminance::BRAKE_LAMP, speed: 0.0, lit: (0.0, 99.0) });
        }),
        // A red sign in a scene that pans, and a jerk of the hand.
        ("red-sign-pan-jerk", |s, _| {
            s.backdrops[0].drift = (0.04, 0.01);
            s.distractors.push(Distractor::RedSign { at: (0.3, 0.35), size_px: (140.0, 70.0) });
            s.camera.jerks.push((4.0, -30.0, 10.0, 0.2));
        }),
        // A TV beside the device changing pictures (red ones among them) every 1.2 s.
        ("tv", |s, _| {
            s.distractors.push(Distractor::Tv { at: (0.78, 0.35), size_px: (300.0, 170.0), luminance: luminance::TV, shot_s: 1.2 });
        }),
        // Bulbs and lamps in view, mains flicker on everything, no anti-banding (bands roll).
        ("lamps-flicker", |s, _| {
            s.ambient.flicker_depth = 0.3;
            s.pipeline.anti_banding = false;
            s.distractors.push(Distractor::Lamp { at: (0.15, 0.2), radius_px: 2.0, luminance: luminance::STREET_LAMP, colour: illuminant::TUNGSTEN, flicker: 0.5 });
            s.distractors.push(Distractor::Lamp { at: (0.85, 0.25), radius_px: 1.2, luminance: luminance::STREET_LAMP, colour: illuminant::SODIUM, flicker: 0.5 });
            s.distractors.push(Distractor::Lamp { at: (0.7, 0.8), radius_px: 0.8, luminance: luminance::STREET_LAMP * 0.5, colour: [1.0, 0.15, 0.08], flicker: 0.0 });
        }),
        // People walking past behind the device (one in red), a car braking for a few seconds.
        ("walkers-braking", |s, _| {
            s.distractors.push(Distractor::Walker { start_s: 0.3, y_frac: 0.55, height_px: 560.0, speed_px_s: 240.0, clothes: RED_JACKET });
            s.distractors.push(Distractor::Walker { start_s: 3.5, y_frac: 0.6, height_px: 480.0, speed_px_s: -200.0, clothes: GREY_COAT });
            s.distractors.push(Distractor::Walker { start_s: 6.0, y_frac: 0.5, height_px: 650.0, speed_px_s: 300.0, clothes: RED_JACKET });
            s.distractors.push(Distractor::BrakeLights { at: (0.7, 0.8), width_px: 160.0, luminance: luminance::BRAKE_LAMP, speed: 0.0, lit: (2.0, 8.0) });
        }),
    ]
}

/// Where each photograph is and how it is lit, for the no-LED scenes: (light level, illuminant,
/// backdrop light, mains flicker).
fn place(p: Photo) -> (f32, [f32; 3], f32, f32) {
    match p {
        Photo::Coffee | Photo::Chelsea => (light_level::ROOM, illuminant::TUNGSTEN, 1.0, 0.15),
        Photo::Astronaut => (light_level::OFFICE, illuminant::WHITE_LED, 1.0, 0.2),
        Photo::Rocket => (light_level::NIGHT_STREET, illuminant::SODIUM, 3.0, 0.0),
        Photo::Hubble => (light_level::DIM_ROOM, illuminant::WHITE_LED, 4.0, 0.0),
        Photo::Cameraman | Photo::Grass => (light_level::OVERCAST, illuminant::DAYLIGHT, 1.0, 0.0),
        Photo::Brick => (light_level::SUN, illuminant::DAYLIGHT, 0.6, 0.0),
    }
}

/// Scenes with no LED lit: every photograph under every disturbance, on varied phones, sizes and
/// rates, plus a dark Sync Module. The reader must never report flash, burst or blinking here.
pub fn no_led_scenes() -> Vec<RealCase> {
    let sizes = [(1280, 720), (640, 480), (1280, 720), (720, 1280), (1280, 720)];
    let pipelines = [Pipeline::phone(), Pipeline::night(), Pipeline::budget(), Pipeline::plain(), Pipeline::phone()];
    let fps = [30.0, 24.0, 30.0, 15.0, 30.0];
    let mut out = Vec::new();
    for (pi, photo) in Photo::ALL.into_iter().enumerate() {
        for (di, (dname, apply)) in disturbances().into_iter().enumerate() {
            let k = (pi + di) % sizes.len();
            let mut s = base_scene(Timeline::none(10.0));
            let (level, illum, light, flicker) = place(photo);
            s.ambient = ambient(level, illum, flicker, if pi % 2 == 0 { 100.0 } else { 120.0 });
            s.backdrops = vec![Backdrop { zoom: 1.3, light, ..Backdrop::new(photo, 0.0) }];
            s.device.kind = [DeviceKind::Outdoor, DeviceKind::Mini, DeviceKind::Xt, DeviceKind::Outdoor][(pi + 2 * di) % 4];
            s.device.housing = if (pi + di) % 3 == 0 { Housing::White } else { Housing::Black };
            s.device.width_px = [160.0, 90.0, 240.0, 120.0][(pi * 3 + di) % 4];
            s.pipeline = pipelines[k].clone();
            s.fps = fps[k];
            s.camera = CameraMotion::hand(1.0 + (di % 3) as f32);
            apply(&mut s, photo);
            let s = s.resized(sizes[k].0, sizes[k].1);
            let mut scene = s;
            scene.seed = 70_000 + (pi * 10 + di) as u64;
            out.push(Case { name: format!("none/{}-{dname}", photo.id()), scene, expected: nothing() });
        }
    }
    // A Sync Module with both lights dark, in a room with a TV and in a street at night.
    for (k, build) in [settings()[3].1, settings()[0].1].into_iter().enumerate() {
        let mut scene = build(&Lights::Sync { blue: Timeline::none(10.0), green: Timeline::none(10.0) });
        scene.seed = 71_000 + k as u64;
        out.push(Case { name: format!("none/sync-dark-{k}"), scene, expected: nothing() });
    }
    out
}

/// The fixed sample `make test` runs: one LED case per category (each pattern, each kind of
/// setting, the Sync Module's states) and ten scenes with no LED lit.
pub fn sample_cases() -> Vec<RealCase> {
    let leds = [
        "none/street-far",
        "steady-red/daylight-white",
        "blinking-red/street-far",
        "blinking-red-fast/portrait-walkers",
        "blinking-green/night-tnr",
        "burst-6-after-blue/night-tnr",
        "burst-5-after-blue/living-room-tv",
        "flash-red/shaky-15fps",
        "flash-red/close-night-glare",
        "steady-red/shaky-15fps",
        "blinking-red/sun-black-settling",
        "burst-6-after-blue/60fps-pan-zoom",
        "sync-offline/night-tnr",
        "sync-pairing/living-room-tv",
        "sync-online/street-far",
        "sync-starting/sun-black-settling",
    ];
    let quiet = [
        "none/coffee-cuts-brake-light",
        "none/astronaut-walkers-braking",
        "none/chelsea-tv",
        "none/rocket-lamps-flicker",
        "none/hubble-red-sign-pan-jerk",
        "none/cameraman-cuts-brake-light",
        "none/brick-tv",
        "none/grass-walkers-braking",
        "none/coffee-lamps-flicker",
        "none/sync-dark-0",
    ];
    let all: Vec<RealCase> = real_corpus().into_iter().chain(no_led_scenes()).collect();
    leds.iter().chain(quiet.iter()).filter_map(|n| all.iter().find(|c| c.name == *n).cloned()).collect()
}
