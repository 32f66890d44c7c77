//! Picks the next question: the unanswered one whose answer is expected to make the verdict most
//! reliable (largest expected probability of the top cause afterwards, i.e. the least expected
//! error), with expected information gain in bits breaking ties and gating questions not worth
//! asking. Says when no answer could change the verdict.
use super::{Belief, Inputs};
use crate::kb::Kb;
use serde::{Deserialize, Serialize};

/// Below this expected gain a question is not worth the user's time.
const MIN_GAIN_BITS: f64 = 0.02;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextQuestion {
    pub question_id: String,
    /// Expected reduction of uncertainty, in bits.
    pub gain_bits: f64,
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

pub(super) fn choose(kb: &Kb, inputs: &Inputs, belief: &Belief) -> QuestionChoice {
    let prior = belief.probabilities();
    let h0 = entropy(&prior);
    let top = argmax(&prior);
    let mut best: Option<NextQuestion> = None;
    for q in &kb.questions {
        if inputs.answers.contains_key(&q.id) || inputs.skipped.contains(&q.id) || (q.skip_with_camera && inputs.led.is_some()) {
            continue;
        }
        let mut expected_h = 0.0;
        let mut expected_top = 0.0;
        let mut can_change_top = false;
        for a in 0..q.answers.len() {
            let joint: Vec<f64> =
                belief.causes.iter().zip(&prior).map(|(c, p)| p * q.likelihoods(&c.id)[a]).collect();
            let p_answer: f64 = joint.iter().sum();
            if p_answer <= 0.0 {
                continue;
            }
            let post: Vec<f64> = joint.iter().map(|j| j / p_answer).collect();
            expected_h += p_answer * entropy(&post);
            expected_top += p_answer * post.iter().cloned().fold(0.0, f64::max);
            can_change_top |= argmax(&post) != top;
        }
        let gain = h0 - expected_h;
        let better = |b: &NextQuestion| {
            (expected_top, gain) > (b.expected_top + 1e-9, b.gain_bits)
        };
        if gain >= MIN_GAIN_BITS && best.as_ref().is_none_or(better) {
            best = Some(NextQuestion { question_id: q.id.clone(), gain_bits: gain, expected_top, can_change_top });
        }
    }
    match best {
        Some(q) => QuestionChoice::Ask(q),
        None => QuestionChoice::Settled,
    }
}
