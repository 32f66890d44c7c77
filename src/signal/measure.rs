//! Measuring the LED in one frame: how far its spot rises above the surrounding background, and
//! which colour its light has, judged from cells that are not clipped white.
use super::cells::{CellStat, Grid};
use crate::led::LedColour;

/// One frame's measurement of the LED region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub t_ms: f64,
    /// Peak brightness above the region's background, 0..255.
    pub level: f32,
    /// Colour of the light above the background (r, g, b excess), level-weighted.
    pub colour: [f32; 3],
}

/// Cells within `radius` of (cx, cy) — the region searched for the LED each frame, wide enough
/// to keep a shaking LED inside.
fn region(grid: &Grid, cx: usize, cy: usize, radius: usize) -> impl Iterator<Item = usize> + '_ {
    let (y0, y1) = (cy.saturating_sub(radius), (cy + radius + 1).min(grid.rows));
    let (x0, x1) = (cx.saturating_sub(radius), (cx + radius + 1).min(grid.cols));
    (y0..y1).flat_map(move |y| (x0..x1).map(move |x| y * grid.cols + x))
}

/// Distance (in cells) of the ring of cells whose brightness is a cell's background.
const RING: usize = 3;

/// Brightness around cell i: the mean of the ring of cells RING away (those inside the grid).
/// Local rather than one value for the whole region, since rolling-shutter flicker lights bands
/// of rows and a housing has bright edges and shading; a ring rather than the block around the
/// cell, so a large LED (a phone held close) does not light its own background.
fn ring_background(grid: &Grid, stats: &[CellStat], i: usize) -> f32 {
    let (cx, cy) = (i % grid.cols, i / grid.cols);
    let (x0, x1) = (cx.checked_sub(RING), (cx + RING < grid.cols).then_some(cx + RING));
    let (y0, y1) = (cy.checked_sub(RING), (cy + RING < grid.rows).then_some(cy + RING));
    let (xa, xb) = (cx.saturating_sub(RING), (cx + RING).min(grid.cols - 1));
    let (mut sum, mut n) = (0u32, 0u32);
    let mut add = |x: usize, y: usize| {
        sum += stats[y * grid.cols + x].mean as u32;
        n += 1;
    };
    // Top and bottom sides (full width), then left and right sides (between them).
    for y in [y0, y1].into_iter().flatten() {
        (xa..=xb).for_each(|x| add(x, y));
    }
    for x in [x0, x1].into_iter().flatten() {
        (cy.saturating_sub(RING - 1)..=(cy + RING - 1).min(grid.rows - 1)).for_each(|y| add(x, y));
    }
    if n == 0 {
        return stats[i].mean as f32;
    }
    sum as f32 / n as f32
}

/// Measures the region around (cx, cy).
pub fn measure(grid: &Grid, stats: &[CellStat], cx: usize, cy: usize, radius: usize, t_ms: f64) -> Sample {
    if stats.len() != grid.len() || grid.is_empty() {
        return Sample { t_ms, level: 0.0, colour: [0.0; 3] };
    }
    // Each cell's rise above its own surroundings; the LED is the cell that rises most.
    let rises: Vec<(usize, f32, f32)> = region(grid, cx, cy, radius)
        .map(|i| {
            let background = ring_background(grid, stats, i);
            (i, stats[i].value as f32 - background, background)
        })
        .collect();
    let level = rises.iter().map(|&(_, rise, _)| rise).fold(0.0f32, f32::max);
    let mut colour = [0.0f32; 3];
    if level > 0.0 {
        for &(i, rise, background) in &rises {
            // Only the lit part of the spot; its colour from the most colourful unclipped pixel
            // (the halo of an over-exposed LED), or the peaks when nothing in it is colourful
            // (the cell pass keeps whichever applies).
            if rise < 0.3 * level {
                continue;
            }
            for (sum, &c) in colour.iter_mut().zip(&stats[i].colour) {
                *sum += rise * (c as f32 - background).max(0.0);
            }
        }
    }
    Sample { t_ms, level, colour }
}

/// Names the colour of a summed (r, g, b) excess. White when no channel stands out (or when all
/// lit cells were clipped and only white was seen).
pub fn classify(colour: [f32; 3]) -> LedColour {
    let [r, g, b] = colour;
    let max = r.max(g).max(b);
    if max <= 0.0 {
        return LedColour::White;
    }
    let min = r.min(g).min(b);
    if min / max > 0.7 {
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
