//! The checks kept on the phone and the report (issue 14), natively: a record from a session, its
//! stored line (round trip, versions, damage), reading many of them back, the repeat rule, the
//! calendar, the checks screen's URL, and the report's text.
use blink_doctor::diagnose::history::{self, id_of_key, oldest_except, overflow, read_all, repeat_of, stamp, storable, MAX_KEPT};
use blink_doctor::diagnose::{diagnose, Action, Outcome, Record, Route, Screen, Session, Stamp, Taken};
use blink_doctor::kb::Kb;
use blink_doctor::led::{LedColour, LedEvidence, OtherLight, PatternKind};
use blink_doctor::words;

fn kb() -> &'static Kb {
    Kb::builtin()
}

const DAY: u64 = 86_400_000;
/// 1 Dec 2026, 12:00 UTC.
const T0: u64 = 1_796_126_400_000;

fn burst() -> LedEvidence {
    LedEvidence {
        pattern: PatternKind::Burst,
        colour: Some(LedColour::Red),
        flash_count: 6,
        preceded_by: Some(LedColour::Blue),
        period_s: None,
        duty: None,
        observed_s: 12.345,
        confidence: 0.934,
        also: Vec::new(),
    }
}

fn record(id: u64, model: &str, top: &str) -> Record {
    Record {
        id,
        utc_offset_min: 60,
        model: model.into(),
        led: Some(burst()),
        answers: vec![("batteries-age".into(), "long-ago".into())],
        causes: vec![(top.into(), 912), ("no-internet".into(), 40)],
        steps: Vec::new(),
        outcome: Outcome::Open,
        app: "0.1.0".into(),
    }
}

/// The record of a session as the app makes it.
fn record_of(s: &mut Session, now: u64) -> Record {
    let d = diagnose(kb(), s.inputs()).expect("a diagnosis");
    let id = s.check_id(now).expect("a check with evidence has an id");
    Record::of(kb(), s, &d, id, 60).expect("a record")
}

#[test]
fn records_read_back_as_they_were_written() {
    let mut sync = record(T0 + 1, "sync-module-2", "sync-reconnecting");
    sync.led = Some(LedEvidence {
        pattern: PatternKind::Steady,
        colour: Some(LedColour::Blue),
        flash_count: 0,
        preceded_by: None,
        period_s: None,
        duty: None,
        observed_s: 20.0,
        confidence: 0.5,
        also: vec![OtherLight { pattern: PatternKind::Blinking, colour: LedColour::Green, period_s: Some(1.25) }],
    });
    let mut blinking = record(T0 + 2, "outdoor", "no-internet");
    blinking.led = Some(LedEvidence { pattern: PatternKind::Blinking, colour: Some(LedColour::Red), flash_count: 0, preceded_by: None, period_s: Some(1.0), duty: Some(0.5), observed_s: 8.0, confidence: 0.9, also: Vec::new() });
    let mut answers_only = record(T0 + 3, "mini", "no-internet");
    answers_only.led = None;
    answers_only.utc_offset_min = -330;
    let mut walked = record(T0 + 4, "outdoor", "no-internet");
    walked.steps = vec![
        Taken { cause: "no-internet".into(), key: "no-internet/check-internet".into(), action: Action::Answer("works".into()) },
        Taken { cause: "no-internet".into(), key: "reset/battery-camera-button/open-cover".into(), action: Action::Done },
        Taken { cause: "no-internet".into(), key: "no-internet/x".into(), action: Action::Skip },
        Taken { cause: "no-internet".into(), key: "no-internet/y".into(), action: Action::NextCause },
    ];
    walked.outcome = Outcome::Fixed("no-internet".into());
    let mut support = record(T0 + 5, "xt2", "low-battery");
    support.outcome = Outcome::Support;
    support.answers.clear();
    for r in [record(T0, "xt2", "low-battery"), sync, blinking, answers_only, walked, support] {
        let line = r.encode();
        assert!(line.starts_with("1|"), "versioned: {line}");
        assert!(!line.contains('\n'), "one line: {line}");
        assert_eq!(Record::decode(&line), Some(r.clone()), "{line}");
    }
}

#[test]
fn damaged_or_unknown_lines_are_not_read() {
    let good = record(T0, "xt2", "low-battery").encode();
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("garbage", "{not a record}".into()),
        ("another version", good.replacen("1|", "2|", 1)),
        ("cut short", good[..good.len() / 2].to_string()),
        ("a field more", format!("{good}|extra")),
        ("no model", good.replace("|xt2|", "||")),
        ("id not a number", good.replace(&T0.to_string(), "soon")),
        ("unknown pattern", good.replace("burst,", "zigzag,")),
        ("unknown colour", good.replace(",red,", ",purple,")),
        ("share not a number", good.replace("low-battery=912", "low-battery=lots")),
        ("half an answer", good.replace("batteries-age=long-ago", "batteries-age")),
        ("unknown outcome", good.replace("|open|", "|maybe|")),
        ("fixed without a cause", good.replace("|open|", "|fixed:|")),
    ];
    for (what, line) in cases {
        assert_eq!(Record::decode(&line), None, "{what}: {line}");
    }
    // A step without its action.
    let mut f: Vec<&str> = good.split('|').collect();
    f[7] = "no-internet=no-internet/check-internet";
    assert_eq!(Record::decode(&f.join("|")), None);
}

#[test]
fn reading_back_keeps_every_good_record_newest_first_and_ignores_the_rest() {
    let a = record(T0, "xt2", "low-battery");
    let b = record(T0 + DAY, "mini", "no-internet");
    let c = record(T0 + 2 * DAY, "outdoor", "no-internet");
    let stored = vec![
        (a.key(), a.encode()),
        ("blink-doctor.last-model".to_string(), "xt2".to_string()),
        (format!("{}{}", history::KEY_PREFIX, T0 + 5), "%%% damaged %%%".to_string()),
        (c.key(), c.encode()),
        // A record under another record's key is not trusted.
        (format!("{}{}", history::KEY_PREFIX, T0 + 9), a.encode()),
        (b.key(), b.encode()),
        (format!("{}{}", history::KEY_PREFIX, "x"), b.encode()),
    ];
    let read = read_all(stored);
    assert_eq!(read.iter().map(|r| r.id).collect::<Vec<_>>(), vec![c.id, b.id, a.id]);
    assert_eq!(id_of_key(&a.key()), Some(T0));
    assert_eq!(id_of_key("blink-doctor.session.v2"), None);
}

#[test]
fn the_oldest_checks_make_room() {
    let records: Vec<Record> = (0..MAX_KEPT as u64 + 3).rev().map(|i| record(T0 + i, "xt2", "low-battery")).collect();
    // Saving a new check (not yet stored) keeps MAX_KEPT - 1 others.
    let dropped = overflow(&records, T0 + 1000);
    assert_eq!(dropped, vec![T0 + 3, T0 + 2, T0 + 1, T0]);
    // Saving the newest, already stored, keeps it and MAX_KEPT - 1 others.
    assert_eq!(overflow(&records, T0 + MAX_KEPT as u64 + 2), vec![T0 + 2, T0 + 1, T0]);
    assert!(overflow(&records[..5], T0 + 1000).is_empty());
    assert_eq!(oldest_except(&records, T0 + 9), Some(T0));
    assert_eq!(oldest_except(&records, T0), Some(T0 + 1));
    assert_eq!(oldest_except(&records[..1], records[0].id), None);
}

#[test]
fn the_same_cause_on_the_same_model_within_30_days_is_a_repeat() {
    let now = record(T0 + 40 * DAY, "xt2", "low-battery");
    // (what, earlier record, is it a repeat)
    let cases = [
        ("10 days before", record(T0 + 30 * DAY, "xt2", "low-battery"), true),
        ("exactly 30 days before", record(T0 + 10 * DAY, "xt2", "low-battery"), true),
        ("31 days before", record(T0 + 9 * DAY, "xt2", "low-battery"), false),
        ("another model", record(T0 + 39 * DAY, "xt", "low-battery"), false),
        ("another cause", record(T0 + 39 * DAY, "xt2", "no-internet"), false),
        ("after this check", record(T0 + 41 * DAY, "xt2", "low-battery"), false),
        ("this check itself", now.clone(), false),
    ];
    for (what, earlier, repeat) in cases {
        let found = repeat_of(kb(), std::slice::from_ref(&earlier), &now);
        assert_eq!(found.is_some(), repeat, "{what}");
    }
    // Of several, the latest is named.
    let all = [record(T0 + 35 * DAY, "xt2", "low-battery"), record(T0 + 38 * DAY, "xt2", "low-battery"), record(T0 + 20 * DAY, "xt2", "low-battery")];
    assert_eq!(repeat_of(kb(), &all, &now).map(|r| r.id), Some(T0 + 38 * DAY));
    // A normal state coming back is not news.
    let normal = kb().causes.iter().find(|c| c.is_normal()).expect("a normal state in the KB");
    let model = kb().models.iter().find(|m| normal.applies_to(&m.id)).expect("a model it applies to");
    let (a, b) = (record(T0, &model.id, &normal.id), record(T0 + DAY, &model.id, &normal.id));
    assert!(repeat_of(kb(), &[a], &b).is_none());
}

#[test]
fn times_become_the_phones_calendar() {
    let at = |year, month, day, hour, minute| Stamp { year, month, day, hour, minute };
    let cases = [
        (0, 0, at(1970, 1, 1, 0, 0)),
        (T0, 0, at(2026, 12, 1, 12, 0)),
        (T0, 60, at(2026, 12, 1, 13, 0)),
        (T0, -13 * 60, at(2026, 11, 30, 23, 0)),
        (T0 + 30 * DAY + 12 * 3_600_000 - 60_000, 0, at(2026, 12, 31, 23, 59)),
        (T0 + 31 * DAY, 330, at(2027, 1, 1, 17, 30)),
        // 29 Feb 2028.
        (T0 + (31 + 365 + 31 + 28) * DAY, 0, at(2028, 2, 29, 12, 0)),
    ];
    for (ms, offset, want) in cases {
        assert_eq!(stamp(ms, offset), want, "{ms} at {offset} min");
    }
    assert_eq!(words::day(stamp(T0, 0)), "1 Dec");
    assert_eq!(words::date_time(stamp(T0 + 5 * 60_000, 0)), "1 Dec 2026, 12:05");
}

#[test]
fn a_check_keeps_its_id_until_a_new_reading_another_model_or_starting_over() {
    let mut s = Session::open(kb(), "?model=xt2", None);
    assert_eq!(s.check_id(T0), None, "no verdict, no check");
    s.start_reading();
    s.reading_done(burst());
    assert_eq!(s.check_id(T0), Some(T0));
    assert_eq!(s.check_id(T0 + 5), Some(T0), "the same check");
    s.start_fix(kb(), None);
    assert_eq!(s.check_id(T0 + 6), Some(T0), "fixing is the same check");
    let saved = Session::load(&s.save()).expect("the session reads back");
    assert_eq!(saved.clone().check_id(T0 + 7), Some(T0), "a reload keeps the check");
    s.start_reading();
    s.reading_done(burst());
    assert_eq!(s.check_id(T0 + 8), Some(T0 + 8), "a new reading is a new check");
    s.choose_model(kb(), "mini");
    assert_eq!(s.check_id(T0 + 9), None);
    s.start_over();
    assert_eq!(s.check_id(T0 + 10), None);
}

#[test]
fn the_checks_screen_has_its_own_url_with_or_without_a_model() {
    for (query, screen) in [("?screen=checks", Screen::Checks { open: None }), ("?screen=checks&check=1796126400000", Screen::Checks { open: Some(T0) })] {
        let route = Route::parse(query);
        assert_eq!(route.screen, screen, "{query}");
        assert_eq!(route.query(), query);
        assert_eq!(Route::parse(&format!("?model=mini&{}", &query[1..])).screen, screen, "a model in the URL does not matter");
    }
    // A reload on the checks screen keeps the check in progress.
    let mut s = Session::open(kb(), "?model=xt2&source=camera", None);
    s.reading_done(burst());
    let mut on_checks = Session::open(kb(), "?screen=checks", Some(s));
    assert_eq!(on_checks.screen(), &Screen::Checks { open: None });
    assert_eq!(on_checks.inputs().model, "xt2");
    on_checks.show_checks(Some(T0));
    assert_eq!(on_checks.route().query(), format!("?screen=checks&check={T0}"));
}

#[test]
fn every_id_the_knowledge_base_can_put_in_a_record_is_storable() {
    let kb = kb();
    let mut ids: Vec<String> = kb.models.iter().map(|m| m.id.clone()).collect();
    ids.extend(kb.causes.iter().map(|c| c.id.clone()));
    for q in &kb.questions {
        ids.push(q.id.clone());
        ids.extend(q.answers.iter().map(|a| a.id.clone()));
    }
    for m in &kb.models {
        for c in kb.causes_for(&m.id) {
            for s in kb.fix_steps(&c.id, &m.id) {
                ids.push(s.key.clone());
                ids.extend(s.step.check.iter().flat_map(|c| c.answers.iter().map(|a| a.id.clone())));
            }
        }
    }
    let bad: Vec<&String> = ids.iter().filter(|id| !storable(id)).collect();
    assert!(bad.is_empty(), "ids the record format cannot hold: {bad:?}");
}

#[test]
fn a_walked_check_records_its_steps_and_how_it_ended() {
    let kb = kb();
    let mut s = Session::open(kb, "?model=outdoor&source=camera", None);
    s.reading_done(LedEvidence { pattern: PatternKind::Blinking, colour: Some(LedColour::Red), flash_count: 0, preceded_by: None, period_s: Some(1.0), duty: Some(0.5), observed_s: 8.0, confidence: 0.9, also: Vec::new() });
    let r = record_of(&mut s, T0);
    assert_eq!((r.steps.len(), &r.outcome), (0, &Outcome::Open));
    assert_eq!(r.id, T0);
    s.start_fix(kb, Some("no-internet"));
    for a in [Action::Answer("works".into()), Action::Answer("yes".into()), Action::Done, Action::Done, Action::Answer("gone".into())] {
        s.act(kb, a).expect("fits");
    }
    let r = record_of(&mut s, T0 + 60_000);
    assert_eq!(r.id, T0, "the same check");
    assert_eq!(r.outcome, Outcome::Fixed("no-internet".into()));
    assert_eq!(r.steps.len(), 5);
    assert_eq!(r.steps[0], Taken { cause: "no-internet".into(), key: "no-internet/check-internet".into(), action: Action::Answer("works".into()) });
    assert_eq!(Record::decode(&r.encode()), Some(r.clone()), "a real record round-trips");
    let text = words::report(kb, &r);
    for want in [
        "Blink Doctor report: Blink Outdoor",
        "Checked: 1 Dec 2026, 13:00 (phone time, UTC+1)",
        "Camera reading: a red light blinking about every 1.0 s",
        "(pattern blinking, colour red, period 1.0 s, watched 8 s, reading confidence 90 %)",
        "Likely causes:\n1. ",
        "Steps done:\n- ",
        "answered “",
        "Outcome: fixed: the light was back to normal after the steps for “No internet connection”",
        concat!("Blink Doctor ", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(text.contains(want), "report lacks {want:?}:\n{text}");
    }
    assert!(!text.contains("no-internet/"), "steps by their titles, not their keys:\n{text}");
}

#[test]
fn the_report_says_what_a_support_agent_needs() {
    let kb = kb();
    // (what, record, lines the report must have, text it must not have)
    let mut answers_only = record(T0, "mini", "no-internet");
    answers_only.led = None;
    answers_only.answers = vec![("light".into(), "blinking-red".into())];
    answers_only.outcome = Outcome::Support;
    answers_only.utc_offset_min = -330;
    let mut sync = record(T0, "sync-module-2", "sync-reconnecting");
    sync.led = Some(LedEvidence { pattern: PatternKind::Steady, colour: Some(LedColour::Blue), flash_count: 0, preceded_by: None, period_s: None, duty: None, observed_s: 20.0, confidence: 0.5, also: vec![OtherLight { pattern: PatternKind::Blinking, colour: LedColour::Green, period_s: Some(1.25) }] });
    let mut left = record(T0, "xt2", "low-battery");
    let first = kb.fix_steps("low-battery", "xt2").into_iter().next().expect("a first step");
    left.steps = vec![Taken { cause: "low-battery".into(), key: first.key.clone(), action: Action::Skip }];
    let cases: Vec<(&str, Record, Vec<&str>, Vec<&str>)> = vec![
        (
            "a burst read by the camera",
            record(T0, "xt2", "low-battery"),
            vec![
                "Blink Doctor report: Blink XT2",
                "Camera reading: 6 red flashes right after a blue light",
                "(pattern burst, colour red, 6 flashes, after a blue light, watched 12 s, reading confidence 93 %)",
                "Answers:",
                "1. Low batteries: over 90 %",
                "2. ",
                ": 4 %",
                "Outcome: not finished (no fix step done yet)",
            ],
            vec!["Steps done", "low-battery", "batteries-age"],
        ),
        (
            "answers only, to support",
            answers_only,
            vec!["Checked: 1 Dec 2026, 06:30 (phone time, UTC-5:30)", "Camera reading: none (diagnosed from answers)", "Outcome: not fixed by these steps: contacting Blink support"],
            vec!["blinking-red"],
        ),
        ("left during the walkthrough", left, vec!["Steps done:\n- Low batteries › ", ": skipped", "Outcome: not finished (left before the last step)"], vec![]),
        ("two lights", sync, vec!["Camera reading: a steady blue light", "Also lit beside it: a green light blinking about every 1.2 s"], vec![]),
    ];
    for (what, r, want, never) in cases {
        let text = words::report(kb, &r);
        for w in want {
            assert!(text.contains(w), "{what}: lacks {w:?}:\n{text}");
        }
        for n in never {
            assert!(!text.contains(n), "{what}: says {n:?} (an id, or an empty section):\n{text}");
        }
        assert!(text.lines().all(|l| l.chars().count() <= 160), "{what}: short lines:\n{text}");
    }
    // The repeat notice names the day and the cause.
    let earlier = record(T0 - 2 * DAY, "xt2", "low-battery");
    let note = words::repeat(kb, &earlier);
    assert!(note.starts_with("Also found on 29 Nov: Low batteries"), "{note}");
    // The list of checks names a second light too.
    let mut two = record(T0, "sync-module-2", "sync-reconnecting");
    two.led = Some(LedEvidence { pattern: PatternKind::Steady, colour: Some(LedColour::Blue), flash_count: 0, preceded_by: None, period_s: None, duty: None, observed_s: 20.0, confidence: 0.5, also: vec![OtherLight { pattern: PatternKind::Blinking, colour: LedColour::Green, period_s: Some(1.25) }] });
    assert_eq!(words::record_reading(&two), "a steady blue light, beside it a green light blinking about every 1.2 s");
    // The diagnosis says the same; one light watched at two places is named once.
    let mut e = two.led.clone().expect("a reading");
    assert_eq!(words::reading_beside(&e), words::record_reading(&two));
    e.also = vec![OtherLight { pattern: PatternKind::Steady, colour: LedColour::Blue, period_s: None }; 2];
    e.colour = Some(LedColour::Green);
    assert_eq!(words::reading_beside(&e), "a steady green light, beside it a steady blue light");
    two.led = None;
    assert_eq!(words::record_reading(&two), "No camera reading (answers only)");
}
