//! The signal corpus: every pattern under every nuisance, with what the reader must report.
//! Shared by the native tests and `make bench`.
use super::render::{Distractor, Nuisances, Scene};
use super::timeline::{Rgb, Timeline};
use super::SynthFrame;
use crate::led::{LedColour, LedEvidence, PatternKind};
use crate::signal::{Frame, LedReader, ReaderOptions, Status};

/// Frame times are sums of fractional frame periods (33.33 ms): a decision on the frame that
/// lands on the deadline may read a few femtoseconds past it, and is in time.
const TIME_ROUNDING_S: f64 = 1e-9;

#[derive(Debug, Clone)]
pub struct Expected {
    pub pattern: PatternKind,
    pub colour: Option<LedColour>,
    /// Flash count for bursts.
    pub count: Option<u32>,
    pub preceded_by: Option<LedColour>,
    /// Time (s) from which decision latency is measured: a burst's end, the third period of
    /// blinking, the start for none/steady/flash.
    pub latency_from_s: f64,
    /// Decision must come within this many seconds of `latency_from_s`.
    pub latency_budget_s: f64,
    /// A second light on the device (the Sync Module 2's blue and green LEDs): its pattern and
    /// colour, checked when set. Either light may be the reading's main one; the other must be
    /// among `LedEvidence::also`.
    pub also: Option<(PatternKind, LedColour)>,
}

impl Expected {
    /// What is wrong with a reading decided at `t_s` seconds; empty when it is right and in time.
    pub fn mismatches(&self, e: &LedEvidence, t_s: f64) -> Vec<String> {
        let mut wrong = Vec::new();
        // With two lights the reading may name either as its main one.
        let swapped = self.also.filter(|&(p, c)| (e.pattern, e.colour) == (p, Some(c)) && (e.pattern, e.colour) != (self.pattern, self.colour));
        let (pattern, colour) = match swapped {
            Some((p, c)) => (p, Some(c)),
            None => (self.pattern, self.colour),
        };
        if e.pattern != pattern {
            wrong.push(format!("pattern {:?} (want {:?})", e.pattern, pattern));
        }
        if colour.is_some() && e.colour != colour {
            wrong.push(format!("colour {:?} (want {:?})", e.colour, colour));
        }
        if let Some(n) = self.count {
            if e.flash_count != n {
                wrong.push(format!("{} flashes (want {n})", e.flash_count));
            }
        }
        if self.preceded_by.is_some() && e.preceded_by != self.preceded_by {
            wrong.push(format!("preceded by {:?} (want {:?})", e.preceded_by, self.preceded_by));
        }
        if let Some(second) = self.also {
            let other = if swapped.is_some() { (self.pattern, self.colour.unwrap_or(LedColour::White)) } else { second };
            if !e.also.iter().any(|o| (o.pattern, o.colour) == other) {
                let seen: Vec<String> = e.also.iter().map(|o| format!("{:?} {:?}", o.pattern, o.colour)).collect();
                wrong.push(format!("second light {:?} {:?} missing (also: [{}])", other.0, other.1, seen.join(", ")));
            }
        }
        let latency = t_s - self.latency_from_s;
        if latency > self.latency_budget_s + TIME_ROUNDING_S {
            wrong.push(format!("decided {latency:.2} s after the evidence (budget {:.1} s)", self.latency_budget_s));
        }
        wrong
    }

    /// Right pattern, colour, count, preceding colour and second light, regardless of time.
    pub fn is_right(&self, e: &LedEvidence) -> bool {
        self.mismatches(e, f64::NEG_INFINITY).is_empty()
    }
}

/// A video a case plays into the reader: its frame size and its frames, in order.
pub trait Video {
    fn size(&self) -> (usize, usize);
    fn frames(&self) -> Box<dyn Iterator<Item = SynthFrame> + '_>;
    /// What the reader is told of the device (as the app tells it once the person chose a
    /// model); by default nothing, as for an unknown model.
    fn reader_options(&self) -> ReaderOptions {
        ReaderOptions::default()
    }
}

impl Video for Scene {
    fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    fn frames(&self) -> Box<dyn Iterator<Item = SynthFrame> + '_> {
        Box::new(super::render_all(self))
    }
}

/// Plays a case's video (either renderer's) into a fresh reader; the reading and when (seconds)
/// it was decided.
pub fn read_case<V: Video>(case: &Case<V>) -> Option<(LedEvidence, f64)> {
    let mut reader = LedReader::with_options(case.scene.reader_options());
    let (w, h) = case.scene.size();
    for f in case.scene.frames() {
        let frame = Frame::new(w, h, &f.rgba, f.t_ms)?;
        if let Status::Done(e) = reader.push(&frame).status {
            return Some((e, f.t_ms / 1000.0));
        }
    }
    None
}

/// A named video and what the reader must say about it. `V` is the renderer's scene: the plain
/// synthetic `Scene` (the default) or `synth::real::RealScene`.
#[derive(Debug, Clone)]
pub struct Case<V = Scene> {
    pub name: String,
    pub scene: V,
    pub expected: Expected,
}

/// The LED patterns of the corpus: (name, timeline, expectation). The realistic corpus plays
/// the same timings.
pub(crate) fn patterns() -> Vec<(&'static str, Timeline, Expected)> {
    let e = |pattern, colour, count, preceded_by, from, budget| Expected {
        pattern,
        colour,
        count,
        preceded_by,
        latency_from_s: from,
        latency_budget_s: budget,
        also: None,
    };
    use LedColour::*;
    use PatternKind as P;
    vec![
        ("none", Timeline::none(10.0), e(P::None, None, None, None, 0.0, 6.0 + 0.2)),
        ("steady-red", Timeline::steady(Rgb::RED, 8.0), e(P::Steady, Some(Red), None, None, 0.0, 4.5)),
        // Blinking: 1 s period from 0.4 s; it must be called by 3.4 s (three periods).
        ("blinking-red", Timeline::blinking(Rgb::RED, 1.0, 0.5, 0.4, 10.0), e(P::Blinking, Some(Red), None, None, 3.4, 0.0)),
        ("blinking-red-fast", Timeline::blinking(Rgb::RED, 0.5, 0.4, 0.3, 8.0), e(P::Blinking, Some(Red), None, None, 1.8, 0.0)),
        ("blinking-green", Timeline::blinking(Rgb::GREEN, 1.2, 0.5, 0.5, 10.0), e(P::Blinking, Some(Green), None, None, 0.5 + 3.6, 0.0)),
        // Low battery: blue recording light, then 6 (or 5) red flashes.
        (
            "burst-6-after-blue",
            Timeline::burst(Some((Rgb::BLUE, 2.0)), Rgb::RED, 6, 0.25, 0.25, 0.5, 9.0),
            e(P::Burst, Some(Red), Some(6), Some(Blue), 0.5 + 2.0 + 0.25 + 6.0 * 0.5 - 0.25, 1.0),
        ),
        (
            "burst-5-after-blue",
            Timeline::burst(Some((Rgb::BLUE, 1.5)), Rgb::RED, 5, 0.3, 0.3, 1.0, 9.0),
            e(P::Burst, Some(Red), Some(5), Some(Blue), 1.0 + 1.5 + 0.3 + 5.0 * 0.6 - 0.3, 1.0),
        ),
        // Motion: a lone brief flash, then quiet.
        ("flash-red", Timeline::flashes(Rgb::RED, &[1.5, 7.5], 0.2, 10.0), e(P::Flash, Some(Red), None, None, 1.7, 2.5)),
    ]
}

/// The nuisances of the corpus: (name, how to change a plain scene).
fn nuisances() -> Vec<(&'static str, fn(&mut Scene))> {
    vec![
        ("clean", |_| {}),
        ("noise", |s| s.nuisances.noise_sigma = 12.0),
        ("exposure-drift", |s| s.nuisances.exposure_drift = 0.35),
        ("shake", |s| s.nuisances.shake_px = 5.0),
        ("flicker-100", |s| {
            s.nuisances.flicker_depth = 0.25;
            s.nuisances.flicker_hz = 100.0;
        }),
        ("flicker-120-24fps", |s| {
            s.nuisances.flicker_depth = 0.25;
            s.nuisances.flicker_hz = 120.0;
            s.fps = 24.0;
        }),
        ("overexposed-bloom", |s| {
            s.led_gain = 5.0;
            s.nuisances.bloom = 1.0;
        }),
        ("tiny-led", |s| s.led_radius_px = 1.0),
        // The phone held close: the LED spans several cells and lights its surroundings.
        ("close-up", |s| {
            s.led_radius_px = 10.0;
            s.nuisances.bloom = 0.8;
        }),
        ("dim-led", |s| s.led_gain = 0.45),
        ("bright-room", |s| s.background = 0.7),
        ("moving-lamp", |s| {
            s.nuisances.distractors.push(Distractor::MovingLamp { radius_px: 5.0, speed_px_s: 90.0, y_frac: 0.25, colour: Rgb::WHITE })
        }),
        ("window-and-walker", |s| {
            s.nuisances.distractors.push(Distractor::Window { x_frac: 0.05, y_frac: 0.05, w_frac: 0.25, h_frac: 0.35, level: 0.98 });
            s.nuisances.distractors.push(Distractor::Walker { speed_px_s: 70.0, level: 0.75 });
        }),
        ("glint", |s| {
            s.nuisances.distractors.push(Distractor::Glint { x_frac: 0.2, y_frac: 0.75, radius_px: 2.0, rate_hz: 0.4 })
        }),
        ("15fps-jitter-drops", |s| {
            s.fps = 15.0;
            s.nuisances.jitter_ms = 8.0;
            s.nuisances.drop_probability = 0.08;
        }),
        ("60fps", |s| s.fps = 60.0),
        ("640x480", |s| {
            s.width = 640;
            s.height = 480;
            s.led_radius_px = 5.0;
        }),
        ("1280x720-tiny", |s| {
            s.width = 1280;
            s.height = 720;
            s.led_radius_px = 1.5;
        }),
        ("harsh", |s| {
            s.nuisances = Nuisances::harsh();
        }),
        // Mains flicker aliased by 15 fps into a slow beat across a bright room, with an
        // over-exposed LED low on the housing, near its bright edge.
        ("bright-flicker-15fps", |s| {
            s.fps = 15.0;
            s.background = 0.74;
            s.led_gain = 3.3;
            (s.led_x, s.led_y) = (0.48, 0.69);
            s.nuisances.flicker_depth = 0.18;
            s.nuisances.flicker_hz = 100.0;
        }),
    ]
}

/// Every pattern under every nuisance. Seeds differ per case so noise is never shared.
pub fn corpus() -> Vec<Case> {
    let mut out = Vec::new();
    for (pi, (pname, timeline, expected)) in patterns().into_iter().enumerate() {
        for (ni, (nname, apply)) in nuisances().into_iter().enumerate() {
            let mut scene = Scene::new(timeline.clone());
            scene.seed = 1000 + (pi * 100 + ni) as u64;
            apply(&mut scene);
            out.push(Case { name: format!("{pname}/{nname}"), scene, expected: expected.clone() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A decision on the frame that lands on the deadline is in time, though the frame's time
    /// (54 periods of 1/30 s) reads a hair past it; the next frame is late.
    #[test]
    fn a_decision_on_the_deadline_frame_is_in_time() {
        let (_, _, expected) = patterns().into_iter().find(|(name, _, _)| *name == "blinking-red-fast").expect("pattern");
        let e = LedEvidence { pattern: PatternKind::Blinking, colour: Some(LedColour::Red), flash_count: 3, preceded_by: None, period_s: Some(0.5), duty: Some(0.4), observed_s: 1.8, confidence: 0.9, also: Vec::new() };
        let frame_s = |k: u32| f64::from(k) * (1000.0 / 30.0) / 1000.0;
        assert!(frame_s(54) > expected.latency_from_s, "the deadline frame's time reads past the deadline");
        assert!(expected.mismatches(&e, frame_s(54)).is_empty(), "{:?}", expected.mismatches(&e, frame_s(54)));
        assert_eq!(expected.mismatches(&e, frame_s(55)).len(), 1);
    }
}
