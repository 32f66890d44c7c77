//! The fix, one step per screen: why we are here (notes on moving on and steps already done),
//! the step with its timer, the check whose every answer says where it leads, and the list of the
//! cause's steps. It ends at "the light is back to normal" or at contacting Blink support.
use super::checks::share_block;
use super::{html, use_state, words};
use crate::diagnose::{Action, FixPlan, Leads, PlanNote, PlanState, Position, StepStatus, TimerEvent, TimerPhase, TimerRun};
use crate::glue::device;
use crate::kb::{Kb, PlannedStep, Timer};
use gloo_timers::callback::Interval;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[component]
pub fn FixScreen() -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let (plan, at, plan_state) = state.with(|s| {
        let at = match s.screen() {
            crate::diagnose::Screen::Fix { at } => *at,
            _ => 0,
        };
        (s.plan().cloned(), at, s.plan_state(kb))
    });
    let (Some(plan), Some(ps)) = (plan, plan_state) else { return None };
    // Support shows the report itself.
    let share = (ps.position != Position::Support).then(|| state.record().map(|r| share_block(&words::report_title(kb, &r), &words::report(kb, &r), false)));
    let body = match ps.position.clone() {
        Position::Step { cause_id, cause, causes, step, of } => {
            let steps = plan.steps(kb, cause);
            EitherOf3::A(view! { <StepView plan=plan.clone() at=at ps=ps.clone() steps=steps cause_id=cause_id cause=cause causes=causes step=step of=of /> })
        }
        Position::Fixed { .. } => EitherOf3::B(view! {
            <div class="fixed" data-testid="fixed">
                <h1>{words::fixed_title()}</h1>
                <p>{words::fixed_text()}</p>
                <button class="primary" data-testid="check-again" on:click=move |_| state.start_reading()>{words::confirm_with_camera()}</button>
                <button class="secondary" data-testid="start-over" on:click=move |_| state.start_over()>{words::start_over()}</button>
            </div>
        }),
        Position::Support => EitherOf3::C(view! { <Support ps=ps.clone() /> }),
    };
    Some(view! {
        <section class="fix-page">
            {body}
            {share}
            <button class="link" data-testid="back-to-diagnosis" on:click=move |_| state.to_diagnosis()>{words::back_to_diagnosis()}</button>
        </section>
    })
}

/// The notes since the last step, in words; a reset's already-done steps become one note.
fn notes(kb: &Kb, plan: &FixPlan, ps: &PlanState) -> Vec<String> {
    let mut out = Vec::new();
    let mut last_procedure = None;
    for n in &ps.notes {
        let title = match n {
            PlanNote::AlreadyDone { key, .. } => {
                let step = (0..plan.causes.len()).flat_map(|i| plan.steps(kb, i)).find(|s| &s.key == key);
                let name = step.map(|s| s.procedure.clone().unwrap_or(s.step.title.clone()));
                if name.is_some() && name == last_procedure {
                    continue;
                }
                last_procedure = name.clone();
                name
            }
            PlanNote::AlreadyAnswered { key, .. } => (0..plan.causes.len()).flat_map(|i| plan.steps(kb, i)).find(|s| &s.key == key).map(|s| s.step.title),
            PlanNote::MovedOn { .. } => None,
        };
        out.push(words::plan_note(kb, n, title.as_deref()));
    }
    out
}

#[component]
fn StepView(plan: FixPlan, at: usize, ps: PlanState, steps: Vec<PlannedStep>, cause_id: String, cause: usize, causes: usize, step: usize, of: usize) -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let current = steps[step].clone();
    let title_of = |l: &Leads| match l {
        Leads::Step(j) => steps.get(*j).map(|s| s.step.title.clone()),
        _ => None,
    };
    let leads = |a: &Action| plan.leads(kb, at, a).map(|l| words::leads(kb, &l, title_of(&l).as_deref())).unwrap_or_default();
    let cause_name = words::cause_name(kb, &cause_id);
    let more_causes = cause + 1 < causes;
    let notes = notes(kb, &plan, &ps);
    let check = current.step.check.clone();
    let answers_html: String = check.iter().flat_map(|c| c.answers.iter()).map(|a| {
        let lead = leads(&Action::Answer(a.id.clone()));
        format!(
            "<button class=\"answer big\" data-testid=\"check-answer\" data-answer=\"{}\"><span class=\"answer-text\">{}</span><span class=\"answer-leads\">{}</span></button>",
            html::esc(&a.id), html::esc(&a.text), html::esc(&lead)
        )
    }).collect();
    let done_leads = leads(&Action::Done);
    let checklist: String = steps.iter().zip(ps.statuses.iter()).map(|(s, st)| {
        let (class, mark) = match st {
            StepStatus::Done => ("done", Some(words::status_done())),
            StepStatus::Skipped => ("skipped", Some(words::status_skipped())),
            StepStatus::AlreadyDone => ("done", Some(words::status_already())),
            StepStatus::Bypassed => ("skipped", Some(words::status_bypassed())),
            StepStatus::AlreadyAnswered => ("done", Some(words::status_answered())),
            StepStatus::Current => ("current", Some(words::status_now())),
            StepStatus::Todo => ("todo", None),
        };
        format!(
            "<li class=\"{class}\"{}>{}{}</li>",
            if *st == StepStatus::Current { " aria-current=\"step\"" } else { "" },
            html::esc(&s.step.title),
            mark.map(|m| format!("<span class=\"step-status\">{}</span>", html::esc(&words::aside(m)))).unwrap_or_default()
        )
    }).collect();
    let skip_leads = leads(&Action::Skip);
    view! {
        <p class="eyebrow">{words::fixing(&cause_name, cause, causes)}</p>
        {(!notes.is_empty()).then(|| view! {
            <ul class="plan-notes" data-testid="plan-notes" inner_html={notes.iter().map(|n| html::li("", n)).collect::<String>()}></ul>
        })}
        <div class="fix-step" data-testid="fix-step" data-cause=cause_id.clone() data-step=current.step.id.clone() data-key=current.key.clone()>
            <h1>{words::step_title(step, of, &current.step.title)}</h1>
            {current.procedure.clone().map(|p| view! { <p class="part-of">{words::part_of(&p)}</p> })}
            {current.why.clone().map(|w| view! { <p class="why">{w}</p> })}
            <p class="step-text">{current.step.text.clone()}</p>
            {current.step.timer.map(|t| view! { <Countdown timer=t /> })}
            {match check {
                Some(c) => Either::Left(view! {
                    <fieldset class="check" data-testid="check">
                        <legend>{c.question.clone()}</legend>
                        <div class="check-answers" inner_html=answers_html
                            on:click=move |ev| if let Some(a) = html::clicked(&ev, "data-answer") { state.act(Action::Answer(a)) }></div>
                    </fieldset>
                }),
                None => Either::Right(view! {
                    <button class="primary" data-testid="step-done" on:click=move |_| state.act(Action::Done)>
                        <span>{words::done_next()}</span><span class="answer-leads">{done_leads}</span>
                    </button>
                    <button class="link" data-testid="skip-step" on:click=move |_| state.act(Action::Skip)>
                        {words::skip_step()}<span class="sr-only">{words::aside(&skip_leads)}</span>
                    </button>
                }),
            }}
        </div>
        <h2 id="steps-heading">{words::steps()}</h2>
        <ol class="checklist" aria-labelledby="steps-heading" inner_html=checklist></ol>
        <button class="link" data-testid="next-cause" on:click=move |_| state.act(Action::NextCause)>
            {if more_causes { words::next_cause() } else { words::to_support() }}
        </button>
    }
}

/// The last resort: how to reach Blink support; the report to send them follows (`FixScreen`).
#[component]
fn Support(ps: PlanState) -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let read = state.with(|s| s.inputs().led.is_some());
    let notes: Vec<String> = ps.notes.iter().filter(|n| matches!(n, PlanNote::MovedOn { .. })).map(|n| words::plan_note(kb, n, None)).collect();
    let share = state.record().map(|r| share_block(&words::report_title(kb, &r), &words::report(kb, &r), true));
    view! {
        <div class="support" data-testid="support">
            <h1>{words::support_title()}</h1>
            <ul class="plan-notes" inner_html={notes.iter().map(|n| html::li("", n)).collect::<String>()}></ul>
            <p>{words::support_text()}</p>
            <h2>{words::support_how()}</h2>
            <ul class="contact" data-testid="support-contact" inner_html={[words::support_site(), words::support_app(), words::support_access()].iter().map(|t| html::li("", t)).collect::<String>()}></ul>
            <p>{words::support_send()}</p>
            {share}
            <button class="secondary" on:click=move |_| state.start_reading()>{if read { words::read_again() } else { words::read_with_camera() }}</button>
        </div>
    }
}

/// A step's timer: a hold counts in 3-2-1 by itself and then times the hold; a wait starts on
/// the big button. Both end with a buzz and a beep where the phone allows.
#[component]
fn Countdown(timer: Timer) -> impl IntoView {
    let run = RwSignal::new(TimerRun::new(timer));
    let ticker = StoredValue::new_local(None::<Interval>);
    let start = move || {
        run.update(|r| r.start());
        let interval = Interval::new(1000, move || {
            let mut event = None;
            run.update(|r| event = r.tick());
            match event {
                Some(TimerEvent::Go) => {
                    device::vibrate(150);
                    device::beep(880.0, 150);
                }
                Some(TimerEvent::Finished) => {
                    device::vibrate_pattern(&[300, 120, 300]);
                    device::beep(660.0, 200);
                    device::beep(990.0, 400);
                    ticker.set_value(None);
                }
                None => {}
            }
        });
        ticker.set_value(Some(interval));
    };
    if run.with_untracked(|r| r.starts_by_itself()) {
        start();
    }
    on_cleanup(move || ticker.set_value(None));
    let phase = move || run.with(|r| r.phase);
    view! {
        <div class="timer" data-testid="timer" data-seconds=timer.seconds.to_string()>
            <p class="timer-label">{words::timer_label(timer)}</p>
            <p class="timer-left" role="timer" aria-live="polite" data-testid="timer-left"
                data-phase=move || match phase() { TimerPhase::Ready => "ready", TimerPhase::CountIn(_) => "count-in", TimerPhase::Running(_) => "running", TimerPhase::Finished => "finished" }>
                {move || words::timer_phase(timer, phase())}
            </p>
            <button class="timer-button" data-testid="timer-start" on:click=move |_| start()>{move || words::timer_button(timer, phase())}</button>
        </div>
    }
}
