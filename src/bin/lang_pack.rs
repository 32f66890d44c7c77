//! Puts the language packs build.rs made (one file per language but English, which is built in)
//! into the site being built. Trunk runs it before every build (Trunk.toml, pre_build hook), so
//! the packs are in place when the service worker's list is written after the build.
//!   cargo run --bin lang-pack [-- DIR]         writes DIR/lang/<id>.<hash>.txt (DIR defaults to
//!                                             $TRUNK_STAGING_DIR)
//!   cargo run --bin lang-pack -- --english-left
//!                                             prints, per language, the English texts a screen in
//!                                             that language must not show (JSON, for e2e/i18n)
use std::path::PathBuf;
use std::process::ExitCode;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));
const ENGLISH_LEFT: &str = include_str!(concat!(env!("OUT_DIR"), "/english-left.json"));

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("--english-left") {
        println!("{ENGLISH_LEFT}");
        return ExitCode::SUCCESS;
    }
    let Some(dir) = arg.or_else(|| std::env::var("TRUNK_STAGING_DIR").ok()).map(PathBuf::from) else {
        eprintln!("lang-pack: give the site's folder (or run it from Trunk, which sets TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    let out = dir.join("lang");
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("lang-pack: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (name, text) in PACKS {
        if let Err(e) = std::fs::write(out.join(name), text) {
            eprintln!("lang-pack: cannot write {name}: {e}");
            return ExitCode::FAILURE;
        }
    }
    println!("lang-pack: {} language packs in {}", PACKS.len(), out.display());
    ExitCode::SUCCESS
}
