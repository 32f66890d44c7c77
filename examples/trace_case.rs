//! Prints the locator's view of the LED's cell frame by frame for one corpus or hold-out case.
//! `cargo run --profile bench --example trace_case -- holdout-41/` (HOLDOUT=<seed> picks the hold-out set, default 7)
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{corpus, holdout, render_all};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let seed = std::env::var("HOLDOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
    let case = corpus().into_iter().chain(holdout(seed, 120)).find(|c| c.name.starts_with(&name)).expect("no such case");
    let s = &case.scene;
    let mut reader = LedReader::new();
    for f in render_all(s) {
        let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
        let p = reader.push(&frame);
        let (lx, ly) = s.led_position(f.t_ms);
        if let Some(loc) = reader.locator() {
            let (cx, cy) = loc.grid().cell_at(lx, ly);
            println!("{:6.2}s lit={} level={:?} {:?} at={:?} {} | {:?}", f.t_ms / 1000.0, s.timeline.colour_at(f.t_ms / 1000.0).is_some() as u8, p.level.map(|l| (l * 100.0).round()), p.colour, p.led_at.map(|(x, y)| ((x * 100.0).round(), (y * 100.0).round())), loc.describe_cell(cx, cy), p.status);
        }
    }
    println!("intervals: {:?}", reader.intervals());
}
