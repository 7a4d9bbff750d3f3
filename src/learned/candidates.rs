//! Readability-style candidate containers, as columns of the block rows.
//!
//! Readability's method (Arc90, 2009; Mozilla's Readability.js today): each
//! paragraph of 25 characters or more scores `1 + commas + min(chars / 100,
//! 3)`, and gives that score to its container whole, to the container's
//! parent halved, and to three more ancestors divided by three times their
//! level. A container starts from its tag (`div` +5, `pre`/`td`/
//! `blockquote` +3, lists and forms -3, headings -5) and its class and id
//! (+25 / -25: here the markup lexicon's region hint), and ends scaled by
//! one minus its link density. The best container is the article; its
//! siblings join it when they score at least a fifth of it (10 at least),
//! and sibling paragraphs when they read as prose.
//!
//! This module only measures: the learned scorer reads where each block
//! stands against the best container ([`COLUMNS`]); it decides nothing.

use crate::block::{Block, BlockKind, Region, RegionHint};
use crate::features::BlockFeatures;

use super::vector::flag;

/// Column names, in the order [`columns`] writes them.
pub const COLUMNS: [&str; 5] = [
    // The block lies in the best container.
    "cand_top",
    // The block lies in the best container or in a sibling that joins it.
    "cand_kept",
    // The best score among the block's scored ancestors, over the best
    // container's (0 when none scored).
    "cand_ancestor_ratio",
    // The best container's share of the page's characters.
    "cand_top_chars_share",
    // Levels from the best container down to the block (-1 outside).
    "cand_top_below",
];

/// A paragraph shorter than this (characters) gives no score.
const MIN_PARAGRAPH_CHARS: u32 = 25;
/// Ancestors a paragraph's score reaches.
const ANCESTORS: usize = 5;
/// What a class or id worth noting adds or takes.
const CLASS_WEIGHT: f32 = 25.0;
/// A sibling joins the best container when it scores this share of it...
const SIBLING_SHARE: f32 = 0.2;
/// ...and at least this.
const SIBLING_MIN: f32 = 10.0;
/// A sibling paragraph joins when this long and at most this link-dense.
const SIBLING_PARAGRAPH_CHARS: u32 = 80;
const SIBLING_PARAGRAPH_LINKS: f32 = 0.25;

/// One block's candidate columns.
pub type Columns = [f32; COLUMNS.len()];

fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(hint: RegionHint) -> f32 {
    match hint {
        RegionHint::Content => CLASS_WEIGHT,
        RegionHint::Drop | RegionHint::Comments | RegionHint::Hidden => -CLASS_WEIGHT,
        RegionHint::None | RegionHint::Weak => 0.0,
    }
}

/// Whether Readability scores a block of this kind (paragraphs, code,
/// sub-headings and table cells; not list items).
fn scored(kind: BlockKind) -> bool {
    match kind {
        BlockKind::Paragraph | BlockKind::Code | BlockKind::TableRow => true,
        BlockKind::Heading { level } => level >= 2,
        BlockKind::ListItem { .. } | BlockKind::Quote => false,
    }
}

/// The element a block stands for: its region when it holds this block
/// alone (a `<p>`), else a paragraph inside that region.
fn first_ancestor(regions: &[Region], block: usize, r0: usize) -> Option<usize> {
    let r = regions.get(r0)?;
    let alone = r.first_block as usize == block && r.end_block as usize == block + 1;
    if !alone {
        return Some(r0);
    }
    (r0 != 0).then_some(r.parent as usize)
}

/// The ancestors a block's score reaches, nearest first: at most
/// [`ANCESTORS`], never the root.
fn ancestors(regions: &[Region], block: usize, r0: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(first_ancestor(regions, block, r0), |&r| Some(regions[r].parent as usize))
        .take(ANCESTORS)
        .take_while(|&r| r != 0)
}

/// Candidate columns of every block. `link_density` is each region's share
/// of linked characters.
pub fn columns(blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], link_density: &[f32]) -> Vec<Columns> {
    let n = blocks.len();
    let last = regions.len().saturating_sub(1);
    let region_of = |i: usize| (blocks[i].shape.region as usize).min(last);
    let mut score: Vec<Option<f32>> = vec![None; regions.len()];
    for (i, f) in feats.iter().enumerate() {
        if f.chars < MIN_PARAGRAPH_CHARS || !scored(blocks[i].kind) {
            continue;
        }
        let gain = 1.0 + f32::from(f.commas) + (f.chars / 100).min(3) as f32;
        for (level, r) in ancestors(regions, i, region_of(i)).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            let region = &regions[r];
            let s = score[r].get_or_insert_with(|| tag_weight(region.tag) + class_weight(region.hint));
            *s += gain / divider;
        }
    }
    let finals: Vec<Option<f32>> = score
        .iter()
        .enumerate()
        .map(|(r, s)| s.map(|s| s * (1.0 - link_density.get(r).copied().unwrap_or(0.0))))
        .collect();
    let top = finals
        .iter()
        .enumerate()
        .filter_map(|(r, s)| s.map(|s| (r, s)))
        .fold(None, |best: Option<(usize, f32)>, (r, s)| if best.is_none_or(|(_, b)| s > b) { Some((r, s)) } else { best });
    let Some((top, top_score)) = top.filter(|&(_, s)| s > 0.0) else {
        return vec![[0.0, 0.0, 0.0, 0.0, -1.0]; n];
    };
    let page_chars: f32 = feats.iter().map(|f| f.chars as f32).sum();
    // A region's blocks, within the page's.
    let range = |r: usize| (regions[r].first_block as usize).min(n)..(regions[r].end_block as usize).min(n);
    let mut kept = vec![false; n];
    kept[range(top)].iter_mut().for_each(|k| *k = true);
    let threshold = (top_score * SIBLING_SHARE).max(SIBLING_MIN);
    let parent = regions[top].parent as usize;
    if top != 0 {
        for (r, region) in regions.iter().enumerate().skip(1) {
            if r == top || region.parent as usize != parent {
                continue;
            }
            let joins = finals[r].is_some_and(|s| s >= threshold) || {
                let blocks_in = range(r);
                blocks_in.len() == 1 && region.tag == "p" && {
                    let f = &feats[blocks_in.start];
                    let density = link_density.get(r).copied().unwrap_or(0.0);
                    (f.chars >= SIBLING_PARAGRAPH_CHARS && density < SIBLING_PARAGRAPH_LINKS) || (density == 0.0 && f.sentence_end && f.chars > 0)
                }
            };
            if joins {
                kept[range(r)].iter_mut().for_each(|k| *k = true);
            }
        }
    }
    let top_range = range(top);
    let top_chars: f32 = feats[top_range.clone()].iter().map(|f| f.chars as f32).sum();
    let top_share = if page_chars > 0.0 { top_chars / page_chars } else { 0.0 };
    (0..n)
        .map(|i| {
            let r0 = region_of(i);
            let best = ancestors(regions, i, r0).filter_map(|r| finals[r]).fold(0.0f32, |best, s| best.max(s / top_score));
            let inside = top_range.contains(&i);
            let below = if inside { f32::from(regions[r0].depth.saturating_sub(regions[top].depth)) } else { -1.0 };
            [flag(inside), flag(kept[i]), best, top_share, below]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::document_features;

    /// A nav list and an article of three paragraphs in a div.
    fn page() -> (Vec<Block>, Vec<Region>) {
        let prose = "The council met on Tuesday, and agreed to a new budget for the schools of the town, which will grow.";
        let mut blocks = vec![Block::new("Home", BlockKind::ListItem { depth: 1 }), Block::new("News", BlockKind::ListItem { depth: 1 })];
        for _ in 0..3 {
            blocks.push(Block::new(prose, BlockKind::Paragraph));
        }
        let region = |parent, tag, depth, first, end| Region { parent, tag, hint: RegionHint::None, depth, first_block: first, end_block: end, signature: 0, dialog: false, tab_panel: false };
        let regions = vec![
            Region::root(RegionHint::None, 5),
            region(0, "ul", 1, 0, 2),
            region(1, "li", 2, 0, 1),
            region(1, "li", 2, 1, 2),
            region(0, "div", 1, 2, 5),
            region(4, "p", 2, 2, 3),
            region(4, "p", 2, 3, 4),
            region(4, "p", 2, 4, 5),
        ];
        for (i, r) in [2, 3, 5, 6, 7].into_iter().enumerate() {
            blocks[i].shape.region = r;
        }
        (blocks, regions)
    }

    #[test]
    fn the_div_of_paragraphs_is_the_best_container() {
        let (blocks, regions) = page();
        let feats = document_features(&blocks, Some("en"));
        let cols = columns(&blocks, &feats, &regions, &[0.0; 8]);
        assert_eq!(cols[0][0], 0.0, "the nav is outside");
        assert_eq!(cols[2][0], 1.0);
        assert_eq!(cols[4][1], 1.0);
        assert_eq!(cols[3][2], 1.0, "the paragraph's parent is the best container");
        assert_eq!(cols[3][4], 1.0, "one level below it");
        assert!(cols[3][3] > 0.9);
    }

    #[test]
    fn link_density_sinks_a_container() {
        let (blocks, regions) = page();
        let feats = document_features(&blocks, Some("en"));
        let mut density = [0.0; 8];
        density[4] = 1.0;
        let cols = columns(&blocks, &feats, &regions, &density);
        assert_eq!(cols[2][0], 0.0, "an all-link div is no article");
    }
}
