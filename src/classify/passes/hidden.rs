//! The hidden pass: what the markup hides from readers (`hidden`,
//! `display:none`, `visibility:hidden`, `aria-hidden`) is dropped with its
//! subtree, however much prose it holds, unless the hidden element wraps
//! most of what the model keeps: a page hidden whole until a script shows
//! it (a loader, an A/B-test wrapper) is the page a reader sees. Nor is a
//! tab set's hidden panel dropped when a shown panel beside it keeps text:
//! it holds the same content for another choice, one click away, and the
//! model's verdicts on its blocks stand.
//!
//! This pass does not decide what is hidden (the front end marks the
//! regions) nor keep anything the threshold dropped.

use super::{Decision, Page};
use crate::block::{hidden_tabs_beside_shown, Label, Reason, Region, RegionHint, Verdict};

/// A hidden region (not a dialog) is spared when its subtree holds at least
/// this share of the characters the threshold kept on the page. Measured
/// out of fold on the same fold models (`scripts/train --reuse --only
/// html`; wcxb-dev / wcxb-rest word, readability-dev shingle,
/// trafilatura-dev segment): never spared 0.8555 / 0.8784 / 0.9508 / 0.937;
/// 0.5: 0.8588 / 0.8800 / 0.9479 / 0.937 (readability-dev's
/// `visibility-hidden`, a hidden half of an article, kept); the six wrappers
/// spared on the WCXB pages hold 0.99-1.0 of the kept text, so 0.9, the
/// heuristics' `HIDDEN_GUARD_SHARE`, keeps them and drops that half.
pub const SPARED_SHARE: f32 = 0.9;

/// Drop the content blocks inside hidden regions, sparing a hidden wrapper
/// of most of the kept text and hidden tab panels beside a shown one that
/// keeps text ([`hidden_tabs_beside_shown`]).
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    // Kept characters before each block, so a region's kept text is one
    // subtraction over its block range.
    let mut kept_before = Vec::with_capacity(verdicts.len() + 1);
    let mut sum = 0.0f32;
    kept_before.push(0.0);
    for (v, f) in verdicts.iter().zip(page.feats) {
        if v.label == Label::Content {
            sum += f.chars as f32;
        }
        kept_before.push(sum);
    }
    let kept_in = |first: u32, end: u32| {
        let at = |i: u32| kept_before.get(i as usize).copied().unwrap_or(sum);
        at(end) - at(first)
    };
    let wraps_the_page = |r: &Region| !r.dialog && sum > 0.0 && kept_in(r.first_block, r.end_block) >= SPARED_SHARE * sum;
    let tabs_shown = hidden_tabs_beside_shown(page.regions, |_, r| kept_in(r.first_block, r.end_block) > 0.0);
    let beside_shown_tab = |i: usize| tabs_shown.get(i).copied().unwrap_or(false);
    let marked = |i: usize, r: &Region| r.hint == RegionHint::Hidden && !beside_shown_tab(i);
    let hidden = page.regions_under(|i, r| marked(i, r) && !wraps_the_page(r));
    // The wrappers and tab panels spared, not counting one inside a hidden
    // region dropped whole (a dialog).
    let spared = page.regions.iter().enumerate().zip(&hidden).filter(|&((i, r), &under)| marked(i, r) && !under).count();
    let tabs = tabs_shown.iter().zip(&hidden).filter(|&(&t, &under)| t && !under).count();
    let mut dropped = Vec::new();
    for (i, (v, b)) in verdicts.iter_mut().zip(page.blocks).enumerate() {
        if v.label == Label::Content && hidden.get(b.shape.region as usize).copied().unwrap_or(false) {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Markup };
            dropped.push(i);
        }
    }
    let mut kept = Vec::new();
    if spared > 0 {
        kept.push(format!("{spared} hidden wrapper(s) of most of the kept text spared"));
    }
    if tabs > 0 {
        kept.push(format!("{tabs} hidden tab panel(s) beside a shown one spared"));
    }
    if dropped.is_empty() {
        if !kept.is_empty() {
            trace.push(Decision { pass: "hidden", region: None, reason: kept.join("; "), share: 0.0, blocks: Vec::new() });
        }
        return;
    }
    page.record(trace, "hidden", &dropped, |n| match kept.is_empty() {
        true => format!("{n} hidden blocks dropped"),
        false => format!("{n} hidden blocks dropped ({})", kept.join("; ")),
    });
}
