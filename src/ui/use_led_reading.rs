//! The reading as a hook (in the manner of leptos-use): options in; signals and actions out;
//! the camera or the chosen video, the frame loop, the once-a-second watchdog, the wake lock and
//! the page listeners are all released inside, when the owner (the reading screen) goes away.
//!
//! Per frame (`on_frame`): the glue reads the frame back (the crop the person sees, at the
//! camera's resolution, in one draw) and hands its pixels to the LED reader's Web Worker
//! (`glue::reader_link`), which cuts it into the reader's view, reads it and measures the
//! picture. Its report comes back (`on_report`, then `process`): guidance, and the signals follow.
//! When the worker is behind, frames are skipped rather than queued.
use super::chart::{ChartPoint, CHART_SPAN_S};
use crate::glue::camera::{self, CameraError};
use crate::glue::controls::{self, Capabilities, Crop, Settings, Zoom, ZoomKind};
use crate::glue::device::{self, WakeLock};
use crate::glue::frames::FrameLoop;
use crate::glue::guide::{Advice, Bar, Guide, Seen};
use crate::glue::picture::{self, Brightness};
use crate::glue::readback::{self, Readback};
use crate::glue::reader_link::{LinkError, ReaderLink};
use crate::glue::reader_protocol::{Order, Report};
use crate::glue::video_file::{self, ObjectUrl, VideoError};
use crate::led::{LedEvidence, PatternKind};
use crate::signal::view::Rect;
use crate::signal::{Progress, ReaderOptions, Status};
use crate::words;
use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlVideoElement, MediaStream, MediaStreamTrack};

/// Below this many frames per second the reading cannot separate quick flashes.
const MIN_FPS: f64 = 8.0;
/// The frame rate is measured over this many recent frame intervals (1 s at 30 fps).
const FPS_FRAMES: usize = 30;
/// The light's size is the median of this many recent lit frames (a few flashes' worth).
const SIZE_FRAMES: usize = 9;
/// After a video's 'ended', frames still being read get this long before "ended too early".
const ENDED_GRACE_MS: u32 = 500;
/// A gap in media time this many frame intervals long means frames were skipped.
const SKIP_GAP: f64 = 1.6;
/// Fast playback goes back to real time when more than this many frames a second are skipped.
const SKIPS_ALLOWED: u32 = 1;

/// Hands a chosen video file to the reading screen about to open (which may be in the other
/// wasm module: the file waits on the page, `glue::modules`).
pub fn choose_video(file: File) {
    crate::glue::modules::keep_file(file);
}

fn take_chosen() -> Option<File> {
    crate::glue::modules::take_file()
}

/// Where the pictures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Camera,
    Video,
}

/// A recorded video that cannot give a reading, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoProblem {
    Unreadable(VideoError),
    /// It ended before the pattern was clear.
    Ended,
    /// The reading found no light in it.
    NoLight,
}

impl VideoProblem {
    pub fn id(&self) -> &'static str {
        match self {
            VideoProblem::Unreadable(e) => e.id(),
            VideoProblem::Ended => "ended",
            VideoProblem::NoLight => "no-light",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum SourceState {
    Starting,
    Live,
    Paused,
    TrackEnded,
    Failed(CameraError),
    Video(VideoProblem),
    /// The LED reader's worker could not start (its module did not load).
    ReaderFailed,
}

/// What the progress line shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    pub headline: String,
    pub advice: Option<Advice>,
    /// The reader's own hint while searching, when no other advice applies.
    pub hint: Option<&'static str>,
    pub led_at: Option<(f32, f32)>,
    /// Share of the progress bar (0..1) and the seconds it says are left.
    pub bar: f64,
    pub left_s: u32,
}

/// What changes rarely: the source and its state, the zoom, the camera's settings, the frame
/// rate when too low, the preview's shape. One signal, so the screen has one to follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub state: SourceState,
    pub source: Source,
    pub zoom: Option<Zoom>,
    pub exposure_lowered: bool,
    /// Frames per second, when too few to read quick flashes.
    pub low_fps: Option<f64>,
    /// The preview's width / height (the crop's, which keeps the frame's).
    pub aspect: f64,
}

impl Default for Panel {
    fn default() -> Self {
        Panel { state: SourceState::Starting, source: Source::Camera, zoom: None, exposure_lowered: false, low_fps: None, aspect: 4.0 / 3.0 }
    }
}

pub struct UseLedReadingOptions {
    /// The `<video>` that shows the preview (or the chosen video).
    pub video: NodeRef<leptos::html::Video>,
    /// Called once with the finished reading.
    pub on_done: Callback<LedEvidence>,
    /// What the reader is told of the model being checked (`Kb::reader_options`).
    pub reader: ReaderOptions,
}

/// Everything per frame, shared by the frame loop and the actions.
struct Pipeline {
    readback: Readback,
    guide: Guide,
    bar: Bar,
    sizes: VecDeque<f32>,
    digital_zoom: f64,
    done: bool,
    /// Media times of the recent frames.
    times: VecDeque<f64>,
    /// Media times of the recent frames the reader's worker read.
    read: VecDeque<f64>,
    frames: u32,
    /// Gaps in media time (frames the browser dropped or the page missed).
    skipped: u32,
    /// Frames skipped since the watchdog last looked.
    skipped_recently: u32,
    crop: Crop,
    camera: (u32, u32),
    /// Frames left unread because the reader's worker was busy (or starting).
    busy: u32,
    /// The worker's time on the last frame read (ms).
    worker_ms: f64,
    /// The page's time on the last frame handed over: drawn, read back, posted (ms).
    grab_ms: f64,
    /// The rectangles the reader wants, from its last report.
    wanted: Vec<Rect>,
}

impl Pipeline {
    fn new() -> Pipeline {
        Pipeline {
            readback: Readback::default(),
            guide: Guide::default(),
            bar: Bar::default(),
            sizes: VecDeque::new(),
            digital_zoom: 1.0,
            done: false,
            times: VecDeque::new(),
            read: VecDeque::new(),
            frames: 0,
            skipped: 0,
            skipped_recently: 0,
            crop: Crop::whole(0, 0),
            camera: (0, 0),
            busy: 0,
            worker_ms: 0.0,
            grab_ms: 0.0,
            wanted: Vec::new(),
        }
    }

    fn median_interval_ms(&self) -> f64 {
        median_interval_ms(&self.times)
    }
}

/// The median gap between successive `times` (ms); NaN with fewer than two.
fn median_interval_ms(times: &VecDeque<f64>) -> f64 {
    let mut d: Vec<f32> = times.iter().zip(times.iter().skip(1)).map(|(a, b)| (b - a) as f32).filter(|d| *d > 0.0).collect();
    picture::median(&mut d).map_or(f64::NAN, f64::from)
}

impl Pipeline {
}

/// Runs a future on the page's task queue. One boxed type for every future here, so the task
/// machinery is compiled once, not once per future (the first load's size).
fn spawn(f: impl std::future::Future<Output = ()> + 'static) {
    let boxed: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> = Box::pin(f);
    leptos::task::spawn_local(boxed);
}

/// Asks the camera for a change, in the background; a refusal changes nothing.
fn apply_later(track: MediaStreamTrack, change: controls::Change) {
    spawn(async move {
        let _ = controls::apply(&track, &change).await;
    });
}

/// Hands a finished reading on, after the current frame (leaving the screen drops the loop).
fn finish_later(on_done: Callback<LedEvidence>, evidence: LedEvidence) {
    spawn(async move { on_done.run(evidence) });
}

fn push_capped(v: &mut VecDeque<f64>, x: f64, cap: usize) {
    v.push_back(x);
    while v.len() > cap {
        v.pop_front();
    }
}

/// What one frame's reading gives the view.
struct FrameOut {
    progress: Progress,
    advice: Option<Advice>,
    bar: (f64, u32),
}

/// Takes the worker's report on one frame: guidance and the progress bar.
fn process(p: &mut Pipeline, r: Report) -> FrameOut {
    if let Some(s) = r.light_px {
        p.sizes.push_back(s);
        while p.sizes.len() > SIZE_FRAMES {
            p.sizes.pop_front();
        }
    }
    let light_px = picture::median(&mut p.sizes.iter().copied().collect::<Vec<f32>>());
    let status = &r.progress.status;
    let hint = match status {
        Status::Searching { hint } => *hint,
        _ => None,
    };
    let seen = Seen {
        elapsed_s: r.progress.elapsed_s,
        found: !matches!(status, Status::Searching { .. }),
        hint,
        brightness: Brightness { mean: r.brightness, clipped: r.clipped },
        shake: r.shake,
        light_px,
    };
    let advice = p.guide.advise(&seen);
    let bar = p.bar.update(status, r.progress.elapsed_s);
    if matches!(status, Status::Done(_)) {
        p.done = true;
    }
    p.worker_ms = r.work_ms;
    p.wanted = r.wanted.clone();
    push_capped(&mut p.read, r.t_ms, FPS_FRAMES + 1);
    FrameOut { progress: r.progress, advice, bar }
}

/// The page's clock (ms, sub-millisecond where the browser allows).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn headline(status: &Status) -> (String, Option<&'static str>) {
    match status {
        Status::Searching { hint } => (words::looking().to_string(), hint.map(words::not_found)),
        Status::Watching { flashes, waiting } => (words::watching(*flashes, *waiting), None),
        Status::Done(_) => (words::got_it().to_string(), None),
    }
}

/// Everything that holds the camera or the video, released together when dropped.
struct Session {
    stream: Option<MediaStream>,
    video: HtmlVideoElement,
    _url: Option<ObjectUrl>,
    _frames: FrameLoop,
    _watchdog: Interval,
    ended: Option<Closure<dyn FnMut()>>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(stream) = &self.stream {
            camera::stop(stream);
        } else {
            video_file::clear(&self.video);
        }
        if let Some(cb) = self.ended.take() {
            let _ = self.video.remove_event_listener_with_callback("ended", cb.as_ref().unchecked_ref());
        }
    }
}

/// The reading's signals and actions. Copy: hand it to any view or closure.
#[derive(Clone, Copy)]
pub struct LedReading {
    pub panel: RwSignal<Panel>,
    /// The progress line, each frame.
    pub shown: RwSignal<Shown>,
    /// The live chart's points (the last `CHART_SPAN_S` seconds).
    pub points: RwSignal<Vec<ChartPoint>>,
    inner: StoredValue<Inner, LocalStorage>,
}

#[derive(Clone)]
struct Inner {
    video_ref: NodeRef<leptos::html::Video>,
    on_done: Callback<LedEvidence>,
    reader: ReaderOptions,
    panel: RwSignal<Panel>,
    shown: RwSignal<Shown>,
    points: RwSignal<Vec<ChartPoint>>,
    pipe: Rc<RefCell<Pipeline>>,
    /// The LED reader's worker (started with the screen, ended with it).
    link: Rc<RefCell<Option<ReaderLink>>>,
    /// The current reading's number: reports of an earlier one are dropped.
    reading_no: Rc<Cell<u32>>,
    session: Rc<RefCell<Option<Session>>>,
    /// Bumped by every (re)start and by cleanup: a start still awaiting the camera, and timers
    /// still pending, give up when theirs is stale.
    generation: Rc<Cell<u32>>,
    /// The camera's track and what it can do (None for a video).
    track: Rc<RefCell<Option<(MediaStreamTrack, Capabilities)>>>,
    /// A reading that found no light in a video, kept for "the light was off: carry on".
    no_light: Rc<RefCell<Option<LedEvidence>>>,
    wake: Rc<RefCell<Option<WakeLock>>>,
    zoom_applying: Rc<Cell<bool>>,
    zoom_wanted: Rc<Cell<Option<f64>>>,
}

impl Inner {
    fn edit(&self, f: impl FnOnce(&mut Panel)) {
        self.panel.update(f);
    }

    /// A new reading from the next frame on: the worker starts over.
    fn new_reading(&self) {
        let n = self.reading_no.get().wrapping_add(1);
        self.reading_no.set(n);
        if let Some(link) = self.link.borrow().as_ref() {
            link.order(Order::Restart { reading: n, options: self.reader.clone() });
        }
    }

    /// A fresh reading on the same source (after a zoom: a new picture).
    fn restart_reading(&self, p: &mut Pipeline) {
        p.guide = Guide::default();
        p.bar = Bar::default();
        p.sizes.clear();
        p.wanted.clear();
        p.done = false;
        self.new_reading();
    }
}

pub fn use_led_reading(options: UseLedReadingOptions) -> LedReading {
    let UseLedReadingOptions { video, on_done, reader } = options;
    let panel = RwSignal::new(Panel::default());
    let shown = RwSignal::new(Shown::default());
    let points = RwSignal::new(Vec::<ChartPoint>::new());
    let inner = Inner {
        video_ref: video,
        on_done,
        reader,
        panel,
        shown,
        points,
        pipe: Rc::new(RefCell::new(Pipeline::new())),
        link: Rc::new(RefCell::new(None)),
        reading_no: Rc::new(Cell::new(0)),
        session: Rc::new(RefCell::new(None)),
        generation: Rc::new(Cell::new(0)),
        track: Rc::new(RefCell::new(None)),
        no_light: Rc::new(RefCell::new(None)),
        wake: Rc::new(RefCell::new(None)),
        zoom_applying: Rc::new(Cell::new(false)),
        zoom_wanted: Rc::new(Cell::new(None)),
    };
    let reading = LedReading { panel, shown, points, inner: StoredValue::new_local(inner) };

    // Pause while the page is hidden (the camera is freed, a video paused); when it is back,
    // the camera starts again (iOS may have ended its track meanwhile) or the video plays on.
    let page_back = move || {
        let Panel { state, source, .. } = reading.panel.get_untracked();
        if matches!(state, SourceState::Paused | SourceState::TrackEnded) {
            match source {
                Source::Camera => reading.start(),
                Source::Video => reading.resume_video(),
            }
        }
    };
    let on_visibility = Closure::<dyn FnMut()>::new(move || {
        if device::page_hidden() {
            reading.pause();
        } else {
            page_back();
        }
    });
    // A page restored from the back-forward cache shows a dead preview: start it again.
    let on_pageshow = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let persisted = js_sys::Reflect::get(&ev, &"persisted".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
        if persisted && reading.panel.with_untracked(|p| p.source == Source::Camera) {
            reading.start();
        }
    });
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    if let Some(d) = &document {
        let _ = d.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
    }
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("pageshow", on_pageshow.as_ref().unchecked_ref());
    }
    let listeners = StoredValue::new_local(Some((on_visibility, on_pageshow)));
    let stored = reading.inner;
    on_cleanup(move || {
        stored.try_with_value(|inner| {
            inner.generation.set(inner.generation.get().wrapping_add(1));
            inner.session.borrow_mut().take();
            inner.wake.borrow_mut().take();
            // Ends the worker (and the link's hold on this reading).
            inner.link.borrow_mut().take();
        });
        listeners.update_value(|l| {
            if let Some((vis, show)) = l.take() {
                if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                    let _ = d.remove_event_listener_with_callback("visibilitychange", vis.as_ref().unchecked_ref());
                }
                if let Some(w) = web_sys::window() {
                    let _ = w.remove_event_listener_with_callback("pageshow", show.as_ref().unchecked_ref());
                }
            }
        });
    });
    reading
}

impl LedReading {
    fn inner(&self) -> Option<Inner> {
        self.inner.try_get_value()
    }

    /// Starts the source the screen opens with: a video chosen on the model screen, else the
    /// camera.
    pub fn begin(&self) {
        match take_chosen() {
            Some(file) => self.use_video(file),
            None => self.start(),
        }
    }

    /// Starts the LED reader's worker, unless it runs (again, after it failed).
    fn ensure_link(&self, inner: &Inner) {
        if inner.link.borrow().as_ref().is_some_and(|l| !l.failed()) {
            return;
        }
        let reading = *self;
        match ReaderLink::start(move |r| reading.on_report(r), move |e| reading.reader_failed(e)) {
            Ok(link) => {
                link.order(Order::Restart { reading: inner.reading_no.get(), options: inner.reader.clone() });
                *inner.link.borrow_mut() = Some(link);
            }
            Err(e) => self.reader_failed(e),
        }
    }

    /// The worker could not start: the screen says so (the person can try again or answer
    /// questions).
    fn reader_failed(&self, _error: LinkError) {
        if let Some(inner) = self.inner() {
            inner.edit(|p| p.state = SourceState::ReaderFailed);
        }
    }

    /// The worker's report on one frame.
    fn on_report(&self, report: Report) {
        let Some(inner) = self.inner() else { return };
        if report.reading != inner.reading_no.get() {
            return;
        }
        let Ok(mut p) = inner.pipe.try_borrow_mut() else { return };
        if p.done {
            return;
        }
        let out = process(&mut p, report);
        // Released before the signals are set: what they trigger may act on the reading.
        drop(p);
        self.show(out);
    }

    /// Drops whatever is running and clears the reading; returns the new generation.
    fn reset(inner: &Inner, source: Source) -> u32 {
        let generation = inner.generation.get().wrapping_add(1);
        inner.generation.set(generation);
        inner.session.borrow_mut().take();
        inner.track.borrow_mut().take();
        inner.no_light.borrow_mut().take();
        if let Ok(mut p) = inner.pipe.try_borrow_mut() {
            *p = Pipeline::new();
        }
        inner.new_reading();
        inner.points.set(Vec::new());
        inner.shown.set(Shown::default());
        inner.panel.set(Panel { source, ..Panel::default() });
        generation
    }

    /// (Re)starts the camera and a fresh reading.
    pub fn start(&self) {
        let Some(inner) = self.inner() else { return };
        let generation = Self::reset(&inner, Source::Camera);
        self.ensure_link(&inner);
        let reading = *self;
        spawn(async move {
            let current = || inner.generation.get() == generation;
            let opened = match camera::open_rear_camera().await {
                Ok(o) => o,
                Err(e) => {
                    if current() {
                        inner.edit(|p| p.state = SourceState::Failed(e));
                    }
                    return;
                }
            };
            let stream = opened.stream;
            let Some(video) = inner.video_ref.get_untracked().filter(|_| current()) else {
                camera::stop(&stream);
                return;
            };
            let _ = video.remove_attribute("src");
            // Muted by the property: the markup's `muted` attribute sets only `defaultMuted` on
            // an element built from a template (Chromium and Firefox leave `muted` false), and
            // an iPhone plays a preview by itself only when it is muted and inline.
            video.set_muted(true);
            video.set_src_object(Some(&stream));
            if let Ok(p) = video.play() {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            }
            if !current() {
                camera::stop(&stream);
                return;
            }
            let _ = video.set_attribute("data-ask", opened.ask.id());
            if let Some(track) = camera::video_track(&stream) {
                let caps = Capabilities::of(&track);
                if let Some(off) = controls::torch_off(&caps) {
                    apply_later(track.clone(), off);
                }
                let settings = Settings::of(&track);
                let zoom = match caps.zoom {
                    Some(r) => Zoom { kind: ZoomKind::Track(r), value: r.fit(settings.zoom.unwrap_or(r.min)) },
                    None => digital_zoom(&video, &settings),
                };
                inner.edit(|p| p.zoom = Some(zoom));
                *inner.track.borrow_mut() = Some((track, caps));
            }
            reading.run(&inner, video, Some(stream), None);
            // Keep the screen on while reading; the request may never settle (e.g. an
            // unfocused page), so it must not hold up the reading.
            if inner.wake.borrow().is_none() {
                let wake = inner.wake.clone();
                spawn(async move {
                    let lock = WakeLock::acquire().await;
                    *wake.borrow_mut() = Some(lock);
                });
            }
        });
    }

    /// Reads a recorded video instead of the camera.
    pub fn use_video(&self, file: File) {
        let Some(inner) = self.inner() else { return };
        let generation = Self::reset(&inner, Source::Video);
        self.ensure_link(&inner);
        let reading = *self;
        spawn(async move {
            let Some(video) = inner.video_ref.get_untracked() else { return };
            video.set_src_object(None);
            let played = video_file::play(&video, &file).await;
            if inner.generation.get() != generation {
                return;
            }
            match played {
                Err(e) => {
                    video_file::clear(&video);
                    inner.edit(|p| p.state = SourceState::Video(VideoProblem::Unreadable(e)));
                }
                Ok((url, _loaded)) => {
                    let zoom = digital_zoom(&video, &Settings::default());
                    inner.edit(|p| p.zoom = Some(zoom));
                    reading.run(&inner, video, None, Some(url));
                }
            }
        });
    }

    /// The frame loop and the watchdog for a source that is playing.
    fn run(&self, inner: &Inner, video: HtmlVideoElement, stream: Option<MediaStream>, url: Option<ObjectUrl>) {
        let is_video = stream.is_none();
        let (vw, vh) = (video.video_width(), video.video_height());
        if vh > 0 {
            inner.edit(|p| p.aspect = vw as f64 / vh as f64);
        }
        let reading = *self;
        let pipe = inner.pipe.clone();
        let frames_video = video.clone();
        let frames = FrameLoop::start(video.clone(), move |t_ms| reading.on_frame(&pipe, &frames_video, t_ms));
        let clock = frames.clock().id();

        let pipe = inner.pipe.clone();
        // The trait's clone (a second handle), not MediaStream's own clone() (a second stream).
        let watch_stream: Option<MediaStream> = Clone::clone(&stream);
        let watch_video = video.clone();
        let inner_w = inner.clone();
        let mut fast_checked = false;
        let mut rate = 1.0;
        let watchdog = Interval::new(1000, move || {
            if let Some(s) = &watch_stream {
                if !camera::is_live(s) {
                    inner_w.edit(|p| p.state = SourceState::TrackEnded);
                    return;
                }
            }
            let Ok(mut p) = pipe.try_borrow_mut() else { return };
            let interval = p.median_interval_ms();
            let fps = if interval.is_finite() { 1000.0 / interval } else { 0.0 };
            if p.times.len() >= FPS_FRAMES / 2 {
                let low = (fps < MIN_FPS).then_some(fps);
                if inner_w.panel.with_untracked(|p| p.low_fps != low) {
                    inner_w.edit(|p| p.low_fps = low);
                }
            }
            if is_video {
                // Faster than real time while every frame is still shown; back to real time
                // for good once frames are skipped.
                if !fast_checked && p.times.len() >= 10 {
                    fast_checked = true;
                    rate = video_file::rate_for(interval, false);
                    watch_video.set_playback_rate(rate);
                } else if rate > 1.0 && p.skipped_recently > SKIPS_ALLOWED {
                    rate = 1.0;
                    watch_video.set_playback_rate(rate);
                }
            }
            p.skipped_recently = 0;
            let g = p.readback.geometry();
            let read = g.map(|g| (g.camera_w, g.camera_h)).unwrap_or_default();
            // Figures for the tests, on the video element (no signal: nothing on the screen
            // shows them).
            let read_interval = median_interval_ms(&p.read);
            let read_fps = if read_interval.is_finite() { 1000.0 / read_interval } else { 0.0 };
            let figures: [(&str, String); 11] = [
                ("data-readback", readback::METHOD.into()),
                ("data-clock", clock.into()),
                ("data-read", format!("{}x{}", read.0, read.1)),
                ("data-fps", words::fixed(fps, 1)),
                ("data-rate", words::num(rate)),
                ("data-frames", p.frames.to_string()),
                ("data-skipped", p.skipped.to_string()),
                ("data-busy", p.busy.to_string()),
                ("data-worker-ms", words::fixed(p.worker_ms, 1)),
                ("data-grab-ms", words::fixed(p.grab_ms, 1)),
                ("data-read-fps", words::fixed(read_fps, 1)),
            ];
            for (k, v) in figures {
                let _ = watch_video.set_attribute(k, &v);
            }
        });

        let ended = is_video.then(|| {
            let inner_e = inner.clone();
            let cb = Closure::<dyn FnMut()>::new(move || {
                let inner_t = inner_e.clone();
                Timeout::new(ENDED_GRACE_MS, move || {
                    let done = inner_t.pipe.try_borrow().map(|p| p.done).unwrap_or(true);
                    if !done && inner_t.no_light.borrow().is_none() {
                        inner_t.edit(|p| p.state = SourceState::Video(VideoProblem::Ended));
                    }
                })
                .forget();
            });
            let _ = video.add_event_listener_with_callback("ended", cb.as_ref().unchecked_ref());
            cb
        });
        *inner.session.borrow_mut() = Some(Session { stream, video, _url: url, _frames: frames, _watchdog: watchdog, ended });
        // A reader that failed while the source was starting keeps the screen's word.
        let failed = inner.link.borrow().as_ref().is_none_or(|l| l.failed());
        inner.edit(|p| p.state = if failed { SourceState::ReaderFailed } else { SourceState::Live });
    }

    /// One new frame: its pixels read back, the reader, the picture measures, guidance.
    fn on_frame(&self, pipe: &Rc<RefCell<Pipeline>>, video: &HtmlVideoElement, t_ms: f64) {
        let Ok(mut p) = pipe.try_borrow_mut() else { return };
        p.frames += 1;
        let interval = p.median_interval_ms();
        if let Some(last) = p.times.back().copied() {
            if interval.is_finite() && t_ms - last > SKIP_GAP * interval {
                p.skipped += 1;
                p.skipped_recently += 1;
            }
        }
        push_capped(&mut p.times, t_ms, FPS_FRAMES + 1);
        if p.done {
            return;
        }
        let Some(inner) = self.inner() else { return };
        let link = inner.link.borrow();
        // A busy worker (or one still starting) skips this frame: the next comes.
        let Some(link) = link.as_ref().filter(|l| !l.busy()) else {
            // Not read: for a recorded video, as good as skipped (it goes back to real time).
            p.busy += 1;
            p.skipped_recently += 1;
            return;
        };
        let (vw, vh) = (video.video_width(), video.video_height());
        let crop = if p.digital_zoom > 1.0 { Crop::centred(vw, vh, p.digital_zoom) } else { Crop::whole(vw, vh) };
        p.crop = crop;
        p.camera = (vw, vh);
        // A frame the browser cannot give (none yet, a lost canvas) is skipped; the next comes.
        let started = now_ms();
        let Pipeline { readback, wanted, .. } = &mut *p;
        let Ok(grab) = readback.grab(video, crop, wanted) else { return };
        let _ = link.frame(inner.reading_no.get(), t_ms, grab);
        p.grab_ms = now_ms() - started;
    }

    /// Carries one frame's reading to the signals.
    fn show(&self, out: FrameOut) {
        let Some(inner) = self.inner() else { return };
        let FrameOut { progress: Progress { status, level, lit, colour, led_at, elapsed_s }, advice, bar } = out;
        if let Some(level) = level {
            inner.points.update(|v| {
                v.push(ChartPoint { t_s: elapsed_s, level, lit, colour });
                let cutoff = elapsed_s - CHART_SPAN_S;
                let keep_from = v.iter().position(|p| p.t_s >= cutoff).unwrap_or(0);
                v.drain(..keep_from);
            });
        }
        let (headline, hint) = headline(&status);
        inner.shown.set(Shown { headline, advice, hint, led_at, bar: bar.0, left_s: bar.1 });
        match status {
            Status::Watching { .. } => self.lower_exposure_once(&inner),
            Status::Done(evidence) => {
                if inner.panel.with_untracked(|p| p.source == Source::Video) && evidence.pattern == PatternKind::None {
                    *inner.no_light.borrow_mut() = Some(evidence);
                    inner.edit(|p| p.state = SourceState::Video(VideoProblem::NoLight));
                } else {
                    finish_later(inner.on_done, evidence);
                }
            }
            Status::Searching { .. } => {}
        }
    }

    /// Once the light is found, the exposure goes down a stop where the camera allows (a
    /// bright LED's core clips to white otherwise); the screen says so.
    fn lower_exposure_once(&self, inner: &Inner) {
        if inner.panel.with_untracked(|p| p.exposure_lowered) {
            return;
        }
        let Some((track, caps)) = inner.track.borrow().clone() else { return };
        let Some(change) = controls::lower_exposure(&caps, &Settings::of(&track)) else { return };
        inner.edit(|p| p.exposure_lowered = true);
        apply_later(track, change);
    }

    /// Stops and releases the camera or the video.
    pub fn stop(&self) {
        if let Some(inner) = self.inner() {
            inner.generation.set(inner.generation.get().wrapping_add(1));
            inner.session.borrow_mut().take();
        }
    }

    fn pause(&self) {
        let Some(inner) = self.inner() else { return };
        match inner.panel.with_untracked(|p| p.source) {
            Source::Camera => {
                inner.generation.set(inner.generation.get().wrapping_add(1));
                inner.session.borrow_mut().take();
                // The browser released the wake lock with the page; ask again on return.
                inner.wake.borrow_mut().take();
            }
            Source::Video => {
                if let Some(v) = inner.video_ref.get_untracked() {
                    let _ = v.pause();
                }
            }
        }
        if inner.panel.with_untracked(|p| p.state == SourceState::Live) {
            inner.edit(|p| p.state = SourceState::Paused);
        }
    }

    fn resume_video(&self) {
        let Some(inner) = self.inner() else { return };
        if let Some(v) = inner.video_ref.get_untracked() {
            let _ = v.play();
        }
        inner.edit(|p| p.state = SourceState::Live);
    }

    /// The person tapped the picture at (x, y), fractions of the preview (which shows what is
    /// read): the reader reads that place, and the camera focuses there where it can.
    pub fn pin(&self, x: f32, y: f32) {
        let Some(inner) = self.inner() else { return };
        let (crop, camera) = match inner.pipe.try_borrow_mut() {
            Ok(p) => (p.crop, p.camera),
            Err(_) => return,
        };
        if let Some(link) = inner.link.borrow().as_ref() {
            link.order(Order::Pin { x, y });
        }
        let Some((track, caps)) = inner.track.borrow().clone() else { return };
        let (fx, fy) = crop.to_frame(x as f64, y as f64, camera.0, camera.1);
        if let Some(change) = controls::focus_at(&caps, fx, fy) {
            apply_later(track, change);
        }
    }

    /// Sets the zoom (the track's value, or the digital factor). A new zoom is a new picture:
    /// the reading starts again.
    pub fn set_zoom(&self, value: f64) {
        let Some(inner) = self.inner() else { return };
        let Some(z) = inner.panel.with_untracked(|p| p.zoom) else { return };
        let value = z.range().fit(value);
        if value == z.value {
            return;
        }
        inner.edit(|p| p.zoom = Some(Zoom { value, ..z }));
        match z.kind {
            ZoomKind::Digital { .. } => {
                if let Ok(mut p) = inner.pipe.try_borrow_mut() {
                    p.digital_zoom = value;
                    inner.restart_reading(&mut p);
                }
                inner.points.set(Vec::new());
            }
            ZoomKind::Track(_) => {
                // The latest value wins; one applyConstraints at a time.
                inner.zoom_wanted.set(Some(value));
                if !inner.zoom_applying.get() {
                    apply_track_zoom(inner);
                }
            }
        }
    }

    /// A zoom button: one step in (+1) or out (-1).
    pub fn zoom_step(&self, dir: f64) {
        if let Some(z) = self.panel.with_untracked(|p| p.zoom) {
            self.set_zoom(z.stepped(dir));
        }
    }

    /// A pinch changed the fingers' distance by `ratio`.
    pub fn pinch(&self, ratio: f64) {
        if let Some(z) = self.panel.with_untracked(|p| p.zoom) {
            self.set_zoom(z.pinched(ratio));
        }
    }

    /// After "no light in this video": the person says the light was off; that is the reading.
    pub fn accept_no_light(&self) {
        let Some(inner) = self.inner() else { return };
        let taken = inner.no_light.borrow_mut().take();
        if let Some(e) = taken {
            finish_later(inner.on_done, e);
        }
    }
}

fn apply_track_zoom(inner: Inner) {
    let Some(value) = inner.zoom_wanted.take() else { return };
    let Some((track, caps)) = inner.track.borrow().clone() else { return };
    let Some(change) = controls::zoom_to(&caps, value) else { return };
    inner.zoom_applying.set(true);
    spawn(async move {
        let _ = controls::apply(&track, &change).await;
        inner.zoom_applying.set(false);
        if let Ok(mut p) = inner.pipe.try_borrow_mut() {
            inner.restart_reading(&mut p);
        }
        inner.points.set(Vec::new());
        apply_track_zoom(inner);
    });
}

/// The digital zoom for a video of this size (the track's settings when the element has none
/// yet).
fn digital_zoom(video: &HtmlVideoElement, settings: &Settings) -> Zoom {
    let (w, h) = match (video.video_width(), video.video_height()) {
        (0, _) | (_, 0) => (settings.width, settings.height),
        wh => wh,
    };
    Zoom { kind: ZoomKind::Digital { max: Crop::max_zoom(w, h) }, value: 1.0 }
}
