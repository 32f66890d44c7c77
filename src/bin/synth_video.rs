//! Writes the e2e suite's fake-camera videos: `synth-video --out DIR` writes DIR/<name>.y4m for
//! every scenario in `synth::e2e_scenarios` and `synth::e2e_real_scenarios` (the realistic ones
//! after an H.264 round trip through ffmpeg's libx264). Skips files newer than this program.
// A native tool: the wasm build (which builds every binary) gets an empty one.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
use blink_doctor::synth::real::RealRenderer;
use blink_doctor::synth::{e2e_real_scenarios, e2e_scenarios, render_frame, write_y4m};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Command;

/// x264 at about a phone recording's quality (CRF 20: 720p at a few Mbit/s) and a fast preset.
const X264_ARGS: [&str; 6] = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20"];

fn fail(msg: String) -> ! {
    eprintln!("synth-video: {msg}");
    std::process::exit(1);
}

/// True when `path` exists and is newer than this executable (so it was written by this build).
fn up_to_date(path: &Path) -> bool {
    let newer = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (newer(path), std::env::current_exe().ok().and_then(|e| newer(&e))) {
        (Some(out), Some(exe)) => out > exe,
        _ => false,
    }
}

fn ffmpeg(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ffmpeg").args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"]).args(args).output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            "ffmpeg is not installed (bash tools/setup.sh installs it)".to_string()
        } else {
            format!("cannot run ffmpeg: {e}")
        }
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("ffmpeg {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr)))
    }
}

/// Encodes `raw` (y4m) with libx264 and decodes it back to `path` (y4m, full-range 4:2:0 as written).
fn h264_round_trip(raw: &Path, path: &Path) -> Result<(), String> {
    let mp4 = raw.with_extension("mp4");
    let (raw_s, mp4_s, out_s) = (raw.to_string_lossy(), mp4.to_string_lossy(), path.to_string_lossy());
    let mut enc = vec!["-i", raw_s.as_ref()];
    enc.extend(X264_ARGS);
    enc.extend(["-pix_fmt", "yuvj420p", mp4_s.as_ref()]);
    ffmpeg(&enc)?;
    ffmpeg(&["-i", mp4_s.as_ref(), "-pix_fmt", "yuvj420p", "-f", "yuv4mpegpipe", out_s.as_ref()])?;
    let _ = std::fs::remove_file(&mp4);
    let _ = std::fs::remove_file(raw);
    Ok(())
}

pub fn main() {
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
        fail(format!("cannot create {}: {e}", out.display()));
    }
    for (name, scene) in e2e_scenarios() {
        let path = out.join(format!("{name}.y4m"));
        if up_to_date(&path) {
            continue;
        }
        // The fake camera plays frames at the nominal rate, so render exact frame times.
        let fps = scene.fps.round() as u32;
        let n = (scene.timeline.duration_s() * scene.fps).round() as usize;
        let frames = (0..n).map(|i| render_frame(&scene, i as f64 * 1000.0 / scene.fps));
        let result = File::create(&path).and_then(|f| write_y4m(BufWriter::new(f), scene.width, scene.height, fps, frames));
        match result {
            Ok(()) => println!("wrote {} ({n} frames)", path.display()),
            Err(e) => fail(format!("cannot write {}: {e}", path.display())),
        }
    }
    for (name, scene, _) in e2e_real_scenarios() {
        let path = out.join(format!("{name}.y4m"));
        if up_to_date(&path) {
            continue;
        }
        let fps = scene.fps.round() as u32;
        let n = (scene.duration_s * scene.fps).round() as usize;
        let times = (0..n).map(|i| i as f64 * 1000.0 / scene.fps).collect();
        let frames = RealRenderer::with_times(&scene, times).map(|f| f.rgba);
        let raw = out.join(format!("{name}.raw.y4m"));
        let written = File::create(&raw).and_then(|f| write_y4m(BufWriter::new(f), scene.width, scene.height, fps, frames));
        if let Err(e) = written {
            fail(format!("cannot write {}: {e}", raw.display()));
        }
        if let Err(e) = h264_round_trip(&raw, &path) {
            fail(e);
        }
        println!("wrote {} ({n} frames, {}x{}, H.264 round trip)", path.display(), scene.width, scene.height);
    }
}
}
