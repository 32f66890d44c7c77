//! The knowledge base loads, validates, and says exactly what the sources say about which cause
//! applies to which model.
use blink_doctor::kb::{validate, Kb};

const CAMERAS: [&str; 6] = ["mini", "video-doorbell", "outdoor", "indoor", "xt", "xt2"];

#[test]
fn builtin_kb_loads_and_validates() {
    let kb = Kb::builtin();
    assert_eq!(validate(kb), Vec::<String>::new());
    // The shipped encoding round-trips through the validating loader, and so does JSON.
    let bytes = postcard::to_allocvec(kb).expect("encodes");
    assert_eq!(Kb::from_postcard(&bytes).expect("decodes").causes.len(), kb.causes.len());
    let json = serde_json::to_string(kb).expect("serialises");
    assert_eq!(Kb::from_json(&json).expect("parses").models.len(), kb.models.len());
}

#[test]
fn every_required_model_is_present_with_a_reset() {
    let kb = Kb::builtin();
    for id in CAMERAS.iter().chain(["sync-module-2"].iter()) {
        let model = kb.model(id).unwrap_or_else(|| panic!("model {id} missing"));
        assert!(!model.name.is_empty());
        let resets = kb.resets_for(id);
        assert!(!resets.is_empty() && resets.iter().all(|r| !r.steps.is_empty()), "{id} has no reset steps");
    }
}

#[test]
fn doorbell_soft_reset_comes_before_factory_reset() {
    let kb = Kb::builtin();
    let ids: Vec<&str> = kb.resets_for("video-doorbell").iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["soft", "factory"]);
}

/// Applicability straight from the seed article's "Applicable to" lines and the official charts.
#[test]
fn cause_applicability_matches_the_sources() {
    let battery = ["outdoor", "indoor", "xt", "xt2"];
    let table: &[(&str, &[&str])] = &[
        ("no-internet", &CAMERAS),
        ("setup", &CAMERAS),
        ("unknown", &CAMERAS),
        ("motion", &battery),
        ("low-battery", &battery),
        ("doorbell-setup-failed", &["video-doorbell"]),
        ("sync-cannot-connect", &["sync-module-2"]),
    ];
    let kb = Kb::builtin();
    for (cause, models) in table {
        let c = kb.cause(cause).unwrap_or_else(|| panic!("cause {cause} missing"));
        let mut got: Vec<&str> = c.models.iter().map(String::as_str).collect();
        let mut want = models.to_vec();
        got.sort();
        want.sort();
        assert_eq!(got, want, "models of {cause}");
    }
}

#[test]
fn every_fact_names_a_known_source() {
    // validate() checks the references; this asserts no source id is unused dead weight either.
    let kb = Kb::builtin();
    let json = serde_json::to_string(kb).expect("serialises");
    for s in &kb.sources {
        assert!(json.matches(&format!("\"{}\"", s.id)).count() >= 2, "source {} is never cited", s.id);
    }
}

#[test]
fn battery_cameras_fix_for_unknown_expands_the_reset_with_a_5_second_hold() {
    let kb = Kb::builtin();
    for model in ["outdoor", "indoor", "xt", "xt2", "mini"] {
        let steps = kb.fix_steps("unknown", model);
        assert!(steps.iter().any(|s| s.timer.is_some_and(|t| t.seconds == 5)), "{model}: no 5 s hold");
        assert!(steps.iter().any(|s| s.heading.is_some()), "{model}: reset has no heading");
        assert!(steps.iter().all(|s| !s.reset), "{model}: unexpanded reset marker");
    }
}

/// Broken files are caught with a reason, not accepted.
#[test]
fn validation_catches_editor_mistakes() {
    let good = serde_json::to_value(Kb::builtin()).expect("serialises");
    let cases: &[(&str, fn(&mut serde_json::Value))] = &[
        ("appears twice", |v| {
            let first = v["model"][0].clone();
            v["model"].as_array_mut().unwrap().push(first);
        }),
        ("unknown model", |v| v["cause"][0]["models"].as_array_mut().unwrap().push("mini-9".into())),
        ("is not a [[source]]", |v| v["cause"][0]["source"] = "nowhere".into()),
        ("summing to 1", |v| v["question"][0]["default"][0] = 0.9.into()),
        ("sum to at most 1", |v| v["cause"][0]["signatures"][0]["weight"] = 0.99.into()),
        ("has no reset procedure", |v| {
            v["reset_procedure"].as_array_mut().unwrap().clear();
        }),
        ("kebab-case", |v| v["cause"][1]["id"] = "No Internet".into()),
        ("only one question can be the reading by eye", |v| v["question"][1]["reading_by_eye"] = true.into()),
    ];
    for (expected, break_it) in cases {
        let mut v = good.clone();
        break_it(&mut v);
        match Kb::from_json(&v.to_string()) {
            Ok(_) => panic!("accepted a KB with '{expected}'"),
            Err(e) => assert!(e.to_string().contains(expected), "expected '{expected}' in: {e}"),
        }
    }
}
