//! The finder's view of the cells around the LED of a plain corpus case at a moment (debugging aid).
//! `cargo run --profile bench --example cells_case -- NAME SECONDS`
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{corpus, render_all};
fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let at: f64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let case = corpus().into_iter().find(|c| c.name.starts_with(&name)).expect("case");
    let s = &case.scene;
    let mut reader = LedReader::new();
    for f in render_all(s) {
        let Some(frame) = Frame::new(s.width, s.height, &f.rgba, f.t_ms) else { continue };
        reader.push(&frame);
        if f.t_ms / 1000.0 >= at {
            let (lx, ly) = s.led_position(f.t_ms);
            for dy in -2i32..=2 {
                for dx in -2i32..=2 {
                    println!("({dx},{dy}) {}", reader.describe_place(lx + 6.0 * dx as f32, ly + 6.0 * dy as f32));
                }
            }
            break;
        }
    }
}
