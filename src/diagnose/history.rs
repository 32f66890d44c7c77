//! The checks kept on this phone: one `Record` per check (when, model, what the camera saw, the
//! answers, the ranked causes, the steps done and how it ended). A record is also the content of
//! the report a person shares with support (`words::report` puts it into words).
//!
//! Stored as one line of text per check, under its own key (`KEY_PREFIX` + id), so a damaged or
//! unknown entry costs only itself. The line is versioned (`VERSION` first) and holds only stable
//! ids and whole numbers, never display names or positions of enum variants: a record written today
//! reads the same after the knowledge base or the app's types change. A line that does not read
//! (another version, damage) is ignored.
use super::{Action, Diagnosis, Position, Session};
use crate::kb::Kb;
use crate::led::{LedColour, LedEvidence, OtherLight, PatternKind};

/// Storage keys of the records: this prefix and the record's id.
pub const KEY_PREFIX: &str = "blink-doctor.check.";
/// The format of a stored line; a line of any other version is not read.
pub const VERSION: &str = "1";
/// At most this many checks are kept; the oldest go first.
pub const MAX_KEPT: usize = 50;
/// The same cause on the same model within this many days is a repeat worth mentioning.
pub const REPEAT_DAYS: u64 = 30;
/// At most this many causes are kept per check (the report's ranking).
const CAUSES_KEPT: usize = 6;
const DAY_MS: u64 = 86_400_000;

/// How the check ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Left before the walkthrough ended (or no walkthrough).
    Open,
    /// A check's answer showed the problem gone while fixing this cause.
    Fixed(String),
    /// Nothing helped: on to Blink support.
    Support,
}

/// One step of the walkthrough as it was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub cause: String,
    /// The step's key (`<cause>/<step>` or `reset/<procedure>/<step>`).
    pub key: String,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// When the check was made (its first verdict), in ms since 1970 (UTC); also its id.
    pub id: u64,
    /// The phone's offset from UTC then, in minutes (east positive).
    pub utc_offset_min: i32,
    pub model: String,
    /// The camera reading (times and fractions kept to the millisecond and the thousandth).
    pub led: Option<LedEvidence>,
    /// (question id, answer id), in the knowledge base's order.
    pub answers: Vec<(String, String)>,
    /// (cause id, share in thousandths), most likely first.
    pub causes: Vec<(String, u16)>,
    pub steps: Vec<Taken>,
    pub outcome: Outcome,
    /// The app version that made the check.
    pub app: String,
}

/// A moment in the phone's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl Record {
    /// The record of `session`'s check (id `id`), or None while there is nothing to rank by.
    pub fn of(kb: &Kb, session: &Session, d: &Diagnosis, id: u64, utc_offset_min: i32) -> Option<Record> {
        let inputs = session.inputs();
        if !inputs.has_evidence() || d.model != inputs.model {
            return None;
        }
        let answers = kb.questions.iter().filter_map(|q| inputs.answers.get(&q.id).map(|a| (q.id.clone(), a.clone()))).collect();
        let causes = d
            .ranked
            .iter()
            .enumerate()
            .filter(|(i, r)| *i == 0 || r.probability >= 0.005)
            .take(CAUSES_KEPT)
            .map(|(_, r)| (r.cause_id.clone(), (r.probability.clamp(0.0, 1.0) * 1000.0).round() as u16))
            .collect();
        let (steps, outcome) = match session.plan() {
            Some(plan) => {
                let steps = plan.taken(kb, plan.len()).into_iter().map(|(cause, key, action)| Taken { cause, key, action }).collect();
                let outcome = match plan.state_at(kb, plan.len()).position {
                    Position::Fixed { cause_id } => Outcome::Fixed(cause_id),
                    Position::Support => Outcome::Support,
                    Position::Step { .. } => Outcome::Open,
                };
                (steps, outcome)
            }
            None => (Vec::new(), Outcome::Open),
        };
        let led = inputs.led.clone().map(|mut e| {
            // What the stored form keeps, so a record reads back as it was made.
            let ms = |s: f64| (s * 1000.0).round() / 1000.0;
            e.period_s = e.period_s.map(ms);
            e.duty = e.duty.map(ms);
            e.observed_s = ms(e.observed_s);
            e.confidence = ms(e.confidence);
            e.also.iter_mut().for_each(|o| o.period_s = o.period_s.map(ms));
            e
        });
        Some(Record { id, utc_offset_min, model: inputs.model.clone(), led, answers, causes, steps, outcome, app: env!("CARGO_PKG_VERSION").into() })
    }

    /// The most likely cause.
    pub fn top(&self) -> Option<&str> {
        self.causes.first().map(|(c, _)| c.as_str())
    }

    /// When the check was made, in the phone's time then.
    pub fn stamp(&self) -> Stamp {
        stamp(self.id, self.utc_offset_min)
    }

    /// The storage key of this record.
    pub fn key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.id)
    }

    /// The record as one line of text (see the module's notes).
    pub fn encode(&self) -> String {
        let led = match &self.led {
            None => "-".to_string(),
            Some(e) => {
                let mut f = vec![
                    e.pattern.id().to_string(),
                    opt(e.colour.map(LedColour::id)),
                    e.flash_count.to_string(),
                    opt(e.preceded_by.map(LedColour::id)),
                    opt(e.period_s.map(milli)),
                    opt(e.duty.map(milli)),
                    milli(e.observed_s),
                    milli(e.confidence),
                ];
                f.extend(e.also.iter().map(|o| format!("{}:{}:{}", o.pattern.id(), o.colour.id(), opt(o.period_s.map(milli)))));
                f.join(",")
            }
        };
        let answers: Vec<String> = self.answers.iter().map(|(q, a)| format!("{q}={a}")).collect();
        let causes: Vec<String> = self.causes.iter().map(|(c, p)| format!("{c}={p}")).collect();
        let steps: Vec<String> = self
            .steps
            .iter()
            .map(|t| {
                let a = match &t.action {
                    Action::Done => "done".to_string(),
                    Action::Skip => "skip".to_string(),
                    Action::NextCause => "next".to_string(),
                    Action::Answer(id) => format!("a:{id}"),
                };
                format!("{}={}={a}", t.cause, t.key)
            })
            .collect();
        let outcome = match &self.outcome {
            Outcome::Open => "open".to_string(),
            Outcome::Support => "support".to_string(),
            Outcome::Fixed(c) => format!("fixed:{c}"),
        };
        [VERSION.to_string(), self.id.to_string(), self.utc_offset_min.to_string(), self.model.clone(), led, answers.join(";"), causes.join(";"), steps.join(";"), outcome, self.app.clone()]
            .join("|")
    }

    /// A stored line, or None when it is not one of this version (or damaged).
    pub fn decode(line: &str) -> Option<Record> {
        let f: Vec<&str> = line.trim_end().split('|').collect();
        let [version, id, offset, model, led, answers, causes, steps, outcome, app] = f[..] else { return None };
        if version != VERSION || model.is_empty() {
            return None;
        }
        let led = match led {
            "-" => None,
            led => {
                let f: Vec<&str> = led.split(',').collect();
                let colour = |s: &str| if s == "-" { Some(None) } else { LedColour::from_id(s).map(Some) };
                let seconds = |s: &str| if s == "-" { Some(None) } else { unmilli(s).map(Some) };
                let also = f.get(8..).unwrap_or_default().iter().map(|o| {
                    let [p, c, period] = o.split(':').collect::<Vec<_>>()[..] else { return None };
                    Some(OtherLight { pattern: PatternKind::from_id(p)?, colour: LedColour::from_id(c)?, period_s: seconds(period)? })
                });
                Some(LedEvidence {
                    pattern: PatternKind::from_id(f.first()?)?,
                    colour: colour(f.get(1)?)?,
                    flash_count: f.get(2)?.parse().ok()?,
                    preceded_by: colour(f.get(3)?)?,
                    period_s: seconds(f.get(4)?)?,
                    duty: seconds(f.get(5)?)?,
                    observed_s: unmilli(f.get(6)?)?,
                    confidence: unmilli(f.get(7)?)?,
                    also: also.collect::<Option<Vec<_>>>()?,
                })
            }
        };
        let answers = pairs(answers)?.into_iter().map(|(q, a)| (q.to_string(), a.to_string())).collect();
        let causes = pairs(causes)?.into_iter().map(|(c, p)| Some((c.to_string(), p.parse().ok()?))).collect::<Option<Vec<_>>>()?;
        let steps = list(steps)
            .map(|t| {
                let [cause, key, a] = t.split('=').collect::<Vec<_>>()[..] else { return None };
                let action = match a {
                    "done" => Action::Done,
                    "skip" => Action::Skip,
                    "next" => Action::NextCause,
                    a => Action::Answer(a.strip_prefix("a:")?.to_string()),
                };
                Some(Taken { cause: cause.to_string(), key: key.to_string(), action })
            })
            .collect::<Option<Vec<_>>>()?;
        let outcome = match outcome {
            "open" => Outcome::Open,
            "support" => Outcome::Support,
            o => Outcome::Fixed(o.strip_prefix("fixed:").filter(|c| !c.is_empty())?.to_string()),
        };
        Some(Record { id: id.parse().ok()?, utc_offset_min: offset.parse().ok()?, model: model.to_string(), led, answers, causes, steps, outcome, app: app.to_string() })
    }
}

fn opt(s: Option<impl ToString>) -> String {
    s.map(|s| s.to_string()).unwrap_or_else(|| "-".into())
}

/// Seconds (or a fraction) as whole thousandths: the stored form has no decimal points.
fn milli(x: f64) -> String {
    ((x * 1000.0).round().clamp(0.0, u32::MAX as f64) as u32).to_string()
}

fn unmilli(s: &str) -> Option<f64> {
    s.parse::<u32>().ok().map(|m| m as f64 / 1000.0)
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').filter(|x| !x.is_empty())
}

fn pairs(s: &str) -> Option<Vec<(&str, &str)>> {
    list(s).map(|p| p.split_once('=').filter(|(a, b)| !a.is_empty() && !b.is_empty())).collect()
}

/// True when `id` can be stored as it is (the knowledge base's ids are kebab-case).
pub fn storable(id: &str) -> bool {
    !id.is_empty() && !id.contains(['|', ';', ',', '=', ':', '\n'])
}

/// The id in a storage key of a record, or None for any other key.
pub fn id_of_key(key: &str) -> Option<u64> {
    key.strip_prefix(KEY_PREFIX)?.parse().ok()
}

/// The records among stored (key, value) pairs, newest first. Other keys, lines that do not read
/// and lines whose id is not their key's are left out.
pub fn read_all<K: AsRef<str>, V: AsRef<str>>(entries: impl IntoIterator<Item = (K, V)>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for (k, v) in entries {
        let Some(r) = id_of_key(k.as_ref()).and_then(|id| Record::decode(v.as_ref()).filter(|r| r.id == id)) else { continue };
        // Newest first (a few dozen at most: an insertion keeps the code small).
        let at = out.iter().position(|o| o.id < r.id).unwrap_or(out.len());
        out.insert(at, r);
    }
    out
}

/// The ids to delete so that at most `MAX_KEPT` records stay (`records` newest first), never
/// `keep` (the check being saved).
pub fn overflow(records: &[Record], keep: u64) -> Vec<u64> {
    records.iter().filter(|r| r.id != keep).skip(MAX_KEPT.saturating_sub(1)).map(|r| r.id).collect()
}

/// The oldest record other than `keep`, to make room when storage is full.
pub fn oldest_except(records: &[Record], keep: u64) -> Option<u64> {
    records.iter().rev().find(|r| r.id != keep).map(|r| r.id)
}

/// An earlier check of the same model that found the same most likely cause within
/// `REPEAT_DAYS` before `current` (the latest such), unless that cause is a normal state.
pub fn repeat_of<'a>(kb: &Kb, records: &'a [Record], current: &Record) -> Option<&'a Record> {
    let top = current.top()?;
    if kb.cause(top).is_none_or(|c| c.is_normal()) {
        return None;
    }
    records
        .iter()
        .filter(|r| r.id < current.id && current.id - r.id <= REPEAT_DAYS * DAY_MS)
        .filter(|r| r.model == current.model && r.top() == Some(top))
        .max_by_key(|r| r.id)
}

/// `ms` since 1970 (UTC) shifted by `offset_min`, as a calendar date and time.
pub fn stamp(ms: u64, offset_min: i32) -> Stamp {
    let local = ms as i64 / 1000 + offset_min as i64 * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    // Days to the civil calendar (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
    Stamp { year, month, day, hour: (secs / 3600) as u8, minute: (secs % 3600 / 60) as u8 }
}
