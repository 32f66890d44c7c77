//! Reads a recorded video with the app's LED reader (the same code the browser runs) and prints
//! its trace and verdict, so a video a user recorded can be judged on a laptop.
//!
//!     cargo run --release --example read_video -- FILE [--model ID] [--every N] [--quiet]
//!
//! FILE is a YUV4MPEG2 file (4:2:0: C420jpeg, C420mpeg2, C420paldv or C420; its F header gives the
//! frame times) or anything ffmpeg decodes (mp4, webm, mov...), whose real per-frame timestamps
//! are taken from ffmpeg's showinfo filter, so variable-frame-rate phone videos keep their timing.
//! Frames go to the reader at the video's full resolution.
//! `--model ID` reads as the app does once that model is chosen (`Kb::reader_options`: the colours
//! that may lead into a burst on it); without it, the reader's defaults.
//! `--every N` prints the live level every N frames (default 10; 1 for every frame);
//! `--quiet` prints only status changes and the verdict.
//! `--start S` begins S seconds into the video and loops it (up to 3 times), as Chromium's fake
//! camera does with a file: the page starts reading wherever the loop happens to be.
//! `--fps F` passes on at most F frames a second (the others are left out, as a busy page
//! leaves out the frames it has no time for).
use blink_doctor::words;
use blink_doctor::signal::{Frame, LedReader, Progress, ReaderOptions, Status};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

/// One decoded frame: RGBA and its time in milliseconds.
struct Decoded {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
    t_ms: f64,
}

/// A source of frames, in order.
trait Source {
    /// The next frame, `Ok(None)` at the end.
    fn next_frame(&mut self) -> Result<Option<Decoded>, String>;
}

// ---------------------------------------------------------------------------------------------
// YUV4MPEG2

struct Y4m {
    input: BufReader<File>,
    width: usize,
    height: usize,
    /// Milliseconds per frame.
    period_ms: f64,
    full_range: bool,
    index: usize,
    planes: Vec<u8>,
}

fn open_y4m(path: &Path) -> Result<Y4m, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut input = BufReader::new(file);
    let mut header = Vec::new();
    input.read_until(b'\n', &mut header).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let header = String::from_utf8_lossy(&header).trim_end().to_string();
    let mut tokens = header.split(' ');
    if tokens.next() != Some("YUV4MPEG2") {
        return Err(format!("{} is not a YUV4MPEG2 file (no YUV4MPEG2 signature)", path.display()));
    }
    let (mut width, mut height, mut fps, mut colour, mut full_range) = (0usize, 0usize, (30u64, 1u64), "420".to_string(), true);
    for t in tokens {
        let (tag, value) = t.split_at(1.min(t.len()));
        match tag {
            "W" => width = value.parse().map_err(|_| format!("bad width in y4m header: {t}"))?,
            "H" => height = value.parse().map_err(|_| format!("bad height in y4m header: {t}"))?,
            "F" => {
                let (n, d) = value.split_once(':').ok_or_else(|| format!("bad frame rate in y4m header: {t}"))?;
                fps = (n.parse().map_err(|_| format!("bad frame rate: {t}"))?, d.parse().map_err(|_| format!("bad frame rate: {t}"))?);
            }
            "C" => colour = value.to_string(),
            // ffmpeg's extension for the colour range; without it the project's own files are full range.
            "X" if value == "COLORRANGE=LIMITED" => full_range = false,
            _ => {}
        }
    }
    if width == 0 || height == 0 {
        return Err("y4m header lacks W or H".into());
    }
    if !matches!(colour.as_str(), "420jpeg" | "420mpeg2" | "420paldv" | "420") {
        return Err(format!("y4m colour space C{colour} is not supported (only 4:2:0: C420jpeg, C420mpeg2, C420paldv, C420)"));
    }
    if fps.0 == 0 || fps.1 == 0 {
        return Err("y4m frame rate is zero".into());
    }
    let period_ms = 1000.0 * fps.1 as f64 / fps.0 as f64;
    Ok(Y4m { input, width, height, period_ms, full_range, index: 0, planes: Vec::new() })
}

impl Source for Y4m {
    fn next_frame(&mut self) -> Result<Option<Decoded>, String> {
        let mut line = Vec::new();
        let n = self.input.read_until(b'\n', &mut line).map_err(|e| format!("read error: {e}"))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.starts_with(b"FRAME") {
            return Err(format!("frame {}: expected FRAME, found {:?}", self.index, String::from_utf8_lossy(&line[..line.len().min(20)])));
        }
        let (w, h) = (self.width, self.height);
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        self.planes.resize(w * h + 2 * cw * ch, 0);
        match self.input.read_exact(&mut self.planes) {
            Ok(()) => {}
            // A truncated last frame ends the video.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(format!("read error in frame {}: {e}", self.index)),
        }
        let (y, rest) = self.planes.split_at(w * h);
        let (u, v) = rest.split_at(cw * ch);
        let mut rgba = vec![255u8; w * h * 4];
        for row in 0..h {
            for col in 0..w {
                let c = (row / 2) * cw + col / 2;
                let px = yuv_to_rgb(y[row * w + col], u[c], v[c], self.full_range);
                rgba[(row * w + col) * 4..(row * w + col) * 4 + 3].copy_from_slice(&px);
            }
        }
        let t_ms = self.index as f64 * self.period_ms;
        self.index += 1;
        Ok(Some(Decoded { width: w, height: h, rgba, t_ms }))
    }
}

/// BT.601 YCbCr to RGB, full range or limited (16-235 luma, 16-240 chroma).
fn yuv_to_rgb(y: u8, cb: u8, cr: u8, full_range: bool) -> [u8; 3] {
    let (y, cb, cr) = if full_range {
        (y as f32, cb as f32 - 128.0, cr as f32 - 128.0)
    } else {
        ((y as f32 - 16.0) * 255.0 / 219.0, (cb as f32 - 128.0) * 255.0 / 224.0, (cr as f32 - 128.0) * 255.0 / 224.0)
    };
    let c = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    [c(y + 1.402 * cr), c(y - 0.344_136 * cb - 0.714_136 * cr), c(y + 1.772 * cb)]
}

// ---------------------------------------------------------------------------------------------
// Anything else, through ffmpeg

struct Ffmpeg {
    child: Child,
    stdout: BufReader<std::process::ChildStdout>,
    /// Each frame's (pts seconds, width, height) from showinfo, in order.
    info: mpsc::Receiver<(f64, usize, usize)>,
    /// The tail of ffmpeg's other messages, for errors.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    first_pts: Option<f64>,
}

fn open_ffmpeg(path: &Path) -> Result<Ffmpeg, String> {
    let mut child = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostdin", "-loglevel", "info", "-i"])
        .arg(path)
        // Every decoded frame once, at its own time (phones record at a variable frame rate).
        .args(["-map", "0:v:0", "-fps_mode", "passthrough", "-vf", "showinfo", "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                "ffmpeg is not installed (needed for mp4/webm/mov; `bash tools/setup.sh` installs it, or convert to .y4m)".to_string()
            } else {
                format!("cannot start ffmpeg: {e}")
            }
        })?;
    let stdout = BufReader::new(child.stdout.take().ok_or("ffmpeg gave no output pipe")?);
    let stderr = child.stderr.take().ok_or("ffmpeg gave no error pipe")?;
    let (tx, info) = mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log_w = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("Parsed_showinfo") && line.contains(" n:") {
                if let Some(frame) = parse_showinfo(&line) {
                    if tx.send(frame).is_err() {
                        break;
                    }
                }
            } else if let Ok(mut l) = log_w.lock() {
                l.push(line);
                let excess = l.len().saturating_sub(12);
                l.drain(..excess);
            }
        }
    });
    Ok(Ffmpeg { child, stdout, info, log, first_pts: None })
}

/// (pts_time, width, height) from a showinfo line such as
/// `[Parsed_showinfo_0 @ 0x..] n:   3 pts:  3003 pts_time:0.1001 ... s:1280x720 ...`.
fn parse_showinfo(line: &str) -> Option<(f64, usize, usize)> {
    let pts = line.split("pts_time:").nth(1)?.split_whitespace().next()?.parse().ok()?;
    let size = line.split(" s:").nth(1)?.split_whitespace().next()?;
    let (w, h) = size.split_once('x')?;
    Some((pts, w.parse().ok()?, h.parse().ok()?))
}

impl Source for Ffmpeg {
    fn next_frame(&mut self) -> Result<Option<Decoded>, String> {
        let Ok((pts, w, h)) = self.info.recv() else {
            let status = self.child.wait().map_err(|e| format!("ffmpeg: {e}"))?;
            if status.success() {
                return Ok(None);
            }
            let log = self.log.lock().map(|l| l.join("\n")).unwrap_or_default();
            return Err(format!("ffmpeg failed ({status}):\n{log}"));
        };
        let mut rgba = vec![0u8; w * h * 4];
        self.stdout.read_exact(&mut rgba).map_err(|e| format!("ffmpeg's output ended inside a frame: {e}"))?;
        let first = *self.first_pts.get_or_insert(pts);
        Ok(Some(Decoded { width: w, height: h, rgba, t_ms: (pts - first) * 1000.0 }))
    }
}

impl Drop for Ffmpeg {
    fn drop(&mut self) {
        // The reading may finish before the video does.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// A loop started part-way, as a fake camera plays a file

/// Plays the frames from `start_ms` on, then the whole video again, `loops` times over, with
/// times that keep running (one frame period between the last frame and the first).
struct Looped {
    frames: Vec<Decoded>,
    /// Length of one pass: the last frame's time plus one frame period.
    pass_ms: f64,
    /// Index of the next frame and the pass it belongs to.
    next: usize,
    pass: usize,
    loops: usize,
    start_ms: f64,
}

fn looped(mut inner: Box<dyn Source>, start_s: f64, loops: usize) -> Result<Looped, String> {
    let mut frames = Vec::new();
    while let Some(f) = inner.next_frame()? {
        frames.push(f);
    }
    let last = frames.last().map(|f| f.t_ms).ok_or("the video has no frames")?;
    let period = if frames.len() > 1 { last / (frames.len() - 1) as f64 } else { 33.3 };
    let pass_ms = last + period;
    let start_ms = (start_s * 1000.0).rem_euclid(pass_ms);
    let next = frames.iter().position(|f| f.t_ms >= start_ms).unwrap_or(0);
    Ok(Looped { frames, pass_ms, next, pass: 0, loops, start_ms })
}

impl Source for Looped {
    fn next_frame(&mut self) -> Result<Option<Decoded>, String> {
        if self.next >= self.frames.len() {
            self.next = 0;
            self.pass += 1;
        }
        if self.pass >= self.loops {
            return Ok(None);
        }
        let f = &self.frames[self.next];
        self.next += 1;
        let t_ms = f.t_ms + self.pass as f64 * self.pass_ms - self.start_ms;
        Ok(Some(Decoded { width: f.width, height: f.height, rgba: f.rgba.clone(), t_ms }))
    }
}

// ---------------------------------------------------------------------------------------------

fn is_y4m(path: &Path) -> bool {
    let mut sig = [0u8; 9];
    File::open(path).and_then(|mut f| f.read_exact(&mut sig)).is_ok() && &sig == b"YUV4MPEG2"
}

fn status_line(s: &Status) -> String {
    match s {
        Status::Searching { hint: Some(h) } => format!("searching ({})", h.id()),
        Status::Searching { hint: None } => "searching".into(),
        Status::Watching { flashes, waiting } => format!("watching ({flashes} flashes, waiting for {waiting:?})"),
        Status::Done(_) => "done".into(),
    }
}

fn trace(i: usize, t_ms: f64, p: &Progress, w: usize, h: usize) -> String {
    let at = p.led_at.map(|(x, y)| format!("at ({:.0}, {:.0}) px", x * w as f32, y * h as f32)).unwrap_or_else(|| "not located".into());
    let level = p.level.map(|l| format!("{l:.2}")).unwrap_or_else(|| "-".into());
    let colour = p.colour.map(|c| c.id()).unwrap_or("-");
    format!("{i:5} {:8.3} s  level {level:>4}  {}  {colour:<5}  {at}", t_ms / 1000.0, if p.lit { "lit" } else { "   " })
}

fn run(path: &Path, options: ReaderOptions, every: usize, quiet: bool, start_s: Option<f64>, max_fps: Option<f64>) -> Result<(), String> {
    if !path.exists() {
        return Err(format!("{} does not exist", path.display()));
    }
    let mut source: Box<dyn Source> = if is_y4m(path) { Box::new(open_y4m(path)?) } else { Box::new(open_ffmpeg(path)?) };
    if let Some(s) = start_s {
        source = Box::new(looped(source, s, LOOPS)?);
    }
    let mut reader = LedReader::with_options(options);
    let mut last_status = String::new();
    let (mut i, mut last_t, mut size) = (0usize, 0.0, (0, 0));
    let mut last_kept: Option<f64> = None;
    while let Some(f) = source.next_frame()? {
        if let Some(fps) = max_fps {
            // Within a tenth of a frame of the spacing counts as on time (frame times jitter).
            if last_kept.is_some_and(|k| f.t_ms - k < 900.0 / fps) {
                continue;
            }
            last_kept = Some(f.t_ms);
        }
        if size != (f.width, f.height) {
            println!("frames {}x{}", f.width, f.height);
            size = (f.width, f.height);
        }
        let frame = Frame::new(f.width, f.height, &f.rgba, f.t_ms).ok_or_else(|| format!("frame {i} is malformed ({}x{}, t {} ms)", f.width, f.height, f.t_ms))?;
        let p = reader.push(&frame);
        if std::env::var("LIGHTS").is_ok() {
            // The watched lights in the reader's own words (debugging the reader itself).
            println!("      {} | {}", reader.describe_lights(), reader.describe_candidates());
        }
        let status = status_line(&p.status);
        if status != last_status {
            println!("{}  -> {status}", trace(i, f.t_ms, &p, f.width, f.height));
            last_status = status;
        } else if !quiet && i % every.max(1) == 0 {
            println!("{}", trace(i, f.t_ms, &p, f.width, f.height));
        }
        if let Status::Done(e) = p.status {
            println!("\nverdict after {:.2} s of video ({} frames): {}", f.t_ms / 1000.0, i + 1, words::reading(&e));
            println!("  pattern {:?}, colour {:?}, flashes {}, preceded by {:?}, period {:?} s, duty {:?}", e.pattern, e.colour, e.flash_count, e.preceded_by, e.period_s, e.duty);
            for o in &e.also {
                println!("  also: {:?} {:?} (period {:?} s)", o.pattern, o.colour, o.period_s);
            }
            println!("  watched {:.1} s, confidence {:.2}", e.observed_s, e.confidence);
            return Ok(());
        }
        last_t = f.t_ms;
        i += 1;
    }
    println!("\nno verdict: the video ended after {:.2} s ({i} frames) while {last_status}", last_t / 1000.0);
    Ok(())
}

/// Passes of a looped video (`--start`): enough for any pattern to show whole after a bad start.
const LOOPS: usize = 3;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut file, mut every, mut quiet, mut options, mut start, mut fps) = (None, 10usize, false, ReaderOptions::default(), None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => {
                let kb = blink_doctor::kb::Kb::builtin();
                match args.next().filter(|id| kb.model(id).is_some()) {
                    Some(id) => options = kb.reader_options(&id),
                    None => usage(&format!("--model needs one of: {}", kb.models.iter().map(|m| m.id.as_str()).collect::<Vec<_>>().join(", "))),
                }
            }
            "--every" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => every = n,
                _ => usage("--every needs a number above 0"),
            },
            "--quiet" => quiet = true,
            "--fps" => match args.next().and_then(|v| v.parse::<f64>().ok()) {
                Some(f) if f > 0.0 => fps = Some(f),
                _ => usage("--fps needs a frame rate above 0"),
            },
            "--start" => match args.next().and_then(|v| v.parse::<f64>().ok()) {
                Some(s) if s >= 0.0 => start = Some(s),
                _ => usage("--start needs a time in seconds, 0 or more"),
            },
            "-h" | "--help" => usage(""),
            f if !f.starts_with("--") && file.is_none() => file = Some(f.to_string()),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let Some(file) = file else { usage("no video file given") };
    if let Err(e) = run(Path::new(&file), options, every, quiet, start, fps) {
        eprintln!("read_video: {e}");
        std::process::exit(1);
    }
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("read_video: {problem}");
    }
    eprintln!("usage: read_video FILE [--model ID] [--every N] [--quiet] [--start S] [--fps F]   (FILE: .y4m, or mp4/webm/mov/... through ffmpeg)");
    std::process::exit(2);
}
