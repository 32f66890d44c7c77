//! Which language the app speaks. index.html's script chooses it before the first paint (`?lang=`,
//! else the one picked earlier, else the first of the phone's languages the app speaks, else
//! English), sets `<html lang>` and fetches its pack while the app loads; the loader hands the
//! pack over. Its picker (drawn by `ui::draw_chrome`) fetches another language's pack first, then
//! remembers the choice and reloads: the screen, the answers and the steps survive a reload (the
//! URL and the tab's storage), and the app holds one language only.
#![cfg_attr(not(feature = "langs"), allow(unused))]
use crate::glue::lang as glue;
use super::Shell;
use crate::i18n::{self, Catalogue, Lang};
use std::cell::Cell;

/// Why a language could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangError {
    /// Offline and never downloaded on this phone.
    NotDownloaded,
    /// The site's pack could not be used (an error, or another version's).
    Failed,
}

impl LangError {
    fn of(e: glue::FetchError) -> LangError {
        match e {
            glue::FetchError::Unreachable => LangError::NotDownloaded,
            glue::FetchError::Failed => LangError::Failed,
        }
    }
}

thread_local! {
    static STARTUP_PROBLEM: Cell<Option<(&'static Lang, LangError)>> = const { Cell::new(None) };
}

/// The language chosen on start that could not be shown, and why (taken once, by the app).
pub fn startup_problem() -> Option<(&'static Lang, LangError)> {
    STARTUP_PROBLEM.with(|p| p.take())
}

/// Before the app mounts: the chosen language's texts (English when it is English, or when its
/// pack cannot be used: then the app says so), with the knowledge base `shell` carries. Each
/// module does this as it starts; the check's module finds the pack the first one used.
pub fn start(shell: &Shell) {
    i18n::set_current(Catalogue::english((shell.kb)()));
    #[cfg(feature = "langs")]
    start_lang(shell);
}

#[cfg(feature = "langs")]
fn start_lang(shell: &Shell) {
    let Some(lang) = glue::html_lang().as_deref().and_then(Lang::by_id).filter(|l| l.pack.is_some()) else { return };
    let decoded = glue::early_pack().map_err(LangError::of).and_then(|pack| Catalogue::decode(lang, pack, shell.kb_copy, shell.kb_texts).map_err(|_| LangError::Failed));
    match decoded {
        Ok(cat) => i18n::set_current(cat),
        Err(e) => {
            glue::set_html_lang("en");
            STARTUP_PROBLEM.with(|p| p.set(Some((lang, e))));
        }
    }
}
