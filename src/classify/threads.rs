//! Comment threads the markup does not name.
//!
//! Most comment sections say what they are in their class names
//! (`commentlist`, `comment-body`: `data/markup_hints.txt`), and those are
//! marked by the walk (`frontend::html`). Many older blogs and news sites wrote theirs with
//! plain `<div>`s or names no list holds (`feedback`, `talkback`,
//! `tb-item`). What gives them away is their shape: several sibling
//! elements of one template, each opening with a short header line that
//! holds a date *and* a time of day ("Jenny wrote on March 3, 2011 at 9:14
//! am", "Tom K. - 04/03/2011 23:02") and followed by the reader's text,
//! after a story. A story has one dateline; a thread has one per post.
//!
//! This module marks such posts as comments ([`RegionHint::Comments`]), so
//! that both scorers treat them as the markup-named ones: dropped without
//! `--comments`, kept on a discussion page or where they are most of the
//! page. It decides nothing else, and leaves alone any element the markup
//! already hinted at.

use std::sync::LazyLock;

use regex::Regex;

use crate::block::{Block, BlockKind, Region, RegionHint};
use crate::classify::records::sibling_groups;

/// Fewest posts that make a thread: two dated entries can be a story's
/// updates, three readers answering are a thread (as many as the records'
/// groups need, so every group `sibling_groups` gives can hold one).
pub const THREAD_MIN_POSTS: usize = crate::classify::weights::RECORD_MIN_SIBLINGS;
/// Share of the template's siblings that must read as posts (the rest: a
/// "load more" item, a deleted comment).
pub const THREAD_POST_SHARE: f32 = 0.67;
/// Longest header line, in words: a name, a verb and a timestamp.
pub const HEADER_MAX_WORDS: usize = 20;
/// Blocks of a post searched for its header (the name may stand on its own
/// line above the timestamp).
pub const HEADER_SEARCH_BLOCKS: usize = 3;
/// Fewest words of a post besides its header: a reader's text, not a
/// dated link in a list of archives.
pub const POST_MIN_WORDS: usize = 6;
/// Largest share of a post's characters in links: a reader writes text;
/// a product card or a teaser is mostly its links.
pub const POST_MAX_LINK_SHARE: f32 = 0.5;
/// Fewest words of running text (blocks of at least
/// [`STORY_BLOCK_WORDS`]) before the thread: comments answer a story above
/// them. Dated entries from the top of the page are the page itself (a
/// forum's posts, a news site's front page of dated stories).
pub const STORY_MIN_WORDS: usize = 100;
/// Words a block needs to count as running text for [`STORY_MIN_WORDS`].
pub const STORY_BLOCK_WORDS: usize = 12;

/// A time of day: `9:14`, `23:02`, `9:14 am`, `14h05`.
static TIME_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)\b(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9](?::[0-5][0-9])?(?:\s*[ap]\.?m\.?)?|h[0-5][0-9])\b").expect("a valid pattern"));
/// A calendar year (1990-2039) or a day and month in figures (`04/03`,
/// `4.3.`): the date beside the time.
static DATE_PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)\b(?:199[0-9]|20[0-3][0-9])\b|\b[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}\b").expect("a valid pattern"));

/// Whether `text` is a post's header: short, with a date and a time of day
/// (ASCII digits: the patterns run byte-wise; a time needs `:` or `h`).
fn is_header(text: &str) -> bool {
    // A digit, `:` or `h`, a digit: what every time of day holds.
    let maybe_time = text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && matches!(w[1], b':' | b'h' | b'H') && w[2].is_ascii_digit());
    maybe_time && text.split_whitespace().nth(HEADER_MAX_WORDS).is_none() && TIME_OF_DAY.is_match(text) && DATE_PART.is_match(text)
}

/// How the region's blocks read: not a post, a post, or a headed entry (a
/// post whose header follows a headline: a story in a list of dated
/// stories, not a reader's comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    None,
    Post,
    Headed,
}

/// Whether the region's blocks read as a post: a header among its first
/// blocks and some text besides it; headed when a heading comes before its
/// header, inside the region or just before it.
fn entry(region: &Region, blocks: &[Block]) -> Entry {
    let first = region.first_block as usize;
    let Some(own) = blocks.get(first..region.end_block as usize) else { return Entry::None };
    let Some(h) = own.iter().take(HEADER_SEARCH_BLOCKS).position(|b| is_header(&b.text)) else { return Entry::None };
    let words: usize = own.iter().enumerate().filter(|&(i, _)| i != h).map(|(_, b)| b.text.split_whitespace().count()).sum();
    let chars: usize = own.iter().map(|b| b.text.chars().count()).sum();
    let link_chars: usize = own.iter().map(|b| b.shape.link_chars as usize).sum();
    if words < POST_MIN_WORDS || link_chars as f32 > POST_MAX_LINK_SHARE * chars.max(1) as f32 {
        return Entry::None;
    }
    let is_heading = |b: &Block| matches!(b.kind, BlockKind::Heading { .. });
    let headed = own[..h].iter().any(is_heading) || first.checked_sub(1).and_then(|i| blocks.get(i)).is_some_and(is_heading);
    if headed { Entry::Headed } else { Entry::Post }
}

/// Words of running text among blocks of `words` words each: the blocks of
/// at least [`STORY_BLOCK_WORDS`], summed (what [`STORY_MIN_WORDS`] asks of
/// the story before a thread).
pub fn story_words(words: impl IntoIterator<Item = usize>) -> usize {
    words.into_iter().filter(|&n| n >= STORY_BLOCK_WORDS).sum()
}

/// Mark the posts of the page's unnamed comment threads as comments;
/// returns how many posts were marked. The candidates are the records'
/// sibling groups (`records::sibling_groups`: at least
/// `RECORD_MIN_SIBLINGS`, which is [`THREAD_MIN_POSTS`], siblings of one
/// template).
pub fn mark(regions: &mut [Region], blocks: &[Block]) -> usize {
    let mut marked = 0;
    for members in sibling_groups(regions) {
        let entries: Vec<(usize, Entry)> = members.iter().map(|&i| (i, entry(&regions[i], blocks))).filter(|&(_, e)| e != Entry::None).collect();
        let headed = entries.iter().filter(|&&(_, e)| e == Entry::Headed).count();
        // Stories under their headlines, most of them: a list of dated stories.
        if 2 * headed > entries.len() {
            continue;
        }
        let posts: Vec<usize> = entries.iter().map(|&(i, _)| i).collect();
        if posts.len() < THREAD_MIN_POSTS || (posts.len() as f32) < THREAD_POST_SHARE * members.len() as f32 {
            continue;
        }
        let first = regions[members[0]].first_block as usize;
        if story_words(blocks[..first.min(blocks.len())].iter().map(|b| b.text.split_whitespace().count())) < STORY_MIN_WORDS {
            continue;
        }
        for i in posts {
            if regions[i].hint == RegionHint::None {
                regions[i].hint = RegionHint::Comments;
                marked += 1;
            }
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_hold_a_date_and_a_time_of_day() {
        assert!(is_header("Jenny wrote on March 3, 2011 at 9:14 am:"));
        assert!(is_header("Tom K. - 04/03/2011 23:02"));
        assert!(is_header("Marie, le 3 mars 2011 à 14h05"));
        // A story's dateline without a time, a live blog's time without a date.
        assert!(!is_header("Posted by Mark on March 3, 2011"));
        assert!(!is_header("10:32 The minister arrives"));
        // A long sentence is not a header.
        assert!(!is_header("At 9:14 on March 3, 2011 the council met to discuss the budget for the schools of the town and many other things besides"));
    }
}
