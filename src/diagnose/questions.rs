//! Picks the next question. Without a camera reading, the reading by eye comes first. Then, while
//! no cause is confident (top cause below `CONFIDENT`), the unanswered question most likely to
//! leave a confident verdict, and among those the one expected to leave the clearest ranking
//! (largest expected probability of the top cause, i.e. the least expected error); once the top
//! cause is confident, the question that best tells the remaining causes apart (largest expected
//! information gain). Questions with too little expected information gain are never asked; when
//! none is left the verdict is settled. Questions the reading already answers (`told_by`) are not
//! asked. Only questions that fit the model are asked, with the answers offered on it.
use super::{Belief, Inputs};
use crate::kb::{Kb, Model, Question};
use serde::{Deserialize, Serialize};

/// Below this expected gain a question is not worth the user's time.
const MIN_GAIN_BITS: f64 = 0.02;

/// The top cause's probability from which the verdict counts as confident.
pub const CONFIDENT: f64 = 0.8;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextQuestion {
    pub question_id: String,
    /// Expected reduction of uncertainty, in bits.
    pub gain_bits: f64,
    /// Probability that the answer leaves a confident verdict.
    pub settle_chance: f64,
    /// Expected probability of the top cause after the answer.
    pub expected_top: f64,
    /// Whether some answer to it would put another cause on top.
    pub can_change_top: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QuestionChoice {
    Ask(NextQuestion),
    /// No remaining question is worth asking: answers could not change the verdict.
    Settled,
}

impl QuestionChoice {
    pub fn question_id(&self) -> Option<&str> {
        match self {
            QuestionChoice::Ask(q) => Some(&q.question_id),
            QuestionChoice::Settled => None,
        }
    }
}

fn entropy(p: &[f64]) -> f64 {
    p.iter().filter(|&&x| x > 0.0).map(|&x| -x * x.log2()).sum()
}

fn argmax(p: &[f64]) -> usize {
    p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i).unwrap_or(0)
}

fn open(inputs: &Inputs, model: &Model, q: &Question) -> bool {
    let done = inputs.answers.contains_key(&q.id) || inputs.skipped.contains(&q.id);
    let read_by_camera = q.reading_by_eye && inputs.led.is_some();
    !done && !read_by_camera && !told(inputs, q) && q.fits(model)
}

/// The reading already says what `q` asks (`Question::told_by`): asking would ask what is known.
fn told(inputs: &Inputs, q: &Question) -> bool {
    let Some(by) = &q.told_by else { return false };
    let seen = by.after.is_some() && inputs.led.as_ref().is_some_and(|e| e.preceded_by == by.after);
    let said = by.answers.iter().any(|(qid, ids)| inputs.answers.get(qid).is_some_and(|a| ids.contains(a)));
    seen || said
}

/// The next question, and whether the top cause is final: no answer to any question left (however
/// little it is worth asking) would put another cause on top.
pub(super) fn choose(kb: &Kb, inputs: &Inputs, belief: &Belief) -> (QuestionChoice, bool) {
    let prior = belief.probabilities();
    let causes: Vec<&str> = belief.causes.iter().map(|c| c.id.as_str()).collect();
    let model = belief.model;
    let open_questions: Vec<&Question> = kb.questions.iter().filter(|q| open(inputs, model, q)).collect();
    let top_is_final = !open_questions.iter().any(|q| changes_top(q, model, &causes, &prior));
    // Every diagnosis starts from what the light does: without a camera reading, the reading by
    // eye comes first, as it would with a person on the phone.
    if inputs.led.is_none() {
        if let Some(q) = open_questions.iter().find(|q| q.reading_by_eye) {
            if let Some(ask) = score(q, model, &causes, &prior) {
                return (QuestionChoice::Ask(ask), top_is_final);
            }
        }
    }
    // Once the leader is confident, every question "keeps" the verdict whose answers change
    // little, so settling no longer tells questions apart: the one that best tells the remaining
    // causes apart (the largest expected information gain) comes first.
    let confident = top_probability(&prior) >= CONFIDENT;
    let mut best: Option<NextQuestion> = None;
    for q in &open_questions {
        let Some(candidate) = score(q, model, &causes, &prior) else { continue };
        // Settling counts most; the clearer ranking decides between questions that settle alike.
        let rank = |n: &NextQuestion| if confident { n.gain_bits } else { n.settle_chance + 0.5 * n.expected_top };
        let better = |b: &NextQuestion| (rank(&candidate), candidate.gain_bits) > (rank(b) + 1e-9, b.gain_bits);
        if best.as_ref().is_none_or(better) {
            best = Some(candidate);
        }
    }
    let choice = match best {
        Some(q) => QuestionChoice::Ask(q),
        None => QuestionChoice::Settled,
    };
    (choice, top_is_final)
}

fn changes_top(q: &Question, model: &Model, causes: &[&str], prior: &[f64]) -> bool {
    let top = argmax(prior);
    outcomes(q, model, causes, prior).iter().any(|(_, post)| argmax(post) != top)
}

/// For each answer of `q` offered on `model`: its probability and the belief after it.
fn outcomes(q: &Question, model: &Model, causes: &[&str], prior: &[f64]) -> Vec<(f64, Vec<f64>)> {
    q.answers_on(model)
        .into_iter()
        .filter_map(|a| {
            let joint: Vec<f64> = causes.iter().zip(prior).map(|(c, p)| p * q.likelihood_on(c, a, model).unwrap_or(0.0)).collect();
            let p_answer: f64 = joint.iter().sum();
            (p_answer > 0.0).then(|| (p_answer, joint.iter().map(|j| j / p_answer).collect()))
        })
        .collect()
}

fn top_probability(p: &[f64]) -> f64 {
    p.iter().cloned().fold(0.0, f64::max)
}

/// What asking `q` is expected to bring; None when its information gain is too small to be worth
/// asking.
fn score(q: &Question, model: &Model, causes: &[&str], prior: &[f64]) -> Option<NextQuestion> {
    let h0 = entropy(prior);
    let top = argmax(prior);
    let (mut expected_h, mut expected_top, mut settle_chance) = (0.0, 0.0, 0.0);
    let mut can_change_top = false;
    for (p_answer, post) in outcomes(q, model, causes, prior) {
        expected_h += p_answer * entropy(&post);
        let post_top = top_probability(&post);
        expected_top += p_answer * post_top;
        if post_top >= CONFIDENT {
            settle_chance += p_answer;
        }
        can_change_top |= argmax(&post) != top;
    }
    let gain = h0 - expected_h;
    (gain >= MIN_GAIN_BITS).then(|| NextQuestion { question_id: q.id.clone(), gain_bits: gain, settle_chance, expected_top, can_change_top })
}
