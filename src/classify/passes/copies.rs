//! The copies pass: a kept block whose text a kept block earlier in the
//! page already says, in another part of the page (not the same element,
//! a sibling or a cousin of it), is a template's second copy (a mobile and
//! a desktop rendering of one section, a carousel's cloned slides) and is
//! dropped: the reader reads the text once, and the metrics count it once.
//!
//! A text repeated inside one element or between siblings or cousins (a
//! refrain, a table's repeated cell, a test page of the same paragraph in
//! two `<div>`s of one article) is the text's own and stays. Text dumps have
//! one region, so the pass never acts on them. The text renderer's rule
//! (`render::text`: a long paragraph repeated more than a few blocks on is
//! written once) still applies after it, by distance alone; this pass
//! decides by where the copies sit, so it also takes shorter texts and
//! near copies, and its decision shows in `--explain`.
//!
//! Measured (session 42), learned scorer on the same fold models
//! (`scripts/train --reuse --only html --no-export`): wcxb-dev word 0.8646
//! -> 0.8666, wcxb-rest 0.8845 -> 0.8866, readability-dev shingle 0.9632
//! -> 0.9637, trafilatura-dev segment 0.9469 unchanged; heuristics
//! (`score.py` on the default binary): wcxb-dev 0.8552 -> 0.8571, wcxb-rest
//! 0.8644 -> 0.8660, readability-dev 0.9681 -> 0.9685, trafilatura-dev
//! 0.9416 unchanged; dumps and the samples byte-identical. With siblings
//! only as "the same part", readability-dev lost 0.0057: its test pages
//! repeat a paragraph in two `<div>`s of one `<article>` (cousins).

use foldhash::HashMap;

use super::{Decision, Page};
use crate::block::{Block, Label, Reason, Region, Verdict};
use crate::features::BlockFeatures;

/// Fewest characters of a block this pass drops: shorter texts ("Read
/// more", a price) recur for their own reasons. Chosen before the engine
/// was measured, from dropping repeated paragraphs out of the shipped
/// model's out-of-fold text: 20, 60 and 150 characters moved wcxb-dev by
/// +0.0017, +0.0016 and +0.0014.
pub const COPY_MIN_CHARS: u32 = 20;

/// Whether regions `a` and `b` are one element, siblings or cousins (one
/// grandparent): the same part of the page.
fn kin(regions: &[Region], a: usize, b: usize) -> bool {
    let up = |r: usize| regions.get(r).map_or(0, |x| x.parent as usize);
    a == b || up(a) == up(b) || up(up(a)) == up(up(b))
}

/// Drop the kept blocks an earlier kept block in another part of the page already says.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let changed = drop_later_copies(page.blocks, page.feats, page.regions, verdicts);
    page.record(trace, "copies", &changed, |n| format!("{n} kept blocks an earlier kept block elsewhere in the page repeats"));
}

/// The step of [`run`], for either scorer: label boilerplate each kept
/// block whose text an earlier kept block in another part of the page
/// says; the blocks changed. The heuristics keep no trace: a block this
/// drops shows in their `--explain` by its reason, `repeated`.
pub fn drop_later_copies(blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], verdicts: &mut [Verdict]) -> Vec<usize> {
    let mut changed = Vec::new();
    let Some(last) = regions.len().checked_sub(1) else { return changed };
    let region_of = |i: usize| (blocks[i].shape.region as usize).min(last);
    // The first kept block of each repeated text.
    let mut first: HashMap<&str, usize> = HashMap::default();
    for (i, ((v, f), b)) in verdicts.iter_mut().zip(feats).zip(blocks).enumerate() {
        if v.label != Label::Content || f.repeats == 0 || f.chars < COPY_MIN_CHARS {
            continue;
        }
        let text = b.text.trim();
        match first.get(text) {
            None => {
                first.insert(text, i);
            }
            Some(&j) if !kin(regions, region_of(i), region_of(j)) => {
                *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Repeated };
                changed.push(i);
            }
            Some(_) => {}
        }
    }
    changed
}
