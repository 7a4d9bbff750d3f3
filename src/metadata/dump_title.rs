//! A text dump's title, chosen by a learned ranker.
//!
//! A dump keeps its headline as one line among the page's menus, teasers
//! and bylines. Every short line from [`BEFORE`] blocks before the body's
//! first content block to [`AFTER`] blocks into it (and the dump's first
//! two lines, which often repeat the page's `<title>`) is a candidate; a
//! row of [`COLUMNS`] numbers describes it (its place against the body, its
//! kind, shape and words, the lines after it, whether the first line holds
//! it, the block model's probabilities around it) and a forest trained by
//! `scripts/train-dump-metadata --field title` from trafilatura-dumps-dev's titles scores it. The
//! candidate scored highest is the title.
//!
//! This module reads the blocks, their features and the verdicts after the
//! headline was lifted (`metadata::dump`); it changes no verdict.

use foldhash::HashMap;

use crate::block::{Block, BlockKind, Label, Verdict};
use crate::features::BlockFeatures;
use crate::learned::vector::flag;
use crate::metadata::ranker::{fold, kept_text_before};
use crate::metadata::date::find_date;
use crate::metadata::dump;

/// Blocks before the body's first content block that may be the title,
/// and into the body. Out of fold on trafilatura-dumps-dev (`scripts/train-dump-metadata --field title`),
/// titles right of 433 (dumps with a matching candidate): 15 / 5 blocks
/// 267 (347), 30 / 12 272 (365), 60 / 30 278 (379), 150 / 100 278 (399):
/// a wider window finds more titles but ranks them no better past 60 / 30.
pub const BEFORE: usize = 60;
pub const AFTER: usize = 30;
/// Candidate length bounds, in words.
const MIN_WORDS: u32 = 1;
const MAX_WORDS: u32 = 40;
/// Lines after a candidate read for a byline or a date line.
const FOLLOWING: usize = 2;
/// Longest line (characters) read as a date line after a candidate.
const DATE_LINE_MAX_CHARS: u32 = 80;

/// The ranker's probability below which its best candidate is not taken
/// and the lifting's title (or none) stands: a dump whose lines all score
/// low has no headline the ranker knows (a menu item or a paragraph would
/// be named). Set by `scripts/train-dump-metadata --field title`'s out-of-fold sweep (session 20),
/// titles right of 433 (dumps given a title): always the ranker 277 (433),
/// from 0.2 281 (397), 0.3 283 (390), 0.4 278 (386), 0.5 268 (377); the
/// lifting alone 251. Retrained on the dump block model at 300 trees a seed
/// (session 33): always 285, 0.2 283, 0.3 284, 0.4 278, 0.5 272.
pub const MIN_PROBABILITY: f32 = 0.3;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "rel_position",
    "distance",
    "first_line",
    "first_three",
    "heading",
    "heading_1",
    "heading_2",
    "list_item",
    "words_log",
    "chars_log",
    "title_case",
    "upper_case",
    "sentence_end",
    "asks",
    "widget_coverage",
    "link_density",
    "byline",
    "dateline",
    "credit",
    "legal",
    "repeats",
    "separators",
    "has_bar",
    "has_date",
    "byline_after",
    "date_line_after",
    "in_first_line",
    "opens_first_line",
    "probability",
    "probability_next",
    "probability_prev",
    "stopword_density",
    "level_one_headings",
    "position",
    "next_words_log",
    "content_before",
    "first_heading_1",
    "first_heading",
    "title_recurs",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/dump_title.json as code.
crate::metadata::ranker::built_in_ranker!("dump_title_trees.rs");

/// A candidate line: its block, the title it names ([`title_of`]) and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub index: usize,
    pub title: String,
    pub row: [f32; WIDTH],
}

/// The candidates of a dump and their rows; `probabilities` are the block
/// model's (one per block).
pub fn candidates(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32]) -> Vec<Candidate> {
    let n = blocks.len();
    if n == 0 || feats.len() != n || verdicts.len() != n || probabilities.len() != n {
        return Vec::new();
    }
    let start = verdicts.iter().position(|v| v.label == Label::Content).unwrap_or(0);
    let first = fold(&blocks[0].text);
    let level_one = blocks.iter().filter(|b| b.kind == BlockKind::Heading { level: 1 }).count() as f32;
    let first_h1 = blocks.iter().position(|b| b.kind == BlockKind::Heading { level: 1 });
    let first_heading = blocks.iter().position(|b| matches!(b.kind, BlockKind::Heading { .. }));
    let kept_before = kept_text_before(feats, probabilities);
    let window = start.saturating_sub(BEFORE)..(start + AFTER + 1).min(n);
    let mut indices: Vec<usize> = window.chain(0..2.min(n)).collect();
    indices.sort_unstable();
    indices.dedup();
    // Whether a block holds a date, looked for once and only where a row
    // reads it (a candidate, or a short line after one; no date without a
    // digit). The lexicon's year flag instead: 274 titles right of 433
    // against 280, for 2% of a dump's time.
    let mut dated: Vec<Option<bool>> = vec![None; n];
    let mut is_dated = |j: usize| *dated[j].get_or_insert_with(|| blocks[j].text.bytes().any(|b| b.is_ascii_digit()) && find_date(&blocks[j].text).is_some());
    // How many blocks say each text (trimmed): a title that stands on a line
    // of its own elsewhere (the first line's headline repeated by the body)
    // is told from a site banner's longest part, which recurs nowhere.
    let mut said: HashMap<&str, u32> = HashMap::default();
    for b in blocks {
        *said.entry(b.text.trim()).or_default() += 1;
    }
    let mut out = Vec::with_capacity(indices.len());
    for i in indices.into_iter().filter(|&i| (MIN_WORDS..=MAX_WORDS).contains(&feats[i].words)) {
        let (b, f) = (&blocks[i], &feats[i]);
        let text = b.text.trim();
        let lower = fold(text);
        let rel = i as f32 - start as f32;
        let (heading, level) = match b.kind {
            BlockKind::Heading { level } => (true, level),
            _ => (false, 0),
        };
        let next = i + 1..(i + 1 + FOLLOWING).min(n);
        let date_line_after = next.clone().any(|j| feats[j].chars < DATE_LINE_MAX_CHARS && is_dated(j));
        let title = title_of(blocks, i);
        let elsewhere = said.get(title.as_str()).copied().unwrap_or(0) - u32::from(text == title);
        let row = [
            rel,
            rel.abs(),
            flag(i == 0),
            flag(i <= 2),
            flag(heading),
            flag(level == 1),
            flag(level == 2),
            flag(matches!(b.kind, BlockKind::ListItem { .. })),
            (f.words as f32).ln_1p(),
            (f.chars as f32).ln_1p(),
            f.title_case,
            f.upper_case,
            flag(f.sentence_end),
            flag(text.ends_with(['?', '!'])),
            f.widget_coverage,
            f.link_density,
            flag(f.byline),
            flag(f.dateline),
            flag(f.credit),
            flag(f.legal),
            f32::from(f.repeats),
            f32::from(f.separators),
            flag(text.contains(" | ")),
            flag(is_dated(i)),
            flag(next.clone().any(|j| feats[j].byline || feats[j].dateline)),
            flag(date_line_after),
            flag(i > 0 && first.contains(&lower)),
            flag(i > 0 && lower.chars().count() > 10 && first.starts_with(&lower)),
            probabilities[i],
            probabilities.get(i + 1).copied().unwrap_or(0.0),
            i.checked_sub(1).map_or(0.0, |j| probabilities[j]),
            f.stopword_density.unwrap_or(-1.0),
            level_one,
            i as f32 / n as f32,
            feats.get(i + 1).map_or(0.0, |f| (f.words as f32).ln_1p()),
            kept_before[i],
            flag(first_h1 == Some(i)),
            flag(first_heading == Some(i)),
            elsewhere.min(3) as f32,
        ];
        out.push(Candidate { index: i, title, row: row.map(|v| if v.is_finite() { v } else { 0.0 }) });
    }
    out
}

/// The title a candidate names: its text without Markdown link syntax, and
/// the first line cut at its separators as the lifting cuts it ("Storm
/// closes roads | Daily Planet").
pub fn title_of(blocks: &[Block], index: usize) -> String {
    let text = dump::clean_link_text(&blocks[index].text);
    if index == 0 {
        dump::title_line(&text).unwrap_or(text)
    } else {
        text
    }
}

/// The candidate the built-in ranker names, with its probability, when
/// that is at least [`MIN_PROBABILITY`]; `None` without candidates (or
/// without the model).
///
/// A first line's part (the line cut at its separators) that stands on no
/// line of its own is left to the lifting, which then names the headline by
/// the body (or none): such a part is as often a site banner ("Riverside
/// Gazette | Local news for the valley") as the page's headline. Out of fold
/// on trafilatura-dumps-dev the ranker named one 24 times, 7 of them right,
/// where the lifting had 8 right.
pub fn pick(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32]) -> Option<(Candidate, f32)> {
    let recurs = COLUMNS.iter().position(|c| *c == "title_recurs")?;
    RANKER.best(COLUMNS, candidates(blocks, feats, verdicts, probabilities), |c| c.row)
        .filter(|(_, p)| *p >= MIN_PROBABILITY)
        .filter(|(c, _)| !(c.index == 0 && c.title != blocks[0].text.trim() && c.row[recurs] == 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../data/model/dump_title.json"), include_str!("../../tests/fixtures/model/dump_title.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    #[test]
    fn candidates_lie_around_the_body_and_at_the_top() {
        let texts: Vec<String> = (0..200).map(|i| format!("Line number {i} of the page")).collect();
        let blocks: Vec<Block> = texts.iter().map(|t| Block::new(t.clone(), BlockKind::Paragraph)).collect();
        let feats = crate::features::document_features(&blocks, Some("en"));
        let mut verdicts = vec![Verdict { label: Label::Boilerplate, score: 0.0, reason: crate::block::Reason::Score }; 200];
        for v in &mut verdicts[100..] {
            v.label = Label::Content;
        }
        let probabilities = vec![0.5; 200];
        let got: Vec<usize> = candidates(&blocks, &feats, &verdicts, &probabilities).iter().map(|c| c.index).collect();
        let want: Vec<usize> = [0, 1].into_iter().chain(100 - BEFORE..=100 + AFTER).collect();
        assert_eq!(got, want);
        assert!(candidates(&blocks, &feats, &verdicts, &probabilities[..3]).is_empty(), "probabilities of other blocks are not read");
    }
}
