//! How well each way of estimating a light's motion follows the true LED, frame to frame and
//! over half a second, on realistic video (debugging aid, for choosing the method).
//! `cargo run --profile bench --example motion_eval -- [FILTER]`
use blink_doctor::signal::motion::{shift, Profiles, MIN_FIT};
use blink_doctor::signal::view::{Rect, Window};
use blink_doctor::synth::real::{real_corpus, RealRenderer};

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let names = ["zero", "aim", "patch", "patch-hole", "small", "small-hole"];
    let mut err1 = vec![Vec::new(); names.len()];
    let mut err15 = vec![Vec::new(); names.len()];
    for case in real_corpus().iter().filter(|c| c.name.contains(&filter) && (c.name.starts_with("blinking-red/") || c.name.starts_with("sync-offline"))) {
        let s = &case.scene;
        let mut r = RealRenderer::new(s);
        let rect = Rect { x: 0, y: 0, w: s.width, h: s.height };
        let side = s.width.max(s.height) as f32;
        let mut prev: Option<(Vec<u8>, (f32, f32))> = None;
        let mut history: Vec<(Vec<(f32, f32)>, (f32, f32))> = Vec::new();
        while let Some((f, _)) = r.next_with_exposure() {
            let led = r.led_positions(f.t_ms)[0];
            if let Some((before, led0)) = &prev {
                let truth = (led.0 - led0.0, led.1 - led0.1);
                let wb = Window::new(rect, before).expect("w");
                let wn = Window::new(rect, &f.rgba).expect("w");
                let est = |patch: Rect, hole: Option<Rect>| -> (f32, f32) {
                    let (mut a, mut b) = (Profiles::default(), Profiles::default());
                    match hole {
                        Some(h) => {
                            Profiles::measure_around(&wb, patch, h, &mut a);
                            Profiles::measure_around(&wn, patch, h, &mut b);
                        }
                        None => {
                            Profiles::measure(&wb, patch, &mut a);
                            Profiles::measure(&wn, patch, &mut b);
                        }
                    }
                    match shift(&a, &b, (0.03 * side).ceil() as usize, None) {
                        Some(s) => (if s.fit_x >= MIN_FIT { s.dx } else { 0.0 }, if s.fit_y >= MIN_FIT { s.dy } else { 0.0 }),
                        None => (0.0, 0.0),
                    }
                };
                let aimside = (0.3 * s.width as f32) as usize;
                let aim = Rect { x: (s.width - aimside) / 2, y: (s.height - aimside.min(s.height)) / 2, w: aimside, h: aimside.min(s.height) };
                let half = (0.04 * side) as usize;
                let small = (0.02 * side) as usize;
                let patch = Rect::around(led0.0, led0.1, half, s.width, s.height);
                let spatch = Rect::around(led0.0, led0.1, small, s.width, s.height);
                let ests = vec![
                    (0.0, 0.0),
                    est(aim, None),
                    est(patch, None),
                    est(patch, Some(Rect::around(led0.0, led0.1, half / 2, s.width, s.height))),
                    est(spatch, None),
                    est(spatch, Some(Rect::around(led0.0, led0.1, small / 2, s.width, s.height))),
                ];
                for (k, e) in ests.iter().enumerate() {
                    err1[k].push((e.0 - truth.0).hypot(e.1 - truth.1));
                }
                history.push((ests, truth));
                if history.len() >= 15 {
                    let win = &history[history.len() - 15..];
                    let t = win.iter().fold((0.0, 0.0), |a, (_, t)| (a.0 + t.0, a.1 + t.1));
                    for k in 0..names.len() {
                        let e = win.iter().fold((0.0, 0.0), |a, (es, _)| (a.0 + es[k].0, a.1 + es[k].1));
                        err15[k].push((e.0 - t.0).hypot(e.1 - t.1));
                    }
                }
            }
            prev = Some((f.rgba, led));
        }
    }
    for k in 0..names.len() {
        let med = |v: &mut Vec<f32>| {
            v.sort_by(f32::total_cmp);
            (v[v.len() / 2], v[v.len() * 9 / 10])
        };
        let (a, b) = med(&mut err1[k]);
        let (c, d) = med(&mut err15[k]);
        println!("{:<11} per frame: median {a:.2} p90 {b:.2} px | over 15 frames: median {c:.2} p90 {d:.2} px", names[k]);
    }
}
