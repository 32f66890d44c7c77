//! Debugging aid: for each realistic case, whether a tracker sat on the true LED, what it read,
//! and what the status light read instead. `cargo run --profile bench --example diagnose_real -- SET [FILTER]`
use blink_doctor::words;
use blink_doctor::signal::{Frame, LedReader, Status};
use blink_doctor::synth::real::{no_led_scenes, real_corpus, sample_cases, RealRenderer};

fn main() {
    let set = std::env::args().nth(1).unwrap_or_else(|| "sample".into());
    let filter = std::env::args().nth(2).unwrap_or_default();
    let cases = match set.as_str() {
        "corpus" => real_corpus(),
        "none" => no_led_scenes(),
        _ => sample_cases(),
    };
    for case in cases.into_iter().filter(|c| c.name.contains(&filter)) {
        let s = &case.scene;
        let mut r = RealRenderer::new(s);
        let mut reader = LedReader::new();
        let (mut on_led_frames, mut frames, mut verdict) = (0, 0, None);
        let mut last_leds = Vec::new();
        while let Some((f, _)) = r.next_with_exposure() {
            let leds = r.led_positions(f.t_ms);
            let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
            let p = reader.push(&frame);
            frames += 1;
            if reader.lights().iter().any(|&(x, y, _)| leds.iter().any(|&(lx, ly)| (x - lx).hypot(y - ly) < 8.0)) {
                on_led_frames += 1;
            }
            last_leds = leds;
            if let Status::Done(e) = p.status {
                verdict = Some((e, f.t_ms / 1000.0));
                break;
            }
        }
        let right = verdict.as_ref().is_some_and(|(e, t)| case.expected.mismatches(e, *t).is_empty());
        println!(
            "{} {:<45} tracked {:>3}% of frames | verdict {}",
            if right { "ok  " } else { "FAIL" },
            case.name,
            100 * on_led_frames / frames.max(1),
            verdict.map(|(e, t)| format!("{} at {t:.1}s conf {:.2}", words::reading(&e), e.confidence)).unwrap_or("none".into())
        );
        if !right {
            println!("     leds {:?}", last_leds.iter().map(|(x, y)| format!("({x:.0},{y:.0})")).collect::<Vec<_>>());
            println!("     {}", reader.describe_lights());
        }
    }
}
