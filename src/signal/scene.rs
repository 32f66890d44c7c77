//! Changes of the whole picture, which are not a light switching: a cut (the phone swung
//! elsewhere, the picture replaced) or heavy motion. Judged from the overview's cell brightness,
//! frame to frame: a status light changes a few cells, these change a large share of them at
//! once.
//!
//! Changes of gain are not changes of the picture: an exposure step brightens or darkens every
//! cell by one factor, and mains flicker seen through a rolling shutter by one factor per band of
//! rows. So each row of cells is first scaled by its typical ratio to the previous frame, and
//! only what changed beyond that counts.
use super::cells::CellPlanes;

/// A cell's mean brightness must change by more than this (0..255) beyond its row's gain change
/// to count as changed: above sensor noise, which the cell mean (of a row of pixels) already
/// averages down.
const CHANGED: f32 = 16.0;
/// ... and by more than this share of its brightness (noise and flicker grow with it).
const CHANGED_SHARE: f32 = 0.15;
/// Cells darker than this say nothing about a row's gain.
const GAIN_FLOOR: u8 = 8;
/// Share of changed cells above which the frame is disturbed (exposure step, heavy motion).
const DISTURBED_SHARE: f32 = 0.25;
/// Share of changed cells above which the picture was replaced (a cut).
const CUT_SHARE: f32 = 0.5;

/// What happened to the whole picture in one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SceneChange {
    None,
    /// Much of the picture changed (exposure step, heavy motion).
    Disturbed,
    /// Most of the picture changed.
    Cut,
}

#[derive(Default)]
pub struct SceneWatch {
    previous: Vec<u8>,
    /// Scratch for one row's brightness ratios.
    ratios: Vec<f32>,
    /// Frames seen and frames disturbed or cut, for the reading's confidence.
    pub frames: u32,
    pub disturbed: u32,
    pub cuts: u32,
}

impl SceneWatch {
    /// Compares this frame's cell means with the previous frame's (`cols` cells a row).
    pub fn check(&mut self, planes: &CellPlanes, cols: usize) -> SceneChange {
        let mean = &planes.mean;
        let change = if self.previous.len() == mean.len() && !mean.is_empty() && cols > 0 {
            let share = changed_share(&self.previous, mean, cols, &mut self.ratios) ;
            if share > CUT_SHARE {
                SceneChange::Cut
            } else if share > DISTURBED_SHARE {
                SceneChange::Disturbed
            } else {
                SceneChange::None
            }
        } else {
            SceneChange::None
        };
        self.previous.clear();
        self.previous.extend_from_slice(mean);
        self.frames += 1;
        match change {
            SceneChange::Cut => self.cuts += 1,
            SceneChange::Disturbed => self.disturbed += 1,
            SceneChange::None => {}
        }
        change
    }

    /// Share of frames so far that were cut or disturbed.
    pub fn disturbed_share(&self) -> f32 {
        (self.disturbed + self.cuts) as f32 / self.frames.max(1) as f32
    }
}

/// Share of cells that changed beyond their row's gain change between `before` and `now`.
fn changed_share(before: &[u8], now: &[u8], cols: usize, ratios: &mut Vec<f32>) -> f32 {
    let mut changed = 0usize;
    for (b_row, n_row) in before.chunks(cols).zip(now.chunks(cols)) {
        ratios.clear();
        ratios.extend(b_row.iter().zip(n_row).filter(|(b, n)| **b >= GAIN_FLOOR && **n >= GAIN_FLOOR).map(|(b, n)| *n as f32 / *b as f32));
        let gain = if ratios.is_empty() {
            1.0
        } else {
            let mid = ratios.len() / 2;
            *ratios.select_nth_unstable_by(mid, f32::total_cmp).1
        };
        changed += b_row
            .iter()
            .zip(n_row)
            .filter(|(b, n)| {
                let (expected, got) = (gain * **b as f32, **n as f32);
                (got - expected).abs() > CHANGED.max(CHANGED_SHARE * got.max(expected))
            })
            .count();
    }
    changed as f32 / now.len().max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planes(mean: Vec<u8>) -> CellPlanes {
        CellPlanes { value: mean.clone(), chroma: vec![0; mean.len()], mean, ..Default::default() }
    }

    /// A textured 10x10 picture, and the same picture replaced by another texture.
    fn texture(seed: u64) -> Vec<u8> {
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..100)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (40 + (x >> 40) % 160) as u8
            })
            .collect()
    }

    #[test]
    fn a_light_switching_or_a_gain_change_is_no_scene_change_but_a_cut_is() {
        let mut watch = SceneWatch::default();
        let base = texture(1);
        assert_eq!(watch.check(&planes(base.clone()), 10), SceneChange::None);
        let mut lit = base.clone();
        lit[44..46].iter_mut().for_each(|v| *v = 250);
        assert_eq!(watch.check(&planes(lit), 10), SceneChange::None);
        // An exposure step: everything 30 % darker.
        let darker: Vec<u8> = base.iter().map(|&v| (v as f32 * 0.7) as u8).collect();
        assert_eq!(watch.check(&planes(darker.clone()), 10), SceneChange::None);
        // Flicker bands: every second row of cells 25 % brighter.
        let banded: Vec<u8> = darker.iter().enumerate().map(|(i, &v)| if (i / 10) % 2 == 0 { (v as f32 * 1.25) as u8 } else { v }).collect();
        assert_eq!(watch.check(&planes(banded), 10), SceneChange::None);
        assert_eq!(watch.check(&planes(texture(2)), 10), SceneChange::Cut);
        // Part of the picture replaced (something large moving through).
        let mut part = texture(2);
        part[..45].copy_from_slice(&texture(3)[..45]);
        assert_eq!(watch.check(&planes(part), 10), SceneChange::Disturbed);
        assert_eq!((watch.cuts, watch.disturbed, watch.frames), (1, 1, 6));
    }
}
