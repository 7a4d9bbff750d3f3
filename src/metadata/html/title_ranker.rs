//! An HTML page's title, chosen by a learned ranker among the titles its
//! sources give.
//!
//! The trust order of [`super::titles`] takes JSON-LD's headline (when it
//! agrees with the others), else Open Graph's, a card's or Dublin Core's
//! title, else `<title>`, with the site's name stripped, and completes it
//! from a fuller headline. Its errors are where the sources say different
//! things: a `<title>` or `og:title` that is the site's or a section's
//! name, a headline in the page that says more or other than the title, a
//! title cut at a separator that belonged to it. Here every distinct text
//! any source gives (the metadata titles, `<title>` whole and cut at its
//! separators, the page's first headings) is a candidate, described by
//! [`COLUMNS`] numbers (which sources give it, where its heading stands,
//! how it compares with `<title>` and the other candidates, its shape), and
//! a forest trained by `scripts/train-html-metadata --field title` scores
//! it. Below [`MIN_PROBABILITY`] the trust order's title stands.
//!
//! It reads what `super::titles` reads; it does not look for new titles.

use std::hash::{BuildHasher, Hasher};

use scraper::ElementRef;

use super::jsonld::JsonLd;
use super::meta::Meta;
use super::scan::Scan;
use super::{element_text, norm};
use crate::learned::vector::flag;
use crate::metadata::headline::norm as letters;
use crate::metadata::TITLE_SEPARATORS;

/// The sources a title may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Ld = 0,
    OpenGraph = 1,
    Card = 2,
    DublinCore = 3,
    /// `<title>`, its site's name stripped (`titles::strip_site`).
    Title = 4,
    /// `<title>` as written, when it does not name the site at an end.
    TitleWhole = 5,
    /// A part of `<title>` before or after a separator.
    TitlePart = 6,
    H1 = 7,
    H2 = 8,
    /// An `h3` or `h4`.
    Minor = 9,
    /// The heading `titles::headline_at` takes for the headline.
    Headline = 10,
}
/// Number of [`Source`]s.
const SOURCES: usize = 11;

/// How many headings of each kind (`h1`, `h2`, `h3`/`h4`) are candidates.
const HEADINGS: usize = 3;
/// Characters a candidate may have (a heading longer than this is prose).
const MAX_CHARS: usize = 300;

/// The ranker's probability below which its best candidate is not taken
/// and the trust order's title stands. Out-of-fold sweep
/// (`scripts/train-html-metadata --field title`; titles right,
/// trafilatura-dev / wcxb-dev / readability-dev of 433 / 752 / 91, and
/// wcxb-rest of 745 held back): the trust order alone 358 / 590 / 82 / 587;
/// always the ranker 380 / 615 / 75 / 612; from 0.3 375 / 618 / 76 / 610;
/// 0.4 374 / 623 / 76 / 612; 0.5 371 / 621 / 76 / 612; 0.8 363 / 600 / 79 /
/// 595. The threshold with the most dev titles right. readability-dev loses
/// at every threshold: its truth is Readability's own choice, the `<title>`
/// with its site part ("Mozilla - Wikipedia"), where the ranker takes the
/// visible headline.
pub const MIN_PROBABILITY: f32 = 0.4;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "ld",
    "open_graph",
    "card",
    "dublin_core",
    "title",
    "title_whole",
    "title_part",
    "h1",
    "h2",
    "minor",
    "headline",
    "sources",
    "trusted",
    "heading_rank",
    "heading_place",
    "h1s",
    "words",
    "chars_log",
    "in_title",
    "holds_title",
    "title_words_share",
    "similar",
    "holds_trusted",
    "in_trusted",
    "separator",
    "all_upper",
    "site",
    "candidates",
    "no_title",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/html_title.json as code.
crate::metadata::ranker::built_in_ranker!("html_title_trees.rs");

/// A candidate title and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleCandidate {
    pub title: String,
    pub row: [f32; WIDTH],
}

/// A distinct text, the sources that give it and, for a heading, its rank
/// among the page's headings and its element place.
struct Found {
    text: String,
    /// Its letters and digits, lower-cased (`headline::norm`): how texts are told apart.
    key: String,
    /// Its words (as `metadata::words` cuts them), lower-cased and hashed, sorted, no repeats.
    words: Vec<u64>,
    sources: [bool; SOURCES],
    heading: Option<(usize, usize)>,
}

/// Every title the page's sources give, with its row; `trusted` is the
/// trust order's title, `headline` the heading it took for the headline.
pub(super) fn candidates(
    page: &Scan,
    meta: &Meta,
    ld: &JsonLd,
    sites: &[String],
    headline: Option<(usize, ElementRef)>,
    trusted: Option<&str>,
) -> Vec<TitleCandidate> {
    // The trust order's title first, as it wrote it: a source giving the
    // same letters adds its flag to it.
    let mut found: Vec<Found> = trusted
        .map(|t| Found { key: letters(t), words: words(t), text: t.to_owned(), sources: [false; SOURCES], heading: None })
        .into_iter()
        .collect();
    let mut add = |text: Option<String>, source: Source, heading: Option<usize>, rank: usize| {
        let Some(text) = text.filter(|t| t.chars().count() <= MAX_CHARS) else { return };
        let key = letters(&text);
        if key.is_empty() {
            return;
        }
        let at = match found.iter().position(|f| f.key == key) {
            Some(at) => at,
            None => {
                found.push(Found { words: words(&text), key, text, sources: [false; SOURCES], heading: None });
                found.len() - 1
            }
        };
        found[at].sources[source as usize] = true;
        if let (None, Some(place)) = (found[at].heading, heading) {
            found[at].heading = Some((rank, place));
        }
    };
    let strip = |t: String| super::titles::strip_site(&t, sites);
    add(ld.headline.clone().map(strip), Source::Ld, None, 0);
    add(meta.first(&["og:title"]).map(strip), Source::OpenGraph, None, 0);
    add(meta.first(&["twitter:title"]).map(strip), Source::Card, None, 0);
    add(meta.first(&["dc.title", "dcterms.title"]).map(strip), Source::DublinCore, None, 0);
    let whole = page.title.and_then(element_text);
    if let Some(whole) = &whole {
        add(Some(strip(whole.clone())), Source::Title, None, 0);
        // As written, unless it names the site: a title is never the site's name around it.
        if !super::titles::names_site(whole, sites) {
            add(Some(whole.clone()), Source::TitleWhole, None, 0);
        }
        for sep in TITLE_SEPARATORS {
            if let Some((head, tail)) = whole.split_once(sep) {
                add(super::clean(head), Source::TitlePart, None, 0);
                add(super::clean(tail), Source::TitlePart, None, 0);
            }
            if let Some((head, tail)) = whole.rsplit_once(sep) {
                add(super::clean(head), Source::TitlePart, None, 0);
                add(super::clean(tail), Source::TitlePart, None, 0);
            }
        }
    }
    let (mut h1s, mut h2s) = (0, 0);
    for (rank, (at, el)) in page.headings.iter().enumerate() {
        let (count, source) = if el.value().name() == "h1" { (&mut h1s, Source::H1) } else { (&mut h2s, Source::H2) };
        if *count < HEADINGS {
            *count += 1;
            add(element_text(*el).map(strip), source, Some(*at), rank);
        }
    }
    for (rank, (at, el)) in page.minor_headings.iter().take(HEADINGS).enumerate() {
        add(element_text(*el).map(strip), Source::Minor, Some(*at), page.headings.len() + rank);
    }
    if let Some((at, el)) = headline {
        let rank = page.headings.iter().position(|(a, _)| *a == at).unwrap_or(page.headings.len());
        add(element_text(el).map(strip), Source::Headline, Some(at), rank);
    }
    let h1_total = page.headings.iter().filter(|(_, el)| el.value().name() == "h1").count();
    let whole_key = whole.as_deref().map(letters).unwrap_or_default();
    let trusted_key = trusted.map(letters).unwrap_or_default();
    let title_words = whole.as_deref().map(|w| words(&strip(w.to_owned())));
    let first_at = page.headings.first().map_or(0, |(at, _)| *at) as f32;
    let count = found.len();
    found
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let key = &f.key;
            let word_count = f.text.split_whitespace().count();
            let title_share = title_words.as_ref().map_or(0.0, |t| share_of_words(&f.words, t));
            let agree = (0..count).filter(|&j| j != k && says_the_same(&found[j].words, &f.words)).count();
            let (rank, place) = f.heading.map_or((-1.0, -1.0), |(r, at)| (r as f32, ((at as f32 - first_at).max(0.0)).ln_1p()));
            let row = [
                flag(f.sources[Source::Ld as usize]),
                flag(f.sources[Source::OpenGraph as usize]),
                flag(f.sources[Source::Card as usize]),
                flag(f.sources[Source::DublinCore as usize]),
                flag(f.sources[Source::Title as usize]),
                flag(f.sources[Source::TitleWhole as usize]),
                flag(f.sources[Source::TitlePart as usize]),
                flag(f.sources[Source::H1 as usize]),
                flag(f.sources[Source::H2 as usize]),
                flag(f.sources[Source::Minor as usize]),
                flag(f.sources[Source::Headline as usize]),
                f.sources.iter().filter(|x| **x).count() as f32,
                flag(!trusted_key.is_empty() && *key == trusted_key),
                rank,
                place,
                h1_total as f32,
                word_count as f32,
                (f.text.chars().count() as f32).ln_1p(),
                flag(!whole_key.is_empty() && whole_key.contains(key.as_str())),
                flag(!whole_key.is_empty() && key.contains(&whole_key)),
                title_share,
                agree as f32,
                flag(!trusted_key.is_empty() && key.contains(&trusted_key)),
                flag(!trusted_key.is_empty() && trusted_key.contains(key.as_str())),
                flag(TITLE_SEPARATORS.iter().any(|s| f.text.contains(s))),
                flag(f.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)),
                flag(sites.contains(&norm(&f.text))),
                count as f32,
                flag(whole.is_none()),
            ];
            TitleCandidate { title: f.text.clone(), row: row.map(|v| if v.is_finite() { v } else { 0.0 }) }
        })
        .collect()
}

/// `text`'s words as [`crate::metadata::words`] cuts them (runs of letters
/// and digits), each lower-cased and hashed, sorted, without repeats: the
/// same sets without a `String` a word.
fn words(text: &str) -> Vec<u64> {
    let state = foldhash::fast::FixedState::with_seed(0);
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = state.build_hasher();
            w.chars().flat_map(char::to_lowercase).for_each(|c| h.write_u32(c as u32));
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many words two sorted word lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether most words of the shorter list occur in the other
/// ([`crate::metadata::shared_words`]'s test).
fn says_the_same(a: &[u64], b: &[u64]) -> bool {
    crate::metadata::most_of_the_shorter(shared(a, b), a.len(), b.len())
}

/// The share of the words `mine` that `theirs` holds.
fn share_of_words(mine: &[u64], theirs: &[u64]) -> f32 {
    if mine.is_empty() {
        return 0.0;
    }
    shared(mine, theirs) as f32 / mine.len() as f32
}

/// The candidate the built-in ranker names when its probability is at
/// least [`MIN_PROBABILITY`] and it is not the trust order's title.
pub(super) fn pick<'c>(candidates: &'c [TitleCandidate], trusted: Option<&str>) -> Option<(&'c TitleCandidate, f32)> {
    RANKER
        .best(COLUMNS, candidates.iter().collect(), |c| c.row)
        .filter(|(_, p)| *p >= MIN_PROBABILITY)
        .filter(|(c, _)| trusted.is_none_or(|t| letters(t) != letters(&c.title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(c: &TitleCandidate, name: &str) -> f32 {
        c.row[COLUMNS.iter().position(|n| *n == name).expect("a column")]
    }

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../../data/model/html_title.json"), include_str!("../../../tests/fixtures/model/html_title.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    #[test]
    fn every_source_gives_a_title_with_its_flags() {
        let html = r#"<html><head><title>Opinion | Storm closes roads | Daily Planet</title>
            <meta property="og:site_name" content="Daily Planet">
            <meta property="og:title" content="Storm closes roads">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm closes the coastal roads"}</script></head>
            <body><h2>Latest</h2><h1>Storm closes the coastal roads</h1><p>The storm closed three roads.</p></body></html>"#;
        let m = crate::metadata::html::from_html(&scraper::Html::parse_document(html), None);
        let titles: Vec<&str> = m.title_candidates.iter().map(|c| c.title.as_str()).collect();
        assert!(!titles.contains(&"Opinion | Storm closes roads | Daily Planet"), "a title naming the site is not a candidate: {titles:?}");
        assert!(titles.contains(&"Opinion"), "a part of <title> is: {titles:?}");
        let og = m.title_candidates.iter().find(|c| c.title == "Storm closes roads").expect("Open Graph's title");
        assert_eq!((col(og, "open_graph"), col(og, "title"), col(og, "heading_rank")), (1.0, 1.0, -1.0));
        let h1 = m.title_candidates.iter().find(|c| c.title == "Storm closes the coastal roads").expect("the h1, also JSON-LD's headline");
        assert_eq!((col(h1, "ld"), col(h1, "h1"), col(h1, "headline"), col(h1, "heading_rank")), (1.0, 1.0, 1.0, 1.0));
        assert_eq!(col(h1, "sources"), 3.0);
        let site = m.title_candidates.iter().find(|c| c.title == "Daily Planet").expect("the site's name, a part of <title>");
        assert_eq!(col(site, "site"), 1.0);
        let trusted: Vec<&str> = m.title_candidates.iter().filter(|c| col(c, "trusted") == 1.0).map(|c| c.title.as_str()).collect();
        assert_eq!(trusted.len(), 1, "one candidate is the trust order's: {trusted:?}");
        assert_eq!(m.trust_order_title().as_deref(), trusted.first().copied());
    }

    #[test]
    fn no_title_anywhere_gives_no_candidates() {
        let m = crate::metadata::html::from_html(&scraper::Html::parse_document("<p>Only a paragraph.</p>"), None);
        assert!(m.title_candidates.is_empty() && m.title.is_none());
    }
}
