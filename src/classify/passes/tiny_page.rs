//! The tiny-page pass: a page with almost no text (a stub, a test page, a
//! single link list) where the model kept nothing is returned whole, less
//! what its markup hides: an empty result would lose all there is.

use super::{Decision, Page};
use crate::block::{Label, Reason, Verdict};

/// Longest page (characters, markup-dropped blocks aside) kept whole.
pub const TINY_PAGE_MAX_CHARS: u32 = crate::classify::weights::TINY_PAGE_MAX_CHARS;

/// Keep a tiny page whole when the model kept nothing (what the
/// `second_opinion` pass kept of it aside: the heuristics keep such a page
/// whole too, and a part of it would be neither's answer).
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    if verdicts.iter().any(|v| v.label == Label::Content && v.reason != Reason::SecondOpinion) {
        return;
    }
    let standing = |v: &Verdict| v.reason != Reason::Markup;
    let chars: u32 = verdicts.iter().zip(page.feats).filter(|(v, _)| standing(v)).map(|(_, f)| f.chars).sum();
    if chars == 0 || chars > TINY_PAGE_MAX_CHARS {
        return;
    }
    let mut kept = Vec::new();
    for (i, v) in verdicts.iter_mut().enumerate() {
        if standing(v) {
            *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
            kept.push(i);
        }
    }
    page.record(trace, "tiny_page", &kept, |_| format!("the model kept nothing; the page's {chars} characters kept whole"));
}
