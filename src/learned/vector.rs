//! The feature vector of a block: the numbers the learned scorer reads.
//!
//! One row of [`NAMES`] values per block, computed once per page in one pass
//! over the blocks and one over the region tree (no regexes, no per-block
//! allocation besides the row). It gathers today's stage-one evidence (the
//! block's own features and its hand-weighted score) and what stage two
//! looks at: the block's neighbours, its place in the page, the region tree
//! above it (tags, markup hints, the share of the page's text and content
//! mass each ancestor holds, link density), where the page's mass
//! concentrates, repeated records, and where the block stands against
//! Readability's best container ([`super::candidates`]). Text dumps have a
//! one-region tree, so their region columns are constant and their layout
//! columns speak.
//!
//! This module measures; it decides nothing. The trainer
//! (`scripts/train`) reads these rows through `pith extract --explain
//! --format jsonl`, and the runtime scorer reads the same rows, so both see
//! one definition.

use std::sync::LazyLock;

use crate::block::{Block, BlockKind, Reason, Region, RegionHint};
use crate::classify::block::{score_block, BlockScore, Class};
use crate::classify::context::is_end_marker;
use crate::classify::records::{self, RecordMark};
use crate::learned::candidates;
use crate::learned::region_stats::{best_selected, deepest_holding, region_stats, within};
use crate::features::BlockFeatures;
use crate::frontend::html::KNOWN_TAGS;

/// Column names, in row order. A model file names the columns it was
/// trained on; loading checks them against these.
pub const NAMES: &[&str] = &[
    // The block's own features.
    "chars_log",
    "words_log",
    "stopword_density",
    "sentence_end",
    "sentences",
    "commas",
    "title_case",
    "upper_case",
    "digits",
    "link_density",
    "widget_coverage",
    "widget_category",
    "call_to_action",
    "notice",
    "byline",
    "dateline",
    "credit",
    "legal",
    "has_year",
    "repeats",
    "separators",
    "position",
    // Kind.
    "kind",
    "heading_level",
    "list_depth",
    // What the front end saw around it.
    "links",
    "markup_hint",
    "in_main",
    "gap_before",
    "run_len",
    "indent",
    // Stage one.
    "score",
    "class",
    "reason",
    // Neighbours.
    "prev_score",
    "next_score",
    "prev_link_density",
    "next_link_density",
    "prev_chars_log",
    "next_chars_log",
    "window_score",
    "window_good",
    // Place in the page.
    "chars_before",
    // The page.
    "page_chars_log",
    "page_blocks_log",
    "has_stopwords",
    "page_regions_log",
    "discussion",
    // The region holding the block, its parent and grandparent.
    "r0_tag",
    "r0_hint",
    "r0_chars_share",
    "r0_link_density",
    "r0_mass_share",
    "r0_blocks_log",
    "r0_siblings_alike",
    "r1_tag",
    "r1_hint",
    "r1_chars_share",
    "r1_link_density",
    "r1_mass_share",
    "r1_blocks_log",
    "r1_siblings_alike",
    "r2_tag",
    "r2_hint",
    "r2_chars_share",
    "r2_link_density",
    "r2_mass_share",
    "r2_blocks_log",
    "r2_siblings_alike",
    // The path from the root.
    "depth",
    "path_drop",
    "path_content",
    "path_comments",
    "path_weak",
    "path_hidden",
    "path_dialog",
    "path_article",
    "path_furniture",
    "path_form",
    "path_item",
    "path_siblings_alike",
    // Where the page's content mass is.
    "in_majority",
    "majority_chars_share",
    "majority_depth_below",
    "in_core",
    "in_best",
    "best_mass_share",
    "best_chars_share",
    "best_depth_below",
    // Repeated records.
    "record",
    "teaser",
    // Where the block stands in the page's content mass and against the
    // end markers ("Related posts", "Comments", a dated copyright line).
    "mass_before",
    "end_marker_mass",
    "end_markers_before",
    // Readability's candidate containers (`learned::candidates::COLUMNS`).
    "cand_top",
    "cand_kept",
    "cand_ancestor_ratio",
    "cand_top_chars_share",
    "cand_top_below",
];

/// Number of columns.
pub const WIDTH: usize = NAMES.len();

/// One block's row.
pub type Row = [f32; WIDTH];

/// What the page declares about itself, beyond its blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageHints {
    /// A discussion (forum thread, Q&A, comment thread) by its declared
    /// type or URL (`page_kind::is_discussion`): its posts are content.
    pub discussion: bool,
}

/// Share of the page's positive mass a region must hold to be the
/// "majority" region (`in_majority`) and the "core" region (`in_core`).
const MAJORITY_SHARE: f32 = 0.5;
const CORE_SHARE: f32 = 0.8;
/// Blocks either side averaged into `window_score` / `window_good`.
const WINDOW: usize = 3;
/// Exponent of a block's length in its content mass (as `classify::tree`).
const MASS_EXP: f32 = 0.5;

fn ln1p(x: f32) -> f32 {
    x.max(0.0).ln_1p()
}

/// Counts below this have their [`ln1p`] looked up ([`ln1p_count`]).
const LN1P_COUNTS: usize = 4096;
static LN1P_TABLE: LazyLock<Vec<f32>> = LazyLock::new(|| (0..LN1P_COUNTS).map(|n| ln1p(n as f32)).collect());

/// `ln1p(n as f32)`, the same bits, looked up for small counts.
fn ln1p_count(n: u32) -> f32 {
    LN1P_TABLE.get(n as usize).copied().unwrap_or_else(|| ln1p(n as f32))
}

/// A yes/no column: 1 or 0.
pub(crate) fn flag(b: bool) -> f32 {
    f32::from(u8::from(b))
}

fn tag_code(tag: &str) -> f32 {
    if tag.is_empty() {
        return -1.0;
    }
    KNOWN_TAGS.binary_search(&tag).map_or(KNOWN_TAGS.len() as f32, |i| i as f32)
}

fn hint_code(hint: RegionHint) -> f32 {
    match hint {
        RegionHint::None => 0.0,
        RegionHint::Content => 1.0,
        RegionHint::Weak => 2.0,
        RegionHint::Comments => 3.0,
        RegionHint::Drop => 4.0,
        RegionHint::Hidden => 5.0,
    }
}

fn kind_code(kind: BlockKind) -> (f32, f32, f32) {
    match kind {
        BlockKind::Paragraph => (0.0, 0.0, -1.0),
        BlockKind::Heading { level } => (1.0, f32::from(level), -1.0),
        BlockKind::ListItem { depth } => (2.0, 0.0, f32::from(depth)),
        BlockKind::Quote => (3.0, 0.0, -1.0),
        BlockKind::Code => (4.0, 0.0, -1.0),
        BlockKind::TableRow => (5.0, 0.0, -1.0),
    }
}

fn class_code(class: Class) -> f32 {
    match class {
        Class::Bad => 0.0,
        Class::Neutral => 1.0,
        Class::Good => 2.0,
    }
}

/// The reasons stage one gives, as stable codes.
fn reason_code(reason: Reason) -> f32 {
    match reason {
        Reason::Prose => 0.0,
        Reason::Score => 1.0,
        Reason::LowScore => 2.0,
        Reason::Widget => 3.0,
        Reason::LinkDense => 4.0,
        Reason::LinkList => 5.0,
        Reason::Dateline => 6.0,
        Reason::Legal => 7.0,
        Reason::Repeated => 8.0,
        Reason::Context => 9.0,
        Reason::Subheading => 10.0,
        Reason::OutsideBody => 11.0,
        Reason::AfterEnd => 12.0,
        Reason::Metadata => 13.0,
        Reason::Rule => 14.0,
        Reason::Markup => 15.0,
        Reason::Model => 16.0,
        Reason::SecondOpinion => 17.0,
    }
}

/// The rows of every block of a page: `regions` is its region tree (a
/// single root for text dumps).
pub fn rows(blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], hints: PageHints) -> Vec<Row> {
    rows_with(blocks, feats, regions, hints, &stage_one(blocks, feats))
}

/// Stage-one scores of every block, as the rows read them.
pub fn stage_one(blocks: &[Block], feats: &[BlockFeatures]) -> Vec<BlockScore> {
    blocks.iter().zip(feats).map(|(b, f)| score_block(b, f)).collect()
}

/// [`rows`] from stage-one `scores` already computed ([`stage_one`]).
pub fn rows_with(blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], hints: PageHints, scores: &[BlockScore]) -> Vec<Row> {
    let n = blocks.len();
    // Scores of other blocks than these would misalign every row.
    let own;
    let scores = if scores.len() == n {
        scores
    } else {
        own = stage_one(blocks, feats);
        &own[..]
    };
    let mass: Vec<f32> = scores.iter().zip(feats).map(|(s, f)| s.score * (f.chars.max(1) as f32).powf(MASS_EXP)).collect();
    let root;
    let regions = if regions.is_empty() {
        root = [Region::root(RegionHint::None, n as u32)];
        &root[..]
    } else {
        regions
    };
    let stats = region_stats(regions, blocks, feats, &mass);
    let total = stats[0];
    let share = |x: f32, of: f32| if of > 0.0 { x / of } else { 0.0 };
    let majority = deepest_holding(regions, &stats, MAJORITY_SHARE);
    let core = deepest_holding(regions, &stats, CORE_SHARE);
    let best = best_selected(&stats);
    let record_marks = records::record_blocks(regions, feats);
    let teasers = records::teaser_blocks(regions, blocks, feats);
    let link_density: Vec<f32> = stats.iter().map(|s| share(s.link_chars, s.chars)).collect();
    let candidates = candidates::columns(blocks, feats, regions, &link_density);
    let has_stopwords = feats.iter().any(|f| f.stopword_density.is_some());
    let page_chars: f32 = feats.iter().map(|f| f.chars as f32).sum();
    // The logarithms every row repeats, taken once a block, region or page.
    let chars_ln: Vec<f32> = feats.iter().map(|f| ln1p_count(f.chars)).collect();
    let blocks_ln: Vec<f32> = stats.iter().map(|s| ln1p(s.blocks)).collect();
    let page_ln = [ln1p(page_chars), ln1p(n as f32), flag(has_stopwords), ln1p(regions.len() as f32), flag(hints.discussion)];
    let mut chars_before = 0.0f32;
    // Positive stage-one mass of the page, and seen so far; the share seen
    // when the latest end marker was passed, and how many were passed.
    let positive_total: f32 = mass.iter().filter(|m| **m > 0.0).sum();
    let mut positive_before = 0.0f32;
    let mut end_marker_mass = -1.0f32;
    let mut end_markers = 0.0f32;
    // What a row reads of its region and of the region's two ancestors,
    // and where its region stands against the majority, core and best
    // regions: the same for every block of a region, taken once a region.
    let region_part = |r: usize| {
        let (reg, st) = (&regions[r], &stats[r]);
        [tag_code(reg.tag), hint_code(reg.hint), share(st.chars, total.chars), share(st.link_chars, st.chars), share(st.positive, total.positive), blocks_ln[r], st.siblings_alike]
    };
    let mut region_parts: Vec<Option<[f32; 7]>> = vec![None; regions.len()];
    let mut placements: Vec<Option<[f32; 5]>> = vec![None; regions.len()];
    let mut out = Vec::with_capacity(n);
    let mut row = Vec::with_capacity(WIDTH);
    for (i, (b, f)) in blocks.iter().zip(feats).enumerate() {
        let s = scores[i];
        let (kind, level, depth) = kind_code(b.kind);
        row.clear();
        row.extend_from_slice(&[
            chars_ln[i],
            ln1p_count(f.words),
            f.stopword_density.unwrap_or(-1.0),
            flag(f.sentence_end),
            f32::from(f.sentences),
            f32::from(f.commas),
            f.title_case,
            f.upper_case,
            f.digits,
            f.link_density,
            f.widget_coverage,
            f.widget_category.map_or(-1.0, |c| c as f32),
            flag(f.call_to_action),
            flag(f.notice),
            flag(f.byline),
            flag(f.dateline),
            flag(f.credit),
            flag(f.legal),
            flag(f.has_year),
            f32::from(f.repeats),
            f32::from(f.separators),
            f.position,
            kind,
            level,
            depth,
            f32::from(b.shape.links),
            b.shape.markup_hint,
            flag(b.shape.in_main),
            f32::from(b.shape.gap_before),
            f32::from(b.shape.run_len),
            f32::from(b.shape.indent),
            s.score,
            class_code(s.class),
            reason_code(s.reason),
        ]);
        let prev = i.checked_sub(1);
        let next = (i + 1 < n).then_some(i + 1);
        let at = |j: Option<usize>, v: &dyn Fn(usize) -> f32| j.map_or(-99.0, v);
        row.push(at(prev, &|j| scores[j].score));
        row.push(at(next, &|j| scores[j].score));
        row.push(at(prev, &|j| feats[j].link_density));
        row.push(at(next, &|j| feats[j].link_density));
        row.push(at(prev, &|j| chars_ln[j]));
        row.push(at(next, &|j| chars_ln[j]));
        let window = i.saturating_sub(WINDOW)..(i + WINDOW + 1).min(n);
        let width = window.len() as f32;
        row.push(scores[window.clone()].iter().map(|s| s.score).sum::<f32>() / width);
        row.push(scores[window].iter().filter(|s| s.class == Class::Good).count() as f32 / width);
        row.push(share(chars_before, page_chars));
        chars_before += f.chars as f32;
        row.extend_from_slice(&page_ln);
        let r0 = (b.shape.region as usize).min(regions.len() - 1);
        let r1 = regions[r0].parent as usize;
        let r2 = regions.get(r1).map_or(0, |r| r.parent as usize);
        for r in [r0, r1, r2] {
            row.extend_from_slice(region_parts[r].get_or_insert_with(|| region_part(r)));
        }
        let p = &stats[r0];
        row.extend_from_slice(&[
            f32::from(regions[r0].depth),
            p.path_drop,
            p.path_content,
            p.path_comments,
            p.path_weak,
            p.path_hidden,
            flag(p.path_dialog),
            flag(p.path_article),
            flag(p.path_furniture),
            flag(p.path_form),
            flag(p.path_item),
            p.path_siblings_alike,
        ]);
        let [in_majority, below_majority, in_core, in_best, below_best] = *placements[r0].get_or_insert_with(|| {
            let below = |m: Option<usize>| match m {
                Some(m) if within(regions, r0, m) => f32::from(regions[r0].depth - regions[m].depth),
                _ => -1.0,
            };
            let inside = |m: Option<usize>| flag(m.is_some_and(|m| within(regions, r0, m)));
            [inside(majority), below(majority), inside(core), inside(best), below(best)]
        });
        row.extend_from_slice(&[
            in_majority,
            majority.map_or(0.0, |m| share(stats[m].chars, total.chars)),
            below_majority,
            in_core,
            in_best,
            best.map_or(0.0, |m| share(stats[m].selected, total.positive)),
            best.map_or(0.0, |m| share(stats[m].chars, total.chars)),
            below_best,
        ]);
        row.push(match record_marks.get(i) {
            Some(RecordMark::Linked) => 1.0,
            Some(RecordMark::Plain) => 2.0,
            _ => 0.0,
        });
        row.push(flag(teasers.get(i).copied().unwrap_or(false)));
        row.extend_from_slice(&[share(positive_before, positive_total), end_marker_mass, end_markers]);
        row.extend_from_slice(&candidates[i]);
        if is_end_marker(f) {
            end_marker_mass = share(positive_before, positive_total);
            end_markers += 1.0;
        }
        positive_before += mass[i].max(0.0);
        let mut fixed = [0.0f32; WIDTH];
        for (slot, v) in fixed.iter_mut().zip(&row) {
            *slot = if v.is_finite() { *v } else { 0.0 };
        }
        debug_assert_eq!(row.len(), WIDTH, "a row has one value per name");
        out.push(fixed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::document_features;

    fn page() -> (Vec<Block>, Vec<Region>) {
        let mut blocks = vec![
            Block::new("Home News Sport Weather", BlockKind::Paragraph),
            Block::new("The council met on Tuesday and agreed to a new budget for the schools of the town.", BlockKind::Paragraph),
            Block::new("It will raise spending by four percent, the first rise in a decade, officials said.", BlockKind::Paragraph),
        ];
        blocks[0].shape.region = 1;
        blocks[0].shape.link_chars = 23;
        blocks[1].shape.region = 2;
        blocks[2].shape.region = 2;
        let mut root = Region::root(RegionHint::None, 3);
        root.tag = "";
        let nav = Region { parent: 0, tag: "nav", hint: RegionHint::Drop, depth: 1, first_block: 0, end_block: 1, signature: 1, dialog: false, tab_panel: false };
        let article = Region { parent: 0, tag: "article", hint: RegionHint::Content, depth: 1, first_block: 1, end_block: 3, signature: 2, dialog: false, tab_panel: false };
        (blocks, vec![root, nav, article])
    }

    fn col(row: &Row, name: &str) -> f32 {
        row[NAMES.iter().position(|n| *n == name).expect("a column of that name")]
    }

    #[test]
    fn one_value_per_name() {
        let (blocks, regions) = page();
        let feats = document_features(&blocks, Some("en"));
        let rows = rows(&blocks, &feats, &regions, PageHints::default());
        assert_eq!(rows.len(), 3);
        assert_eq!(WIDTH, NAMES.len());
        assert_eq!(&NAMES[WIDTH - candidates::COLUMNS.len()..], &candidates::COLUMNS[..], "the candidate columns close the row");
    }

    #[test]
    fn the_tree_columns_tell_the_nav_from_the_article() {
        let (blocks, regions) = page();
        let feats = document_features(&blocks, Some("en"));
        let rows = rows(&blocks, &feats, &regions, PageHints::default());
        assert_eq!(col(&rows[0], "path_drop"), 1.0);
        assert_eq!(col(&rows[1], "path_drop"), 0.0);
        assert_eq!(col(&rows[1], "path_article"), 1.0);
        assert_eq!(col(&rows[0], "r0_link_density"), 1.0);
        assert_eq!(col(&rows[1], "in_majority"), 1.0);
        assert_eq!(col(&rows[2], "in_majority"), 1.0, "the article is the container, not its longest paragraph");
        assert_eq!(col(&rows[0], "in_majority"), 0.0);
        assert_eq!(col(&rows[2], "in_best"), 1.0);
        assert!(col(&rows[1], "r0_chars_share") > 0.8);
        assert_eq!(col(&rows[0], "prev_score"), -99.0);
    }

    #[test]
    fn a_dump_has_one_region() {
        let (mut blocks, _) = page();
        for b in &mut blocks {
            b.shape.region = 0;
        }
        let feats = document_features(&blocks, Some("en"));
        let rows = rows(&blocks, &feats, &[], PageHints::default());
        assert_eq!(col(&rows[1], "depth"), 0.0);
        assert_eq!(col(&rows[1], "r0_chars_share"), 1.0);
    }

    #[test]
    fn blocks_after_an_end_marker_know_how_much_content_preceded_it() {
        let body = "The council met on Tuesday and agreed to a new budget for the schools of the town, officials said.";
        let blocks = vec![
            Block::new(body, BlockKind::Paragraph),
            Block::new(body, BlockKind::Paragraph),
            Block::new("Related posts", BlockKind::Paragraph),
            Block::new("Council approves new bus lanes in the old town", BlockKind::Paragraph),
        ];
        let feats = document_features(&blocks, Some("en"));
        assert!(is_end_marker(&feats[2]), "\"Related posts\" is an end marker");
        let rows = rows(&blocks, &feats, &[], PageHints::default());
        assert_eq!(col(&rows[0], "mass_before"), 0.0);
        assert_eq!(col(&rows[0], "end_marker_mass"), -1.0, "no marker before the first block");
        assert_eq!(col(&rows[2], "end_marker_mass"), -1.0, "the marker itself is not after one");
        assert!(col(&rows[3], "end_marker_mass") > 0.9, "the body's mass precedes the marker");
        assert_eq!(col(&rows[3], "end_markers_before"), 1.0);
    }
}
