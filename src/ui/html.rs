//! Small static fragments (lists of causes, answers, steps) written as escaped HTML and set as an
//! element's content, with one delegated click handler per list instead of one per button: each
//! distinct Leptos view type costs code, and these lists are redrawn whole anyway. Every text and
//! attribute value goes through `esc`.
use wasm_bindgen::JsCast;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The value of `attr` on the clicked element or its closest ancestor that has it.
pub fn clicked(ev: &web_sys::MouseEvent, attr: &str) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(&format!("[{attr}]")).ok().flatten()?.get_attribute(attr)
}

/// `<li class="…">…</li>` with escaped text.
pub fn li(class: &str, text: &str) -> String {
    format!("<li class=\"{class}\">{}</li>", esc(text))
}
