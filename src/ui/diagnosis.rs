//! The diagnosis: what the camera saw, the causes ranked with confidence and evidence, the next
//! question, and the way to the fix. Shown as soon as a reading ends; answers only refine it.
use super::chart::PatternChart;
use super::questions::QuestionCard;
use super::use_state;
use crate::kb::Kb;
use leptos::prelude::*;

#[component]
pub fn DiagnosisScreen() -> impl IntoView {
    let state = use_state();
    let kb = Kb::builtin();
    let model_name = kb.model(&state.model_id()).map(|m| m.name.clone()).unwrap_or_default();
    let led = move || state.inputs.with(|i| i.led.clone());
    view! {
        <section class="diagnosis-page">
            <h1>{format!("Your {model_name}")}</h1>
            {move || match led() {
                Some(e) => view! {
                    <div class="pattern" data-testid="pattern"
                        data-pattern=e.pattern.id()
                        data-colour=e.colour.map(|c| c.id()).unwrap_or("none")
                        data-flash-count=e.flash_count.to_string()>
                        <p><strong>"Seen: "</strong>{e.describe()}
                            {(e.confidence < 0.6).then_some(" (uncertain reading)")}</p>
                        <PatternChart evidence=e.clone() />
                    </div>
                }.into_any(),
                None => view! { <p class="pattern-none">"No camera reading: the ranking below comes from your answers."</p> }.into_any(),
            }}
            {move || state.diagnosis().map(|d| {
                let top = d.top().cloned();
                let top_id = top.as_ref().map(|t| t.cause_id.clone()).unwrap_or_default();
                let top_for_fix = top_id.clone();
                view! {
                    <div class="diagnosis" data-testid="diagnosis" data-cause=top_id.clone() aria-live="polite">
                        {top.map(|t| view! {
                            <h2>"Most likely: " {t.name.clone()} {format!(" ({:.0} %)", t.probability * 100.0)}</h2>
                        })}
                        <QuestionCard choice=d.next.clone() />
                        <button class="primary" data-testid="start-fix" on:click=move |_| state.start_fix(&top_for_fix)>"Fix it step by step"</button>
                        <ol class="causes">
                            {d.ranked.iter().filter(|r| r.probability >= 0.005).map(|r| {
                                let cause = Kb::builtin().cause(&r.cause_id).cloned();
                                let id_for_fix = r.cause_id.clone();
                                let pct = r.probability * 100.0;
                                view! {
                                    <li class="cause" data-testid="cause" data-cause=r.cause_id.clone() data-confidence=format!("{:.4}", r.probability)>
                                        <div class="cause-head">
                                            <span class="cause-name">{r.name.clone()}</span>
                                            <span class="cause-pct">{format!("{pct:.0} %")}</span>
                                        </div>
                                        <div class="bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{pct:.0}") aria-label=format!("Confidence in {}", r.name)>
                                            <div class="fill" style=format!("width: {:.1}%", pct.max(1.0))></div>
                                        </div>
                                        {cause.map(|c| view! {
                                            <p class="summary">{c.summary}</p>
                                            {c.normal_when.map(|n| view! { <p class="normal">"Normal when: " {n}</p> })}
                                        })}
                                        <ul class="notes">
                                            {r.notes.iter().map(|n| view! {
                                                <li class=if n.supports { "for" } else { "against" }>
                                                    <span class="sr-only">{if n.supports { "For: " } else { "Against: " }}</span>
                                                    {n.text.clone()}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                        <button class="secondary small" on:click=move |_| state.start_fix(&id_for_fix)>"Fix this"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </div>
                }
            })}
            <button class="secondary" data-testid="read-again" on:click=move |_| state.start_reading()>"Read the light (again)"</button>
        </section>
    }
}
