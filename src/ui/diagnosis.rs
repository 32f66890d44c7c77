//! The questions screen (no reading yet: the first question, no verdict) and the diagnosis: what
//! the camera saw, the likeliest cause and how sure that is, the next question, the answers
//! given, and every cause with the evidence for and against it.
use super::chart::PatternChart;
use super::checks::share_block;
use super::questions::{GivenAnswers, QuestionCard};
use super::{html, use_state, words};
use crate::diagnose::{shown, Certainty, Diagnosis, Direction, Screen};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn DiagnosisScreen() -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let model_name = kb.model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let asking = state.screen() == Screen::Questions;
    // Back on the questions screen shows the first question answered there, to change it.
    let first_answered = state.with(|s| kb.questions.iter().find(|q| s.inputs().answers.contains_key(&q.id)).map(|q| q.id.clone()));
    let next_question = move |d: &Diagnosis| {
        state.with(|s| s.editing().map(str::to_string)).or(first_answered.clone()).or_else(|| d.next.question_id().map(str::to_string))
    };
    let read_label = if state.with(|s| s.inputs().led.is_some()) { words::read_again() } else { words::read_with_camera() };
    // An uncertain reading offers another beside it (`Verdict`), not again down here.
    let read_beside = !asking && state.with(|s| s.inputs().led.as_ref().is_some_and(|e| e.is_unsure()));
    view! {
        <section class="diagnosis-page">
            <h1>{if asking { words::questions_title(&model_name) } else { words::diagnosis_title(&model_name) }}</h1>
            {state.diagnosis().map(|d| if asking {
                Either::Left(view! {
                    <p class="lead">{words::questions_lead()}</p>
                    {match next_question(&d) {
                        Some(q) => Either::Left(view! { <QuestionCard question_id=q /> }),
                        None => Either::Right(view! {
                            <p class="settled" data-testid="no-question-left">{words::no_question_left()}</p>
                            <button class="secondary" on:click=move |_| state.unskip_all()>{words::ask_skipped_again()}</button>
                        }),
                    }}
                })
            } else {
                Either::Right(view! { <Verdict d=d.clone() /> })
            })}
            {(!read_beside).then(|| view! {
                <button class="secondary" data-testid="read-again" on:click=move |_| state.start_reading()>{read_label}</button>
            })}
        </section>
    }
}

#[component]
fn Verdict(d: Diagnosis) -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let led = state.with(|s| s.inputs().led.clone());
    let editing = state.with(|s| s.editing().map(str::to_string));
    // A clear verdict asks nothing more ("more questions would not change this"), unless the
    // person is changing an earlier answer.
    let asking_more = d.certainty != Certainty::Clear;
    let question = editing.or_else(|| d.next.question_id().filter(|_| asking_more).map(str::to_string));
    let top = d.top().cloned();
    let top_cause = top.as_ref().and_then(|t| kb.cause(&t.cause_id));
    let top_id = top.as_ref().map(|t| t.cause_id.clone()).unwrap_or_default();
    let repeat = state.repeat().map(|r| words::repeat(kb, &r));
    let not_kept = state.not_kept().then_some(words::not_kept());
    let share = state.record().map(|r| share_block(&words::report_title(kb, &r), &words::report(kb, &r), false));
    view! {
        {match led {
            Some(e) => Either::Left(view! {
                <div class="pattern" data-testid="pattern"
                    data-pattern=e.pattern.id()
                    data-colour=e.colour.map(|c| c.id()).unwrap_or("none")
                    data-flash-count=e.flash_count.to_string()
                    data-unsure=e.is_unsure().to_string()>
                    <p><strong>{words::seen()}</strong>{words::space()}{words::reading_beside(&e)}{e.is_unsure().then(|| format!("{}{}", words::space(), words::uncertain_reading()))}</p>
                    <PatternChart evidence=e.clone() />
                    // An uncertain reading offers another right where it says so (and not again at the
                    // foot of the page: one control, one name).
                    {e.is_unsure().then(|| view! {
                        <button class="secondary small" data-testid="read-again" on:click=move |_| state.start_reading()>{words::read_again()}</button>
                    })}
                </div>
            }),
            None => Either::Right(view! { <p class="pattern-none">{words::not_read()}</p> }),
        }}
        <div class="diagnosis" data-testid="diagnosis" data-cause=top_id.clone() data-certainty=certainty_mark(d.certainty) aria-live="polite">
            {top.as_ref().zip(top_cause).map(|(t, c)| view! {
                <h2 class="verdict">{words::most_likely()}{words::space()}{c.name.clone()}<span class="pct">{words::aside(&words::percent(shown(t.probability)))}</span></h2>
                <p class="certainty" data-testid="certainty">{words::certainty(d.certainty)}</p>
                {repeat.clone().map(|r| view! { <p class="notice repeat" data-testid="repeat">{r}</p> })}
                {match &c.nothing_to_fix {
                    Some(n) => Either::Left(view! {
                        <p class="normal-state" data-testid="nothing-to-fix"><strong>{if asking_more { words::nothing_to_fix_if() } else { words::nothing_to_fix() }}</strong>{words::space()}{n.text.clone()}</p>
                        <button class="secondary" data-testid="start-fix" on:click=move |_| state.start_fix(None)>{words::try_other_causes()}</button>
                    }),
                    None => {
                        let id = t.cause_id.clone();
                        Either::Right(view! { <button class="primary" data-testid="start-fix" on:click=move |_| state.start_fix(Some(&id))>{words::fix_step_by_step()}</button> })
                    }
                }}
            })}
            {question.map(|q| view! { <QuestionCard question_id=q /> })}
            <GivenAnswers />
            {not_kept.map(|n| view! { <p class="notice" data-testid="not-kept">{n}</p> })}
            {share}
            <h2>{words::other_causes()}</h2>
            <ol class="causes" inner_html=causes_html(&d, &top_id)
                on:click=move |ev| if let Some(id) = html::clicked(&ev, "data-fix") { state.start_fix(Some(&id)) }></ol>
        </div>
    }
}

/// Every cause as a card: name, share, bar, summary, the evidence for and against, and its fix
/// button (a normal state says there is nothing to fix instead).
fn causes_html(d: &Diagnosis, top_id: &str) -> String {
    let kb = words::kb();
    let mut out = String::new();
    for r in &d.ranked {
        let Some(cause) = kb.cause(&r.cause_id) else { continue };
        let name = html::esc(&cause.name);
        let pct = r.probability * 100.0;
        out.push_str(&format!(
            "<li class=\"cause{}\" data-testid=\"cause\" data-cause=\"{}\" data-confidence=\"{}\"><div class=\"cause-head\"><h3 class=\"cause-name\">{name}</h3><span class=\"cause-pct\">{}</span></div>\
             <div class=\"bar\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"{}\" aria-label=\"{}\"><div class=\"fill\" style=\"width: {}%\"></div></div>\
             <p class=\"summary\">{}</p>",
            if r.cause_id == top_id { " likeliest" } else { "" },
            html::esc(&r.cause_id),
            words::fixed(r.probability, 4),
            words::percent(shown(r.probability)),
            words::fixed(pct, 0),
            html::esc(&words::meter_label(&cause.name)),
            words::fixed(pct.clamp(1.0, 100.0), 1),
            html::esc(&cause.summary),
        ));
        if let Some(n) = &cause.normal_when {
            out.push_str(&format!("<p class=\"normal\">{}{}{}</p>", words::normal_when(), words::space(), html::esc(n)));
        }
        out.push_str("<ul class=\"notes\">");
        for (e, (lead, why)) in r.evidence.iter().zip(words::evidence_lines(kb, &d.model, cause, &r.evidence)) {
            let class = match e.direction() {
                Direction::For => "for",
                Direction::Against => "against",
                Direction::Neutral => "neutral",
            };
            out.push_str(&format!("<li class=\"{class}\" data-direction=\"{class}\"><strong>{lead}{}</strong>{}</li>", html::esc(words::lead_sep()), html::esc(&why)));
        }
        out.push_str("</ul>");
        if cause.is_normal() {
            out.push_str(&format!("<p class=\"badge\" data-testid=\"normal-badge\">{}</p>", words::normal_badge()));
        } else {
            out.push_str(&format!(
                "<button class=\"secondary small\" data-testid=\"fix-cause\" data-fix=\"{}\">{}<span class=\"sr-only\">: {name}</span></button>",
                html::esc(&r.cause_id),
                words::try_this_fix()
            ));
        }
        out.push_str("</li>");
    }
    out
}

/// The certainty as the page marks it (`data-certainty`, the variant's name): spelled out, since
/// release builds format no `Debug` (Makefile `WASM_RUSTFLAGS`).
fn certainty_mark(c: Certainty) -> &'static str {
    match c {
        Certainty::NoEvidence => "NoEvidence",
        Certainty::Leaning => "Leaning",
        Certainty::CannotTell => "CannotTell",
        Certainty::Clear => "Clear",
    }
}
