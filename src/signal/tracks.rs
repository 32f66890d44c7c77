//! Per-cell switching state for the locator, kept as one array per quantity so the per-frame
//! update runs over plain arrays without branches and compiles to vector instructions (it touches
//! every cell of every frame).

/// Minimum contrast swing (0..255) for a cell to count as switching.
const MIN_SWING: f32 = 40.0;
/// A cell must swing this many times its own typical wobble to count as switching.
const JITTER_FACTOR: f32 = 4.0;
const JITTER_CAP: f32 = 30.0;
/// A cell switches on only from below this share of its bright level (see `step`).
const DARK_SHARE: f32 = 0.4;
/// Contrast above which a coloured cell counts as a lit spot (for steady lights).
const LIT_SPOT: f32 = 80.0;

/// How fast the state follows the signal in one frame (all in 0..1).
pub struct Rates {
    /// Envelope follow rate.
    pub envelope: f32,
    /// Factor events and colour memory keep per frame.
    pub decay: f32,
    pub steady: f32,
    pub jitter: f32,
    /// Least colourfulness of a light that stays lit (0..255).
    pub min_steady_chroma: f32,
}

#[derive(Debug, Clone, Default)]
pub struct Tracks {
    /// Slow envelopes of the cell's contrast.
    lo: Vec<f32>,
    hi: Vec<f32>,
    /// Typical frame-to-frame wobble of the cell (noise, flicker bands), capped so the LED's own
    /// switching barely raises it.
    jitter: Vec<f32>,
    last: Vec<f32>,
    /// 1 while the cell is on (hysteresis state), else 0.
    on: Vec<u8>,
    /// 1 in the frame the cell switched on.
    switched_on: Vec<u8>,
    /// Switch-on events, slowly forgotten.
    pub events: Vec<f32>,
    /// How many cells across the spot's core was at the cell's last counted event: how big the
    /// light that switched on there is.
    pub extent: Vec<u8>,
    /// When (seconds of watching) the cell's last counted event was.
    pub event_at: Vec<f32>,
    /// How colourful the spot has been while on (0..255), held at its peak and slowly forgotten.
    pub colour: Vec<f32>,
    /// How colourful the cell looks while off (0..255): its colour noise, which a light switching
    /// on must clearly exceed.
    pub colour_noise: Vec<f32>,
    /// Share of recent time the cell looked like a lit coloured spot (for steady lights).
    pub steady: Vec<f32>,
}

/// The larger of two values by plain comparison (the inputs are never NaN): one vector
/// instruction, where `f32::max`'s NaN rules cost more. Shared with the locator's filters.
#[inline(always)]
pub(super) fn larger<T: Copy + PartialOrd>(a: T, b: T) -> T {
    if a > b { a } else { b }
}

#[inline(always)]
fn smaller<T: Copy + PartialOrd>(a: T, b: T) -> T {
    if a < b { a } else { b }
}

impl Tracks {
    /// Starts every cell at its first contrast value.
    pub fn start(contrast: &[f32]) -> Tracks {
        let n = contrast.len();
        Tracks {
            lo: contrast.to_vec(),
            hi: contrast.to_vec(),
            jitter: vec![0.0; n],
            last: contrast.to_vec(),
            on: vec![0; n],
            switched_on: vec![0; n],
            events: vec![0.0; n],
            extent: vec![0; n],
            event_at: vec![f32::MIN; n],
            colour: vec![0.0; n],
            colour_noise: vec![0.0; n],
            steady: vec![0.0; n],
        }
    }

    pub fn len(&self) -> usize {
        self.lo.len()
    }

    /// Feeds one frame's contrast `d` per cell, the colourfulness of what each cell adds over
    /// its colour while off (`chroma`) and of its spot as it is (`spot_chroma`); appends the
    /// cells that switched on to `switched`.
    pub fn step(&mut self, contrast: &[f32], chroma: &[u8], spot_chroma: &[u8], r: &Rates, switched: &mut Vec<usize>) {
        let n = self.len();
        if contrast.len() != n || chroma.len() != n || spot_chroma.len() != n {
            return;
        }
        let (a, decay) = (r.envelope, r.decay);
        // Re-sliced to one length so the loop runs without bounds checks.
        let (contrast, chroma, spot_chroma) = (&contrast[..n], &chroma[..n], &spot_chroma[..n]);
        let (hi_v, lo_v, jit_v, last_v) = (&mut self.hi[..n], &mut self.lo[..n], &mut self.jitter[..n], &mut self.last[..n]);
        let (on_v, sw_v, ev_v) = (&mut self.on[..n], &mut self.switched_on[..n], &mut self.events[..n]);
        let (col_v, st_v, noise_v) = (&mut self.colour[..n], &mut self.steady[..n], &mut self.colour_noise[..n]);
        for i in 0..n {
            let d = contrast[i];
            let c = chroma[i] as f32;
            let hi = larger(d, hi_v[i] + (d - hi_v[i]) * a);
            let lo = smaller(d, lo_v[i] + (d - lo_v[i]) * a);
            let jitter = jit_v[i] + (smaller((d - last_v[i]).abs(), JITTER_CAP) - jit_v[i]) * r.jitter;
            let swing = hi - lo;
            let needed = larger(MIN_SWING, JITTER_FACTOR * jitter);
            let was_on = on_v[i] != 0;
            // A light switching on comes from (nearly) nothing: a lamp flickering, or a bright
            // thing whose contrast wavers, keeps most of it between its peaks.
            let rises = swing > needed && d > lo + 0.6 * swing && lo <= DARK_SHARE * hi;
            let falls = d < lo + 0.3 * swing;
            let on = if was_on { !falls } else { rises };
            // Peak-hold while lit (a 0.1 s flash must count fully), forgetting slowly.
            let colour = col_v[i] * decay;
            let lit_spot = d > LIT_SPOT && spot_chroma[i] as f32 > r.min_steady_chroma;
            hi_v[i] = hi;
            lo_v[i] = lo;
            jit_v[i] = jitter;
            last_v[i] = d;
            on_v[i] = on as u8;
            sw_v[i] = (on && !was_on) as u8;
            ev_v[i] *= decay;
            col_v[i] = if on { larger(colour, c) } else { colour };
            noise_v[i] += if on { 0.0 } else { (c - noise_v[i]) * r.jitter };
            st_v[i] += ((lit_spot as u8 as f32) - st_v[i]) * r.steady;
        }
        // Switching on is rare: the flags are scanned eight at a time, skipping all-zero words.
        for (k, word) in self.switched_on.chunks(8).enumerate() {
            let mut bytes = [0u8; 8];
            bytes[..word.len()].copy_from_slice(word);
            if u64::from_ne_bytes(bytes) != 0 {
                switched.extend(word.iter().enumerate().filter(|&(_, &s)| s != 0).map(|(j, _)| k * 8 + j));
            }
        }
    }

    /// Whether cell `i` is on now (past its hysteresis).
    pub fn is_on(&self, i: usize) -> bool {
        self.on.get(i).is_some_and(|&o| o != 0)
    }

    /// Whether cell `i` switched on in the last frame.
    pub fn switched_on(&self, i: usize) -> bool {
        self.switched_on.get(i).is_some_and(|&s| s != 0)
    }

    /// One cell's state in words, for debugging tools.
    pub fn describe(&self, i: usize) -> String {
        format!(
            "lo={:.0} hi={:.0} jit={:.1} on={} ev={:.2} col={:.0} noise={:.0} steady={:.2}",
            self.lo[i], self.hi[i], self.jitter[i], self.on[i], self.events[i], self.colour[i], self.colour_noise[i], self.steady[i]
        )
    }
}
