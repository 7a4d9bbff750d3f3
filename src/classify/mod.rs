//! The scorer: labels every block as content or boilerplate.
//!
//! Two stages, jusText-style but with more evidence: `block` scores each
//! block on its own features; `context` reads neighbours (link lists, the
//! body span, undecided blocks between decided ones). All weights live in
//! `weights`. The classifier never looks at the input format: text dumps and
//! HTML reach it as the same blocks and features.

pub mod block;
pub mod context;
pub mod passes;
pub mod records;
pub mod threads;
pub mod tree;
pub mod weights;

use crate::block::{Block, Label, Verdict};
use crate::features::BlockFeatures;

/// The scorer's output for one document.
#[derive(Debug, Clone)]
pub struct Classification {
    pub verdicts: Vec<Verdict>,
    /// Stage-one scores (after link-list context), parallel to the blocks.
    pub scores: Vec<block::BlockScore>,
    /// The body span `[start, end)`, if any block carried content mass.
    pub span: Option<(usize, usize)>,
}

impl Classification {
    /// Characters of the blocks labelled content.
    pub fn kept_chars(&self, feats: &[BlockFeatures]) -> u32 {
        self.verdicts.iter().zip(feats).filter(|(v, _)| v.label == Label::Content).map(|(_, f)| f.chars).sum()
    }
}

/// Classify the blocks of one document.
pub fn classify(blocks: &[Block], feats: &[BlockFeatures]) -> Classification {
    let scores = blocks.iter().zip(feats).map(|(b, f)| block::score_block(b, f)).collect();
    classify_scored(blocks, feats, scores)
}

/// [`classify`] from the blocks' stage-one scores already computed (one
/// [`block::score_block`] per block, as the learned scorer's rows read
/// them), so a page scored by the model is not scored twice.
pub fn classify_scored(blocks: &[Block], feats: &[BlockFeatures], mut scores: Vec<block::BlockScore>) -> Classification {
    context::mark_link_lists(blocks, feats, &mut scores, None);
    let span = context::body_span(feats, &scores);
    let verdicts = context::label(feats, &scores, span);
    Classification { verdicts, scores, span }
}
