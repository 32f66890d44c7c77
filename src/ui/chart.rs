//! Charts: the live strip of the LED's level over the last seconds, and a small drawing of a
//! recognised pattern.
use crate::led::{LedColour, LedEvidence, PatternKind};
use crate::words::fixed;
use leptos::prelude::*;

/// One frame's point on the live chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    pub t_s: f64,
    pub level: f32,
    pub lit: bool,
    pub colour: Option<LedColour>,
}

pub const CHART_SPAN_S: f64 = 10.0;

pub fn css_colour(c: Option<LedColour>) -> &'static str {
    match c {
        Some(LedColour::Red) => "#d7263d",
        Some(LedColour::Blue) => "#1e64d4",
        Some(LedColour::Green) => "#1f9d55",
        Some(LedColour::White) | None => "#8a99a8",
    }
}

/// The last `CHART_SPAN_S` seconds: level as a line, lit spans shaded in the LED's colour.
#[component]
pub fn StripChart(points: RwSignal<Vec<ChartPoint>>) -> impl IntoView {
    // Drawing units; floats are always written with a fixed precision (see `format_exact` note
    // in docs/DESIGN.md: it keeps float-formatting code out of the wasm).
    let (w, h) = (300.0, 70.0);
    let geometry = move || {
        points.with(|pts| {
            let end = pts.last().map(|p| p.t_s).unwrap_or(0.0);
            let start = end - CHART_SPAN_S;
            let x = move |t: f64| ((t - start) / CHART_SPAN_S * w).clamp(0.0, w);
            let line: String = pts
                .iter()
                .map(|p| format!("{},{}", fixed(x(p.t_s), 1), fixed(h - 4.0 - p.level as f64 * (h - 8.0), 1)))
                .collect::<Vec<_>>()
                .join(" ");
            let mut spans = Vec::new();
            let mut open: Option<(f64, Option<LedColour>)> = None;
            for p in pts {
                match (open, p.lit) {
                    (None, true) => open = Some((p.t_s, p.colour)),
                    (Some((a, c)), false) => {
                        spans.push((x(a), x(p.t_s), c));
                        open = None;
                    }
                    _ => {}
                }
            }
            if let Some((a, c)) = open {
                spans.push((x(a), x(end), c));
            }
            (line, spans)
        })
    };
    view! {
        <svg class="strip" viewBox="0 0 300 70" preserveAspectRatio="none" role="img" aria-label=super::words::chart_label()>
            {move || {
                let (line, spans) = geometry();
                view! {
                    {spans.into_iter().map(|(a, b, c)| view! {
                        <rect x=fixed(a, 1) y="0" width=fixed((b - a).max(1.0), 1) height="70" fill=css_colour(c) opacity="0.25"/>
                    }).collect_view()}
                    <polyline class="level" points=line fill="none" stroke-width="1.5"/>
                }
            }}
        </svg>
    }
}

/// A small drawing of a recognised pattern: lit blocks on a time line. Flashes that were seen
/// are drawn solid, the ones the pattern goes on with faint, so the drawing shows no more
/// flashes than the camera saw.
#[component]
pub fn PatternChart(evidence: LedEvidence) -> impl IntoView {
    let colour = css_colour(evidence.colour);
    let before = evidence.preceded_by.map(|c| css_colour(Some(c)));
    let seen = |x: f64, w: f64, c: &'static str| (x, w, c, "1");
    let blocks: Vec<(f64, f64, &'static str, &'static str)> = match evidence.pattern {
        PatternKind::None => Vec::new(),
        PatternKind::Steady => vec![seen(0.0, 300.0, colour)],
        PatternKind::Blinking => {
            let duty = evidence.duty.unwrap_or(0.5).clamp(0.1, 0.9);
            let shown = evidence.flash_count.max(1) as usize;
            (0..8).map(|i| (i as f64 * 37.5, 37.5 * duty, colour, if i < shown { "1" } else { "0.25" })).collect()
        }
        PatternKind::Burst => {
            let mut v = Vec::new();
            let mut x = 0.0;
            if let Some(b) = before {
                v.push(seen(0.0, 70.0, b));
                x = 85.0;
            }
            for _ in 0..evidence.flash_count.min(12) {
                v.push(seen(x, 10.0, colour));
                x += 20.0;
            }
            v
        }
        PatternKind::Flash => vec![seen(60.0, 8.0, colour), (230.0, 8.0, colour, if evidence.flash_count >= 2 { "1" } else { "0.25" })],
    };
    view! {
        <svg class="pattern-chart" viewBox="0 0 300 30" role="img" aria-label=super::words::pattern_label(&evidence)>
            <line class="axis" x1="0" y1="28" x2="300" y2="28" stroke-width="1"/>
            {blocks.into_iter().map(|(x, w, c, o)| view! { <rect x=fixed(x, 1) y="4" width=fixed(w, 1) height="22" rx="2" fill=c opacity=o/> }).collect_view()}
        </svg>
    }
}
