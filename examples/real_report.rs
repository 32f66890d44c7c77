//! Runs the LED reader over a realistic case set and prints one line per case (debugging aid).
//! `cargo run --profile bench --example real_report -- SET [FILTER] [--contrast] [--list]`
//! SET: `corpus`, `none` (the no-LED scenes), `sample` (the `make test` sample), `e2e` (the
//! realistic fake-camera scenes, before their H.264 round trip) or `holdout:SEED:N`.
//! `--list` only lists the cases (with the visibility estimate); `--contrast` also measures how
//! much the LED shows in the video (on against off, 0..255), independent of the reader.
use blink_doctor::synth::real::{measured_contrast, no_led_scenes, real_corpus, real_holdout, sample_cases, visibility_estimate, RealCase};
use blink_doctor::synth::{e2e_real_scenarios, read_case};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().cloned().unwrap_or_else(|| "corpus".into());
    let filter = args.iter().skip(1).find(|a| !a.starts_with("--")).cloned().unwrap_or_default();
    let (list, contrast) = (args.iter().any(|a| a == "--list"), args.iter().any(|a| a == "--contrast"));
    let cases: Vec<RealCase> = match set.split(':').collect::<Vec<_>>().as_slice() {
        ["corpus"] => real_corpus(),
        ["none"] => no_led_scenes(),
        ["sample"] => sample_cases(),
        ["e2e"] => e2e_real_scenarios().into_iter().map(|(name, scene, expected)| RealCase { name: name.into(), scene, expected }).collect(),
        ["holdout", seed, n] => real_holdout(seed.parse().unwrap_or(1), n.parse().unwrap_or(60)),
        _ => {
            eprintln!("unknown set {set}");
            std::process::exit(2);
        }
    };
    let cases: Vec<RealCase> = cases.into_iter().filter(|c| c.name.contains(&filter)).collect();
    if list {
        for c in &cases {
            let s = &c.scene;
            println!("{:<48} {}x{} {}fps vis {:.1} {:?}", c.name, s.width, s.height, s.fps, visibility_estimate(s), s.device.kind);
        }
        println!("{} cases", cases.len());
        return;
    }
    let next = AtomicUsize::new(0);
    let lines = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let start = std::time::Instant::now();
                let decided = read_case(case);
                let secs = start.elapsed().as_secs_f64();
                let x = &case.expected;
                let mut line = match &decided {
                    Some((e, t)) => {
                        let wrong = x.mismatches(e, *t);
                        let also: Vec<String> = e.also.iter().map(|o| format!("+{:?} {:?}", o.pattern, o.colour)).collect();
                        format!(
                            "{} {:<48} {:?} {:?} n={} before={:?} {} at {:.2}s conf {:.2} {}",
                            if wrong.is_empty() { "ok  " } else { "FAIL" },
                            case.name, e.pattern, e.colour, e.flash_count, e.preceded_by, also.join(" "), t, e.confidence, wrong.join(", ")
                        )
                    }
                    None => format!("FAIL {:<48} undecided", case.name),
                };
                if contrast {
                    let at = case.scene.device.lights.iter().filter_map(|l| l.timeline.lit.first().map(|i| i.0 + 0.05)).fold(f64::NAN, f64::min);
                    if at.is_finite() {
                        line += &format!(" | contrast {:?}", measured_contrast(&case.scene, at).iter().map(|c| c.round()).collect::<Vec<_>>());
                    }
                }
                line += &format!(" ({secs:.1} s)");
                println!("{line}");
                lines.lock().unwrap_or_else(|e| e.into_inner()).push((i, line));
            });
        }
    });
    let lines = lines.into_inner().unwrap_or_default();
    let ok = lines.iter().filter(|(_, l)| l.starts_with("ok")).count();
    println!("{ok}/{} right and in time", lines.len());
}
