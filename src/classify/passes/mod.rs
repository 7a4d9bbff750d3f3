//! Stage two with the learned scorer: named passes over the model's
//! probabilities, each leaving a [`Decision`] in the page's trace.
//!
//! The model (`learned`) gives each block a probability of being content;
//! the passes turn probabilities into labels, in this order:
//!
//! 1. [`threshold`]: content where the probability reaches the threshold
//!    (moved by `--precision` / `--recall`);
//! 2. [`second_opinion`] (HTML): where the model is unsure, the
//!    heuristics' label stands;
//! 3. [`hidden`]: blocks the markup hides from readers are dropped;
//! 4. [`veto`] (dumps): short lines stage one calls boilerplate on their own text
//!    (a dateline, a widget phrase, a copyright) stay dropped unless the
//!    model is sure;
//! 5. [`short_run`] (dumps): the unsure kept lines of a mostly dropped run of short
//!    lines (a menu) are dropped;
//! 6. [`continuation`] (dumps): unsure prose right after a kept block is
//!    kept (an article's last paragraphs);
//! 7. [`bridge`]: an unsure block between two kept blocks is kept (a
//!    subheading), unless stage one calls it boilerplate;
//! 8. [`siblings`] (HTML): a dropped prose paragraph sitting directly in
//!    an element whose paragraphs are mostly kept is kept (a long
//!    story's later paragraphs);
//! 9. [`echo`]: an unsure short kept line before the marker that closes
//!    the article, repeated after it (a teaser headline), is dropped;
//! 10. [`copies`] (HTML; the heuristics run it too): a kept block whose
//!     text a kept block in another part of the page already says (a
//!     template's second copy) is dropped;
//! 11. [`end_marker`]: the unsure kept blocks after that marker ("Related
//!     posts") are dropped, and, unless comments are wanted, every kept
//!     block under the page's one comment-thread heading ("12 Comments");
//! 12. [`comments`]: reader comments are kept with `--comments` (or on a
//!     discussion page) and dropped without;
//! 13. [`tiny_page`]: a page where nothing was kept and little stands is
//!     kept whole.
//!
//! Each pass owns its constants and says what it changed. This module does
//! not compute features or probabilities (`learned`), nor lift the title
//! and byline (`metadata`).

pub mod bridge;
pub mod comments;
pub mod continuation;
pub mod copies;
pub mod echo;
pub mod end_marker;
pub mod hidden;
pub mod second_opinion;
pub mod short_run;
pub mod siblings;
pub mod threshold;
pub mod tiny_page;
pub mod veto;

use serde::Serialize;

use crate::block::{Block, Region, RegionHint, Verdict};
use crate::classify::block::BlockScore;
use crate::classify::Classification;
use crate::features::BlockFeatures;

/// What a pass decided on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// The pass (`threshold`, `second_opinion`, `hidden`, `veto`,
    /// `short_run`, `continuation`, `bridge`, `siblings`, `echo`, `copies`, `end_marker`,
    /// `comments`, `tiny_page`; on HTML pages also the extractor's
    /// `thread_posts`, fallbacks and metadata rankers).
    pub pass: &'static str,
    /// The region it acted on, when it acted on one.
    pub region: Option<u32>,
    /// What it did, in words.
    pub reason: String,
    /// Share of the page's characters it changed.
    pub share: f32,
    /// The blocks whose label it changed (the threshold pass labels every
    /// block and lists none).
    pub blocks: Vec<u32>,
}

/// The pass that last decided each of `n` blocks, from a page's trace.
pub fn deciding_pass(trace: &[Decision], n: usize) -> Vec<&'static str> {
    let first = trace.first().map_or("", |d| d.pass);
    let mut out = vec![first; n];
    for d in trace {
        for &b in &d.blocks {
            if let Some(slot) = out.get_mut(b as usize) {
                *slot = d.pass;
            }
        }
    }
    out
}

/// Options of the passes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PassOptions<'a> {
    /// Probability at or above which a block is content.
    pub threshold: f32,
    /// Keep reader comments (asked for, or the page is a discussion).
    pub comments: bool,
    /// The page is a text dump (no region tree).
    pub dump: bool,
    /// Passes not to run, by name ([`crate::ExtractorOptions::passes_off`]).
    pub off: &'a [String],
    /// The heuristics' label of each block, for [`second_opinion`] (HTML;
    /// `None` where it does not run).
    pub heuristics: Option<&'a [crate::block::Label]>,
}

/// What one block is to the passes.
pub struct Page<'a> {
    pub blocks: &'a [Block],
    pub feats: &'a [BlockFeatures],
    pub regions: &'a [Region],
    pub probabilities: &'a [f32],
    /// Stage-one scores (the hand-weighted evidence), for the passes that
    /// read them and for `--explain`.
    pub scores: &'a [BlockScore],
}

impl Page<'_> {
    /// Characters of the page.
    pub fn chars(&self) -> f32 {
        self.feats.iter().map(|f| f.chars as f32).sum::<f32>().max(1.0)
    }

    /// For each block, whether it lies inside a region marked `hint` (or
    /// below one).
    pub fn blocks_under(&self, hint: RegionHint) -> Vec<bool> {
        let marked = self.regions_under(|_, r| r.hint == hint);
        self.blocks.iter().map(|b| marked.get(b.shape.region as usize).copied().unwrap_or(false)).collect()
    }

    /// For each region, whether `marks` (of its index and the region)
    /// holds for it or for one of its ancestors.
    pub fn regions_under(&self, marks: impl Fn(usize, &Region) -> bool) -> Vec<bool> {
        let mut marked = vec![false; self.regions.len()];
        for (i, r) in self.regions.iter().enumerate() {
            let parent = i > 0 && marked.get(r.parent as usize).copied().unwrap_or(false);
            marked[i] = parent || marks(i, r);
        }
        marked
    }

    /// Characters of the blocks at `indices`, as a share of the page.
    pub fn share(&self, indices: impl Iterator<Item = usize>) -> f32 {
        indices.map(|i| self.feats[i].chars as f32).sum::<f32>() / self.chars()
    }

    /// Leave `pass`'s decision in `trace` when it relabelled any block
    /// (`changed`); `reason` says what it did to that many blocks.
    pub fn record(&self, trace: &mut Vec<Decision>, pass: &'static str, changed: &[usize], reason: impl FnOnce(usize) -> String) {
        if changed.is_empty() {
            return;
        }
        let share = self.share(changed.iter().copied());
        let blocks = changed.iter().map(|&i| i as u32).collect();
        trace.push(Decision { pass, region: None, reason: reason(changed.len()), share, blocks });
    }
}

/// Keep, in page order, each block the threshold dropped with a
/// probability of at least `floor` for which `fits(verdicts, i)` holds (a
/// block kept here counts as kept for the next); the indices kept. The
/// shared step of the passes that keep unsure blocks for their neighbours
/// (`continuation`, `bridge`, `siblings`).
fn keep_unsure(verdicts: &mut [Verdict], floor: f32, fits: impl Fn(&[Verdict], usize) -> bool) -> Vec<usize> {
    use crate::block::{Label, Reason};
    let mut kept = Vec::new();
    for i in 0..verdicts.len() {
        let v = verdicts[i];
        if v.label == Label::Boilerplate && v.reason == Reason::Model && v.score >= floor && fits(verdicts, i) {
            verdicts[i] = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
            kept.push(i);
        }
    }
    kept
}

/// Label the blocks of a page from their probabilities; `scores` are the
/// blocks' stage-one scores (as the model's rows read them). The decisions
/// go to `trace`.
pub fn run(
    blocks: &[Block],
    feats: &[BlockFeatures],
    regions: &[Region],
    probabilities: &[f32],
    scores: Vec<BlockScore>,
    opts: PassOptions<'_>,
    trace: &mut Vec<Decision>,
) -> Classification {
    let page = Page { blocks, feats, regions, probabilities, scores: &scores };
    let enabled = |pass: &str| !opts.off.iter().any(|p| p == pass);
    let mut verdicts: Vec<Verdict> = threshold::run(&page, opts.threshold, trace);
    if let Some(heuristics) = opts.heuristics.filter(|_| enabled("second_opinion")) {
        second_opinion::run(&page, opts.threshold, heuristics, &mut verdicts, trace);
    }
    hidden::run(&page, &mut verdicts, trace);
    // On dumps only: on HTML, out of fold with the same models, the veto
    // moved wcxb-dev / wcxb-rest / readability-dev / trafilatura-dev by
    // -0.0002 / -0.0001 / -0.0018 / +0.0012 and the short runs (list items
    // there, not menus) by -0.0012 / -0.0011 / 0.0000 / +0.0002.
    if opts.dump && enabled("veto") {
        veto::run(&page, &mut verdicts, trace);
    }
    if opts.dump && enabled("short_run") {
        short_run::run(&page, &mut verdicts, trace);
    }
    if opts.dump && enabled("continuation") {
        continuation::run(&page, &mut verdicts, trace);
    }
    if enabled("bridge") {
        bridge::run(&page, &mut verdicts, trace);
    }
    if !opts.dump && enabled("siblings") {
        siblings::run(&page, &mut verdicts, trace);
    }
    if enabled("echo") {
        echo::run(&page, &mut verdicts, trace);
    }
    if enabled("copies") {
        copies::run(&page, &mut verdicts, trace);
    }
    if enabled("end_marker") {
        end_marker::run(&page, &mut verdicts, opts.comments, trace);
    }
    comments::run(&page, opts.comments, opts.dump, &mut verdicts, trace);
    tiny_page::run(&page, &mut verdicts, trace);
    Classification { verdicts, scores, span: None }
}

/// A page of blocks given only by their probabilities and stage-one
/// classes, thresholded at [`threshold::BALANCED`], for the passes' unit
/// tests.
#[cfg(test)]
pub(crate) fn run_pass(
    probabilities: &[f32],
    classes: &[crate::classify::block::Class],
    pass: fn(&Page<'_>, &mut [Verdict], &mut Vec<Decision>),
) -> (Vec<crate::block::Label>, Vec<Decision>) {
    let texts: Vec<String> = (0..probabilities.len()).map(|i| format!("block {i}")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    run_pass_on(&texts, probabilities, classes, pass)
}

/// [`run_pass`] over blocks of `texts` (English), with their own features.
#[cfg(test)]
pub(crate) fn run_pass_on(
    texts: &[&str],
    probabilities: &[f32],
    classes: &[crate::classify::block::Class],
    pass: fn(&Page<'_>, &mut [Verdict], &mut Vec<Decision>),
) -> (Vec<crate::block::Label>, Vec<Decision>) {
    use crate::block::{BlockKind, Reason};
    let blocks: Vec<Block> = texts.iter().map(|&t| Block::new(t, BlockKind::Paragraph)).collect();
    let feats = crate::features::document_features(&blocks, Some("en"));
    let scores: Vec<BlockScore> = classes.iter().map(|&class| BlockScore { score: 0.0, class, reason: Reason::Score }).collect();
    let page = Page { blocks: &blocks, feats: &feats, regions: &[], probabilities, scores: &scores };
    let mut trace = Vec::new();
    let mut verdicts = threshold::run(&page, threshold::BALANCED, &mut trace);
    trace.clear();
    pass(&page, &mut verdicts, &mut trace);
    (verdicts.iter().map(|v| v.label).collect(), trace)
}
