//! Guidance while reading, as meaning (the words are in `words`): what the person could do
//! better, from what the reader reports and what the glue measures of the picture, and how
//! long the reading will probably still take.
use super::picture::Brightness;
use crate::signal::{NotFound, Status, Waiting};

/// One piece of advice, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    TooDark,
    TooBright,
    HoldSteadier,
    /// No light found after a few seconds.
    NotFoundYet,
    /// The light is found but covers only a pixel or two.
    Tiny,
}

impl Advice {
    pub fn id(self) -> &'static str {
        match self {
            Advice::TooDark => "too-dark",
            Advice::TooBright => "too-bright",
            Advice::HoldSteadier => "hold-steadier",
            Advice::NotFoundYet => "not-found-yet",
            Advice::Tiny => "tiny",
        }
    }
}

/// What the advice is decided from, for one frame.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Seen {
    pub elapsed_s: f64,
    /// A light is being watched (or the reading is done).
    pub found: bool,
    /// The reader's own reason when nothing is found.
    pub hint: Option<NotFound>,
    pub brightness: Brightness,
    /// Picture shake, shares of its longer side per second.
    pub shake: f32,
    /// The lit light's size across, camera pixels (typical of recent lit frames).
    pub light_px: Option<f32>,
}

/// Below this mean luma the picture is too dark to find a light (the reader's own limit for
/// "too dark").
pub const DARK_MEAN: f32 = 12.0;
/// Above this share of clipped pixels the picture is washed out (the reader's own limit).
pub const CLIPPED_SHARE: f32 = 0.4;
/// Above this the picture shakes more than a steady hand: a quarter of the picture's width a
/// second. (Hand tremor at arm's length is a few hundredths; the realistic test videos' shake
/// stays below a tenth.)
pub const SHAKE_LIMIT: f32 = 0.25;
/// "Move closer" once nothing has been found for this long: a blinking light shows itself
/// within about two seconds.
pub const NOT_FOUND_S: f64 = 3.0;
/// A light under this many camera pixels across is tiny: a blink of it is a handful of pixels
/// against the noise.
pub const TINY_PX: f32 = 3.0;
/// A piece of advice stays at least this long, so the line does not flicker.
pub const HOLD_S: f64 = 2.0;

/// The advice a frame calls for, before any holding.
pub fn advice_for(s: &Seen) -> Option<Advice> {
    let b = s.brightness;
    if s.hint == Some(NotFound::TooDark) || (b.mean > 0.0 && b.mean < DARK_MEAN) {
        return Some(Advice::TooDark);
    }
    if s.hint == Some(NotFound::Saturated) || b.clipped > CLIPPED_SHARE {
        return Some(Advice::TooBright);
    }
    if s.shake > SHAKE_LIMIT {
        return Some(Advice::HoldSteadier);
    }
    if !s.found && s.elapsed_s >= NOT_FOUND_S {
        return Some(Advice::NotFoundYet);
    }
    if s.found && s.light_px.is_some_and(|px| px < TINY_PX) {
        return Some(Advice::Tiny);
    }
    None
}

/// The advice shown, held for [`HOLD_S`] before it changes or goes.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    shown: Option<Advice>,
    since_s: f64,
}

impl Guide {
    pub fn advise(&mut self, s: &Seen) -> Option<Advice> {
        let want = advice_for(s);
        if want != self.shown && (self.shown.is_none() || s.elapsed_s - self.since_s >= HOLD_S || s.elapsed_s < self.since_s) {
            self.shown = want;
            self.since_s = s.elapsed_s;
        }
        self.shown
    }
}

/// About how many seconds the reading still needs, from what it is waiting for. These follow
/// the reader's own rules (signal/pattern.rs and reader.rs): "no light" is called after 6 s
/// without one; a light lit throughout is steady after 3 s; a lone flash is a flash after 2 s of
/// quiet; blinking is decided within three periods; a second light is waited for up to 2 s.
pub fn remaining_s(status: &Status, elapsed_s: f64) -> f64 {
    const NO_LIGHT_S: f64 = 6.0;
    let left = match status {
        Status::Done(_) => return 0.0,
        Status::Searching { .. } => NO_LIGHT_S - elapsed_s,
        Status::Watching { waiting: Waiting::AnyLight, .. } => crate::signal::pattern::STEADY_S,
        Status::Watching { waiting: Waiting::MoreFlashes, .. } => 3.0,
        Status::Watching { waiting: Waiting::FlashesGoOn, .. } => 2.0,
        Status::Watching { waiting: Waiting::SecondLight, .. } => 2.0,
    };
    left.clamp(1.0, (crate::signal::MAX_WATCH_S - elapsed_s).max(1.0))
}

/// The progress bar: elapsed over elapsed plus what is left, never moving back.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bar {
    shown: f64,
}

impl Bar {
    /// The share to show (0..1) and the whole seconds left to say.
    pub fn update(&mut self, status: &Status, elapsed_s: f64) -> (f64, u32) {
        let left = remaining_s(status, elapsed_s);
        let share = if matches!(status, Status::Done(_)) { 1.0 } else { elapsed_s / (elapsed_s + left) };
        self.shown = self.shown.max(share.clamp(0.0, 1.0));
        (self.shown, left.ceil() as u32)
    }
}
