//! Runs the LED reader over the signal corpus (or, with HOLDOUT=<seed>, a random hold-out set)
//! and prints one line per case (debugging aid). `cargo run --profile bench --example corpus_report [filter]`
use blink_doctor::synth::{corpus, holdout, read_case};

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let (mut ok, mut total) = (0, 0);
    let seed = std::env::var("HOLDOUT").ok().and_then(|s| s.parse().ok());
    let cases = match seed { Some(seed) => holdout(seed, 120), None => corpus() };
    for case in cases.into_iter().filter(|c| c.name.contains(&filter)) {
        let decided = read_case(&case);
        total += 1;
        let x = &case.expected;
        let line = match &decided {
            Some((e, t)) => {
                let wrong = x.mismatches(e, *t);
                if wrong.is_empty() {
                    ok += 1;
                }
                format!(
                    "{} {:<40} {:?} {:?} n={} before={:?} at {:.2}s conf {:.2} {}",
                    if wrong.is_empty() { "ok  " } else { "FAIL" },
                    case.name, e.pattern, e.colour, e.flash_count, e.preceded_by, t, e.confidence, wrong.join(", ")
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
