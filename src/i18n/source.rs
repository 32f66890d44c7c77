//! The languages as authored (src/lang/languages.toml, src/lang/<id>.toml, src/kb/lang/<id>.toml):
//! reading them, every check a translation must pass, and the packed form the app reads. Shared
//! by build.rs (which packs) and tests/i18n.rs (which fails on any problem); neither the app nor
//! the lib links it (it needs a TOML parser). It knows the knowledge base only as its list of
//! texts (`Kb::texts_mut`, in that order), so it does not depend on the KB's types.
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The colours a message can name (`{c}`, `{b}`), in the order of `LedColour::ALL`.
pub const COLOURS: [&str; 4] = ["red", "blue", "green", "white"];
/// Placeholders that stand for a colour (and may name a form: `{c.pl}`).
pub const COLOUR_PLACEHOLDERS: [&str; 2] = ["c", "b"];
/// The placeholder a plural message is chosen by.
pub const COUNT: &str = "n";
/// A table (plural variants or a colour's forms) packed as one text: TABLE key SEP value ...
pub const TABLE: char = '\u{1}';
pub const SEP: char = '\u{2}';
/// Between the texts of a pack.
pub const END: char = '\0';
/// The first line of a pack: "blink-lang 1 <fingerprint> <id>" (`head`, then the id).
pub const MAGIC: &str = "blink-lang 1";

/// The first line of a pack up to its language's id: "blink-lang 1 <fingerprint> ". The app is
/// given it whole (`i18n::PACK_HEAD`): one comparison checks a pack's kind and layout.
pub fn head(fingerprint: &str) -> String {
    format!("{MAGIC} {fingerprint} ")
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageList {
    pub language: Vec<Language>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub id: String,
    pub name: String,
    pub decimal: String,
    #[serde(default)]
    pub plural: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    /// Plural variants (a message) or forms (a colour).
    Table(BTreeMap<String, String>),
}

impl Text {
    fn variants(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s.as_str()],
            Text::Table(t) => t.values().map(String::as_str).collect(),
        }
    }

    /// As packed: a plain text as it is, a table as TABLE key SEP value ...
    pub fn packed(&self) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Table(t) => t.iter().map(|(k, v)| format!("{TABLE}{k}{SEP}{v}")).collect(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub months: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub colour: BTreeMap<String, Text>,
    pub calendar: Calendar,
    pub messages: BTreeMap<String, Text>,
}

/// Every language's sources.
#[derive(Debug, Clone)]
pub struct Sources {
    pub languages: Vec<Language>,
    pub catalogues: BTreeMap<String, Catalogue>,
    /// The knowledge base's texts in each language but English: English text -> translation.
    pub kb: BTreeMap<String, BTreeMap<String, String>>,
    /// Files that belong to no language in the list.
    pub strays: Vec<String>,
}

/// Files read, for the build's rerun-if-changed.
pub fn files(lang_dir: &Path, kb_lang_dir: &Path) -> Vec<String> {
    let mut out = vec![lang_dir.join("languages.toml").display().to_string()];
    for dir in [lang_dir, kb_lang_dir] {
        out.push(dir.display().to_string());
        if let Ok(entries) = fs::read_dir(dir) {
            out.extend(entries.flatten().map(|e| e.path().display().to_string()).filter(|p| p.ends_with(".toml")));
        }
    }
    out.sort();
    out
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads every language. A file that does not parse is an error (as a broken blink.toml is); a
/// missing text is not (see `problems`).
pub fn load(lang_dir: &Path, kb_lang_dir: &Path) -> Result<Sources, String> {
    let list: LanguageList = read(&lang_dir.join("languages.toml"))?;
    let mut catalogues = BTreeMap::new();
    let mut kb = BTreeMap::new();
    for l in &list.language {
        let path = lang_dir.join(format!("{}.toml", l.id));
        if path.exists() {
            catalogues.insert(l.id.clone(), read::<Catalogue>(&path)?);
        }
        let path = kb_lang_dir.join(format!("{}.toml", l.id));
        if l.id != "en" && path.exists() {
            kb.insert(l.id.clone(), read::<BTreeMap<String, String>>(&path)?);
        }
    }
    let known: BTreeSet<String> = list.language.iter().map(|l| format!("{}.toml", l.id)).collect();
    let mut strays = Vec::new();
    for dir in [lang_dir, kb_lang_dir] {
        for e in fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(".toml") && name != "languages.toml" && !known.contains(&name) {
                strays.push(e.path().display().to_string());
            }
        }
    }
    Ok(Sources { languages: list.language, catalogues, kb, strays })
}

/// A placeholder: its name and the form it asks for (`{c.pl}` -> ("c", Some("pl"))).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Placeholder {
    pub name: String,
    pub form: Option<String>,
}

/// The placeholders of one template, or why it is malformed.
pub fn placeholders(template: &str) -> Result<Vec<Placeholder>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a '}' without its '{'".into());
        }
        let Some(close) = rest[open..].find('}') else { return Err("a '{' without its '}'".into()) };
        let inner = &rest[open + 1..open + close];
        let (name, form) = match inner.split_once('.') {
            Some((n, f)) => (n, Some(f.to_string())),
            None => (inner, None),
        };
        let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok(name) || !form.as_deref().is_none_or(ok) {
            return Err(format!("'{{{inner}}}' is not a placeholder (lowercase name, optionally .form)"));
        }
        out.push(Placeholder { name: name.to_string(), form });
        rest = &rest[open + close + 1..];
    }
    Ok(out)
}

fn names(text: &Text) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for v in text.variants() {
        out.extend(placeholders(v)?.into_iter().map(|p| p.name));
    }
    Ok(out)
}

fn shown(set: &BTreeSet<String>) -> String {
    let v: Vec<String> = set.iter().map(|s| format!("{{{s}}}")).collect();
    if v.is_empty() { "none".into() } else { v.join(" ") }
}

fn control_free(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() && c != '\n')
}

/// Every problem with the languages, in plain words; empty when every language has every text
/// in a form the app can use. `kb_texts` are the knowledge base's English texts.
pub fn problems(s: &Sources, kb_texts: &[String]) -> Vec<String> {
    let mut p = Vec::new();
    let ids: Vec<&str> = s.languages.iter().map(|l| l.id.as_str()).collect();
    if ids.first() != Some(&"en") {
        p.push("languages.toml: English (en) must come first (it is built in)".into());
    }
    let mut seen = BTreeSet::new();
    for l in &s.languages {
        if !seen.insert(l.id.as_str()) {
            p.push(format!("languages.toml: '{}' appears twice", l.id));
        }
        if !(2..=3).contains(&l.id.len()) || !l.id.chars().all(|c| c.is_ascii_lowercase()) {
            p.push(format!("languages.toml: '{}' is not a language id (two or three lowercase letters)", l.id));
        }
        if l.name.trim().is_empty() || l.decimal.is_empty() {
            p.push(format!("languages.toml: {} needs a name and a decimal sign", l.id));
        }
        for (cat, rule) in &l.plural {
            if cat == "other" || !["zero", "one", "two", "few", "many"].contains(&cat.as_str()) {
                p.push(format!("languages.toml: {}: '{cat}' is not a plural category with a rule (zero, one, two, few, many)", l.id));
            }
            if let Err(e) = super::plural::check(rule) {
                p.push(format!("languages.toml: {}: {e}", l.id));
            }
        }
        if !s.catalogues.contains_key(&l.id) {
            p.push(format!("{}: src/lang/{}.toml is missing", l.id, l.id));
        }
        if l.id != "en" && !s.kb.contains_key(&l.id) {
            p.push(format!("{}: src/kb/lang/{}.toml is missing", l.id, l.id));
        }
    }
    for stray in &s.strays {
        p.push(format!("{stray}: no such language in languages.toml"));
    }
    let Some(en) = s.catalogues.get("en") else {
        p.push("src/lang/en.toml is missing".into());
        return p;
    };
    for l in &s.languages {
        let Some(cat) = s.catalogues.get(&l.id) else { continue };
        catalogue_problems(l, cat, en, &mut p);
        if l.id != "en" {
            if let Some(kb) = s.kb.get(&l.id) {
                kb_problems(&l.id, kb, kb_texts, &mut p);
            }
        }
    }
    p
}

fn catalogue_problems(l: &Language, cat: &Catalogue, en: &Catalogue, p: &mut Vec<String>) {
    let id = &l.id;
    let categories: BTreeSet<&str> = l.plural.keys().map(String::as_str).chain(["other"]).collect();
    // Colours: the four, each plain or a table of forms; the forms a message may name.
    let mut forms: Option<BTreeSet<&str>> = None;
    for c in COLOURS {
        match cat.colour.get(c) {
            None => p.push(format!("{id}: colour '{c}' lacks a text")),
            Some(Text::Plain(s)) if s.trim().is_empty() => p.push(format!("{id}: colour '{c}' lacks a text")),
            Some(Text::Plain(_)) => {}
            Some(Text::Table(t)) => {
                let these: BTreeSet<&str> = t.keys().map(String::as_str).collect();
                if t.values().any(|v| v.trim().is_empty()) {
                    p.push(format!("{id}: colour '{c}' has an empty form"));
                }
                match &forms {
                    Some(f) if *f != these => p.push(format!("{id}: colour '{c}' has other forms than the other colours")),
                    _ => forms = Some(these),
                }
            }
        }
    }
    for c in cat.colour.keys().filter(|c| !COLOURS.contains(&c.as_str())) {
        p.push(format!("{id}: colour '{c}' is not one the app knows ({})", COLOURS.join(", ")));
    }
    let plain_colours = cat.colour.values().all(|t| matches!(t, Text::Plain(_)));
    if cat.calendar.months.len() != 12 || cat.calendar.months.iter().any(|m| m.trim().is_empty()) {
        p.push(format!("{id}: calendar.months needs twelve names"));
    }
    for key in cat.messages.keys().filter(|k| !en.messages.contains_key(*k)) {
        p.push(format!("{id}: message '{key}' has no English source (not in en.toml)"));
    }
    for (key, source) in &en.messages {
        let at = format!("{id}: message '{key}'");
        let Some(text) = cat.messages.get(key) else {
            p.push(format!("{at} lacks a text"));
            continue;
        };
        // A blank English text (a separator) may be blank in another language too.
        let blank = source.variants().iter().all(|v| v.trim().is_empty());
        if !blank && text.variants().iter().any(|v| v.trim().is_empty()) {
            p.push(format!("{at} lacks a text"));
        }
        if text.variants().iter().any(|v| !control_free(v)) {
            p.push(format!("{at} has a control character"));
        }
        let (mine, theirs) = match (names(text), names(source)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                p.push(format!("{at}: {e}"));
                continue;
            }
        };
        if mine != theirs {
            p.push(format!("{at} has placeholders {}, English has {}", shown(&mine), shown(&theirs)));
        }
        if let Text::Table(t) = text {
            // The app passes the number `n` to the messages English gives variants or an {n}.
            if !theirs.contains(COUNT) && !matches!(source, Text::Table(_)) {
                p.push(format!("{at} has plural variants, but English's message has no number {{{COUNT}}} to choose them by"));
            }
            if !t.contains_key("other") {
                p.push(format!("{at} has no 'other' variant"));
            }
            for k in t.keys().filter(|k| !categories.contains(k.as_str())) {
                p.push(format!("{at}: '{k}' is not a plural category of {id} ({})", categories.iter().copied().collect::<Vec<_>>().join(", ")));
            }
        }
        for v in text.variants() {
            for ph in placeholders(v).unwrap_or_default() {
                let colour = COLOUR_PLACEHOLDERS.contains(&ph.name.as_str());
                match (&ph.form, colour, &forms) {
                    (Some(f), _, _) if !colour => p.push(format!("{at}: {{{}.{f}}} asks a form of something that is not a colour", ph.name)),
                    (Some(f), true, Some(fs)) if !plain_colours && !fs.contains(f.as_str()) => {
                        p.push(format!("{at}: {{{}.{f}}} names a form the colours of {id} do not have", ph.name))
                    }
                    (None, true, Some(_)) if !plain_colours => {
                        p.push(format!("{at}: {{{}}} must name one of the colours' forms ({{{}.form}})", ph.name, ph.name))
                    }
                    _ => {}
                }
            }
        }
    }
}

fn kb_problems(id: &str, kb: &BTreeMap<String, String>, kb_texts: &[String], p: &mut Vec<String>) {
    let english: BTreeSet<&str> = kb_texts.iter().map(String::as_str).collect();
    for en in &english {
        match kb.get(*en) {
            None => p.push(format!("{id}: knowledge base text lacks a translation: “{en}”")),
            Some(t) if t.trim().is_empty() => p.push(format!("{id}: knowledge base text lacks a translation: “{en}”")),
            Some(t) => {
                let a = placeholders(t).map(|v| v.into_iter().map(|p| p.name).collect::<BTreeSet<_>>());
                let b = placeholders(en).map(|v| v.into_iter().map(|p| p.name).collect::<BTreeSet<_>>());
                if a != b || !control_free(t) {
                    p.push(format!("{id}: knowledge base translation of “{en}” has other placeholders or a control character"));
                }
            }
        }
    }
    for key in kb.keys().filter(|k| !english.contains(k.as_str())) {
        p.push(format!("{id}: knowledge base translation has no English source (the text changed or went): “{key}”"));
    }
}

/// FNV-1a, 64 bits: small, and the same wherever it runs.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// What a pack must fit: the English message keys, the colours, the months and the knowledge
/// base's English texts, in order. A pack made for another layout is refused by the app.
pub fn fingerprint(en: &Catalogue, kb_texts: &[String]) -> String {
    let mut layout = String::new();
    for k in en.messages.keys().map(String::as_str).chain(COLOURS).chain(["months"]).chain(kb_texts.iter().map(String::as_str)) {
        layout.push_str(k);
        layout.push(END);
    }
    format!("{:016x}", fnv(layout.as_bytes()))
}

/// The texts of a catalogue in the app's order (English's message keys, the colours, the
/// months), packed; a text the language lacks is English's.
pub fn ui_slots(cat: &Catalogue, en: &Catalogue) -> Vec<String> {
    let mut out: Vec<String> = en.messages.iter().map(|(k, v)| cat.messages.get(k).unwrap_or(v).packed()).collect();
    for c in COLOURS {
        out.push(cat.colour.get(c).or_else(|| en.colour.get(c)).map(Text::packed).unwrap_or_default());
    }
    for i in 0..12 {
        out.push(cat.calendar.months.get(i).or_else(|| en.calendar.months.get(i)).cloned().unwrap_or_default());
    }
    out
}

/// A language's pack: the first line, then every text (`ui_slots`, then the knowledge base's
/// texts in `kb_texts` order, English where a translation is missing), END between them.
pub fn pack(s: &Sources, id: &str, kb_texts: &[String]) -> Option<String> {
    let en = s.catalogues.get("en")?;
    let cat = s.catalogues.get(id)?;
    let kb = s.kb.get(id);
    let mut texts = vec![head(&fingerprint(en, kb_texts)) + id];
    texts.extend(ui_slots(cat, en));
    texts.extend(kb_texts.iter().map(|t| kb.and_then(|m| m.get(t)).filter(|x| !x.trim().is_empty()).unwrap_or(t).clone()));
    Some(texts.join(&END.to_string()))
}

/// The English texts that must not be left on a screen shown in `id`, as fragments of two words
/// or more (placeholders split a message): every English message and knowledge-base text, less
/// what also occurs in that language's own texts or in `names` (product names shown as they are).
pub fn english_fragments(s: &Sources, id: &str, kb_texts: &[String], names: &[&str]) -> Vec<String> {
    let (Some(en), Some(cat)) = (s.catalogues.get("en"), s.catalogues.get(id)) else { return Vec::new() };
    let mut theirs: Vec<String> = cat.messages.values().flat_map(|t| t.variants().into_iter().map(str::to_string)).collect();
    theirs.extend(s.kb.get(id).into_iter().flat_map(|m| m.values().cloned()));
    let mut english: Vec<String> = en.messages.values().flat_map(|t| t.variants().into_iter().map(str::to_string)).collect();
    english.extend(kb_texts.iter().cloned());
    let mut out = BTreeSet::new();
    for text in &english {
        let mut rest = text.as_str();
        let mut pieces = Vec::new();
        while let Some(open) = rest.find('{') {
            pieces.push(&rest[..open]);
            rest = rest[open..].find('}').map(|c| &rest[open + c + 1..]).unwrap_or("");
        }
        pieces.push(rest);
        for piece in pieces {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "“”…–".contains(c));
            let words = piece.split_whitespace().count();
            if words >= 2 && !theirs.iter().any(|t| t.contains(piece)) && !names.iter().any(|n| n.contains(piece)) {
                out.insert(piece.to_string());
            }
        }
    }
    out.into_iter().collect()
}
