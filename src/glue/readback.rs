//! Reading a video frame's pixels back for the LED reader: the crop the person sees (the whole
//! frame, or the digital zoom's), at the camera's resolution, in one draw. The reader's worker
//! cuts it into its view (`signal::view::CameraFrame`: the overview reduced to at most 640 px and
//! the rectangles the reader asks for, at full resolution), so the reading keeps the camera's
//! resolution where the light is.
//!
//! Through a 2D canvas: the crop drawn 1:1 and read with getImageData. One draw a frame: in
//! WebKitGTK each drawImage from a video costs 19-36 ms whatever the rectangle (the former four
//! draws a frame took 143 ms there; one full-frame draw and its read, 28 ms; Chromium 3.4 ms).
//! drawImage shows the video as the page does (a portrait recording comes out upright). (A
//! WebCodecs path, VideoFrame.copyTo of the YUV planes, was cheaper per frame in Chromium but cost
//! 4.3 KB gzip; see the git history.)
use super::controls::Crop;
use crate::signal::view::{CameraFrame, Geometry, Rect, View};
use crate::signal::Frame;
use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

/// How pixels are read back, as `data-readback` shows it.
pub const METHOD: &str = "canvas-one-draw-getimagedata";

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The video has no frame yet (size 0).
    NoFrame,
    /// The browser refused (no canvas, a tainted or lost context…), in its own words.
    Browser(String),
}

/// One frame's pixels as the browser gave them (RGBA, `width` x `height`), still in JS: they go
/// to the reader's worker as they are (`reader_link`).
pub struct Grab {
    pub width: u32,
    pub height: u32,
    pub pixels: Uint8ClampedArray,
}

struct Canvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Canvas {
    fn new() -> Result<Canvas, ReadError> {
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
        Ok(Canvas { canvas, ctx })
    }

    /// Draws camera pixels `src` (x, y, w, h) of `video` 1:1 and reads them back.
    fn grab(&self, video: &HtmlVideoElement, src: (u32, u32, u32, u32)) -> Result<Uint8ClampedArray, ReadError> {
        let (sx, sy, w, h) = src;
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        self.ctx
            .draw_image_with_html_video_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                video, sx as f64, sy as f64, w as f64, h as f64, 0.0, 0.0, w as f64, h as f64,
            )
            .map_err(|e| ReadError::Browser(js_name(&e)))?;
        let image = self.ctx.get_image_data(0.0, 0.0, w as f64, h as f64).map_err(|e| ReadError::Browser(js_name(&e)))?;
        Reflect::get(&image, &"data".into())
            .ok()
            .and_then(|d| d.dyn_into().ok())
            .ok_or_else(|| ReadError::Browser("no image data".into()))
    }
}

fn js_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "error".into())
}


/// The frame reader. One per video source; its canvas lives as long as it does.
#[derive(Default)]
pub struct Readback {
    geometry: Option<Geometry>,
    canvas: Option<Canvas>,
    /// For `read`/`view` (the page cutting a frame itself): its pixels, size and wanted rectangles.
    pixels: Vec<u8>,
    size: (usize, usize),
    wanted: Vec<Rect>,
    cut: CameraFrame,
}

impl Readback {
    /// The reader's geometry of the last frame read (the crop's).
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry
    }

    /// Reads the current frame of `video`: the crop `crop` (camera pixels; the whole frame when
    /// it does not fit) at the camera's resolution, in one draw.
    pub fn grab(&mut self, video: &HtmlVideoElement, crop: Crop) -> Result<Grab, ReadError> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return Err(ReadError::NoFrame);
        }
        let crop = if crop.w == 0 || crop.h == 0 || crop.x + crop.w > vw || crop.y + crop.h > vh { Crop::whole(vw, vh) } else { crop };
        if self.canvas.is_none() {
            self.canvas = Some(Canvas::new()?);
        }
        let canvas = self.canvas.as_ref().ok_or_else(|| ReadError::Browser("no canvas".into()))?;
        let pixels = canvas.grab(video, (crop.x, crop.y, crop.w, crop.h))?;
        self.geometry = Some(Geometry::for_camera(crop.w as usize, crop.h as usize));
        Ok(Grab { width: crop.w, height: crop.h, pixels })
    }

    /// Reads the current frame as `grab` does, into this reader, with the rectangles `wanted`
    /// (crop pixels) for `view`.
    pub fn read(&mut self, video: &HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> Result<(), ReadError> {
        let grab = self.grab(video, crop)?;
        self.pixels.resize(grab.pixels.length() as usize, 0);
        grab.pixels.copy_to(&mut self.pixels);
        self.size = (grab.width as usize, grab.height as usize);
        self.wanted.clear();
        self.wanted.extend_from_slice(wanted);
        Ok(())
    }

    /// The frame read by the last `read`, stamped `t_ms`, cut into the reader's view (as its
    /// worker does) and handed to `with`. None when nothing was read.
    pub fn view<R>(&mut self, t_ms: f64, with: impl FnOnce(&View) -> R) -> Option<R> {
        let frame = Frame::new(self.size.0, self.size.1, &self.pixels, t_ms)?;
        Some(self.cut.cut(&frame, &self.wanted, with))
    }
}
