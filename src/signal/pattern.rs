//! Recognising the pattern in the lit intervals: none, steady, blinking, burst or flash. Decides
//! as soon as the evidence allows and otherwise says what it is waiting for.
use super::measure::{classify, hue_apart, SAME_LIGHT_HUE_DEG};
use super::segment::OnInterval;
use crate::led::{LedColour, LedEvidence, PatternKind};
use serde::{Deserialize, Serialize};

/// Flashes further apart than this belong to different groups.
const MAX_GAP_IN_GROUP_S: f64 = 1.6;
/// A lone flash is at most this long.
pub const BRIEF_FLASH_S: f64 = 0.6;
/// Quiet time after a lone flash before calling it a lone flash.
const LONE_FLASH_QUIET_S: f64 = 2.0;
/// Lit without a break for this long is a steady light.
pub const STEADY_S: f64 = 3.0;
/// A colour that may lead into a burst (the blue recording light before a camera's low-battery
/// red flashes: `ReaderOptions::lead_in`) is called steady only after this long lit: it runs
/// while the camera records, and the flashes that matter come when it ends.
const STEADY_LEAD_IN_S: f64 = 8.0;
/// Regular flashes needed to call continuous blinking: three flashes show two whole periods, so
/// blinking is decided within three periods of its first flash. (A low-battery burst is told
/// apart by the blue light before it, and waits for its end.)
const BLINKING_MIN_FLASHES: usize = 3;
/// On a model whose bursts follow a lead-in colour, regular flashes at most this far apart
/// (seconds), fewer than BURST_OR_BLINKING_FLASHES of them, may be a burst whose lead-in was not
/// seen (it began before the reading, or was lost in the picture): Blink's low-battery flashes
/// come every 0.5-0.6 s, five or six of them. Called blinking, that reading is told as unsure.
const BURST_PERIOD_S: f64 = 0.8;
const BURST_OR_BLINKING_FLASHES: usize = 8;
/// A preceding light must end this close to the group's first flash.
const PRECEDING_GAP_S: f64 = 1.0;

/// What the reading still needs before it can decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    /// Any light at all.
    AnyLight,
    /// A first flash was seen: more, or quiet after it.
    MoreFlashes,
    /// Several flashes were seen: whether they go on (blinking) or stop (a burst).
    FlashesGoOn,
    /// The status light is read; a second light beside it is still being judged.
    SecondLight,
}

/// What recognition has to say at a given moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Decided(LedEvidence),
    /// Not yet: flashes seen in the current group and what more is needed.
    Waiting { flashes: u32, waiting: Waiting },
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn evidence(pattern: PatternKind, colour: Option<LedColour>, n: u32, before: Option<LedColour>, observed_s: f64, confidence: f64) -> LedEvidence {
    LedEvidence { pattern, colour, flash_count: n, preceded_by: before, period_s: None, duty: None, observed_s, confidence, also: Vec::new() }
}

/// Seconds of the `unseen` spans that fall between `from_s` and `to_s`.
fn unseen_within(unseen: &[(f64, f64)], from_s: f64, to_s: f64) -> f64 {
    unseen.iter().map(|&(a, b)| (b.min(to_s) - a.max(from_s)).max(0.0)).sum()
}

/// When `quiet_s` of looked-at time has passed since `from_s`, the `unseen` spans not counting.
fn quiet_seen_at(unseen: &[(f64, f64)], from_s: f64, quiet_s: f64) -> f64 {
    let (mut at, mut left) = (from_s, quiet_s);
    for &(a, b) in unseen.iter().filter(|s| s.1 > from_s) {
        let seen = (a - at).max(0.0);
        if seen >= left {
            break;
        }
        left -= seen;
        at = b.max(at);
    }
    at + left
}

/// The confidence of a single brief flash seen once, of one or two flashes in a group, or of fast
/// flashes that may be a burst without its lead-in: below `led::UNSURE_BELOW`
/// (0.6), so the screens call it an uncertain reading.
const LONE_FLASH_CONFIDENCE: f64 = 0.55;

/// Recognises the pattern in `intervals` (sorted, seconds) observed from `from_s` to `now_s`.
/// `final_call` forces a decision with what has been seen (the watch time is over).
/// `lead_in` are the colours that may lead into a burst on the model being read. `unseen` are
/// the spans in which a flash could have come and gone between two looks at the light
/// (`judge::Assessment::unseen`, the time before the watch among them): they do not count as
/// quiet, and a count of flashes they cut into is not sure.
pub fn recognise(intervals: &[OnInterval], from_s: f64, now_s: f64, unseen: &[(f64, f64)], final_call: bool, lead_in: &[LedColour]) -> Verdict {
    let observed = (now_s - from_s).max(0.0);
    let Some(last) = intervals.last() else {
        return if observed >= 6.0 || final_call {
            Verdict::Decided(evidence(PatternKind::None, None, 0, None, observed, if observed >= 6.0 { 0.85 } else { 0.5 }))
        } else {
            Verdict::Waiting { flashes: 0, waiting: Waiting::AnyLight }
        };
    };

    // A light that has stayed on without a break.
    let steady_after = if lead_in.contains(&last.colour) { STEADY_LEAD_IN_S } else { STEADY_S };
    if last.open && now_s - last.start >= steady_after {
        let earlier_recent = intervals.len() >= 2 && intervals[intervals.len() - 2].end > now_s - steady_after - 1.0;
        if !earlier_recent || last.start <= from_s + 0.05 {
            return Verdict::Decided(evidence(PatternKind::Steady, Some(last.colour), 0, None, observed, 0.9));
        }
    }

    // The latest group: one light's colour, flashes close together.
    let mut first = intervals.len() - 1;
    while first > 0 {
        let (prev, cur) = (&intervals[first - 1], &intervals[first]);
        if hue_apart(prev.rgb, cur.rgb) >= SAME_LIGHT_HUE_DEG || cur.start - prev.end > MAX_GAP_IN_GROUP_S {
            break;
        }
        first -= 1;
    }
    let group = &intervals[first..];
    let n = group.len();
    let group_rgb = group.iter().fold([0.0f32; 3], |a, i| [a[0] + i.rgb[0], a[1] + i.rgb[1], a[2] + i.rgb[2]]);
    let colour = classify(group_rgb);
    let before = first.checked_sub(1).map(|i| &intervals[i]).filter(|p| {
        hue_apart(p.rgb, group_rgb) >= SAME_LIGHT_HUE_DEG && group[0].start - p.end <= PRECEDING_GAP_S && p.duration() >= 0.3
    });
    let before_colour = before.map(|p| p.colour);
    // The group may have started before we began watching (first flash cut off).
    let onsets: Vec<f64> = group.iter().map(|i| i.start).collect();
    let periods: Vec<f64> = onsets.windows(2).map(|w| w[1] - w[0]).collect();
    let period = median(periods.clone());
    let gaps: Vec<f64> = group.windows(2).map(|w| w[1].start - w[0].end).collect();
    let gap = median(gaps);
    let regular = periods.iter().all(|p| (p - period).abs() <= 0.3 * period.max(0.1));
    let on_time = median(group.iter().filter(|i| !i.open).map(|i| i.duration()).collect());

    let quiet = if last.open { 0.0 } else { now_s - last.end - unseen_within(unseen, last.end, now_s) };
    // max/min rather than clamp: a NaN gap falls back to the bounds instead of propagating.
    #[allow(clippy::manual_clamp)]
    let ended_after = if n >= 2 { (2.0 * gap).max(0.5).min(MAX_GAP_IN_GROUP_S) } else { LONE_FLASH_QUIET_S };
    // When the watch time is over, quiet that was not all looked at ends the group too (the light
    // was lost after it); the unseen time then makes its count unsure.
    let ended = !last.open && (quiet >= ended_after || (final_call && now_s - last.end >= ended_after));

    let confidence = if regular { 0.9 } else { 0.7 };
    let blinking = |conf: f64| {
        let mut e = evidence(PatternKind::Blinking, Some(colour), n as u32, None, observed, conf);
        e.period_s = Some(period);
        e.duty = Some((on_time / period).clamp(0.0, 1.0));
        Verdict::Decided(e)
    };

    if !ended {
        // Continuous blinking: enough regular flashes with no other colour just before them.
        if n >= BLINKING_MIN_FLASHES && regular && before_colour.is_none() {
            let maybe_burst = !lead_in.is_empty() && !lead_in.contains(&colour) && period <= BURST_PERIOD_S && n < BURST_OR_BLINKING_FLASHES;
            return blinking(if maybe_burst { LONE_FLASH_CONFIDENCE } else { confidence });
        }
        if n >= 10 {
            return blinking(confidence);
        }
        if final_call {
            return if n >= 3 { blinking(0.6) } else { Verdict::Decided(evidence(PatternKind::Flash, Some(colour), n as u32, None, observed, 0.5)) };
        }
        let waiting = if n >= 2 { Waiting::FlashesGoOn } else { Waiting::MoreFlashes };
        return Verdict::Waiting { flashes: n as u32, waiting };
    }

    if n >= 2 {
        // Two flashes and quiet is what a car's lights or a screen's cuts make too, and no Blink
        // state is two flashes: told as unsure. A longer group in rhythm is a finding.
        // A flash lost between two looks would have changed the count: from where one could
        // still have joined the group (the end of the colour before it, or a group gap before
        // its first flash) until its quiet was seen (later stalls change nothing).
        // All time before the light was watched is unseen too: a group that may have begun
        // then (the camera came to it mid-burst) has an unsure count.
        let count_from = before.map_or(group[0].start - MAX_GAP_IN_GROUP_S, |p| p.end);
        let count_certain = unseen_within(unseen, count_from, quiet_seen_at(unseen, last.end, ended_after).min(now_s)) == 0.0;
        let conf = if n == 2 || !count_certain { LONE_FLASH_CONFIDENCE } else if regular { 0.9 } else { 0.7 };
        return Verdict::Decided(evidence(PatternKind::Burst, Some(colour), n as u32, before_colour, observed, conf));
    }
    // One flash and then quiet.
    let brief = group[0].duration() <= BRIEF_FLASH_S;
    if before_colour.is_some() {
        // One flash after another colour: no Blink state is that (low battery is five or six),
        // and a cut or a screen makes it as easily: told as unsure, as two flashes are.
        return Verdict::Decided(evidence(PatternKind::Burst, Some(colour), 1, before_colour, observed, LONE_FLASH_CONFIDENCE));
    }
    let lone_flashes = intervals.iter().filter(|i| hue_apart(i.rgb, group_rgb) < SAME_LIGHT_HUE_DEG && i.duration() <= BRIEF_FLASH_S).count() as u32;
    // One brief flash seen once is weak evidence (a glint, a cut, a passer-by make one too): it is
    // told as unsure; seen again, as it repeats now and then, it is a finding.
    let confidence = match (brief, lone_flashes >= 2) {
        (true, true) => 0.85,
        (true, false) => LONE_FLASH_CONFIDENCE,
        (false, _) => 0.5,
    };
    Verdict::Decided(evidence(PatternKind::Flash, Some(colour), lone_flashes.max(1), None, observed, confidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regular red flashes every `period_s` (lit half of it) from 0.2 s, `n` of them seen.
    fn flashes(period_s: f64, n: usize) -> Vec<OnInterval> {
        (0..n)
            .map(|k| {
                let start = 0.2 + k as f64 * period_s;
                OnInterval { start, end: start + period_s / 2.0, colour: LedColour::Red, rgb: [200.0, 20.0, 20.0], open: false, censored: false }
            })
            .collect()
    }

    /// (period, flashes seen, lead-in colours, decided as sure): on a model whose bursts follow a
    /// blue light, fast regular red flashes may be a burst whose blue light was missed until more
    /// flashes than a burst has are seen; slow ones, and any on a model without bursts, are sure.
    #[test]
    fn fast_flashes_that_may_be_a_burst_without_its_lead_in_are_unsure() {
        use LedColour::*;
        let table: [(f64, usize, &[LedColour], bool); 5] =
            [(0.5, 4, &[Blue], false), (0.5, 8, &[Blue], true), (1.0, 4, &[Blue], true), (0.5, 4, &[], true), (0.6, 5, &[Red], true)];
        for (period, n, lead_in, sure) in table {
            let seen = flashes(period, n);
            let now = seen.last().map_or(0.0, |i| i.end + 0.05);
            let Verdict::Decided(e) = recognise(&seen, 0.0, now, &[], false, lead_in) else { panic!("{period} {n}: undecided") };
            assert_eq!(e.pattern, PatternKind::Blinking, "{period} {n} {lead_in:?}");
            assert_eq!(!e.is_unsure(), sure, "{period} {n} {lead_in:?}: {}", e.confidence);
        }
    }

    /// A blue light, then `n` red flashes every 0.5 s, then `quiet_s` of watching; `unseen` spans
    /// where the light was not looked at. (unseen spans, decided, burst of 3 shown as sure): time
    /// not looked at is not quiet, and a count that a lost flash could have changed is not sure.
    #[test]
    fn time_not_looked_at_is_not_quiet_and_unsure_counts_are_told() {
        let mut seen = vec![OnInterval { start: 0.0, end: 0.9, colour: LedColour::Blue, rgb: [20.0, 40.0, 220.0], open: false, censored: false }];
        seen.extend(flashes(0.5, 3).into_iter().map(|mut i| {
            i.start += 1.0;
            i.end += 1.0;
            i
        }));
        let last_end = seen.last().map_or(0.0, |i| i.end);
        let now = last_end + 1.1;
        // (unseen spans, the watch time is over, decided, sure)
        let table: [(&[(f64, f64)], bool, bool, bool); 8] = [
            (&[], false, true, true),
            // Not looked at for most of the quiet: it may not be over...
            (&[(last_end + 0.1, now)], false, false, false),
            // ...unless the watch time is over: then the light was lost after it, count unsure.
            (&[(last_end + 0.1, now)], true, true, false),
            // Looked at throughout the quiet, but a flash could have hidden between the flashes...
            (&[(1.9, 2.2)], false, true, false),
            // ...or between the blue light and the first flash.
            (&[(0.95, 1.15)], false, true, false),
            // A hole within the blue light does not touch the count...
            (&[(0.2, 0.5)], false, true, true),
            // ...nor does one after the quiet was seen (waiting for a second light).
            (&[(last_end + 0.8, last_end + 1.05)], false, true, true),
            // A stall inside the quiet delays its end, and a flash could have hidden in it.
            (&[(last_end + 0.1, last_end + 0.4)], false, true, false),
        ];
        for (unseen, final_call, decided, sure) in table {
            match recognise(&seen, 0.0, now, unseen, final_call, &[LedColour::Blue]) {
                Verdict::Decided(e) => {
                    assert!(decided, "{unseen:?}: decided {e:?}");
                    assert_eq!((e.pattern, e.flash_count, e.preceded_by), (PatternKind::Burst, 3, Some(LedColour::Blue)), "{unseen:?}");
                    assert_eq!(!e.is_unsure(), sure, "{unseen:?}: {}", e.confidence);
                }
                Verdict::Waiting { .. } => assert!(!decided, "{unseen:?}: still waiting"),
            }
        }
    }

    /// Three red flashes every 0.5 s, then quiet, no colour before them: counted from their
    /// start when they began well after the watch did; when the watch began just before the first
    /// (within a group's gap), earlier flashes may have gone unseen (the time before the watch is
    /// an unseen span, as judge::assess gives it), so the count is unsure.
    #[test]
    fn a_group_that_may_have_begun_before_the_watch_has_an_unsure_count() {
        let seen: Vec<OnInterval> = flashes(0.5, 3).into_iter().map(|mut i| {
            i.start += 2.0;
            i.end += 2.0;
            i
        }).collect();
        let now = seen.last().map_or(0.0, |i| i.end) + 1.1;
        for (watched_from, sure) in [(0.0, true), (seen[0].start - 0.3, false)] {
            let before_watch = [(f64::NEG_INFINITY, watched_from)];
            let Verdict::Decided(e) = recognise(&seen, watched_from, now, &before_watch, false, &[]) else { panic!("{watched_from}: undecided") };
            assert_eq!((e.pattern, e.flash_count), (PatternKind::Burst, 3), "{watched_from}");
            assert_eq!(!e.is_unsure(), sure, "{watched_from}: {}", e.confidence);
        }
    }
}
