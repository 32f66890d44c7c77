//! Named scenes for the browser's fake camera (e2e tests). The names are the y4m file names.
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
