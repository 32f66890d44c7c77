//! The LED reader on realistic video (synth::real): a fixed sample of the realistic corpus, one
//! case per category (every pattern, every kind of setting, the Sync Module's two lights), and
//! ten scenes with no LED lit. Each must be read right and in time; a scene with no LED lit
//! must read as no light (and above all never as a flash, a burst or blinking). The cases are
//! split over a few tests so they run on both cores. `make bench` runs the whole sets.
use blink_doctor::led::PatternKind;
use blink_doctor::synth::read_case;
use blink_doctor::synth::real::{measured_contrast, sample_cases, RealCase};

/// The smallest on-against-off difference (0..255, any channel) near an LED that a person
/// watching the video plainly sees.
const VISIBLE: f32 = 20.0;

fn run(case: &RealCase) -> Result<(), String> {
    let (e, t) = read_case(case).ok_or("never decided")?;
    let mut wrong = case.expected.mismatches(&e, t);
    if case.expected.pattern == PatternKind::None && matches!(e.pattern, PatternKind::Flash | PatternKind::Burst | PatternKind::Blinking) {
        wrong.insert(0, "FALSE ALARM".into());
    }
    if wrong.is_empty() { Ok(()) } else { Err(format!("{} ({})", wrong.join(", "), e.describe())) }
}

fn check(names: &[&str]) {
    let all = sample_cases();
    let mut failures = Vec::new();
    for name in names {
        let case = all.iter().find(|c| c.name == *name).unwrap_or_else(|| panic!("sample lost {name}"));
        if let Err(e) = run(case) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} wrong:\n{}", failures.len(), names.len(), failures.join("\n"));
}

#[test]
fn the_sample_covers_every_category() {
    let cases = sample_cases();
    assert_eq!(cases.len(), 26, "the sample lost cases");
    for prefix in ["none/", "steady-red/", "blinking-red/", "blinking-red-fast/", "blinking-green/", "burst-6-after-blue/", "burst-5-after-blue/", "flash-red/", "sync-offline/", "sync-pairing/", "sync-online/", "sync-starting/"] {
        assert!(cases.iter().any(|c| c.name.starts_with(prefix)), "no {prefix} case");
    }
    let named: Vec<&str> = SINGLE_A.iter().chain(SINGLE_B).chain(TWO_LIGHTS).chain(NO_LED_A).chain(NO_LED_B).copied().collect();
    for c in &cases {
        assert!(named.contains(&c.name.as_str()), "{} is in no test", c.name);
    }
}

/// Reader-independent: in each LED case of the sample the LED plainly shows in the video.
#[test]
fn every_sample_led_is_visible_in_the_video() {
    let mut dim = Vec::new();
    for case in sample_cases() {
        let first_lit = case.scene.device.lights.iter().filter_map(|l| l.timeline.lit.first().map(|i| i.0)).fold(f64::NAN, f64::min);
        if !first_lit.is_finite() {
            continue;
        }
        let lit_lights: Vec<usize> = (0..case.scene.device.lights.len()).filter(|&k| case.scene.device.lights[k].timeline.colour_at(first_lit + 0.1).is_some()).collect();
        let contrast = measured_contrast(&case.scene, first_lit + 0.1);
        for k in lit_lights {
            if contrast.get(k).copied().unwrap_or(0.0) < VISIBLE {
                dim.push(format!("{} light {k}: {:?}", case.name, contrast));
            }
        }
    }
    assert!(dim.is_empty(), "LEDs too dim to see:\n{}", dim.join("\n"));
}

const SINGLE_A: &[&str] = &[
    "none/street-far",
    "steady-red/daylight-white",
    "blinking-red/street-far",
    "blinking-red-fast/portrait-walkers",
    "blinking-green/night-tnr",
    "burst-6-after-blue/night-tnr",
];
const SINGLE_B: &[&str] = &[
    "burst-5-after-blue/living-room-tv",
    "flash-red/shaky-15fps",
    "flash-red/close-night-glare",
    "steady-red/shaky-15fps",
    "blinking-red/sun-black-settling",
    "burst-6-after-blue/60fps-pan-zoom",
];
const TWO_LIGHTS: &[&str] = &["sync-offline/night-tnr", "sync-pairing/living-room-tv", "sync-online/street-far", "sync-starting/sun-black-settling"];
const NO_LED_A: &[&str] = &["none/coffee-cuts-brake-light", "none/astronaut-walkers-braking", "none/chelsea-tv", "none/rocket-lamps-flicker", "none/hubble-red-sign-pan-jerk"];
const NO_LED_B: &[&str] = &["none/cameraman-cuts-brake-light", "none/brick-tv", "none/grass-walkers-braking", "none/coffee-lamps-flicker", "none/sync-dark-0"];

#[test]
fn single_led_cases_a() {
    check(SINGLE_A);
}

#[test]
fn single_led_cases_b() {
    check(SINGLE_B);
}

#[test]
fn sync_module_two_lights() {
    check(TWO_LIGHTS);
}

#[test]
fn no_led_scenes_a_read_as_no_light() {
    check(NO_LED_A);
}

#[test]
fn no_led_scenes_b_read_as_no_light() {
    check(NO_LED_B);
}

/// The judge of two-light cases: either light may be the reading's main one, the other must be
/// among `also`; a missing second light is wrong.
#[test]
fn two_lights_are_judged_in_either_order() {
    use blink_doctor::led::{LedColour, LedEvidence, OtherLight};
    use blink_doctor::synth::Expected;
    let expected = Expected {
        pattern: PatternKind::Steady,
        colour: Some(LedColour::Blue),
        count: None,
        preceded_by: None,
        latency_from_s: 0.0,
        latency_budget_s: 4.5,
        also: Some((PatternKind::Blinking, LedColour::Green)),
    };
    let reading = |main: (PatternKind, LedColour), also: Vec<OtherLight>| LedEvidence {
        pattern: main.0,
        colour: Some(main.1),
        flash_count: 0,
        preceded_by: None,
        period_s: None,
        duty: None,
        observed_s: 4.0,
        confidence: 0.8,
        also,
    };
    let other = |pattern, colour| OtherLight { pattern, colour, period_s: None };
    let steady_blue = reading((PatternKind::Steady, LedColour::Blue), vec![other(PatternKind::Blinking, LedColour::Green)]);
    let blinking_green = reading((PatternKind::Blinking, LedColour::Green), vec![other(PatternKind::Steady, LedColour::Blue)]);
    let alone = reading((PatternKind::Steady, LedColour::Blue), vec![]);
    let wrong_other = reading((PatternKind::Steady, LedColour::Blue), vec![other(PatternKind::Steady, LedColour::Green)]);
    assert!(expected.is_right(&steady_blue));
    assert!(expected.is_right(&blinking_green));
    assert!(!expected.is_right(&alone));
    assert!(!expected.is_right(&wrong_other));
}
