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

/// The reader is told how many lights the model has: on the Sync Module it reports the second
/// light beside the first; told the device has one light, it looks for none (on a camera a light
/// beside the status light is a lamp or a reflection, and waiting for it only delays the reading).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_reader_reports_a_second_light_only_on_a_device_that_has_two() {
    use blink_doctor::signal::{Frame, LedReader, ReaderOptions, Status};
    use blink_doctor::synth::real::real_corpus;
    use blink_doctor::synth::Video;
    let case = real_corpus().into_iter().find(|c| c.name == "sync-offline/night-tnr").expect("the case");
    let read = |options: ReaderOptions| {
        let mut reader = LedReader::with_options(options);
        let (w, h) = case.scene.size();
        case.scene.frames().find_map(|f| match reader.push(&Frame::new(w, h, &f.rgba, f.t_ms)?).status {
            Status::Done(e) => Some(e),
            _ => None,
        })
    };
    let two = read(case.scene.reader_options()).expect("decided");
    assert_eq!(case.scene.reader_options().lights, 2);
    assert_eq!(two.also.len(), 1, "{two:?}");
    let one = read(ReaderOptions { lights: 1, ..case.scene.reader_options() }).expect("decided");
    assert!(one.also.is_empty(), "{one:?}");
    assert_eq!((one.pattern, one.colour), (two.pattern, two.colour));
}
