//! The check as a person lives it, natively: the screen machine (`Session`) on every path, the
//! fix walkthrough (`FixPlan`), the URL of every screen, and the hold timer's count-in.
use blink_doctor::diagnose::{
    diagnose, Action, FixPlan, Leads, MoveReason, Nav, Notice, PlanError, PlanNote, Position, Route, Screen, Session, StepStatus,
    TimerEvent, TimerPhase, TimerRun, COUNT_IN_S,
};
use blink_doctor::kb::{Kb, Timer, TimerKind};
use blink_doctor::led::{LedColour, LedEvidence, PatternKind};

fn kb() -> &'static Kb {
    Kb::builtin()
}

fn blinking_red() -> LedEvidence {
    LedEvidence {
        pattern: PatternKind::Blinking,
        colour: Some(LedColour::Red),
        flash_count: 0,
        preceded_by: None,
        period_s: Some(1.0),
        duty: Some(0.5),
        observed_s: 8.0,
        confidence: 0.9,
        also: Vec::new(),
    }
}

fn at_fix(s: &Session) -> usize {
    match s.screen() {
        Screen::Fix { at } => *at,
        other => panic!("not on the fix screen: {other:?}"),
    }
}

/// The current step's key and check answers, or the end position.
fn current(s: &Session) -> (Position, Option<blink_doctor::kb::PlannedStep>) {
    let state = s.plan_state(kb()).expect("a plan state");
    let step = match &state.position {
        Position::Step { cause, step, .. } => s.plan().map(|p| p.steps(kb(), *cause)[*step].clone()),
        _ => None,
    };
    (state.position, step)
}

fn camera_session(model: &str) -> Session {
    let mut s = Session::open(kb(), &format!("?model={model}"), None);
    assert_eq!(s.start_reading(), Nav::Push);
    assert_eq!(s.reading_done(blinking_red()), Nav::Replace, "the reading's history entry becomes the diagnosis");
    s
}

#[test]
fn camera_path_home_model_reading_diagnosis() {
    let mut s = Session::open(kb(), "", None);
    assert_eq!(s.screen(), &Screen::Home);
    assert_eq!(s.choose_model(kb(), "outdoor"), Nav::Push);
    assert_eq!(s.screen(), &Screen::Model);
    assert_eq!(s.route().query(), "?model=outdoor");
    s.start_reading();
    assert_eq!(s.route().query(), "?model=outdoor&source=camera");
    s.reading_done(blinking_red());
    assert_eq!(s.screen(), &Screen::Diagnosis);
    assert!(s.inputs().led.is_some());
    // A late second result from the camera after leaving the screen changes nothing.
    assert_eq!(s.reading_done(blinking_red()), Nav::Stay);
}

/// Issue 13, item 4: without a reading, the first question comes first, and no verdict.
#[test]
fn no_camera_path_asks_first_and_shows_the_verdict_only_after_an_answer() {
    let mut s = Session::open(kb(), "?model=outdoor", None);
    assert_eq!(s.questions_only(), Nav::Push);
    assert_eq!(s.screen(), &Screen::Questions);
    assert!(!s.inputs().has_evidence());
    let d = diagnose(kb(), s.inputs()).expect("diagnosis");
    assert_eq!(d.next.question_id(), Some("light"));
    // Nothing to walk through before anything is known.
    assert_eq!(s.start_fix(kb(), None), Nav::Stay);
    // Skipping keeps asking; the verdict waits for an answer.
    assert_eq!(s.skip("light"), Nav::Stay);
    assert_eq!(s.screen(), &Screen::Questions);
    assert_eq!(s.answer(kb(), "setting-up", "no"), Nav::Push);
    assert_eq!(s.screen(), &Screen::Diagnosis);
    assert_eq!(s.answer(kb(), "internet-ok", "no"), Nav::Stay, "later answers re-rank in place");
}

#[test]
fn start_over_forgets_everything_and_going_home_does_not() {
    let mut s = camera_session("outdoor");
    s.answer(kb(), "setting-up", "no");
    s.go_home();
    assert_eq!((s.screen(), s.inputs().answers.len()), (&Screen::Home, 1), "home keeps the answers for Forward");
    assert_eq!(s.start_over(), Nav::Push);
    assert_eq!(s, Session::new());
}

#[test]
fn answers_that_do_not_fit_the_model_are_refused() {
    let mut s = Session::open(kb(), "?model=mini&screen=questions", None);
    assert_eq!(s.answer(kb(), "batteries-age", "long-ago"), Nav::Stay);
    assert_eq!(s.answer(kb(), "light", "burst-after-blue"), Nav::Stay);
    assert_eq!(s.answer(kb(), "light", "nonsense"), Nav::Stay);
    assert!(s.inputs().answers.is_empty());
    assert_eq!(s.screen(), &Screen::Questions);
}

/// Issue 13, item 8: any earlier answer can be changed; the old fix plan is dropped with it.
#[test]
fn an_earlier_answer_can_be_changed() {
    let mut s = camera_session("outdoor");
    s.answer(kb(), "setting-up", "no");
    s.answer(kb(), "internet-ok", "no");
    s.start_fix(kb(), None);
    assert!(s.plan().is_some());
    s.restore(kb(), "?model=outdoor&screen=diagnosis");
    assert_eq!(s.change("setting-up"), Nav::Stay);
    assert_eq!(s.editing(), Some("setting-up"));
    assert_eq!(s.change("never-answered"), Nav::Stay);
    assert_eq!(s.editing(), Some("setting-up"));
    s.answer(kb(), "setting-up", "yes-recent");
    assert_eq!(s.editing(), None);
    assert_eq!(s.inputs().answers.get("setting-up").map(String::as_str), Some("yes-recent"));
    assert!(s.plan().is_none(), "a plan built on the old answers is dropped");
    // Forward to a fix step of the dropped plan lands on the diagnosis instead.
    s.restore(kb(), "?model=outdoor&screen=fix&step=2");
    assert_eq!(s.screen(), &Screen::Diagnosis);
    // Cancelling a change keeps the answer.
    s.change("internet-ok");
    s.cancel_change();
    assert_eq!(s.inputs().answers.get("internet-ok").map(String::as_str), Some("no"));
    // Skipping the question being changed only cancels the change.
    s.change("internet-ok");
    s.skip("internet-ok");
    assert!(s.inputs().answers.contains_key("internet-ok") && !s.inputs().skipped.contains("internet-ok"));
}

/// Issue 13, item 1: "the internet works elsewhere" is not "fixed"; it skips the router steps and
/// goes on to what is left. A "gone" answer about the light ends it.
#[test]
fn the_internet_working_elsewhere_goes_on_and_a_gone_light_ends_it() {
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("no-internet"));
    let (pos, step) = current(&s);
    let step = step.expect("a first step");
    assert!(matches!(pos, Position::Step { ref cause_id, step: 0, .. } if cause_id == "no-internet"));
    assert_eq!(step.key, "no-internet/check-internet");
    let plan = s.plan().expect("plan").clone();
    assert_eq!(plan.leads(kb(), 0, &Action::Answer("works".into())), Some(Leads::Step(3)), "skips to the Wi-Fi check");
    assert_eq!(plan.leads(kb(), 0, &Action::Answer("down".into())), Some(Leads::Step(1)));
    s.act(kb(), Action::Answer("works".into())).expect("fits");
    let (pos, step) = current(&s);
    assert!(matches!(pos, Position::Step { step: 3, .. }), "{pos:?}");
    assert_eq!(step.expect("step").key, "no-internet/wifi-suits");
    let state = s.plan_state(kb()).expect("state");
    assert_eq!(state.statuses[..4], [StepStatus::Done, StepStatus::Bypassed, StepStatus::Bypassed, StepStatus::Current]);
    // The Wi-Fi suits: on to the reset; its last step asks about the light.
    s.act(kb(), Action::Answer("yes".into())).expect("fits");
    let (_, step) = current(&s);
    let step = step.expect("step");
    assert_eq!(step.key, "reset/battery-camera-button/open-cover");
    assert!(step.why.is_some(), "the reset says why");
    s.act(kb(), Action::Done).expect("done");
    s.act(kb(), Action::Done).expect("done");
    assert_eq!(s.plan().expect("plan").leads(kb(), at_fix(&s), &Action::Answer("gone".into())), Some(Leads::Fixed));
    s.act(kb(), Action::Answer("gone".into())).expect("fits");
    assert_eq!(current(&s).0, Position::Fixed { cause_id: "no-internet".into() });
    assert_eq!(s.act(kb(), Action::Done), Err(PlanError::Finished));
}

#[test]
fn actions_that_do_not_fit_the_step_are_refused() {
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("no-internet"));
    // The first step is a check: "done" does not answer it, nor does an unknown answer.
    assert_eq!(s.act(kb(), Action::Done), Err(PlanError::DoesNotFit));
    assert_eq!(s.act(kb(), Action::Answer("maybe".into())), Err(PlanError::DoesNotFit));
    assert_eq!(at_fix(&s), 0);
    let mut plan = s.plan().expect("plan").clone();
    assert_eq!(plan.act(kb(), 5, Action::Skip), Err(PlanError::NoSuchPosition));
}

/// Issue 13, item 6: a reset done for one cause is not asked again for the next; moving on says
/// why; every cause used up ends at support with what was tried.
#[test]
fn moving_on_says_why_and_a_reset_already_done_is_not_asked_again() {
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("no-internet"));
    let causes = s.plan().expect("plan").causes.clone();
    assert_eq!(causes[0], "no-internet");
    assert!(causes.contains(&"setup".to_string()) && causes.contains(&"unknown".to_string()), "{causes:?}");
    assert!(!causes.iter().any(|c| kb().cause(c).expect("cause").is_normal()), "normal states are not walked through: {causes:?}");
    // Internet down; router restarted; still red; Wi-Fi suits; reset; still red.
    for a in [Action::Answer("down".into()), Action::Done, Action::Answer("still-red".into()), Action::Answer("yes".into()), Action::Done, Action::Done, Action::Answer("still-red".into())] {
        s.act(kb(), a).expect("fits");
    }
    let state = s.plan_state(kb()).expect("state");
    let Position::Step { cause_id, .. } = &state.position else { panic!("{:?}", state.position) };
    assert_eq!(cause_id, &causes[1]);
    assert!(state.notes.contains(&PlanNote::MovedOn { from: "no-internet".into(), to: Some(causes[1].clone()), why: MoveReason::StepsDidNotHelp }), "{:?}", state.notes);
    // The next cause's list shows its reset as already done from the start.
    let steps = s.plan().expect("plan").steps(kb(), 1);
    for (step, status) in steps.iter().zip(&state.statuses) {
        if step.key.starts_with("reset/") {
            assert_eq!(*status, StepStatus::AlreadyDone, "{}", step.key);
        }
    }
    // Walk on, answering "still red" and "done" everywhere: no reset step is ever shown again.
    let mut seen_reset = false;
    let mut already = 0;
    for _ in 0..40 {
        let state = s.plan_state(kb()).expect("state");
        already += state.notes.iter().filter(|n| matches!(n, PlanNote::AlreadyDone { under, .. } if under == "no-internet")).count();
        let (pos, step) = current(&s);
        let Position::Step { .. } = pos else { break };
        let step = step.expect("step");
        seen_reset |= step.key.starts_with("reset/");
        let action = match &step.step.check {
            Some(c) => Action::Answer(c.answers.iter().find(|a| a.id != "gone" && a.then != blink_doctor::kb::Then::Fixed).expect("a not-fixed answer").id.clone()),
            None => Action::Done,
        };
        s.act(kb(), action).expect("fits");
    }
    assert!(!seen_reset, "a reset was asked for again");
    assert!(already >= 3, "the skipped reset steps were not noted ({already})");
    let state = s.plan_state(kb()).expect("state");
    assert_eq!(state.position, Position::Support);
    assert_eq!(state.tried, causes);
    assert!(matches!(state.notes.last(), Some(PlanNote::MovedOn { to: None, .. })), "{:?}", state.notes);
}

#[test]
fn an_answer_that_rules_a_cause_out_moves_on_with_that_reason_and_next_cause_is_the_persons_choice() {
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("setup"));
    assert_eq!(s.act(kb(), Action::NextCause), Ok(Nav::Push));
    let state = s.plan_state(kb()).expect("state");
    assert!(matches!(&state.notes[..], [PlanNote::MovedOn { from, why: MoveReason::YouChose, .. }] if from == "setup"), "{:?}", state.notes);
}

/// Issue 13, item 8: Back and Forward are positions in the plan's log; acting at an earlier one
/// drops what came after, as the browser does.
#[test]
fn back_and_forward_walk_the_fix_and_the_screens() {
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("no-internet"));
    s.act(kb(), Action::Answer("down".into())).expect("fits");
    s.act(kb(), Action::Done).expect("fits");
    assert_eq!(s.route().query(), "?model=outdoor&screen=fix&step=2");
    s.restore(kb(), "?model=outdoor&screen=fix&step=1");
    assert_eq!(current(&s).1.expect("step").key, "no-internet/restart-router");
    s.restore(kb(), "?model=outdoor&screen=fix&step=2");
    assert_eq!(current(&s).1.expect("step").key, "no-internet/wait-reconnect");
    s.restore(kb(), "?model=outdoor&screen=fix&step=0");
    s.act(kb(), Action::Answer("works".into())).expect("fits");
    assert_eq!(s.plan().expect("plan").len(), 1, "the old branch is dropped");
    assert_eq!(current(&s).1.expect("step").key, "no-internet/wifi-suits");
    // "Back to the diagnosis" keeps the plan for Forward.
    assert_eq!(s.to_diagnosis(), Nav::Push);
    assert_eq!(s.screen(), &Screen::Diagnosis);
    assert!(s.plan().is_some());
    // Back to the diagnosis, the model page, home; forward again keeps everything.
    s.restore(kb(), "?model=outdoor&screen=diagnosis");
    assert_eq!(s.screen(), &Screen::Diagnosis);
    s.restore(kb(), "?model=outdoor");
    assert_eq!(s.screen(), &Screen::Model);
    s.restore(kb(), "");
    assert_eq!(s.screen(), &Screen::Home);
    assert_eq!(s.model_id(), "outdoor", "home still knows the model");
    s.restore(kb(), "?model=outdoor&screen=fix&step=1");
    assert_eq!(current(&s).1.expect("step").key, "no-internet/wifi-suits");
    // A step past the log is not shown.
    s.restore(kb(), "?model=outdoor&screen=fix&step=9");
    assert_eq!(s.screen(), &Screen::Diagnosis);
}

/// Issue 13, item 8: a reload keeps the answers, the reading and the walkthrough.
#[test]
fn a_reload_restores_the_session_from_storage() {
    let mut s = camera_session("xt2");
    s.answer(kb(), "setting-up", "no");
    s.start_fix(kb(), None);
    s.act(kb(), Action::Answer("down".into())).expect("fits");
    let saved = s.save();
    let back = Session::load(&saved).expect("loads");
    assert_eq!(back, s);
    let reloaded = Session::open(kb(), &s.route().query(), Session::load(&saved));
    assert_eq!(reloaded.screen(), &Screen::Fix { at: 1 });
    assert_eq!(reloaded.inputs(), s.inputs());
    // Another model in the URL starts afresh; damaged storage is ignored.
    let other = Session::open(kb(), "?model=mini&screen=diagnosis", Session::load(&saved));
    assert_eq!(other.model_id(), "mini");
    assert!(other.inputs().answers.is_empty());
    assert_eq!(other.screen(), &Screen::Questions);
    for bad in ["", "zz", "abc", "00ff00ff"] {
        assert_eq!(Session::load(bad), None, "{bad:?}");
    }
}

/// Issue 13, items 9 and 11: questions asked for before a model is picked; model ids in the URL.
#[test]
fn questions_without_a_model_ask_for_the_model_then_go_straight_there() {
    let mut s = Session::open(kb(), "", None);
    assert_eq!(s.questions_anywhere(), Nav::Push);
    assert_eq!(s.screen(), &Screen::Home);
    assert_eq!(s.notice(), Some(&Notice::PickModelFirst));
    s.choose_model(kb(), "video-doorbell");
    assert_eq!(s.screen(), &Screen::Questions);
    assert_eq!(s.notice(), None);
    // With a model, the header goes straight to the questions.
    let mut s = camera_session("outdoor");
    s.questions_anywhere();
    assert_eq!(s.screen(), &Screen::Questions);
    assert!(s.inputs().led.is_none(), "no reading is claimed on the questions path");
}

#[test]
fn model_ids_in_the_url_are_case_insensitive_and_an_empty_one_is_ignored() {
    let s = Session::open(kb(), "?model=MINI", None);
    assert_eq!((s.screen(), s.model_id()), (&Screen::Model, "mini"));
    let s = Session::open(kb(), "?model=%20Xt2%20&source=camera", None);
    assert_eq!((s.screen(), s.model_id()), (&Screen::Reading, "xt2"));
    let s = Session::open(kb(), "?model=", None);
    assert_eq!((s.screen(), s.notice()), (&Screen::Home, None));
    let s = Session::open(kb(), "?model=mini-9000", None);
    assert_eq!(s.notice(), Some(&Notice::UnknownModel("mini-9000".into())));
    // Without evidence a diagnosis URL shows the questions.
    let s = Session::open(kb(), "?model=outdoor&screen=diagnosis", None);
    assert_eq!(s.screen(), &Screen::Questions);
}

#[test]
fn every_screen_has_its_own_relative_url_that_reads_back_to_it() {
    for screen in [Screen::Model, Screen::Reading, Screen::Questions, Screen::Diagnosis, Screen::Fix { at: 3 }] {
        let route = Route { model: Some("video-doorbell".into()), screen: screen.clone() };
        let q = route.query();
        assert!(q.starts_with('?'), "relative query, never a path: {q}");
        assert_eq!(Route::parse(&q), route, "{q}");
    }
    assert_eq!(Route { model: None, screen: Screen::Home }.query(), "");
    assert_eq!(Route::parse("?model=a%26b").model.as_deref(), Some("a&b"));
    assert_eq!(Route { model: Some("a&b".into()), screen: Screen::Model }.query(), "?model=a%26b");
}

#[test]
fn a_plan_starts_with_the_chosen_cause_and_never_walks_normal_states() {
    let ranking = vec![("motion".to_string(), 0.6), ("low-battery".to_string(), 0.3), ("no-internet".to_string(), 0.1)];
    let plan = FixPlan::new(kb(), "outdoor", &ranking, None);
    assert_eq!(plan.causes, ["low-battery", "no-internet"]);
    let plan = FixPlan::new(kb(), "outdoor", &ranking, Some("no-internet"));
    assert_eq!(plan.causes, ["no-internet", "low-battery"]);
    let plan = FixPlan::new(kb(), "outdoor", &ranking, Some("motion"));
    assert_eq!(plan.causes, ["low-battery", "no-internet"]);
    // Only normal states likely: the plan still has something to try.
    let normal = vec![("sync-online".to_string(), 0.99), ("sync-starting".to_string(), 0.01)];
    assert_eq!(FixPlan::new(kb(), "sync-module-2", &normal, None).causes, ["sync-starting"]);
}

/// Issue 13, item 7: a hold counts in 3-2-1 by itself, then holds, and signals both moments.
#[test]
fn a_hold_counts_in_then_holds_and_signals_go_and_done() {
    let mut t = TimerRun::new(Timer { kind: TimerKind::Hold, seconds: 5 });
    assert!(t.starts_by_itself());
    assert_eq!(t.phase, TimerPhase::Ready);
    t.start();
    assert_eq!(t.phase, TimerPhase::CountIn(COUNT_IN_S));
    let mut events = Vec::new();
    for _ in 0..(COUNT_IN_S + 5) {
        events.push(t.tick());
    }
    assert_eq!(events.iter().flatten().copied().collect::<Vec<_>>(), [TimerEvent::Go, TimerEvent::Finished]);
    assert_eq!(events[COUNT_IN_S as usize - 1], Some(TimerEvent::Go));
    assert_eq!(t.phase, TimerPhase::Finished);
    assert_eq!(t.tick(), None);
    t.start();
    assert!(t.is_running());
    let mut w = TimerRun::new(Timer { kind: TimerKind::WaitUpTo, seconds: 2 });
    assert!(!w.starts_by_itself());
    w.start();
    assert_eq!(w.phase, TimerPhase::Running(2));
    assert_eq!((w.tick(), w.tick()), (None, Some(TimerEvent::Finished)));
}

/// Walkthrough defect 2: a step whose check asks a question the person already answered in the
/// diagnosis ("Does the internet work on another device?") is not asked again: the answer is
/// taken, the step says so, and the walkthrough goes where that answer leads.
#[test]
fn a_fix_step_does_not_ask_what_the_diagnosis_already_knows() {
    // (the diagnosis answer, the step the walkthrough opens at, the check's answer taken)
    let table = [("no", "no-internet/restart-router", Some("down")), ("yes", "no-internet/wifi-suits", Some("works")), ("unsure", "no-internet/check-internet", None)];
    for (given, first, took) in table {
        let mut s = camera_session("outdoor");
        s.answer(kb(), "internet-ok", given);
        s.start_fix(kb(), Some("no-internet"));
        let (pos, step) = current(&s);
        assert!(matches!(pos, Position::Step { ref cause_id, .. } if cause_id == "no-internet"), "{given}: {pos:?}");
        assert_eq!(step.expect("a step").key, first, "internet-ok = {given}");
        let state = s.plan_state(kb()).expect("state");
        let note = state.notes.iter().find_map(|n| match n {
            PlanNote::AlreadyAnswered { key, question, answer, took } => Some((key.clone(), question.clone(), answer.clone(), took.clone())),
            _ => None,
        });
        match took {
            Some(took) => {
                assert_eq!(
                    note,
                    Some(("no-internet/check-internet".into(), "internet-ok".into(), given.into(), took.into())),
                    "internet-ok = {given}"
                );
                assert_eq!(state.statuses[0], StepStatus::AlreadyAnswered);
            }
            None => {
                assert_eq!(note, None);
                assert_eq!(state.statuses[0], StepStatus::Current);
            }
        }
    }
    // Nothing answered: the step asks.
    let mut s = camera_session("outdoor");
    s.start_fix(kb(), Some("no-internet"));
    assert_eq!(current(&s).1.expect("a step").key, "no-internet/check-internet");
    // Back at the start after acting, the taken answer still holds (the log replays it).
    let mut s = camera_session("outdoor");
    s.answer(kb(), "internet-ok", "no");
    s.start_fix(kb(), Some("no-internet"));
    s.act(kb(), Action::Done).expect("the router step has no check");
    assert_eq!(current(&s).1.expect("a step").key, "no-internet/wait-reconnect");
    s.restore(kb(), "?model=outdoor&screen=fix&step=0");
    assert_eq!(current(&s).1.expect("a step").key, "no-internet/restart-router");
}
