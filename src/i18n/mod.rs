//! Languages at run time, pure (no browser): which languages there are, which one to use, a
//! catalogue's texts and how a message becomes a sentence (placeholders, plurals, colours in the
//! form the sentence needs, numbers with the language's decimal sign). English is built in; any
//! other language is a pack (one text file, fetched by the glue) decoded by `Catalogue::decode`.
//! `words` is the one place that turns the core's values into these messages.
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

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

const TABLE: char = '\u{1}';
const SEP: char = '\u{2}';
const END: char = '\0';
const MAGIC: &str = "blink-lang 1";

impl Lang {
    pub fn by_id(id: &str) -> Option<&'static Lang> {
        LANGS.iter().find(|l| l.id == id)
    }

    pub fn english() -> &'static Lang {
        &LANGS[0]
    }
}

/// A language's texts: the catalogue (messages, colours, months, in `k`'s order) and the
/// knowledge base in that language.
#[derive(Debug)]
pub struct Catalogue {
    pub lang: &'static Lang,
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
    /// English, built in.
    pub fn english() -> &'static Catalogue {
        thread_local! {
            static EN_CAT: &'static Catalogue = Box::leak(Box::new(Catalogue { lang: Lang::english(), texts: EN.split(END).collect(), kb: Kb::builtin() }));
        }
        EN_CAT.with(|c| *c)
    }

    /// A language from its pack. The knowledge base is English's with every text replaced, so
    /// its ids and numbers are the very same. Kept for the page's life (a language is decoded at
    /// most once per visit).
    pub fn decode(lang: &'static Lang, pack: String) -> Result<&'static Catalogue, PackError> {
        let pack: &'static str = Box::leak(pack.into_boxed_str());
        let mut texts: Vec<&'static str> = pack.split(END).collect();
        let header = texts.first().and_then(|h| h.strip_prefix(MAGIC)?.strip_prefix(' ')?.strip_prefix(FINGERPRINT)?.strip_prefix(' '));
        let mut kb = Kb::builtin_copy().ok_or(PackError::Mismatch)?;
        let mut slots = kb.texts_mut();
        if header != Some(lang.id) || texts.len() != 1 + UI_TEXTS + KB_TEXTS || slots.len() != KB_TEXTS {
            return Err(PackError::Mismatch);
        }
        for (slot, text) in slots.iter_mut().zip(texts.drain(1 + UI_TEXTS..)) {
            **slot = text.to_string();
        }
        drop(slots);
        texts.remove(0);
        Ok(Box::leak(Box::new(Catalogue { lang, texts, kb: Box::leak(Box::new(kb)) })))
    }

    /// A text as written (a plain message, or a table as packed).
    fn raw(&self, key: usize) -> &'static str {
        self.texts.get(key).copied().unwrap_or_default()
    }

    /// A message with no placeholders.
    pub fn text(&self, key: usize) -> &'static str {
        self.raw(key)
    }

    /// A message with its placeholders filled in; a plural message chosen by the `n` among `args`.
    pub fn format(&self, key: usize, args: &[(&str, Arg)]) -> String {
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
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let inner = &rest[open + 1..open + close];
            let (name, form) = inner.split_once('.').unwrap_or((inner, ""));
            match args.iter().find(|(n, _)| *n == name).map(|(_, a)| a) {
                Some(Arg::Text(s)) => out.push_str(s),
                Some(Arg::Int(n)) => out.push_str(&n.to_string()),
                Some(Arg::Dec(x, d)) => out.push_str(&self.decimal(*x, *d)),
                Some(Arg::Colour(c)) => out.push_str(self.colour(*c, form)),
                None => {}
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A colour's word in `form` (a language whose colours have one form ignores `form`; an
    /// unnamed form is the first).
    pub fn colour(&self, c: LedColour, form: &str) -> &'static str {
        let i = LedColour::ALL.iter().position(|x| *x == c).unwrap_or(0);
        let raw = self.raw(k::COLOURS + i);
        if raw.starts_with(TABLE) {
            variant(raw, form).or_else(|| raw.split(TABLE).find_map(|v| v.split_once(SEP)).map(|(_, v)| v)).unwrap_or_default()
        } else {
            raw
        }
    }

    /// A month's short name (1 = January).
    pub fn month(&self, month: u8) -> &'static str {
        self.raw(k::MONTHS + (month.clamp(1, 12) - 1) as usize)
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

/// The catalogue in use (English until another is set). Not inlined: it is called from every
/// text the app shows, and one call is smaller than the look-up.
#[inline(never)]
pub fn current() -> &'static Catalogue {
    CURRENT.with(|c| c.get()).unwrap_or_else(Catalogue::english)
}

/// A message with no placeholders in the current language (`text::*`; one call per use).
#[inline(never)]
pub fn say(key: usize) -> &'static str {
    current().text(key)
}

/// Makes `cat` the catalogue in use (for this thread: the app has one; native tests one each).
pub fn set_current(cat: &'static Catalogue) {
    CURRENT.with(|c| c.set(Some(cat)));
}
