//! What the learned rows read from the region tree: each region's subtree
//! sums (characters, link characters, content and selection mass, blocks),
//! the hints on its path from the root, its siblings of the same template,
//! and where the page's content mass concentrates.
//!
//! Measures only; `super::vector` turns these into columns.

use crate::block::{Block, Region, RegionHint};
use crate::classify::weights::SELECT_NEGATIVE_WEIGHT;
use crate::features::BlockFeatures;

use super::vector::flag;

/// What every region's subtree holds, and what its path from the root says.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RegionStats {
    pub chars: f32,
    pub link_chars: f32,
    pub positive: f32,
    pub selected: f32,
    pub blocks: f32,
    pub siblings_alike: f32,
    pub path_drop: f32,
    pub path_content: f32,
    pub path_comments: f32,
    pub path_weak: f32,
    pub path_hidden: f32,
    pub path_dialog: bool,
    pub path_article: bool,
    pub path_furniture: bool,
    pub path_form: bool,
    pub path_item: bool,
    pub path_siblings_alike: f32,
}

/// Subtree sums and path flags of every region.
pub(super) fn region_stats(regions: &[Region], blocks: &[Block], feats: &[BlockFeatures], mass: &[f32]) -> Vec<RegionStats> {
    let mut stats = vec![RegionStats::default(); regions.len()];
    // Path flags, parents first (pre-order).
    for (i, r) in regions.iter().enumerate() {
        let parent = if i == 0 { RegionStats::default() } else { stats.get(r.parent as usize).copied().unwrap_or_default() };
        let s = &mut stats[i];
        s.path_drop = parent.path_drop + flag(r.hint == RegionHint::Drop);
        s.path_content = parent.path_content + flag(r.hint == RegionHint::Content);
        s.path_comments = parent.path_comments + flag(r.hint == RegionHint::Comments);
        s.path_weak = parent.path_weak + flag(r.hint == RegionHint::Weak);
        s.path_hidden = parent.path_hidden + flag(r.hint == RegionHint::Hidden);
        s.path_dialog = parent.path_dialog || r.dialog;
        s.path_article = parent.path_article || matches!(r.tag, "article" | "main");
        s.path_furniture = parent.path_furniture || matches!(r.tag, "nav" | "aside" | "header" | "footer");
        s.path_form = parent.path_form || r.tag == "form";
        s.path_item = parent.path_item || matches!(r.tag, "li" | "td" | "th" | "tr" | "dd" | "dt");
    }
    // Siblings of one template (same parent and signature).
    let mut alike: foldhash::HashMap<(u32, u32), u32> = foldhash::HashMap::default();
    for r in regions.iter().skip(1) {
        *alike.entry((r.parent, r.signature)).or_default() += 1;
    }
    for (i, r) in regions.iter().enumerate().skip(1) {
        let n = alike.get(&(r.parent, r.signature)).copied().unwrap_or(1) as f32;
        stats[i].siblings_alike = n;
        let parent = stats.get(r.parent as usize).map_or(0.0, |p| p.path_siblings_alike);
        stats[i].path_siblings_alike = parent.max(n);
    }
    // Subtree sums: a block counts in its region, then a reverse pre-order
    // pass folds each region into its parent.
    let last = regions.len().saturating_sub(1);
    for ((b, f), &m) in blocks.iter().zip(feats).zip(mass) {
        let Some(s) = stats.get_mut((b.shape.region as usize).min(last)) else { continue };
        s.chars += f.chars as f32;
        s.link_chars += b.shape.link_chars as f32;
        s.positive += m.max(0.0);
        s.blocks += 1.0;
        let dropped = s.path_drop > 0.0 || s.path_hidden > 0.0;
        s.selected += if dropped {
            0.0
        } else if m >= 0.0 {
            m
        } else {
            SELECT_NEGATIVE_WEIGHT * m
        };
    }
    for i in (1..regions.len()).rev() {
        let p = regions[i].parent as usize;
        if p < i {
            let c = stats[i];
            let s = &mut stats[p];
            s.chars += c.chars;
            s.link_chars += c.link_chars;
            s.positive += c.positive;
            s.selected += c.selected;
            s.blocks += c.blocks;
        }
    }
    stats
}

/// The deepest container (a region of two blocks or more: one paragraph
/// is not a container) holding at least `share` of the page's positive mass.
pub(super) fn deepest_holding(regions: &[Region], stats: &[RegionStats], share: f32) -> Option<usize> {
    let total = stats.first()?.positive;
    if total <= 0.0 {
        return None;
    }
    let mut best: Option<usize> = None;
    for (i, (r, s)) in regions.iter().zip(stats).enumerate() {
        if s.blocks >= 2.0 && s.positive >= share * total && best.is_none_or(|b| r.depth > regions[b].depth) {
            best = Some(i);
        }
    }
    best
}

/// The region with the greatest selection mass (the first on ties).
pub(super) fn best_selected(stats: &[RegionStats]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, s) in stats.iter().enumerate() {
        if s.selected > 0.0 && best.is_none_or(|(_, b)| s.selected > b) {
            best = Some((i, s.selected));
        }
    }
    best.map(|(i, _)| i)
}

/// Whether region `inner` lies in (or is) region `outer`.
pub(super) fn within(regions: &[Region], inner: usize, outer: usize) -> bool {
    let (Some(i), Some(o)) = (regions.get(inner), regions.get(outer)) else { return false };
    o.first_block <= i.first_block && i.end_block <= o.end_block && o.depth <= i.depth && {
        // Blocks ranges can coincide for an element wrapping a single
        // child; climb to be sure.
        let mut k = inner;
        loop {
            if k == outer {
                break true;
            }
            if k == 0 {
                break false;
            }
            k = regions[k].parent as usize;
        }
    }
}
