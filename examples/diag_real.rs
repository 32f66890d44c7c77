//! For each realistic case matching a filter: the verdict, and where the reader's status light
//! and other watched lights were against the true LEDs (debugging aid).
//! `cargo run --profile bench --example diag_real -- SET FILTER` (SET as for real_report).
use blink_doctor::signal::{Frame, LedReader, Status};
use blink_doctor::synth::real::{no_led_scenes, real_corpus, real_holdout, sample_cases, RealCase, RealRenderer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().cloned().unwrap_or_else(|| "sample".into());
    let filter = args.get(1).cloned().unwrap_or_default();
    let cases: Vec<RealCase> = match set.split(':').collect::<Vec<_>>().as_slice() {
        ["corpus"] => real_corpus(),
        ["none"] => no_led_scenes(),
        ["sample"] => sample_cases(),
        ["holdout", seed, n] => real_holdout(seed.parse().unwrap_or(1), n.parse().unwrap_or(60)),
        _ => Vec::new(),
    };
    for case in cases.iter().filter(|c| c.name.contains(&filter)) {
        let s = &case.scene;
        let mut r = RealRenderer::new(s);
        let mut reader = LedReader::with_options(blink_doctor::synth::Video::reader_options(s));
        let mut out = String::from("undecided");
        while let Some((f, _)) = r.next_with_exposure() {
            let leds = r.led_positions(f.t_ms);
            let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
            if let Status::Done(e) = reader.push(&frame).status {
                let wrong = case.expected.mismatches(&e, f.t_ms / 1000.0);
                let leds: Vec<String> = leds.iter().map(|(x, y)| format!("({:.2},{:.2})", x / s.width as f32, y / s.height as f32)).collect();
                let lights: Vec<String> = reader
                    .lights()
                    .iter()
                    .map(|(x, y, main)| format!("{}({:.2},{:.2})", if *main { "*" } else { "" }, x / s.width as f32, y / s.height as f32))
                    .collect();
                out = format!(
                    "{} {:?} {:?} n={} conf {:.2} at {:.1}s | leds {} | lights {} | {}",
                    if wrong.is_empty() { "ok  " } else { "FAIL" },
                    e.pattern,
                    e.colour,
                    e.flash_count,
                    e.confidence,
                    f.t_ms / 1000.0,
                    leds.join(" "),
                    lights.join(" "),
                    reader.describe_lights()
                );
                break;
            }
        }
        println!("{:<44} {out}", case.name);
    }
}
