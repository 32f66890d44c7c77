//! The Blink device in front of the backdrop: its body (lit by the ambient light, shaded, glossy),
//! lens with a reflection, stand, LED windows, and the LEDs' light through the lens.
use super::backdrop::{coverage, image_bounds, rounded_box};
use super::camera::MotionPlan;
use super::frame_geom::FrameGeom;
use super::optics::{add_light, emitter_energy, Psf};
use super::planes::Planes;
use super::scene::{emitter_colour, Housing, RealScene};

/// Corner radius of the body, in body widths.
const CORNER: f32 = 0.16;
/// Light falls from above: the top of the body is this much brighter than the mean, the bottom as much darker.
const TOP_LIGHT: f32 = 0.15;
/// A glossy front reflects a soft band of light near its top (reflectance added).
const GLOSS: f32 = 0.05;
/// The lens' glass reflects little; its bezel a little more; its highlight is a reflection of a bright light.
const LENS_GLASS: f32 = 0.015;
const LENS_BEZEL: f32 = 0.09;
const LENS_HIGHLIGHT: f32 = 1.2;
/// An unlit LED window: a grey dot on a white housing, hardly visible on a black one.
const LED_WINDOW: [f32; 2] = [0.28, 0.035];
/// Sub-samples of the exposure window for each LED (more when it moves fast).
const LED_SAMPLES: usize = 8;
const LED_SAMPLES_MAX: usize = 32;

/// Where a light was at one moment of the exposure (x, y) and the share of the exposure it stands for.
type Sample = (f32, f32, f32);

/// The world position (pixels, before the phone's motion) of the device's centre.
fn centre(scene: &RealScene) -> (f32, f32) {
    (scene.device.at.0 * scene.width as f32, scene.device.at.1 * scene.height as f32)
}

/// World positions of each of the device's lights.
pub fn led_world_positions(scene: &RealScene) -> Vec<(f32, f32)> {
    let d = &scene.device;
    let c = centre(scene);
    d.lights.iter().map(|l| {
        let (ox, oy) = d.kind.led_slot(l.slot);
        (c.0 + ox * d.width_px, c.1 + oy * d.width_px)
    }).collect()
}

/// What a world point on the device looks like: reflectance and coverage, or None off the device.
fn shade(scene: &RealScene, p: (f32, f32), leds: &[(f32, f32)]) -> Option<([f32; 3], f32)> {
    let d = &scene.device;
    let c = centre(scene);
    let wd = d.width_px;
    let (bx, by) = ((p.0 - c.0) / wd, (p.1 - c.1) / wd);
    let hy = 0.5 * d.kind.aspect();
    let body = coverage(rounded_box(bx, by, 0.5, hy, CORNER) * wd);
    let housing = d.housing.reflectance();
    if body <= 0.0 {
        // A stand under the body (a Mini's foot, an Outdoor's wall mount).
        let stand = coverage(rounded_box(bx, by - hy - 0.14, 0.09, 0.16, 0.03) * wd);
        let base = coverage(rounded_box(bx, by - hy - 0.3, 0.26, 0.04, 0.03) * wd);
        let cov = stand.max(base);
        return (cov > 0.0).then(|| (housing.map(|r| r * 0.7), cov));
    }
    let light = 1.0 + TOP_LIGHT * (-by / hy);
    let gloss = GLOSS * (-((by + 0.72 * hy) / (0.12 * hy)).powi(2)).exp();
    let mut rgb = housing.map(|r| r * light + gloss);
    if let Some(((lx, ly), lr)) = d.kind.lens() {
        let r = ((bx - lx).powi(2) + (by - ly).powi(2)).sqrt();
        let glass = coverage((r - lr) * wd);
        let bezel = coverage((r - lr * 1.25) * wd) - glass;
        let hl = (-(((bx - lx + 0.35 * lr).powi(2) + (by - ly + 0.35 * lr).powi(2)) / (0.012 * lr * lr + 0.25 / (wd * wd)))).exp();
        for v in &mut rgb {
            *v = *v * (1.0 - glass - bezel) + LENS_GLASS * glass + LENS_BEZEL * bezel + LENS_HIGHLIGHT * hl * glass;
        }
    }
    let window = LED_WINDOW[if d.housing == Housing::White { 0 } else { 1 }];
    for (l, &(x, y)) in d.lights.iter().zip(leds) {
        let r = ((p.0 - x).powi(2) + (p.1 - y).powi(2)).sqrt();
        let cov = coverage(r - l.radius_px.max(0.6));
        for v in &mut rgb {
            *v += cov * (window - *v);
        }
    }
    Some((rgb, body))
}

/// Draws the device body over the radiance buffer.
pub fn draw_body(scene: &RealScene, g: &FrameGeom, buf: &mut Planes) {
    let d = &scene.device;
    let c = centre(scene);
    let (hx, hy) = (0.5 * d.width_px, (0.5 * d.kind.aspect() + 0.4) * d.width_px);
    let pose = g.pose_at_row(g.c.1);
    let Some((xa, ya, xb, yb)) = image_bounds(&pose, g, c.0 - hx * 1.2, c.1 - 0.5 * d.kind.aspect() * d.width_px * 1.2, c.0 + hx * 1.2, c.1 + hy) else {
        return;
    };
    // Rolling-shutter skew can move rows by a few pixels against the middle row's box.
    let margin = 8;
    let (xa, xb) = (xa.saturating_sub(margin), (xb + margin).min(g.w));
    let (ya, yb) = (ya.saturating_sub(margin), (yb + margin).min(g.h));
    let leds = led_world_positions(scene);
    let a = &scene.ambient;
    for y in ya..yb {
        let pose = g.row_pose[y];
        let l = a.level * d.light * g.row_light[y];
        for x in xa..xb {
            let p = pose.invert(g.c, (x as f32 + 0.5, y as f32 + 0.5));
            if let Some((rgb, cov)) = shade(scene, p, &leds) {
                buf.blend(y * g.w + x, [rgb[0] * l * a.illuminant[0], rgb[1] * l * a.illuminant[1], rgb[2] * l * a.illuminant[2]], cov);
            }
        }
    }
}

/// Adds each lit LED's light: sub-samples of its row's exposure window give where it was (the
/// phone moves) and whether it was lit (it may switch mid-exposure).
pub fn add_leds(scene: &RealScene, plan: &MotionPlan, g: &FrameGeom, psf: &Psf, buf: &mut Planes) {
    let leds = led_world_positions(scene);
    for (light, &pw) in scene.device.lights.iter().zip(&leds) {
        let pose = g.pose_at_row(g.c.1);
        let row_y = pose.apply(g.c, pw).1;
        let start = g.row_time(row_y);
        let p0 = plan.pose(start).apply(g.c, pw);
        let p1 = plan.pose(start + g.exposure_s).apply(g.c, pw);
        let travel = ((p1.0 - p0.0).powi(2) + (p1.1 - p0.1).powi(2)).sqrt();
        let n = ((travel / 0.5).ceil() as usize).clamp(LED_SAMPLES, LED_SAMPLES_MAX);
        // Group the sub-samples by colour (a blue light may turn red within one exposure).
        let mut groups: Vec<([f32; 3], Vec<Sample>)> = Vec::new();
        let mut scale = 0.0;
        for i in 0..n {
            let ts = start + (i as f64 + 0.5) / n as f64 * g.exposure_s;
            let pose = plan.pose(ts);
            scale += pose.scale / n as f32;
            let Some(c) = light.timeline.colour_at(ts) else { continue };
            let colour = emitter_colour(c);
            let (x, y) = pose.apply(g.c, pw);
            match groups.iter_mut().find(|(k, _)| *k == colour) {
                Some((_, v)) => v.push((x, y, 1.0 / n as f32)),
                None => groups.push((colour, vec![(x, y, 1.0 / n as f32)])),
            }
        }
        let radius = light.radius_px * scale;
        let energy = emitter_energy(light.luminance, radius);
        for (colour, samples) in groups {
            add_light(buf, &samples, radius, energy, colour, psf);
        }
    }
}

/// Where each LED appears in the image at `t` seconds (pixels), for traces and checks.
pub fn led_image_positions(scene: &RealScene, plan: &MotionPlan, t: f64) -> Vec<(f32, f32)> {
    let c = (scene.width as f32 / 2.0, scene.height as f32 / 2.0);
    let pose = plan.pose(t);
    led_world_positions(scene).into_iter().map(|p| pose.apply(c, p)).collect()
}
