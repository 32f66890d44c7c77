//! Traces the reader on a synthetic blinking light (debugging aid for the robustness tests):
//! `cargo run --profile bench --example pin_trace -- [white|red] [pin] [radius gain bloom]`.
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{render_all, Nuisances, Rgb, Scene, Timeline};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let colour = if args.iter().any(|a| a == "red") { Rgb::RED } else { Rgb::WHITE };
    let nums: Vec<f32> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let mut scene = Scene { led_x: 0.3, led_y: 0.6, ..Scene::new(Timeline::blinking(colour, 1.0, 0.5, 0.3, 8.0)) };
    if let [radius, gain, bloom] = nums[..] {
        let mut nuisances = Nuisances::clean();
        nuisances.noise_sigma = 3.0;
        nuisances.bloom = bloom;
        nuisances.chroma_420 = true;
        scene = Scene { led_x: 0.5, led_y: 0.5, led_radius_px: radius, led_gain: gain, nuisances, ..Scene::new(Timeline::blinking(colour, 2.0, 0.5, 0.3, 4.0)) };
    }
    let mut reader = LedReader::new();
    if args.iter().any(|a| a == "pin") {
        reader.pin(scene.led_x, scene.led_y);
    }
    for f in render_all(&scene) {
        let Some(frame) = Frame::new(scene.width, scene.height, &f.rgba, f.t_ms) else { continue };
        let p = reader.push(&frame);
        println!("{:5.2}s {:?} {:?} at {:?} | {} | {:?}", f.t_ms / 1000.0, p.level.map(|l| l.round()), p.colour, p.led_at, reader.describe_lights(), p.status);
        if std::env::var("CANDIDATES").is_ok() {
            println!("        candidates: {}", reader.describe_candidates());
        }
    }
}
