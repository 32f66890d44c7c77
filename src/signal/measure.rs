//! One frame's measurement of a light, and naming the colour of the light it adds.
use crate::led::LedColour;

/// Why the frames before a sample were not measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SampleGap {
    /// No pixels of the light's place were read (a frame left out, the light at the edge).
    Missing,
    /// The whole picture changed (a cut, an exposure step): what the light did then is unknown.
    Disturbed,
}

/// One frame's measurement of a light.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t_ms: f64,
    /// How much light the spot adds over its surroundings, 0..255.
    pub level: f32,
    /// Colour of the added light (r, g, b excess).
    pub colour: [f32; 3],
    /// Set when frames just before this one could not be measured: a switch across such a gap
    /// was not seen happening.
    pub gap: Option<SampleGap>,
}

impl Sample {
    pub fn new(t_ms: f64, level: f32, colour: [f32; 3]) -> Sample {
        Sample { t_ms, level, colour, gap: None }
    }
}

/// A colour whose weakest channel is at least this share of its strongest is white: no LED
/// colour stands out in it.
const WHITE_BALANCE: f32 = 0.7;

/// Names the colour of a summed (r, g, b) excess. White when no channel stands out (or when all
/// lit pixels were clipped and only white was seen).
pub fn classify(colour: [f32; 3]) -> LedColour {
    let [r, g, b] = colour;
    let max = r.max(g).max(b);
    if max <= 0.0 {
        return LedColour::White;
    }
    let min = r.min(g).min(b);
    if min / max > WHITE_BALANCE {
        return LedColour::White;
    }
    if r >= g && r >= b {
        LedColour::Red
    } else if b >= g {
        LedColour::Blue
    } else {
        LedColour::Green
    }
}
