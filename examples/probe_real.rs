//! The spot measurement at the true LED position of a realistic case, frame by frame, at every
//! scale, with no tracking (debugging aid): does the measurement itself tell lit from unlit?
//! `cargo run --profile bench --example probe_real -- NAME [EVERY]`
use blink_doctor::signal::spot::{measure, Kernel, Sums, SCALES};
use blink_doctor::signal::view::{Rect, Window};
use blink_doctor::synth::real::{no_led_scenes, real_corpus, RealRenderer};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let every: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let case = real_corpus().into_iter().chain(no_led_scenes()).find(|c| c.name.starts_with(&name)).expect("case");
    let s = &case.scene;
    let mut r = RealRenderer::new(s);
    let rect = Rect { x: 0, y: 0, w: s.width, h: s.height };
    let mut sums = Sums::default();
    let mut k = 0;
    while let Some((f, _)) = r.next_with_exposure() {
        k += 1;
        if k % every != 0 {
            continue;
        }
        let Some(win) = Window::new(rect, &f.rgba) else { continue };
        let lit: Vec<u8> = s.device.lights.iter().map(|l| l.timeline.colour_at(f.t_ms / 1000.0).is_some() as u8).collect();
        let mut line = format!("{:5.2}s lit={lit:?}", f.t_ms / 1000.0);
        for (x, y) in r.led_positions(f.t_ms) {
            for &half in &SCALES[..5] {
                let reading = measure(&win, &mut sums, Kernel { half }, x.round(), y.round(), 2);
                match reading {
                    Some(m) => line += &format!(" k{half}:{:>3.0}{:?}", m.level, blink_doctor::signal::measure::classify(m.colour)),
                    None => line += " k?",
                }
            }
            line += " |";
        }
        println!("{line}");
    }
}
