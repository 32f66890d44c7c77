//! One question at a time, chosen by the engine; every answer re-ranks at once; skippable.
use super::use_state;
use crate::diagnose::QuestionChoice;
use crate::kb::Kb;
use leptos::prelude::*;

#[component]
pub fn QuestionCard(choice: QuestionChoice) -> impl IntoView {
    let state = use_state();
    let QuestionChoice::Ask(next) = choice else {
        return view! {
            <p class="settled" data-testid="settled">"More questions would not change this verdict."</p>
        }
        .into_any();
    };
    let Some(q) = Kb::builtin().question(&next.question_id).cloned() else {
        return ().into_any();
    };
    let qid = q.id.clone();
    view! {
        <fieldset class="question" data-testid="question" data-question=q.id.clone()>
            <legend>{q.text.clone()}</legend>
            {q.help.clone().map(|h| view! { <p class="help">{h}</p> })}
            <div class="answers">
                {q.answers.iter().map(|a| {
                    let (qid, aid) = (q.id.clone(), a.id.clone());
                    view! {
                        <button class="answer" data-answer=a.id.clone() on:click=move |_| state.answer(&qid, &aid)>
                            {a.text.clone()}
                        </button>
                    }
                }).collect_view()}
                <button class="answer skip" data-testid="skip-question" on:click=move |_| state.skip(&qid)>"Skip"</button>
            </div>
        </fieldset>
    }
    .into_any()
}
