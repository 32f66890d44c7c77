//! The committed background photographs (assets/photos, public domain or CC0; see the LICENSE
//! note there), decoded once into linear-light planes the renderer samples.
use std::sync::OnceLock;

/// One of the committed photographs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Photo {
    /// An astronaut in an orange suit, a flag with red stripes, a model shuttle (studio).
    Astronaut,
    /// A red espresso cup on a wooden café table (indoor, warm, large red areas).
    Coffee,
    /// A cat's face, fine fur texture (indoor, close).
    Chelsea,
    /// A rocket on its pad at dusk, with floodlights (dark sky, bright point lights).
    Rocket,
    /// The Hubble eXtreme Deep Field: hundreds of small coloured point lights on black.
    Hubble,
    /// A man with a camera on a tripod on a lawn, buildings behind (outdoor, grey).
    Cameraman,
    /// A brick wall (grey texture; tinted by the scene).
    Brick,
    /// Grass (grey texture; tinted by the scene).
    Grass,
}

impl Photo {
    pub const ALL: [Photo; 8] =
        [Photo::Astronaut, Photo::Coffee, Photo::Chelsea, Photo::Rocket, Photo::Hubble, Photo::Cameraman, Photo::Brick, Photo::Grass];

    pub fn id(self) -> &'static str {
        match self {
            Photo::Astronaut => "astronaut",
            Photo::Coffee => "coffee",
            Photo::Chelsea => "chelsea",
            Photo::Rocket => "rocket",
            Photo::Hubble => "hubble",
            Photo::Cameraman => "cameraman",
            Photo::Brick => "brick",
            Photo::Grass => "grass",
        }
    }

    fn png(self) -> &'static [u8] {
        macro_rules! asset {
            ($f:literal) => {
                include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/photos/", $f))
            };
        }
        match self {
            Photo::Astronaut => asset!("astronaut.png"),
            Photo::Coffee => asset!("coffee.png"),
            Photo::Chelsea => asset!("chelsea.png"),
            Photo::Rocket => asset!("rocket.png"),
            Photo::Hubble => asset!("hubble_deep_field.png"),
            Photo::Cameraman => asset!("camera.png"),
            Photo::Brick => asset!("brick.png"),
            Photo::Grass => asset!("grass.png"),
        }
    }

    /// Grey photographs get a colour so a scene is not monochrome (brick is reddish brown, grass green).
    fn tint(self) -> [f32; 3] {
        match self {
            Photo::Brick => [1.0, 0.62, 0.48],
            Photo::Grass => [0.62, 0.78, 0.45],
            _ => [1.0, 1.0, 1.0],
        }
    }

    /// The decoded photograph (decoded on first use, then shared).
    pub fn image(self) -> &'static Image {
        static CACHE: [OnceLock<Image>; 8] = [const { OnceLock::new() }; 8];
        let i = Photo::ALL.iter().position(|p| *p == self).unwrap_or(0);
        CACHE[i].get_or_init(|| decode(self.png(), self.tint()).unwrap_or_else(|e| panic!("committed photo {} is unreadable: {e}", self.id())))
    }
}

/// Linear-light RGB (reflectance-like, 0..1), row-major, 3 floats a pixel.
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<f32>,
}

/// sRGB display value (0..1) to linear light.
pub fn srgb_to_linear(v: f32) -> f32 {
    if v <= 0.040_45 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn decode(bytes: &[u8], tint: [f32; 3]) -> Result<Image, png::DecodingError> {
    let mut decoder = png::Decoder::new(bytes);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf)?;
    let channels = info.color_type.samples();
    let lut: Vec<f32> = (0..256).map(|v| srgb_to_linear(v as f32 / 255.0)).collect();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut rgb = Vec::with_capacity(w * h * 3);
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        let (r, g, b) = if channels >= 3 { (px[0], px[1], px[2]) } else { (px[0], px[0], px[0]) };
        rgb.extend_from_slice(&[lut[r as usize] * tint[0], lut[g as usize] * tint[1], lut[b as usize] * tint[2]]);
    }
    Ok(Image { width: w, height: h, rgb })
}
