//! Every text the screens show that is not knowledge-base data, in one place: the core returns
//! meaning (screens, evidence kinds and directions, plan notes, timer phases) and this module
//! puts it into English. A translation replaces this module.
use crate::diagnose::{Certainty, Direction, Evidence, Fit, Leads, MoveReason, Notice, PlanNote, Shown, TimerPhase};
use crate::kb::{Cause, Kb, Model, Power, Signature, Timer, TimerKind};
use crate::led::{LedColour, LedEvidence, PatternKind};
use crate::signal::{NotFound, Waiting};

// --- Numbers ---

/// `x` with `decimals` digits after the point ("2.0", "15", "0.350"), halves rounded to even as
/// Rust's `{:.N}` does (1.25 -> "1.2"; a decimal like 0.35, a little under half in binary, may
/// differ from it in the last digit). The app's only float formatting: Rust's `{:.N}` and `{}` for floats pull about 7 KB
/// (gzip) of formatting code into the wasm, this needs integer formatting only.
pub fn fixed(x: f64, decimals: u32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let scale = 10u64.pow(decimals.min(9));
    // Saturates for numbers past 1.8e19 / scale: none of the app's numbers come near.
    let n = (x.abs() * scale as f64).round_ties_even() as u64;
    let mut out = String::new();
    if x < 0.0 && n != 0 {
        out.push('-');
    }
    out.push_str(&(n / scale).to_string());
    if decimals > 0 {
        let frac = (n % scale).to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', decimals.min(9) as usize - frac.len()));
        out.push_str(&frac);
    }
    out
}

/// `x` with at most four decimals and no trailing zeros ("1", "0.1", "1.25"): attribute values.
pub fn num(x: f64) -> String {
    let s = fixed(x, 4);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

// --- App chrome ---
pub const APP_NAME: &str = "Blink Doctor";
pub const SKIP_TO_CONTENT: &str = "Skip to content";
pub const NO_CAMERA_LINK: &str = "No camera? Answer questions";
pub const DISCLAIMER: &str = "Independent tool. Not made by, endorsed by or affiliated with Blink or Amazon. Nothing the camera sees leaves your phone.";
pub const UPDATE_READY: &str = "A new version is ready. ";
pub const RELOAD: &str = "Reload";

// --- Home ---
pub const HOME_TITLE: &str = "Why is my Blink flashing?";
pub const HOME_LEAD: &str = "Point your phone at the camera's light. Blink Doctor reads the pattern, tells you what it means and walks you through the fix.";
pub const PICK_MODEL: &str = "Pick your model";
pub const WHICH_ONE: &str = "Which one do I have?";

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::UnknownModel(id) => format!("“{id}” is not a model Blink Doctor knows. Pick yours below."),
        Notice::PickModelFirst => "The questions depend on the device: pick your model first, and the questions follow.".into(),
    }
}

/// "Blink Outdoor, Blink Indoor, Blink XT and Blink XT2 are handled the same way here…"
pub fn handled_alike(names: &[&str]) -> String {
    let list = match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("{list} are handled the same way here (same light, reset button and fixes): if you are not sure which of these you have, pick any of them.")
}

// --- Model ---
pub const FACT_LIGHT: &str = "Light";
pub const FACT_RESET: &str = "Reset button";
pub const FACT_POWER: &str = "Power";
pub const FACT_LOOKS: &str = "Looks like";
pub const READ_WITH_CAMERA: &str = "Read the light with the camera";
pub const QUESTIONS_INSTEAD_BUTTON: &str = "No camera: answer a few questions";
pub const OTHER_MODEL: &str = "Choose another model";

pub fn power(m: &Model) -> String {
    match (m.power, &m.batteries) {
        (Power::Usb, _) => "USB cable (no batteries)".into(),
        (Power::Batteries, Some(b)) => format!("Batteries: {b}"),
        (Power::Batteries, None) => "Batteries".into(),
    }
}

pub fn drawing_label(name: &str) -> String {
    format!("Drawing of the {name}: the light is the red dot, the reset button the dashed ring")
}

// --- Reading ---
pub fn reading_title(model: &str) -> String {
    format!("Reading the light of your {model}")
}
pub const READING_HINT: &str = "Hold the phone 20–50 cm away with the light inside the circle. Tap the light if it is not found.";
pub const VIDEO_READING_HINT: &str = "Reading the light in your video. If the light is not found, tap it in the picture.";
pub const CAMERA_PREVIEW: &str = "Camera preview";
pub const CAMERA_STARTING: &str = "Starting the camera…";
pub const CAMERA_PAUSED: &str = "Paused while the page was hidden. It resumes when you come back.";
pub const CAMERA_STOPPED: &str = "The camera stopped (another app may have taken it).";
pub const RESTART_CAMERA: &str = "Restart the camera";
/// The LED reader's worker did not start (its module could not be loaded).
pub const READER_FAILED: &str = "The light reader did not start. Try again, or answer a few questions instead.";
pub const TRY_AGAIN: &str = "Try again";
pub const QUESTIONS_INSTEAD: &str = "Answer questions instead";
pub const SKIP_CAMERA: &str = "Skip the camera: answer questions";
pub const READING_PROGRESS: &str = "Reading progress";
pub const LIGHT_LEVEL: &str = "Light level: ";
pub const LIGHT_LEVEL_OF: &str = " of the brightest seen";
pub const LOOKING: &str = "Looking for the light…";
pub const GOT_IT: &str = "Got it";
pub const CHART_LABEL: &str = "Brightness of the light over the last 10 seconds";
pub const CHART_CAPTION: &str = "The line is the light's brightness over the last 10 seconds: bottom is the darkest it has been, top the brightest. Shaded where it was lit, in its colour. The light level is where it is now on that scale.";

// Camera errors (glue::camera::CameraError).
pub const CAMERA_INSECURE: &str = "The camera only works on a secure page. Open Blink Doctor over https:// (or on localhost).";
pub const CAMERA_UNSUPPORTED: &str = "This browser cannot use the camera. Try a current Chrome or Safari.";
pub const CAMERA_DENIED: &str = "Camera access was refused. Allow the camera for this site in the browser's settings, then try again.";
pub const CAMERA_NOT_FOUND: &str = "No camera was found on this device.";
pub const CAMERA_IN_USE: &str = "The camera is busy in another app or tab. Close it there, then try again.";
pub const CAMERA_OVERCONSTRAINED: &str = "The camera cannot provide a usable picture.";
pub fn camera_other(detail: &str) -> String {
    format!("The camera could not start ({detail}).")
}

// Zoom, exposure, progress.
pub const ZOOM: &str = "Zoom";
pub const ZOOM_IN: &str = "Zoom in";
pub const ZOOM_OUT: &str = "Zoom out";
/// The zoom as said beside the slider: "2.0×".
pub fn zoom_factor(z: f64) -> String {
    format!("{}×", fixed(z, 1))
}
pub const EXPOSURE_LOWERED: &str = "Light found: the camera's exposure was lowered so the light does not wash out to white.";
pub fn time_left(secs: u32) -> String {
    match secs {
        0 => "Done".into(),
        1 => "About 1 second left".into(),
        n => format!("About {n} seconds left"),
    }
}

// Guidance while reading (glue::guide::Advice).
pub const ADVICE_TOO_DARK: &str = "The picture is too dark. Add some light to the room (not pointed at the camera), or move closer.";
pub const ADVICE_TOO_BRIGHT: &str = "The picture is too bright. Avoid pointing at a window or a lamp; tilt the phone to cut the glare.";
pub const ADVICE_HOLD_STEADIER: &str = "The picture is shaking. Hold the phone with both hands, or rest it on something.";
pub const ADVICE_NOT_FOUND: &str = "No light found yet. Move closer or zoom in, keep the Blink's light in the circle, or tap the light.";
pub const ADVICE_TINY: &str = "The light is only a dot in the picture. Zoom in or move closer for a surer reading.";

// A recorded video instead of the live camera.
pub const VIDEO_INSTEAD: &str = "Use a video instead";
pub const VIDEO_TIP: &str = "Can't hold the phone there? Record the light with your phone's own camera app: zoom in until the light is big, hold still for 15 seconds, then choose the video here. It stays on your phone.";
pub const VIDEO_OPENING: &str = "Opening the video…";
pub const VIDEO_PREVIEW: &str = "The chosen video";
pub const VIDEO_UNDECODABLE: &str = "This browser cannot play that file. Choose a video recorded with the phone's camera app (MP4, MOV or WebM), or try another browser.";
pub fn video_too_short(secs: f64) -> String {
    format!("That video is only {} seconds long. Record at least 15 seconds of the light.", fixed(secs, 0))
}
pub const VIDEO_ENDED: &str = "The video ended before the light's pattern was clear. Record 15 seconds or more, with the light held still in the middle.";
pub const VIDEO_NO_LIGHT: &str = "No status light was found in this video. If the light really was off, carry on; otherwise record again closer, with the light in the middle.";
pub const VIDEO_LIGHT_WAS_OFF: &str = "The light was off: carry on";
pub const VIDEO_ANOTHER: &str = "Choose another video";
pub const SKIP_VIDEO: &str = "Skip the video: answer questions";
pub const USE_CAMERA: &str = "Use the camera instead";

pub fn pattern_label(e: &LedEvidence) -> String {
    format!("Pattern seen: {}", reading(e))
}

pub fn watching(flashes: u32, waiting: Waiting) -> String {
    let waiting_for = match waiting {
        Waiting::AnyLight => "watching for any light",
        Waiting::MoreFlashes => "watching for more flashes",
        Waiting::FlashesGoOn => "watching whether the flashes go on",
        Waiting::SecondLight => "checking the second light beside it",
    };
    match flashes {
        0 => format!("Found the light, {waiting_for}"),
        1 => format!("Seen 1 flash, {waiting_for}"),
        n => format!("Seen {n} flashes, {waiting_for}"),
    }
}

/// Why no light is found yet, and what to do about it.
pub fn not_found(why: NotFound) -> &'static str {
    match why {
        NotFound::TooDark => ADVICE_TOO_DARK,
        NotFound::Saturated => ADVICE_TOO_BRIGHT,
        NotFound::NothingChanging => "No light is switching on and off yet. Keep the Blink's light in the circle, or tap the light.",
    }
}

pub fn low_fps(fps: f64) -> String {
    format!("The camera gives only {} pictures a second. Add light (not pointed at the camera) or move closer.", fixed(fps, 0))
}

// --- Questions and diagnosis ---
pub fn questions_title(model: &str) -> String {
    format!("A few questions about your {model}")
}
pub const QUESTIONS_LEAD: &str = "No camera reading, so we start from what you see. Each answer narrows it down; the likely causes appear after the first one.";
pub const NO_QUESTION_LEFT: &str = "There are no more questions, and nothing to go on yet. Answer one you skipped, or read the light with the camera.";
pub const ASK_SKIPPED_AGAIN: &str = "Ask the skipped questions again";
pub fn diagnosis_title(model: &str) -> String {
    format!("What the light of your {model} means")
}
pub const SEEN: &str = "The camera saw: ";
pub const UNCERTAIN_READING: &str = " (an uncertain reading)";
pub const NOT_READ: &str = "No camera reading: the ranking comes from your answers.";
pub const MOST_LIKELY: &str = "Most likely: ";
pub const FIX_STEP_BY_STEP: &str = "Fix it step by step";
pub const TRY_OTHER_CAUSES: &str = "Still looks wrong? Try the fixes for the other causes";
pub const NOTHING_TO_FIX: &str = "This is normal: nothing to fix.";
/// The same while the ranking is not certain: the top cause may still be another.
pub const NOTHING_TO_FIX_IF: &str = "If this is it, it is normal: nothing to fix.";
pub const OTHER_CAUSES: &str = "All possible causes";
pub const TRY_THIS_FIX: &str = "Try this fix";
pub const NORMAL_WHEN: &str = "Normal when: ";
pub const NORMAL_BADGE: &str = "Normal, nothing to fix";
pub const READ_AGAIN: &str = "Read the light again";
pub const YOUR_ANSWERS: &str = "Your answers";
pub const CHANGE: &str = "Change";
pub const KEEP_ANSWER: &str = "Keep my answer";
pub const SKIP_QUESTION: &str = "Skip this question";

pub fn changing(question: &str) -> String {
    format!("Change your answer: {question}")
}

pub fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::NoEvidence => "Nothing to go on yet.",
        Certainty::Leaning => "Not certain yet: the next question helps tell.",
        Certainty::CannotTell => "Questions cannot tell the likeliest causes apart. The walkthrough starts with the most likely and moves on if it does not help.",
        Certainty::Clear => "More questions would not change this.",
    }
}

pub fn percent(s: Shown) -> String {
    match s {
        Shown::UnderOne => "under 1 %".into(),
        Shown::Percent(p) => format!("{p} %"),
        Shown::Over(p) => format!("over {p} %"),
    }
}

pub fn meter_label(cause: &str) -> String {
    format!("How likely: {cause}")
}

pub fn colour(c: LedColour) -> &'static str {
    match c {
        LedColour::Red => "red",
        LedColour::Blue => "blue",
        LedColour::Green => "green",
        LedColour::White => "white",
    }
}

/// What a reading showed: "a red light blinking about every 1.0 s".
pub fn reading(e: &LedEvidence) -> String {
    let c = e.colour.map(colour).unwrap_or("");
    match e.pattern {
        PatternKind::None => format!("no light in {} s", fixed(e.observed_s, 0)),
        PatternKind::Steady => format!("a steady {c} light"),
        PatternKind::Blinking => match e.period_s {
            Some(p) => format!("a {c} light blinking about every {} s", fixed(p, 1)),
            None => format!("a blinking {c} light"),
        },
        PatternKind::Burst => {
            let n = e.flash_count;
            let flashes = if n == 1 { "flash" } else { "flashes" };
            match e.preceded_by {
                Some(b) => format!("{n} {c} {flashes} right after a {} light", colour(b)),
                None => format!("{n} {c} {flashes} in a row"),
            }
        }
        PatternKind::Flash => format!("a brief {c} flash now and then"),
    }
}

/// What a cause looks like: "5-6 red flashes right after a blue light".
pub fn signature(s: &Signature) -> String {
    let c = s.colour.map(|c| format!("{} ", colour(c))).unwrap_or_default();
    match s.pattern {
        PatternKind::None => "no light".into(),
        PatternKind::Steady => format!("a steady {c}light"),
        PatternKind::Blinking => format!("a {c}light blinking on and off"),
        PatternKind::Flash => format!("a brief {c}flash now and then"),
        PatternKind::Burst => {
            let n = match s.count {
                Some([lo, hi]) if lo == hi => format!("{lo} "),
                Some([lo, hi]) => format!("{lo}–{hi} "),
                None => "a few ".into(),
            };
            match s.after {
                Some(a) => format!("{n}{c}flashes right after a {} light", colour(a)),
                None => format!("{n}{c}flashes in a row"),
            }
        }
    }
}

/// The lead word of an evidence line, matching its sign.
pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::For => "Fits",
        Direction::Against => "Does not fit",
        Direction::Neutral => "Neither way",
    }
}

/// One evidence line for `cause`: (lead word, the why). The lead word and the why always agree
/// with the direction the core decided.
pub fn evidence(kb: &Kb, model_id: &str, cause: &Cause, e: &Evidence) -> (&'static str, String) {
    let sig = |i: &Option<usize>| i.and_then(|i| cause.signatures.get(i)).map(signature).unwrap_or_else(|| "something else".into());
    match e {
        Evidence::Reading { direction: d, fit, typical, matched, uncertain, .. } => {
            let why = match (d, fit) {
                (Direction::For, Fit::Matches) => format!("this is how it usually looks: {}.", sig(matched)),
                (Direction::For, _) => format!("closer than most causes; it usually shows {}.", sig(typical)),
                (Direction::Against, Fit::Matches) if matched != typical => format!("it can look like this, but usually shows {}.", sig(typical)),
                (Direction::Against, Fit::Matches) => "it can look like this, but other causes explain it better.".into(),
                (Direction::Against, _) => format!("it usually shows {} instead.", sig(typical)),
                (Direction::Neutral, Fit::Matches) => "it can look like this, and so can other causes.".into(),
                (Direction::Neutral, _) => format!("it usually shows {}; this reading says little either way.", sig(typical)),
            };
            let why = if *uncertain { format!("{why} (The reading is uncertain.)") } else { why };
            (direction(*d), why)
        }
        Evidence::LookFor { signatures } => {
            let looks: Vec<String> = signatures.iter().filter_map(|&i| cause.signatures.get(i)).map(signature).collect();
            ("Look for", format!("{}.", looks.join(" or ")))
        }
        Evidence::Answer { direction: d, question, answer, typical, .. } => {
            let q = kb.question(question);
            let text = |id: &str| q.and_then(|q| q.answers.iter().find(|a| a.id == id)).map(|a| a.text.clone()).unwrap_or_default();
            let asked = q.map(|q| q.text.clone()).unwrap_or_default();
            let said = format!("you answered “{}” to “{asked}”", text(answer));
            let why = match (d, typical) {
                (Direction::For, _) => format!("{said}."),
                (Direction::Against, Some(t)) => format!("{said}; with this cause most people answer “{}”.", text(t)),
                (Direction::Against, None) => format!("{said}."),
                (Direction::Neutral, _) => format!("{said}, a common answer with other causes too."),
            };
            (direction(*d), why)
        }
        Evidence::ModelNote => ("Note", cause.model_notes.get(model_id).map(|n| n.text.clone()).unwrap_or_default()),
    }
}

// --- Fix ---
pub fn fixing(cause: &str, i: usize, n: usize) -> String {
    if n > 1 {
        format!("Fixing: {cause} (cause {} of {n})", i + 1)
    } else {
        format!("Fixing: {cause}")
    }
}

pub fn step_title(i: usize, n: usize, title: &str) -> String {
    format!("Step {} of {n}: {title}", i + 1)
}

pub fn part_of(procedure: &str) -> String {
    format!("Part of: {procedure}")
}

pub const STEPS: &str = "Steps";
pub const DONE_NEXT: &str = "Done";
pub const SKIP_STEP: &str = "Skip this step";
pub const NEXT_CAUSE: &str = "This is not it: try the next likely cause";
pub const TO_SUPPORT: &str = "None of this helps: contact support";
pub const BACK_TO_DIAGNOSIS: &str = "Back to the diagnosis";
pub const STATUS_DONE: &str = "done";
pub const STATUS_SKIPPED: &str = "skipped";
pub const STATUS_ALREADY: &str = "already done";
pub const STATUS_BYPASSED: &str = "not needed";
pub const STATUS_NOW: &str = "now";

/// Where an action leads, said on its button.
pub fn leads(kb: &Kb, l: &Leads, next_title: Option<&str>) -> String {
    match l {
        Leads::Fixed => "Then you are done".into(),
        Leads::Step(_) => format!("Next: {}", next_title.unwrap_or("the next step")),
        Leads::Cause(c) => format!("Next: try {}", cause_name(kb, c)),
        Leads::Support => "Next: contact Blink support".into(),
    }
}

pub fn cause_name(kb: &Kb, id: &str) -> String {
    kb.cause(id).map(|c| c.name.clone()).unwrap_or_else(|| id.to_string())
}

/// A note about what happened on the way to this step.
pub fn plan_note(kb: &Kb, n: &PlanNote, done_title: Option<&str>) -> String {
    match n {
        PlanNote::MovedOn { from, to, why } => {
            let from = cause_name(kb, from);
            let reason = match why {
                MoveReason::StepsDidNotHelp => format!("The steps for “{from}” did not clear the light"),
                MoveReason::RuledOut { .. } => format!("Your answer rules out “{from}”"),
                MoveReason::YouChose => format!("You left “{from}”"),
            };
            match to {
                Some(to) => format!("{reason}, so on to the next most likely cause: “{}”.", cause_name(kb, to)),
                None => format!("{reason}; no other likely cause is left to try."),
            }
        }
        PlanNote::AlreadyDone { under, .. } => {
            format!("Skipped “{}”: you already did this while fixing “{}”.", done_title.unwrap_or("a step"), cause_name(kb, under))
        }
    }
}

pub const FIXED_TITLE: &str = "The light is back to normal";
pub const FIXED_TEXT: &str = "Good. If the red light comes back, read it again while it shows.";
pub const CONFIRM_WITH_CAMERA: &str = "Confirm with the camera";
pub const START_OVER: &str = "Start over";
pub const SUPPORT_TITLE: &str = "Contact Blink support";
pub const SUPPORT_TEXT: &str = "Blink support can help with what is left.";

// --- Timer ---
pub fn timer_label(t: Timer) -> String {
    let verb = match t.kind {
        TimerKind::Hold => "Hold",
        TimerKind::Wait => "Wait",
        TimerKind::WaitUpTo => "Wait up to",
    };
    format!("{verb} {}", secs(t.seconds))
}

pub fn timer_phase(t: Timer, p: TimerPhase) -> String {
    match (t.kind, p) {
        (TimerKind::Hold, TimerPhase::Ready) => "Get ready to press".into(),
        (_, TimerPhase::Ready) => secs(t.seconds),
        (_, TimerPhase::CountIn(n)) => format!("Get ready… {n}"),
        (TimerKind::Hold, TimerPhase::Running(n)) => format!("Press and keep holding: {}", secs(n)),
        (_, TimerPhase::Running(n)) => format!("{} left", secs(n)),
        (TimerKind::Hold, TimerPhase::Finished) => "Time's up: let go".into(),
        (_, TimerPhase::Finished) => "Time's up".into(),
    }
}

pub fn timer_button(t: Timer, p: TimerPhase) -> String {
    match (t.kind, p) {
        (TimerKind::Hold, TimerPhase::Ready) => "Start the count-in".into(),
        (TimerKind::Hold, _) => "Count in again".into(),
        (_, TimerPhase::Ready) => format!("Start the {} timer", secs(t.seconds)),
        (_, TimerPhase::Finished) => "Run the timer again".into(),
        _ => "Start the timer over".into(),
    }
}

pub fn secs(s: u32) -> String {
    if s >= 60 {
        format!("{}:{:02} min", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

// --- Report and history of checks (issue 14) ---
use crate::diagnose::{shown as shown_share, Action as StepAction, Outcome, Record, Stamp};
use crate::led::OtherLight;

pub const SHARE_REPORT: &str = "Share report";
pub const COPIED: &str = "Copied. Paste it into your message to support.";
pub const SHARED: &str = "Shared.";
pub const COPY_FAILED: &str = "This phone did not let the app copy. Select the report below and copy it:";
pub const REPORT_HEADING: &str = "Your report";
pub const YOUR_CHECKS: &str = "Your checks";
pub const CHECKS_LEAD: &str = "Checks made on this phone, newest first. They stay on this phone: nothing is sent anywhere.";
pub const NO_CHECKS: &str = "No checks yet. A check is kept here once the app has found the likely cause.";
pub const OPEN_REPORT: &str = "Open report";
pub const DELETE: &str = "Delete";
pub const DELETE_THIS: &str = "Delete this check";
pub const DELETE_ALL: &str = "Delete all checks";
pub const CONFIRM_DELETE_ALL: &str = "Yes, delete them all";
pub const ALL_CHECKS: &str = "All your checks";
pub const CHECK_GONE: &str = "This check is no longer kept on this phone.";
pub const NOT_KEPT: &str = "This check could not be kept on the phone: its storage is full or turned off. The report can still be shared.";
pub const SUPPORT_HOW: &str = "How to reach Blink support";
pub const SUPPORT_SITE: &str = "On the web: Blink's help site, support.blinkforhome.com, has a “Contact Support” link at the bottom of its pages.";
pub const SUPPORT_APP: &str = "In the Blink app: tap Settings in the bottom bar, then Help.";
pub const SUPPORT_ACCESS: &str = "To let an agent look at your account, in the Blink app: Settings, Account and Privacy, Grant Customer Support Access.";
pub const SUPPORT_SEND: &str = "Share this report with them (it stays on your phone until you send it):";

/// "Blink XT2 on 3 Dec 2026, 14:05": one check's page.
pub fn check_title(kb: &Kb, r: &Record) -> String {
    format!("{} on {}", model_name(kb, &r.model), date_time(r.stamp()))
}

pub fn checks_count(n: usize) -> String {
    format!("{YOUR_CHECKS} ({n})")
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "3 Dec"
pub fn day(s: Stamp) -> String {
    format!("{} {}", s.day, MONTHS[(s.month.clamp(1, 12) - 1) as usize])
}

/// "3 Dec 2026, 14:05" (24-hour clock)
pub fn date_time(s: Stamp) -> String {
    format!("{} {}, {:02}:{:02}", day(s), s.year, s.hour, s.minute)
}

/// "UTC+1", "UTC-5:30", "UTC"
fn utc_offset(min: i32) -> String {
    let (sign, m) = if min < 0 { ('-', -min) } else { ('+', min) };
    match (m / 60, m % 60) {
        (0, 0) => "UTC".into(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, mm) => format!("UTC{sign}{h}:{mm:02}"),
    }
}

pub fn model_name(kb: &Kb, id: &str) -> String {
    kb.model(id).map(|m| m.name.clone()).unwrap_or_else(|| id.to_string())
}

/// "Also found on 3 Dec: Low batteries (an earlier check of this Blink XT2 on this phone)."
pub fn repeat(kb: &Kb, earlier: &Record) -> String {
    format!(
        "Also found on {}: {} (an earlier check of a {} on this phone). If it keeps coming back, tell Blink support.",
        day(earlier.stamp()),
        earlier.top().map(|c| cause_name(kb, c)).unwrap_or_default(),
        model_name(kb, &earlier.model)
    )
}

/// How a check ended, for the list of checks.
pub fn outcome(o: &Outcome) -> &'static str {
    match o {
        Outcome::Open => "Not finished",
        Outcome::Fixed(_) => "Fixed",
        Outcome::Support => "Not fixed",
    }
}

/// How a check ended, for the report.
fn outcome_in_full(kb: &Kb, r: &Record) -> String {
    match &r.outcome {
        Outcome::Open if r.steps.is_empty() => "not finished (no fix step done yet)".into(),
        Outcome::Open => "not finished (left before the last step)".into(),
        Outcome::Fixed(c) => format!("fixed: the light was back to normal after the steps for “{}”", cause_name(kb, c)),
        Outcome::Support => "not fixed by these steps: contacting Blink support".into(),
    }
}

fn other_light(o: &OtherLight) -> String {
    let c = colour(o.colour);
    match (o.pattern, o.period_s) {
        (PatternKind::Blinking, Some(p)) => format!("a {c} light blinking about every {} s", fixed(p, 1)),
        (PatternKind::Blinking, None) => format!("a blinking {c} light"),
        _ => format!("a steady {c} light"),
    }
}

/// What the camera saw, for the list of checks: "6 red flashes right after a blue light".
pub fn record_reading(r: &Record) -> String {
    let Some(e) = &r.led else { return "No camera reading (answers only)".into() };
    let beside: Vec<String> = e.also.iter().map(other_light).collect();
    if beside.is_empty() {
        reading(e)
    } else {
        format!("{}, beside it {}", reading(e), beside.join(" and "))
    }
}

/// The report's title (its first line, and the share sheet's title).
pub fn report_title(kb: &Kb, r: &Record) -> String {
    format!("{APP_NAME} report: {}", model_name(kb, &r.model))
}

/// The report, as plain text a support agent reads in seconds.
pub fn report(kb: &Kb, r: &Record) -> String {
    let mut out = vec![
        report_title(kb, r),
        format!("Checked: {} (phone time, {})", date_time(r.stamp()), utc_offset(r.utc_offset_min)),
    ];
    match &r.led {
        Some(e) => {
            out.push(format!("Camera reading: {}", reading(e)));
            let mut details = vec![format!("pattern {}", e.pattern.id())];
            details.extend(e.colour.map(|c| format!("colour {}", colour(c))));
            if matches!(e.pattern, PatternKind::Burst | PatternKind::Flash) {
                details.push(format!("{} flashes", e.flash_count));
            }
            details.extend(e.preceded_by.map(|c| format!("after a {} light", colour(c))));
            details.extend(e.period_s.map(|p| format!("period {} s", fixed(p, 1))));
            details.push(format!("watched {} s", fixed(e.observed_s, 0)));
            details.push(format!("reading confidence {} %", fixed(e.confidence.clamp(0.0, 1.0) * 100.0, 0)));
            out.push(format!("  ({})", details.join(", ")));
            for o in &e.also {
                out.push(format!("  Also lit beside it: {}", other_light(o)));
            }
        }
        None => out.push("Camera reading: none (diagnosed from answers)".into()),
    }
    if !r.answers.is_empty() {
        out.push("Answers:".into());
        for (q, a) in &r.answers {
            let q = kb.question(q);
            let text = q.and_then(|q| q.answers.iter().find(|x| &x.id == a)).map(|x| x.text.clone()).unwrap_or_else(|| a.clone());
            out.push(format!("- {} {text}", q.map(|q| q.text.clone()).unwrap_or_default()));
        }
    }
    out.push("Likely causes:".into());
    for (i, (c, p)) in r.causes.iter().enumerate() {
        out.push(format!("{}. {}: {}", i + 1, cause_name(kb, c), percent(shown_share(*p as f64 / 1000.0))));
    }
    if !r.steps.is_empty() {
        out.push("Steps done:".into());
        for t in &r.steps {
            let step = kb.fix_steps(&t.cause, &r.model).into_iter().find(|s| s.key == t.key);
            let title = match &step {
                Some(s) => match &s.procedure {
                    Some(p) => format!("{p}: {}", s.step.title),
                    None => s.step.title.clone(),
                },
                None => t.key.clone(),
            };
            let did = match &t.action {
                StepAction::Done => "done".to_string(),
                StepAction::Skip => "skipped".to_string(),
                StepAction::NextCause => "not done: moved on to the next likely cause".to_string(),
                StepAction::Answer(a) => {
                    let text = step.as_ref().and_then(|s| s.step.check.as_ref()).and_then(|c| c.answer(a)).map(|x| x.text.clone());
                    format!("answered “{}”", text.unwrap_or_else(|| a.clone()))
                }
            };
            out.push(format!("- {} › {title}: {did}", cause_name(kb, &t.cause)));
        }
    }
    out.push(format!("Outcome: {}", outcome_in_full(kb, r)));
    out.push(format!("{APP_NAME} {} (independent tool, not made by Blink or Amazon)", r.app));
    out.join("\n")
}
