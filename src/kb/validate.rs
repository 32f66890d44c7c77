//! Checks a knowledge base for the mistakes a human editor can make: duplicate or malformed ids,
//! dangling references, facts without a source, models without a reset, likelihoods that are not
//! probabilities, questions or steps that fit no device, checks that lead nowhere. Returns every
//! problem found, in plain words.
use super::{fits, FixStep, Kb, Then};
use std::collections::BTreeSet;

pub fn validate(kb: &Kb) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |msg: String| problems.push(msg);

    let source_ids = unique_ids("source", kb.sources.iter().map(|s| s.id.as_str()), &mut p);
    let model_ids = unique_ids("model", kb.models.iter().map(|m| m.id.as_str()), &mut p);
    let cause_ids = unique_ids("cause", kb.causes.iter().map(|c| c.id.as_str()), &mut p);
    unique_ids("question", kb.questions.iter().map(|q| q.id.as_str()), &mut p);

    let check_source = |what: &str, id: &str, p: &mut dyn FnMut(String)| {
        if !source_ids.contains(id) {
            p(format!("{what}: source '{id}' is not a [[source]]"));
        }
    };
    let check_steps = |what: &str, steps: &[FixStep], p: &mut dyn FnMut(String)| {
        if steps.is_empty() {
            p(format!("{what}: has no steps"));
        }
        unique_ids(&format!("{what} step"), steps.iter().map(|s| s.id.as_str()), p);
        for (i, s) in steps.iter().enumerate() {
            let at = format!("{what} step {}", s.id);
            if s.text.trim().is_empty() || s.title.trim().is_empty() {
                p(format!("{at}: empty text or title"));
            }
            if let Some(t) = s.timer {
                if t.seconds == 0 {
                    p(format!("{at}: timer of 0 s"));
                }
            }
            if let Some(check) = &s.check {
                if check.question.trim().is_empty() || check.answers.len() < 2 {
                    p(format!("{at}: a check needs a question and at least two answers"));
                }
                unique_ids(&format!("{at} check answer"), check.answers.iter().map(|a| a.id.as_str()), p);
                if let Some(qid) = &check.same_as {
                    match kb.question(qid) {
                        None => p(format!("{at}: check is the same as question '{qid}', which is not a [[question]]")),
                        Some(q) => {
                            for a in &check.answers {
                                if let Some(aid) = &a.same_as {
                                    if q.answer_index(aid).is_none() {
                                        p(format!("{at}: answer {} is the same as '{aid}', which question {qid} does not offer", a.id));
                                    }
                                }
                            }
                        }
                    }
                } else if check.answers.iter().any(|a| a.same_as.is_some()) {
                    p(format!("{at}: an answer says what it is the same as, but the check names no question"));
                }
                for a in &check.answers {
                    if let Then::Goto(target) = &a.then {
                        if !steps[i + 1..].iter().any(|later| &later.id == target) {
                            p(format!("{at}: answer {} goes to '{target}', which is not a later step", a.id));
                        }
                    }
                }
            }
            if s.reset && s.check.is_some() {
                p(format!("{at}: a reset step expands into the reset procedure and cannot have its own check"));
            }
            check_source(&at, &s.source, p);
        }
    };

    for m in &kb.models {
        check_source(&format!("model {}", m.id), &m.source, &mut p);
        check_source(&format!("model {} looks", m.id), &m.looks.source, &mut p);
        if m.kind != "camera" && m.kind != "hub" {
            p(format!("model {}: kind '{}' is neither camera nor hub", m.id, m.kind));
        }
        if (m.power == super::Power::Batteries) != m.batteries.is_some() {
            p(format!("model {}: says which batteries exactly when it runs on batteries", m.id));
        }
        let by_eye = kb.questions.iter().filter(|q| q.reading_by_eye && q.fits(m)).count();
        if by_eye != 1 {
            p(format!("model {}: needs exactly one reading-by-eye question that fits it (has {by_eye})", m.id));
        }
        for r in &m.reset {
            check_source(&format!("model {} reset {}", m.id, r.id), &r.source, &mut p);
            check_steps(&format!("model {} reset {}", m.id, r.id), &r.steps, &mut p);
        }
        if kb.resets_for(&m.id).is_empty() {
            p(format!("model {}: has no reset procedure", m.id));
        }
    }
    for r in &kb.reset_procedures {
        check_source(&format!("reset procedure {}", r.id), &r.source, &mut p);
        check_steps(&format!("reset procedure {}", r.id), &r.steps, &mut p);
        if r.models.is_empty() {
            p(format!("reset procedure {}: serves no model", r.id));
        }
        for m in &r.models {
            if !model_ids.contains(m.as_str()) {
                p(format!("reset procedure {}: unknown model '{m}'", r.id));
            }
        }
    }
    for m in &kb.models {
        if !(1..=2).contains(&m.lights) {
            p(format!("model {}: {} status lights (the reading knows one or two)", m.id, m.lights));
        }
    }
    for c in &kb.causes {
        let what = format!("cause {}", c.id);
        check_source(&what, &c.source, &mut p);
        // A second light only means something on models that have one.
        for (i, sig) in c.signatures.iter().enumerate().filter(|(_, s)| s.with.is_some()) {
            let single = c.models.iter().filter(|m| kb.model(m).is_none_or(|m| m.lights < 2)).collect::<Vec<_>>();
            if !single.is_empty() {
                p(format!("{what} signature {}: names a second light, but {single:?} have one light", i + 1));
            }
            if sig.with.map(|w| Some(w.colour)) == Some(sig.colour) {
                p(format!("{what} signature {}: the second light has the first one's colour", i + 1));
            }
        }
        match &c.nothing_to_fix {
            Some(note) if c.fix.is_empty() => check_source(&format!("{what} nothing to fix"), &note.source, &mut p),
            Some(_) => p(format!("{what}: has both fix steps and nothing_to_fix")),
            None => {
                check_steps(&format!("{what} fix"), &c.fix, &mut p);
                for m in kb.models.iter().filter(|m| c.applies_to(&m.id)) {
                    if kb.fix_steps(&c.id, &m.id).is_empty() {
                        p(format!("{what}: no fix step fits model {}", m.id));
                    }
                }
            }
        }
        // A cause whose light looks like another's on some model says what sets it apart.
        let shares_a_look = kb.causes.iter().filter(|o| o.id != c.id && o.models.iter().any(|m| c.applies_to(m))).any(|o| {
            c.signatures.iter().any(|s| o.signatures.iter().any(|t| s.same_look(t)))
        });
        match &c.apart {
            Some(note) => check_source(&format!("{what} apart"), &note.source, &mut p),
            None if shares_a_look => p(format!("{what}: looks like another cause on some model, but says nothing of what sets it apart (apart)")),
            None => {}
        }
        if c.models.is_empty() {
            p(format!("{what}: applies to no model"));
        }
        for m in &c.models {
            if !model_ids.contains(m.as_str()) {
                p(format!("{what}: unknown model '{m}'"));
            }
        }
        for (m, prior) in std::iter::once(("all", &c.prior)).chain(c.prior_by_model.iter().map(|(m, v)| (m.as_str(), v))) {
            if !(*prior > 0.0 && *prior <= 1.0) {
                p(format!("{what}: prior {prior:.3} for {m} is not in (0, 1]"));
            }
        }
        let model_refs = c.prior_by_model.keys().chain(c.model_notes.keys()).chain(c.fix.iter().flat_map(|s| s.models.iter()));
        for m in model_refs {
            if !c.applies_to(m) {
                p(format!("{what}: names model '{m}' it does not apply to"));
            }
        }
        for (m, note) in &c.model_notes {
            check_source(&format!("{what} note for {m}"), &note.source, &mut p);
        }
        let total: f64 = c.signatures.iter().map(|s| s.weight).sum();
        if c.signatures.is_empty() || total > 1.0 + 1e-9 {
            p(format!("{what}: signature weights must exist and sum to at most 1 (sum {total:.3})"));
        }
        for s in &c.signatures {
            if s.weight <= 0.0 {
                p(format!("{what}: a signature has weight {} (must be > 0)", s.weight));
            }
            if let Some([lo, hi]) = s.count {
                if lo > hi || lo == 0 {
                    p(format!("{what}: flash count range [{lo}, {hi}] is empty or starts at 0"));
                }
            }
        }
    }
    for q in &kb.questions {
        let what = format!("question {}", q.id);
        check_source(&what, &q.source, &mut p);
        let model_refs = q.models.iter().chain(q.answers.iter().flat_map(|a| a.models.iter()));
        for m in model_refs {
            if !model_ids.contains(m.as_str()) {
                p(format!("{what}: unknown model '{m}'"));
            }
        }
        let fitting: Vec<_> = kb.models.iter().filter(|m| q.fits(m)).collect();
        if fitting.is_empty() {
            p(format!("{what}: fits no model"));
        }
        for m in &fitting {
            let offered = q.answers.iter().filter(|a| fits(&a.models, &a.power, m)).count();
            if offered < 2 {
                p(format!("{what}: offers {offered} answer(s) on model {}", m.id));
            }
        }
        for key in q.likelihood.keys() {
            if let Some(c) = kb.cause(key) {
                if !fitting.iter().any(|m| c.applies_to(&m.id)) {
                    p(format!("{what}: likelihood for cause '{key}', which no model it is asked on has"));
                }
            }
        }
        if let Some(by) = &q.told_by {
            if q.reading_by_eye {
                p(format!("{what}: the reading by eye cannot be told by the reading"));
            }
            for (qid, ids) in &by.answers {
                match kb.question(qid) {
                    None => p(format!("{what}: told by question '{qid}', which is not a [[question]]")),
                    Some(other) => {
                        for id in ids.iter().filter(|id| other.answer_index(id).is_none()) {
                            p(format!("{what}: told by answer '{id}', which question {qid} does not offer"));
                        }
                    }
                }
            }
        }
        let n = q.answers.len();
        if n < 2 {
            p(format!("{what}: needs at least two answers"));
        }
        unique_ids(&format!("{what} answer"), q.answers.iter().map(|a| a.id.as_str()), &mut p);
        let tables = std::iter::once(("default", &q.default)).chain(q.likelihood.iter().map(|(k, v)| (k.as_str(), v)));
        for (key, row) in tables {
            if key != "default" && !cause_ids.contains(key) {
                p(format!("{what}: likelihood for unknown cause '{key}'"));
            }
            let sum: f64 = row.iter().sum();
            if row.len() != n || (sum - 1.0).abs() > 1e-6 || row.iter().any(|&x| x <= 0.0) {
                let got: Vec<String> = row.iter().map(|x| format!("{x:.3}")).collect();
                p(format!("{what}: '{key}' must give {n} positive probabilities summing to 1 (got {})", got.join(", ")));
            }
        }
    }
    problems
}

/// Records duplicates and malformed ids (lowercase letters, digits and single hyphens).
fn unique_ids<'a>(kind: &str, ids: impl Iterator<Item = &'a str>, p: &mut dyn FnMut(String)) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        let well_formed = !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--")
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            p(format!("{kind} id '{id}' is not lowercase-kebab-case"));
        }
        if !seen.insert(id) {
            p(format!("{kind} id '{id}' appears twice"));
        }
    }
    seen
}
