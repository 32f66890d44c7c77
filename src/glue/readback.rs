//! Reading a video frame's pixels back for the LED reader: the whole frame (or the digital
//! zoom's crop) reduced, plus the rectangles the reader asks for at the camera's resolution, as
//! a `signal::view::View`. Buffers are kept from frame to frame.
//!
//! Two methods, the first the browser can do:
//! - `VideoFrame.copyTo` (WebCodecs): the crop's own YUV planes (I420 or NV12, what cameras
//!   and decoders give; a plain copy, 1.4 MB for 1280x720) become the overview in Rust
//!   (`glue::yuv`: a box average on Y, U and V, with the frame's own colour matrix), and each
//!   wanted rectangle is copied as RGBA by the browser's own converter. A frame small enough to
//!   be its own overview is copied whole as RGBA.
//! - A 2D canvas: the crop drawn reduced (`imageSmoothingQuality = "high"`, mipmapped, so close
//!   to a box average) and read with getImageData, each wanted rectangle drawn 1:1 and read.
//!   Used where VideoFrame is missing, for frames in other formats (RGB, or GPU textures
//!   without a CPU copy), when a copy fails, and for rotated video (a portrait phone recording:
//!   VideoFrame holds the stored, unrotated pixels; drawImage rotates). In headless Chromium it
//!   costs 5-7 ms a 1280x720 frame: the browser converts the whole frame to RGB in software
//!   before drawing any part of it.
use super::controls::Crop;
use super::yuv::{Converter, Matrix, Planes};
use crate::signal::view::{clip, Geometry, Rect, View, Window};
use crate::signal::Frame;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

#[wasm_bindgen]
extern "C" {
    /// WebCodecs' VideoFrame (web-sys has it only as unstable API).
    #[wasm_bindgen(js_name = VideoFrame)]
    type JsVideoFrame;
    #[wasm_bindgen(constructor, catch, js_class = "VideoFrame")]
    fn new(source: &HtmlVideoElement) -> Result<JsVideoFrame, JsValue>;
    #[wasm_bindgen(method, catch, js_name = copyTo)]
    fn copy_to(this: &JsVideoFrame, destination: &Uint8Array, options: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method)]
    fn close(this: &JsVideoFrame);
}

/// How pixels are read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    VideoFrameYuv,
    Canvas,
}

impl Method {
    /// The best method this browser has.
    pub fn best() -> Method {
        let has = web_sys::window()
            .and_then(|w| Reflect::get(&w, &"VideoFrame".into()).ok())
            .and_then(|c| Reflect::get(&c, &"prototype".into()).ok())
            .is_some_and(|p| Reflect::has(&p, &"copyTo".into()).unwrap_or(false));
        if has { Method::VideoFrameYuv } else { Method::Canvas }
    }

    /// The method's name, as the bench prints it and `data-readback` shows it.
    pub fn id(self) -> &'static str {
        match self {
            Method::VideoFrameYuv => "videoframe-copyto-yuv",
            Method::Canvas => "canvas-drawimage-getimagedata",
        }
    }
}

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The video has no frame yet (size 0).
    NoFrame,
    /// The browser refused (no canvas, a tainted or lost context…), in its own words.
    Browser(String),
}

/// A frame whose pixels are on their way (copyTo is asynchronous).
pub struct Pending(Waiting);

enum Waiting {
    /// Already read (canvas).
    Ready,
    Copy { frame: JsVideoFrame, promise: Promise },
}

/// What a finished copy says about the bytes (the planes' layout), or why it failed.
pub struct Copied(Result<JsValue, String>);

impl Copied {
    pub fn is_ok(&self) -> bool {
        self.0.is_ok()
    }
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

/// The buffer in `slot`, made `len` bytes long if it is not.
fn sized(slot: &mut Option<Uint8Array>, len: u32) -> Uint8Array {
    match slot {
        Some(b) if b.length() == len => b.clone(),
        _ => {
            let b = Uint8Array::new_with_length(len);
            *slot = Some(b.clone());
            b
        }
    }
}

fn num(v: &JsValue, k: &str) -> Option<f64> {
    Reflect::get(v, &k.into()).ok().and_then(|x| x.as_f64())
}

/// The frame reader. One per video source; its buffers live as long as it does.
pub struct Readback {
    method: Method,
    /// Why the canvas is used although VideoFrame exists.
    pub fell_back: Option<String>,
    geometry: Option<Geometry>,
    wanted: Vec<Rect>,
    // YUV path: the planes as copied (a JS buffer, then wasm memory), their layout, converter.
    js_buf: Option<Uint8Array>,
    js_windows: Vec<Option<Uint8Array>>,
    planes_bytes: Vec<u8>,
    planes: Planes,
    colour: (Matrix, bool),
    converter: Option<((Matrix, bool), Converter)>,
    // Both paths: the reader's view.
    overview: Vec<u8>,
    windows: Vec<(Rect, Vec<u8>)>,
    used: usize,
    overview_canvas: Option<Canvas>,
    window_canvas: Option<Canvas>,
}

impl Default for Readback {
    fn default() -> Self {
        Readback::new(Method::best())
    }
}

impl Readback {
    pub fn new(method: Method) -> Readback {
        Readback {
            method,
            fell_back: None,
            geometry: None,
            wanted: Vec::new(),
            js_buf: None,
            js_windows: Vec::new(),
            planes_bytes: Vec::new(),
            planes: Planes::packed(0, 0, false),
            colour: (Matrix::Bt601, false),
            converter: None,
            overview: Vec::new(),
            windows: Vec::new(),
            used: 0,
            overview_canvas: None,
            window_canvas: None,
        }
    }

    pub fn method(&self) -> Method {
        self.method
    }

    /// The reader's geometry of the last frame started (the crop's).
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry
    }

    fn fall_back(&mut self, why: String) {
        self.method = Method::Canvas;
        self.fell_back = Some(why);
    }

    /// Starts reading the current frame of `video`: the crop `crop` (camera pixels; the whole
    /// frame when it does not fit) reduced, and `wanted` (crop pixels, as the reader asks for
    /// them) at 1:1.
    pub fn start(&mut self, video: &HtmlVideoElement, crop: Crop, wanted: &[Rect]) -> Result<Pending, ReadError> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return Err(ReadError::NoFrame);
        }
        let mut crop = if crop.w == 0 || crop.h == 0 || crop.x + crop.w > vw || crop.y + crop.h > vh { Crop::whole(vw, vh) } else { crop };
        if self.method == Method::VideoFrameYuv {
            // Whole chroma samples: an even crop (an odd frame loses its last row or column).
            crop = Crop { x: crop.x & !1, y: crop.y & !1, w: (crop.w & !1).max(2), h: (crop.h & !1).max(2) };
        }
        let g = Geometry::for_camera(crop.w as usize, crop.h as usize);
        self.geometry = Some(g);
        self.wanted.clear();
        self.wanted.extend(wanted.iter().map(|r| clip(r, g.camera_w, g.camera_h)).filter(|r| !r.is_empty()));
        if self.method == Method::VideoFrameYuv {
            match self.start_copy(video, crop, vw, vh, g) {
                Ok(p) => return Ok(p),
                Err(why) => self.fall_back(why),
            }
        }
        self.read_canvas(video, crop, g)?;
        Ok(Pending(Waiting::Ready))
    }

    fn start_copy(&mut self, video: &HtmlVideoElement, crop: Crop, vw: u32, vh: u32, g: Geometry) -> Result<Pending, String> {
        let frame = JsVideoFrame::new(video).map_err(|e| js_name(&e))?;
        let refuse = |frame: JsVideoFrame, why: &str| {
            frame.close();
            Err(why.to_string())
        };
        let format = Reflect::get(&frame, &"format".into()).ok().and_then(|f| f.as_string()).unwrap_or_default();
        let nv12 = format == "NV12";
        if g.reduce > 1 && !matches!(format.as_str(), "I420" | "I420A" | "NV12") {
            return refuse(frame, "frame format without a YUV copy");
        }
        // A rotated or rescaled frame: its stored pixels are not what the video shows.
        let turned = num(&frame, "rotation").is_some_and(|r| r != 0.0)
            || Reflect::get(&frame, &"flip".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
        let visible = Reflect::get(&frame, &"visibleRect".into()).unwrap_or(JsValue::NULL);
        let same = num(&frame, "displayWidth") == Some(vw as f64)
            && num(&frame, "displayHeight") == Some(vh as f64)
            && num(&visible, "width") == Some(vw as f64)
            && num(&visible, "height") == Some(vh as f64);
        if turned || !same {
            return refuse(frame, "rotated or scaled video");
        }
        let colour = Reflect::get(&frame, &"colorSpace".into()).unwrap_or(JsValue::NULL);
        let matrix = match Reflect::get(&colour, &"matrix".into()).ok().and_then(|m| m.as_string()).as_deref() {
            Some("bt709") => Matrix::Bt709,
            _ => Matrix::Bt601,
        };
        let full = Reflect::get(&colour, &"fullRange".into()).ok().and_then(|f| f.as_bool()).unwrap_or(false);
        self.colour = (matrix, full);
        // Frame coordinates of a crop-relative rectangle.
        let (ox, oy) = (num(&visible, "x").unwrap_or(0.0) + crop.x as f64, num(&visible, "y").unwrap_or(0.0) + crop.y as f64);
        let options = |x: usize, y: usize, w: usize, h: usize, rgba: bool| {
            let rect = Object::new();
            for (k, v) in [("x", ox + x as f64), ("y", oy + y as f64), ("width", w as f64), ("height", h as f64)] {
                let _ = Reflect::set(&rect, &k.into(), &v.into());
            }
            let o = Object::new();
            let _ = Reflect::set(&o, &"rect".into(), &rect);
            if rgba {
                let _ = Reflect::set(&o, &"format".into(), &"RGBA".into());
            }
            o
        };
        let copies = Array::new();
        let (cw, ch) = (crop.w as usize, crop.h as usize);
        if g.reduce == 1 {
            // The crop is its own overview: the browser converts it whole.
            let buf = sized(&mut self.js_buf, (cw * ch * 4) as u32);
            match frame.copy_to(&buf, &options(0, 0, cw, ch, true)) {
                Ok(p) => copies.push(&p),
                Err(e) => return refuse(frame, &js_name(&e)),
            };
        } else {
            self.planes = Planes::packed(cw, ch, nv12);
            // Room for a fourth (alpha) plane of I420A.
            let alpha = if format == "I420A" { cw * ch } else { 0 };
            let buf = sized(&mut self.js_buf, (self.planes.len() + alpha) as u32);
            match frame.copy_to(&buf, &options(0, 0, cw, ch, false)) {
                Ok(p) => copies.push(&p),
                Err(e) => return refuse(frame, &js_name(&e)),
            };
            self.js_windows.resize_with(self.wanted.len().max(self.js_windows.len()), || None);
            for (slot, r) in self.js_windows.iter_mut().zip(&self.wanted) {
                let buf = sized(slot, (r.w * r.h * 4) as u32);
                match frame.copy_to(&buf, &options(r.x, r.y, r.w, r.h, true)) {
                    Ok(p) => copies.push(&p),
                    Err(e) => return refuse(frame, &js_name(&e)),
                };
            }
        }
        Ok(Pending(Waiting::Copy { frame, promise: Promise::all(&copies) }))
    }

    fn read_canvas(&mut self, video: &HtmlVideoElement, crop: Crop, g: Geometry) -> Result<(), ReadError> {
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
        self.windows.resize_with(self.wanted.len().max(self.windows.len()), Default::default);
        self.used = 0;
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

    /// Waits for a copy to land.
    pub async fn wait(pending: Pending) -> Copied {
        match pending.0 {
            Waiting::Ready => Copied(Ok(JsValue::UNDEFINED)),
            Waiting::Copy { frame, promise } => {
                let result = JsFuture::from(promise).await.map_err(|e| js_name(&e));
                frame.close();
                Copied(result)
            }
        }
    }

    /// After `wait`: the copies come into wasm memory, the planes become the overview. A
    /// failed copy moves this reader to the canvas for the frames to come; false then (the
    /// frame is lost).
    pub fn settle(&mut self, copied: Copied) -> bool {
        let layouts = match (copied.0, self.method) {
            (Ok(layouts), Method::VideoFrameYuv) => layouts,
            (Ok(_), Method::Canvas) => return true,
            (Err(why), _) => {
                if self.method == Method::VideoFrameYuv {
                    self.fall_back(why);
                }
                return false;
            }
        };
        let (Some(buf), Some(g)) = (self.js_buf.as_ref(), self.geometry) else { return false };
        if g.reduce == 1 {
            self.overview.resize(buf.length() as usize, 0);
            buf.copy_to(&mut self.overview);
            self.used = 0;
            return true;
        }
        // The layout the browser used for the planes (packed unless it says otherwise).
        let planes = Reflect::get(&layouts, &0.into()).unwrap_or(JsValue::UNDEFINED);
        if let Ok(planes) = planes.dyn_into::<Array>() {
            let at = |i: u32| {
                let p = planes.get(i);
                Some((num(&p, "offset")? as usize, num(&p, "stride")? as usize))
            };
            if let (Some(y), Some(u)) = (at(0), at(1)) {
                self.planes.y = y;
                if self.planes.chroma_step == 2 {
                    self.planes.u = u;
                    self.planes.v = (u.0 + 1, u.1);
                } else if let Some(v) = at(2) {
                    self.planes.u = u;
                    self.planes.v = v;
                }
            }
        }
        self.planes_bytes.resize(buf.length() as usize, 0);
        buf.copy_to(&mut self.planes_bytes);
        if self.converter.as_ref().map(|c| c.0) != Some(self.colour) {
            self.converter = Some((self.colour, Converter::new(self.colour.0, self.colour.1)));
        }
        let Some((_, conv)) = self.converter.as_ref() else { return false };
        conv.overview(&self.planes, &self.planes_bytes, g.reduce, &mut self.overview);
        self.windows.resize_with(self.wanted.len().max(self.windows.len()), Default::default);
        for ((slot, r), js) in self.windows.iter_mut().zip(&self.wanted).zip(&self.js_windows) {
            let Some(js) = js else { return false };
            slot.0 = *r;
            slot.1.resize(js.length() as usize, 0);
            js.copy_to(&mut slot.1);
        }
        self.used = self.wanted.len();
        true
    }

    /// The frame read by the last `start` (then `wait` and `settle`), stamped `t_ms`, handed to
    /// `with` as the reader's view. None when nothing was read.
    pub fn view<R>(&self, t_ms: f64, with: impl FnOnce(&View) -> R) -> Option<R> {
        let g = self.geometry?;
        let overview = Frame::new(g.overview_w, g.overview_h, &self.overview, t_ms)?;
        let windows: Vec<Window> = self.windows[..self.used].iter().filter_map(|(r, b)| Window::new(*r, b)).collect();
        Some(with(&View { t_ms, geometry: g, overview, windows: &windows }))
    }
}
