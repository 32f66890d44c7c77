//! Reading a video frame's pixels back for the LED reader, as its view: the crop the person sees
//! (the whole frame, or the digital zoom's) reduced to at most 640 px (the overview), plus the
//! rectangles the reader asks for (`LedReader::wanted()`) at the camera's resolution, so the
//! reading keeps the camera's resolution where the light is.
//!
//! Through 2D canvases, with one draw from the video a frame: the crop drawn 1:1 into one canvas;
//! the overview drawn from that canvas into a smaller one (`imageSmoothingQuality = "high"`,
//! mipmapped, so close to a box average) and read; each wanted rectangle read straight from the
//! first canvas. In WebKitGTK each drawImage from a video costs 19-36 ms whatever the rectangle
//! (the former draw per rectangle took 143 ms a frame there), and reading the whole 1280x720
//! frame back is slow too; one draw and small reads cost the least in every engine. drawImage
//! shows the video as the page does (a portrait recording comes out upright). (A WebCodecs path,
//! VideoFrame.copyTo of the YUV planes, was cheaper per frame in Chromium but cost 4.3 KB gzip;
//! see the git history.)
use super::controls::Crop;
use crate::signal::view::{clip, Geometry, Rect, View, Window};
use crate::signal::Frame;
use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

/// How pixels are read back, as `data-readback` shows it.
pub const METHOD: &str = "canvas-one-draw-crops";

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The video has no frame yet (size 0).
    NoFrame,
    /// The browser refused (no canvas, a tainted or lost context…), in its own words.
    Browser(String),
}

/// One frame read back, its pixels still in JS (they go to the reader's worker as they are,
/// `reader_link`): the overview and the wanted rectangles, for the crop's `geometry`.
pub struct Grab {
    pub geometry: Geometry,
    pub overview: Uint8ClampedArray,
    pub windows: Vec<(Rect, Uint8ClampedArray)>,
}

struct Canvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Canvas {
    fn new(smooth: bool) -> Result<Canvas, ReadError> {
        let fail = |what: &str| ReadError::Browser(what.to_string());
        let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .map_err(|_| fail("cannot create a canvas"))?
            .dyn_into()
            .map_err(|_| fail("not a canvas"))?;
        let options = web_sys::ContextAttributes2d::new();
        options.set_will_read_frequently(true);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context_with_context_options("2d", &options)
            .ok()
            .flatten()
            .ok_or_else(|| fail("no 2d canvas"))?
            .dyn_into()
            .map_err(|_| fail("not a 2d context"))?;
        let c = Canvas { canvas, ctx };
        c.smoothing(smooth);
        Ok(c)
    }

    fn smoothing(&self, smooth: bool) {
        self.ctx.set_image_smoothing_enabled(smooth);
        if smooth {
            let _ = Reflect::set(&self.ctx, &"imageSmoothingQuality".into(), &"high".into());
        }
    }

    /// Exactly `w` x `h` (resizing resets the context's state, so smoothing is set again).
    fn fit(&self, w: u32, h: u32, smooth: bool) {
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
            self.smoothing(smooth);
        }
    }

    /// The pixels of rectangle (x, y, w, h) of the canvas, RGBA.
    fn pixels(&self, x: u32, y: u32, w: u32, h: u32) -> Result<Uint8ClampedArray, ReadError> {
        let image = self.ctx.get_image_data(x as f64, y as f64, w as f64, h as f64).map_err(|e| ReadError::Browser(js_name(&e)))?;
        Reflect::get(&image, &"data".into())
            .ok()
            .and_then(|d| d.dyn_into().ok())
            .ok_or_else(|| ReadError::Browser("no image data".into()))
    }
}

fn js_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "error".into())
}


/// The frame reader. One per video source; its canvases live as long as it does.
#[derive(Default)]
pub struct Readback {
    geometry: Option<Geometry>,
    full: Option<Canvas>,
    small: Option<Canvas>,
    /// For `read`/`view` (the page building a view itself): the last frame's bytes.
    overview: Vec<u8>,
    windows: Vec<(Rect, Vec<u8>)>,
}

impl Readback {
    /// The reader's geometry of the last frame read (the crop's).
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry
    }

    /// Reads the current frame of `video`: the crop `crop` (camera pixels; the whole frame when
    /// it does not fit) reduced, and `wanted` (crop pixels, as the reader asks for them) at 1:1.
    /// One draw from the video.
    pub fn grab(&mut self, video: &HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> Result<Grab, ReadError> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return Err(ReadError::NoFrame);
        }
        let crop = if crop.w == 0 || crop.h == 0 || crop.x + crop.w > vw || crop.y + crop.h > vh { Crop::whole(vw, vh) } else { crop };
        let g = Geometry::for_camera(crop.w as usize, crop.h as usize);
        if self.full.is_none() {
            self.full = Some(Canvas::new(false)?);
        }
        if self.small.is_none() {
            self.small = Some(Canvas::new(true)?);
        }
        let (Some(full), Some(small)) = (self.full.as_ref(), self.small.as_ref()) else {
            return Err(ReadError::Browser("no canvas".into()));
        };
        full.fit(crop.w, crop.h, false);
        full.ctx
            .draw_image_with_html_video_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                video, crop.x as f64, crop.y as f64, crop.w as f64, crop.h as f64, 0.0, 0.0, crop.w as f64, crop.h as f64,
            )
            .map_err(|e| ReadError::Browser(js_name(&e)))?;
        self.geometry = Some(g);
        let overview = if g.reduce == 1 {
            // The overview is the frame itself.
            full.pixels(0, 0, crop.w, crop.h)?
        } else {
            let (ow, oh) = (g.overview_w as u32, g.overview_h as u32);
            small.fit(ow, oh, true);
            small
                .ctx
                .draw_image_with_html_canvas_element_and_dw_and_dh(&full.canvas, 0.0, 0.0, ow as f64, oh as f64)
                .map_err(|e| ReadError::Browser(js_name(&e)))?;
            small.pixels(0, 0, ow, oh)?
        };
        // The windows even when the overview has the camera's resolution: the reader reads them
        // as it asked for them.
        let mut windows = Vec::with_capacity(wanted.len());
        for r in wanted.iter().map(|r| clip(r, g.camera_w, g.camera_h)).filter(|r| !r.is_empty()) {
            windows.push((r, full.pixels(r.x as u32, r.y as u32, r.w as u32, r.h as u32)?));
        }
        Ok(Grab { geometry: g, overview, windows })
    }

    /// Reads the current frame as `grab` does, into this reader, for `view`.
    pub fn read(&mut self, video: &HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> Result<(), ReadError> {
        let grab = self.grab(video, crop, wanted)?;
        copy(&grab.overview, &mut self.overview);
        self.windows.resize_with(grab.windows.len(), Default::default);
        for ((rect, bytes), (r, px)) in self.windows.iter_mut().zip(&grab.windows) {
            *rect = *r;
            copy(px, bytes);
        }
        Ok(())
    }

    /// The frame read by the last `read`, stamped `t_ms`, handed to `with` as the reader's view.
    /// None when nothing was read.
    pub fn view<R>(&self, t_ms: f64, with: impl FnOnce(&View) -> R) -> Option<R> {
        let g = self.geometry?;
        let overview = Frame::new(g.overview_w, g.overview_h, &self.overview, t_ms)?;
        let windows: Vec<Window> = self.windows.iter().filter_map(|(r, b)| Window::new(*r, b)).collect();
        Some(with(&View { t_ms, geometry: g, overview, windows: &windows }))
    }
}

/// JS pixels into a Rust buffer.
fn copy(from: &Uint8ClampedArray, to: &mut Vec<u8>) {
    to.resize(from.length() as usize, 0);
    from.copy_to(to);
}
