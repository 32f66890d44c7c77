//! The knowledge base loads, validates, and says exactly what the sources say about which cause
//! applies to which model.
use blink_doctor::kb::{fits, validate, Kb, Power, Then};

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

/// The first wasm module's knowledge base (issue 16): the same models, field for field, without
/// their reset procedures and with nothing else.
#[test]
fn models_only_has_the_builtin_models_without_their_resets() {
    let (full, only) = (Kb::builtin(), Kb::models_only());
    assert_eq!(only.models.len(), full.models.len());
    for (a, b) in full.models.iter().zip(&only.models) {
        let mut a = serde_json::to_value(a).expect("serialises");
        a["reset"] = serde_json::json!([]);
        assert_eq!(a, serde_json::to_value(b).expect("serialises"), "{}", b.id);
    }
    assert!(full.models.iter().any(|m| !m.reset.is_empty()), "some model has its own reset to leave out");
    assert!(only.causes.is_empty() && only.questions.is_empty() && only.reset_procedures.is_empty() && only.sources.is_empty());
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
        assert!(steps.iter().any(|s| s.step.timer.is_some_and(|t| t.seconds == 5)), "{model}: no 5 s hold");
        assert!(steps.iter().all(|s| s.procedure.is_some()), "{model}: a reset step outside its procedure");
        assert!(steps.iter().all(|s| !s.step.reset), "{model}: unexpanded reset marker");
        assert!(steps[0].why.is_some(), "{model}: the reset does not say why");
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
        ("exactly one reading-by-eye question", |v| v["question"][2]["reading_by_eye"] = true.into()),
        ("not a later step", |v| v["cause"][0]["fix"][0]["check"]["answers"][0]["then"] = serde_json::json!({"goto": "nowhere"})),
        ("fits no model", |v| {
            v["question"][2]["models"] = serde_json::json!(["mini"]);
            v["question"][2]["power"] = serde_json::json!(["batteries"]);
        }),
        ("which no model it is asked on has", |v| v["question"][2]["models"] = serde_json::json!(["mini"])),
        ("both fix steps and nothing_to_fix", |v| v["cause"][0]["nothing_to_fix"] = serde_json::json!({"text": "x", "source": "seed-article"})),
        ("no fix step fits model", |v| v["cause"][4]["fix"][0]["power"] = serde_json::json!(["usb"])),
        ("answer(s) on model", |v| {
            for a in v["question"][1]["answers"].as_array_mut().unwrap() {
                a["models"] = serde_json::json!(["xt"]);
            }
        }),
        ("exactly when it runs on batteries", |v| v["model"][0]["batteries"] = "2 AA".into()),
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

/// The texts a person sees for a model: its questions and answers, and the fix steps of its causes.
fn texts_for(kb: &Kb, model: &str) -> Vec<String> {
    let m = kb.model(model).expect("model");
    let mut out = Vec::new();
    for q in kb.questions.iter().filter(|q| q.fits(m)) {
        out.push(q.text.clone());
        out.extend(q.answers_on(m).into_iter().map(|a| q.answers[a].text.clone()));
    }
    for c in kb.causes_for(model) {
        for s in kb.fix_steps(&c.id, model) {
            out.push(s.step.text.clone());
            out.extend(s.why.clone());
            if let Some(check) = &s.step.check {
                out.push(check.question.clone());
                out.extend(check.answers.iter().map(|a| a.text.clone()));
            }
        }
    }
    out
}

/// Issue 13: the Sync Module (a hub) is not asked about a camera, its setup or batteries; a USB
/// model is never told about batteries; battery models never told to unplug.
#[test]
fn questions_answers_and_fix_texts_fit_the_device() {
    let kb = Kb::builtin();
    for m in &kb.models {
        let texts = texts_for(kb, &m.id);
        assert!(!texts.is_empty());
        for t in &texts {
            let lower = t.to_lowercase();
            if m.power == Power::Usb {
                assert!(!lower.contains("batter"), "{} (USB) is shown: {t}", m.id);
            }
            if m.kind == "hub" {
                assert!(!lower.contains("camera"), "{} (not a camera) is shown: {t}", m.id);
            }
        }
    }
    // The Sync Module's reading by eye is about its own two lights, not red camera patterns.
    let sync = kb.model("sync-module-2").expect("model");
    let by_eye = kb.questions.iter().find(|q| q.reading_by_eye && q.fits(sync)).expect("a reading by eye");
    let answers: Vec<&str> = by_eye.answers_on(sync).into_iter().map(|a| by_eye.answers[a].text.as_str()).collect();
    assert!(answers.iter().any(|a| a.contains("green")), "{answers:?}");
    assert!(!answers.iter().any(|a| a.contains("blinking red")), "{answers:?}");
    // The Mini is plugged in: the stuck-firmware fix says unplug, not batteries.
    let mini: Vec<String> = kb.fix_steps("firmware-stuck", "mini").iter().map(|s| s.step.text.clone()).collect();
    assert!(mini.iter().any(|t| t.contains("Unplug the camera")), "{mini:?}");
    let outdoor: Vec<String> = kb.fix_steps("firmware-stuck", "outdoor").iter().map(|s| s.step.text.clone()).collect();
    assert!(outdoor.iter().any(|t| t.contains("batteries out")) && !outdoor.iter().any(|t| t.contains("Unplug the camera")), "{outdoor:?}");
}

/// Issue 13: a check ends the walkthrough only when its answer shows the problem is gone, i.e.
/// the question is about the light itself. "The internet works on another device" goes on.
#[test]
fn only_an_answer_about_the_light_ends_the_walkthrough() {
    let kb = Kb::builtin();
    let all_steps = kb.causes.iter().flat_map(|c| c.fix.iter()).chain(kb.reset_procedures.iter().flat_map(|r| r.steps.iter())).chain(kb.models.iter().flat_map(|m| m.reset.iter().flat_map(|r| r.steps.iter())));
    let mut fixed_checks = 0;
    for s in all_steps {
        let Some(check) = &s.check else { continue };
        for a in check.answers.iter().filter(|a| a.then == Then::Fixed) {
            fixed_checks += 1;
            let q = check.question.to_lowercase();
            assert!(q.contains("light") || q.contains("flash"), "step {}: '{}' ends the walkthrough on '{}'", s.id, check.question, a.text);
        }
    }
    assert!(fixed_checks >= 8);
    let internet = &kb.cause("no-internet").expect("cause").fix[0];
    let works = internet.check.as_ref().and_then(|c| c.answer("works")).expect("the internet check has a 'works' answer");
    assert_ne!(works.then, Then::Fixed);
}

#[test]
fn normal_states_have_nothing_to_fix_and_no_walkthrough() {
    let kb = Kb::builtin();
    for id in ["motion", "not-flashing", "doorbell-online", "doorbell-button-pressed", "sync-online"] {
        let c = kb.cause(id).expect("cause");
        assert!(c.is_normal() && c.fix.is_empty(), "{id}");
    }
    for c in kb.causes.iter().filter(|c| !c.is_normal()) {
        assert!(!c.fix.is_empty(), "{}", c.id);
        assert!(!c.fix.iter().any(|s| s.text.to_lowercase().contains("nothing to fix")), "{}", c.id);
    }
}

#[test]
fn each_model_gets_its_own_reading_by_eye_and_fitting_questions() {
    let kb = Kb::builtin();
    for m in &kb.models {
        assert_eq!(kb.questions.iter().filter(|q| q.reading_by_eye && q.fits(m)).count(), 1, "{}", m.id);
    }
    let mini = kb.model("mini").expect("mini");
    assert!(!kb.question("batteries-age").expect("q").fits(mini));
    assert!(kb.question("just-plugged-in").expect("q").fits(mini));
    let light = kb.question("light").expect("q");
    let offered: Vec<&str> = light.answers_on(mini).into_iter().map(|a| light.answers[a].id.as_str()).collect();
    assert!(!offered.contains(&"burst-after-blue"), "{offered:?}");
    // Renormalised over what is offered: the Mini's rows still sum to 1.
    for c in kb.causes_for("mini") {
        let sum: f64 = light.answers_on(mini).into_iter().filter_map(|a| light.likelihood_on(&c.id, a, mini)).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{}: {sum}", c.id);
    }
    assert!(fits(&[], &[Power::Batteries], kb.model("xt2").expect("xt2")));
}

#[test]
fn battery_cameras_are_handled_alike_and_say_so() {
    let kb = Kb::builtin();
    let alike: Vec<&str> = kb.handled_alike("xt").iter().map(|m| m.id.as_str()).collect();
    assert_eq!(alike, ["outdoor", "indoor", "xt", "xt2"]);
    assert_eq!(kb.handled_alike("mini").len(), 1);
    // The doorbell's reset button is elsewhere: it is not one of them.
    assert_eq!(kb.handled_alike("video-doorbell").len(), 1);
    // The first screens group the models from their copy without causes or procedures: the
    // same groups.
    for m in &kb.models {
        let first: Vec<&str> = Kb::models_only().handled_alike(&m.id).iter().map(|m| m.id.as_str()).collect();
        let whole: Vec<&str> = kb.handled_alike(&m.id).iter().map(|m| m.id.as_str()).collect();
        assert_eq!(first, whole, "{}", m.id);
    }
    for m in &kb.models {
        assert!(!m.looks.text.is_empty() && kb.source(&m.looks.source).is_some(), "{}", m.id);
    }
}

#[test]
fn the_reader_is_told_which_colours_lead_into_a_burst_and_how_many_lights_each_model_has() {
    use blink_doctor::led::LedColour::Blue;
    use blink_doctor::signal::ReaderOptions;
    let kb = Kb::builtin();
    // The battery cameras' low batteries: red flashes right after the blue recording light.
    for id in ["outdoor", "indoor", "xt", "xt2"] {
        assert_eq!(kb.reader_options(id), ReaderOptions { lead_in: vec![Blue], lights: 1 }, "{id}");
    }
    // Nothing leads into a burst on the others: a steady blue there is steady after 3 s, not 8 s.
    for id in ["mini", "video-doorbell"] {
        assert_eq!(kb.reader_options(id), ReaderOptions { lead_in: vec![], lights: 1 }, "{id}");
    }
    // The Sync Module's blue and green lights side by side are read together.
    assert_eq!(kb.reader_options("sync-module-2"), ReaderOptions { lead_in: vec![], lights: 2 });
    assert_eq!(kb.reader_options("mini-9000"), ReaderOptions::default());
}
