//! Feeds the reader 320x240 frames in a loop, for profiling (`perf record`).
use blink_doctor::signal::{Frame, LedReader};
use blink_doctor::synth::{render_frame, Nuisances, Rgb, Scene, Timeline};

fn main() {
    let scene = Scene { nuisances: Nuisances::harsh(), ..Scene::new(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.0, 10.0)) };
    let frames: Vec<Vec<u8>> = (0..60).map(|i| render_frame(&scene, i as f64 * 33.3)).collect();
    let mut reader = LedReader::new();
    let mut t = 0.0;
    for i in 0..20000 {
        t += 33.3;
        let f = Frame::new(320, 240, &frames[i % 60], t).expect("frame");
        std::hint::black_box(reader.push(&f));
        if t > 15_000.0 {
            reader = LedReader::new();
            t = 0.0;
        }
    }
}
