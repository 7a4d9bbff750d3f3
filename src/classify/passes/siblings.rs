//! The siblings pass: a prose paragraph the model dropped is kept when it
//! sits directly in an element whose other paragraphs are mostly kept.
//! Readability's reading of a page: the story is an element's run of
//! paragraphs, and a paragraph of that run is the story's wherever it
//! falls. The model reads position and the page's length, and on a long
//! story it can drop the later paragraphs of the very element whose first
//! ones it keeps (a 75,000-character novella in one `<td>`).
//!
//! It keeps only paragraphs stage one calls prose on their own text
//! ([`Class::Good`]), only in an element where the kept paragraphs hold
//! most of the text ([`KEPT_SHARE`]), and never a block another pass
//! dropped. HTML only: a dump has one region.
//!
//! Measured (session 43), learned scorer on the same fold models
//! (`scripts/train --reuse --only html --no-export`): readability-dev
//! shingle 0.9637 -> 0.9652 (one page up, `clean-links`, 0.69 -> 0.88: the
//! later two thirds of a novella kept), trafilatura-dev segment 0.9469 and
//! wcxb-dev word 0.8666 unchanged, wcxb-rest word 0.8866 unchanged (three
//! pages down by under 0.005 each, one wcxb-dev page up and one down).
//! Without [`MIN_SENTENCES`]: readability-dev 0.9655, and a one-line
//! newsletter promo kept on a trafilatura-dev page (segment 0.9466).

use super::{keep_unsure, Decision, Page};
use crate::block::{BlockKind, Label, Verdict};
use crate::classify::block::Class;

/// Share of the characters of an element's direct paragraphs that must be
/// kept for the rest to follow (a round prior: most of it).
pub const KEPT_SHARE: f32 = 0.5;

/// Fewest direct paragraphs an element needs for the pass to read it as a
/// run (a round prior).
pub const MIN_PARAGRAPHS: usize = 4;

/// Fewest sentences of a paragraph the pass keeps: a run of prose, not a
/// one-line promo that shares the story's element (a round prior).
pub const MIN_SENTENCES: u16 = 2;

/// Keep the dropped prose paragraphs of elements whose paragraphs are mostly kept.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let n = page.regions.len();
    if n == 0 {
        return;
    }
    // The element a paragraph sits in: its region, or the region's parent
    // when the region is the paragraph's own element (`<p>`).
    let region_of = |i: usize| {
        let r = (page.blocks[i].shape.region as usize).min(n - 1);
        let own = &page.regions[r];
        if own.end_block.saturating_sub(own.first_block) <= 1 { (own.parent as usize).min(n - 1) } else { r }
    };
    let is_paragraph = |i: usize| page.blocks[i].kind == BlockKind::Paragraph;
    let element: Vec<usize> = (0..verdicts.len()).map(region_of).collect();
    // Per region: paragraphs, their characters, and the kept ones'.
    let mut count = vec![0usize; n];
    let mut chars = vec![0f32; n];
    let mut kept = vec![0f32; n];
    for (i, v) in verdicts.iter().enumerate() {
        if !is_paragraph(i) {
            continue;
        }
        let r = element[i];
        let c = page.feats[i].chars as f32;
        count[r] += 1;
        chars[r] += c;
        if v.label == Label::Content {
            kept[r] += c;
        }
    }
    let mostly_kept = |r: usize| r != 0 && count[r] >= MIN_PARAGRAPHS && kept[r] >= KEPT_SHARE * chars[r];
    // Any probability: the element, not the model, vouches for the paragraph.
    let changed = keep_unsure(verdicts, 0.0, |_, i| {
        is_paragraph(i) && mostly_kept(element[i]) && page.scores[i].class == Class::Good && page.feats[i].sentences >= MIN_SENTENCES
    });
    page.record(trace, "siblings", &changed, |n| format!("{n} dropped prose paragraphs of an element whose paragraphs are mostly kept"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{Block, Reason, Region, RegionHint};
    use crate::classify::block::{BlockScore, Class::Good};

    const PROSE: &str = "The clerk looked up from his desk. He said nothing, and went back to his copying.";

    /// Blocks of `PROSE` in one `<td>` (region 1), each paragraph its own
    /// `<p>` region under it, the threshold's labels from `probabilities`;
    /// the labels after the pass.
    fn run_on(probabilities: &[f32], sentences_each: bool) -> (Vec<Label>, Vec<Decision>) {
        let text = if sentences_each { PROSE } else { "Read our newsletter for more stories like this one today" };
        let mut blocks: Vec<Block> = probabilities.iter().map(|_| Block::new(text, BlockKind::Paragraph)).collect();
        let mut regions = vec![Region::root(RegionHint::None, blocks.len() as u32)];
        regions.push(Region { parent: 0, tag: "td", depth: 1, ..Region::root(RegionHint::None, blocks.len() as u32) });
        for (i, b) in blocks.iter_mut().enumerate() {
            b.shape.region = regions.len() as u32;
            let at = i as u32;
            regions.push(Region { parent: 1, tag: "p", depth: 2, first_block: at, end_block: at + 1, ..Region::root(RegionHint::None, 0) });
        }
        let feats = crate::features::document_features(&blocks, Some("en"));
        let scores: Vec<BlockScore> = blocks.iter().map(|_| BlockScore { score: 0.0, class: Good, reason: Reason::Score }).collect();
        let page = Page { blocks: &blocks, feats: &feats, regions: &regions, probabilities, scores: &scores };
        let mut trace = Vec::new();
        let mut verdicts = super::super::threshold::run(&page, super::super::threshold::BALANCED, &mut trace);
        trace.clear();
        run(&page, &mut verdicts, &mut trace);
        (verdicts.iter().map(|v| v.label).collect(), trace)
    }

    #[test]
    fn dropped_prose_of_a_mostly_kept_element_is_kept() {
        let (labels, trace) = run_on(&[0.9, 0.95, 0.8, 0.02, 0.01, 0.9], true);
        assert!(labels.iter().all(|&l| l == Label::Content), "{labels:?}");
        assert_eq!(trace.len(), 1);
        assert_eq!(trace[0].pass, "siblings");
        assert_eq!(trace[0].blocks, vec![3, 4]);
    }

    #[test]
    fn a_mostly_dropped_element_keeps_its_labels() {
        let (labels, trace) = run_on(&[0.9, 0.1, 0.2, 0.02, 0.01, 0.3], true);
        assert_eq!(labels.iter().filter(|&&l| l == Label::Content).count(), 1, "{labels:?}");
        assert!(trace.is_empty());
    }

    #[test]
    fn a_one_sentence_line_and_a_short_run_are_left_alone() {
        let (labels, _) = run_on(&[0.9, 0.95, 0.8, 0.02, 0.9], false);
        assert_eq!(labels[3], Label::Boilerplate, "a one-sentence promo in the story's element stays dropped");
        let (labels, _) = run_on(&[0.9, 0.9, 0.02], true);
        assert_eq!(labels[2], Label::Boilerplate, "three paragraphs are too few to read as a run");
    }
}
