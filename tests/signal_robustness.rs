//! The reader never panics, whatever the browser hands it, and behaves sensibly at the edges.
use blink_doctor::signal::{Frame, LedReader, Status};
use blink_doctor::synth::{render_all, render_frame, Nuisances, Rgb, Rng, Scene, Timeline};

#[test]
fn malformed_frames_are_refused_by_the_constructor() {
    assert!(Frame::new(0, 10, &[], 0.0).is_none());
    assert!(Frame::new(10, 10, &[0; 399], 0.0).is_none());
    assert!(Frame::new(10, 10, &[0; 400], f64::NAN).is_none());
    assert!(Frame::new(usize::MAX, 2, &[0; 8], 0.0).is_none());
    assert!(Frame::new(10, 10, &[0; 400], 5.0).is_some());
}

/// Random sizes (1x1 up to 700x500), random content, timestamps that repeat, go backwards, jump
/// and stall: the reader must never panic and progress must stay in range.
#[test]
fn arbitrary_frames_and_timestamps_never_panic() {
    let mut rng = Rng::new(42);
    for round in 0..40 {
        let mut reader = LedReader::new();
        let mut t = 0.0f64;
        let (mut w, mut h) = (1 + (rng.unit() * 700.0) as usize, 1 + (rng.unit() * 500.0) as usize);
        for _ in 0..60 {
            if rng.unit() < 0.1 {
                w = 1 + (rng.unit() * 700.0) as usize;
                h = 1 + (rng.unit() * 500.0) as usize;
            }
            t += match (rng.unit() * 6.0) as u32 {
                0 => 0.0,
                1 => -50.0,
                2 => 5000.0,
                3 => 0.001,
                _ => 33.0,
            };
            let bytes: Vec<u8> = (0..w * h * 4).map(|_| (rng.next_u64() & 0xff) as u8).collect();
            if let Some(frame) = Frame::new(w, h, &bytes, t) {
                let p = reader.push(&frame);
                assert!(p.level.is_none_or(|l| (0.0..=1.0).contains(&l)), "round {round}");
                assert!(p.elapsed_s.is_finite());
            }
        }
    }
}

#[test]
fn backwards_and_repeated_timestamps_are_rejected_not_used() {
    let scene = Scene::new(Timeline::none(1.0));
    let px = render_frame(&scene, 0.0);
    let mut reader = LedReader::new();
    for t in [100.0, 100.0, 90.0, 133.0] {
        let frame = Frame::new(scene.width, scene.height, &px, t).expect("frame");
        reader.push(&frame);
    }
    assert_eq!(reader.rejected_frames, 2);
}

#[test]
fn a_dark_scene_is_reported_as_too_dark_and_ends_as_none() {
    let scene = Scene { background: 0.01, ..Scene::new(Timeline::none(8.0)) };
    let mut reader = LedReader::new();
    let mut hint_seen = None;
    let mut result = None;
    for i in 0..240 {
        let t = i as f64 * 1000.0 / 30.0;
        let px = render_frame(&scene, t);
        let p = reader.push(&Frame::new(scene.width, scene.height, &px, t).expect("frame"));
        match p.status {
            Status::Searching { hint: Some(h) } => hint_seen = Some(h),
            Status::Done(e) => {
                result = Some(e);
                break;
            }
            _ => {}
        }
    }
    assert_eq!(hint_seen.map(|h| h.id()), Some("too-dark"));
    let e = result.expect("decided");
    assert_eq!(e.pattern.id(), "none");
    assert!(e.confidence < 0.5, "a dark picture cannot be sure the LED is off");
}

/// A tap on the LED finds it even when it is white (which the search alone ignores).
#[test]
fn tapping_the_led_reads_a_white_light() {
    let scene = Scene { led_x: 0.3, led_y: 0.6, ..Scene::new(Timeline::blinking(Rgb::WHITE, 1.0, 0.5, 0.3, 8.0)) };
    let mut reader = LedReader::new();
    reader.pin(0.3, 0.6);
    let mut result = None;
    for i in 0..240 {
        let t = i as f64 * 1000.0 / 30.0;
        let px = render_frame(&scene, t);
        if let Status::Done(e) = reader.push(&Frame::new(scene.width, scene.height, &px, t).expect("frame")).status {
            result = Some(e);
            break;
        }
    }
    let e = result.expect("decided");
    assert_eq!((e.pattern.id(), e.colour.map(|c| c.id())), ("blinking", Some("white")));
    let period = e.period_s.expect("period");
    assert!((period - 1.0).abs() < 0.1, "period {period}");
}

/// A blinking red light in the middle of the picture is read as sure; the same light near its
/// edge (where a person reading their LED does not keep it, and brake lights and signs are) is
/// read as the same pattern, but not as sure.
#[test]
fn a_light_near_the_pictures_edge_is_never_a_sure_reading() {
    let read = |x: f32, y: f32| {
        let scene = Scene { led_x: x, led_y: y, ..Scene::new(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.2, 8.0)) };
        let mut reader = LedReader::new();
        (0..240).find_map(|i| {
            let t = i as f64 * 1000.0 / 30.0;
            match reader.push(&Frame::new(scene.width, scene.height, &render_frame(&scene, t), t).expect("frame")).status {
                Status::Done(e) => Some(e),
                _ => None,
            }
        })
    };
    for (x, y, sure) in [(0.5, 0.5, true), (0.93, 0.5, false), (0.5, 0.06, false)] {
        let e = read(x, y).unwrap_or_else(|| panic!("({x}, {y}): undecided"));
        assert_eq!(e.pattern.id(), "blinking", "({x}, {y}): {e:?}");
        assert_eq!(!e.is_unsure(), sure, "({x}, {y}): confidence {}", e.confidence);
    }
}

/// The live progress says where the LED is once found.
#[test]
fn progress_locates_the_led() {
    let scene = Scene { led_x: 0.7, led_y: 0.3, ..Scene::new(Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.2, 6.0)) };
    let mut reader = LedReader::new();
    let mut at = None;
    for i in 0..90 {
        let t = i as f64 * 1000.0 / 30.0;
        let px = render_frame(&scene, t);
        at = reader.push(&Frame::new(scene.width, scene.height, &px, t).expect("frame")).led_at.or(at);
    }
    let (x, y) = at.expect("located");
    assert!((x - 0.7).abs() < 0.05 && (y - 0.3).abs() < 0.05, "at {x},{y}");
}

/// The vectorised cell pass gives exactly what a plain per-pixel loop gives: on full-range noise
/// (nearly every cell a bright spot, so its colour is its most colourful pixel) and on a narrow
/// range (no spots, so its colour is the channel peaks).
#[test]
fn cell_pass_matches_a_plain_reference() {
    use blink_doctor::signal::cells::{cell_stats, Grid};
    let mut rng = Rng::new(9);
    let sizes = [(320, 240), (97, 61), (640, 480), (3, 5), (1280, 720), (450, 430)];
    for (k, (w, h)) in sizes.into_iter().chain(sizes).enumerate() {
        let narrow = k >= sizes.len();
        let mut bytes: Vec<u8> = (0..w * h * 4)
            .map(|_| {
                let b = (rng.next_u64() & 0xff) as u8;
                if narrow { 100 + b / 8 } else { b }
            })
            .collect();
        bytes.chunks_exact_mut(4).for_each(|px| px[3] = 255);
        let frame = Frame::new(w, h, &bytes, 0.0).expect("frame");
        let grid = Grid::for_frame(w, h);
        let mut stats = Vec::new();
        cell_stats(&frame, &grid, &mut stats);
        let (mut spots, mut plain) = (0, 0);
        for cy in 0..grid.rows {
            for cx in 0..grid.cols {
                // The documented peak: over every second row; the mean: over the cell's first row.
                let (mut peak, mut sum, mut n) = ([0u8; 3], 0u32, 0u32);
                let y0 = cy * grid.cell;
                let sampled = || (y0..(y0 + grid.cell).min(h)).step_by(2);
                let columns = || cx * grid.cell..((cx + 1) * grid.cell).min(w);
                let pixel = |x: usize, y: usize| [0, 1, 2].map(|c| bytes[(y * w + x) * 4 + c]);
                for x in columns() {
                    for y in sampled() {
                        let p = pixel(x, y);
                        for c in 0..3 {
                            peak[c] = peak[c].max(p[c]);
                            if y == y0 {
                                sum += p[c] as u32;
                            }
                        }
                    }
                    n += 1;
                }
                let got = stats[cy * grid.cols + cx];
                let value = peak[0].max(peak[1]).max(peak[2]);
                assert_eq!(got.value, value, "{w}x{h} cell {cx},{cy}");
                let mean = sum as f32 / (3 * n) as f32;
                assert!((got.mean as f32 - mean).abs() < 1.0, "{w}x{h} cell {cx},{cy}: {} vs {mean}", got.mean);
                // The colour: in a spot (peak 40 above the mean), its most colourful pixel that is
                // lit (20 above the mean) and not clipped (some channel under 245), row by row,
                // the first of equals; else the peaks.
                let mut colour = peak;
                if value as u32 >= got.mean as u32 + 40 {
                    let lit = (got.mean as u32 + 20).min(255) as u8;
                    let mut best = 0;
                    for y in sampled() {
                        for x in columns() {
                            let p = pixel(x, y);
                            let (max, min) = (p[0].max(p[1]).max(p[2]), p[0].min(p[1]).min(p[2]));
                            if max >= lit && min < 245 && max - min > best {
                                best = max - min;
                                colour = p;
                            }
                        }
                    }
                    spots += 1;
                } else {
                    plain += 1;
                }
                assert_eq!(got.colour, colour, "{w}x{h} cell {cx},{cy}");
            }
        }
        // Both kinds of cell were checked where the noise makes them.
        assert!(if narrow { plain > 0 && spots == 0 } else { spots > 0 }, "{w}x{h}: {spots} spots, {plain} plain");
    }
}

fn samples(levels: &[f32]) -> Vec<blink_doctor::signal::measure::Sample> {
    levels
        .iter()
        .enumerate()
        .map(|(i, &level)| blink_doctor::signal::measure::Sample::new(i as f64 * 66.7, level, [0.0, 0.0, level]))
        .collect()
}

/// A bright static edge next to the LED keeps the region's floor high (here 78 of 255) while the
/// LED switches far above it: that is blinking, not a steady light. A light that only wavers
/// (exposure drift) stays one steady interval.
#[test]
fn switching_above_a_bright_floor_is_blinking_but_wavering_is_steady() {
    use blink_doctor::signal::segment::segment;
    let blinking: Vec<f32> = (0..60).map(|i| if (i / 7) % 2 == 0 { 78.0 + (i % 3) as f32 * 4.0 } else { 220.0 }).collect();
    assert_eq!(segment(&samples(&blinking), 0.0).len(), 4, "one interval per flash");
    let wavering: Vec<f32> = (0..60).map(|i| 160.0 + 45.0 * (i as f32 * 0.3).sin()).collect();
    assert_eq!(segment(&samples(&wavering), 0.0).len(), 1, "a wavering steady light");
}

/// A large over-exposed LED with a wide glow, close to the lens and seen through 4:2:0 colour: its
/// rim crosses the switching threshold a frame after its core, its colour peaks in the halo, and
/// its glow switches with it over a wide area (wider still in the browser, whose video colours are
/// more contrasty). The reading must place it at its middle from the moment it names it the status
/// light: by its second flash (one long flash alone is what a passer-by makes too, so the first
/// does not name it).
#[test]
fn a_large_blooming_led_is_placed_at_its_middle_from_the_first_flash() {
    // Without judging a switching patch by its core, all but the first were never located.
    for (radius, gain, bloom) in [(9.0, 2.0, 0.8), (9.0, 2.5, 0.8), (12.0, 2.0, 0.8), (9.0, 2.0, 1.0), (12.0, 2.5, 0.6)] {
        large_led_is_placed_at_its_middle(radius, gain, bloom);
    }
}

fn large_led_is_placed_at_its_middle(led_radius_px: f32, led_gain: f32, bloom: f32) {
    let mut nuisances = Nuisances::clean();
    nuisances.noise_sigma = 3.0;
    nuisances.bloom = bloom;
    nuisances.chroma_420 = true;
    let scene = Scene {
        led_x: 0.5,
        led_y: 0.5,
        led_radius_px,
        led_gain,
        nuisances,
        ..Scene::new(Timeline::blinking(Rgb::RED, 2.0, 0.5, 0.3, 4.0))
    };
    let mut reader = LedReader::new();
    let mut placed = Vec::new();
    for f in render_all(&scene) {
        let p = reader.push(&Frame::new(scene.width, scene.height, &f.rgba, f.t_ms).expect("frame"));
        if let Some(at) = p.led_at {
            placed.push((f.t_ms, at));
        }
    }
    let case = format!("radius {led_radius_px} px, gain {led_gain}, bloom {bloom}");
    let first = placed.first().map(|(t, _)| *t).unwrap_or_else(|| panic!("{case}: never located"));
    assert!(first < 2500.0, "{case}: located only at {first} ms, well into its second flash");
    // On the light itself: within its radius and a half of its middle (a flat-topped bloomed light
    // has no single brightest point; 0.04 of the frame held before its first flash named it).
    let within = 1.5 * led_radius_px / scene.height as f32;
    for (t, (x, y)) in placed {
        assert!((x - 0.5).abs() < within && (y - 0.5).abs() < within, "{case}: at {t} ms placed at ({x:.2}, {y:.2}), more than {within:.3} from its middle");
    }
}

/// A tiny, heavily over-exposed LED reads white in some frames (its core clips and it has no
/// halo to give its colour away). Those frames must not split a red burst into two groups: only
/// red, blue and green count as the LED's light when the search found it. (The scene is the one
/// hold-out case this was found in, seed 7 "holdout-7/burst".)
#[test]
fn white_frames_of_an_over_exposed_led_do_not_split_a_burst() {
    use blink_doctor::led::{LedColour, PatternKind};
    use blink_doctor::synth::{read_case, Case, Distractor, Expected};
    let timeline = Timeline::burst(Some((Rgb::BLUE, 2.064)), Rgb::RED, 6, 0.3145, 0.154, 0.2528, 9.129);
    let mut nuisances = Nuisances { noise_sigma: 6.83, shake_px: 3.16, ..Nuisances::clean() };
    nuisances.distractors.push(Distractor::MovingLamp { radius_px: 5.0, speed_px_s: 80.0, y_frac: 0.2, colour: Rgb::WHITE });
    let scene = Scene {
        fps: 60.0,
        seed: 224,
        led_x: 0.31,
        led_y: 0.58,
        led_radius_px: 2.1,
        led_gain: 2.82,
        background: 0.68,
        nuisances,
        ..Scene::new(timeline)
    };
    let expected = Expected {
        pattern: PatternKind::Burst,
        colour: Some(LedColour::Red),
        count: Some(6),
        preceded_by: Some(LedColour::Blue),
        latency_from_s: 5.129,
        latency_budget_s: 1.0,
        also: None,
    };
    let case = Case { name: "tiny-over-exposed-burst".into(), scene, expected };
    let (e, t) = read_case(&case).expect("decided");
    assert!(case.expected.mismatches(&e, t).is_empty(), "{:?}", case.expected.mismatches(&e, t));
}

/// A brief flash that a 15 fps camera catches in a single frame is still a flash: the on level
/// is the highest level held for the shortest real flash (a 67 ms frame is long enough), not
/// "the second highest sample", which a lone frame never is. At 30 fps a single bright frame is
/// shorter than that and stays a glitch.
#[test]
fn a_flash_caught_in_one_frame_at_15_fps_counts() {
    use blink_doctor::led::{LedColour, PatternKind};
    use blink_doctor::synth::{read_case, Case, Expected};
    for (k, at) in [1.02, 1.51, 2.03].into_iter().enumerate() {
        let scene = Scene { fps: 15.0, seed: 40 + k as u64, ..Scene::new(Timeline::flashes(Rgb::GREEN, &[at], 0.06, 7.0)) };
        let lit_frames = (0..105).filter(|i| scene.timeline.colour_at(*i as f64 / 15.0).is_some()).count();
        assert_eq!(lit_frames, 1, "the scene must light exactly one frame");
        let expected = Expected { pattern: PatternKind::Flash, colour: Some(LedColour::Green), count: None, preceded_by: None, latency_from_s: at, latency_budget_s: 2.5, also: None };
        let case = Case { name: format!("one-frame-flash-{k}"), scene, expected };
        let (e, t) = read_case(&case).expect("decided");
        assert!(case.expected.mismatches(&e, t).is_empty(), "flash at {at} s: {:?}", case.expected.mismatches(&e, t));
    }
}

/// A browser's fake camera (drawn here after WebKit's, through 4:2:0 video: grey, colour bars
/// and line patches that never change, a clock whose digits do, a turning pie, and cyan text
/// shown half a second at a time) shows no status light: the reading is "no light", also with
/// the colour bars moved into the middle of the picture, where a steady light counts. (There,
/// before a steady light had to add light over every side of its ring, the bars were read as an
/// uncertain steady green light, as WebKit's own camera sometimes was; issue 18. The engines'
/// own cameras are read in e2e/engines; their recordings, made with
/// tools/capture-fake-camera.mjs, are too large to keep here.)
#[test]
fn a_browser_test_pattern_is_no_light() {
    let e = read_test_pattern((44, 478));
    assert_eq!(e.pattern.id(), "none", "a test pattern read as {e:?}");
    let e = read_test_pattern((480, 340));
    assert_eq!(e.pattern.id(), "none", "a test pattern with its bars in the middle read as {e:?}");
}

/// Reads the test pattern with its colour bars' top-left at `bars_at` (camera pixels).
fn read_test_pattern(bars_at: (usize, usize)) -> blink_doctor::led::LedEvidence {
    let (w, h) = (1280usize, 720usize);
    let (bx0, by0) = bars_at;
    let bars: [[u8; 3]; 7] = [[255, 255, 255], [255, 255, 0], [0, 255, 255], [0, 128, 0], [255, 0, 255], [255, 0, 0], [0, 0, 255]];
    let frame_at = |t_s: f64| -> Vec<u8> {
        let mut px = vec![0u8; w * h * 4];
        let mut put = |x: usize, y: usize, c: [u8; 3]| {
            let i = (y * w + x) * 4;
            px[i..i + 3].copy_from_slice(&c);
            px[i + 3] = 255;
        };
        for y in 0..h {
            for x in 0..w {
                let mut c = [128u8, 128, 128];
                // Colour bars and line patches above them.
                if (by0..by0 + 44).contains(&y) && (bx0..bx0 + 322).contains(&x) {
                    c = bars[(x - bx0) / 46];
                } else if (430..470).contains(&y) && (44..230).contains(&x) && (x / 3) % 2 == 0 {
                    c = [230, 230, 230];
                }
                // The clock's digits: blocks that change every frame.
                let frame_no = (t_s * 15.0) as usize;
                if (70..110).contains(&y) && (70..470).contains(&x) && ((x / 20 + frame_no * 7 + (x / 40) * frame_no) % 3 == 0) && (x % 20) < 12 {
                    c = [255, 255, 255];
                }
                // A pie turning once in 4 s.
                let (dx, dy) = (x as f64 - 1020.0, y as f64 - 170.0);
                if dx.hypot(dy) < 100.0 {
                    let angle = dy.atan2(dx).rem_euclid(std::f64::consts::TAU);
                    c = if angle < (t_s / 4.0).fract() * std::f64::consts::TAU { [160, 160, 160] } else { [255, 255, 255] };
                }
                // Cyan text, shown for half a second, then hidden for half a second.
                if (t_s * 2.0) as u64 % 2 == 0 && (350..390).contains(&y) && (560..660).contains(&x) && ((x - 560) % 18 < 4 || (y - 350) % 20 < 4) {
                    c = [0, 255, 255];
                }
                put(x, y, c);
            }
        }
        // The camera's 4:2:0 video: colour kept for each 2x2 block, brightness for each pixel
        // (colour fringes at every bar's edge).
        for by in (0..h).step_by(2) {
            for bx in (0..w).step_by(2) {
                let at = |x: usize, y: usize| (y * w + x) * 4;
                let block = [at(bx, by), at(bx + 1, by), at(bx, by + 1), at(bx + 1, by + 1)];
                let luma = |p: &[u8], i: usize| 0.299 * p[i] as f32 + 0.587 * p[i + 1] as f32 + 0.114 * p[i + 2] as f32;
                let mean: [f32; 3] = [0, 1, 2].map(|c| block.iter().map(|&i| px[i + c] as f32 - luma(&px, i)).sum::<f32>() / 4.0);
                for &i in &block {
                    let y = luma(&px, i);
                    for c in 0..3 {
                        px[i + c] = (y + mean[c]).round().clamp(0.0, 255.0) as u8;
                    }
                }
            }
        }
        px
    };
    let mut reader = LedReader::with_options(blink_doctor::kb::Kb::builtin().reader_options("outdoor"));
    let mut result = None;
    for i in 0..15 * 12 {
        let t = i as f64 * 1000.0 / 15.0;
        let px = frame_at(t / 1000.0);
        if let Status::Done(e) = reader.push(&Frame::new(w, h, &px, t).expect("frame")).status {
            result = Some(e);
            break;
        }
    }
    result.expect("decided within 12 s")
}

/// Chromium's fake camera (a green frame; a lighter green disc, 360 px across, drawn as a sector
/// that sweeps round in 0.6 s and then vanishes at once; corner squares stepping in brightness;
/// a running clock) shows no status light. Before the tracker asked whether the place's own
/// pixels brightened and whether its surroundings were lit as much as it, this read as a sure
/// blue light blinking every 0.7 s: the disc's centre and rim switch on and off in rhythm.
#[test]
fn a_sweeping_disc_is_no_light() {
    let (w, h) = (1280usize, 720usize);
    let (fps, cycle_s) = (25.0, 0.6);
    let frame_at = |t_s: f64| -> Vec<u8> {
        let mut px = vec![0u8; w * h * 4];
        let sweep = (t_s / cycle_s).fract() * std::f64::consts::TAU;
        let frame_no = (t_s * fps) as usize;
        for y in 0..h {
            for x in 0..w {
                let mut c = [0u8, 134, 0];
                let (dx, dy) = (x as f64 - 640.0, y as f64 - 360.0);
                if dx.hypot(dy) < 180.0 && (-dy).atan2(dx).rem_euclid(std::f64::consts::TAU) < sweep {
                    c = [73, 254, 22];
                }
                // Corner squares, each stepping through its own brightness.
                if (x < 80 || x >= w - 80) && (y < 80 || y >= h - 80) {
                    let corner = usize::from(x >= w - 80) + 2 * usize::from(y >= h - 80);
                    c = [0, 150 + ((frame_no + 3 * corner) % 6) as u8 * 20, 0];
                }
                // The clock: blocks of its digits that change every frame.
                if (30..66).contains(&y) && (90..360).contains(&x) && (x % 24) < 14 && ((x / 24 + frame_no * 5) % 3 == 0) {
                    c = [73, 230, 22];
                }
                let i = (y * w + x) * 4;
                px[i..i + 3].copy_from_slice(&c);
                px[i + 3] = 255;
            }
        }
        px
    };
    let mut reader = LedReader::with_options(blink_doctor::kb::Kb::builtin().reader_options("outdoor"));
    let mut result = None;
    for i in 0..(fps as usize) * 12 {
        let t = i as f64 * 1000.0 / fps;
        if let Status::Done(e) = reader.push(&Frame::new(w, h, &frame_at(t / 1000.0), t).expect("frame")).status {
            result = Some(e);
            break;
        }
    }
    let e = result.expect("decided within 12 s");
    assert_eq!(e.pattern.id(), "none", "a sweeping disc read as {e:?}");
}

/// A close LED so bright that its core clips shows its colour only in its glow. Measured against
/// a ring inside that glow, the channel that fills first cannot show its rise: a blue light reads
/// green (its green goes on rising where its blue has stopped). Read at a scale whose ring lies
/// beyond the glow, it is blue.
#[test]
fn a_close_blue_light_whose_core_clips_reads_blue() {
    use blink_doctor::led::LedColour;
    for (radius, gain, bloom) in [(9.0, 2.5, 0.8), (6.0, 3.0, 1.0), (12.0, 2.0, 0.6)] {
        let mut nuisances = Nuisances::clean();
        nuisances.noise_sigma = 3.0;
        nuisances.bloom = bloom;
        nuisances.chroma_420 = true;
        let scene = Scene { led_x: 0.5, led_y: 0.5, led_radius_px: radius, led_gain: gain, nuisances, ..Scene::new(Timeline::blinking(Rgb::BLUE, 2.0, 0.5, 0.3, 8.0)) };
        let mut reader = LedReader::new();
        for f in render_all(&scene) {
            reader.push(&Frame::new(scene.width, scene.height, &f.rgba, f.t_ms).expect("frame"));
        }
        let colours: Vec<_> = reader.intervals().iter().map(|i| i.colour).collect();
        assert!(!colours.is_empty(), "radius {radius}, gain {gain}, bloom {bloom}: never seen lit");
        assert!(colours.iter().all(|c| *c == LedColour::Blue), "radius {radius}, gain {gain}, bloom {bloom}: read {colours:?}");
    }
}
