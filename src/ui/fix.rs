//! The fix, step by step, with timers and checks; "that didn't help" moves on; at the end,
//! contacting Blink support with what was found.
use super::use_state;
use crate::diagnose::PlanStep;
use crate::glue::device;
use crate::kb::{Kb, Timer, TimerKind};
use gloo_timers::callback::Interval;
use leptos::prelude::*;

#[component]
pub fn FixScreen() -> impl IntoView {
    let state = use_state();
    let kb = Kb::builtin();
    let current = move || state.plan.with(|p| p.as_ref().map(|p| p.current(kb)));
    let advance = move || state.plan.update(|p| if let Some(p) = p { p.next(kb) });
    let next_cause = move || state.plan.update(|p| if let Some(p) = p { p.next_cause() });
    let fixed = move || state.plan.update(|p| if let Some(p) = p { p.mark_fixed() });
    view! {
        <section class="fix-page" aria-live="polite">
            {move || match current() {
                None => view! { <p>"Nothing to fix yet."</p> }.into_any(),
                Some(PlanStep::Step { cause_id, index, of, step }) => {
                    let cause_name = kb.cause(&cause_id).map(|c| c.name.clone()).unwrap_or_default();
                    let has_check = step.check.is_some();
                    let model = state.model_id();
                    let all_steps = kb.fix_steps(&cause_id, &model);
                    view! {
                        <p class="eyebrow">{format!("Fixing: {cause_name} · step {} of {of}", index + 1)}</p>
                        <ol class="checklist" aria-label="Steps">
                            {all_steps.into_iter().enumerate().map(|(i, s)| {
                                let class = if i < index { "done" } else if i == index { "current" } else { "todo" };
                                view! { <li class=class aria-current=(i == index).then_some("step")>{s.text}</li> }
                            }).collect_view()}
                        </ol>
                        <div class="fix-step" data-testid="fix-step" data-cause=cause_id.clone() data-step=index.to_string()>
                            {step.heading.clone().map(|h| view! { <h2>{h}</h2> })}
                            <p class="step-text">{step.text.clone()}</p>
                            {step.timer.map(|t| view! { <Countdown timer=t /> })}
                            {match step.check.clone() {
                                Some(check) => view! {
                                    <p class="check">{check}</p>
                                    <div class="answers">
                                        <button class="answer" data-testid="check-yes" on:click=move |_| fixed()>"Yes"</button>
                                        <button class="answer" data-testid="check-no" on:click=move |_| advance()>"Not yet"</button>
                                    </div>
                                }.into_any(),
                                None => ().into_any(),
                            }}
                            {(!has_check).then(|| view! {
                                <button class="primary" data-testid="step-done" on:click=move |_| advance()>"Done, next step"</button>
                            })}
                            <button class="secondary" data-testid="didnt-help" on:click=move |_| next_cause()>"That didn't help"</button>
                        </div>
                    }.into_any()
                }
                Some(PlanStep::Fixed) => view! {
                    <div class="fixed" data-testid="fixed">
                        <h2>"Good news"</h2>
                        <p>"Check again with the camera to confirm the light is back to normal."</p>
                        <button class="primary" data-testid="check-again" on:click=move |_| state.start_reading()>"Check the light again"</button>
                    </div>
                }.into_any(),
                Some(PlanStep::Exhausted) => view! { <Support /> }.into_any(),
            }}
            <button class="link" on:click=move |_| state.screen.set(super::Screen::Diagnosis)>"Back to the diagnosis"</button>
        </section>
    }
}

/// The last resort, with what to tell Blink support.
#[component]
fn Support() -> impl IntoView {
    let state = use_state();
    let kb = Kb::builtin();
    let model = kb.model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let seen = state.inputs.with(|i| i.led.as_ref().map(|e| e.describe()));
    let tried: Vec<String> = state
        .plan
        .with(|p| p.as_ref().map(|p| p.tried().to_vec()).unwrap_or_default())
        .iter()
        .filter_map(|id| kb.cause(id).map(|c| c.name.clone()))
        .collect();
    view! {
        <div class="support" data-testid="support">
            <h2>"Contact Blink support"</h2>
            <p>"If the red light stays on for more than a minute or two after a reset, Blink support can help. Tell them:"</p>
            <ul>
                <li>{format!("Model: {model}")}</li>
                <li>{format!("Light: {}", seen.unwrap_or_else(|| "not read with the camera".into()))}</li>
                <li>{format!("Already tried: {}", if tried.is_empty() { "nothing yet".to_string() } else { tried.join(", ") })}</li>
            </ul>
            <button class="secondary" on:click=move |_| state.start_reading()>"Read the light again"</button>
        </div>
    }
}

/// A countdown for "hold 5 s", "wait 5 s", "wait up to 2 minutes"; buzzes at the end.
#[component]
fn Countdown(timer: Timer) -> impl IntoView {
    let remaining = RwSignal::new(timer.seconds);
    let running = RwSignal::new(false);
    let ticker = StoredValue::new_local(None::<Interval>);
    let verb = match timer.kind {
        TimerKind::Hold => "Hold",
        TimerKind::Wait => "Wait",
        TimerKind::WaitUpTo => "Wait up to",
    };
    let label = format!("{verb} {}", format_secs(timer.seconds));
    let start = move |_| {
        remaining.set(timer.seconds);
        running.set(true);
        let interval = Interval::new(1000, move || {
            let left = remaining.get_untracked().saturating_sub(1);
            remaining.set(left);
            if left == 0 {
                running.set(false);
                device::vibrate(400);
                ticker.set_value(None);
            }
        });
        ticker.set_value(Some(interval));
    };
    on_cleanup(move || ticker.set_value(None));
    view! {
        <div class="timer" data-testid="timer" data-seconds=timer.seconds.to_string()>
            <span class="timer-label">{label}</span>
            <span class="timer-left" role="timer" aria-live="off" data-testid="timer-left">{move || format_secs(remaining.get())}</span>
            <button class="secondary small" data-testid="timer-start" disabled=move || running.get() on:click=start>
                {move || if remaining.get() == 0 { "Done · again" } else if running.get() { "Running…" } else { "Start timer" }}
            </button>
            {move || (remaining.get() == 0).then(|| view! { <span class="timer-done" role="status">"Time's up"</span> })}
        </div>
    }
}

fn format_secs(s: u32) -> String {
    if s >= 60 {
        format!("{}:{:02}", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}
