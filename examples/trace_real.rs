//! Prints the reader's view of one realistic case frame by frame (debugging aid): the true LEDs, the
//! watched lights and the status. `cargo run --profile bench --example trace_real -- NAME [EVERY]`
//! (SEED=n for hold-out seed n's cases, 1 by default; the e2e videos' scenes by their names;
//! SCENE=1 and CANDIDATES=1 print more)
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::e2e_real_scenarios;
use blink_doctor::synth::real::{no_led_scenes, real_corpus, real_holdout, RealCase, RealRenderer};
fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let every: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let case = real_corpus().into_iter().chain(no_led_scenes()).chain(real_holdout(std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1), 60)).chain(e2e_real_scenarios().into_iter().map(|(name, scene, expected)| RealCase { name: name.into(), scene, expected })).find(|c| c.name.starts_with(&name)).expect("case");
    let s = &case.scene;
    println!("{} {}x{} {:?}", case.name, s.width, s.height, case.expected);
    let mut r = RealRenderer::new(s);
    let mut reader = LedReader::with_options(blink_doctor::synth::Video::reader_options(s));
    let mut k = 0;
    while let Some((f, _)) = r.next_with_exposure() {
        let leds = r.led_positions(f.t_ms);
        let lit: Vec<u8> = s.device.lights.iter().map(|l| l.timeline.colour_at(f.t_ms / 1000.0).is_some() as u8).collect();
        let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
        let p = reader.push(&frame);
        if k % every == 0 {
            let leds_px = leds.clone();
            let leds: Vec<String> = leds.iter().map(|(x, y)| format!("({x:.0},{y:.0})")).collect();
            let place = leds_px.first().map(|&(x, y)| reader.describe_place(x, y)).unwrap_or_default();
            println!("{:6.2}s lit={:?} led={} [{place}] lvl={:?} {:?} | {} | {:?}", f.t_ms / 1000.0, lit, leds.join(""), p.level.map(|l| (l * 100.0).round()), p.colour, reader.describe_lights(), p.status);
            if std::env::var("SCENE").is_ok() {
                println!("        scene: {}", reader.describe_scene());
            }
            if std::env::var("CANDIDATES").is_ok() {
                println!("        candidates: {}", reader.describe_candidates());
            }
        }
        k += 1;
    }
    for i in reader.intervals() {
        println!("  interval {:.2}..{:.2} {:?} hue {:.0} open={} censored={}", i.start, i.end, i.colour, blink_doctor::signal::measure::hue(i.rgb), i.open, i.censored);
    }
}
