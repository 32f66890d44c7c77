//! `make bench`: per-frame analysis time against the memory floor, and accuracy and decision
//! latency over the signal corpus and the randomised hold-out set, then the same over realistic
//! video (synth::real: its corpus, its hold-out sets and the scenes with no LED lit). Cases run
//! on both cores. Figures, not pass/fail. `-- frames` stops after the per-frame figures, `-- plain`
//! after the plain corpus and its hold-outs; `-- real` runs only the realistic part.
use blink_doctor::words;
use blink_doctor::signal::cells::{plain_pass, CellPass, Grid};
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::led::PatternKind;
use blink_doctor::synth::real::{no_led_scenes, real_corpus, real_holdout, RealCase, RealRenderer};
use blink_doctor::synth::{corpus, holdout, read_case, render_frame, Case, Nuisances, Rgb, Scene, Timeline};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn per_frame(width: usize, height: usize) {
    let scene = Scene {
        width,
        height,
        nuisances: Nuisances::harsh(),
        ..Scene::new(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.0, 10.0))
    };
    let frames: Vec<Vec<u8>> = (0..60).map(|i| render_frame(&scene, i as f64 * 33.3)).collect();
    let grid = Grid::for_frame(width, height);
    let (mut pass, mut stats) = (CellPass::default(), Vec::new());
    let mut reader = LedReader::new();
    let mut t = 0.0;
    let (mut floor, mut cells, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    // The three are timed in turn within each round, on the same frames, so machine noise
    // hits them alike; medians over the rounds.
    for round in 0..41 {
        let batch: Vec<&Vec<u8>> = (0..20).map(|k| &frames[(round * 20 + k) % frames.len()]).collect();
        let start = Instant::now();
        for f in &batch {
            black_box(plain_pass(black_box(f)));
        }
        floor.push(start.elapsed().as_secs_f64() * 1e6 / 20.0);
        let start = Instant::now();
        for f in &batch {
            let frame = Frame::new(width, height, f, 0.0).expect("frame");
            pass.run(black_box(&frame), &grid, &mut stats);
            black_box(&stats);
        }
        cells.push(start.elapsed().as_secs_f64() * 1e6 / 20.0);
        let start = Instant::now();
        for f in &batch {
            t += 33.3;
            let frame = Frame::new(width, height, f, t).expect("frame");
            black_box(reader.push(&frame));
        }
        whole.push(start.elapsed().as_secs_f64() * 1e6 / 20.0);
        if t > 15_000.0 {
            reader = LedReader::new();
            t = 0.0;
        }
    }
    // The floor itself swings with the machine's load (the frames come from a shared cache), so
    // the ratios are also taken round by round, where the three timings sat side by side.
    let ratio = |xs: &[f64]| median(xs.iter().zip(&floor).map(|(x, f)| x / f).collect());
    let (cells_ratio, whole_ratio) = (ratio(&cells), ratio(&whole));
    let (floor, cells, whole) = (median(floor), median(cells), median(whole));
    println!(
        "{width}x{height}: memory floor {floor:.1} us | cell pass {cells:.1} us | whole reader {whole:.1} us | \
         median ratio per round: cell pass {cells_ratio:.2}x, whole reader {whole_ratio:.2}x the floor"
    );
}

struct Outcome {
    right: bool,
    latency_s: Option<f64>,
}

fn evaluate(case: &Case) -> Outcome {
    match read_case(case) {
        Some((e, t)) => Outcome { right: case.expected.is_right(&e), latency_s: Some(t - case.expected.latency_from_s) },
        None => Outcome { right: false, latency_s: None },
    }
}

fn report(title: &str, cases: &[Case]) {
    let outcomes: Vec<(String, Outcome)> = par_map(cases, |c| (c.name.clone(), evaluate(c)));
    let right = outcomes.iter().filter(|(_, o)| o.right).count();
    println!("{title}: {right}/{} right ({:.1} %)", outcomes.len(), 100.0 * right as f64 / outcomes.len() as f64);
    for kind in ["none", "steady", "blinking", "burst", "flash"] {
        let lat: Vec<f64> = outcomes
            .iter()
            .filter(|(n, o)| o.right && (n.split('/').next().unwrap_or("").contains(kind) || n.ends_with(&format!("/{kind}"))))
            .filter_map(|(_, o)| o.latency_s)
            .collect();
        if !lat.is_empty() {
            let worst = lat.iter().cloned().fold(f64::MIN, f64::max);
            println!("  {kind:<9} decision latency: median {:.2} s, worst {:.2} s ({} cases)", median(lat.clone()), worst, lat.len());
        }
    }
    for (n, o) in outcomes.iter().filter(|(_, o)| !o.right) {
        println!("  wrong: {n} (decided: {})", o.latency_s.is_some());
    }
}

/// `f` over `items` on both cores (the cases are independent), results in order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new((0..items.len()).map(|_| None).collect::<Vec<Option<R>>>());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
}

/// Plays realistic cases on both cores: each reading and when it was decided, in case order.
fn read_all(cases: &[RealCase]) -> Vec<Option<(blink_doctor::led::LedEvidence, f64)>> {
    par_map(cases, read_case)
}

/// Accuracy and latency over a realistic set; `details` lists the wrong cases.
fn report_real(title: &str, cases: &[RealCase], details: bool) {
    let start = Instant::now();
    let readings = read_all(cases);
    let right: Vec<bool> = cases.iter().zip(&readings).map(|(c, r)| r.as_ref().is_some_and(|(e, t)| c.expected.mismatches(e, *t).is_empty())).collect();
    let n_right = right.iter().filter(|r| **r).count();
    let n = cases.len().max(1);
    // The harm that matters most: a wrong reading not flagged unsure, shown as a finding.
    let confident_wrong = cases.iter().zip(&readings).filter(|(c, r)| r.as_ref().is_some_and(|(e, _)| !c.expected.is_right(e) && !e.is_unsure())).count();
    println!(
        "{title}: {n_right}/{} right and in time ({:.1} %), {confident_wrong} confidently wrong [{:.0} s]",
        cases.len(),
        100.0 * n_right as f64 / n as f64,
        start.elapsed().as_secs_f64()
    );
    if !details {
        return;
    }
    for kind in ["none", "steady", "blinking", "burst", "flash", "sync"] {
        let lat: Vec<f64> = cases
            .iter()
            .zip(&readings)
            .zip(&right)
            .filter(|((c, _), ok)| **ok && c.name.split('/').next().unwrap_or("").contains(kind))
            .filter_map(|((c, r), _)| r.as_ref().map(|(_, t)| t - c.expected.latency_from_s))
            .collect();
        if !lat.is_empty() {
            let worst = lat.iter().cloned().fold(f64::MIN, f64::max);
            println!("  {kind:<9} decision latency: median {:.2} s, worst {:.2} s ({} cases)", median(lat.clone()), worst, lat.len());
        }
    }
    for ((c, r), ok) in cases.iter().zip(&readings).zip(&right) {
        if !ok {
            match r {
                Some((e, t)) => println!("  wrong: {} -> {} at {t:.1} s ({})", c.name, words::reading(e), c.expected.mismatches(e, *t).join(", ")),
                None => println!("  wrong: {} -> never decided", c.name),
            }
        }
    }
}

/// Scenes with no LED lit: how many read as a flash, a burst or blinking (the false alarms that
/// matter), and how many as anything but no light.
fn report_no_led(title: &str, cases: &[RealCase]) {
    let start = Instant::now();
    let readings = read_all(cases);
    let alarm = |p: PatternKind| matches!(p, PatternKind::Flash | PatternKind::Burst | PatternKind::Blinking);
    let alarms = readings.iter().flatten().filter(|(e, _)| alarm(e.pattern)).count();
    let confident_alarms = readings.iter().flatten().filter(|(e, _)| alarm(e.pattern) && !e.is_unsure()).count();
    let other = readings.iter().flatten().filter(|(e, _)| !alarm(e.pattern) && e.pattern != PatternKind::None).count();
    let undecided = readings.iter().filter(|r| r.is_none()).count();
    println!(
        "{title}: {alarms} flash/burst/blinking verdicts ({confident_alarms} not flagged unsure), {other} other lights, {undecided} undecided, {} read as no light, of {} [{:.0} s]",
        cases.len() - alarms - other - undecided,
        cases.len(),
        start.elapsed().as_secs_f64()
    );
    for (c, r) in cases.iter().zip(&readings) {
        if let Some((e, t)) = r {
            if e.pattern != PatternKind::None {
                println!("  {}: {} -> {} at {t:.1} s", if alarm(e.pattern) { "FALSE ALARM" } else { "not none" }, c.name, words::reading(e));
            }
        }
    }
}

/// What the realistic renderer itself costs per 1280x720 frame (so reader time can be told apart).
fn render_cost() {
    let cases = real_corpus();
    let Some(case) = cases.iter().find(|c| c.name == "blinking-red/street-far") else { return };
    let mut r = RealRenderer::new(&case.scene);
    let mut times = Vec::new();
    for _ in 0..60 {
        let start = Instant::now();
        if r.next().is_none() {
            break;
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("realistic renderer: median {:.1} ms per 1280x720 frame (street-far setting, phone pipeline)", median(times));
}

fn main() {
    let real_only = std::env::args().any(|a| a == "real");
    if !real_only {
        println!("== per-frame analysis (medians of 41 rounds) ==");
        per_frame(320, 240);
        per_frame(640, 480);
        // `-- frames`: the per-frame figures alone (the accuracy runs take minutes).
        if std::env::args().any(|a| a == "frames") {
            return;
        }
        println!("\n== accuracy (latency: from burst end / third blink period / start) ==");
        report("corpus", &corpus());
        report("hold-out seed 7 (120 random scenes; its failures were studied during development)", &holdout(7, 120));
        report("hold-out seed 2026 (120 random scenes; only its one failure was traced, not tuned for)", &holdout(2026, 120));
        // `-- plain`: the plain corpus and its hold-outs alone.
        if std::env::args().any(|a| a == "plain") {
            return;
        }
    }
    println!("\n== realistic video (synth::real; both cores) ==");
    render_cost();
    let corpus = real_corpus();
    report_real(&format!("realistic corpus ({} cases)", corpus.len()), &corpus, true);
    report_real("realistic hold-out seed 11 (40 random scenes; for development, may be studied case by case)", &real_holdout(11, 40), true);
    // Never print this set's cases: it estimates how the reader does on video nobody looked at.
    report_real("realistic hold-out seed 4243 (40 random scenes; total only, never looked at case by case)", &real_holdout(4243, 40), false);
    let quiet = no_led_scenes();
    report_no_led(&format!("no-LED scenes ({})", quiet.len()), &quiet);
}
