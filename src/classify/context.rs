//! Stage two: decide each block with its neighbours.
//!
//! Three passes over the stage-one scores: link lists (runs of short
//! unpunctuated lines) are pushed down; the body span is found as the
//! contiguous stretch of blocks with the greatest content mass (end markers
//! such as "Related" or "Comments" act as barriers once body text has been
//! seen); inside the span undecided blocks take their neighbours' side.

use std::sync::LazyLock;

use crate::block::{Block, BlockKind, Label, Reason, Verdict};
use crate::classify::block::{BlockScore, Class};
use crate::classify::weights::*;
use crate::features::BlockFeatures;
use crate::lexicon::{data_section, LEXICON};

/// Share of blocks with a blank line before them above which a dump is read
/// as blank-line separated (runs are physical line groups).
const BLANK_SEPARATED_SHARE: f32 = 0.3;
/// The widget category of reader-comment phrases (`data/widgets.txt`).
const COMMENTS_CATEGORY: &str = "comments";
/// Share of a heading's words its comment phrases must cover for a heading
/// without a count to open a thread: all of them ("Comments", "Leave a
/// reply"; a round prior, not tuned).
const THREAD_HEADING_COVERAGE: f32 = 0.99;
/// Words a line that is not a heading may have at most to open a thread
/// with a count ("5 Comments" in a `<div>`, as older pages title their
/// threads).
const THREAD_LINE_MAX_WORDS: usize = 4;
/// Words a heading of [`names_a_thread`] may have at most (counts aside).
const THREAD_HEADING_MAX_WORDS: usize = 6;
/// The nouns of a heading that counts a post's replies ([`counts_replies_to_a_title`]).
const REPLY_NOUNS: [&str; 8] = ["comment", "comments", "response", "responses", "reply", "replies", "thought", "thoughts"];

/// Push down blocks that sit in runs of short unpunctuated lines. With
/// `min_link_share` (HTML, where links are known) a run counts only when at
/// least that share of its text is link text: a run of unlinked short lines
/// there is an ingredient list or a spec sheet, not a menu.
pub fn mark_link_lists(blocks: &[Block], feats: &[BlockFeatures], scores: &mut [BlockScore], min_link_share: Option<f32>) {
    let gaps = blocks.iter().filter(|b| b.shape.gap_before > 0).count();
    let blank_separated = gaps as f32 >= BLANK_SEPARATED_SHARE * blocks.len() as f32;
    let candidates: Vec<bool> = (0..blocks.len())
        .map(|i| {
            feats[i].words <= LIST_ITEM_MAX_WORDS
                && !feats[i].sentence_end
                && scores[i].class != Class::Good
                && blocks[i].kind != BlockKind::TableRow
        })
        .collect();
    let candidate = |i: usize| candidates[i];
    let mut i = 0;
    while i < blocks.len() {
        if !candidate(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < blocks.len() && candidate(j) && !(blank_separated && blocks[j].shape.gap_before > 0) {
            j += 1;
        }
        let linked = min_link_share.is_none_or(|share| {
            let chars: f32 = feats[i..j].iter().map(|f| f.chars as f32).sum();
            let link: f32 = feats[i..j].iter().map(|f| f.chars as f32 * f.link_density).sum();
            link >= share * chars
        });
        if j - i >= LINK_LIST_MIN_RUN && linked {
            for ((s, f), b) in scores[i..j].iter_mut().zip(&feats[i..j]).zip(&blocks[i..j]) {
                // In HTML an unlinked heading at the edge of a menu (the page's
                // heading after it) is not one of its links.
                if min_link_share.is_some() && f.link_density == 0.0 && matches!(b.kind, BlockKind::Heading { .. }) {
                    continue;
                }
                s.score -= W_LINK_LIST;
                if s.score <= BAD {
                    s.class = Class::Bad;
                    s.reason = Reason::LinkList;
                }
            }
        }
        i = j;
    }
}

/// Whether a block is an end marker: a short widget of a category that
/// closes articles (related, read next, comments, author box, legal), or a
/// dated copyright line (a photo credit "© Shutterstock" is not one).
pub fn is_end_marker(f: &BlockFeatures) -> bool {
    let widget_end = f.widget_coverage >= WIDGET_COVERAGE
        && f.words <= WIDGET_MAX_WORDS
        && f.widget_category.is_some_and(|c| LEXICON.ends_article(c));
    widget_end || (f.legal && f.has_year && f.chars < LEGAL_MAX_CHARS)
}

/// Whether a block is the heading of a reader-comment thread: a heading
/// (`h1`-`h6`) that closes the page ([`closes_page`]), of the `comments`
/// category, and either all comment words ("Comments", "Leave a reply")
/// or holding a count ("12 Comments", "Comments (4)"); or a heading that
/// counts the replies to a quoted title, as blog engines title their
/// threads ("3 Responses to “Council budget”"); or a heading naming whose
/// comments follow ("Reader comments", [`names_a_thread`]); or, not a
/// heading, a short line of comment words with a count ("17 Kommentare",
/// "7 Comments:", as older pages and text dumps title a thread). A heading that only
/// mentions such a word ("About Responses", a documentation section) is
/// not one.
pub fn opens_thread(block: &Block, f: &BlockFeatures) -> bool {
    let named = || {
        closes_page(f)
            && f.widget_category.is_some_and(|c| LEXICON.category_name(c) == COMMENTS_CATEGORY)
            && (f.widget_coverage >= THREAD_HEADING_COVERAGE || block.text.bytes().any(|b| b.is_ascii_digit()))
    };
    let unnamed = || {
        f.link_density < END_CUT_MAX_LINK_DENSITY
            && (counts_replies_to_a_title(&block.text) || (f.repeats <= END_CUT_MAX_REPEATS && names_a_thread(&block.text)))
    };
    let counted_line = || {
        matches!(block.kind, BlockKind::Paragraph)
            && f.words as usize <= THREAD_LINE_MAX_WORDS
            && f.link_density < END_CUT_MAX_LINK_DENSITY
            && f.repeats <= END_CUT_MAX_REPEATS
            && block.text.bytes().any(|b| b.is_ascii_digit())
            && thread_words(&block.text).is_some_and(|(_, rest)| only_comment_phrases(&rest))
    };
    (matches!(block.kind, BlockKind::Heading { .. }) && (named() || unnamed())) || counted_line()
}

/// The words of `data/thread_headings.txt`: (audience, phrases).
static THREAD_HEADINGS: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let src = include_str!("../../data/thread_headings.txt");
    (data_section(src, "audience"), data_section(src, "phrases"))
});

/// Whether a heading's `text` names a reader thread the widget phrases do
/// not cover on their own (`data/thread_headings.txt`): comment phrases
/// beside words saying whose ("Reader comments", "124 reader comments",
/// "Your comments"), or one of the phrases ("Have your say", "Talkback").
/// Counts and brackets do not count as words.
fn names_a_thread(text: &str) -> bool {
    let Some((words, rest)) = thread_words(text) else { return false };
    THREAD_HEADINGS.1.contains(&words.as_str()) || (rest != words && only_comment_phrases(&rest))
}

/// A heading's words, lower-cased, counts and brackets taken out, and the
/// same without the `[audience]` words of `data/thread_headings.txt`;
/// `None` beyond [`THREAD_HEADING_MAX_WORDS`] words or with none.
fn thread_words(text: &str) -> Option<(String, String)> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ':' | '!' | '?' | '.' | ',' | '-' | '–' | '—'))
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    if words.is_empty() || words.len() > THREAD_HEADING_MAX_WORDS {
        return None;
    }
    let rest: Vec<&str> = words.iter().copied().filter(|w| !THREAD_HEADINGS.0.contains(w)).collect();
    Some((words.join(" "), rest.join(" ")))
}

/// Whether `words` are comment phrases of the widget lexicon and nothing else.
fn only_comment_phrases(words: &str) -> bool {
    let m = LEXICON.widget_match(words);
    m.category.is_some_and(|c| LEXICON.category_name(c) == COMMENTS_CATEGORY) && m.coverage >= THREAD_HEADING_COVERAGE
}

/// Whether `text` counts the replies to a quoted title, as blog engines
/// title their comment threads: "3 Responses to “Council budget”", "One
/// thought on “…”", "12 comments on "…"". The quote tells it from a
/// heading that counts something else ("10 responses to climate change").
fn counts_replies_to_a_title(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let rest = match lower.strip_prefix("one ") {
        Some(rest) => rest,
        None => {
            let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            lower[digits..].trim_start()
        }
    };
    let Some((noun, rest)) = rest.split_once(' ') else { return false };
    let Some((link, rest)) = rest.split_once(' ') else { return false };
    REPLY_NOUNS.contains(&noun)
        && matches!(link, "to" | "on")
        && rest.trim_start().starts_with(['“', '"', '«', '„', '‘', '\'', '”'])
}

/// Whether the blocks `before` hold a story a thread answers: at least
/// `threads::STORY_MIN_WORDS` words in blocks of running text
/// (`threads::STORY_BLOCK_WORDS` words or more) for which `kept` holds.
pub fn story_before(feats: &[BlockFeatures], before: std::ops::Range<usize>, kept: impl Fn(usize) -> bool) -> bool {
    use crate::classify::threads::{story_words, STORY_MIN_WORDS};
    story_words(before.filter(|&i| kept(i)).filter_map(|i| feats.get(i)).map(|f| f.words as usize)) >= STORY_MIN_WORDS
}

/// The page's comment-thread heading ([`opens_thread`]) when it has
/// exactly one. A page with several holds a thread under each post (a
/// Q&A page's comments under the question and every answer), where what
/// follows the first is more of the page.
pub fn thread_heading(blocks: &[Block], feats: &[BlockFeatures]) -> Option<usize> {
    let mut found = blocks.iter().zip(feats).enumerate().filter(|(_, (b, f))| opens_thread(b, f)).map(|(i, _)| i);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Whether a block is an end marker that closes the page, not a part of
/// it: one that occurs at most `END_CUT_MAX_REPEATS` times ("Read more"
/// under every teaser closes a teaser) and is not mostly link text
/// ("Comments (74)" under each story of a digest).
pub fn closes_page(f: &BlockFeatures) -> bool {
    is_end_marker(f) && f.repeats <= END_CUT_MAX_REPEATS && f.link_density < END_CUT_MAX_LINK_DENSITY
}

/// The body span: indices `[start, end)` of the contiguous blocks with the
/// greatest content mass, or `None` when no block has positive mass.
pub fn body_span(feats: &[BlockFeatures], scores: &[BlockScore]) -> Option<(usize, usize)> {
    let mut seen_mass = 0.0f32;
    let mut decay = 1.0f32;
    let mass: Vec<f32> = feats
        .iter()
        .zip(scores)
        .map(|(f, s)| {
            let m = if seen_mass >= END_ARM_MASS && is_end_marker(f) {
                decay *= END_DECAY;
                -END_BARRIER
            } else {
                let m = s.score.max(-SPAN_NEGATIVE_CAP) * (f.chars.max(1) as f32).powf(SPAN_MASS_EXP);
                if m > 0.0 { m * decay } else { m }
            };
            if s.class == Class::Good {
                seen_mass += m;
            }
            m
        })
        .collect();
    // Kadane: the maximum-sum contiguous stretch (first maximum wins on ties).
    let (mut best, mut best_range) = (0.0f32, None);
    let (mut run, mut run_start) = (0.0f32, 0usize);
    for (i, &m) in mass.iter().enumerate() {
        if run <= 0.0 {
            run = m;
            run_start = i;
        } else {
            run += m;
        }
        if run > best {
            best = run;
            best_range = Some((run_start, i + 1));
        }
    }
    best_range
}

/// Final labels from stage-one scores and the body span. Linear: the end
/// markers after the span and each block's nearest decided neighbours are
/// found in one pass each.
pub fn label(feats: &[BlockFeatures], scores: &[BlockScore], span: Option<(usize, usize)>) -> Vec<Verdict> {
    let (start, end) = span.unwrap_or((0, 0));
    // The first end marker at or after the span's end: blocks from there on are after the end.
    let first_end_marker = (end..feats.len()).find(|&i| is_end_marker(&feats[i]));
    let after_end = |i: usize| i >= end && first_end_marker.is_some_and(|m| m <= i);
    // Within the span, the class of the nearest non-neutral block before and after each block.
    let decided = |x: &BlockScore| (x.class != Class::Neutral).then_some(x.class);
    let mut prev_class: Vec<Option<Class>> = vec![None; scores.len()];
    let mut next_class: Vec<Option<Class>> = vec![None; scores.len()];
    let mut last = None;
    for i in start..end.min(scores.len()) {
        prev_class[i] = last;
        last = decided(&scores[i]).or(last);
    }
    let mut last = None;
    for i in (start..end.min(scores.len())).rev() {
        next_class[i] = last;
        last = decided(&scores[i]).or(last);
    }
    (0..scores.len())
        .map(|i| {
            let s = scores[i];
            let verdict = |label, reason| Verdict { label, score: s.score, reason };
            if i < start || i >= end {
                // A lead paragraph cut off from the body by a table of contents
                // or a picture credit: clear prose shortly before the span.
                let lead = i < start
                    && s.score >= LEAD_RESCUE_SCORE
                    && start - i <= LEAD_RESCUE_REACH
                    && !feats[i..start].iter().any(is_end_marker);
                if lead {
                    return verdict(Label::Content, s.reason);
                }
                let reason = if s.class == Class::Bad {
                    s.reason
                } else if after_end(i) {
                    Reason::AfterEnd
                } else {
                    Reason::OutsideBody
                };
                return verdict(Label::Boilerplate, reason);
            }
            match s.class {
                Class::Good => verdict(Label::Content, s.reason),
                Class::Bad => verdict(Label::Boilerplate, s.reason),
                Class::Neutral => {
                    let (prev, next) = (prev_class[i], next_class[i]);
                    let bad = |x: Option<Class>| x.is_none_or(|c| c == Class::Bad);
                    if bad(prev) && bad(next) {
                        verdict(Label::Boilerplate, Reason::Context)
                    } else if next == Some(Class::Good) && !feats[i].sentence_end {
                        verdict(Label::Content, Reason::Subheading)
                    } else {
                        verdict(Label::Content, Reason::Context)
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::document_features;

    fn page(items: &[(&str, BlockKind)]) -> (Vec<Block>, Vec<BlockFeatures>) {
        let blocks: Vec<Block> = items.iter().map(|&(t, k)| Block::new(t, k)).collect();
        let feats = document_features(&blocks, Some("en"));
        (blocks, feats)
    }

    const H2: BlockKind = BlockKind::Heading { level: 2 };
    const P: BlockKind = BlockKind::Paragraph;

    #[test]
    fn a_comments_heading_with_a_count_or_only_comment_words_opens_a_thread() {
        let (blocks, feats) = page(&[("12 Comments", H2), ("Comments", H2), ("Leave a reply", H2), ("About Responses", H2), ("Comments", P)]);
        let opens: Vec<bool> = blocks.iter().zip(&feats).map(|(b, f)| opens_thread(b, f)).collect();
        assert_eq!(opens, [true, true, true, false, false], "a section that mentions responses, or a paragraph, is not a thread's heading");
    }

    #[test]
    fn comment_words_beside_whose_they_are_or_a_thread_phrase_open_a_thread() {
        let headings = [
            ("Reader comments", true),
            ("124 reader comments", true),
            ("Your Comments (3)", true),
            ("Commentaires des lecteurs", true),
            ("Have your say", true),
            ("Talkback", true),
            ("Readers", false),
            ("Your account", false),
            ("Reader comments policy and moderation guidelines for everyone", false),
            ("Discussion of the results", false),
        ];
        for (text, expected) in headings {
            assert_eq!(names_a_thread(text), expected, "{text:?}");
        }
        let (blocks, feats) = page(&[("Reader comments", H2), ("Reader comments", P)]);
        let opens: Vec<bool> = blocks.iter().zip(&feats).map(|(b, f)| opens_thread(b, f)).collect();
        assert_eq!(opens, [true, false], "only a heading");
    }

    #[test]
    fn a_short_line_counting_comments_opens_a_thread_as_a_heading_does() {
        let (blocks, feats) = page(&[
            ("5 Comments", P),
            ("Kommentare (34)", P),
            ("17 reader comments", P),
            ("Comments: CVPR 2026", P),
            ("Comments", P),
            ("There are 5 comments on this story so far, and more are waiting", P),
        ]);
        let opens: Vec<bool> = blocks.iter().zip(&feats).map(|(b, f)| opens_thread(b, f)).collect();
        assert_eq!(opens, [true, true, true, false, false, false], "a count and comment words only, on a short line");
    }

    #[test]
    fn a_heading_counting_the_replies_to_a_quoted_title_opens_a_thread() {
        let (blocks, feats) = page(&[
            ("3 Responses to “Council budget”", H2),
            ("One thought on “Council budget”", H2),
            ("12 comments on \"Council budget\"", H2),
            ("10 Responses to Climate Change", H2),
            ("3 Responses to “Council budget”", P),
        ]);
        let opens: Vec<bool> = blocks.iter().zip(&feats).map(|(b, f)| opens_thread(b, f)).collect();
        assert_eq!(opens, [true, true, true, false, false], "without a quoted title it counts something else");
    }

    #[test]
    fn only_a_pages_single_thread_heading_counts() {
        let (blocks, feats) = page(&[("Story", H2), ("12 Comments", H2), ("text", P)]);
        assert_eq!(thread_heading(&blocks, &feats), Some(1));
        let (blocks, feats) = page(&[("Question", H2), ("3 Comments", H2), ("An answer", H2), ("Comments", H2)]);
        assert_eq!(thread_heading(&blocks, &feats), None, "a Q&A page holds a thread under each post");
    }

    #[test]
    fn a_story_before_needs_enough_words_of_running_text() {
        let para = "The council met on Tuesday to discuss the new budget plan, which would raise spending on roads and schools this year.";
        let (_, feats) = page(&[(para, P), (para, P), (para, P), (para, P), (para, P), ("Short line", P)]);
        assert!(story_before(&feats, 0..5, |_| true));
        assert!(!story_before(&feats, 0..2, |_| true), "two paragraphs are a lede, not a story");
        assert!(!story_before(&feats, 0..5, |i| i == 0), "only the kept blocks count");
    }
}
