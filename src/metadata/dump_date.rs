//! A text dump's publication date, chosen by a learned ranker.
//!
//! A dump's lines hold many dates: the story's, an update's, the teasers'
//! and comments', a copyright year. Every line of at most
//! [`MAX_CHARS`] characters from [`BEFORE`] blocks before the body's first
//! content block to [`AFTER`] blocks into it that holds a date
//! (`metadata::date::find_date_glued`, its first) is a candidate; a row of
//! [`COLUMNS`] numbers describes it (its place against the body and the
//! headline, its shape and flags, the words around the date that say which
//! date it is, `data/date_kinds.txt`, where its date stands among the
//! dump's other candidates, the block model's probabilities around it) and
//! a forest trained by `scripts/train-dump-metadata --field date` scores it.
//!
//! This module reads the blocks, their features and the verdicts after the
//! headline was lifted (`metadata::dump`); it changes no verdict.

use std::sync::LazyLock;

use foldhash::HashMap;

use crate::block::{Block, BlockKind, Label, Verdict};
use crate::features::BlockFeatures;
use crate::learned::vector::flag;
use crate::metadata::ranker::kept_text_before;
use crate::lexicon::data_section;
use crate::metadata::date::find_date_glued;

/// Blocks before the body's first content block, and into it, where a date
/// line may be a candidate, and the longest such line (characters). Out of
/// fold on trafilatura-dumps-dev (`scripts/train-dump-metadata --field
/// date`), dates right of 366 at probability 0.3 (dumps with a right
/// candidate): 60 / 80 blocks and 300 characters 287 (287); 60 / 80 and
/// 1,000 290 (290); 100 / 200 and 1,000 289 (305); 150 / 300 and 1,000 292
/// (309). Only lines the lexicon finds a year in are read (`has_year`):
/// 292 (301) as with any digit, for fewer date searches; looking for the
/// date in a line's first 200 bytes only: 287 (300). And lines with a digit
/// before a dot, which may hold a two-digit year ("19.10.19, 08:16 Uhr"):
/// with glued dates read, 297 (311) -> 300 (319). Every date of a line
/// rather than its first, with its order in the line and the kind words
/// before it as columns: 298 (321), not kept.
pub const BEFORE: usize = 150;
pub const AFTER: usize = 300;
pub const MAX_CHARS: u32 = 1000;
/// Blocks either side of a candidate read for a byline.
const NEAR: usize = 2;
/// Days a date's distance to the newest candidate date is capped at.
const MAX_DAYS: f32 = 3650.0;

/// The ranker's probability below which its best candidate is not taken
/// and the lifting's date (or none) stands. Out-of-fold sweep (`scripts/train-dump-metadata
/// --field date`), dates right of 366 (dumps given a date), with dates
/// glued to their neighbours read (`date::find_date_glued`, session 23):
/// always the ranker 303 (341), from 0.2 302 (337), 0.3 300 (334), 0.5 299
/// (329), 0.7 296 (325); the lifting alone 276. Before (session 20): 294
/// (335), 292 (331), 292 (326), 291 (321), 286 (315); the lifting 265.
/// Retrained on the dump block model at 300 trees a seed (session 33): 301
/// (341), 300 (335), 299 (334), 297 (328), 293 (322); the lifting 276.
pub const MIN_PROBABILITY: f32 = 0.3;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "rel_position",
    "distance",
    "position",
    "rel_headline",
    "chars_log",
    "words_log",
    "dateline",
    "byline",
    "byline_near",
    "legal",
    "link_density",
    "widget_coverage",
    "heading",
    "list_item",
    "published_word",
    "updated_word",
    "probability",
    "probability_next",
    "probability_prev",
    "content_before",
    "candidates_log",
    "candidate_rank",
    "same_date",
    "days_from_newest",
    "days_from_oldest",
    "newest",
    "oldest",
    "year",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/dump_date.json as code.
crate::metadata::ranker::built_in_ranker!("dump_date_trees.rs");

/// The words of `data/date_kinds.txt`: (published, updated).
static KINDS: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let src = include_str!("../../data/date_kinds.txt");
    (data_section(src, "published"), data_section(src, "updated"))
});

/// Whether `lower`, a lowercased line, says its date is a later change
/// (an `[updated]` word of `data/date_kinds.txt`: "Updated:", "Stand:").
pub(crate) fn says_updated(lower: &str) -> bool {
    KINDS.1.iter().any(|w| lower.contains(w))
}

/// A candidate date line: its block, its date (`YYYY-MM-DD`) and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub index: usize,
    pub date: String,
    pub row: [f32; WIDTH],
}

/// Whether a line without a four-digit year may still hold a date: one
/// with a two-digit year (`19.10.19`) has a digit before a dot.
fn may_hold_short_year(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1] == b'.')
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the civil calendar).
fn days(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The candidates of a dump and their rows; `probabilities` are the block
/// model's (one per block).
pub fn candidates(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32]) -> Vec<Candidate> {
    let n = blocks.len();
    if n == 0 || feats.len() != n || verdicts.len() != n || probabilities.len() != n {
        return Vec::new();
    }
    let start = verdicts.iter().position(|v| v.label == Label::Content).unwrap_or(0);
    let headline = verdicts.iter().position(|v| v.label == Label::Title);
    let window = start.saturating_sub(BEFORE)..(start + AFTER + 1).min(n);
    let found: Vec<(usize, String, i64)> = window
        .filter(|&i| feats[i].chars <= MAX_CHARS && (feats[i].has_year || may_hold_short_year(&blocks[i].text)))
        .filter_map(|i| {
            let date = find_date_glued(&blocks[i].text)?;
            let day = days(&date)?;
            Some((i, date, day))
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let newest = found.iter().map(|c| c.2).max().unwrap_or(0);
    let oldest = found.iter().map(|c| c.2).min().unwrap_or(0);
    let mut per_date: HashMap<i64, u32> = HashMap::default();
    for c in &found {
        *per_date.entry(c.2).or_default() += 1;
    }
    let kept_before = kept_text_before(feats, probabilities);
    let (published, updated) = &*KINDS;
    let count = found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(rank, (i, date, day))| {
            let (b, f) = (&blocks[i], &feats[i]);
            let lower = b.text.to_lowercase();
            let rel = i as f32 - start as f32;
            let near = i.saturating_sub(NEAR)..(i + NEAR + 1).min(n);
            let year = date.get(..4).and_then(|y| y.parse::<f32>().ok()).unwrap_or(0.0);
            let row = [
                rel,
                rel.abs(),
                i as f32 / n as f32,
                headline.map_or(-999.0, |h| i as f32 - h as f32),
                (f.chars as f32).ln_1p(),
                (f.words as f32).ln_1p(),
                flag(f.dateline),
                flag(f.byline),
                flag(near.clone().any(|j| j != i && feats[j].byline)),
                flag(f.legal),
                f.link_density,
                f.widget_coverage,
                flag(matches!(b.kind, BlockKind::Heading { .. })),
                flag(matches!(b.kind, BlockKind::ListItem { .. })),
                flag(published.iter().any(|w| lower.contains(w))),
                flag(updated.iter().any(|w| lower.contains(w))),
                probabilities[i],
                probabilities.get(i + 1).copied().unwrap_or(0.0),
                i.checked_sub(1).map_or(0.0, |j| probabilities[j]),
                kept_before[i],
                (count as f32).ln_1p(),
                rank as f32,
                per_date.get(&day).copied().unwrap_or(0) as f32,
                ((newest - day) as f32).min(MAX_DAYS),
                ((day - oldest) as f32).min(MAX_DAYS),
                flag(day == newest),
                flag(day == oldest),
                year,
            ];
            Candidate { index: i, date, row: row.map(|v| if v.is_finite() { v } else { 0.0 }) }
        })
        .collect()
}

/// The candidate the built-in ranker names, with its probability, when
/// that is at least [`MIN_PROBABILITY`]; `None` without candidates (or
/// without the model).
pub fn pick(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32]) -> Option<(Candidate, f32)> {
    RANKER.best(COLUMNS, candidates(blocks, feats, verdicts, probabilities), |c| c.row).filter(|(_, p)| *p >= MIN_PROBABILITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../data/model/dump_date.json"), include_str!("../../tests/fixtures/model/dump_date.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    #[test]
    fn days_count_from_1970() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2024-02-29").zip(days("2024-03-01")).map(|(a, b)| b - a), Some(1));
        assert_eq!(days("2024-xx-01"), None);
    }

    #[test]
    fn candidates_are_dated_lines_with_their_standing_among_the_dates() {
        let texts = ["Home", "Storm closes roads", "Published 12 March 2024", "The storm closed three roads on Tuesday, officials said.", "Updated 14 March 2024", "© 2019 Daily Planet"];
        let blocks: Vec<Block> = texts.iter().map(|t| Block::new(*t, BlockKind::Paragraph)).collect();
        let feats = crate::features::document_features(&blocks, Some("en"));
        let mut verdicts = vec![Verdict { label: Label::Boilerplate, score: 0.0, reason: crate::block::Reason::Score }; texts.len()];
        verdicts[3].label = Label::Content;
        let cs = candidates(&blocks, &feats, &verdicts, &[0.1, 0.2, 0.3, 0.9, 0.3, 0.1]);
        let dates: Vec<(usize, &str)> = cs.iter().map(|c| (c.index, c.date.as_str())).collect();
        assert_eq!(dates, [(2, "2024-03-12"), (4, "2024-03-14")], "the copyright line holds a year, no date");
        let col = |c: &Candidate, name: &str| c.row[COLUMNS.iter().position(|n| *n == name).expect("a column")];
        assert_eq!((col(&cs[0], "published_word"), col(&cs[0], "updated_word")), (1.0, 0.0));
        assert_eq!((col(&cs[1], "published_word"), col(&cs[1], "updated_word")), (0.0, 1.0));
        assert_eq!((col(&cs[0], "days_from_newest"), col(&cs[1], "newest")), (2.0, 1.0));
    }
}
