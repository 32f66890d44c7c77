//! The knowledge base is authored as TOML (comments, easy to edit). The build parses it into the
//! same serde types the app uses and ships it as postcard bytes (compact, with a small decoder in
//! the wasm) plus JSON (for tools and tests). A syntax or shape error fails the build here.
use std::{env, fs, path::PathBuf};

#[allow(dead_code)]
#[path = "src/led.rs"]
mod led;

#[allow(dead_code)]
#[path = "src/kb/types.rs"]
mod kb_types;



fn main() {
    let source = "src/kb/blink.toml";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=src/kb/types.rs");
    println!("cargo:rerun-if-changed=src/led.rs");
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
}
