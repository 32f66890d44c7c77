//! The shared vocabulary of what an LED does: the signal core produces it, the knowledge base
//! describes causes with it, and the diagnosis engine compares the two.
use serde::{Deserialize, Serialize};

/// The shape of what the LED did over the observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatternKind {
    /// No light at all.
    None,
    /// Lit without interruption.
    Steady,
    /// On and off continuously, with a period.
    Blinking,
    /// A group of N flashes, possibly right after another colour.
    Burst,
    /// Lone brief flashes separated by long gaps.
    Flash,
}

impl PatternKind {
    pub const ALL: [PatternKind; 5] = [Self::None, Self::Steady, Self::Blinking, Self::Burst, Self::Flash];

    /// The stable id used in the knowledge base, in URLs and in `data-pattern`.
    pub fn id(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Steady => "steady",
            Self::Blinking => "blinking",
            Self::Burst => "burst",
            Self::Flash => "flash",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Colour classes the camera can tell apart reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LedColour {
    Red,
    Blue,
    Green,
    /// White or a colour that fits none of the others.
    White,
}

impl LedColour {
    pub const ALL: [LedColour; 4] = [Self::Red, Self::Blue, Self::Green, Self::White];

    pub fn id(self) -> &'static str {
        match self {
            Self::Red => "red",
            Self::Blue => "blue",
            Self::Green => "green",
            Self::White => "white",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// Another LED-like light seen on the device beside the main one (the Sync Module 2 shows a blue
/// and a green light side by side: e.g. steady blue with blinking green).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OtherLight {
    /// `Steady` or `Blinking` (a second light watched for the same time as the main one).
    pub pattern: PatternKind,
    pub colour: LedColour,
    /// Blink period in seconds, for `blinking`.
    #[serde(default)]
    pub period_s: Option<f64>,
}

/// What the camera reading found: the evidence the diagnosis engine takes from the LED.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedEvidence {
    pub pattern: PatternKind,
    /// Colour of the flashes (absent for `none`).
    pub colour: Option<LedColour>,
    /// Number of flashes for `burst` (and counted flashes for `flash`).
    pub flash_count: u32,
    /// The colour shown just before a burst (the blue recording light before red flashes).
    pub preceded_by: Option<LedColour>,
    /// Blink period in seconds, for `blinking`.
    pub period_s: Option<f64>,
    /// Fraction of the period the LED is on, for `blinking`.
    pub duty: Option<f64>,
    /// How long the LED was watched, in seconds.
    pub observed_s: f64,
    /// How sure the reading is, 0..1. The engine tempers the evidence by it.
    pub confidence: f64,
    /// Other lights seen on the device at the same time, brightest first (empty for one light).
    #[serde(default)]
    pub also: Vec<OtherLight>,
}

/// A reading less sure than this is shown as uncertain, and the diagnosis says it leaned on the
/// answers: one line for the screens and the engine alike.
pub const UNSURE_BELOW: f64 = 0.6;

impl LedEvidence {
    /// Whether the reading is too unsure to be shown as a finding.
    pub fn is_unsure(&self) -> bool {
        self.confidence < UNSURE_BELOW
    }
}
