//! One question at a time, chosen by the engine (or the one being changed), with the answers
//! offered on this model; every answer re-ranks at once. And the list of answers given so far,
//! each of which can be changed.
use super::{html, use_state, words};
use leptos::prelude::*;

#[component]
pub fn QuestionCard(question_id: String) -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let (q, model) = (kb.question(&question_id)?, kb.model(&state.model_id())?);
    let editing = state.with(|s| s.editing() == Some(question_id.as_str()));
    let given = state.with(|s| s.inputs().answers.get(&question_id).cloned());
    let qid = q.id.clone();
    let mut answers_html = String::new();
    for i in q.answers_on(model) {
        let a = &q.answers[i];
        let chosen = given.as_deref() == Some(a.id.as_str());
        answers_html.push_str(&format!(
            "<button class=\"answer{}\"{} data-answer=\"{}\">{}</button>",
            if chosen { " chosen" } else { "" },
            if chosen { " aria-pressed=\"true\"" } else { "" },
            html::esc(&a.id),
            html::esc(&a.text)
        ));
    }
    answers_html.push_str(&format!(
        "<button class=\"answer skip\" data-testid=\"skip-question\" data-skip=\"1\">{}</button>",
        if editing { words::keep_answer() } else { words::skip_question() }
    ));
    Some(view! {
        <fieldset class="question" data-testid="question" data-question=q.id.clone()>
            <legend>{if editing { words::changing(&q.text) } else { q.text.clone() }}</legend>
            {q.help.clone().map(|h| view! { <p class="help">{h}</p> })}
            <div class="answers" inner_html=answers_html on:click=move |ev| {
                if let Some(a) = html::clicked(&ev, "data-answer") {
                    state.answer(&qid, &a)
                } else if html::clicked(&ev, "data-skip").is_some() {
                    if editing { state.cancel_change() } else { state.skip(&qid) }
                }
            }></div>
        </fieldset>
    })
}

/// The answers given so far, each with a way to change it.
#[component]
pub fn GivenAnswers() -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let answers = state.with(|s| s.inputs().answers.clone());
    let mut list = String::new();
    // In the order the questions come in the knowledge base (what the light does first).
    for q in kb.questions.iter().filter(|q| answers.contains_key(&q.id)) {
        let qid = &q.id;
        let Some(a) = answers.get(qid).and_then(|aid| q.answers.iter().find(|a| &a.id == aid)) else { continue };
        list.push_str(&format!(
            "<li data-testid=\"given\" data-question=\"{id}\"><span class=\"given-q\">{q}</span><span class=\"given-a\">{a}</span>\
             <button class=\"link inline\" data-testid=\"change-answer\" data-change=\"{id}\">{change}<span class=\"sr-only\">: {q}</span></button></li>",
            id = html::esc(qid),
            q = html::esc(&q.text),
            a = html::esc(&a.text),
            change = words::change(),
        ));
    }
    (!answers.is_empty()).then(|| view! {
        <section class="given" aria-labelledby="given-heading">
            <h2 id="given-heading">{words::your_answers()}</h2>
            <ul inner_html=list on:click=move |ev| if let Some(q) = html::clicked(&ev, "data-change") { state.change(&q) }></ul>
        </section>
    })
}
