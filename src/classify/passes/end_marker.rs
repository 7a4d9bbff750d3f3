//! The end-marker pass: after a marker that closes an article ("Related
//! posts", "Comments", "More from", an author box, a dated copyright line)
//! and that follows most of the kept text, the blocks the model kept
//! without being sure of them are dropped: what follows such a marker is
//! the related list, the bio and the footer, and a continuation of the
//! story reads as prose the model is sure of.
//!
//! Which markers close the page is the heuristics' own test
//! ([`closes_page`]): one that repeats or is mostly link text closes a
//! part, not the page, and is passed over.
//!
//! A comment-thread heading ("12 Comments", `context::thread_heading`),
//! the page's only one, after a story, drops everything kept
//! after it unless comments are wanted, however sure the model was: reader
//! comments are prose, and a thread without comment markup reads to the
//! model as more of the story. Measured on the same fold models
//! (`scripts/train --reuse --no-export`, session 34): out of fold
//! wcxb-rest gains on one page (word F1 +0.009 there), the other sets and
//! the dumps are unchanged; it is for the held-back older blogs and news
//! pages whose threads are plain `<div>`s.

use super::{Decision, Page};
use crate::block::{Label, Reason, Verdict};
use crate::classify::context::{closes_page, story_before, thread_heading};

/// Share of the kept characters that must precede the marker.
pub const END_BEFORE_SHARE: f32 = 0.6;
/// Kept blocks after the marker with a probability below this are dropped.
pub const END_UNSURE: f32 = 0.8;

/// The block that closes the page: the first closing marker after at
/// least [`END_BEFORE_SHARE`] of the kept characters. `None` without one.
pub fn find(page: &Page<'_>, verdicts: &[Verdict]) -> Option<usize> {
    let kept = |v: &Verdict| v.label == Label::Content;
    let total: f32 = verdicts.iter().zip(page.feats).filter(|(v, _)| kept(v)).map(|(_, f)| f.chars as f32).sum();
    if total <= 0.0 {
        return None;
    }
    let mut before = 0.0f32;
    for (i, (v, f)) in verdicts.iter().zip(page.feats).enumerate() {
        if closes_page(f) && before >= END_BEFORE_SHARE * total {
            return Some(i);
        }
        if kept(v) {
            before += f.chars as f32;
        }
    }
    None
}

/// Drop the unsure kept blocks after the page's closing marker; when
/// comments are not wanted, every kept block after the page's one
/// comment-thread heading ([`thread_start`]).
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], comments: bool, trace: &mut Vec<Decision>) {
    if let Some(t) = (!comments).then(|| thread_start(page, verdicts)).flatten() {
        let changed = drop_after(verdicts, t, |_| true);
        page.record(trace, "end_marker", &changed, |n| format!("{n} blocks after the comment-thread heading at block {t}"));
    }
    let Some(m) = find(page, verdicts) else { return };
    let changed = drop_after(verdicts, m, |v| v.reason == Reason::Model && v.score < END_UNSURE);
    page.record(trace, "end_marker", &changed, |n| format!("{n} unsure blocks after the end marker at block {m}"));
}

/// Drop the kept blocks from `from` on for which `drop` holds; their indices.
fn drop_after(verdicts: &mut [Verdict], from: usize, drop: impl Fn(&Verdict) -> bool) -> Vec<usize> {
    let mut changed = Vec::new();
    for (i, v) in verdicts.iter_mut().enumerate().skip(from) {
        if v.label == Label::Content && drop(v) {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::AfterEnd };
            changed.push(i);
        }
    }
    changed
}

/// The page's one comment-thread heading (`context::thread_heading`) when
/// the kept blocks before it hold a story (`context::story_before`): the
/// thread under it answers that story. `None` without one.
pub fn thread_start(page: &Page<'_>, verdicts: &[Verdict]) -> Option<usize> {
    let t = thread_heading(page.blocks, page.feats)?;
    story_before(page.feats, 0..t, |i| verdicts[i].label == Label::Content).then_some(t)
}
