//! The hidden pass: what the markup hides from readers (`hidden`,
//! `display:none`, `visibility:hidden`, `aria-hidden`) is dropped with its
//! subtree, however much prose it holds. A reader never sees it, so it is
//! never the page's content, whatever the model makes of its text.

use super::{Decision, Page};
use crate::block::{Label, Reason, RegionHint, Verdict};

/// Drop the content blocks inside hidden regions.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let hidden = page.blocks_under(RegionHint::Hidden);
    let mut dropped = Vec::new();
    for (i, (v, &hidden)) in verdicts.iter_mut().zip(&hidden).enumerate() {
        if v.label == Label::Content && hidden {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Markup };
            dropped.push(i);
        }
    }
    page.record(trace, "hidden", &dropped, |n| format!("{n} hidden blocks dropped"));
}
