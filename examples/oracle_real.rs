//! The reader with its light pinned where the true LED is (as if the person tapped it): shows
//! whether measuring and recognising work when finding is taken out (debugging aid).
//! `cargo run --profile bench --example oracle_real -- SET [FILTER]`
use blink_doctor::signal::{Frame, LedReader, Status};
use blink_doctor::synth::real::{real_corpus, real_holdout, sample_cases, RealCase, RealRenderer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().cloned().unwrap_or_else(|| "sample".into());
    let filter = args.get(1).cloned().unwrap_or_default();
    let cases: Vec<RealCase> = match set.split(':').collect::<Vec<_>>().as_slice() {
        ["corpus"] => real_corpus(),
        ["holdout", seed, n] => real_holdout(seed.parse().unwrap_or(1), n.parse().unwrap_or(60)),
        _ => sample_cases(),
    };
    let mut right = 0;
    let mut total = 0;
    for case in cases.iter().filter(|c| c.name.contains(&filter) && !c.scene.device.lights.iter().all(|l| l.timeline.lit.is_empty())) {
        let s = &case.scene;
        let mut r = RealRenderer::new(s);
        let mut reader = LedReader::with_options(blink_doctor::synth::Video::reader_options(s));
        let mut out = "undecided".to_string();
        let mut first = true;
        total += 1;
        while let Some((f, _)) = r.next_with_exposure() {
            let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
            // The lights are watched from the first frame any of them is lit, as the finder would
            // propose them when they switch on (or from the start, for one lit from the start).
            let any_lit = s.device.lights.iter().any(|l| l.timeline.colour_at(f.t_ms / 1000.0).is_some());
            if first && any_lit {
                reader.push(&frame);
                reader.watch_only(&r.led_positions(f.t_ms));
                first = false;
                continue;
            }
            let p = reader.push(&frame);
            if std::env::var("TRACE").is_ok() {
                let lit: Vec<u8> = s.device.lights.iter().map(|l| l.timeline.colour_at(f.t_ms / 1000.0).is_some() as u8).collect();
                let leds: Vec<String> = r.led_positions(f.t_ms).iter().map(|(x, y)| format!("({x:.0},{y:.0})")).collect();
                println!("  {:5.2}s lit={lit:?} led={} | {}", f.t_ms / 1000.0, leds.join(""), reader.describe_lights());
            }
            if let Status::Done(e) = p.status {
                let wrong = case.expected.mismatches(&e, f.t_ms / 1000.0);
                if wrong.is_empty() {
                    right += 1;
                }
                if std::env::var("TRACE").is_ok() {
                    for i in reader.intervals() {
                        println!("  interval {:.2}..{:.2} {:?} hue {:.0} open={} censored={}", i.start, i.end, i.colour, blink_doctor::signal::measure::hue(i.rgb), i.open, i.censored);
                    }
                }
                out = format!("{} {:?} {:?} n={} before={:?} conf {:.2} at {:.1}s {}", if wrong.is_empty() { "ok  " } else { "FAIL" }, e.pattern, e.colour, e.flash_count, e.preceded_by, e.confidence, f.t_ms / 1000.0, wrong.join(", "));
                break;
            }
        }
        println!("{:<44} {out}", case.name);
    }
    println!("{right}/{total} right with the light pinned");
}
