//! The Sync Module 2 shows its state with two lights side by side (Blink's "Using Sync Module 2"
//! chart): the camera reading reports the second light, and the diagnosis reads the pair. On a
//! camera (one light) a second light in view says nothing about the camera.
use blink_doctor::diagnose::{diagnose, Inputs};
use blink_doctor::kb::{validate, Kb};
use blink_doctor::led::{LedColour, LedEvidence, OtherLight, PatternKind};

fn reading(pattern: PatternKind, colour: LedColour, also: Option<(PatternKind, LedColour)>) -> LedEvidence {
    LedEvidence {
        pattern,
        colour: Some(colour),
        flash_count: if pattern == PatternKind::Blinking { 4 } else { 0 },
        preceded_by: None,
        period_s: (pattern == PatternKind::Blinking).then_some(1.0),
        duty: (pattern == PatternKind::Blinking).then_some(0.5),
        observed_s: 6.0,
        confidence: 0.9,
        also: also.into_iter().map(|(pattern, colour)| OtherLight { pattern, colour, period_s: None }).collect(),
    }
}

fn top(model: &str, led: LedEvidence) -> (String, f64) {
    let d = diagnose(Kb::builtin(), &Inputs { model: model.into(), led: Some(led), ..Default::default() }).expect("known model");
    let t = d.top().expect("a cause");
    (t.cause_id.clone(), t.probability)
}

#[test]
fn each_sync_module_state_is_read_from_its_two_lights() {
    use LedColour::*;
    use PatternKind::*;
    let table = [
        (Steady, Blue, Option::None, "sync-starting"),
        (Blinking, Blue, Some((Steady, Green)), "sync-pairing"),
        (Blinking, Green, Some((Steady, Blue)), "sync-reconnecting"),
        (Steady, Red, Option::None, "sync-cannot-connect"),
        (Steady, Blue, Some((Steady, Green)), "sync-online"),
        // Either light may be the one read first.
        (Steady, Green, Some((Steady, Blue)), "sync-online"),
        (Steady, Green, Some((Blinking, Blue)), "sync-pairing"),
        (Steady, Blue, Some((Blinking, Green)), "sync-reconnecting"),
    ];
    for (pattern, colour, also, want) in table {
        let (got, p) = top("sync-module-2", reading(pattern, colour, also));
        assert_eq!(got, want, "{pattern:?} {colour:?} with {also:?}: {got} at {p:.2}");
        assert!(p > 0.5, "{pattern:?} {colour:?} with {also:?}: {want} only {p:.2}");
    }
}

#[test]
fn a_second_light_does_not_change_a_cameras_diagnosis() {
    for model in ["mini", "outdoor", "video-doorbell"] {
        let alone = top(model, reading(PatternKind::Blinking, LedColour::Red, None));
        let with = top(model, reading(PatternKind::Blinking, LedColour::Red, Some((PatternKind::Steady, LedColour::Green))));
        assert_eq!(alone.0, with.0, "{model}");
        assert!((alone.1 - with.1).abs() < 1e-9, "{model}: {alone:?} vs {with:?}");
    }
}

#[test]
fn the_knowledge_base_says_which_models_have_two_lights() {
    let kb = Kb::builtin();
    assert!(validate(kb).is_empty(), "{:?}", validate(kb));
    let two: Vec<&str> = kb.models.iter().filter(|m| m.lights == 2).map(|m| m.id.as_str()).collect();
    assert_eq!(two, ["sync-module-2"]);
}
