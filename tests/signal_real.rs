//! The LED reader on realistic video (synth::real): a fixed sample of the realistic corpus, one
//! case per category (every pattern, every kind of setting, the Sync Module's two lights), and
//! ten scenes with no LED lit. The goal is every case right and in time, and a scene with no LED
//! lit read as no light; the reader is not there yet (issue 12), so the test holds it to floors:
//! at least so many right, at most so many wrong readings not flagged as unsure. The cases are
//! read on both cores. `make bench` runs the whole realistic corpus.
use blink_doctor::words;
use blink_doctor::led::PatternKind;
use blink_doctor::synth::read_case;
use blink_doctor::synth::real::{measured_contrast, sample_cases, RealCase};

/// The smallest on-against-off difference (0..255, any channel) near an LED that a person
/// watching the video plainly sees.
const VISIBLE: f32 = 20.0;

/// How one case was read.
struct Outcome {
    name: String,
    /// Right pattern, colour, count, preceding colour and second light, and in time.
    right: bool,
    /// Wrong (regardless of time) and not flagged unsure: the harm the issue is about, a wrong
    /// cause shown as a finding.
    confident_wrong: bool,
    /// A switching verdict (flash, burst, blinking) in a scene with no LED lit, not flagged unsure.
    confident_false_alarm: bool,
    line: String,
}

fn outcome(case: &RealCase) -> Outcome {
    let name = case.name.clone();
    let Some((e, t)) = read_case(case) else {
        return Outcome { name, right: false, confident_wrong: false, confident_false_alarm: false, line: "undecided".into() };
    };
    let wrong = case.expected.mismatches(&e, t);
    let false_alarm = case.expected.pattern == PatternKind::None && matches!(e.pattern, PatternKind::Flash | PatternKind::Burst | PatternKind::Blinking);
    Outcome {
        name,
        right: wrong.is_empty(),
        confident_wrong: !case.expected.is_right(&e) && !e.is_unsure(),
        confident_false_alarm: false_alarm && !e.is_unsure(),
        line: format!("{} conf {:.2}{}", words::reading(&e), e.confidence, if wrong.is_empty() { String::new() } else { format!(": {}", wrong.join(", ")) }),
    }
}

/// Reads every case of the sample, on both cores.
fn read_sample() -> Vec<Outcome> {
    let cases = sample_cases();
    let half = cases.len().div_ceil(2);
    let (a, b) = cases.split_at(half);
    std::thread::scope(|s| {
        let other = s.spawn(|| b.iter().map(outcome).collect::<Vec<_>>());
        let mut out: Vec<Outcome> = a.iter().map(outcome).collect();
        out.extend(other.join().unwrap_or_default());
        out
    })
}

/// Where the reader stands on the realistic sample; the goal (issue 12) is every case right and
/// none confidently wrong. These are floors, set from what was measured when they were last
/// raised: progress raises them; a change that lowers one must say why.
/// Measured 2026-12-02: 4 of 26 right and in time; confidently wrong 3.
/// Measured 2026-12-06 (the finder and trackers of issue 12; one flash or two flashes alone told
/// as unsure): 11 of 26 right and in time, none confidently wrong, no confident false alarm; the
/// misses are unsure readings (a TV, brake lights, a red sign, the Sync Module's second light).
/// Measured 2026-12-06, later (a lone flash must go dark within its own picture; a clipped
/// light's glow; one-light models not waiting for a second light): 15 of 26, none confidently
/// wrong, no confident false alarm.
/// Measured 2026-12-07 (a tracker widens to a light that switches on larger; a clipped light's
/// colour from the largest scale that sees it lit): 17 of 26.
const RIGHT_AT_LEAST: usize = 17;
const CONFIDENT_WRONG_AT_MOST: usize = 0;
const CONFIDENT_FALSE_ALARMS_AT_MOST: usize = 0;

/// The realistic sample: how many are read right, and above all how many wrong readings are
/// shown as findings. Prints the table either way (it is the figure to quote).
#[test]
fn realistic_sample_is_read_right_or_flagged_unsure() {
    let outcomes = read_sample();
    for o in &outcomes {
        eprintln!("{} {:<44} {}", if o.right { "ok  " } else if o.confident_wrong { "WRONG" } else { "unsure" }, o.name, o.line);
    }
    let right = outcomes.iter().filter(|o| o.right).count();
    let confident_wrong: Vec<&str> = outcomes.iter().filter(|o| o.confident_wrong).map(|o| o.name.as_str()).collect();
    let false_alarms: Vec<&str> = outcomes.iter().filter(|o| o.confident_false_alarm).map(|o| o.name.as_str()).collect();
    eprintln!("{right}/{} right and in time; confidently wrong: {}; confident false alarms: {}", outcomes.len(), confident_wrong.len(), false_alarms.len());
    assert!(right >= RIGHT_AT_LEAST, "only {right} right (floor {RIGHT_AT_LEAST})");
    assert!(confident_wrong.len() <= CONFIDENT_WRONG_AT_MOST, "confidently wrong: {confident_wrong:?} (at most {CONFIDENT_WRONG_AT_MOST})");
    assert!(false_alarms.len() <= CONFIDENT_FALSE_ALARMS_AT_MOST, "confident false alarms: {false_alarms:?} (at most {CONFIDENT_FALSE_ALARMS_AT_MOST})");
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
