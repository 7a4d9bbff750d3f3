//! The learned block scorer (issue 19): a feature row per block
//! ([`vector`]) read by gradient-boosted trees trained on the labelled dev
//! pages with site-grouped cross-validation (`scripts/train`).
//!
//! This module computes rows and evaluates the model; it does not train
//! (the trainer is Python, for authoring only) and it does not decide what
//! the page keeps (the passes in `classify` do, reading its probabilities).

pub mod candidates;
pub mod vector;
mod region_stats;
pub mod forest;
mod early_exit;
mod file;
mod compiled;
pub mod model;
