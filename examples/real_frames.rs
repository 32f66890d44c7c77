//! Looks at realistic test video: writes chosen frames of a case as PNG (the whole frame and a
//! 4x crop around each LED) and prints each frame's exposure and render time.
//! `cargo run --profile bench --example real_frames -- NAME [--at 1.0,2.5] [--out DIR] [--probe]`
//! `--probe` adds, per frame, the brightest pixel (R,G,B) within 3 px of each LED.
//! NAME is a case-name prefix from the realistic corpus, the no-LED scenes or hold-out seed 1
//! (`demo` for a plain scene).
use blink_doctor::synth::real::{base_scene, no_led_scenes, real_corpus, real_holdout, write_png, RealRenderer};
use blink_doctor::synth::{Rgb, Timeline};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "demo".into());
    let (mut at, mut out, mut probe) = (vec![1.0f64], PathBuf::from("target/real-frames"), false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--at" => at = args.next().unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect(),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--probe" => probe = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let scene = if name == "demo" {
        base_scene(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.4, 6.0))
    } else {
        let all = real_corpus().into_iter().chain(no_led_scenes()).chain(real_holdout(1, 60));
        match all.into_iter().find(|c| c.name.starts_with(&name)) {
            Some(c) => {
                println!("{}: {:?}", c.name, c.expected);
                c.scene
            }
            None => {
                eprintln!("no case named {name}*");
                std::process::exit(1);
            }
        }
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let mut r = RealRenderer::new(&scene);
    let last = at.iter().cloned().fold(0.0, f64::max);
    let (w, h) = (scene.width, scene.height);
    let mut total = 0.0;
    let mut n = 0;
    loop {
        let start = Instant::now();
        let Some((f, exp)) = r.next_with_exposure() else { break };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        total += ms;
        n += 1;
        let t = f.t_ms / 1000.0;
        let leds = r.led_positions(f.t_ms);
        let lit: Vec<bool> = scene.device.lights.iter().map(|l| l.timeline.colour_at(t).is_some()).collect();
        let probes: Vec<[u8; 3]> = if probe { leds.iter().map(|&(x, y)| brightest(&f.rgba, w, h, x, y, 3)).collect() } else { Vec::new() };
        println!("{t:6.3}s exposure {:6.2} ms gain {:5.2} render {ms:5.1} ms lit {lit:?} {}", exp.time_ms, exp.gain, if probe { format!("{probes:?}") } else { String::new() });
        if let Some(k) = at.iter().position(|a| (t - a).abs() < 0.5 / scene.fps) {
            let base = format!("{}-{:.2}s", name.replace('/', "_"), at[k]);
            write_png(&out.join(format!("{base}.png")), w, h, &f.rgba).expect("png");
            for (i, (x, y)) in leds.iter().enumerate() {
                let crop = crop(&f.rgba, w, h, *x as i64, *y as i64, 24, 4);
                write_png(&out.join(format!("{base}-led{i}.png")), 192, 192, &crop).expect("png");
            }
        }
        if t > last + 0.1 {
            break;
        }
    }
    println!("mean render {:.1} ms/frame over {n} frames ({w}x{h})", total / n.max(1) as f64);
}

/// A (2r x 2r) crop around (cx, cy), enlarged `k` times (nearest neighbour).
fn crop(rgba: &[u8], w: usize, h: usize, cx: i64, cy: i64, r: i64, k: usize) -> Vec<u8> {
    let side = (2 * r) as usize * k;
    let mut out = vec![0u8; side * side * 4];
    for oy in 0..side {
        for ox in 0..side {
            let (x, y) = (cx - r + (ox / k) as i64, cy - r + (oy / k) as i64);
            let o = (oy * side + ox) * 4;
            if x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h {
                let i = (y as usize * w + x as usize) * 4;
                out[o..o + 4].copy_from_slice(&rgba[i..i + 4]);
            } else {
                out[o + 3] = 255;
            }
        }
    }
    out
}

/// The pixel with the largest channel sum within `r` px of (x, y).
fn brightest(rgba: &[u8], w: usize, h: usize, x: f32, y: f32, r: i64) -> [u8; 3] {
    let mut best = [0u8; 3];
    for yy in (y as i64 - r).max(0)..(y as i64 + r + 1).min(h as i64) {
        for xx in (x as i64 - r).max(0)..(x as i64 + r + 1).min(w as i64) {
            let i = (yy as usize * w + xx as usize) * 4;
            let p = [rgba[i], rgba[i + 1], rgba[i + 2]];
            if p.iter().map(|&v| v as u32).sum::<u32>() > best.iter().map(|&v| v as u32).sum::<u32>() {
                best = p;
            }
        }
    }
    best
}
