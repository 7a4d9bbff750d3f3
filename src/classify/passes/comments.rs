//! The comments pass: reader comments follow `--comments` whatever the
//! model made of them. Comment-marked regions (`class="comments"`,
//! `id="comments"`, ...; `data/markup_hints.txt`) are the markup's own
//! statement; the model learned from pages whose comments are mostly not
//! content, but it sees a comment as text and can keep an eloquent one.
//!
//! - Option off (and the page not a discussion, whose posts are its
//!   content): content blocks inside comment regions are dropped.
//! - Option on: blocks inside comment regions that stand as text on their
//!   own (stage one does not call them boilerplate) are kept.

use super::{Decision, Page};
use crate::block::{Label, Reason, RegionHint, Verdict};
use crate::classify::block::Class;

/// Apply `keep` (the option, or a discussion page) to the blocks inside
/// comment-marked regions.
pub fn run(page: &Page<'_>, keep: bool, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let in_comments = page.blocks_under(RegionHint::Comments);
    let mut changed = Vec::new();
    for (i, (v, &comment)) in verdicts.iter_mut().zip(&in_comments).enumerate() {
        if !comment || v.reason != Reason::Model {
            continue;
        }
        if keep && v.label == Label::Boilerplate && page.scores[i].class != Class::Bad {
            *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
            changed.push(i);
        } else if !keep && v.label == Label::Content {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Markup };
            changed.push(i);
        }
    }
    let what = if keep { "kept" } else { "dropped" };
    page.record(trace, "comments", &changed, |n| format!("{n} comment blocks {what}"));
}
