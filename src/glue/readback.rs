//! Reading a video frame's pixels back for the LED reader: the whole frame (or the digital
//! zoom's crop) reduced, plus the rectangles the reader asks for at the camera's resolution, as
//! a `signal::view::View`. Buffers are kept from frame to frame.
//!
//! Through a 2D canvas: the crop drawn reduced (`imageSmoothingQuality = "high"`, mipmapped, so
//! close to a box average) and read with getImageData, each wanted rectangle drawn 1:1 and read.
//! drawImage shows the video as the page does (a portrait recording comes out upright). In
//! headless Chromium this costs 5-7 ms a 1280x720 frame. (A WebCodecs path, VideoFrame.copyTo of
//! the YUV planes reduced in Rust, was cheaper per frame but cost 4.3 KB gzip of first load, over
//! the size budget; see the git history.)
use super::controls::Crop;
use crate::signal::view::{clip, Geometry, Rect, View, Window};
use crate::signal::Frame;
use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

/// How pixels are read back, as `data-readback` shows it.
pub const METHOD: &str = "canvas-drawimage-getimagedata";

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The video has no frame yet (size 0).
    NoFrame,
    /// The browser refused (no canvas, a tainted or lost context…), in its own words.
    Browser(String),
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

    /// At least `w` x `h` (resizing resets the context's state, so smoothing is set again).
    fn fit(&self, w: u32, h: u32, exact: bool, smooth: bool) {
        let (cw, ch) = (self.canvas.width(), self.canvas.height());
        let ok = if exact { cw == w && ch == h } else { cw >= w && ch >= h };
        if !ok {
            self.canvas.set_width(if exact { w } else { w.max(cw) });
            self.canvas.set_height(if exact { h } else { h.max(ch) });
            self.smoothing(smooth);
        }
    }

    /// Draws camera pixels `src` of `video` at the canvas's top left, `dw` x `dh` in size, and
    /// copies them into `out` (RGBA).
    fn read(&self, video: &HtmlVideoElement, src: (u32, u32, u32, u32), dw: u32, dh: u32, out: &mut Vec<u8>) -> Result<(), ReadError> {
        let (sx, sy, sw, sh) = src;
        self.ctx
            .draw_image_with_html_video_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                video, sx as f64, sy as f64, sw as f64, sh as f64, 0.0, 0.0, dw as f64, dh as f64,
            )
            .map_err(|e| ReadError::Browser(js_name(&e)))?;
        let image = self.ctx.get_image_data(0.0, 0.0, dw as f64, dh as f64).map_err(|e| ReadError::Browser(js_name(&e)))?;
        let data: Uint8ClampedArray = Reflect::get(&image, &"data".into())
            .ok()
            .and_then(|d| d.dyn_into().ok())
            .ok_or_else(|| ReadError::Browser("no image data".into()))?;
        out.resize(data.length() as usize, 0);
        data.copy_to(out);
        Ok(())
    }
}

fn js_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "error".into())
}


/// The frame reader. One per video source; its buffers live as long as it does.
#[derive(Default)]
pub struct Readback {
    geometry: Option<Geometry>,
    wanted: Vec<Rect>,
    overview: Vec<u8>,
    windows: Vec<(Rect, Vec<u8>)>,
    used: usize,
    overview_canvas: Option<Canvas>,
    window_canvas: Option<Canvas>,
}

impl Readback {
    /// The reader's geometry of the last frame read (the crop's).
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry
    }

    /// Reads the current frame of `video`: the crop `crop` (camera pixels; the whole frame when
    /// it does not fit) reduced, and `wanted` (crop pixels, as the reader asks for them) at 1:1.
    pub fn read(&mut self, video: &HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> Result<(), ReadError> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return Err(ReadError::NoFrame);
        }
        let crop = if crop.w == 0 || crop.h == 0 || crop.x + crop.w > vw || crop.y + crop.h > vh { Crop::whole(vw, vh) } else { crop };
        let g = Geometry::for_camera(crop.w as usize, crop.h as usize);
        self.geometry = Some(g);
        self.used = 0;
        if self.overview_canvas.is_none() {
            self.overview_canvas = Some(Canvas::new(true)?);
        }
        if self.window_canvas.is_none() {
            self.window_canvas = Some(Canvas::new(false)?);
        }
        let (Some(oc), Some(wc)) = (self.overview_canvas.as_ref(), self.window_canvas.as_ref()) else {
            return Err(ReadError::Browser("no canvas".into()));
        };
        let (ow, oh) = (g.overview_w as u32, g.overview_h as u32);
        oc.fit(ow, oh, true, true);
        oc.read(video, (crop.x, crop.y, crop.w, crop.h), ow, oh, &mut self.overview)?;
        self.wanted.clear();
        self.wanted.extend(wanted.iter().map(|r| clip(r, g.camera_w, g.camera_h)).filter(|r| !r.is_empty()));
        self.windows.resize_with(self.wanted.len().max(self.windows.len()), Default::default);
        for r in &self.wanted {
            let (w, h) = (r.w as u32, r.h as u32);
            wc.fit(w, h, false, false);
            let slot = &mut self.windows[self.used];
            slot.0 = *r;
            wc.read(video, (crop.x + r.x as u32, crop.y + r.y as u32, w, h), w, h, &mut slot.1)?;
            self.used += 1;
        }
        Ok(())
    }

    /// The frame read by the last `read`, stamped `t_ms`, handed to `with` as the reader's view.
    /// None when nothing was read.
    pub fn view<R>(&self, t_ms: f64, with: impl FnOnce(&View) -> R) -> Option<R> {
        let g = self.geometry?;
        let overview = Frame::new(g.overview_w, g.overview_h, &self.overview, t_ms)?;
        let windows: Vec<Window> = self.windows[..self.used].iter().filter_map(|(r, b)| Window::new(*r, b)).collect();
        Some(with(&View { t_ms, geometry: g, overview, windows: &windows }))
    }
}
