//! Table-driven checks of the diagnosis engine against the seed cases.
use blink_doctor::diagnose::{diagnose, shown, Certainty, Diagnosis, Direction, Evidence, Fit, Inputs, QuestionChoice, Shown};
use blink_doctor::kb::Kb;
use blink_doctor::led::{LedColour, LedEvidence, PatternKind};
use std::collections::BTreeMap;

const CAMERAS: [&str; 6] = ["mini", "video-doorbell", "outdoor", "indoor", "xt", "xt2"];
const SEED_CAUSES: [&str; 5] = ["no-internet", "setup", "motion", "low-battery", "unknown"];

fn reading(pattern: PatternKind, colour: Option<LedColour>, count: u32, after: Option<LedColour>) -> LedEvidence {
    LedEvidence {
        pattern,
        colour,
        flash_count: count,
        preceded_by: after,
        period_s: (pattern == PatternKind::Blinking).then_some(1.0),
        duty: (pattern == PatternKind::Blinking).then_some(0.5),
        observed_s: 8.0,
        confidence: 0.9,
        also: Vec::new(),
    }
}

/// What the camera sees for each seed cause (the seed article's descriptions).
fn seed_reading(cause: &str) -> LedEvidence {
    use LedColour::*;
    use PatternKind::*;
    match cause {
        "no-internet" | "setup" | "unknown" => reading(Blinking, Some(Red), 0, Option::None),
        "motion" => reading(Flash, Some(Red), 1, Option::None),
        "low-battery" => reading(Burst, Some(Red), 6, Some(Blue)),
        other => panic!("no seed reading for {other}"),
    }
}

fn run(model: &str, led: Option<LedEvidence>, answers: &BTreeMap<String, String>) -> Diagnosis {
    let inputs = Inputs { model: model.into(), led, answers: answers.clone(), ..Default::default() };
    diagnose(Kb::builtin(), &inputs).expect("known model")
}

/// The answer a person whose camera has `cause` most likely gives (among those offered on the
/// seed cameras; every seed cause's typical answer is offered on every model it applies to).
fn typical_answer(question: &str, cause: &str) -> String {
    let q = Kb::builtin().question(question).expect("question exists");
    let row = q.likelihoods(cause);
    let best = (0..row.len()).max_by(|&a, &b| row[a].total_cmp(&row[b])).expect("answers");
    q.answers[best].id.clone()
}

/// The questions asked on a model.
fn questions_on(model: &str) -> Vec<&'static blink_doctor::kb::Question> {
    let kb = Kb::builtin();
    let m = kb.model(model).expect("model");
    kb.questions.iter().filter(|q| q.fits(m)).collect()
}

/// Camera evidence alone. The camera cannot tell setup or a glitch from lost internet (all blink
/// red), and on the doorbell the official chart reads blinking red as pairing mode (setup).
#[test]
fn camera_evidence_alone_gives_the_expected_top_cause() {
    let kb = Kb::builtin();
    for cause in SEED_CAUSES {
        for model in CAMERAS {
            if !kb.cause(cause).expect("cause").applies_to(model) {
                continue;
            }
            let expected = match (cause, model) {
                ("no-internet" | "setup" | "unknown", "video-doorbell") => "setup",
                ("setup" | "unknown", _) => "no-internet",
                (c, _) => c,
            };
            let d = run(model, Some(seed_reading(cause)), &BTreeMap::new());
            assert_eq!(d.top().map(|t| t.cause_id.as_str()), Some(expected), "{cause} on {model}: {:?}", d.ranked);
        }
    }
}

#[test]
fn five_red_flashes_after_blue_are_low_battery_too() {
    for model in ["outdoor", "indoor", "xt", "xt2"] {
        let d = run(model, Some(reading(PatternKind::Burst, Some(LedColour::Red), 5, Some(LedColour::Blue))), &BTreeMap::new());
        assert_eq!(d.top().expect("ranked").cause_id, "low-battery");
        assert!(d.top().expect("ranked").probability > 0.8, "{:?}", d.ranked);
    }
}

#[test]
fn official_doorbell_and_sync_module_states() {
    use LedColour::*;
    use PatternKind::*;
    let table = [
        ("video-doorbell", reading(Steady, Some(Red), 0, Option::None), "doorbell-setup-failed"),
        ("video-doorbell", reading(Blinking, Some(Blue), 0, Option::None), "doorbell-button-pressed"),
        ("video-doorbell", reading(None, Option::None, 0, Option::None), "doorbell-online"),
        ("sync-module-2", reading(Steady, Some(Red), 0, Option::None), "sync-cannot-connect"),
        ("sync-module-2", reading(Blinking, Some(Green), 0, Option::None), "sync-reconnecting"),
        ("sync-module-2", reading(Blinking, Some(Blue), 0, Option::None), "sync-pairing"),
        ("sync-module-2", reading(Steady, Some(Blue), 0, Option::None), "sync-starting"),
    ];
    for (model, ev, expected) in table {
        let d = run(model, Some(ev.clone()), &BTreeMap::new());
        assert_eq!(d.top().expect("ranked").cause_id, expected, "{model} {ev:?}");
    }
}

/// Answers alone: a person answering every question as their cause suggests gets that cause.
#[test]
fn answers_alone_give_the_expected_top_cause() {
    let kb = Kb::builtin();
    for cause in SEED_CAUSES {
        for model in CAMERAS {
            if !kb.cause(cause).expect("cause").applies_to(model) {
                continue;
            }
            let answers: BTreeMap<String, String> =
                questions_on(model).iter().map(|q| (q.id.clone(), typical_answer(&q.id, cause))).collect();
            let d = run(model, None, &answers);
            assert!(d.ignored.is_empty(), "{model}: {:?}", d.ignored);
            assert_eq!(d.top().expect("ranked").cause_id, cause, "{model}: {:?}", d.ranked);
        }
    }
}

/// The engine's own questions, answered as the cause suggests, reach 0.8 confidence in the right
/// cause within 3 questions after the reading on every seed case. The reading is the camera's, or
/// without a camera the reading by eye ("what does the light do?"), which the engine then asks
/// first and which is not counted.
#[test]
fn at_most_three_questions_after_the_reading_reach_080_on_every_seed_case() {
    let kb = Kb::builtin();
    let mut failures = Vec::new();
    for with_camera in [true, false] {
        for cause in SEED_CAUSES {
            for model in CAMERAS {
                if !kb.cause(cause).expect("cause").applies_to(model) {
                    continue;
                }
                let by_eye = questions_on(model).into_iter().find(|q| q.reading_by_eye).expect("a reading-by-eye question");
                let led = with_camera.then(|| seed_reading(cause));
                let mut answers = BTreeMap::new();
                let mut d = run(model, led.clone(), &answers);
                if !with_camera {
                    assert_eq!(d.next.question_id(), Some(by_eye.id.as_str()), "{cause} on {model}: reading by eye first");
                    answers.insert(by_eye.id.clone(), typical_answer(&by_eye.id, cause));
                    d = run(model, led.clone(), &answers);
                }
                let mut asked = Vec::new();
                while d.top().expect("ranked").probability < 0.8 && asked.len() < 3 {
                    let QuestionChoice::Ask(q) = &d.next else { break };
                    assert!(with_camera || q.question_id != by_eye.id);
                    asked.push(q.question_id.clone());
                    answers.insert(q.question_id.clone(), typical_answer(&q.question_id, cause));
                    d = run(model, led.clone(), &answers);
                }
                let top = d.top().expect("ranked");
                if !(top.cause_id == cause && top.probability >= 0.8) {
                    failures.push(format!(
                        "{cause} on {model} (camera: {with_camera}) after {asked:?}: {:?}",
                        d.ranked.iter().map(|r| (&r.cause_id, (r.probability * 100.0).round())).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn not_applicable_causes_never_appear() {
    let kb = Kb::builtin();
    for model in kb.models.iter().map(|m| m.id.as_str()) {
        for ev in [None, Some(seed_reading("low-battery")), Some(seed_reading("motion"))] {
            let d = run(model, ev, &BTreeMap::new());
            for r in &d.ranked {
                assert!(kb.cause(&r.cause_id).expect("cause").applies_to(model), "{} offered for {model}", r.cause_id);
            }
            assert_eq!(d.ranked.len(), kb.causes_for(model).len());
        }
    }
    let mini = run("mini", Some(seed_reading("low-battery")), &BTreeMap::new());
    assert!(mini.ranked.iter().all(|r| r.cause_id != "low-battery" && r.cause_id != "motion"));
}

#[test]
fn probabilities_sum_to_one_and_are_sorted() {
    let kb = Kb::builtin();
    for model in kb.models.iter().map(|m| m.id.as_str()) {
        for cause in SEED_CAUSES {
            let answers: BTreeMap<String, String> =
                questions_on(model).iter().take(3).map(|q| (q.id.clone(), typical_answer(&q.id, cause))).collect();
            let d = run(model, Some(seed_reading(cause)), &answers);
            let sum: f64 = d.ranked.iter().map(|r| r.probability).sum();
            assert!((sum - 1.0).abs() < 1e-9, "{model}: sum {sum}");
            assert!(d.ranked.windows(2).all(|w| w[0].probability >= w[1].probability));
            assert!(d.ranked.iter().all(|r| r.probability.is_finite() && r.probability >= 0.0));
        }
    }
}

/// Adding an answer that fits a cause at least as well as any other cause never lowers it.
#[test]
fn supporting_evidence_never_lowers_a_cause() {
    let kb = Kb::builtin();
    for model in kb.models.iter().map(|m| m.id.as_str()) {
        let causes = kb.causes_for(model);
        let m = kb.model(model).expect("model");
        for q in questions_on(model) {
            for a in q.answers_on(m) {
                let best = causes.iter().filter_map(|c| q.likelihood_on(&c.id, a, m)).fold(0.0, f64::max);
                let before = run(model, None, &BTreeMap::new());
                let mut answers = BTreeMap::new();
                answers.insert(q.id.clone(), q.answers[a].id.clone());
                let after = run(model, None, &answers);
                for c in causes.iter().filter(|c| q.likelihood_on(&c.id, a, m) >= Some(best)) {
                    let p = |d: &Diagnosis| d.ranked.iter().find(|r| r.cause_id == c.id).expect("ranked").probability;
                    assert!(p(&after) >= p(&before) - 1e-12, "{model} {}={} lowered {}", q.id, q.answers[a].id, c.id);
                }
            }
        }
    }
    // The same for camera readings: a matching signature raises its cause.
    for model in ["outdoor", "xt2"] {
        let before = run(model, None, &BTreeMap::new());
        let after = run(model, Some(seed_reading("low-battery")), &BTreeMap::new());
        let p = |d: &Diagnosis| d.ranked.iter().find(|r| r.cause_id == "low-battery").expect("ranked").probability;
        assert!(p(&after) > p(&before));
    }
}

#[test]
fn no_evidence_ranks_by_priors_and_says_what_to_check() {
    let d = run("outdoor", None, &BTreeMap::new());
    assert_eq!(d.top().expect("ranked").cause_id, "no-internet");
    assert!(matches!(d.next, QuestionChoice::Ask(_)));
    // No reading: each cause says what to look for, pointing neither way.
    for r in &d.ranked {
        assert!(matches!(&r.evidence[0], Evidence::LookFor { signatures, .. } if !signatures.is_empty()), "{:?}", r.evidence);
        assert_eq!(r.evidence[0].direction(), Direction::Neutral);
    }
    assert_eq!(d.certainty, Certainty::NoEvidence, "no verdict before any answer");
}

fn reading_evidence<'a>(d: &'a Diagnosis, cause: &str) -> &'a Evidence {
    &d.ranked.iter().find(|r| r.cause_id == cause).expect("ranked").evidence[0]
}

#[test]
fn evidence_names_its_direction_and_the_typical_look() {
    let kb = Kb::builtin();
    let d = run("outdoor", Some(seed_reading("low-battery")), &BTreeMap::new());
    assert!(matches!(reading_evidence(&d, "low-battery"), Evidence::Reading { direction: Direction::For, fit: Fit::Matches, .. }));
    assert_eq!(reading_evidence(&d, "no-internet").direction(), Direction::Against);
    // When nothing matches, the evidence names the cause's most typical look, not a rare one.
    let none = reading(PatternKind::None, Option::None, 0, Option::None);
    let d = run("outdoor", Some(none), &BTreeMap::new());
    let Evidence::Reading { direction, typical: Some(t), .. } = reading_evidence(&d, "no-internet") else { panic!("no typical look") };
    assert_eq!(*direction, Direction::Against);
    assert_eq!(kb.cause("no-internet").expect("cause").signatures[*t].pattern, PatternKind::Blinking);
}

/// Issue 13, item 2: after a lone red flash, "Low batteries" must not be marked as fitting, and a
/// cause the flash counts against must not be told "that is what it looks like" without a but.
#[test]
fn a_lone_red_flash_points_the_right_way_for_every_cause() {
    let kb = Kb::builtin();
    let d = run("outdoor", Some(seed_reading("motion")), &BTreeMap::new());
    assert_eq!(reading_evidence(&d, "motion").direction(), Direction::For);
    // A lone flash is at best part of a burst: it must not count as fitting low batteries.
    assert_ne!(reading_evidence(&d, "low-battery").direction(), Direction::For);
    let Evidence::Reading { direction, matched, typical, .. } = reading_evidence(&d, "no-internet") else { panic!() };
    assert_eq!(*direction, Direction::Against);
    // It can look like this (a rare look), but it usually blinks: both facts are there for the words.
    assert!(matched.is_some() && matched != typical);
    // Sign and ranking agree: every cause the reading points against ends below one it points for.
    let p = |id: &str| d.ranked.iter().find(|r| r.cause_id == id).expect("ranked").probability;
    for r in &d.ranked {
        let dir = r.evidence[0].direction();
        for s in &d.ranked {
            if dir == Direction::For && s.evidence[0].direction() == Direction::Against {
                assert!(p(&r.cause_id) > p(&s.cause_id), "{} (for) below {} (against)", r.cause_id, s.cause_id);
            }
        }
    }
    let _ = kb;
}

#[test]
fn answers_point_the_way_their_tables_say_and_name_the_typical_answer() {
    let mut answers = BTreeMap::new();
    answers.insert("setting-up".to_string(), "no".to_string());
    let d = run("outdoor", Some(seed_reading("no-internet")), &answers);
    let of = |id: &str| d.ranked.iter().find(|r| r.cause_id == id).expect("ranked").evidence.clone();
    let setup = of("setup");
    let Some(Evidence::Answer { direction, typical, .. }) = setup.iter().find(|e| matches!(e, Evidence::Answer { .. })) else { panic!("{setup:?}") };
    assert_eq!(*direction, Direction::Against);
    assert_eq!(typical.as_deref(), Some("yes-recent"));
    // Most causes come with "no" to setting up: for no internet it says little either way.
    let internet = of("no-internet");
    assert!(internet.iter().any(|e| matches!(e, Evidence::Answer { direction: Direction::Neutral, typical: None, .. })), "{internet:?}");
}

/// Issue 13, item 5: no verdict is shown as certain, and "more questions would not change it" only
/// when the top is clear and no answer left could change it.
#[test]
fn shown_percentages_are_capped_and_clear_means_clear() {
    assert_eq!(shown(1.0), Shown::Over(90));
    assert_eq!(shown(0.999), Shown::Over(90));
    assert_eq!(shown(0.9), Shown::Percent(90));
    assert_eq!(shown(0.534), Shown::Percent(53));
    assert_eq!(shown(0.001), Shown::UnderOne);
    assert_eq!(shown(f64::NAN), Shown::UnderOne);
    let kb = Kb::builtin();
    for model in kb.models.iter().map(|m| m.id.as_str()) {
        for cause in kb.causes_for(model) {
            let mut inputs = Inputs { model: model.into(), ..Default::default() };
            for _ in 0..10 {
                let d = diagnose(kb, &inputs).expect("diagnosis");
                let top = d.top().expect("ranked");
                if d.certainty == Certainty::Clear {
                    assert!(top.probability >= 0.8, "{model}/{}: clear at {}", cause.id, top.probability);
                    let second = d.ranked.get(1).map(|r| r.probability).unwrap_or(0.0);
                    assert!(top.probability - second > 0.5, "{model}: clear at {} vs {}", top.probability, second);
                }
                let QuestionChoice::Ask(q) = &d.next else { break };
                let question = kb.question(&q.question_id).expect("question");
                let m = kb.model(model).expect("model");
                let best = question.answers_on(m).into_iter().max_by(|&a, &b| question.likelihood_on(&cause.id, a, m).unwrap_or(0.0).total_cmp(&question.likelihood_on(&cause.id, b, m).unwrap_or(0.0))).expect("answers");
                inputs.answers.insert(q.question_id.clone(), question.answers[best].id.clone());
            }
        }
    }
}

/// The doorbell's blinking red at 53 % vs 44 % is no clear verdict.
#[test]
fn a_close_race_is_never_called_clear() {
    let d = run("video-doorbell", Some(seed_reading("no-internet")), &BTreeMap::new());
    let (a, b) = (d.ranked[0].probability, d.ranked[1].probability);
    assert!(a - b < 0.3, "{a} vs {b}");
    assert_ne!(d.certainty, Certainty::Clear);
}

#[test]
fn the_light_question_is_not_asked_when_the_camera_has_read_the_led() {
    let d = run("outdoor", Some(seed_reading("no-internet")), &BTreeMap::new());
    assert_ne!(d.next.question_id(), Some("light"));
}

#[test]
fn a_confident_verdict_stops_asking() {
    let kb = Kb::builtin();
    let answers: BTreeMap<String, String> =
        questions_on("outdoor").iter().map(|q| (q.id.clone(), typical_answer(&q.id, "low-battery"))).collect();
    let d = run("outdoor", Some(seed_reading("low-battery")), &answers);
    assert_eq!(d.next, QuestionChoice::Settled);
    assert_eq!(d.certainty, Certainty::Clear);
    let _ = kb;
}

#[test]
fn unknown_model_and_unknown_answers_are_reported() {
    let kb = Kb::builtin();
    assert!(diagnose(kb, &Inputs { model: "mini-9".into(), ..Default::default() }).is_err());
    let mut answers = BTreeMap::new();
    answers.insert("nope".to_string(), "yes".to_string());
    answers.insert("motion".to_string(), "perhaps".to_string());
    let d = run("outdoor", None, &answers);
    assert_eq!(d.ignored.len(), 2);
}

#[test]
fn a_zero_confidence_reading_changes_nothing() {
    let mut ev = seed_reading("low-battery");
    ev.confidence = 0.0;
    let a = run("outdoor", Some(ev), &BTreeMap::new());
    let b = run("outdoor", None, &BTreeMap::new());
    for (x, y) in a.ranked.iter().zip(&b.ranked) {
        assert_eq!(x.cause_id, y.cause_id);
        assert!((x.probability - y.probability).abs() < 1e-12);
    }
}

#[test]
fn nothing_seen_on_a_camera_reads_as_not_flashing_and_on_the_doorbell_as_online() {
    let none = reading(PatternKind::None, Option::None, 0, Option::None);
    for (model, expected) in [("mini", "not-flashing"), ("outdoor", "not-flashing"), ("xt2", "not-flashing"), ("video-doorbell", "doorbell-online")] {
        let d = run(model, Some(none.clone()), &BTreeMap::new());
        assert_eq!(d.top().expect("ranked").cause_id, expected, "{model}");
    }
}

#[test]
fn skipped_questions_are_not_offered_again() {
    let kb = Kb::builtin();
    let mut inputs = Inputs { model: "outdoor".into(), ..Default::default() };
    let mut seen = Vec::new();
    while let QuestionChoice::Ask(q) = diagnose(kb, &inputs).expect("diagnosis").next {
        assert!(!seen.contains(&q.question_id), "{} offered twice", q.question_id);
        seen.push(q.question_id.clone());
        inputs.skipped.insert(q.question_id);
    }
    assert!(seen.len() >= 3);
}

/// Issue 13, item 3: questions that do not fit the device are never asked, and their answers
/// do not count.
#[test]
fn questions_that_do_not_fit_the_device_are_never_asked() {
    let kb = Kb::builtin();
    for model in kb.models.iter() {
        let mut inputs = Inputs { model: model.id.clone(), ..Default::default() };
        while let QuestionChoice::Ask(q) = diagnose(kb, &inputs).expect("diagnosis").next {
            let question = kb.question(&q.question_id).expect("question");
            assert!(question.fits(model), "{} asked {}", model.id, q.question_id);
            inputs.skipped.insert(q.question_id);
        }
    }
    let first = run("sync-module-2", None, &BTreeMap::new());
    assert_eq!(first.next.question_id(), Some("light-sync"));
    let mut answers = BTreeMap::new();
    answers.insert("batteries-age".to_string(), "long-ago".to_string());
    answers.insert("light".to_string(), "burst-after-blue".to_string());
    let d = run("mini", None, &answers);
    assert_eq!(d.ignored.len(), 2, "{:?}", d.ignored);
}

/// Walkthrough defect 1: on a low-battery result the first follow-up question told the likely
/// causes apart by nothing (the router, 0.02 bits), because every question "keeps" a confident
/// verdict whose answers change little. Once the top cause is confident the question that best
/// tells the remaining causes apart comes first, and a question the reading already answers
/// (flashes right after the blue light) is not asked. Table: (model, reading, answers, the first
/// question asked, questions never asked first).
#[test]
fn a_low_battery_result_asks_first_what_tells_the_likely_causes_apart() {
    use LedColour::*;
    use PatternKind::*;
    let burst = |n: u32, after: Option<LedColour>| reading(Burst, Some(Red), n, after);
    let by_eye = [("light", "burst-after-blue")];
    let table: Vec<(&str, Option<LedEvidence>, &[(&str, &str)], &str)> = vec![
        ("outdoor", Some(burst(6, Some(Blue))), &[], "duration"),
        ("xt2", Some(burst(5, Some(Blue))), &[], "duration"),
        // The camera missed the blue light: the leader is not confident yet, so the question most
        // likely to settle it comes first (does the internet work: it rules the runner-up, no
        // internet, in or out); whether the flashes follow the blue light is still asked.
        ("outdoor", Some(burst(6, Option::None)), &[], "internet-ok"),
        ("indoor", Option::None, &by_eye, "duration"),
    ];
    let kb = Kb::builtin();
    for (model, led, given, first) in table {
        let answers: BTreeMap<String, String> = given.iter().map(|(q, a)| (q.to_string(), a.to_string())).collect();
        let d = run(model, led.clone(), &answers);
        assert_eq!(d.top().expect("ranked").cause_id, "low-battery", "{model} {led:?}");
        let QuestionChoice::Ask(q) = &d.next else { panic!("{model}: nothing asked") };
        assert_eq!(q.question_id, first, "{model} {led:?} {given:?}");
        assert!(q.can_change_top || q.gain_bits > 0.1, "{model}: {q:?} tells the causes apart");
        // Asked in turn, the questions never include the router first nor what the reading said.
        let mut inputs = Inputs { model: model.into(), led: led.clone(), answers: answers.clone(), ..Default::default() };
        let mut order = Vec::new();
        while let QuestionChoice::Ask(q) = diagnose(kb, &inputs).expect("diagnosis").next {
            order.push(q.question_id.clone());
            inputs.skipped.insert(q.question_id);
        }
        assert_ne!(order.first().map(String::as_str), Some("router-restarted"), "{model}: {order:?}");
        let told = led.as_ref().is_some_and(|e| e.preceded_by == Some(Blue)) || !given.is_empty();
        assert_eq!(order.contains(&"after-recording".to_string()), !told, "{model} {led:?}: {order:?}");
    }
}

/// Once the top cause is confident, the question asked is the open one with the largest expected
/// information gain: the one that best tells the remaining causes apart.
#[test]
fn a_confident_leader_is_checked_with_the_most_telling_question() {
    let kb = Kb::builtin();
    for cause in SEED_CAUSES {
        for model in CAMERAS {
            if !kb.cause(cause).expect("cause").applies_to(model) {
                continue;
            }
            let mut inputs = Inputs { model: model.into(), led: Some(seed_reading(cause)), ..Default::default() };
            loop {
                let d = diagnose(kb, &inputs).expect("diagnosis");
                let QuestionChoice::Ask(q) = &d.next else { break };
                if d.top().expect("ranked").probability >= blink_doctor::diagnose::CONFIDENT {
                    // Every other open question, asked instead, would tell less.
                    let mut others = inputs.clone();
                    others.skipped.insert(q.question_id.clone());
                    if let QuestionChoice::Ask(o) = diagnose(kb, &others).expect("diagnosis").next {
                        assert!(o.gain_bits <= q.gain_bits + 1e-9, "{cause} on {model}: {} ({}) before {} ({})", q.question_id, q.gain_bits, o.question_id, o.gain_bits);
                    }
                }
                inputs.skipped.insert(q.question_id.clone());
            }
        }
    }
}
