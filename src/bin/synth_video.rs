//! Writes the e2e suite's fake-camera videos: `synth-video --out DIR` writes DIR/<name>.y4m for
//! every scenario in `synth::e2e_scenarios`. Skips files that are already up to date.
use blink_doctor::synth::{e2e_scenarios, render_frame, write_y4m};
use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("e2e/videos");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            other => {
                eprintln!("usage: synth-video [--out DIR] (unknown argument {other})");
                std::process::exit(2);
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(1);
    }
    for (name, scene) in e2e_scenarios() {
        let path = out.join(format!("{name}.y4m"));
        // The fake camera plays frames at the nominal rate, so render exact frame times.
        let fps = scene.fps.round() as u32;
        let n = (scene.timeline.duration_s() * scene.fps).round() as usize;
        let frames = (0..n).map(|i| render_frame(&scene, i as f64 * 1000.0 / scene.fps));
        let result = File::create(&path).and_then(|f| write_y4m(BufWriter::new(f), scene.width, scene.height, fps, frames));
        match result {
            Ok(()) => println!("wrote {} ({n} frames)", path.display()),
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
}
