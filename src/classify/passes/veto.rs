//! The veto pass: a short block that stage one calls boilerplate for what
//! it says on its own (a dateline or relative time such as "2h ago", a
//! widget phrase, a copyright notice, a low score), not for where it stands, stays
//! boilerplate unless the model is sure it is content.
//!
//! The model reads stage one's evidence as one column among many and, next
//! to body paragraphs, can keep such a line: on text dumps its labels cover
//! a few percent of the blocks, and a "2h ago" under a headline is rarely
//! among them. This pass does not look at neighbours or regions.

use super::{Decision, Page};
use crate::block::{Label, Reason, Verdict};
use crate::classify::block::Class;

/// Most words of a block the veto applies to: the reasons it trusts are
/// read off short lines; a long block with a dateline in it is prose.
pub const VETO_MAX_WORDS: u32 = 8;
/// Probability at or above which the model overrules the veto.
pub const VETO_OVERRULE: f32 = 0.8;

/// Whether stage one's `reason` is read off the block's own text. A low
/// stage-one score (a short line without function words or sentence
/// punctuation, such as a photo caption) joined the three in session 17:
/// out of fold on the dumps, on the same fold models, 0.9011 -> 0.9014.
fn context_free(reason: Reason) -> bool {
    matches!(reason, Reason::Dateline | Reason::Widget | Reason::Legal | Reason::LowScore)
}

/// Drop kept blocks that stage one vetoes.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let mut changed = Vec::new();
    for (i, v) in verdicts.iter_mut().enumerate() {
        let s = page.scores[i];
        let vetoed = s.class == Class::Bad && context_free(s.reason) && page.feats[i].words <= VETO_MAX_WORDS;
        if v.label == Label::Content && v.reason == Reason::Model && vetoed && v.score < VETO_OVERRULE {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: s.reason };
            changed.push(i);
        }
    }
    page.record(trace, "veto", &changed, |n| format!("{n} short blocks stage one calls boilerplate on their own text"));
}
