//! Home: what the app does, the model picker with a drawing of each model, and "which one do I
//! have?" for the models that look alike.
use super::{html, model_art::ModelArt, use_state, words};
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let notice = state.with(|s| s.notice().map(words::notice));
    let current = state.model_id();
    let checks = state.checks().len();
    let marked = if current.is_empty() { state.last_model().unwrap_or_default() } else { current };
    // Groups of models handled alike, each named once.
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for m in &kb.models {
        let alike: Vec<&str> = kb.handled_alike(&m.id).iter().map(|x| x.name.as_str()).collect();
        if alike.len() > 1 && !groups.contains(&alike) {
            groups.push(alike);
        }
    }
    view! {
        <section class="home">
            <h1>{words::home_title()}</h1>
            <p class="lead">{words::home_lead()}</p>
            {notice.map(|n| view! { <p class="notice" role="alert" data-testid="notice">{n}</p> })}
            <h2 id="pick-heading">{words::pick_model()}</h2>
            <details class="which" data-testid="which-one">
                <summary>{words::which_one()}</summary>
                <dl inner_html={kb.models.iter().map(|m| format!("<dt>{}</dt><dd>{}</dd>", html::esc(&m.name), html::esc(&m.looks.text))).collect::<String>()}></dl>
                <div inner_html={groups.iter().map(|g| format!("<p>{}</p>", html::esc(&words::handled_alike(g)))).collect::<String>()}></div>
            </details>
            <ul class="models" aria-labelledby="pick-heading">
                {kb.models.iter().map(|m| {
                    let id = m.id.clone();
                    view! {
                        <li>
                            <button class="model" class:selected=m.id == marked data-model=m.id.clone()
                                on:click=move |_| state.choose_model(&id)>
                                <ModelArt model_id=m.id.clone() small=true />
                                <span class="model-name">{m.name.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(checks > 0).then(|| view! {
                <button class="secondary" data-testid="open-checks" on:click=move |_| state.show_checks(None)>{words::checks_count(checks)}</button>
            })}
        </section>
    }
}
