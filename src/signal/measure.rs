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
    /// Where the tracker held the light to be after this frame (camera pixels; NaN: unknown).
    /// A look from a place the light is not at is no look at it (`judge::unseen`).
    pub place: (f32, f32),
}

impl Sample {
    pub fn new(t_ms: f64, level: f32, colour: [f32; 3]) -> Sample {
        Sample { t_ms, level, colour, gap: None, place: (f32::NAN, f32::NAN) }
    }
}

/// A colour whose distance from grey (on the opponent axes) is below this share of its largest
/// channel (in size, either sign) is white: no LED colour stands out in it. For a colour that
/// added light in every channel this is about where its weakest channel is 70 % of its strongest.
const WHITE_CHROMA: f32 = 0.3;

/// Where phone cameras put the hue (degrees) between a green LED's light and a blue one's: they
/// render green LEDs (520-530 nm) at about 120-170 degrees, often towards cyan, and blue LEDs
/// (465-475 nm) at about 220-240. A bright blue LED drifts toward cyan (its light leaks into
/// the green filter, and once blue is full its green goes on rising: 185-215 in over-exposed
/// video), a green one far less (its blue leakage is smaller), so the line sits nearer green.
pub const GREEN_BLUE_HUE: f32 = 182.0;
/// Between red and green (yellow), and between blue and red (magenta): an orange or a pinkish
/// red LED is red.
const RED_GREEN_HUE: f32 = 60.0;
const BLUE_RED_HUE: f32 = 300.0;

/// A colour on the opponent axes (red against cyan, green against blue): its angle is its hue,
/// its length how far it lies from grey.
fn opponent(colour: [f32; 3]) -> (f32, f32) {
    let [r, g, b] = colour;
    (r - 0.5 * (g + b), 0.866_025_4 * (g - b))
}

/// Whether no LED colour stands out in a colour (see WHITE_CHROMA).
pub fn is_white(colour: [f32; 3]) -> bool {
    let size = colour.iter().fold(0.0f32, |m, c| m.max(c.abs()));
    let (x, y) = opponent(colour);
    size <= 0.0 || x.hypot(y) < WHITE_CHROMA * size
}

/// The hue of a colour, in degrees (0 red, 120 green, 240 blue), from the opponent axes.
pub fn hue(colour: [f32; 3]) -> f32 {
    let (x, y) = opponent(colour);
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// Whether two colours are one LED colour's as far as hue tells: `hue_apart` below
/// SAME_LIGHT_HUE_DEG, from the angle between their opponent vectors without computing a hue
/// (for loops over every frame of a light's record).
pub fn same_light_hue(a: [f32; 3], b: [f32; 3]) -> bool {
    match (is_white(a), is_white(b)) {
        (true, true) => true,
        (true, false) | (false, true) => false,
        (false, false) => {
            let ((ax, ay), (bx, by)) = (opponent(a), opponent(b));
            ax * bx + ay * by > SAME_LIGHT_HUE_DEG.to_radians().cos() * ax.hypot(ay) * bx.hypot(by)
        }
    }
}

/// How far apart two colours lie on the colour circle, degrees (0..180).
/// White light has no hue to speak of (its hue is noise): two white lights are one light's,
/// white beside a colour is as far apart as hues go.
pub fn hue_apart(a: [f32; 3], b: [f32; 3]) -> f32 {
    match (is_white(a), is_white(b)) {
        (true, true) => 0.0,
        (true, false) | (false, true) => 180.0,
        (false, false) => {
            let d = (hue(a) - hue(b)).abs();
            d.min(360.0 - d)
        }
    }
}

/// Two lights of one LED colour, as far as hue can tell: a light's colour wavers from frame to
/// frame and flash to flash (noise, white balance, a clipped core, a fading ghost), while red,
/// green and blue lie 120 degrees apart.
pub const SAME_LIGHT_HUE_DEG: f32 = 75.0;

/// Names the colour of a summed (r, g, b) difference, by its hue. White when no channel stands
/// out (or when all lit pixels were clipped and only white was seen). The difference may be
/// negative in every channel: a light on a surface near full shows as a change of colour, not of
/// brightness (see `spot::light_of`).
pub fn classify(colour: [f32; 3]) -> LedColour {
    if is_white(colour) {
        return LedColour::White;
    }
    match hue(colour) {
        h if !(RED_GREEN_HUE..BLUE_RED_HUE).contains(&h) => LedColour::Red,
        h if h < GREEN_BLUE_HUE => LedColour::Green,
        _ => LedColour::Blue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn led_colours_as_phone_cameras_render_them() {
        let cases = [
            ([255.0, 30.0, 25.0], LedColour::Red),
            ([108.0, 72.0, 78.0], LedColour::Red),   // a tiny red LED, pinkish through 4:2:0 colour
            ([255.0, 150.0, 50.0], LedColour::Red),  // orange
            ([90.0, 255.0, 150.0], LedColour::Green),
            ([100.0, 200.0, 190.0], LedColour::Green), // a green LED leaning cyan
            ([60.0, 110.0, 255.0], LedColour::Blue),
            ([40.0, 160.0, 255.0], LedColour::Blue),  // a blue LED with green cross-talk
            ([200.0, 190.0, 210.0], LedColour::White),
            ([0.0, 0.0, 0.0], LedColour::White),
        ];
        for (c, want) in cases {
            assert_eq!(classify(c), want, "{c:?} at hue {:.0}", hue(c));
        }
    }

    /// `same_light_hue` (no hue computed) agrees with its plain definition on hue_apart, over
    /// colours around the circle, grey to saturated, with negative channels (a light on a surface
    /// near full).
    #[test]
    fn same_light_hue_agrees_with_hue_apart() {
        let levels = [-60.0, -5.0, 0.0, 20.0, 90.0, 160.0, 255.0];
        let mut colours: Vec<[f32; 3]> = Vec::new();
        for r in levels {
            for g in levels {
                colours.extend(levels.map(|b| [r, g, b]));
            }
        }
        for &a in &colours {
            for &b in &colours {
                let apart = hue_apart(a, b);
                // Exactly at the limit the two may round either way.
                if (apart - SAME_LIGHT_HUE_DEG).abs() > 0.01 {
                    assert_eq!(same_light_hue(a, b), apart < SAME_LIGHT_HUE_DEG, "{a:?} {b:?}: {apart}");
                }
            }
        }
    }
}
