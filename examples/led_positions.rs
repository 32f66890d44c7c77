//! Where the LEDs of a realistic set sit: distance from the picture's middle as a share of the
//! shorter side (debugging aid). `cargo run --profile bench --example led_positions -- SET`
use blink_doctor::synth::real::{real_corpus, real_holdout, RealRenderer};
fn main() {
    let set = std::env::args().nth(1).unwrap_or_else(|| "corpus".into());
    let cases = match set.split(':').collect::<Vec<_>>().as_slice() {
        ["holdout", seed, n] => real_holdout(seed.parse().unwrap_or(1), n.parse().unwrap_or(40)),
        _ => real_corpus(),
    };
    let mut d: Vec<f32> = Vec::new();
    for c in &cases {
        let s = &c.scene;
        let r = RealRenderer::new(s);
        for (x, y) in r.led_positions(0.0) {
            let (dx, dy) = (x - s.width as f32 / 2.0, y - s.height as f32 / 2.0);
            let dist = dx.hypot(dy) / s.width.min(s.height) as f32;
            let cheb = (dx / s.width as f32).abs().max((dy / s.height as f32).abs());
            println!("{:<48} dist {:.2} cheb {:.2} ({:.2},{:.2})", c.name, dist, cheb, x / s.width as f32, y / s.height as f32);
            d.push(dist);
        }
    }
    d.sort_by(f32::total_cmp);
    println!("max {:.2} p90 {:.2}", d.last().unwrap_or(&0.0), d.get(d.len() * 9 / 10).unwrap_or(&0.0));
}
