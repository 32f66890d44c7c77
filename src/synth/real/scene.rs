//! What a realistic scene is made of: the photographed backdrop and its cuts, the light on it,
//! the phone's motion, the Blink device and its LEDs, distractors, and the phone's image pipeline.
//! Radiance is in raw sensor units per millisecond of exposure at base gain (1.0 = a saturated
//! sensor pixel), so a scene's brightness and the LED's are physical and the phone's
//! auto-exposure decides how they come out.
use super::photos::Photo;
use crate::synth::Timeline;

/// How a white surface comes out on the raw sensor under each light (before white balance):
/// phone sensors are most sensitive in green; daylight leaves less red and more blue than
/// tungsten. Close to the white-balance gains phones report (daylight R 2.0 / B 1.55, tungsten
/// R 1.3 / B 2.6).
pub mod illuminant {
    pub const DAYLIGHT: [f32; 3] = [0.50, 1.0, 0.65];
    pub const SHADE: [f32; 3] = [0.44, 1.0, 0.78];
    pub const TUNGSTEN: [f32; 3] = [0.77, 1.0, 0.38];
    pub const WHITE_LED: [f32; 3] = [0.62, 1.0, 0.52];
    pub const SODIUM: [f32; 3] = [0.95, 1.0, 0.22];
}

/// Typical light levels: raw units per ms at base gain for a white surface, in proportion to
/// illuminance. A phone main camera (f/1.8, base ISO ~50) clips a sunlit white surface in about
/// 0.2 ms, so sunlight (100 000 lux) is 4.5; a 200-lux living room then needs its full frame time
/// and several times the base gain, as phones do indoors.
pub mod light_level {
    pub const SUN: f32 = 4.5;
    pub const OVERCAST: f32 = 0.45;
    pub const OFFICE: f32 = 0.022;
    pub const ROOM: f32 = 0.009;
    pub const DIM_ROOM: f32 = 0.0025;
    pub const NIGHT_STREET: f32 = 0.0006;
}

/// Emitters' luminance in the same units (1 cd/m2 is about 1.4e-4): a status LED seen through its
/// light pipe is 1 000-10 000 cd/m2; a TV screen ~300; a lit brake lamp ~10 000; a street lamp's
/// bulb 100 000 and more.
pub mod luminance {
    pub const LED_DIM: f32 = 0.15;
    pub const LED: f32 = 0.5;
    pub const LED_BRIGHT: f32 = 1.4;
    pub const TV: f32 = 0.045;
    pub const BRAKE_LAMP: f32 = 1.4;
    pub const STREET_LAMP: f32 = 15.0;
}

/// The light falling on the scene.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambient {
    /// A white surface's raw value per ms (see `light_level`).
    pub level: f32,
    /// Raw colour of a white surface (see `illuminant`).
    pub illuminant: [f32; 3],
    /// Mains flicker of the lamps lighting the scene (0 outdoors), depth 0..1, at twice the mains
    /// frequency (100 or 120 Hz). Seen through the rolling shutter as bands unless the exposure
    /// is a whole number of flicker periods.
    pub flicker_depth: f32,
    pub flicker_hz: f32,
}

/// A photograph behind the device, shown from `from_s` until the next one starts (a hard cut).
#[derive(Debug, Clone, PartialEq)]
pub struct Backdrop {
    pub photo: Photo,
    pub from_s: f64,
    /// Brightness relative to the ambient light (a sunlit street behind a shaded wall > 1).
    pub light: f32,
    /// How much of the frame height the photo's height covers (> 1: a crop of it fills the frame).
    pub zoom: f32,
    /// Where the frame's centre sits in the photo at `from_s` (fractions of the photo).
    pub centre: (f32, f32),
    /// The scene's own motion behind the device (traffic, a pan): frame heights per second.
    pub drift: (f32, f32),
    /// Relative growth of the photo's scale per second (the scene coming closer).
    pub zoom_rate: f32,
    /// How much of the phone's own shake the backdrop shows (far scenes move less: parallax).
    pub parallax: f32,
}

impl Backdrop {
    pub fn new(photo: Photo, from_s: f64) -> Backdrop {
        Backdrop { photo, from_s, light: 1.0, zoom: 1.1, centre: (0.5, 0.5), drift: (0.0, 0.0), zoom_rate: 0.0, parallax: 0.7 }
    }
}

/// The phone's motion in the user's hand, in pixels of the frame.
#[derive(Debug, Clone, PartialEq)]
pub struct CameraMotion {
    /// Physiological hand tremor (8-12 Hz), typical amplitude in pixels.
    pub tremor_px: f32,
    /// Slow sway of the arm (0.2-1.2 Hz), typical amplitude in pixels.
    pub sway_px: f32,
    /// Roll of the phone with the sway, degrees (amplitude).
    pub roll_deg: f32,
    /// A steady pan of the whole view, pixels per second (the user drifting off aim).
    pub pan_px_s: (f32, f32),
    /// The phone moving closer (relative scale growth per second; negative: moving away).
    pub zoom_rate: f32,
    /// Sudden jerks: (time s, dx px, dy px, duration s); the view moves there and stays.
    pub jerks: Vec<(f64, f32, f32, f64)>,
}

impl CameraMotion {
    /// A phone on a table or a tripod.
    pub fn still() -> CameraMotion {
        CameraMotion { tremor_px: 0.0, sway_px: 0.0, roll_deg: 0.0, pan_px_s: (0.0, 0.0), zoom_rate: 0.0, jerks: Vec::new() }
    }

    /// Held in the hand, at `scale` (pixels of tremor at 1280x720 roughly; sway 4x that).
    pub fn hand(scale: f32) -> CameraMotion {
        CameraMotion { tremor_px: scale, sway_px: 4.0 * scale, roll_deg: 0.3 * scale.min(3.0), ..CameraMotion::still() }
    }
}

/// Blink devices as they appear from the front.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    /// Blink Outdoor / Outdoor 4: a rounded square, lens in the middle, LED at the top right.
    Outdoor,
    /// Blink XT2: a wider rounded box, lens in the middle, LED above it.
    Xt,
    /// Blink Mini: a small cube on a stand, lens high, LED below the lens.
    Mini,
    /// Sync Module 2: a small box with a blue and a green LED side by side, no lens.
    SyncModule,
}

impl DeviceKind {
    /// The knowledge base's id of the model drawn.
    pub fn model_id(self) -> &'static str {
        match self {
            DeviceKind::Outdoor => "outdoor",
            DeviceKind::Xt => "xt2",
            DeviceKind::Mini => "mini",
            DeviceKind::SyncModule => "sync-module-2",
        }
    }

    /// Body height over width.
    pub fn aspect(self) -> f32 {
        match self {
            DeviceKind::Outdoor => 1.0,
            DeviceKind::Xt => 0.82,
            DeviceKind::Mini => 1.15,
            DeviceKind::SyncModule => 0.78,
        }
    }

    /// Where LED `slot` sits, as offsets from the body's centre in body widths.
    pub fn led_slot(self, slot: usize) -> (f32, f32) {
        match (self, slot) {
            (DeviceKind::Outdoor, _) => (0.27, -0.33),
            (DeviceKind::Xt, _) => (0.0, -0.3),
            (DeviceKind::Mini, _) => (0.0, 0.2),
            // Blue then green, side by side above the middle.
            (DeviceKind::SyncModule, 0) => (-0.1, -0.18),
            (DeviceKind::SyncModule, _) => (0.1, -0.18),
        }
    }

    /// The lens: centre offset (body widths) and radius (body widths); none on the Sync Module.
    pub fn lens(self) -> Option<((f32, f32), f32)> {
        match self {
            DeviceKind::Outdoor => Some(((0.0, 0.04), 0.17)),
            DeviceKind::Xt => Some(((0.0, 0.05), 0.15)),
            DeviceKind::Mini => Some(((0.0, -0.12), 0.16)),
            DeviceKind::SyncModule => None,
        }
    }
}

/// The housing's colour, as a reflectance (black plastic reflects a few per cent).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Housing {
    Black,
    White,
}

impl Housing {
    pub fn reflectance(self) -> [f32; 3] {
        match self {
            Housing::Black => [0.035, 0.035, 0.038],
            Housing::White => [0.78, 0.78, 0.76],
        }
    }
}

/// One LED on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct Light {
    /// Which of the device's LED places (see `DeviceKind::led_slot`).
    pub slot: usize,
    /// What the LED does; its colours are the LED's raw sensor response (see `emitter_colour`).
    pub timeline: Timeline,
    /// Radius of the lit emitter/diffuser in the image (pixels, at the start of the video).
    pub radius_px: f32,
    /// Raw value per ms at the emitter (see `luminance`: a Blink LED is tens of times brighter than
    /// a lamp-lit white wall and dimmer than a sunlit one).
    pub luminance: f32,
}

/// The Blink device in the scene.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub kind: DeviceKind,
    pub housing: Housing,
    /// Body centre as fractions of the frame (at the start, before the phone's motion).
    pub at: (f32, f32),
    /// Body width in pixels.
    pub width_px: f32,
    /// Light on the device relative to the ambient light (it may hang in sun or in shade).
    pub light: f32,
    pub lights: Vec<Light>,
}

/// Things in the scene that are not the device's LED but may look like it.
#[derive(Debug, Clone, PartialEq)]
pub enum Distractor {
    /// The back of a car with its two brake lights lit steadily (emissive red), in the backdrop
    /// plane, moving with it plus `speed` (frame widths per second). `lit` = (from s, until s).
    BrakeLights { at: (f32, f32), width_px: f32, luminance: f32, speed: f32, lit: (f64, f64) },
    /// A red sign with white lettering, reflective, in the backdrop plane.
    RedSign { at: (f32, f32), size_px: (f32, f32) },
    /// A TV showing changing pictures (emissive), a new shot every `shot_s` seconds.
    Tv { at: (f32, f32), size_px: (f32, f32), luminance: f32, shot_s: f64 },
    /// A street lamp or bulb: a bright point light with glare; `flicker` its mains ripple depth.
    Lamp { at: (f32, f32), radius_px: f32, luminance: f32, colour: [f32; 3], flicker: f32 },
    /// A person walking past behind the device (reflective), entering at `start_s`.
    Walker { start_s: f64, y_frac: f32, height_px: f32, speed_px_s: f32, clothes: [f32; 3] },
}

/// The phone's image pipeline (ISP) between the sensor and the video stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    /// Sensor: electrons at saturation at base gain, and read noise in electrons. Small phone
    /// pixels hold a few thousand electrons.
    pub full_well_e: f32,
    pub read_noise_e: f32,
    /// Lens blur: Gaussian core of the point spread function (pixels), and the fraction of a
    /// point's light scattered into a wide glare halo.
    pub psf_sigma_px: f32,
    pub glare: f32,
    /// Auto-exposure: target raw mean (0.18 = mid grey), time constant, frames of delay before
    /// a new exposure takes effect, dead band (relative error it ignores), highest analogue gain.
    pub ae_target: f32,
    pub ae_tau_s: f32,
    pub ae_delay_frames: usize,
    pub ae_deadband: f32,
    pub max_gain: f32,
    /// Exposure times in whole flicker periods when the scene flickers (anti-banding).
    pub anti_banding: bool,
    /// Auto white balance (grey world within the range of real lights): time constant.
    pub awb_tau_s: f32,
    /// Temporal noise reduction: blend weight of the previous output where nothing moved (0 off),
    /// the motion threshold in noise sigmas, the block size it judges motion in (pixels at 720
    /// lines), and a per-pixel guard in sigmas (0: none; blocks alone decide, so small lights ghost).
    pub tnr_strength: f32,
    pub tnr_threshold: f32,
    pub tnr_block_px: f32,
    pub tnr_pixel_guard: f32,
    /// Unsharp mask amount on luma (halos around edges and lights).
    pub sharpen: f32,
    /// Tone curve: extra S-curve contrast (0 = plain sRGB gamma).
    pub contrast: f32,
    /// Chroma noise reduction (a blur of the half-resolution colour planes). Colour is always
    /// kept at half resolution both ways (4:2:0), as in every phone's video stream.
    pub chroma_nr: bool,
    /// Rolling shutter: the readout of one frame as a fraction of the frame period.
    pub readout: f32,
    /// The exposure when the first frame arrives, relative to the right one (1: settled).
    pub ae_start: f32,
}

impl Pipeline {
    /// A mid-range phone in ordinary video mode.
    pub fn phone() -> Pipeline {
        Pipeline {
            full_well_e: 4500.0,
            read_noise_e: 2.5,
            psf_sigma_px: 0.55,
            glare: 0.04,
            ae_target: 0.18,
            ae_tau_s: 0.35,
            ae_delay_frames: 2,
            ae_deadband: 0.08,
            max_gain: 16.0,
            anti_banding: true,
            awb_tau_s: 1.2,
            tnr_strength: 0.5,
            tnr_threshold: 3.0,
            tnr_block_px: 8.0,
            tnr_pixel_guard: 6.0,
            sharpen: 0.6,
            contrast: 0.25,
            chroma_nr: true,
            readout: 0.8,
            ae_start: 1.0,
        }
    }

    /// No processing beyond exposure, gamma and 4:2:0 (a reference, or a pro-mode camera app).
    pub fn plain() -> Pipeline {
        Pipeline { tnr_strength: 0.0, sharpen: 0.0, contrast: 0.0, chroma_nr: false, ..Pipeline::phone() }
    }

    /// Low-light video: heavy temporal noise reduction judged on big blocks (small lights leave
    /// fading ghosts), strong sharpening, slow exposure.
    pub fn night() -> Pipeline {
        Pipeline {
            tnr_strength: 0.82,
            tnr_threshold: 4.0,
            tnr_block_px: 12.0,
            tnr_pixel_guard: 0.0,
            sharpen: 0.9,
            ae_tau_s: 0.7,
            ..Pipeline::phone()
        }
    }

    /// A cheap phone: small pixels (more noise), soft lens, over-sharpened, jumpy exposure.
    pub fn budget() -> Pipeline {
        Pipeline {
            full_well_e: 2500.0,
            read_noise_e: 3.5,
            psf_sigma_px: 0.9,
            glare: 0.07,
            ae_tau_s: 0.15,
            ae_delay_frames: 1,
            ae_deadband: 0.04,
            max_gain: 8.0,
            sharpen: 1.3,
            tnr_strength: 0.35,
            ..Pipeline::phone()
        }
    }
}

/// A whole realistic video.
#[derive(Debug, Clone, PartialEq)]
pub struct RealScene {
    pub seed: u64,
    pub width: usize,
    pub height: usize,
    pub fps: f64,
    /// Frame timing jitter (+- ms) and the chance that a frame is dropped.
    pub jitter_ms: f64,
    pub drop_probability: f64,
    pub duration_s: f64,
    /// Sorted by `from_s`; the first starts at 0.
    pub backdrops: Vec<Backdrop>,
    pub ambient: Ambient,
    pub camera: CameraMotion,
    pub device: Device,
    pub distractors: Vec<Distractor>,
    pub pipeline: Pipeline,
}

impl RealScene {
    /// The same scene at another frame size: every pixel measure scales with the frame's shorter
    /// side (so a portrait frame shows the same things, upright).
    pub fn resized(mut self, width: usize, height: usize) -> RealScene {
        let k = width.min(height) as f32 / self.width.min(self.height) as f32;
        self.width = width;
        self.height = height;
        self.device.width_px *= k;
        for l in &mut self.device.lights {
            l.radius_px *= k;
        }
        let c = &mut self.camera;
        c.tremor_px *= k;
        c.sway_px *= k;
        c.pan_px_s = (c.pan_px_s.0 * k, c.pan_px_s.1 * k);
        for j in &mut c.jerks {
            j.1 *= k;
            j.2 *= k;
        }
        for d in &mut self.distractors {
            match d {
                Distractor::BrakeLights { width_px, .. } => *width_px *= k,
                Distractor::RedSign { size_px, .. } | Distractor::Tv { size_px, .. } => *size_px = (size_px.0 * k, size_px.1 * k),
                Distractor::Lamp { radius_px, .. } => *radius_px *= k,
                Distractor::Walker { height_px, speed_px_s, .. } => {
                    *height_px *= k;
                    *speed_px_s *= k;
                }
            }
        }
        self
    }
}

/// An LED's raw sensor response for a timeline colour: the synth vocabulary's RED/GREEN/BLUE
/// become the response of a real sensor to a 625/525/465 nm LED (each colour leaks into the
/// neighbouring colour filters); any other colour is taken as it is.
pub fn emitter_colour(c: crate::synth::Rgb) -> [f32; 3] {
    use crate::synth::Rgb;
    if c == Rgb::RED {
        [1.0, 0.09, 0.035]
    } else if c == Rgb::GREEN {
        [0.10, 1.0, 0.32]
    } else if c == Rgb::BLUE {
        [0.035, 0.30, 1.0]
    } else {
        [c.0, c.1, c.2]
    }
}
