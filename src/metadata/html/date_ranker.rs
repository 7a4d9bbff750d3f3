//! An HTML page's publication date, chosen by a learned ranker among the
//! dates its sources give.
//!
//! The trust order of [`super::dates`] takes the first source that has a
//! date (JSON-LD, `<meta>`, microdata, the URL, `<time>`, a date printed
//! by the headline, the first lines). Its errors are where sources
//! disagree: a JSON-LD timestamp in UTC a day off the day the page prints,
//! a `<meta>` date that is the last update, a URL that dates the section.
//! Here every distinct date any source gives is a candidate, described by
//! [`COLUMNS`] numbers (which sources give it and how many `<meta>` keys,
//! `<time>` elements and printed dates agree, the time and offset it is
//! written with, whether the trust order chose it, where it stands among the
//! page's other dates and against the modification date), and a forest
//! trained by `scripts/train-html-metadata --field date` scores it. Below
//! [`MIN_PROBABILITY`] the trust order's date stands.
//!
//! It reads what `super::dates` reads; it does not look for new dates.

use std::sync::LazyLock;

use regex::Regex;
use super::dates::{self, day_number, Sources};
use super::meta::{normalise_date, Meta};
use crate::learned::vector::flag;
use crate::lexicon::regex;

/// The sources a date may come from, numbered in the trust order's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    LdPublished = 0,
    MetaPublished = 1,
    Microdata = 2,
    Url = 3,
    TimeNearest = 4,
    PrintedNearest = 5,
    FirstLines = 6,
    LdModified = 7,
    MetaModified = 8,
}
/// Number of [`Source`]s.
const SOURCES: usize = 9;

/// How many `<time>` elements and printed date cues nearest the headline
/// are read for agreement (`dates::sources`).
pub(super) const NEAREST_CUES: usize = 12;
/// Days a distance between dates is capped at.
const MAX_DAYS: f32 = 3650.0;

/// The ranker's probability below which its best candidate is not taken
/// and the trust order's date stands. Out-of-fold sweep (`scripts/train-html-metadata --field date`;
/// dates right, trafilatura-dev / wcxb-dev / readability-dev of 366 / 396 / 17,
/// and wcxb-rest of 384 held back): the trust order alone 325 / 337 / 16 /
/// 330; from 0.5 333 / 343 / 14 / 330; 0.6 333 / 342 / 14 / 332; 0.7 332 /
/// 339 / 15 / 330; 0.8 330 / 338 / 16 / 331. The threshold is the one with
/// the most dev dates right that loses none on any dev set (readability-dev's
/// truth is the page's JSON-LD or `<meta>` date, never a printed one).
pub const MIN_PROBABILITY: f32 = 0.8;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "ld_published",
    "meta_published",
    "microdata",
    "url",
    "time_nearest",
    "printed_nearest",
    "first_lines",
    "ld_modified",
    "meta_modified",
    "sources",
    "meta_keys",
    "time_elements",
    "printed",
    "utc",
    "offset",
    "offset_hours",
    "hour",
    "trusted",
    "trust_rank",
    "dates",
    "newest",
    "oldest",
    "days_from_newest",
    "days_from_oldest",
    "printed_one_day_off",
    "has_modified",
    "days_after_modified",
    "has_url_date",
    "has_headline",
    "time_distance",
    "printed_distance",
    "year",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/html_date.json as code.
crate::metadata::ranker::built_in_ranker!("html_date_trees.rs");

/// A clock time and an offset after a date ("T23:35:55", "T07:30+01:00", "…Z").
static TIME_AND_OFFSET: LazyLock<Regex> = LazyLock::new(|| regex(r"[T ]([0-9]{2}):[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?\s*$"));

/// A candidate date (`YYYY-MM-DD`) and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct DateCandidate {
    pub date: String,
    pub row: [f32; WIDTH],
}

/// What the sources say of one date.
#[derive(Default)]
struct Evidence {
    sources: [bool; SOURCES],
    meta_keys: u32,
    time_elements: u32,
    printed: u32,
    utc: bool,
    offset_hours: Option<f32>,
    hour: Option<f32>,
    time_distance: Option<usize>,
    printed_distance: Option<usize>,
}

/// The dates of a page and what says each, in the order first seen.
#[derive(Default)]
struct Dates(Vec<(String, Evidence)>);

impl Dates {
    /// The evidence of `raw`'s date, when it is one.
    fn of(&mut self, raw: &str) -> Option<&mut Evidence> {
        let date = normalise_date(raw)?;
        let at = match self.0.iter().position(|(d, _)| *d == date) {
            Some(at) => at,
            None => {
                self.0.push((date, Evidence::default()));
                self.0.len() - 1
            }
        };
        let e = &mut self.0[at].1;
        if let Some(c) = TIME_AND_OFFSET.captures(raw.trim()) {
            e.hour = e.hour.or_else(|| c[1].parse().ok());
            if let Some(offset) = c.get(2).map(|m| m.as_str()) {
                let hours = if offset == "Z" { 0.0 } else { offset_hours(offset) };
                e.utc |= hours == 0.0;
                e.offset_hours = e.offset_hours.or(Some(hours));
            }
        }
        Some(e)
    }

    fn source(&mut self, raw: Option<&str>, source: Source) {
        if let Some(e) = raw.and_then(|r| self.of(r)) {
            e.sources[source as usize] = true;
        }
    }
}

/// "+01:00", "-0300" as hours.
fn offset_hours(offset: &str) -> f32 {
    let sign = if offset.starts_with('-') { -1.0 } else { 1.0 };
    let digits: String = offset.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = digits.split_at(digits.len().min(2));
    sign * (h.parse::<f32>().unwrap_or(0.0) + m.parse::<f32>().unwrap_or(0.0) / 60.0)
}

/// Every date the page's sources give (`dates::sources`, read with at
/// most [`NEAREST_CUES`] `<time>` elements and printed dates), with its row;
/// `trusted` is the trust order's date, `meta` gives the other `<meta>`
/// keys' dates.
pub(super) fn candidates(s: &Sources, meta: &Meta, headline: bool, trusted: Option<&str>) -> Vec<DateCandidate> {
    let mut found = Dates::default();
    found.source(s.ld_published.as_deref(), Source::LdPublished);
    found.source(s.meta_published.as_deref(), Source::MetaPublished);
    found.source(s.microdata.as_deref(), Source::Microdata);
    found.source(s.url.as_deref(), Source::Url);
    found.source(s.times.first().map(|(_, t)| t.as_str()), Source::TimeNearest);
    let printed = s.printed.first().map(|(_, d)| d.as_str());
    found.source(printed, Source::PrintedNearest);
    found.source(s.first_lines.as_deref(), Source::FirstLines);
    found.source(s.ld_modified.as_deref(), Source::LdModified);
    found.source(s.meta_modified.as_deref(), Source::MetaModified);
    for key in dates::PUBLISHED_KEYS {
        for value in meta.all(key) {
            if let Some(e) = found.of(value) {
                e.meta_keys += 1;
            }
        }
    }
    for (distance, raw) in &s.times {
        if let Some(e) = found.of(raw) {
            e.time_elements += 1;
            e.time_distance = Some(e.time_distance.map_or(*distance, |d| d.min(*distance)));
        }
    }
    for (distance, date) in &s.printed {
        if let Some(e) = found.of(date) {
            e.printed += 1;
            e.printed_distance = Some(e.printed_distance.map_or(*distance, |d| d.min(*distance)));
        }
    }
    if found.0.is_empty() {
        return Vec::new();
    }
    let days: Vec<i64> = found.0.iter().map(|(d, _)| day_number(d)).collect();
    let (newest, oldest) = (days.iter().copied().max().unwrap_or(0), days.iter().copied().min().unwrap_or(0));
    let printed_day = printed.and_then(normalise_date).map(|d| day_number(&d));
    let modified_day = dates::modified(s).map(|d| day_number(&d));
    let count = found.0.len();
    found
        .0
        .into_iter()
        .zip(days)
        .map(|((date, e), day)| {
            // The sources are numbered in the trust order's order.
            let trust_rank = e.sources.iter().position(|given| *given).unwrap_or(SOURCES);
            let by = |source: Source| flag(e.sources[source as usize]);
            let row = [
                by(Source::LdPublished),
                by(Source::MetaPublished),
                by(Source::Microdata),
                by(Source::Url),
                by(Source::TimeNearest),
                by(Source::PrintedNearest),
                by(Source::FirstLines),
                by(Source::LdModified),
                by(Source::MetaModified),
                e.sources.iter().filter(|x| **x).count() as f32,
                e.meta_keys as f32,
                e.time_elements as f32,
                e.printed as f32,
                flag(e.utc),
                flag(e.offset_hours.is_some()),
                e.offset_hours.unwrap_or(0.0),
                e.hour.unwrap_or(-1.0),
                flag(trusted == Some(date.as_str())),
                trust_rank as f32,
                count as f32,
                flag(day == newest),
                flag(day == oldest),
                ((newest - day) as f32).min(MAX_DAYS),
                ((day - oldest) as f32).min(MAX_DAYS),
                flag(printed_day.is_some_and(|p| (p - day).abs() == 1)),
                flag(modified_day.is_some()),
                modified_day.map_or(0.0, |m| ((day - m) as f32).clamp(-MAX_DAYS, MAX_DAYS)),
                flag(s.url.is_some()),
                flag(headline),
                e.time_distance.map_or(-1.0, |d| d as f32),
                e.printed_distance.map_or(-1.0, |d| d as f32),
                date.get(..4).and_then(|y| y.parse::<f32>().ok()).unwrap_or(0.0),
            ];
            DateCandidate { date, row: row.map(|v| if v.is_finite() { v } else { 0.0 }) }
        })
        .collect()
}

/// The candidate the built-in ranker names when its probability is at
/// least [`MIN_PROBABILITY`].
pub(super) fn pick(candidates: &[DateCandidate]) -> Option<(&DateCandidate, f32)> {
    RANKER.best(COLUMNS, candidates.iter().collect(), |c| c.row).filter(|(_, p)| *p >= MIN_PROBABILITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../../data/model/html_date.json"), include_str!("../../../tests/fixtures/model/html_date.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    fn candidates_of(html: &str, url: Option<&str>) -> Vec<DateCandidate> {
        crate::metadata::html::from_html(&scraper::Html::parse_document(html), url).date_candidates
    }

    #[test]
    fn every_source_gives_a_candidate_with_its_flags() {
        let html = r#"<html><head><title>Storm closes roads</title>
            <meta property="article:published_time" content="2024-03-04T23:30:00Z">
            <meta property="article:modified_time" content="2024-03-09T08:00:00+01:00"></head>
            <body><h1>Storm closes roads</h1><p class="date">5 March 2024</p><p>The storm closed three roads.</p></body></html>"#;
        let cs = candidates_of(html, Some("https://example.com/2024/03/05/storm"));
        let col = |c: &DateCandidate, name: &str| c.row[COLUMNS.iter().position(|n| *n == name).expect("a column")];
        let dates: Vec<&str> = cs.iter().map(|c| c.date.as_str()).collect();
        assert_eq!(dates, ["2024-03-04", "2024-03-05", "2024-03-09"]);
        let (meta, printed, modified) = (&cs[0], &cs[1], &cs[2]);
        // The trust order takes the printed day over a UTC timestamp a day off it.
        assert_eq!((col(meta, "meta_published"), col(meta, "trusted"), col(meta, "utc"), col(meta, "hour")), (1.0, 0.0, 1.0, 23.0));
        assert_eq!((col(printed, "url"), col(printed, "printed_nearest"), col(printed, "trusted")), (1.0, 1.0, 1.0));
        assert_eq!(col(meta, "printed_one_day_off"), 1.0);
        assert_eq!((col(modified, "meta_modified"), col(modified, "offset_hours")), (1.0, 1.0));
        assert_eq!(col(meta, "days_after_modified"), -5.0);
    }

    #[test]
    fn offsets_read_as_hours() {
        assert_eq!(offset_hours("+01:00"), 1.0);
        assert_eq!(offset_hours("-0300"), -3.0);
        assert_eq!(offset_hours("+05:30"), 5.5);
    }
}
