//! Hues of the LEDs' added light as the spot measurement sees it at their true place, per colour,
//! over the realistic corpus (debugging aid for the colour boundaries).
use blink_doctor::signal::measure::hue;
use blink_doctor::signal::spot::{measure, Kernel, Sums};
use blink_doctor::signal::view::{Rect, Window};
use blink_doctor::synth::real::{real_corpus, RealRenderer};
use blink_doctor::synth::Rgb;

fn main() {
    let mut by: std::collections::BTreeMap<&str, Vec<f32>> = Default::default();
    let filter = std::env::args().nth(1).unwrap_or_default();
    let step = if filter.is_empty() { 2 } else { 1 };
    for case in real_corpus().iter().filter(|c| c.name.contains(&filter)).step_by(step) {
        let s = &case.scene;
        let mut r = RealRenderer::new(s);
        let rect = Rect { x: 0, y: 0, w: s.width, h: s.height };
        let mut sums = Sums::default();
        let mut n = 0;
        while let Some((f, _)) = r.next_with_exposure() {
            n += 1;
            if n % 5 != 0 {
                continue;
            }
            let Some(win) = Window::new(rect, &f.rgba) else { continue };
            for (light, (x, y)) in s.device.lights.iter().zip(r.led_positions(f.t_ms)) {
                let Some(c) = light.timeline.colour_at(f.t_ms / 1000.0) else { continue };
                let name = if c == Rgb::RED { "red" } else if c == Rgb::GREEN { "green" } else if c == Rgb::BLUE { "blue" } else { "other" };
                let best = [0usize, 1, 2, 4].iter().filter_map(|&h| measure(&win, &mut sums, Kernel { half: h }, x.round(), y.round(), 1)).max_by(|a, b| a.level.total_cmp(&b.level));
                if let Some(m) = best {
                    by.entry(name).or_default().push(hue(m.colour));
                }
            }
        }
    }
    for (name, mut v) in by {
        v.sort_by(f32::total_cmp);
        let q = |p: f32| v[((v.len() - 1) as f32 * p) as usize];
        println!("{name}: n={} p2 {:.0} p10 {:.0} p50 {:.0} p90 {:.0} p98 {:.0}", v.len(), q(0.02), q(0.1), q(0.5), q(0.9), q(0.98));
    }
}
