//! Named scenes for the browser's fake camera (e2e tests). The names are the y4m file names:
//! `e2e_scenarios` (the plain renderer) and `e2e_real_scenarios` (realistic video, H.264 round trip).
use super::render::{Nuisances, Scene};
use super::timeline::{Rgb, Timeline};

/// (name, scene) for every video the e2e suite uses. Chromium loops each file.
pub fn e2e_scenarios() -> Vec<(&'static str, Scene)> {
    let base = |timeline: Timeline| Scene {
        width: 640,
        height: 480,
        led_x: 0.5,
        led_y: 0.5,
        led_radius_px: 7.0,
        led_gain: 2.0,
        ..Scene::new(timeline)
    };
    let mut nuisances = Nuisances::clean();
    nuisances.noise_sigma = 3.0;
    nuisances.bloom = 0.8;
    vec![
        // A big LED in the middle, 1 s on and 1 s off, starting dark (so its first flash already
        // shows where it is): the live readout must follow it.
        ("centre-blink", Scene { led_radius_px: 18.0, nuisances: nuisances.clone(), ..base(Timeline::blinking(Rgb::RED, 2.0, 0.5, 0.3, 8.0)) }),
        // The no-internet signature: continuous red blinking.
        ("no-internet", Scene { nuisances: nuisances.clone(), ..base(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.3, 12.0)) }),
        // Low batteries: blue recording light, then 6 red flashes, then dark.
        (
            "low-battery",
            Scene {
                nuisances: nuisances.clone(),
                ..base(Timeline::burst(Some((Rgb::BLUE, 2.0)), Rgb::RED, 6, 0.25, 0.25, 0.5, 12.0))
            },
        ),
        // Motion: lone brief red flashes far apart.
        ("motion", Scene { nuisances: nuisances.clone(), ..base(Timeline::flashes(Rgb::RED, &[1.0, 5.5, 10.0], 0.15, 14.0)) }),
        // Nothing lit.
        ("nothing", Scene { nuisances: nuisances.clone(), ..base(Timeline::none(8.0)) }),
        // A camera starved of light: 5 frames a second, nothing lit (so the reading runs long).
        ("slow-5fps", Scene { fps: 5.0, nuisances, ..base(Timeline::none(8.0)) }),
    ]
}

/// Realistic scenes for the fake camera (synth::real), each passed through an H.264 round trip
/// (libx264 encode, decode back to y4m) by `synth-video`, as a phone's recording or a WebRTC
/// stream would be. All 1280x720 or smaller, 10 s, looped by Chromium. What each must read as:
///
/// | file | shows | reading | diagnosis |
/// |---|---|---|---|
/// | real-cut-no-internet | black Outdoor in a lamp-lit café, a hard cut to another picture at 4 s, a car's steady brake lights, hand shake | blinking red, 1 s period | no internet |
/// | real-tnr-low-battery | dim room at night, low-light video with strong temporal noise reduction (ghosts) | blue, then 6 red flashes | low batteries |
/// | real-tiny-720p-motion | 1280x720, a 1.5-2 px LED on a far wall-mounted Outdoor before a moving street, brake lights, a cut | lone red flashes (1.5 s, 6.5 s) | motion detected |
/// | real-daylight-dim-no-internet | white Mini in the sun: a faint red on a bright housing | blinking red, 1 s period | no internet |
/// | real-sync-offline | Sync Module 2 in a living room with a TV, 640x480 budget phone | steady blue + blinking green | offline, reconnecting |
///
/// Each comes with what the native reader must say about it before the H.264 round trip. In the
/// browser (e2e/real.test.mjs) each is held to the honest property: the right cause, or a reading
/// shown as uncertain that offers another, never a wrong reading shown as sure.
#[cfg(not(target_arch = "wasm32"))]
pub fn e2e_real_scenarios() -> Vec<(&'static str, super::real::RealScene, super::Expected)> {
    use super::real::{settings, Lights};
    use crate::led::LedColour::{Blue, Green, Red};
    use crate::led::PatternKind::{Blinking, Burst, Flash, Steady};
    let x = |pattern, colour, count, preceded_by, from, budget, also| super::Expected { pattern, colour: Some(colour), count, preceded_by, latency_from_s: from, latency_budget_s: budget, also };
    let setting = |name: &str| settings().into_iter().find(|(n, _)| *n == name).map(|(_, f)| f).expect("a corpus setting");
    let d = 10.0;
    let blinking_red = || Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.4, d);
    let mut out = Vec::new();
    // A café, then a cut to another room; the car's brake lights stay on.
    let mut cut = setting("street-far")(&Lights::One(blinking_red()));
    {
        use super::real::{illuminant, light_level, Ambient, Backdrop, Photo};
        cut.ambient = Ambient { level: light_level::ROOM, illuminant: illuminant::TUNGSTEN, flicker_depth: 0.1, flicker_hz: 100.0 };
        cut.backdrops = vec![Backdrop { zoom: 1.3, ..Backdrop::new(Photo::Coffee, 0.0) }, Backdrop { zoom: 1.4, ..Backdrop::new(Photo::Chelsea, 4.0) }];
        cut.device.width_px = 150.0;
        cut.device.light = 1.0;
        cut.device.lights[0].radius_px = 1.2;
    }
    out.push(("real-cut-no-internet", cut, x(Blinking, Red, None, None, 3.4, 0.0, None)));
    let burst = Timeline::burst(Some((Rgb::BLUE, 2.0)), Rgb::RED, 6, 0.25, 0.25, 0.5, d);
    out.push(("real-tnr-low-battery", setting("night-tnr")(&Lights::One(burst)), x(Burst, Red, Some(6), Some(Blue), 0.5 + 2.0 + 0.25 + 3.0 - 0.25, 1.0, None)));
    // A 1.5-2 px LED (radius 0.7 px at 1280x720), a little larger than the corpus's farthest so it
    // still shows after the H.264 round trip.
    let mut tiny = setting("street-far")(&Lights::One(Timeline::flashes(Rgb::RED, &[1.5, 6.5], 0.2, d)));
    tiny.device.lights[0].radius_px = 0.7;
    out.push(("real-tiny-720p-motion", tiny, x(Flash, Red, None, None, 1.7, 2.5, None)));
    out.push(("real-daylight-dim-no-internet", setting("daylight-white")(&Lights::One(blinking_red())), x(Blinking, Red, None, None, 3.4, 0.0, None)));
    let sync = Lights::Sync { blue: Timeline::steady(Rgb::BLUE, d), green: Timeline::blinking(Rgb::GREEN, 1.0, 0.5, 0.4, d) };
    out.push(("real-sync-offline", setting("living-room-tv")(&sync), x(Steady, Blue, None, None, 0.0, 4.5, Some((Blinking, Green)))));
    for (i, (_, s, _)) in out.iter_mut().enumerate() {
        s.seed = 90_000 + i as u64;
    }
    out
}
