//! The comments pass (`--comments`): reader comments are kept. The model
//! learned pages whose comments are not content, so with the option on,
//! the blocks inside comment-marked regions that stand as text on their
//! own (stage one does not call them boilerplate) are kept.

use super::{Decision, Page};
use crate::block::{Label, Reason, RegionHint, Verdict};
use crate::classify::block::Class;

/// Keep the comment blocks stage one does not reject.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let mut in_comments = vec![false; page.regions.len()];
    for (i, r) in page.regions.iter().enumerate() {
        let parent = if i == 0 { false } else { in_comments.get(r.parent as usize).copied().unwrap_or(false) };
        in_comments[i] = parent || r.hint == RegionHint::Comments;
    }
    let mut kept = Vec::new();
    for (i, (b, v)) in page.blocks.iter().zip(verdicts.iter_mut()).enumerate() {
        let comment = in_comments.get(b.shape.region as usize).copied().unwrap_or(false);
        if comment && v.label == Label::Boilerplate && v.reason == Reason::Model && page.scores[i].class != Class::Bad {
            *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
            kept.push(i);
        }
    }
    if !kept.is_empty() {
        let share = page.share(kept.iter().copied());
        trace.push(Decision { pass: "comments", region: None, reason: format!("{} comment blocks kept", kept.len()), share, blocks: kept.iter().map(|&i| i as u32).collect() });
    }
}
