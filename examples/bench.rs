//! `make bench`: per-frame analysis time against the memory floor, and accuracy and decision
//! latency over the signal corpus and the randomised hold-out set. Figures, not pass/fail.
use blink_doctor::signal::cells::{plain_pass, CellPass, Grid};
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{corpus, holdout, read_case, render_frame, Case, Nuisances, Rgb, Scene, Timeline};
use std::hint::black_box;
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
    let outcomes: Vec<(String, Outcome)> = cases.iter().map(|c| (c.name.clone(), evaluate(c))).collect();
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

fn main() {
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
}
