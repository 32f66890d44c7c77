//! The knowledge base is authored as TOML (comments, easy to edit). The build parses it into the
//! same serde types the app uses and ships it as postcard bytes (compact, with a small decoder in
//! the wasm) plus JSON (for tools and tests). A syntax or shape error fails the build here.
//!
//! The languages (src/lang/, src/kb/lang/) are read here too: English is generated into the app
//! (`i18n.rs`: the message keys with their English texts, the language list); every other language is
//! packed into its own file (`lang/<id>.<hash>.txt`, copied into the site by `src/bin/lang_pack.rs`
//! before Trunk builds). A missing translation is a warning here (the pack carries English in its
//! place) and a failure in `make test` (tests/i18n.rs).
use std::{env, fs, path::Path, path::PathBuf};

#[allow(dead_code)]
#[path = "src/led.rs"]
mod led;

#[allow(dead_code)]
#[path = "src/kb/types.rs"]
mod kb_types;

#[allow(dead_code)]
#[path = "src/i18n/plural.rs"]
mod plural;

#[allow(dead_code)]
#[path = "src/i18n/source.rs"]
mod source;

fn main() {
    let source = "src/kb/blink.toml";
    println!("cargo:rerun-if-changed={source}");
    for f in ["src/kb/types.rs", "src/led.rs", "src/i18n/plural.rs", "src/i18n/source.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
    let kb: kb_types::Kb = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bytes = postcard::to_allocvec(&kb).expect("the knowledge base serialises");
    fs::write(out.join("kb.postcard"), bytes).expect("write kb.postcard");
    // The models alone without their reset procedures, for the first module (home and model
    // screens: `Kb::models_only`, which reads these fields in this order).
    let heads: Vec<_> = kb
        .models
        .iter()
        .map(|m| (&m.id, &m.name, &m.kind, m.power, &m.batteries, &m.led, m.lights, &m.reset_button, &m.looks, &m.source))
        .collect();
    let models = postcard::to_allocvec(&heads).expect("the models serialise");
    fs::write(out.join("kb-models.postcard"), models).expect("write kb-models.postcard");
    let json = serde_json::to_string(&kb).expect("the knowledge base serialises");
    fs::write(out.join("kb.json"), json).expect("write kb.json");
    languages(&kb, &out);
}

fn languages(kb: &kb_types::Kb, out: &Path) {
    let (lang_dir, kb_lang_dir) = (Path::new("src/lang"), Path::new("src/kb/lang"));
    for f in source::files(lang_dir, kb_lang_dir) {
        println!("cargo:rerun-if-changed={f}");
    }
    let sources = source::load(lang_dir, kb_lang_dir).unwrap_or_else(|e| panic!("{e}"));
    let kb_texts = kb.texts();
    let problems = source::problems(&sources, &kb_texts);
    for p in problems.iter().take(12) {
        println!("cargo:warning=language: {p}");
    }
    if problems.len() > 12 {
        println!("cargo:warning=language: ... and {} more (cargo test --test i18n lists them all)", problems.len() - 12);
    }
    let en = sources.catalogues.get("en").expect("src/lang/en.toml: English is built in and must exist");
    let fingerprint = source::fingerprint(en, &kb_texts);
    let english = source::ui_slots(en, en);

    let packs_dir = out.join("lang");
    let _ = fs::remove_dir_all(&packs_dir);
    fs::create_dir_all(&packs_dir).expect("create OUT_DIR/lang");
    let mut langs = String::new();
    let mut packs = String::new();
    let mut left = serde_json::Map::new();
    let names: Vec<&str> = kb.models.iter().map(|m| m.name.as_str()).chain(["Blink Doctor"]).collect();
    for l in &sources.languages {
        let file = match source::pack(&sources, &l.id, &kb_texts).filter(|_| l.id != "en") {
            Some(pack) => {
                let name = format!("{}.{:08x}.txt", l.id, source::fnv(pack.as_bytes()) as u32);
                let path = packs_dir.join(&name);
                fs::write(&path, &pack).expect("write a language pack");
                packs.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
                left.insert(l.id.clone(), source::english_fragments(&sources, &l.id, &kb_texts, &names).into());
                format!("Some(\"lang/{name}\")")
            }
            None => "None".to_string(),
        };
        assert!(!l.name.contains(['<', '>', '&', '"']), "a language's name is written into the page as it is");
        let plural: Vec<String> = l.plural.iter().map(|(c, r)| format!("({c:?}, {r:?})")).collect();
        langs.push_str(&format!(
            "    Lang {{ id: {:?}, name: {:?}, decimal: {:?}, plural: &[{}], pack: {file} }},\n",
            l.id,
            l.name,
            l.decimal,
            plural.join(", ")
        ));
    }
    // Each message is a `Key`: its place in a pack and its English text. English lives in the
    // keys, not in a table: a module carries the English texts it uses and no others (the first
    // module shows a few dozen of them; issue 16).
    let mut keys = String::new();
    let mut all = String::new();
    let mut texts = String::new();
    for (i, (k, v)) in en.messages.iter().enumerate() {
        keys.push_str(&format!("    pub const {}: Key = Key {{ i: {i}, en: {:?} }};\n", k.to_uppercase(), english[i]));
        all.push_str(&format!("{}, ", k.to_uppercase()));
        // A plain message (no placeholders) gets a function that says it in the current language.
        if let source::Text::Plain(english) = v {
            if !english.contains('{') {
                texts.push_str(&format!(
                    "    /// {}\n    pub fn {k}() -> &'static str {{\n        super::say(super::k::{})\n    }}\n",
                    english.replace('\n', " "),
                    k.to_uppercase()
                ));
            }
        }
    }
    let colours = en.messages.len();
    let months = colours + source::COLOURS.len();
    let generated = format!(
        "// Generated by build.rs from src/lang/ and src/kb/: do not edit.\n\
         /// What a pack must fit (see `source::fingerprint`).\n\
         pub const FINGERPRINT: &str = {fingerprint:?};\n\
         /// A pack's first line up to its language's id (`source::head`).\n\
         pub const PACK_HEAD: &str = {:?};\n\
         /// Texts of a catalogue: messages, colours, months.\n\
         pub const UI_TEXTS: usize = {};\n\
         /// Texts of the knowledge base (`Kb::texts_mut`).\n\
         pub const KB_TEXTS: usize = {};\n\
         /// The languages, English first.\n\
         pub static LANGS: [Lang; {}] = [\n{langs}];\n\
         /// English's colours (`LedColour::ALL`'s order) and months, January first.\n\
         pub static EN_COLOURS: [&str; {}] = {:?};\n\
         pub static EN_MONTHS: [&str; 12] = {:?};\n\
         /// Every message (src/lang/en.toml's keys, upper-cased): its place in a catalogue and\n\
         /// its English text.\n\
         pub mod k {{\n    use super::Key;\n{keys}    /// Every message, in catalogue order (for tests).\n    pub const ALL: &[Key] = &[{all}];\n    pub const COLOURS: usize = {colours};\n    pub const MONTHS: usize = {months};\n}}\n\
         /// The messages without placeholders, each in the current language.\n\
         pub mod text {{\n{texts}}}\n",
        source::head(&fingerprint),
        english.len(),
        kb_texts.len(),
        sources.languages.len(),
        source::COLOURS.len(),
        &english[colours..months],
        &english[months..months + 12],
    );
    fs::write(out.join("i18n.rs"), generated).expect("write i18n.rs");
    fs::write(out.join("packs.rs"), format!("/// The language packs: file name, contents.\npub const PACKS: &[(&str, &str)] = &[\n{packs}];\n"))
        .expect("write packs.rs");
    fs::write(out.join("english-left.json"), serde_json::Value::Object(left).to_string()).expect("write english-left.json");
}
