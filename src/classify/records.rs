//! Repeated records: sibling regions cut from one template.
//!
//! Listings, card grids, product collections and threads hold their content
//! as many siblings built by the same template (the same tag and class
//! names): an entry of a search result list, a product card, a post. Each
//! record is short and often linked, so scored one block at a time it looks
//! like a menu. This module finds such groups (at least
//! `RECORD_MIN_SIBLINGS` siblings of one signature that carry text, more
//! than one block or `RECORD_RICH_WORDS` words each on average) and marks
//! the blocks inside them; `tree` then scores those blocks as records
//! rather than as stray headlines. It decides nothing on its own: menus are
//! one block of a few words a record and do not qualify, and boilerplate
//! regions are dropped by their markup before this evidence counts.

use crate::block::{Block, BlockKind, Region};
use crate::classify::weights::{
    RECORD_LINKED_SHARE, RECORD_MIN_BLOCKS, RECORD_MIN_SIBLINGS, RECORD_MIN_WORDS, RECORD_RICH_WORDS, TEASER_MAX_WORDS,
    TEASER_GROUP_SHARE, TEASER_TITLE_LINK_DENSITY, TEASER_TITLE_MIN_WORDS,
};
use crate::features::BlockFeatures;

/// Where a block stands with respect to repeated records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RecordMark {
    /// Not inside a record.
    #[default]
    None,
    /// Inside a record of a group whose text is mostly link text (teaser
    /// grids, product cards): links still count against its blocks.
    Linked,
    /// Inside a record of a group whose text is mostly plain (search
    /// results, entries, posts): links are part of the record.
    Plain,
}

/// Text a record carries: blocks holding words, the words, chars and link
/// chars.
#[derive(Debug, Clone, Copy, Default)]
struct RecordText {
    blocks: u32,
    words: u32,
    chars: f32,
    link_chars: f32,
}

/// Sibling regions of one signature that hold blocks, at least
/// `RECORD_MIN_SIBLINGS` of them, in pre-order of each group's first record
/// (so a group nested inside another's records comes later). Grouped by
/// sorting, with no map: a page has hundreds of regions, most alone in their group.
/// Also the candidate posts of `threads`.
pub(crate) fn sibling_groups(regions: &[Region]) -> Vec<Vec<usize>> {
    // Parent, signature and place of every region holding blocks, sorted:
    // each group is one run, its members in region order.
    let mut keyed: Vec<(u32, u32, usize)> =
        regions.iter().enumerate().skip(1).filter(|(_, r)| r.end_block > r.first_block).map(|(i, r)| (r.parent, r.signature, i)).collect();
    keyed.sort_unstable();
    let mut groups: Vec<Vec<usize>> = keyed
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|run| run.len() >= RECORD_MIN_SIBLINGS)
        .map(|run| run.iter().map(|k| k.2).collect())
        .collect();
    groups.sort_unstable_by_key(|m| m[0]);
    groups
}

/// For each block, whether it lies inside a teaser: a record of a repeated
/// group whose heading is a link and which adds a short unlinked summary (a "more stories" stream under an article, each entry a link to
/// another page and its blurb). At least `RECORD_MIN_SIBLINGS` records of
/// the group must look so.
pub fn teaser_blocks(regions: &[Region], blocks: &[Block], feats: &[BlockFeatures]) -> Vec<bool> {
    let mut marked = vec![false; feats.len()];
    for members in sibling_groups(regions) {
        let n = members.len();
        let teasers: Vec<usize> = members.into_iter().filter(|&m| is_teaser(&regions[m], blocks, feats)).collect();
        if teasers.len() < RECORD_MIN_SIBLINGS || (teasers.len() as f32) < TEASER_GROUP_SHARE * n as f32 {
            continue;
        }
        for m in teasers {
            let r = &regions[m];
            let range = r.first_block as usize..(r.end_block as usize).min(marked.len());
            marked[range].iter_mut().for_each(|b| *b = true);
        }
    }
    marked
}

/// A record whose first heading is a link of `TEASER_TITLE_MIN_WORDS`+
/// words and holding unlinked text of at most `TEASER_MAX_WORDS` words.
fn is_teaser(region: &Region, blocks: &[Block], feats: &[BlockFeatures]) -> bool {
    let end = (region.end_block as usize).min(feats.len()).min(blocks.len());
    let start = (region.first_block as usize).min(end);
    let is_heading = |i: usize| matches!(blocks[i].kind, BlockKind::Heading { .. }) && feats[i].words > 0;
    let Some(title) = (start..end).find(|&i| is_heading(i)) else { return false };
    let t = &feats[title];
    if t.link_density < TEASER_TITLE_LINK_DENSITY || t.words < TEASER_TITLE_MIN_WORDS {
        return false;
    }
    let plain: u32 = (start..end)
        .filter(|&i| i != title && feats[i].link_density < TEASER_TITLE_LINK_DENSITY)
        .map(|i| feats[i].words)
        .sum();
    plain > 0 && plain <= TEASER_MAX_WORDS
}

/// For each block, whether it lies inside a record of a repeated group.
pub fn record_blocks(regions: &[Region], feats: &[BlockFeatures]) -> Vec<RecordMark> {
    let mut marked = vec![RecordMark::None; feats.len()];
    // The innermost group marks its blocks last, so it decides.
    for members in &sibling_groups(regions) {
        let texts: Vec<RecordText> = members.iter().map(|&m| record_text(&regions[m], feats)).collect();
        let filled: Vec<&RecordText> = texts.iter().filter(|t| t.words > 0).collect();
        if filled.len() < RECORD_MIN_SIBLINGS {
            continue;
        }
        let n = filled.len() as f32;
        let mean_words = filled.iter().map(|t| t.words).sum::<u32>() as f32 / n;
        let mean_blocks = filled.iter().map(|t| t.blocks).sum::<u32>() as f32 / n;
        let rich = mean_words >= RECORD_RICH_WORDS as f32;
        if mean_words < RECORD_MIN_WORDS as f32 || (mean_blocks < RECORD_MIN_BLOCKS && !rich) {
            continue;
        }
        let chars: f32 = filled.iter().map(|t| t.chars).sum();
        let link_chars: f32 = filled.iter().map(|t| t.link_chars).sum();
        let mark = if link_chars > RECORD_LINKED_SHARE * chars { RecordMark::Linked } else { RecordMark::Plain };
        for &m in members.iter() {
            let r = &regions[m];
            let range = r.first_block as usize..(r.end_block as usize).min(marked.len());
            marked[range].iter_mut().for_each(|b| *b = mark);
        }
    }
    marked
}

fn record_text(region: &Region, feats: &[BlockFeatures]) -> RecordText {
    let end = (region.end_block as usize).min(feats.len());
    let start = (region.first_block as usize).min(end);
    feats[start..end].iter().filter(|f| f.words > 0).fold(RecordText::default(), |t, f| RecordText {
        blocks: t.blocks + 1,
        words: t.words + f.words,
        chars: t.chars + f.chars as f32,
        link_chars: t.link_chars + f.link_density * f.chars as f32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::RegionHint;

    fn region(parent: u32, signature: u32, first: u32, end: u32) -> Region {
        Region { parent, tag: "div", hint: RegionHint::None, depth: 1, first_block: first, end_block: end, signature, dialog: false, tab_panel: false }
    }

    fn feats(words: &[u32]) -> Vec<BlockFeatures> {
        words.iter().map(|&w| BlockFeatures { words: w, chars: w * 6, ..Default::default() }).collect()
    }

    #[test]
    fn cards_of_one_template_are_records() {
        // Three cards of two blocks (title, price) each.
        let regions =
            vec![Region::root(RegionHint::None, 6), region(0, 7, 0, 2), region(0, 7, 2, 4), region(0, 7, 4, 6)];
        let marked = record_blocks(&regions, &feats(&[4, 1, 5, 1, 3, 1]));
        assert!(marked.iter().all(|&m| m == RecordMark::Plain));
    }

    #[test]
    fn menu_items_are_not_records() {
        // Five one-block items of two words: a menu.
        let mut regions = vec![Region::root(RegionHint::None, 5)];
        regions.extend((0..5).map(|i| region(0, 9, i, i + 1)));
        let marked = record_blocks(&regions, &feats(&[2, 2, 2, 2, 2]));
        assert!(marked.iter().all(|&m| m == RecordMark::None));
    }

    #[test]
    fn nested_groups_resolve_innermost_whatever_the_hash_order() {
        // Three outer records (signature 7, mostly link text overall), each
        // holding three plain inner records (signature 8) and a linked block.
        let mut regions = vec![Region::root(RegionHint::None, 12)];
        let mut words = Vec::new();
        for r in 0..3u32 {
            let first = r * 4;
            regions.push(region(0, 7, first, first + 4));
            let parent = regions.len() as u32 - 1;
            for k in 0..3 {
                regions.push(region(parent, 8, first + k, first + k + 1));
            }
            words.extend([16, 16, 16, 80]);
        }
        let mut feats = feats(&words);
        for f in feats.iter_mut().skip(3).step_by(4) {
            f.link_density = 1.0;
        }
        let first = record_blocks(&regions, &feats);
        assert_eq!(first[0], RecordMark::Plain, "inner group decides its blocks");
        assert_eq!(first[3], RecordMark::Linked, "outer group's own block");
        for _ in 0..20 {
            assert_eq!(record_blocks(&regions, &feats), first);
        }
    }

    #[test]
    fn linked_headings_with_blurbs_are_teasers() {
        // Four records: a linked heading of six words and a blurb; a fifth
        // record is a plain paragraph.
        let mut regions = vec![Region::root(RegionHint::None, 9)];
        regions.extend((0..4).map(|i| region(0, 7, 2 * i, 2 * i + 2)));
        regions.push(region(0, 7, 8, 9));
        let mut blocks = Vec::new();
        for _ in 0..4 {
            blocks.push(Block::new("A linked headline of six words", BlockKind::Heading { level: 3 }));
            blocks.push(Block::new("blurb", BlockKind::Paragraph));
        }
        blocks.push(Block::new("plain", BlockKind::Paragraph));
        let mut feats = feats(&[6, 20, 6, 20, 6, 20, 6, 20, 30]);
        for f in feats.iter_mut().step_by(2).take(4) {
            f.link_density = 1.0;
        }
        let marked = teaser_blocks(&regions, &blocks, &feats);
        assert_eq!(marked, [true, true, true, true, true, true, true, true, false]);
        // Paragraph titles (citations: a linked title, then the publisher) are not.
        for b in blocks.iter_mut().step_by(2) {
            b.kind = BlockKind::ListItem { depth: 0 };
        }
        assert!(teaser_blocks(&regions, &blocks, &feats).iter().all(|&t| !t));
    }

    #[test]
    fn two_siblings_are_not_a_group() {
        let regions = vec![Region::root(RegionHint::None, 4), region(0, 7, 0, 2), region(0, 7, 2, 4)];
        let marked = record_blocks(&regions, &feats(&[6, 6, 6, 6]));
        assert!(marked.iter().all(|&m| m == RecordMark::None));
    }
}
