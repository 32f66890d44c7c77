//! Synthetic video generator (placeholder).
