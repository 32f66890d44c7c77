//! How well an LED reading fits a cause: P(reading | cause) from the cause's signatures.
use crate::kb::{Cause, LightLook, Signature};
use crate::led::{LedColour, LedEvidence, PatternKind};

/// Share of a cause's unexplained mass that lands on any one particular reading: readings fall
/// into roughly twenty distinguishable classes (5 kinds x 4 colours).
const UNEXPLAINED_SPREAD: f64 = 0.05;
/// Never let a reading rule a cause out completely: the camera can be wrong.
const FLOOR: f64 = 0.004;

/// How well the other lights seen fit a signature on a device with two lights: the signature's
/// second light seen (or none, when it has none), or missed (the reading may not have caught it).
const SECOND_LIGHT_SEEN: f64 = 1.0;
const SECOND_LIGHT_MISSED: f64 = 0.3;
const SECOND_LIGHT_OTHER: f64 = 0.1;

/// How closely a reading matches one signature on a model with `lights` status lights, 0..1.
/// A second light the reading found counts only on a model that has one; either light may have
/// been read as the main one.
pub fn signature_match(sig: &Signature, ev: &LedEvidence, lights: u8) -> f64 {
    if lights < 2 {
        return main_light_match(sig, ev);
    }
    let seen = |look: LightLook, colour: Option<LedColour>, pattern: PatternKind| colour == Some(look.colour) && pattern == look.pattern;
    match (sig.with, ev.also.first()) {
        (None, None) => main_light_match(sig, ev),
        (None, Some(_)) => main_light_match(sig, ev) * SECOND_LIGHT_OTHER,
        (Some(_), None) => main_light_match(sig, ev) * SECOND_LIGHT_MISSED,
        (Some(with), Some(other)) => {
            let as_read = if seen(with, Some(other.colour), other.pattern) { SECOND_LIGHT_SEEN } else { SECOND_LIGHT_OTHER };
            // The two lights the other way round: the reading's main light is the signature's
            // second one, and the other light seen is the signature's own.
            let own = LightLook { pattern: sig.pattern, colour: sig.colour.unwrap_or(other.colour) };
            let swapped = if seen(with, ev.colour, ev.pattern) && seen(own, Some(other.colour), other.pattern) { SECOND_LIGHT_SEEN } else { 0.0 };
            (main_light_match(sig, ev) * as_read).max(swapped)
        }
    }
}

/// How closely a reading's main light matches one signature's light, 0..1.
fn main_light_match(sig: &Signature, ev: &LedEvidence) -> f64 {
    let kind = match (sig.pattern, ev.pattern) {
        (a, b) if a == b => 1.0,
        // A burst of one or two flashes and a lone flash are easily confused.
        (PatternKind::Burst, PatternKind::Flash) | (PatternKind::Flash, PatternKind::Burst) => {
            if ev.flash_count <= 2 { 0.4 } else { 0.05 }
        }
        // A long burst looks like blinking, and blinking watched briefly looks like a burst;
        // a short burst is distinctive.
        (PatternKind::Blinking, PatternKind::Burst) => {
            if ev.flash_count >= 8 { 0.3 } else { 0.02 }
        }
        (PatternKind::Burst, PatternKind::Blinking) => 0.05,
        _ => 0.0,
    };
    if kind == 0.0 {
        return 0.0;
    }
    let colour = match (sig.colour, ev.colour) {
        (Some(want), Some(got)) if want == got => 1.0,
        (Some(_), Some(_)) => 0.05,
        _ => 1.0,
    };
    let count = match sig.count {
        Some([lo, hi]) if ev.pattern == PatternKind::Burst => {
            let n = ev.flash_count;
            if (lo..=hi).contains(&n) {
                1.0
            } else if n + 1 == lo || n == hi + 1 {
                0.3
            } else {
                0.05
            }
        }
        _ => 1.0,
    };
    let after = match (sig.after, ev.preceded_by) {
        (None, _) => 1.0,
        (Some(want), Some(got)) if want == got => 1.0,
        // The reading may have started after the preceding light ended.
        (Some(_), None) => 0.35,
        (Some(_), Some(_)) => 0.2,
    };
    kind * colour * count * after
}

/// P(reading | cause) on a model with `lights` status lights, before tempering by the reading's
/// confidence.
pub fn led_likelihood(cause: &Cause, ev: &LedEvidence, lights: u8) -> f64 {
    let explained: f64 = cause.signatures.iter().map(|s| s.weight * signature_match(s, ev, lights)).sum();
    let unexplained = (1.0 - cause.signatures.iter().map(|s| s.weight).sum::<f64>()).max(0.0);
    FLOOR + explained + unexplained * UNEXPLAINED_SPREAD
}

/// The signature that best explains the reading, with its match.
pub fn best_signature<'a>(cause: &'a Cause, ev: &LedEvidence, lights: u8) -> Option<(&'a Signature, f64)> {
    cause
        .signatures
        .iter()
        .map(|s| (s, signature_match(s, ev, lights)))
        // Best explained first; when nothing matches, the cause's most typical look.
        .max_by(|a, b| (a.0.weight * a.1).total_cmp(&(b.0.weight * b.1)).then(a.0.weight.total_cmp(&b.0.weight)))
}

