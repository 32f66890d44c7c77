//! Prints the reader's view of one corpus or hold-out case frame by frame: the true LED, the
//! watched lights, the status light's level and the status.
//! `cargo run --profile bench --example trace_case -- holdout-41/` (HOLDOUT=<seed> picks the hold-out set, default 7)
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{corpus, holdout, render_all};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let seed = std::env::var("HOLDOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
    let Some(case) = corpus().into_iter().chain(holdout(seed, 120)).find(|c| c.name.starts_with(&name)) else {
        eprintln!("no case named {name}…");
        std::process::exit(2);
    };
    let s = &case.scene;
    let mut reader = LedReader::new();
    for f in render_all(s) {
        let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
        let p = reader.push(&frame);
        let (lx, ly) = s.led_position(f.t_ms);
        println!(
            "{:6.2}s lit={} led=({lx:.0},{ly:.0}) level={:?} {:?} | {} | {:?}",
            f.t_ms / 1000.0,
            s.timeline.colour_at(f.t_ms / 1000.0).is_some() as u8,
            p.level.map(|l| (l * 100.0).round()),
            p.colour,
            reader.describe_lights(),
            p.status
        );
        if std::env::var("CANDIDATES").is_ok() {
            println!("        candidates: {}", reader.describe_candidates());
        }
        if std::env::var("SCENE").is_ok() {
            println!("        scene: {}", reader.describe_scene());
        }
        if std::env::var("PLACE").is_ok() {
            println!("        at the LED: {}", reader.describe_place(lx, ly));
        }
    }
    println!("intervals: {:?}", reader.intervals());
    println!("scene: {}", reader.describe_scene());
}
