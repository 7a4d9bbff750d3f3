//! The comments pass: reader comments follow `--comments` whatever the
//! model made of them. Comment-marked regions (`class="comments"`,
//! `id="comments"`, ...; `data/markup_hints.txt`) are the markup's own
//! statement; the model learned from pages whose comments are mostly not
//! content, but it sees a comment as text and can keep an eloquent one.
//!
//! - Option off (and the page not a discussion, whose posts are its
//!   content): content blocks inside comment regions are dropped.
//! - Option on: blocks inside comment regions that stand as text on their
//!   own (stage one does not call them boilerplate) are kept, also when the
//!   end-marker pass dropped them.
//!
//! A text dump has no markup: its comment section is the run of lines
//! from a comment heading after the article ("12 Comments", "Leave a
//! Reply", "Kommentare": a short block of the `comments` widget category
//! of `data/widgets.txt`, once on the page, not a link) to the next end
//! marker of another kind (related posts, footer, a dated copyright
//! line) or the dump's end ([`dump_section`]).

use super::{Decision, Page};
use crate::block::{Label, Reason, RegionHint, Verdict};
use crate::classify::block::Class;
use crate::classify::context::closes_page;
use crate::classify::tree::block_mass;
use crate::features::BlockFeatures;
use crate::lexicon::LEXICON;

/// Share of the dump's positive stage-one mass that must come before a
/// comment heading: the article is over, so a "Comments" line under its
/// headline (a counter, a link to the thread) opens nothing.
const DUMP_BODY_BEFORE: f32 = 0.5;

/// Apply `keep` (the option, or a discussion page) to the blocks inside
/// comment-marked regions (for a dump, its comment section).
pub fn run(page: &Page<'_>, keep: bool, dump: bool, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let in_comments = if dump { dump_section(page) } else { page.blocks_under(RegionHint::Comments) };
    let mut changed = Vec::new();
    for (i, (v, &comment)) in verdicts.iter_mut().zip(&in_comments).enumerate() {
        // The model's verdicts, and (comments asked for) what the end-marker
        // pass dropped: a comment section follows its heading, an end marker.
        if !comment || !(matches!(v.reason, Reason::Model | Reason::SecondOpinion | Reason::Context) || (keep && v.reason == Reason::AfterEnd)) {
            continue;
        }
        // A dump's section also holds the comment form's notes and, with no
        // markup to end it, the sidebar after it: only good prose (stage
        // one) beside a comment's furniture is kept there.
        let stands = if dump { page.scores[i].class == Class::Good && beside_furniture(page.feats, i) } else { page.scores[i].class != Class::Bad };
        if keep && v.label == Label::Boilerplate && stands {
            *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
            changed.push(i);
        } else if !keep && v.label == Label::Content {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Markup };
            changed.push(i);
        }
    }
    let what = if keep { "kept" } else { "dropped" };
    page.record(trace, "comments", &changed, |n| format!("{n} comment blocks {what}"));
}

/// Blocks either side of a dump's comment text where its furniture (a
/// date or time line, a reply or like button) is looked for.
const FURNITURE_REACH: usize = 2;

/// Whether block `i` has a comment's furniture within `FURNITURE_REACH`
/// blocks: a date or time line ("18. September um 08:37"), a post-action
/// button ("Antworten", "Like") or a one-word comment button the page
/// repeats ("Reply" under each comment; a single "Comments" heading is
/// not one). A block that itself speaks of commenting ("Your email address
/// will not be published", "Log in to comment") is the form's, never a
/// comment.
fn beside_furniture(feats: &[BlockFeatures], i: usize) -> bool {
    let category = |f: &BlockFeatures| f.widget_category.map(|c| LEXICON.category_name(c));
    if category(&feats[i]) == Some("comments") {
        return false;
    }
    let furniture = |f: &BlockFeatures| {
        let button = f.widget_coverage >= 0.5 && f.words <= 3;
        f.dateline
            || (button && category(f) == Some("post_actions"))
            || (button && f.words == 1 && f.repeats >= 1 && category(f) == Some("comments"))
    };
    let window = i.saturating_sub(FURNITURE_REACH)..(i + FURNITURE_REACH + 1).min(feats.len());
    window.filter(|&j| j != i).any(|j| furniture(&feats[j]))
}

/// Whether a block is a comment heading: an end marker of the `comments`
/// category that closes the page (`context::closes_page`).
fn comment_heading(f: &BlockFeatures) -> bool {
    closes_page(f) && f.widget_category.is_some_and(|c| LEXICON.category_name(c) == "comments")
}

/// The blocks of a dump's comment section: from the first comment heading
/// after `DUMP_BODY_BEFORE` of the positive stage-one mass
/// ([`block_mass`]) to the next end marker of another kind, or the end.
fn dump_section(page: &Page<'_>) -> Vec<bool> {
    let feats = page.feats;
    let mass: Vec<f32> = feats.iter().zip(page.scores).map(|(f, s)| block_mass(f, s).max(0.0)).collect();
    let total: f32 = mass.iter().sum();
    let mut out = vec![false; feats.len()];
    let mut before = 0.0f32;
    let mut open = false;
    for (i, f) in feats.iter().enumerate() {
        if open && closes_page(f) && !comment_heading(f) {
            break;
        }
        if !open && total > 0.0 && before >= DUMP_BODY_BEFORE * total && comment_heading(f) {
            open = true;
        }
        out[i] = open;
        before += mass[i];
    }
    out
}
