//! Part of `make bench`: how the question policy does for simulated people. For every model and
//! every cause that applies to it, people answer by drawing from the knowledge base's own
//! likelihood tables (so answers are noisy, as real ones are), with no camera reading. Prints how
//! often the verdict reached `CONFIDENT`, how often the top cause was right, and how many
//! questions it took. Figures, not pass/fail.
use blink_doctor::diagnose::{diagnose, Inputs, QuestionChoice, CONFIDENT};
use blink_doctor::kb::Kb;
use blink_doctor::synth::Rng;
use std::collections::BTreeMap;

/// An answer index drawn with the given weights.
fn pick(rng: &mut Rng, weights: &[f64]) -> usize {
    let mut r = rng.unit() * weights.iter().sum::<f64>();
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            return i;
        }
        r -= w;
    }
    weights.len() - 1
}

const PEOPLE_PER_CASE: usize = 40;
const MAX_QUESTIONS: usize = 8;

fn main() {
    let kb = Kb::builtin();
    let mut rng = Rng::new(2026);
    let (mut cases, mut right, mut confident, mut confident_right) = (0usize, 0usize, 0usize, 0usize);
    let mut asked_counts = Vec::new();
    for model in &kb.models {
        for cause in kb.causes_for(&model.id) {
            for _ in 0..PEOPLE_PER_CASE {
                let mut inputs = Inputs { model: model.id.clone(), answers: BTreeMap::new(), ..Default::default() };
                let d = loop {
                    let Ok(d) = diagnose(kb, &inputs) else { return };
                    let top = d.top().map(|t| t.probability).unwrap_or(0.0);
                    let next = match &d.next {
                        QuestionChoice::Ask(q) if top < CONFIDENT && inputs.answers.len() < MAX_QUESTIONS => q.question_id.clone(),
                        _ => break d,
                    };
                    let Some(q) = kb.question(&next) else { break d };
                    let answer = pick(&mut rng, q.likelihoods(&cause.id));
                    inputs.answers.insert(next, q.answers[answer].id.clone());
                };
                let Some(top) = d.top() else { continue };
                cases += 1;
                asked_counts.push(inputs.answers.len() as f64);
                right += usize::from(top.cause_id == cause.id);
                if top.probability >= CONFIDENT {
                    confident += 1;
                    confident_right += usize::from(top.cause_id == cause.id);
                }
            }
        }
    }
    asked_counts.sort_by(f64::total_cmp);
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    println!("\n== questions alone, simulated people ({cases} people: every model x cause x {PEOPLE_PER_CASE}, answers drawn from the tables) ==");
    println!(
        "  reached {:.0} % confidence: {:.1} % (right when confident: {:.1} %); top cause right: {:.1} %",
        CONFIDENT * 100.0,
        pct(confident, cases),
        pct(confident_right, confident),
        pct(right, cases)
    );
    println!(
        "  answers given (incl. the reading by eye): median {}, mean {:.2}, worst {}",
        asked_counts[asked_counts.len() / 2],
        asked_counts.iter().sum::<f64>() / cases.max(1) as f64,
        asked_counts.last().copied().unwrap_or(0.0)
    );
}
