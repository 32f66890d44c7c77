//! Languages at run time, pure (no browser): which languages there are, which one to use, a
//! catalogue's texts and how a message becomes a sentence (placeholders, plurals, colours in the
//! form the sentence needs, numbers with the language's decimal sign). English is built in, each
//! text in its `Key` (so a wasm module carries only the English it uses); any other language is a
//! pack (one text file, fetched by the glue) decoded by `Catalogue::decode`. `words` is the one
//! place that turns the core's values into these messages.
use crate::kb::Kb;
use crate::led::LedColour;
use std::cell::Cell;

pub mod plural;

/// A language the app speaks (src/lang/languages.toml).
#[derive(Debug)]
pub struct Lang {
    /// "en", "de": `?lang=`, `<html lang>`, the remembered choice.
    pub id: &'static str,
    /// The language's own name ("Deutsch"), for the picker.
    pub name: &'static str,
    pub decimal: &'static str,
    /// (category, condition) for the categories besides "other".
    pub plural: &'static [(&'static str, &'static str)],
    /// The pack's URL relative to the page ("lang/de.1a2b3c4d.txt"); None for English (built in).
    pub pack: Option<&'static str>,
}

/// A message: its place in a catalogue (`k::*`) and its English text (as packed: a plural
/// message is a table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub i: usize,
    pub en: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

const TABLE: char = '\u{1}';
const SEP: char = '\u{2}';
const END: char = '\0';

impl Lang {
    pub fn by_id(id: &str) -> Option<&'static Lang> {
        LANGS.iter().find(|l| l.id == id)
    }

    pub fn english() -> &'static Lang {
        &LANGS[0]
    }
}

/// A language's texts: the catalogue (a pack's header, then messages, colours, months in `k`'s
/// order; none for English, whose texts are in the keys) and the knowledge base in that language.
#[derive(Debug)]
pub struct Catalogue {
    pub lang: &'static Lang,
    #[cfg_attr(not(feature = "langs"), allow(dead_code))]
    texts: Vec<&'static str>,
    pub kb: &'static Kb,
}

/// Why a pack could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Not a pack of this language for this build of the app (another version's, or damaged).
    Mismatch,
}

impl Catalogue {
    /// English, built in, with `kb` (the knowledge base the module carries: a module that shows
    /// only the models has only them). Kept for the page's life.
    pub fn english(kb: &'static Kb) -> &'static Catalogue {
        Box::leak(Box::new(Catalogue { lang: Lang::english(), texts: Vec::new(), kb }))
    }

    /// A language from its pack, its knowledge base texts put into a fresh copy of the module's
    /// built-in knowledge base (`kb`: so its ids and numbers are the very same) through `slots`
    /// (`Kb::texts_mut`, the pack's layout; or, for the models alone in the first module,
    /// `Kb::model_texts_mut`: their texts come first in the pack, so it takes the first of them).
    /// Kept for the page's life (a language is decoded at most once per module). The pack is
    /// checked before the copy is made, and the copy is never dropped: the first module then
    /// carries no code to drop a knowledge base (~1 KB).
    pub fn decode(lang: &'static Lang, pack: String, kb: fn() -> Option<Kb>, slots: fn(&mut Kb, &mut dyn FnMut(&mut String))) -> Result<&'static Catalogue, PackError> {
        // Leaked as it is (not shrunk first: no code to move it).
        let pack: &'static str = pack.leak();
        // The header stays first: a text's place in the pack is one more than in `k`.
        let texts: Vec<&'static str> = pack.split(END).collect();
        let header = texts.first().and_then(|h| h.strip_prefix(PACK_HEAD));
        if header != Some(lang.id) || texts.len() != 1 + UI_TEXTS + KB_TEXTS {
            return Err(PackError::Mismatch);
        }
        let kb: &'static mut Kb = Box::leak(Box::new(kb().ok_or(PackError::Mismatch)?));
        // The fingerprint covers the layout: a module's slots are the pack's (or its first).
        // The English texts replaced are let go of without being freed, like the copy itself:
        // no code to drop them (issue 17).
        let mut from = texts.iter().skip(1 + UI_TEXTS);
        slots(kb, &mut |slot| {
            if let Some(text) = from.next() {
                std::mem::forget(std::mem::replace(slot, text.to_string()));
            }
        });
        Ok(Box::leak(Box::new(Catalogue { lang, texts, kb })))
    }

    /// The text at place `i` of a pack (after its header), or `en` for English.
    #[cfg(not(feature = "langs"))]
    fn at(&self, _: usize, en: &'static str) -> &'static str {
        en
    }

    /// The text at place `i` of a pack (after its header), or `en` for English.
    #[cfg(feature = "langs")]
    fn at(&self, i: usize, en: &'static str) -> &'static str {
        if self.texts.is_empty() {
            en
        } else {
            self.texts.get(i + 1).copied().unwrap_or_default()
        }
    }

    /// A text as written (a plain message, or a table as packed).
    fn raw(&self, key: Key) -> &'static str {
        self.at(key.i, key.en)
    }

    /// A message with no placeholders.
    pub fn text(&self, key: Key) -> &'static str {
        self.raw(key)
    }

    /// A message with its placeholders filled in; a plural message chosen by the `n` among `args`.
    pub fn format(&self, key: Key, args: &[(&str, Arg)]) -> String {
        let raw = self.raw(key);
        let template = if raw.starts_with(TABLE) {
            let n = args.iter().find_map(|(name, a)| match (name, a) {
                (&"n", Arg::Int(n)) => Some(*n),
                _ => None,
            });
            let category = plural::category(self.lang.plural, n.unwrap_or(0));
            variant(raw, category).or_else(|| variant(raw, "other")).unwrap_or_default()
        } else {
            raw
        };
        fill(template, &mut |name, form, out| match args.iter().find(|(n, _)| *n == name).map(|(_, a)| a) {
            Some(Arg::Text(s)) => out.push_str(s),
            Some(Arg::Int(n)) => out.push_str(&n.to_string()),
            Some(Arg::Dec(x, d)) => out.push_str(&self.decimal(*x, *d)),
            Some(Arg::Colour(c)) => out.push_str(self.colour(*c, form)),
            None => {}
        })
    }

    /// A message whose placeholders are all texts, filled in (`format` for such a message, without
    /// plural rules, numbers or colours: the first module formats only these, and carries none of
    /// that code).
    pub fn format_text(&self, key: Key, args: &[(&str, &str)]) -> String {
        let raw = self.raw(key);
        // A message without a count is no table; should one be, its `other` form is the one.
        let template = if raw.starts_with(TABLE) { variant(raw, "other").unwrap_or_default() } else { raw };
        fill(template, &mut |name, _, out| {
            if let Some((_, s)) = args.iter().find(|(n, _)| *n == name) {
                out.push_str(s);
            }
        })
    }

    /// A colour's word in `form` (a language whose colours have one form ignores `form`; an
    /// unnamed form is the first).
    pub fn colour(&self, c: LedColour, form: &str) -> &'static str {
        let i = LedColour::ALL.iter().position(|x| *x == c).unwrap_or(0);
        let raw = self.at(k::COLOURS + i, EN_COLOURS.get(i).copied().unwrap_or_default());
        if raw.starts_with(TABLE) {
            variant(raw, form).or_else(|| raw.split(TABLE).find_map(|v| v.split_once(SEP)).map(|(_, v)| v)).unwrap_or_default()
        } else {
            raw
        }
    }

    /// A month's short name (1 = January).
    pub fn month(&self, month: u8) -> &'static str {
        let i = (month.clamp(1, 12) - 1) as usize;
        self.at(k::MONTHS + i, EN_MONTHS[i])
    }

    /// `x` with `decimals` digits after the language's decimal sign ("2.5", "2,5").
    pub fn decimal(&self, x: f64, decimals: u32) -> String {
        let s = crate::words::fixed(x, decimals);
        if self.lang.decimal == "." {
            s
        } else {
            s.replacen('.', self.lang.decimal, 1)
        }
    }
}

/// `template` with each placeholder `{name}` or `{name.form}` replaced by what `put` writes.
fn fill(template: &str, put: &mut dyn FnMut(&str, &str, &mut String)) -> String {
    let mut out = String::new();
    let mut rest = template;
    // Split, not sliced: a slice that can panic brings its message's formatting into every
    // module (~2 KB in the first).
    while let Some((before, after)) = rest.split_once('{') {
        let Some((inner, tail)) = after.split_once('}') else { break };
        out.push_str(before);
        let (name, form) = inner.split_once('.').unwrap_or((inner, ""));
        put(name, form, &mut out);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The text of `key` in a packed table.
fn variant(raw: &'static str, key: &str) -> Option<&'static str> {
    raw.split(TABLE).filter_map(|v| v.split_once(SEP)).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// What fills a placeholder.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    /// A whole number (also what chooses a plural message, as `n`).
    Int(u64),
    /// A number with this many decimals, written with the language's decimal sign.
    Dec(f64, u32),
    /// A colour, in the form the placeholder names.
    Colour(LedColour),
}

thread_local! {
    static CURRENT: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
}

/// The catalogue in use. Not inlined: it is called from every text the app shows, and one call
/// is smaller than the look-up.
#[inline(never)]
pub fn current() -> &'static Catalogue {
    CURRENT.with(|c| c.get()).unwrap_or_else(unset)
}

/// Natively (tests, tools): English with the whole knowledge base, until another is set.
#[cfg(not(target_arch = "wasm32"))]
fn unset() -> &'static Catalogue {
    thread_local! {
        static EN_CAT: &'static Catalogue = Catalogue::english(Kb::builtin());
    }
    let cat = EN_CAT.with(|c| *c);
    set_current(cat);
    cat
}

/// In the browser every module sets its catalogue before it draws (`ui::lang::start`), with the
/// knowledge base it carries; naming one here would put the whole knowledge base into every
/// module. Unset, it is English with no knowledge base.
#[cfg(target_arch = "wasm32")]
fn unset() -> &'static Catalogue {
    let cat = Catalogue::english(Box::leak(Box::default()));
    set_current(cat);
    cat
}

/// A message with no placeholders in the current language (`text::*`). Each use calls `say_at`
/// with the key's place and English text as they are: a `Key` passed whole goes by reference to a
/// copy of it among the module's data, 12 bytes a message (issue 17: ~90 bytes gzip in the
/// first module).
#[cfg(feature = "langs")]
#[inline(always)]
pub fn say(key: Key) -> &'static str {
    say_at(key.i, key.en)
}

/// `say`'s look-up: not inlined, one call per use is smaller.
#[cfg(feature = "langs")]
#[inline(never)]
fn say_at(i: usize, en: &'static str) -> &'static str {
    current().at(i, en)
}

/// English only (no `langs` feature: what the languages cost is measured against it,
/// tools/lang-cost.mjs): a message is its English text.
#[cfg(not(feature = "langs"))]
pub fn say(key: Key) -> &'static str {
    key.en
}

/// Makes `cat` the catalogue in use (for this thread: the app has one; native tests one each).
pub fn set_current(cat: &'static Catalogue) {
    CURRENT.with(|c| c.set(Some(cat)));
}
