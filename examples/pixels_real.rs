//! Prints the pixels around each LED of a realistic case at a moment (debugging aid).
//! `cargo run --profile bench --example pixels_real -- NAME SECONDS [RADIUS]`
use blink_doctor::synth::real::{no_led_scenes, real_corpus, RealRenderer};
fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let at: f64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let r: i64 = std::env::args().nth(3).and_then(|s| s.parse().ok()).unwrap_or(4);
    let case = real_corpus().into_iter().chain(no_led_scenes()).find(|c| c.name.starts_with(&name)).expect("case");
    let s = &case.scene;
    let mut rend = RealRenderer::new(s);
    while let Some((f, _)) = rend.next_with_exposure() {
        if f.t_ms / 1000.0 + 1e-6 < at {
            continue;
        }
        for (x, y) in rend.led_positions(f.t_ms) {
            println!("LED at ({x:.1},{y:.1}) t={:.3}", f.t_ms / 1000.0);
            for yy in (y as i64 - r)..=(y as i64 + r) {
                let row: Vec<String> = ((x as i64 - r)..=(x as i64 + r))
                    .map(|xx| {
                        if xx < 0 || yy < 0 || xx as usize >= s.width || yy as usize >= s.height {
                            return "    -      ".into();
                        }
                        let i = (yy as usize * s.width + xx as usize) * 4;
                        format!("{:3},{:3},{:3}", f.rgba[i], f.rgba[i + 1], f.rgba[i + 2])
                    })
                    .collect();
                println!("{}", row.join(" "));
            }
        }
        break;
    }
}
