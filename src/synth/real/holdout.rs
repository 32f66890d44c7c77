//! Random realistic scenes.
use super::RealCase;
pub fn real_holdout(_seed: u64, _n: usize) -> Vec<RealCase> { Vec::new() }
