//! Stage two for inputs with a region tree (HTML): choose the main content
//! region and label the blocks in it.
//!
//! 1. Regions the markup marks as boilerplate (nav, share, related, cookie
//!    banner; comments unless wanted) are dropped with their blocks — unless
//!    such a region holds most of the page's prose (a forum whose posts sit
//!    in `comment` elements, a page wrapped in a `sidebar-layout` div).
//! 2. Each block carries content mass (its stage-one score times the square
//!    root of its length); the main region is the one whose subtree has the
//!    greatest mass. Sums over subtrees make a body split across sibling or
//!    cousin containers win as their common ancestor whenever the junk
//!    between the parts weighs less than the parts.
//! 3. Inside that region blocks are labelled as in text dumps (undecided
//!    blocks take their neighbours' side); outside it they are boilerplate.
//!
//! A ladder of passes: the strict pass first; when it keeps little, a pass
//! that lifts blocks inside repeated records (`records`: listings, card
//! grids, threads) and, when that still keeps little, the relaxed pass. The
//! pass keeping the most text wins.

use crate::block::{hidden_tabs_beside_shown, Block, BlockKind, Label, Reason, Region, RegionHint, Verdict};
use crate::classify::block::{score_block_with, BlockScore, Class};
use crate::classify::context;
use crate::classify::records::{self, RecordMark};
use crate::classify::weights::*;
use crate::classify::Classification;
use crate::features::BlockFeatures;

/// Options of the tree stage.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TreeOptions {
    /// Keep reader comments (asked for, or the page is a discussion whose
    /// posts are the content).
    pub comments: bool,
    /// Shift of the stage-one class boundaries: positive keeps more
    /// (recall), negative keeps less (precision).
    pub bias: f32,
}

/// What the tree says about each block, after the guard.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Inherited {
    dropped: bool,
    content: bool,
    weak: bool,
    /// Inside a comment-marked region (whether or not it drops).
    in_comments: bool,
}

/// Classify the blocks of a page with its region tree: the strict pass,
/// then the record pass when the strict one keeps less than
/// `RECORD_GATE_CHARS`, then the relaxed one when the best so far keeps
/// less than `RELAX_MIN_CHARS`; a later pass wins only by keeping more.
pub fn classify(blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], opts: TreeOptions) -> Classification {
    let no_records = vec![RecordMark::None; blocks.len()];
    let teasers = records::teaser_blocks(regions, blocks, feats);
    let strict = classify_with(blocks, feats, regions, &no_records, &teasers, opts, &Profile::STRICT);
    let kept = strict.kept_chars(feats);
    if kept >= RECORD_GATE_CHARS {
        return strict;
    }
    let records = records::record_blocks(regions, feats);
    let no_teasers = vec![false; blocks.len()];
    let pass = |profile: &Profile| classify_with(blocks, feats, regions, &records, &no_teasers, opts, profile);
    let mut best = (strict, kept);
    if records.iter().any(|&r| r != RecordMark::None) {
        keep_more(&mut best, pass(&Profile::STRICT), feats);
    }
    if best.1 >= RELAX_MIN_CHARS {
        return best.0;
    }
    keep_more(&mut best, pass(&Profile::RELAXED), feats);
    let (mut best, best_kept) = best;
    if best_kept == 0 {
        keep_tiny_page(feats, &mut best);
    }
    best
}

/// Replace `best` (a classification and the chars it keeps) with `candidate`
/// when the candidate keeps more.
fn keep_more(best: &mut (Classification, u32), candidate: Classification, feats: &[BlockFeatures]) {
    let kept = candidate.kept_chars(feats);
    if kept > best.1 {
        *best = (candidate, kept);
    }
}

/// The last rung: a page with almost no text (a stub, a test page, a
/// single link list) where every pass kept nothing is returned whole,
/// less what its markup marks as boilerplate — an empty result would lose
/// all there is.
fn keep_tiny_page(feats: &[BlockFeatures], c: &mut Classification) {
    let standing = |v: &Verdict| v.reason != Reason::Markup;
    let chars: u32 = c.verdicts.iter().zip(feats).filter(|(v, _)| standing(v)).map(|(_, f)| f.chars).sum();
    if chars == 0 || chars > TINY_PAGE_MAX_CHARS {
        return;
    }
    for v in c.verdicts.iter_mut().filter(|v| standing(v)) {
        *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
    }
}

fn classify_with(
    blocks: &[Block],
    feats: &[BlockFeatures],
    regions: &[Region],
    records: &[RecordMark],
    teasers: &[bool],
    opts: TreeOptions,
    profile: &Profile,
) -> Classification {
    let mut opts = opts;
    let mut spared = vec![false; regions.len()];
    let mut inherited = inherit(regions, &spared, opts);
    let mut scores: Vec<BlockScore> = blocks
        .iter()
        .zip(feats)
        .zip(records)
        .zip(teasers)
        .map(|(((b, f), &record), &teaser)| {
            let region = inherited.get(b.shape.region as usize).copied().unwrap_or_default();
            let (block_profile, record_bonus) = match record {
                RecordMark::None => (profile, 0.0),
                RecordMark::Linked if profile == &Profile::STRICT => (&Profile::RECORD, W_IN_RECORD),
                RecordMark::Linked => (&Profile::RELAXED_RECORD, W_IN_RECORD),
                RecordMark::Plain => (&Profile::RELAXED, W_IN_PLAIN_RECORD),
            };
            // A data-table row is made of labels and linked names: its links
            // are judged as a plain record's are.
            let block_profile = if b.kind == BlockKind::TableRow { &Profile::RELAXED } else { block_profile };
            let mut s = score_block_with(b, f, block_profile);
            if record != RecordMark::None {
                s.score += record_bonus;
            }
            if region.content {
                s.score += W_IN_CONTENT_REGION;
            }
            if region.weak {
                s.score -= W_IN_WEAK_REGION;
            }
            if teaser {
                s.score -= W_TEASER;
            }
            reclass(&mut s, opts.bias);
            s
        })
        .collect();
    context::mark_link_lists(blocks, feats, &mut scores, Some(LINK_LIST_MIN_LINK_SHARE));

    let mass: Vec<f32> = feats.iter().zip(&scores).map(|(f, s)| block_mass(f, s)).collect();
    let positive: Vec<f32> = mass.iter().map(|m| m.max(0.0)).collect();
    let sums = region_sums(regions, blocks, &positive);
    let total = sums.first().copied().unwrap_or(0.0);
    // A page whose prose is nearly all in comment-marked regions is a thread:
    // its comments are the content. (Block scores do not depend on this.)
    let comment_mass: f32 = blocks
        .iter()
        .zip(&positive)
        .filter(|(b, _)| inherited.get(b.shape.region as usize).is_some_and(|r| r.in_comments))
        .map(|(_, m)| m)
        .sum();
    if !opts.comments && total > 0.0 && comment_mass >= COMMENT_PAGE_SHARE * total {
        opts.comments = true;
        inherited = inherit(regions, &spared, opts);
    }

    // The guard: a boilerplate-marked region holding most of the prose stays.
    let mut any_spared = false;
    for (i, r) in regions.iter().enumerate() {
        let guard_share = match r.hint {
            RegionHint::Drop => DROP_GUARD_SHARE,
            RegionHint::Comments if !opts.comments => DROP_GUARD_SHARE,
            RegionHint::Hidden => HIDDEN_GUARD_SHARE,
            _ => continue,
        };
        // A dialog (cookie settings, a policy, a sign-up form) is never the
        // page's content, however much prose it holds next to a product
        // page's short lines. Measured (wcxb-dev word F1; trafilatura-dev,
        // readability-dev and dumps unchanged): dialogs guarded like any
        // drop-marked region 0.8349; guarded at HIDDEN_GUARD_SHARE 0.8376;
        // never guarded 0.8388.
        if r.dialog {
            continue;
        }
        if total > 0.0 && sums[i] >= guard_share * total {
            if r.hint == RegionHint::Drop
                && (named_article_rivals(regions, &sums, i) || embedded_in_story(regions, blocks, &positive, i))
            {
                continue;
            }
            spared[i] = true;
            any_spared = true;
        }
    }
    // ... and so do hidden tab panels beside a shown one that holds
    // positive mass: the same content for another choice. Measured (word
    // F1, session 41): wcxb-dev 0.8549 -> 0.8552, wcxb-rest (never tuned
    // on) 0.8637 -> 0.8644; the other sets unchanged.
    let beside_shown = hidden_tabs_beside_shown(regions, |i, _| sums.get(i).is_some_and(|&s| s > 0.0));
    for (i, _) in beside_shown.iter().enumerate().filter(|&(_, &b)| b) {
        spared[i] = true;
        any_spared = true;
    }
    // ... and so do drop-marked siblings of one template that hold most of
    // the prose together: an article cut into sections each classed
    // `Section Section--Ads` (a section that carries an ad slot).
    for group in drop_sibling_groups(regions) {
        let sum: f32 = group.iter().map(|&i| sums[i]).sum();
        // Not when one of them holds most of the prose alone (the guard
        // above keeps that one; its siblings are its sidebar boxes).
        let one_dominant = group.iter().any(|&i| sums[i] >= DROP_GUARD_SHARE * total);
        if group.len() > 1 && total > 0.0 && !one_dominant && sum >= DROP_GROUP_GUARD_SHARE * total {
            for i in group {
                spared[i] = true;
                any_spared = true;
            }
        }
    }
    // ... and so does every boilerplate-marked ancestor of the region that
    // would be chosen if the markup said nothing: a live blog inside a
    // `sidebar`-classed column, an article inside an Elementor `popup` wrapper.
    // Not past a dialog: one that would win (a privacy policy in a modal on a
    // product page) is still dropped. (Without this walk at all:
    // readability-dev 0.9411 → 0.9350.)
    let unmarked_sums = region_sums(regions, blocks, &selection_mass(blocks, &mass, &vec![false; mass.len()]));
    let unmarked_best = best_region(&unmarked_sums).filter(|&b| !named_article_rivals(regions, &unmarked_sums, b));
    if let Some(mut r) = unmarked_best {
        loop {
            if regions[r].dialog {
                break;
            }
            if matches!(regions[r].hint, RegionHint::Drop | RegionHint::Comments | RegionHint::Hidden) {
                spared[r] = true;
                any_spared = true;
            }
            if r == 0 {
                break;
            }
            r = regions[r].parent as usize;
        }
    }
    if any_spared {
        inherited = inherit(regions, &spared, opts);
    }
    let dropped: Vec<bool> =
        blocks.iter().map(|b| inherited.get(b.shape.region as usize).is_some_and(|r| r.dropped)).collect();

    // The main region: greatest subtree mass over the blocks still standing.
    let sel = selection_mass(blocks, &mass, &dropped);
    let sel_sums = region_sums(regions, blocks, &sel);
    let best = best_region(&sel_sums);
    let span = best.map(|i| (regions[i].first_block as usize, trimmed_end(regions, blocks, &sel, &sel_sums, i)));
    let span = span.map(|(start, end)| (start, end_at_marker(blocks, feats, &sel, start, end, opts.comments)));
    let mut verdicts = context::label(feats, &scores, span);
    drop_trailing_calls(feats, &mut verdicts);
    if let Some((start, end)) = span {
        keep_linked_headings(blocks, feats, &mut verdicts, start, end);
    }
    for (v, d) in verdicts.iter_mut().zip(&dropped) {
        if *d {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Markup };
        }
    }
    Classification { verdicts, scores, span }
}

/// Whether the markup names an article of its own beside region `best` (the
/// heaviest region when hints are ignored): a content-marked region (dropped
/// or not: its own wrapper may carry a drop hint), outside `best`'s subtree
/// and its ancestors, holding at least
/// `NAMED_ARTICLE_RIVAL_SHARE` of `best`'s mass. Then a heavier boilerplate-
/// marked `best` is a live ticker in the sidebar, not the story.
fn named_article_rivals(regions: &[Region], sums: &[f32], best: usize) -> bool {
    let Some(b) = regions.get(best) else { return false };
    let floor = NAMED_ARTICLE_RIVAL_SHARE * sums[best];
    regions.iter().enumerate().any(|(i, r)| {
        r.hint == RegionHint::Content
            && (r.end_block <= b.first_block || r.first_block >= b.end_block)
            && sums[i] > 0.0
            && sums[i] >= floor
    })
}

/// Whether region `i` sits inside a story: its nearest content-marked
/// ancestor (`<article>`, `itemprop=articleBody`) holds at least
/// `EMBED_SIDE_MASS` of positive mass outside boilerplate-marked regions
/// (below that ancestor) both before region `i` and after it. A
/// boilerplate-marked region there is a widget the story flows around (a
/// photo gallery of other news between two paragraphs), however much text
/// it carries; a wrapper of the whole content has no story of its own on
/// both sides.
fn embedded_in_story(regions: &[Region], blocks: &[Block], positive: &[f32], i: usize) -> bool {
    let Some(r) = regions.get(i) else { return false };
    let mut a = r.parent as usize;
    while a != 0 && regions[a].hint != RegionHint::Content {
        a = regions[a].parent as usize;
    }
    if regions[a].hint != RegionHint::Content {
        return false;
    }
    // A block counts unless a boilerplate-marked region lies between it and `a`.
    let standing = |b: &Block| {
        let mut k = b.shape.region as usize;
        while k != a && k != 0 {
            if matches!(regions[k].hint, RegionHint::Drop | RegionHint::Hidden | RegionHint::Comments) {
                return false;
            }
            k = regions[k].parent as usize;
        }
        true
    };
    let side = |range: std::ops::Range<usize>| -> f32 {
        range.filter(|&b| blocks.get(b).is_some_and(standing)).map(|b| positive.get(b).copied().unwrap_or(0.0)).sum()
    };
    let before = side(regions[a].first_block as usize..r.first_block as usize);
    let after = side(r.end_block as usize..regions[a].end_block as usize);
    before >= EMBED_SIDE_MASS && after >= EMBED_SIDE_MASS
}

/// The end of the body span in region `best`. The region choice lets a
/// container win over its best child when it adds prose, so a newsletter
/// box, an author card or a promo after the article rides along. Descending
/// through children holding `TAIL_DOMINANT_SHARE` of their parent's mass, a
/// trailing run of units (child regions or loose blocks) after the dominant
/// child, each lighter than `TAIL_LIGHT_SHARE` of it and none a bare heading
/// (the document's next section), is cut off.
fn trimmed_end(regions: &[Region], blocks: &[Block], sel: &[f32], sel_sums: &[f32], best: usize) -> usize {
    let mut end = regions[best].end_block as usize;
    let mut m = best;
    for _ in 0..64 {
        let total = sel_sums[m];
        if total <= 0.0 {
            break;
        }
        // Units of m in order: (first block, end block, mass, child region).
        let mut units: Vec<(usize, usize, f32, Option<usize>)> = Vec::new();
        let depth = regions[m].depth;
        let mut i = m + 1;
        while i < regions.len() && regions[i].depth > depth {
            if regions[i].parent as usize == m {
                units.push((regions[i].first_block as usize, regions[i].end_block as usize, sel_sums[i], Some(i)));
            }
            i += 1;
        }
        let (first, last) = (regions[m].first_block as usize, (regions[m].end_block as usize).min(end));
        for (b, &mass) in sel.iter().enumerate().take(last).skip(first) {
            if blocks.get(b).is_some_and(|bl| bl.shape.region as usize == m) {
                units.push((b, b + 1, mass, None));
            }
        }
        units.retain(|u| u.1 > u.0 && u.0 < end);
        units.sort_by_key(|u| u.0);
        let Some((d, _)) = units.iter().enumerate().max_by(|a, b| a.1.2.total_cmp(&b.1.2)) else { break };
        let dmass = units[d].2;
        if dmass < TAIL_DOMINANT_SHARE * total {
            break;
        }
        let mut cut = None;
        for (k, u) in units.iter().enumerate().skip(d + 1).rev() {
            if u.2 < TAIL_LIGHT_SHARE * dmass {
                cut = Some(k);
            } else {
                break;
            }
        }
        // A run holding a bare heading is the document's next sections
        // (references, appendices), not a box after it.
        let heading = |u: &(usize, usize, f32, Option<usize>)| {
            u.3.is_some_and(|r| matches!(regions[r].tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        };
        if let Some(k) = cut.filter(|&k| !units[k..].iter().any(heading)) {
            end = end.min(units[k].0);
        }
        match units[d].3 {
            Some(c) => m = c,
            None => break,
        }
    }
    end
}

/// The end of the span `[start, end)` cut at an end marker ("Comments",
/// "Related stories", a dated copyright line) that follows most of the
/// span's mass and is followed by little: the tail of an article container
/// that holds the comment form or a promo after the story. A marker that
/// repeats (a "Read more" under every item) or is a link ("Comments (74
/// posted)" under each story of a digest) closes a part, not the page.
/// Unless comments are wanted, the page's one comment-thread heading
/// (`context::thread_heading`: "12 Comments") after a story
/// (`context::story_before`) cuts the span however much follows it: reader
/// threads without comment markup, often longer than
/// the story (2008-2013 blogs and news pages).
fn end_at_marker(blocks: &[Block], feats: &[BlockFeatures], sel: &[f32], start: usize, end: usize, comments: bool) -> usize {
    let total: f32 = sel[start..end].iter().map(|m| m.max(0.0)).sum();
    let mut before = 0.0f32;
    let thread = if comments { None } else { context::thread_heading(blocks, feats) };
    for i in start..end {
        let here = sel[i].max(0.0);
        let f = &feats[i];
        let marker = context::closes_page(f);
        // Under the page's one comment-thread heading, after a story, the
        // thread can outweigh the story: it is cut however much follows.
        if thread == Some(i) && context::story_before(feats, start..i, |k| sel[k] > 0.0) {
            return i;
        }
        if marker && before >= END_CUT_BEFORE_SHARE * total && total - before - here <= END_CUT_AFTER_SHARE * before {
            return i;
        }
        before += here;
    }
    end
}

/// The last content blocks of the page, while they open with a call to
/// action ("Subscribe now to our e-edition", "Follow us on ..."): the
/// promo that closes an article, whatever its neighbours.
fn drop_trailing_calls(feats: &[BlockFeatures], verdicts: &mut [Verdict]) {
    let mut dropped = 0;
    for (f, v) in feats.iter().zip(verdicts.iter_mut()).rev() {
        if v.label != Label::Content {
            continue;
        }
        if dropped >= TRAILING_CALLS_MAX || !f.call_to_action || f.words > CALL_MAX_WORDS {
            break;
        }
        *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Widget };
        dropped += 1;
    }
}

/// Inside the body span `[start, end)`, a heading dropped only for its link
/// text (a section named after the product it links to) is kept when the
/// block right after it is kept and good on its own: it is that section's
/// heading, not a teaser.
fn keep_linked_headings(blocks: &[Block], feats: &[BlockFeatures], verdicts: &mut [Verdict], start: usize, end: usize) {
    for i in start..end.min(verdicts.len()).saturating_sub(1) {
        let heading = matches!(blocks[i].kind, BlockKind::Heading { .. });
        let v = verdicts[i];
        let next = verdicts[i + 1];
        if heading
            && v.label == Label::Boilerplate
            && v.reason == Reason::LinkDense
            && feats[i].words <= LINKED_HEADING_MAX_WORDS
            && next.label == Label::Content
            && next.score >= GOOD
        {
            verdicts[i] = Verdict { label: Label::Content, score: v.score, reason: Reason::Subheading };
        }
    }
}

/// Drop-marked regions grouped by parent and markup signature (tag and
/// first class name), in region order.
fn drop_sibling_groups(regions: &[Region]) -> Vec<Vec<usize>> {
    // foldhash, not SipHash: the groups are sorted below, so hash order never shows.
    let mut groups: foldhash::HashMap<(u32, u32), Vec<usize>> = foldhash::HashMap::default();
    for (i, r) in regions.iter().enumerate().skip(1) {
        // Asides, navs, headers and footers are page furniture by their
        // tag: a column of sidebar widgets is not a cut-up article.
        let furniture = matches!(r.tag, "aside" | "nav" | "header" | "footer" | "form");
        if r.hint == RegionHint::Drop && !r.dialog && !furniture {
            groups.entry((r.parent, r.signature)).or_default().push(i);
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// Mass as the region choice weighs it: dropped blocks count nothing,
/// negative mass counts `SELECT_NEGATIVE_WEIGHT` of itself.
fn selection_mass(blocks: &[Block], mass: &[f32], dropped: &[bool]) -> Vec<f32> {
    blocks
        .iter()
        .zip(mass.iter().zip(dropped))
        .map(|(b, (m, d))| {
            if *d {
                0.0
            } else if *m >= 0.0 {
                *m
            } else if b.kind == BlockKind::TableRow {
                TABLE_ROW_NEGATIVE_WEIGHT * m
            } else {
                SELECT_NEGATIVE_WEIGHT * m
            }
        })
        .collect()
}

/// The region with the greatest positive sum (the first, shallowest, on ties).
fn best_region(sums: &[f32]) -> Option<usize> {
    sums.iter()
        .enumerate()
        .fold(None::<(usize, f32)>, |acc, (i, &s)| match acc {
            Some((_, b)) if b >= s => acc,
            _ if s > 0.0 => Some((i, s)),
            _ => acc,
        })
        .map(|(i, _)| i)
}

/// Stage-one class again after the tree's evidence and the bias.
fn reclass(s: &mut BlockScore, bias: f32) {
    let (good, bad) = (GOOD - bias, BAD - bias);
    s.class = if s.score >= good {
        Class::Good
    } else if s.score <= bad {
        Class::Bad
    } else {
        Class::Neutral
    };
    if s.class == Class::Good && s.reason != Reason::Prose {
        s.reason = if s.score >= PROSE { Reason::Prose } else { Reason::Score };
    }
}

/// A block's content mass: its score (negative side capped) times the
/// square root of its length.
pub(crate) fn block_mass(f: &BlockFeatures, s: &BlockScore) -> f32 {
    s.score.max(-SPAN_NEGATIVE_CAP) * (f.chars.max(1) as f32).powf(SPAN_MASS_EXP)
}

/// Sum of `values` over each region's subtree.
fn region_sums(regions: &[Region], blocks: &[Block], values: &[f32]) -> Vec<f32> {
    let mut sums = vec![0.0f32; regions.len()];
    for (b, v) in blocks.iter().zip(values) {
        if let Some(s) = sums.get_mut(b.shape.region as usize) {
            *s += v;
        }
    }
    // Pre-order: children follow parents, so a reverse pass folds each
    // region into its parent after all its descendants.
    for i in (1..regions.len()).rev() {
        let p = regions[i].parent as usize;
        if p < i {
            sums[p] += sums[i];
        }
    }
    sums
}

/// Hints inherited down the tree; `spared` regions are not dropped, and
/// comment regions only when `comments` is off.
fn inherit(regions: &[Region], spared: &[bool], opts: TreeOptions) -> Vec<Inherited> {
    let mut out: Vec<Inherited> = Vec::with_capacity(regions.len());
    for (i, r) in regions.iter().enumerate() {
        let parent = if i == 0 { Inherited::default() } else { out.get(r.parent as usize).copied().unwrap_or_default() };
        let spared_here = spared.get(i).copied().unwrap_or(false);
        let drops = match r.hint {
            RegionHint::Drop | RegionHint::Hidden => true,
            RegionHint::Comments => !opts.comments,
            _ => false,
        } && !spared_here;
        out.push(Inherited {
            dropped: parent.dropped || drops,
            content: parent.content || r.hint == RegionHint::Content,
            weak: parent.weak || r.hint == RegionHint::Weak,
            in_comments: parent.in_comments || r.hint == RegionHint::Comments,
        });
    }
    out
}
