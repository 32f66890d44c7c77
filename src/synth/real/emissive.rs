//! Light sources in the backdrop plane that are not the device: a TV changing pictures, a car's
//! brake lights, street lamps and bulbs. They emit (their brightness does not follow the ambient
//! light) and bright ones clip and glare like the LED.
use super::backdrop::{backdrop_at, coverage, image_bounds, rounded_box};
use super::frame_geom::{flicker_mean, FrameGeom};
use super::optics::{add_light, Psf};
use super::photos::{Image, Photo};
use super::planes::Planes;
use super::scene::{Distractor, RealScene};
use crate::synth::Rng;

/// What a TV shows per shot: a photo and a colour cast (a red scene, a blue one, dark ones).
const TV_CASTS: [[f32; 3]; 6] = [[1.0, 1.0, 1.0], [1.0, 0.25, 0.2], [0.3, 0.45, 1.0], [0.35, 1.0, 0.4], [0.25, 0.25, 0.25], [1.0, 0.85, 0.6]];
/// A brake lamp's raw response (a red LED or filtered bulb, like the Blink's red LED).
const BRAKE_RED: [f32; 3] = [1.0, 0.07, 0.035];
/// Car paint and an unlit lamp's red reflector.
const CAR_BODY: [f32; 3] = [0.05, 0.05, 0.06];
const LAMP_REFLECTOR: [f32; 3] = [0.3, 0.02, 0.02];
/// Mains ripple of lamps when the scene states none (100 Hz: 50 Hz mains, full-wave).
const DEFAULT_RIPPLE_HZ: f32 = 100.0;

fn sample_px(img: &Image, u: f32, v: f32) -> [f32; 3] {
    let x = (u.clamp(0.0, 1.0) * (img.width - 1) as f32) as usize;
    let y = (v.clamp(0.0, 1.0) * (img.height - 1) as f32) as usize;
    let i = (y * img.width + x) * 3;
    [img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]]
}

/// Draws emitting areas (TV screens, brake lamps and the car around them) and adds point lights.
pub fn draw_emitters(scene: &RealScene, g: &FrameGeom, psf: &Psf, buf: &mut Planes) {
    let b = backdrop_at(scene, g.t);
    let parallax = b.parallax;
    for (n, d) in scene.distractors.iter().enumerate() {
        match *d {
            Distractor::Tv { at, size_px, luminance, shot_s } => {
                let shot = (g.t / shot_s.max(0.1)).floor() as u64;
                let mut rng = Rng::new(scene.seed ^ (n as u64) << 20 ^ shot.wrapping_mul(0x9e37));
                let photo = Photo::ALL[(rng.unit() * Photo::ALL.len() as f64) as usize % Photo::ALL.len()];
                let cast = TV_CASTS[(rng.unit() * TV_CASTS.len() as f64) as usize % TV_CASTS.len()];
                let bright = luminance * (0.4 + 0.6 * rng.unit() as f32);
                let img = photo.image();
                let (cx, cy) = (at.0 * g.w as f32, at.1 * g.h as f32);
                let (hx, hy) = (size_px.0 / 2.0, size_px.1 / 2.0);
                let pose = g.pose_at_row(cy).with_parallax(parallax);
                let Some((xa, ya, xb, yb)) = image_bounds(&pose, g, cx - hx, cy - hy, cx + hx, cy + hy) else { continue };
                for y in ya..yb {
                    let pose = g.row_pose[y].with_parallax(parallax);
                    for x in xa..xb {
                        let p = pose.invert(g.c, (x as f32 + 0.5, y as f32 + 0.5));
                        let (dx, dy) = (p.0 - cx, p.1 - cy);
                        let cov = coverage(rounded_box(dx, dy, hx, hy, 1.0));
                        if cov <= 0.0 {
                            continue;
                        }
                        let c = sample_px(img, 0.5 + dx / (2.0 * hx), 0.5 + dy / (2.0 * hy));
                        buf.blend(y * g.w + x, [bright * cast[0] * c[0], bright * cast[1] * c[1], bright * cast[2] * c[2]], cov);
                    }
                }
            }
            Distractor::BrakeLights { at, width_px, luminance, speed, lit } => {
                let cw = width_px;
                let (cx, cy) = ((at.0 + speed * g.t as f32) * g.w as f32, at.1 * g.h as f32);
                let on = g.t >= lit.0 && g.t < lit.1;
                let pose = g.pose_at_row(cy).with_parallax(parallax);
                let Some((xa, ya, xb, yb)) = image_bounds(&pose, g, cx - 0.5 * cw, cy - 0.25 * cw, cx + 0.5 * cw, cy + 0.25 * cw) else { continue };
                let a = &scene.ambient;
                let lamp_at = [(cx - 0.36 * cw, cy - 0.1 * cw), (cx + 0.36 * cw, cy - 0.1 * cw)];
                let (lhx, lhy) = (0.09 * cw, 0.035 * cw);
                for y in ya..yb {
                    let pose = g.row_pose[y].with_parallax(parallax);
                    let l = a.level * b.light * g.row_light[y];
                    for x in xa..xb {
                        let p = pose.invert(g.c, (x as f32 + 0.5, y as f32 + 0.5));
                        let body = coverage(rounded_box(p.0 - cx, p.1 - cy, 0.5 * cw, 0.22 * cw, 0.06 * cw));
                        if body <= 0.0 {
                            continue;
                        }
                        let lamp = lamp_at.iter().map(|q| coverage(rounded_box(p.0 - q.0, p.1 - q.1, lhx, lhy, 0.3 * lhy))).fold(0.0, f32::max);
                        let v = std::array::from_fn(|k| {
                            let surface = CAR_BODY[k] * l * a.illuminant[k];
                            let lamp_v = if on { luminance * BRAKE_RED[k] } else { LAMP_REFLECTOR[k] * l * a.illuminant[k] };
                            surface + lamp * (lamp_v - surface)
                        });
                        buf.blend(y * g.w + x, v, body);
                    }
                }
                if on {
                    // The lamps' glare (their core is drawn above as an area).
                    let glare_only = Psf { glare: 1.0, ..*psf };
                    for q in lamp_at {
                        let (x, y) = pose.apply(g.c, q);
                        let energy = luminance * 4.0 * lhx * lhy * psf.glare;
                        add_light(buf, &[(x, y, 1.0)], lhx, energy, BRAKE_RED, &glare_only);
                    }
                }
            }
            Distractor::Lamp { at, radius_px, luminance, colour, flicker } => {
                let hz = if scene.ambient.flicker_hz > 0.0 { scene.ambient.flicker_hz } else { DEFAULT_RIPPLE_HZ };
                let world = (at.0 * g.w as f32, at.1 * g.h as f32);
                let pose = g.pose_at_row(world.1).with_parallax(parallax);
                let (x, y) = pose.apply(g.c, world);
                let ripple = flicker_mean(flicker, hz, g.row_time(y), g.exposure_s);
                let energy = super::optics::emitter_energy(luminance * ripple, radius_px);
                add_light(buf, &[(x, y, 1.0)], radius_px, energy, colour, psf);
            }
            _ => {}
        }
    }
}
