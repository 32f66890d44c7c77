//! LED reading (placeholder until the signal core lands).
