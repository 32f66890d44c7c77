//! The checks kept on this phone: keeping the current one (`keep`), the "Your checks" screen (the
//! list newest first, one check's report, deleting one or all), and the Share report button.
//! What a record holds, how it is stored and what a repeat is are the core's (`diagnose::history`);
//! the words are `words`'; storage and sharing are the glue's.
use super::{html, use_state, words};
use crate::diagnose::history::{self, Record};
use crate::glue::share::{self, Sent, ShareError};
use crate::glue::store;
use wasm_bindgen::JsCast;
use leptos::prelude::*;

/// Every readable check on the phone, newest first (none where storage is unavailable).
pub fn load() -> Vec<Record> {
    store::entries(history::KEY_PREFIX).map(history::read_all).unwrap_or_default()
}

/// Stores `record` (replacing the check's earlier state), keeping at most `MAX_KEPT` and making
/// room when the storage is full by dropping the oldest checks. Returns whether it is kept.
pub fn keep(record: &Record) -> bool {
    let mut all = load();
    for id in history::overflow(&all, record.id) {
        forget(id);
        all.retain(|r| r.id != id);
    }
    let line = record.encode();
    loop {
        match store::put(&record.key(), &line) {
            Ok(()) => return true,
            Err(store::StoreError::Full) => match history::oldest_except(&all, record.id) {
                Some(id) => {
                    forget(id);
                    all.retain(|r| r.id != id);
                }
                None => return false,
            },
            Err(_) => return false,
        }
    }
}

/// Deletes every stored check, unreadable ones too (other settings stay).
pub fn forget_all() {
    for (key, _) in store::entries(history::KEY_PREFIX).unwrap_or_default() {
        let _ = store::remove(&key);
    }
}

/// Deletes one check (nothing happens where storage is unavailable).
pub fn forget(id: u64) {
    let _ = store::remove(&format!("{}{id}", history::KEY_PREFIX));
}

/// The Share report button, its outcome ("Copied") and the report's text (shown with `show`, and
/// anyway when the phone neither shares nor copies, to copy by hand). Static HTML with one click
/// handler that reads the text back from the page: one view type wherever it is used.
pub fn share_block(title: &str, text: &str, show: bool) -> impl IntoView {
    let inner = format!(
        "<button class=\"secondary\" data-testid=\"share-report\">{}</button><p class=\"share-status\" role=\"status\" data-testid=\"share-status\"></p>\
         <pre class=\"report\" data-testid=\"report\"{}>{}</pre>",
        words::share_report(),
        if show { "" } else { " hidden" },
        html::esc(text)
    );
    let click = move |ev: web_sys::MouseEvent| {
        // Only the button shares (the handler sits on the whole block).
        if html::clicked(&ev, "data-testid").as_deref() != Some("share-report") {
            return;
        }
        let Some(block) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let (Ok(Some(pre)), Ok(Some(status))) = (block.query_selector("pre"), block.query_selector(".share-status")) else { return };
        let title = block.get_attribute("data-share-title").unwrap_or_default();
        let text = pre.text_content().unwrap_or_default();
        leptos::task::spawn_local(async move {
            let said = match share::share_or_copy(&title, &text).await {
                Ok(Sent::Copied) => words::copied(),
                Ok(Sent::Shared) => words::shared(),
                Err(ShareError::Cancelled) => return,
                Err(ShareError::NoWay) => {
                    let _ = pre.remove_attribute("hidden");
                    words::copy_failed()
                }
            };
            status.set_text_content(Some(said));
        });
    };
    view! { <div class="share" data-share-title=title.to_string() inner_html=inner on:click=click></div> }
}

/// Your checks: the list (`open` None) or one check's report. Static HTML redrawn on each change,
/// with one delegated click handler.
#[component]
pub fn ChecksScreen(open: Option<u64>) -> impl IntoView {
    let state = use_state();
    let kb = words::kb();
    let all = state.checks();
    let record = open.and_then(|id| all.iter().find(|r| r.id == id).cloned());
    let (title, body, share) = match (&record, open) {
        (Some(r), _) => (
            words::check_title(kb, r),
            format!(
                "<button class=\"secondary\" data-testid=\"delete-check\" data-delete=\"{}\">{}</button><button class=\"link\" data-testid=\"all-checks\" data-all>{}</button>",
                r.id,
                words::delete_this(),
                words::all_checks()
            ),
            Some(share_block(&words::report_title(kb, r), &words::report(kb, r), true)),
        ),
        (None, Some(_)) => (
            words::your_checks().to_string(),
            format!("<p>{}</p><button class=\"link\" data-testid=\"all-checks\" data-all>{}</button>", words::check_gone(), words::all_checks()),
            None,
        ),
        (None, None) => (words::your_checks().to_string(), list_html(&all), None),
    };
    let testid = if record.is_some() { "check-report" } else { "checks" };
    let click = move |ev: web_sys::MouseEvent| {
        let id = |attr| html::clicked(&ev, attr).and_then(|v| v.parse::<u64>().ok());
        if let Some(id) = id("data-open") {
            state.show_checks(Some(id));
        } else if let Some(id) = id("data-delete") {
            state.forget_check(id);
            if open.is_some() {
                state.show_checks(None);
            }
        } else if html::clicked(&ev, "data-delete-all").is_some() {
            state.forget_all_checks();
        } else if html::clicked(&ev, "data-all").is_some() {
            state.show_checks(None);
        }
    };
    view! {
        <section class="checks-page" data-testid=testid data-check=open.map(|id| id.to_string()).unwrap_or_default() on:click=click>
            <h1>{title}</h1>
            {share}
            <div inner_html=body></div>
        </section>
    }
}

/// The list of checks, newest first, and "delete all" (confirmed in a disclosure).
fn list_html(records: &[Record]) -> String {
    let kb = words::kb();
    let mut out = format!("<p class=\"lead\">{}</p>", words::checks_lead());
    if records.is_empty() {
        out.push_str(&format!("<p data-testid=\"no-checks\">{}</p>", words::no_checks()));
        return out;
    }
    out.push_str("<ol class=\"checks\">");
    for r in records {
        let when = words::date_time(r.stamp());
        let model = words::model_name(kb, &r.model);
        let top = r.top().map(|c| words::cause_name(kb, c)).unwrap_or_default();
        let named = html::esc(&format!("{}{model}{}{when}", words::lead_sep(), words::list_sep()));
        out.push_str(&format!(
            "<li class=\"check-entry\" data-testid=\"history-entry\" data-check=\"{id}\" data-model=\"{}\" data-cause=\"{}\">\
             <p class=\"check-when\">{}</p><h2 class=\"check-model\">{}</h2><p class=\"check-seen\">{}</p>\
             <p class=\"check-found\">{}{}{} · {}</p>\
             <div class=\"check-actions\"><button class=\"secondary small\" data-testid=\"open-check\" data-open=\"{id}\">{}<span class=\"sr-only\">{named}</span></button>\
             <button class=\"link inline\" data-testid=\"delete-entry\" data-delete=\"{id}\">{}<span class=\"sr-only\">{named}</span></button></div></li>",
            html::esc(&r.model),
            html::esc(r.top().unwrap_or_default()),
            html::esc(&when),
            html::esc(&model),
            html::esc(&words::record_reading(r)),
            words::most_likely(),
            words::space(),
            html::esc(&top),
            words::outcome(&r.outcome),
            words::open_report(),
            words::delete(),
            id = r.id,
        ));
    }
    out.push_str(&format!(
        "</ol><details class=\"delete-all\"><summary data-testid=\"delete-all\">{}</summary><button class=\"secondary\" data-testid=\"confirm-delete-all\" data-delete-all>{}</button></details>",
        words::delete_all(),
        words::confirm_delete_all()
    ));
    out
}
