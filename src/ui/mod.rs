//! Leptos views. They wire signals to the core and the glue; no analysis happens here, and every
//! text comes from `words`. `AppState` holds the session (`diagnose::Session`: screen, inputs,
//! fix plan) privately: views read it and call its transitions, and `AppState` carries each
//! transition over to the browser (history entry, sessionStorage, focus on the new heading).
mod chart;
mod checks;
mod diagnosis;
mod fix;
mod home;
mod html;
pub mod lang;
mod model_art;
mod model_screen;
mod questions;
mod reading;
mod use_led_reading;
use crate::words;

use crate::diagnose::{diagnose, history, Action, Diagnosis, Inputs, Nav, Record, Screen, Session};
use crate::glue::{modules, page};
use crate::kb::Kb;
use crate::led::LedEvidence;
use leptos::either::EitherOf6;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::any::Any;

const LAST_MODEL_KEY: &str = "blink-doctor.last-model";
/// Where the session is kept for this tab (answers survive a reload). Versioned: a new layout
/// gets a new key, and an old value is simply not read.
const SESSION_KEY: &str = "blink-doctor.session.v2";

/// What one wasm module of the app carries (issue 16: the first visit is small). The first
/// module (`blink-home`, loaded with the page) has the home and model screens and no diagnosis;
/// the check's module (`blink-doctor`, fetched in the background once the home screen is up)
/// has every screen. Function pointers, chosen by each binary's `main`: what a module's shell
/// never names, the linker leaves out.
pub struct Shell {
    /// Whether this module has `screen`; when not, the check's module takes the page over and
    /// opens the session where this one saved it.
    pub has: fn(&Screen) -> bool,
    /// Mounts `screen` (one this module has) into `main` and returns the mount's handle.
    pub mount: fn(web_sys::HtmlElement, Screen, AppState) -> Box<dyn Any>,
    /// The diagnosis of the inputs, where this module has the engine.
    pub diagnose: fn(&Kb, &Inputs) -> Option<Diagnosis>,
    /// Stores the current check when it changed, where this module keeps checks.
    pub keep: fn(&AppState),
    /// The knowledge base this module carries (the first: the models alone).
    pub kb: fn() -> &'static Kb,
    /// A copy of it of one's own, for another language's texts (`ui::lang::start`), and where
    /// they go in it (`Kb::texts_mut`; the models alone: `Kb::model_texts_mut`).
    #[cfg(feature = "langs")]
    pub kb_copy: fn() -> Option<Kb>,
    #[cfg(feature = "langs")]
    pub kb_texts: fn(&mut Kb, &mut dyn FnMut(&mut String)),
}

/// Every screen and the diagnosis: the check's module.
pub static WHOLE: Shell = Shell {
    has: |_| true,
    mount: mount_any,
    diagnose: |kb, inputs| diagnose(kb, inputs).ok(),
    keep: AppState::keep_check,
    kb: Kb::builtin,
    #[cfg(feature = "langs")]
    kb_copy: Kb::builtin_copy,
    #[cfg(feature = "langs")]
    kb_texts: Kb::texts_mut,
};

/// The home and model screens only: the first module. Any other screen hands the page over to
/// the check's module (`glue::modules`), which opens the session where this one left it.
pub static FIRST: Shell = Shell {
    has: |s| matches!(s, Screen::Home | Screen::Model),
    mount: mount_first,
    diagnose: |_, _| None,
    keep: |_| {},
    kb: Kb::models_only,
    #[cfg(feature = "langs")]
    kb_copy: Kb::models_only_copy,
    #[cfg(feature = "langs")]
    kb_texts: Kb::model_texts_mut,
};

fn mount_any(main: web_sys::HtmlElement, screen: Screen, state: AppState) -> Box<dyn Any> {
    Box::new(mount_to(main, move || {
        provide_context(state);
        match screen {
            Screen::Home => EitherOf6::A(view! { <home::Home /> }),
            Screen::Model => EitherOf6::B(view! { <model_screen::ModelScreen /> }),
            Screen::Reading => EitherOf6::C(view! { <reading::Reading /> }),
            Screen::Questions | Screen::Diagnosis => EitherOf6::D(view! { <diagnosis::DiagnosisScreen /> }),
            Screen::Fix { .. } => EitherOf6::E(view! { <fix::FixScreen /> }),
            Screen::Checks { open } => EitherOf6::F(view! { <checks::ChecksScreen open=open /> }),
        }
    }))
}

fn mount_first(main: web_sys::HtmlElement, screen: Screen, state: AppState) -> Box<dyn Any> {
    Box::new(mount_to(main, move || {
        provide_context(state);
        match screen {
            Screen::Home => leptos::either::Either::Left(view! { <home::Home /> }),
            _ => leptos::either::Either::Right(view! { <model_screen::ModelScreen /> }),
        }
    }))
}

/// The app's state: the session, changed only through these methods.
#[derive(Clone, Copy)]
pub struct AppState {
    shell: &'static Shell,
    session: RwSignal<Session>,
    /// The screen alone: views that depend only on it are not rebuilt when an answer changes.
    screen: Memo<Screen>,
    diagnosis: Memo<Option<Diagnosis>>,
    /// Counts the session's changes: a screen is drawn afresh on each (see `App`).
    revision: RwSignal<u32>,
    /// The checks kept on the phone, newest first (screens are redrawn on each change).
    checks: StoredValue<Vec<Record>>,
    /// The current check could not be stored (storage full or off).
    not_kept: StoredValue<bool>,
    /// The current check as last stored, so an unchanged one is not written again.
    stored: StoredValue<String>,
}

impl AppState {
    fn new(shell: &'static Shell) -> AppState {
        let kb = (shell.kb)();
        let saved = page::tab_value(SESSION_KEY).and_then(|t| Session::load(&t));
        let session = Session::open(kb, &page::query(), saved);
        // The URL as the session understood it (e.g. ?model=MINI becomes ?model=mini).
        page::replace(&session.route().query());
        let session = RwSignal::new(session);
        let diagnosis = Memo::new(move |_| session.with(|s| (shell.diagnose)(kb, s.inputs())));
        let screen = Memo::new(move |_| session.with(|s| s.screen().clone()));
        AppState {
            shell,
            session,
            screen,
            diagnosis,
            revision: RwSignal::new(0),
            checks: StoredValue::new(checks::load()),
            not_kept: StoredValue::new(false),
            stored: StoredValue::new(String::new()),
        }
    }

    /// The knowledge base (in the first module, its models alone: all its screens need).
    pub fn kb(&self) -> &'static Kb {
        (self.shell.kb)()
    }

    /// Reads the session. Screens are drawn afresh when it changes, so reads are untracked.
    pub fn with<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.session.with_untracked(f)
    }

    pub fn screen(&self) -> Screen {
        self.screen.get_untracked()
    }

    pub fn model_id(&self) -> String {
        self.session.with_untracked(|s| s.model_id().to_string())
    }

    /// The diagnosis of the current inputs (recomputed only when they change).
    pub fn diagnosis(&self) -> Option<Diagnosis> {
        self.diagnosis.get_untracked()
    }

    /// Runs a transition and carries it over to the browser. (One copy for every transition: a
    /// `dyn` call, not a generic one.)
    #[inline(never)]
    fn apply(&self, f: &mut dyn FnMut(&mut Session) -> Nav) {
        if modules::handed_over() {
            return;
        }
        let before = self.session.with_untracked(|s| s.route().query());
        let mut nav = Nav::Stay;
        let now = page::now_ms();
        self.session.update(|s| {
            nav = f(s);
            s.check_id(now);
        });
        (self.shell.keep)(self);
        self.revision.update(|r| *r = r.wrapping_add(1));
        let (after, saved, model) = self.session.with_untracked(|s| (s.route().query(), s.save(), s.model_id().to_string()));
        page::set_tab_value(SESSION_KEY, &saved);
        if !model.is_empty() {
            page::remember(LAST_MODEL_KEY, &model);
        }
        match nav {
            Nav::Push if after != before => page::push(&after),
            Nav::Push | Nav::Replace => page::replace(&after),
            Nav::Stay => {}
        }
    }

    /// The current check as a record (None before there is a verdict).
    pub fn record(&self) -> Option<Record> {
        let d = self.diagnosis()?;
        self.session.with_untracked(|s| {
            let id = s.current_check()?;
            Record::of(Kb::builtin(), s, &d, id, page::utc_offset_min(id))
        })
    }

    /// Stores the current check when it changed.
    fn keep_check(&self) {
        let Some(record) = self.record() else { return };
        let line = record.encode();
        if self.stored.with_value(|l| *l == line) {
            return;
        }
        let kept = checks::keep(&record);
        self.not_kept.set_value(!kept);
        if kept {
            self.stored.set_value(line);
        }
        self.checks.set_value(checks::load());
    }

    /// The checks kept on the phone, newest first.
    pub fn checks(&self) -> Vec<Record> {
        self.checks.get_value()
    }

    /// An earlier check of this model that found the same cause lately.
    pub fn repeat(&self) -> Option<Record> {
        let current = self.record()?;
        self.checks.with_value(|all| history::repeat_of(Kb::builtin(), all, &current).cloned())
    }

    /// True when the current check could not be stored.
    pub fn not_kept(&self) -> bool {
        self.not_kept.get_value()
    }

    /// Deletes one check; the screen is redrawn.
    pub fn forget_check(&self, id: u64) {
        checks::forget(id);
        self.checks.set_value(checks::load());
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    /// Deletes every stored check, unreadable ones too.
    pub fn forget_all_checks(&self) {
        checks::forget_all();
        self.checks.set_value(checks::load());
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    pub fn show_checks(&self, open: Option<u64>) {
        self.apply(&mut |s| s.show_checks(open));
    }

    /// Back or Forward: show the screen of the URL now in the address bar.
    fn restore(&self) {
        if modules::handed_over() {
            return;
        }
        let kb = self.kb();
        self.session.update(|s| s.restore(kb, &page::query()));
        self.revision.update(|r| *r = r.wrapping_add(1));
        let saved = self.session.with_untracked(|s| s.save());
        page::set_tab_value(SESSION_KEY, &saved);
        page::replace(&self.session.with_untracked(|s| s.route().query()));
    }

    pub fn go_home(&self) {
        self.apply(&mut |s| s.go_home());
    }

    pub fn start_over(&self) {
        self.apply(&mut |s| s.start_over());
    }

    pub fn choose_model(&self, id: &str) {
        let kb = self.kb();
        self.apply(&mut |s| s.choose_model(kb, id));
    }

    pub fn questions_anywhere(&self) {
        self.apply(&mut |s| s.questions_anywhere());
    }

    pub fn start_reading(&self) {
        self.apply(&mut |s| s.start_reading());
    }

    pub fn reading_done(&self, evidence: LedEvidence) {
        let mut evidence = Some(evidence);
        self.apply(&mut |s| evidence.take().map_or(Nav::Stay, |e| s.reading_done(e)));
    }

    pub fn questions_only(&self) {
        self.apply(&mut |s| s.questions_only());
    }

    pub fn answer(&self, question: &str, answer: &str) {
        self.apply(&mut |s| s.answer(Kb::builtin(), question, answer));
    }

    pub fn skip(&self, question: &str) {
        self.apply(&mut |s| s.skip(question));
    }

    /// Asks the skipped questions again.
    pub fn unskip_all(&self) {
        self.apply(&mut |s| s.unskip_all());
    }

    pub fn change(&self, question: &str) {
        self.apply(&mut |s| s.change(question));
    }

    pub fn cancel_change(&self) {
        self.apply(&mut |s| s.cancel_change());
    }

    pub fn start_fix(&self, cause: Option<&str>) {
        self.apply(&mut |s| s.start_fix(Kb::builtin(), cause));
    }

    pub fn act(&self, action: Action) {
        // An action that does not fit the step (a double tap on a button that is already gone)
        // changes nothing.
        self.apply(&mut |s| s.act(Kb::builtin(), action.clone()).unwrap_or(Nav::Stay));
    }

    pub fn to_diagnosis(&self) {
        self.apply(&mut |s| s.to_diagnosis());
    }

    /// The model remembered from an earlier visit, to mark it on the home screen.
    pub fn last_model(&self) -> Option<String> {
        page::remembered(LAST_MODEL_KEY)
    }
}

/// Starts a module's app (each module's `main`): the language index.html chose (its texts came
/// with the loader), then the page's current markup (pre-rendered, or the first module's) goes
/// and the app's own comes, in the same task (no flash).
pub fn start(shell: &'static Shell) {
    lang::start(shell);
    let early = page::take_over();
    leptos::mount::mount_to_body(move || view! { <App early=early.clone() shell=shell /> });
}

/// The app. `early` is what the person tapped on the pre-rendered home screen before the app was
/// ready (see `page::take_over`): it is carried out now.
#[component]
pub fn App(early: Option<String>, shell: &'static Shell) -> impl IntoView {
    let state = AppState::new(shell);
    provide_context(state);
    // Started by the first module's hand-over after a move: the first screen drawn here is a new
    // one to the person, so its heading takes focus (as after any move; not after a load).
    let handed = early.as_deref() == Some(modules::HANDED);
    match early.as_deref() {
        Some("no-camera") => state.questions_anywhere(),
        Some(e) => {
            if let Some(id) = e.strip_prefix("model:") {
                state.choose_model(id);
            }
        }
        None => {}
    }
    let update_ready = RwSignal::new(false);
    // Once the screen is drawn (their downloads do not share the network with the first
    // screen's): the manifest, and in release builds the service worker (in `trunk serve` a
    // cache-first worker would hide edits).
    page::after_render(move || {
        page::link_manifest("manifest.webmanifest");
        if cfg!(debug_assertions) {
            return;
        }
        leptos::task::spawn_local(async move {
            // Without a service worker the app still works, only not offline: nothing to report.
            if crate::glue::service_worker::register(move || update_ready.set(true)).await.is_ok()
                && crate::glue::service_worker::controlling().await
            {
                // Installed (the first visit is over): once the page is idle, the rest of the app
                // is fetched through the worker, which keeps it for offline use.
                gloo_timers::future::TimeoutFuture::new(300).await;
                let _ = modules::keep_offline().await;
            }
        });
    });
    // Back and Forward move between screens; the listener lives as long as the app.
    if let Some(listener) = page::on_popstate(move || state.restore()) {
        std::mem::forget(listener);
    }
    // The screen is mounted afresh whenever the session changes (a screen is small, and a view
    // that is built once and never diffed keeps the app small). The reading screen is left alone
    // while it stays: it owns the camera. A new screen (each fix step too) moves focus to its
    // heading, a redrawn one to its verdict; not on the first load.
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let mounted = StoredValue::new_local(None::<Box<dyn Any>>);
    Effect::new(move |prev: Option<Screen>| {
        state.revision.track();
        let screen = state.screen.get();
        let Some(main) = main_ref.get() else { return screen };
        if prev.as_ref() == Some(&screen) && screen == Screen::Reading {
            return screen;
        }
        if modules::handed_over() {
            return screen;
        }
        if !(state.shell.has)(&screen) {
            // Saved by `apply` (or opened so from the URL): the check's module carries on. When
            // it cannot be had (offline before it was kept), back to where the person was.
            let first = prev.is_none();
            modules::hand_over(!first, move |_| if first { state.go_home() } else { page::back() });
            return screen;
        }
        mounted.set_value(None);
        let handle = (state.shell.mount)(main.into(), screen.clone(), state);
        mounted.set_value(Some(handle));
        match &prev {
            Some(p) if *p != screen => page::after_render(|| page::focus_first(&["main h1"])),
            Some(_) => page::after_render(|| page::focus_first(&["main .verdict", "main legend", "main h1"])),
            None => {
                page::mark_ready();
                if handed {
                    page::after_render(|| page::focus_first(&["main h1"]));
                }
            }
        }
        screen
    });
    view! {
        {move || update_ready.get().then(|| view! {
            <div class="update" role="status" data-testid="update-ready">
                {words::update_ready()}{words::space()}
                <button data-testid="update-reload" on:click=move |_| crate::glue::service_worker::apply_update()>{words::reload()}</button>
            </div>
        })}
        <a class="skip-link" href="#main">{words::skip_to_content()}</a>
        // The header is fixed markup (`header_html`) with one click handler.
        <header class="top" inner_html=header_html()
            on:click=move |ev| match html::clicked(&ev, "data-act").as_deref() {
                Some("home") => state.go_home(),
                Some("no-camera") => state.questions_anywhere(),
                _ => {}
            }></header>
        <main id="main" tabindex="-1" node_ref=main_ref></main>
        <footer class="disclaimer">{words::disclaimer()}</footer>
    }
}

/// The header: the app's name (home), the language picker, the way to questions without a
/// camera, and a language chosen on start that could not be shown. The picker is index.html's: it
/// fetches the language picked, then remembers it and reloads (the app never changes language
/// while it runs), or says why it cannot with the messages in its data-offline and data-failed.
#[cfg(feature = "langs")]
fn header_html() -> String {
    let problem = lang::startup_problem().map(|(l, e)| words::lang_unavailable(l.name, e == lang::LangError::NotDownloaded));
    // Pushed, not formatted (less code in the first module, issue 17); every language in its
    // own name (build.rs checks that no name needs escaping), the current one selected.
    let lang = crate::i18n::current().lang.id;
    let mut out = String::new();
    let offline = html::esc(&words::lang_unavailable("{lang}", true));
    let failed = html::esc(&words::lang_unavailable("{lang}", false));
    for part in [
        "<button class=\"brand\" data-act=\"home\">",
        words::APP_NAME,
        "</button><select class=\"lang\" data-testid=\"language\" aria-label=\"",
        &html::esc(words::language()),
        "\" data-offline=\"",
        &offline,
        "\" data-failed=\"",
        &failed,
        "\">",
    ] {
        out.push_str(part);
    }
    for l in crate::i18n::LANGS.iter() {
        for part in ["<option value=\"", l.id, "\" lang=\"", l.id, if l.id == lang { "\" selected>" } else { "\">" }, l.name, "</option>"] {
            out.push_str(part);
        }
    }
    out.push_str("</select>");
    top_link(&mut out);
    if let Some(p) = problem {
        for part in ["<p class=\"lang-problem\" role=\"alert\" data-testid=\"language-problem\">", &html::esc(&p), "</p>"] {
            out.push_str(part);
        }
    }
    out
}

/// The header's way to questions without a camera.
fn top_link(out: &mut String) {
    for part in ["<button class=\"top-link\" data-testid=\"no-camera\" data-act=\"no-camera\">", &html::esc(words::no_camera_link()), "</button>"] {
        out.push_str(part);
    }
}

/// The header of an English-only build (no `langs` feature: what the languages cost is measured
/// against it, tools/lang-cost.mjs).
#[cfg(not(feature = "langs"))]
fn header_html() -> String {
    let mut out = ["<button class=\"brand\" data-act=\"home\">", words::APP_NAME, "</button>"].concat();
    top_link(&mut out);
    out
}

/// The app state from context (provided by `App`).
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
