//! Simple drawings of each model with where its light (red dot) and reset button (ring) are.
//! The shapes are fixed markup (no text in them), set as the drawing's content.
use super::words;
use leptos::prelude::*;

fn shapes(model_id: &str) -> &'static str {
    match model_id {
        // A small camera on a stand; reset button under the body near the stand.
        "mini" => r#"<rect x="22" y="14" width="56" height="52" rx="10" class="shell"/><circle cx="50" cy="40" r="13" class="lens"/><circle cx="50" cy="22" r="3.5" class="led"/><rect x="44" y="66" width="12" height="14" class="stand"/><rect x="30" y="80" width="40" height="6" rx="3" class="stand"/><circle cx="62" cy="70" r="4" class="reset"/>"#,
        // A tall doorbell; the light ring around the button; reset inside the battery compartment.
        "video-doorbell" => r#"<rect x="32" y="6" width="36" height="88" rx="14" class="shell"/><circle cx="50" cy="26" r="9" class="lens"/><circle cx="50" cy="66" r="10" class="button"/><circle cx="50" cy="66" r="12" class="led-ring"/><circle cx="50" cy="84" r="4" class="reset"/>"#,
        // The Sync Module: a small box with two lights.
        "sync-module-2" => r#"<rect x="14" y="30" width="72" height="40" rx="8" class="shell"/><circle cx="40" cy="50" r="4" class="led-blue"/><circle cx="56" cy="50" r="4" class="led-green"/>"#,
        // Battery cameras: a square body; reset between the batteries under the back cover.
        _ => r#"<rect x="16" y="16" width="68" height="68" rx="12" class="shell"/><circle cx="50" cy="52" r="16" class="lens"/><circle cx="50" cy="26" r="3.5" class="led"/><circle cx="72" cy="30" r="4" class="reset"/>"#,
    }
}

#[component]
pub fn ModelArt(model_id: String, #[prop(optional)] small: bool) -> impl IntoView {
    let size = if small { "56" } else { "160" };
    let name = words::kb().model(&model_id).map(|m| m.name.clone()).unwrap_or_default();
    let label = if small { String::new() } else { words::drawing_label(&name) };
    view! {
        <svg class="model-art" viewBox="0 0 100 100" width=size height=size role=if small { "presentation" } else { "img" } aria-label=label inner_html=shapes(&model_id)></svg>
    }
}
