//! Every text the screens show, from one place: the core returns meaning (screens, evidence kinds
//! and directions, plan notes, timer phases, errors) and this module turns it into sentences of
//! the current language's catalogue (`i18n`, data in src/lang/). The knowledge base's own texts
//! come from `kb()`, the knowledge base in the current language. Messages without placeholders
//! are functions of their own (`words::home_title()`, generated from src/lang/en.toml's keys).
pub use crate::i18n::text::*;

use crate::diagnose::{Certainty, Direction, Evidence, Fit, Leads, MoveReason, Notice, PlanNote, Shown, TimerPhase};
use crate::i18n::{self, k, Arg, Key};
use crate::kb::{Cause, Kb, Model, Power, Signature, Timer, TimerKind};
use crate::led::{LedColour, LedEvidence, PatternKind};
use crate::signal::{NotFound, Waiting};

/// The app's name: the same in every language.
pub const APP_NAME: &str = "Blink Doctor";

/// The knowledge base in the current language (the same ids and numbers in every language).
pub fn kb() -> &'static Kb {
    i18n::current().kb
}

fn t(key: Key) -> &'static str {
    i18n::say(key)
}

#[inline(never)]
fn f(key: Key, args: &[(&str, Arg)]) -> String {
    i18n::current().format(key, args)
}

/// A message whose placeholders are all texts (no counts, numbers or colours). The key goes to
/// `ft_at` as two values, as in `i18n::say` (a `Key` passed whole is a 12-byte copy among the
/// data for each message).
#[inline(always)]
fn ft(key: Key, args: &[(&str, &str)]) -> String {
    ft_at(key.i, key.en, args)
}

/// `ft`'s work: not inlined, one call per use is smaller.
#[inline(never)]
fn ft_at(i: usize, en: &'static str, args: &[(&str, &str)]) -> String {
    i18n::current().format_text(Key { i, en }, args)
}

fn text(s: &str) -> Arg<'_> {
    Arg::Text(s)
}

// --- Numbers ---

/// `x` with `decimals` digits after the point ("2.0", "15", "0.350"), halves rounded to even as
/// Rust's `{:.N}` does (1.25 -> "1.2"; a decimal like 0.35, a little under half in binary, may
/// differ from it in the last digit). Machine formatting (attributes, styles); for people see
/// `dec`. The app's only float formatting: Rust's `{:.N}` and `{}` for floats pull about 7 KB
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

/// `x` for people: `decimals` digits after the current language's decimal sign ("2,5").
pub fn dec(x: f64, decimals: u32) -> String {
    i18n::current().decimal(x, decimals)
}

/// A whole number of something, rounded; negative numbers count as 0.
fn whole(x: f64) -> u64 {
    x.max(0.0).round() as u64
}

/// Items as a list: "a, b and c" (`last` is list_and or list_or).
fn list(items: &[String], last: Key) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => ft(last, &[("items", &rest.join(t(k::LIST_SEP))), ("last", end)]),
    }
}

// --- Home ---

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::UnknownModel(id) => ft(k::NOTICE_UNKNOWN_MODEL, &[("id", id)]),
        Notice::PickModelFirst => notice_pick_model_first().into(),
    }
}

/// "Blink Outdoor, Blink Indoor, Blink XT and Blink XT2 are handled the same way here…"
pub fn handled_alike(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    ft(k::HANDLED_ALIKE, &[("list", &list(&names, k::LIST_AND))])
}

/// "English", "Deutsch"… is not available offline / could not be loaded.
pub fn lang_unavailable(name: &str, offline: bool) -> String {
    ft(if offline { k::LANG_OFFLINE } else { k::LANG_FAILED }, &[("lang", name)])
}

// --- Model ---

pub fn power(m: &Model) -> String {
    match (m.power, &m.batteries) {
        (Power::Usb, _) => power_usb().into(),
        (Power::Batteries, Some(b)) => ft(k::POWER_BATTERIES_WHICH, &[("which", b)]),
        (Power::Batteries, None) => power_batteries().into(),
    }
}

pub fn drawing_label(name: &str) -> String {
    ft(k::DRAWING_LABEL, &[("model", name)])
}

// --- Reading ---

pub fn reading_title(model: &str) -> String {
    ft(k::READING_TITLE, &[("model", model)])
}

/// What to tell the person about a camera that did not start, and what they can do.
#[cfg(target_arch = "wasm32")]
pub fn camera_error(e: &crate::glue::camera::CameraError) -> String {
    use crate::glue::camera::CameraError;
    match e {
        CameraError::InsecureContext => camera_insecure().into(),
        CameraError::Unsupported => camera_unsupported().into(),
        CameraError::Denied => camera_denied().into(),
        CameraError::NotFound => camera_not_found().into(),
        CameraError::InUse => camera_in_use().into(),
        CameraError::Overconstrained => camera_overconstrained().into(),
        CameraError::Other(detail) => ft(k::CAMERA_OTHER, &[("detail", detail)]),
    }
}

/// Advice while reading (`glue::guide::Advice`).
#[cfg(target_arch = "wasm32")]
pub fn advice(a: crate::glue::guide::Advice) -> &'static str {
    use crate::glue::guide::Advice;
    match a {
        Advice::TooDark => advice_too_dark(),
        Advice::TooBright => advice_too_bright(),
        Advice::HoldSteadier => advice_hold_steadier(),
        Advice::NotFoundYet => advice_not_found(),
        Advice::Tiny => advice_tiny(),
    }
}

/// The zoom as said beside the slider: "2.0×".
pub fn zoom_factor(z: f64) -> String {
    f(k::ZOOM_FACTOR, &[("z", Arg::Dec(z, 1))])
}

pub fn time_left(secs: u32) -> String {
    match secs {
        0 => time_done().into(),
        n => f(k::TIME_LEFT, &[("n", Arg::Int(n as u64))]),
    }
}

pub fn video_too_short(secs: f64) -> String {
    f(k::VIDEO_TOO_SHORT, &[("n", Arg::Int(whole(secs)))])
}

pub fn pattern_label(e: &LedEvidence) -> String {
    ft(k::PATTERN_SEEN, &[("reading", &reading(e))])
}

pub fn watching(flashes: u32, waiting: Waiting) -> String {
    let waiting = match waiting {
        Waiting::AnyLight => waiting_any_light(),
        Waiting::MoreFlashes => waiting_more_flashes(),
        Waiting::FlashesGoOn => waiting_flashes_go_on(),
        Waiting::SecondLight => waiting_second_light(),
    };
    match flashes {
        0 => ft(k::FOUND_LIGHT, &[("waiting", waiting)]),
        n => f(k::SEEN_FLASHES, &[("n", Arg::Int(n as u64)), ("waiting", text(waiting))]),
    }
}

/// Why no light is found yet, and what to do about it.
pub fn not_found(why: NotFound) -> &'static str {
    match why {
        NotFound::TooDark => advice_too_dark(),
        NotFound::Saturated => advice_too_bright(),
        NotFound::NothingChanging => advice_nothing_changing(),
    }
}

pub fn low_fps(fps: f64) -> String {
    f(k::LOW_FPS, &[("n", Arg::Int(whole(fps)))])
}

// --- Questions and diagnosis ---

pub fn questions_title(model: &str) -> String {
    ft(k::QUESTIONS_TITLE, &[("model", model)])
}

pub fn diagnosis_title(model: &str) -> String {
    ft(k::DIAGNOSIS_TITLE, &[("model", model)])
}

pub fn changing(question: &str) -> String {
    ft(k::CHANGING, &[("question", question)])
}

pub fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::NoEvidence => certainty_none(),
        Certainty::Leaning => certainty_leaning(),
        Certainty::CannotTell => certainty_cannot_tell(),
        Certainty::Clear => certainty_clear(),
    }
}

pub fn percent(s: Shown) -> String {
    match s {
        Shown::UnderOne => percent_under_one().into(),
        Shown::Percent(p) => f(k::PERCENT, &[("p", Arg::Int(p as u64))]),
        Shown::Over(p) => f(k::PERCENT_OVER, &[("p", Arg::Int(p as u64))]),
    }
}

/// A share as a whole percent ("45 %"): the light level.
pub fn share(x: f64) -> String {
    f(k::PERCENT, &[("p", Arg::Int(whole(x * 100.0)))])
}

pub fn meter_label(cause: &str) -> String {
    ft(k::METER_LABEL, &[("cause", cause)])
}

/// A colour's word on its own ("red"): the first form where a language has several.
pub fn colour(c: LedColour) -> &'static str {
    i18n::current().colour(c, "")
}

/// A light's pattern in words: `colour` of the light (None: any colour), `count` the flashes of
/// a burst as said ("6", "5–6", "a few") with `n` the largest, `after` the colour before them.
fn light(pattern: PatternKind, colour: Option<LedColour>, period: Option<f64>, count: (&str, u64), after: Option<LedColour>) -> String {
    let c = colour.map(Arg::Colour);
    let with = |keys: (Key, Key), more: &[(&str, Arg)]| {
        let mut args: Vec<(&str, Arg)> = more.to_vec();
        match c {
            Some(c) => {
                args.push(("c", c));
                f(keys.0, &args)
            }
            None => f(keys.1, &args),
        }
    };
    match pattern {
        PatternKind::None => no_light().into(),
        PatternKind::Steady => with((k::STEADY, k::STEADY_ANY), &[]),
        PatternKind::Blinking => match period {
            Some(p) => with((k::BLINKING_EVERY, k::BLINKING_EVERY_ANY), &[("p", Arg::Dec(p, 1))]),
            None => with((k::BLINKING, k::BLINKING_ANY), &[]),
        },
        PatternKind::Flash => with((k::FLASH, k::FLASH_ANY), &[]),
        PatternKind::Burst => {
            let counted = [("count", text(count.0)), ("n", Arg::Int(count.1))];
            match after {
                Some(b) => with((k::BURST_AFTER, k::BURST_AFTER_ANY), &[counted[0], counted[1], ("b", Arg::Colour(b))]),
                None => with((k::BURST, k::BURST_ANY), &counted),
            }
        }
    }
}

/// What a reading showed: "a red light blinking about every 1.0 s".
pub fn reading(e: &LedEvidence) -> String {
    match e.pattern {
        PatternKind::None => f(k::READING_NONE, &[("s", Arg::Int(whole(e.observed_s)))]),
        p => {
            let n = e.flash_count as u64;
            light(p, e.colour, e.period_s, (&n.to_string(), n), e.preceded_by)
        }
    }
}

/// What a cause looks like: "5–6 red flashes right after a blue light".
pub fn signature(s: &Signature) -> String {
    let (count, n) = match s.count {
        Some([lo, hi]) if lo == hi => (lo.to_string(), hi as u64),
        Some([lo, hi]) => (f(k::COUNT_RANGE, &[("lo", Arg::Int(lo as u64)), ("hi", Arg::Int(hi as u64))]), hi as u64),
        None => (count_few().to_string(), 3),
    };
    let main = light(s.pattern, s.colour, None, (&count, n), s.after);
    // On a device with two lights, what the other one does tells looks apart (solid blue alone,
    // or beside a solid green light).
    match s.with {
        Some(w) => ft(k::RECORD_BESIDE, &[("reading", &main), ("others", &light(w.pattern, Some(w.colour), None, ("", 0), None))]),
        None => main,
    }
}

/// An evidence line that says the same for other causes, saying so.
fn also_for(kb: &Kb, why: String, alike: &[String]) -> String {
    if alike.is_empty() {
        why
    } else {
        ft(k::EV_ALIKE, &[("why", &why), ("others", &quoted_causes(kb, alike))])
    }
}

/// Causes' names, each in quotes, as a list: "“A” and “B”".
fn quoted_causes(kb: &Kb, ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|c| ft(k::QUOTED, &[("text", &cause_name(kb, c))])).collect();
    list(&names, k::LIST_AND)
}

/// A short remark in brackets after a text: " (done)", in Japanese "（済み）".
pub fn aside(text: &str) -> String {
    ft(k::ASIDE, &[("text", text)])
}

/// The lead word of an evidence line, matching its sign.
pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::For => dir_for(),
        Direction::Against => dir_against(),
        Direction::Neutral => dir_neutral(),
    }
}

/// A cause's evidence lines, in order: (lead word, the why). The other causes a line says the same
/// for are named once, on the first line that says the same for them.
pub fn evidence_lines(kb: &Kb, model_id: &str, cause: &Cause, evidence: &[Evidence]) -> Vec<(&'static str, String)> {
    let mut named: Vec<String> = Vec::new();
    evidence
        .iter()
        .map(|e| {
            let alike = match e {
                Evidence::Reading { alike, .. } | Evidence::LookFor { alike, .. } | Evidence::Answer { alike, .. } => alike.as_slice(),
                Evidence::SetsApart { .. } | Evidence::ModelNote => &[],
            };
            let new = alike.iter().any(|c| !named.contains(c));
            named.extend(alike.iter().filter(|c| !named.contains(c)).cloned().collect::<Vec<_>>());
            line(kb, model_id, cause, e, new)
        })
        .collect()
}

/// One evidence line for `cause`: (lead word, the why). The lead word and the why always agree
/// with the direction the core decided. The other causes it says the same for are named.
pub fn evidence(kb: &Kb, model_id: &str, cause: &Cause, e: &Evidence) -> (&'static str, String) {
    line(kb, model_id, cause, e, true)
}

fn line(kb: &Kb, model_id: &str, cause: &Cause, e: &Evidence, name_alike: bool) -> (&'static str, String) {
    let also_for = |kb: &Kb, why: String, alike: &[String]| if name_alike { also_for(kb, why, alike) } else { why };
    let sig = |i: &Option<usize>| i.and_then(|i| cause.signatures.get(i)).map(signature).unwrap_or_else(|| something_else().into());
    match e {
        Evidence::Reading { direction: d, fit, typical, matched, uncertain, alike, .. } => {
            let shows = |key: Key, i: &Option<usize>| f(key, &[("sig", text(&sig(i)))]);
            let why = match (d, fit) {
                (Direction::For, Fit::Matches) => shows(k::EV_MATCHES, matched),
                (Direction::For, _) => shows(k::EV_CLOSER, typical),
                (Direction::Against, Fit::Matches) if matched != typical => shows(k::EV_CAN_BUT_USUALLY, typical),
                (Direction::Against, Fit::Matches) => ev_can_but_others().into(),
                (Direction::Against, _) => shows(k::EV_USUALLY_INSTEAD, typical),
                (Direction::Neutral, Fit::Matches) => ev_can_others_too().into(),
                (Direction::Neutral, _) => shows(k::EV_SAYS_LITTLE, typical),
            };
            let why = also_for(kb, why, alike);
            let why = if *uncertain { ft(k::EV_UNCERTAIN, &[("why", &why)]) } else { why };
            (direction(*d), why)
        }
        Evidence::LookFor { signatures, alike } => {
            let looks: Vec<String> = signatures.iter().filter_map(|&i| cause.signatures.get(i)).map(signature).collect();
            (look_for(), also_for(kb, ft(k::EV_LOOK_FOR, &[("sigs", &list(&looks, k::LIST_OR))]), alike))
        }
        Evidence::Answer { direction: d, question, answer, typical, alike, .. } => {
            let q = kb.question(question);
            let said = |id: &str| q.and_then(|q| q.answers.iter().find(|a| a.id == id)).map(|a| a.text.as_str()).unwrap_or_default();
            let asked = q.map(|q| q.text.as_str()).unwrap_or_default();
            let args = [("answer", text(said(answer))), ("question", text(asked))];
            let why = match (d, typical) {
                (Direction::Against, Some(t)) => f(k::EV_ANSWER_AGAINST, &[args[0], args[1], ("typical", text(said(t)))]),
                (Direction::For | Direction::Against, _) => f(k::EV_ANSWER_FOR, &args),
                (Direction::Neutral, _) => f(k::EV_ANSWER_NEUTRAL, &args),
            };
            (direction(*d), also_for(kb, why, alike))
        }
        Evidence::SetsApart { .. } => (dir_apart(), cause.apart.as_ref().map(|n| n.text.clone()).unwrap_or_default()),
        Evidence::ModelNote => (note(), cause.model_notes.get(model_id).map(|n| n.text.clone()).unwrap_or_default()),
    }
}

// --- Fix ---

pub fn fixing(cause: &str, i: usize, n: usize) -> String {
    if n > 1 {
        f(k::FIXING_OF, &[("cause", text(cause)), ("i", Arg::Int(i as u64 + 1)), ("n", Arg::Int(n as u64))])
    } else {
        ft(k::FIXING, &[("cause", cause)])
    }
}

pub fn step_title(i: usize, n: usize, title: &str) -> String {
    f(k::STEP_TITLE, &[("i", Arg::Int(i as u64 + 1)), ("n", Arg::Int(n as u64)), ("title", text(title))])
}

pub fn part_of(procedure: &str) -> String {
    ft(k::PART_OF, &[("procedure", procedure)])
}

/// Where an action leads, said on its button.
pub fn leads(kb: &Kb, l: &Leads, next_title: Option<&str>) -> String {
    match l {
        Leads::Fixed => leads_fixed().into(),
        Leads::Step(_) => ft(k::LEADS_STEP, &[("title", next_title.unwrap_or(the_next_step()))]),
        Leads::Cause(c) => ft(k::LEADS_CAUSE, &[("cause", &cause_name(kb, c))]),
        Leads::Support => leads_support().into(),
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
            let to_name = to.as_ref().map(|c| cause_name(kb, c));
            let keys = match why {
                MoveReason::StepsDidNotHelp => (k::MOVED_STEPS_TO, k::MOVED_STEPS_NONE),
                MoveReason::RuledOut { .. } => (k::MOVED_RULED_OUT_TO, k::MOVED_RULED_OUT_NONE),
                MoveReason::YouChose => (k::MOVED_LEFT_TO, k::MOVED_LEFT_NONE),
            };
            match &to_name {
                Some(to) => ft(keys.0, &[("from", &from), ("to", to)]),
                None => ft(keys.1, &[("from", &from)]),
            }
        }
        PlanNote::AlreadyDone { under, .. } => {
            ft(k::ALREADY_DONE, &[("step", done_title.unwrap_or(a_step())), ("cause", &cause_name(kb, under))])
        }
        PlanNote::AlreadyAnswered { question, answer, .. } => {
            let q = kb.question(question);
            let said = q.and_then(|q| q.answers.iter().find(|a| &a.id == answer)).map(|a| a.text.as_str()).unwrap_or_default();
            let asked = q.map(|q| q.text.as_str()).unwrap_or_default();
            ft(k::ALREADY_ANSWERED, &[("step", done_title.unwrap_or(a_step())), ("answer", said), ("question", asked)])
        }
    }
}

// --- Timer ---

pub fn timer_label(t: Timer) -> String {
    let key = match t.kind {
        TimerKind::Hold => k::TIMER_HOLD,
        TimerKind::Wait => k::TIMER_WAIT,
        TimerKind::WaitUpTo => k::TIMER_WAIT_UP_TO,
    };
    f(key, &[("t", text(&secs(t.seconds)))])
}

pub fn timer_phase(t: Timer, p: TimerPhase) -> String {
    match (t.kind, p) {
        (TimerKind::Hold, TimerPhase::Ready) => get_ready_to_press().into(),
        (_, TimerPhase::Ready) => secs(t.seconds),
        (_, TimerPhase::CountIn(n)) => f(k::GET_READY, &[("n", Arg::Int(n as u64))]),
        (TimerKind::Hold, TimerPhase::Running(n)) => ft(k::PRESS_HOLDING, &[("t", &secs(n))]),
        (_, TimerPhase::Running(n)) => ft(k::TIMER_LEFT, &[("t", &secs(n))]),
        (TimerKind::Hold, TimerPhase::Finished) => times_up_let_go().into(),
        (_, TimerPhase::Finished) => times_up().into(),
    }
}

pub fn timer_button(t: Timer, p: TimerPhase) -> String {
    match (t.kind, p) {
        (TimerKind::Hold, TimerPhase::Ready) => start_count_in().into(),
        (TimerKind::Hold, _) => count_in_again().into(),
        (_, TimerPhase::Ready) => ft(k::START_TIMER, &[("t", &secs(t.seconds))]),
        (_, TimerPhase::Finished) => run_timer_again().into(),
        _ => start_timer_over().into(),
    }
}

/// A duration: "45 s", "2:30 min".
pub fn secs(s: u32) -> String {
    match (s / 60, s % 60) {
        (0, _) => f(k::SECS, &[("n", Arg::Int(s as u64))]),
        (m, 0) => f(k::MINUTES, &[("m", Arg::Int(m as u64))]),
        (m, ss) => f(k::MIN_SEC, &[("m", Arg::Int(m as u64)), ("ss", text(&format!("{ss:02}")))]),
    }
}

// --- Report and history of checks (issue 14) ---
use crate::diagnose::{shown as shown_share, Action as StepAction, Outcome, Record, Stamp};
use crate::led::OtherLight;

/// "Blink XT2 on 3 Dec 2026, 14:05": one check's page.
pub fn check_title(kb: &Kb, r: &Record) -> String {
    ft(k::CHECK_TITLE, &[("model", &model_name(kb, &r.model)), ("date", &date_time(r.stamp()))])
}

/// "Your checks (3)": a count in brackets, no plural in any language, so formatted as text (the
/// home screen is in the first module, which then carries no plural rules).
pub fn checks_count(n: usize) -> String {
    ft(k::CHECKS_COUNT, &[("n", &n.to_string())])
}

/// "3 Dec"
pub fn day(s: Stamp) -> String {
    f(k::DAY, &[("d", Arg::Int(s.day as u64)), ("month", text(i18n::current().month(s.month)))])
}

/// "3 Dec 2026, 14:05" (24-hour clock)
pub fn date_time(s: Stamp) -> String {
    let two = |x: u8| format!("{x:02}");
    f(k::DATE_TIME, &[("day", text(&day(s))), ("year", Arg::Int(s.year as u64)), ("hh", text(&two(s.hour))), ("mm", text(&two(s.minute)))])
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
    let cause = earlier.top().map(|c| cause_name(kb, c)).unwrap_or_default();
    ft(k::REPEAT, &[("day", &day(earlier.stamp())), ("cause", &cause), ("model", &model_name(kb, &earlier.model))])
}

/// How a check ended, for the list of checks.
pub fn outcome(o: &Outcome) -> &'static str {
    match o {
        Outcome::Open => outcome_open(),
        Outcome::Fixed(_) => outcome_fixed(),
        Outcome::Support => outcome_support(),
    }
}

/// How a check ended, for the report.
fn outcome_in_full(kb: &Kb, r: &Record) -> String {
    match &r.outcome {
        Outcome::Open if r.steps.is_empty() => report_outcome_none_done().into(),
        Outcome::Open => report_outcome_open().into(),
        Outcome::Fixed(c) => ft(k::REPORT_OUTCOME_FIXED, &[("cause", &cause_name(kb, c))]),
        Outcome::Support => report_outcome_support().into(),
    }
}

fn other_light(o: &OtherLight) -> String {
    let pattern = if o.pattern == PatternKind::Blinking { PatternKind::Blinking } else { PatternKind::Steady };
    light(pattern, Some(o.colour), o.period_s, ("", 0), None)
}

/// What the camera saw, with the lights beside the status light (the Sync Module's two): "a green
/// light blinking about every 1.0 s, beside it a steady blue light". Two lights beside it that
/// read alike are named once (the reader may watch one light at two places).
pub fn reading_beside(e: &LedEvidence) -> String {
    let mut beside: Vec<String> = Vec::new();
    for o in e.also.iter().map(other_light) {
        if !beside.contains(&o) {
            beside.push(o);
        }
    }
    if beside.is_empty() {
        reading(e)
    } else {
        ft(k::RECORD_BESIDE, &[("reading", &reading(e)), ("others", &list(&beside, k::LIST_AND))])
    }
}

/// What the camera saw, for the list of checks: "6 red flashes right after a blue light".
pub fn record_reading(r: &Record) -> String {
    match &r.led {
        Some(e) => reading_beside(e),
        None => record_no_reading().into(),
    }
}

/// The report's title (its first line, and the share sheet's title).
pub fn report_title(kb: &Kb, r: &Record) -> String {
    ft(k::REPORT_TITLE, &[("model", &model_name(kb, &r.model))])
}

/// The report, as plain text a support agent reads in seconds (in the person's language: they
/// write to support in it). Ids (the pattern's, the version) are kept as they are.
pub fn report(kb: &Kb, r: &Record) -> String {
    let mut out = vec![
        report_title(kb, r),
        ft(k::REPORT_CHECKED, &[("date", &date_time(r.stamp())), ("offset", &utc_offset(r.utc_offset_min))]),
    ];
    match &r.led {
        Some(e) => {
            out.push(ft(k::REPORT_CAMERA, &[("reading", &reading(e))]));
            let mut details = vec![ft(k::REPORT_PATTERN, &[("id", e.pattern.id())])];
            details.extend(e.colour.map(|c| f(k::REPORT_COLOUR, &[("c", Arg::Colour(c))])));
            if matches!(e.pattern, PatternKind::Burst | PatternKind::Flash) {
                details.push(f(k::REPORT_FLASHES, &[("n", Arg::Int(e.flash_count as u64))]));
            }
            details.extend(e.preceded_by.map(|b| f(k::REPORT_AFTER, &[("b", Arg::Colour(b))])));
            details.extend(e.period_s.map(|p| f(k::REPORT_PERIOD, &[("p", Arg::Dec(p, 1))])));
            details.push(f(k::REPORT_WATCHED, &[("s", Arg::Int(whole(e.observed_s)))]));
            details.push(f(k::REPORT_CONFIDENCE, &[("p", Arg::Int(whole(e.confidence.clamp(0.0, 1.0) * 100.0)))]));
            out.push(format!("  {}", aside(&details.join(t(k::LIST_SEP))).trim_start()));
            for o in &e.also {
                out.push(format!("  {}", ft(k::REPORT_ALSO_LIT, &[("light", &other_light(o))])));
            }
        }
        None => out.push(report_no_reading().into()),
    }
    if !r.answers.is_empty() {
        out.push(report_answers().into());
        for (q, a) in &r.answers {
            let q = kb.question(q);
            let said = q.and_then(|q| q.answers.iter().find(|x| &x.id == a)).map(|x| x.text.clone()).unwrap_or_else(|| a.clone());
            out.push(format!("- {} {said}", q.map(|q| q.text.clone()).unwrap_or_default()));
        }
    }
    out.push(report_causes().into());
    for (i, (c, p)) in r.causes.iter().enumerate() {
        out.push(format!("{}. {}{}{}", i + 1, cause_name(kb, c), lead_sep(), percent(shown_share(*p as f64 / 1000.0))));
    }
    if !r.steps.is_empty() {
        out.push(report_steps().into());
        for s in &r.steps {
            let step = kb.fix_steps(&s.cause, &r.model).into_iter().find(|x| x.key == s.key);
            let title = match &step {
                Some(x) => match &x.procedure {
                    Some(p) => format!("{p}{}{}", lead_sep(), x.step.title),
                    None => x.step.title.clone(),
                },
                None => s.key.clone(),
            };
            let did = match &s.action {
                StepAction::Done => report_step_done().into(),
                StepAction::Skip => report_step_skipped().into(),
                StepAction::NextCause => report_step_next_cause().into(),
                StepAction::Answer(a) => {
                    let said = step.as_ref().and_then(|x| x.step.check.as_ref()).and_then(|c| c.answer(a)).map(|x| x.text.clone());
                    ft(k::REPORT_STEP_ANSWERED, &[("answer", &said.unwrap_or_else(|| a.clone()))])
                }
            };
            out.push(format!("- {} › {title}{}{did}", cause_name(kb, &s.cause), lead_sep()));
        }
    }
    out.push(ft(k::REPORT_OUTCOME, &[("outcome", &outcome_in_full(kb, r))]));
    out.push(ft(k::REPORT_APP, &[("version", &r.app)]));
    out.join("\n")
}
