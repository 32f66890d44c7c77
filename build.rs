//! The knowledge base is authored as TOML (comments, easy to edit) but shipped as JSON, so the
//! wasm build carries serde_json only and no TOML parser. A syntax error fails the build here.
use std::{env, fs, path::PathBuf};

fn main() {
    let source = "src/kb/blink.toml";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
    let json = serde_json::to_string(&value).expect("TOML values always convert to JSON");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("kb.json");
    fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
