//! Runs the LED reader over the signal corpus and prints one line per case (debugging aid).
//! `cargo run --release --example corpus_report [filter]`
use blink_doctor::signal::{Frame, LedReader, Status};
use blink_doctor::synth::{corpus, holdout, render_all};

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let (mut ok, mut total) = (0, 0);
    let seed = std::env::var("HOLDOUT").ok().and_then(|s| s.parse().ok());
    let cases = match seed { Some(seed) => holdout(seed, 120), None => corpus() };
    for case in cases.into_iter().filter(|c| c.name.contains(&filter)) {
        let mut reader = LedReader::new();
        let mut decided = None;
        for f in render_all(&case.scene) {
            let Some(frame) = Frame::new(case.scene.width, case.scene.height, &f.rgba, f.t_ms) else { continue };
            if let Status::Done(e) = reader.push(&frame).status {
                decided = Some((e, f.t_ms / 1000.0));
                break;
            }
        }
        total += 1;
        if std::env::var("SHOW_INTERVALS").is_ok() {
            for i in reader.intervals() {
                println!("    {:.2}-{:.2} {:?}{}", i.start, i.end, i.colour, if i.open { " open" } else { "" });
            }
        }
        let x = &case.expected;
        let line = match &decided {
            Some((e, t)) => {
                let right = e.pattern == x.pattern
                    && (x.colour.is_none() || e.colour == x.colour)
                    && x.count.is_none_or(|n| e.flash_count == n)
                    && (x.preceded_by.is_none() || e.preceded_by == x.preceded_by);
                let late = t - x.latency_from_s;
                if right && late <= x.latency_budget_s {
                    ok += 1;
                }
                format!(
                    "{} {:<40} {:?} {:?} n={} before={:?} at {:.2}s (latency {:+.2}/{:.1}) conf {:.2}",
                    if right && late <= x.latency_budget_s { "ok  " } else { "FAIL" },
                    case.name, e.pattern, e.colour, e.flash_count, e.preceded_by, t, late, x.latency_budget_s, e.confidence
                )
            }
            None => format!("FAIL {:<40} undecided", case.name),
        };
        println!("{line}");
        if line.starts_with("FAIL") && std::env::var("SHOW_SCENE").is_ok() {
            let s = &case.scene;
            println!("    {}x{} {}fps led r={:.1} gain={:.2} at ({:.2},{:.2}) bg={:.2} {:?}", s.width, s.height, s.fps, s.led_radius_px, s.led_gain, s.led_x, s.led_y, s.background, s.nuisances);
        }
    }
    println!("{ok}/{total} right and in time");
}
