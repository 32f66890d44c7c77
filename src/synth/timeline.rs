//! What the LED does over time: a list of lit intervals with colours, built from the patterns
//! the app must recognise.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Typical LED emission as a phone sensor sees it (some cross-talk into other channels).
    pub const RED: Rgb = Rgb(1.0, 0.12, 0.10);
    pub const BLUE: Rgb = Rgb(0.10, 0.30, 1.0);
    pub const GREEN: Rgb = Rgb(0.15, 1.0, 0.25);
    pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// (start s, end s, colour), non-overlapping, sorted.
    pub lit: Vec<(f64, f64, Rgb)>,
    pub duration: f64,
}

impl Timeline {
    pub fn duration_s(&self) -> f64 {
        self.duration
    }

    /// The LED colour at time t (seconds), or None when dark.
    pub fn colour_at(&self, t: f64) -> Option<Rgb> {
        self.lit.iter().find(|(a, b, _)| t >= *a && t < *b).map(|(_, _, c)| *c)
    }

    pub fn none(duration: f64) -> Timeline {
        Timeline { lit: Vec::new(), duration }
    }

    pub fn steady(colour: Rgb, duration: f64) -> Timeline {
        Timeline { lit: vec![(0.0, duration, colour)], duration }
    }

    /// Continuous blinking from `start` s with the given period and duty cycle.
    pub fn blinking(colour: Rgb, period: f64, duty: f64, start: f64, duration: f64) -> Timeline {
        let mut lit = Vec::new();
        let mut t = start;
        while t < duration {
            lit.push((t, (t + period * duty).min(duration), colour));
            t += period;
        }
        Timeline { lit, duration }
    }

    /// Optionally a `before` light (e.g. the blue recording light) for `before_s`, then `n`
    /// flashes of `colour` with the given on and off times, starting at `start` s.
    pub fn burst(before: Option<(Rgb, f64)>, colour: Rgb, n: u32, on: f64, off: f64, start: f64, duration: f64) -> Timeline {
        let mut lit = Vec::new();
        let mut t = start;
        if let Some((c, d)) = before {
            lit.push((t, t + d, c));
            t += d + off;
        }
        for _ in 0..n {
            lit.push((t, t + on, colour));
            t += on + off;
        }
        Timeline { lit, duration }
    }

    /// Lone brief flashes at the given times.
    pub fn flashes(colour: Rgb, at: &[f64], on: f64, duration: f64) -> Timeline {
        Timeline { lit: at.iter().map(|&t| (t, t + on, colour)).collect(), duration }
    }

    /// When the last lit interval ends (seconds), if any.
    pub fn last_off(&self) -> Option<f64> {
        self.lit.last().map(|l| l.1)
    }
}
