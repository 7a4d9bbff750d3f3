//! `<meta>` tags by key, dates and person names as written in markup, and
//! the DOM fallbacks (`<time datetime>`, bylines) for authors and dates.
//!
//! It reads what the markup says; it does not judge which evidence wins
//! (that is the parent module's order) and does not parse JSON-LD.

use foldhash::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{clean, decode_entities};
use super::scan::Scan;
use crate::lexicon::{regex, NOT_NAME_WORDS};
use crate::markup::attr;
use crate::metadata::date::{find_date, month};

static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| regex(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[^0-9]|$)"));
static COMPACT: LazyLock<Regex> = LazyLock::new(|| regex(r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:[T\s]|$)"));
/// `2023 Jan 7`, `2023 January 07`: the year first, then the month's name
/// (scholarly `citation_publication_date`, PubMed's form).
static YEAR_MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| regex(r"^([0-9]{4})\s+(\p{L}+)\.?\s+([0-9]{1,2})(?:[^0-9]|$)"));
/// "By ", "Written by: ", "Recipe by ", "Von ", "Par ", "Por ", "Text: ", "Redaktion: " before a name.
static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)^(?:(?:(?:written|posted|published|reported|authored|text|words|recipe|story)\s+)?(?:by|von|par|por)\b",
        r"|(?:text|texte|testo|texto|autor|autorin|author|authors|auteur|redaktion)\s*:",
        r"|(?:eingestellt|verfasst|gespeichert|geschrieben)\s+von\b)\s*:?\s*"
    ))
});
/// A web or mail address in parentheses after a name ("Jane Doe (https://jane.example/)").
static LINK_IN_PARENS: LazyLock<Regex> = LazyLock::new(|| regex(r"\s*\([^()]*(?:://|@)[^()]*\)"));
/// An "Updated …" note and what follows it at the end of a byline.
static TRAILING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)[\s,|·•–—-]*\b(?:updated|published|posted|veröffentlicht|aktualisiert|publié|publicado|pubblicato)\b.*$")
});
/// A date and what follows it at the end of a byline. Every match holds an
/// ASCII digit, so a byline without one is not searched (nor the pattern
/// compiled: its letter runs cost four times the note's). The month is a
/// word of three letters or more (`\p{L}{3,12}` before session 18: a third
/// of the compile time, the same authors on all four HTML sets).
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)[\s,|·•–—-]*(?:\b(?:on|am|le|el|il|op)\s+)?(?:[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}",
        r"|(?-i:[\p{L}\x{345}]{3,})\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}|[0-9]{1,2}\.?\s+(?-i:[\p{L}\x{345}]{3,})\.?,?\s+[0-9]{4}).*$"
    ))
});
/// Joins between several people: "A and B", "A & B", "A; B".
static NAME_JOIN: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\s+(?:and|und|et|&)\s+|\s*;\s*"));
/// Where a byline's name ends ("Jane Doe | 4 March 2021", "Eliz - Product
/// marketer", "Vinay Sajip <vinay_sajip at red-dove dot com>").
const BYLINE_CUTS: [&str; 7] = [" | ", " · ", " • ", " — ", " – ", " - ", " <"];
/// A byline element with more words than this is not a byline.
pub(super) const BYLINE_MAX_WORDS: usize = 20;

/// `<meta>` contents by lower-cased `name`, `property`, `itemprop` or
/// `http-equiv`, in document order.
pub(super) struct Meta(HashMap<String, Vec<String>>);

impl Meta {
    /// Index every `<meta content>` of the page.
    pub(super) fn collect(page: &Scan) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::default();
        for el in &page.metas {
            // Entities left in a value were escaped twice (`&amp;bull;`): decode them once more.
            let Some(content) = attr(el.value(), "content").map(decode_entities).as_deref().and_then(clean) else { continue };
            for key in ["name", "property", "itemprop", "http-equiv"].iter().filter_map(|a| attr(el.value(), a)) {
                map.entry(key.trim().to_ascii_lowercase()).or_default().push(content.clone());
            }
        }
        Meta(map)
    }

    /// Every value of `key`.
    pub(super) fn all(&self, key: &str) -> &[String] {
        self.0.get(key).map_or(&[], Vec::as_slice)
    }

    /// The first value of the first key that has one.
    pub(super) fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.all(k).first().cloned())
    }
}

/// `raw` as `YYYY-MM-DD` if it is a plausible publication date (1990–2030).
/// The date is kept as written: a time zone offset is not applied.
pub fn normalise_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let ymd = [&*YEAR_FIRST, &*COMPACT]
        .into_iter()
        .find_map(|re| re.captures(s))
        .map(|c| (group(&c, 1), group(&c, 2), group(&c, 3)))
        .or_else(|| find_date(s).map(|d| iso_parts(&d)))
        .or_else(|| {
            let c = YEAR_MONTH_NAME.captures(s)?;
            Some((group(&c, 1), month(&c[2])?, group(&c, 3)))
        })?;
    plausible(ymd).then(|| format!("{:04}-{:02}-{:02}", ymd.0, ymd.1, ymd.2))
}

fn group(c: &Captures, i: usize) -> u32 {
    c.get(i).and_then(|m| m.as_str().parse().ok()).unwrap_or(0)
}

/// The year, month and day of a `YYYY-MM-DD` date (0 where a part does not parse).
pub(super) fn iso_parts(date: &str) -> (u32, u32, u32) {
    let mut it = date.split('-').map(|p| p.parse().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0), it.next().unwrap_or(0))
}

fn plausible((year, month, day): (u32, u32, u32)) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1990..=2030).contains(&year) && (1..=days).contains(&day)
}

/// The people named in `raw` ("By Jane Doe and John Roe, 4 March 2021"),
/// each with a word count in `words`. URLs, handles and e-mails are not names.
pub(super) fn people(raw: &str, words: std::ops::RangeInclusive<usize>) -> Vec<String> {
    named(raw, words).into_iter().filter(|name| is_name(name)).collect()
}

/// [`people`] of `raw`, and the desks and roles it names where it names
/// people: the names [`people`] drops for a word of `data/not_names.txt`
/// ("The Investopedia Team", "SFist Contributor"), from one reading.
pub(super) fn people_and_desks(raw: &str, words: std::ops::RangeInclusive<usize>) -> (Vec<String>, Vec<String>) {
    named(raw, words).into_iter().partition(|name| is_name(name))
}

/// `text` up to its trailing date or "Updated …" note, if it ends with one:
/// the earliest start of either (each runs to the end of the text).
fn without_trailing_date(text: &str) -> &str {
    let note = TRAILING_NOTE.find(text).map(|m| m.start());
    let date = text.bytes().any(|b| b.is_ascii_digit()).then(|| TRAILING_DATE.find(text).map(|m| m.start())).flatten();
    note.into_iter().chain(date).min().map_or(text, |at| &text[..at])
}

/// [`people`] before the test for a role or a desk.
fn named(raw: &str, words: std::ops::RangeInclusive<usize>) -> Vec<String> {
    let Some(text) = clean(raw) else { return Vec::new() };
    let text = LINK_IN_PARENS.replace_all(&text, "");
    let text = BY_PREFIX.replace(&text, "");
    let text = without_trailing_date(&text);
    let text = BYLINE_CUTS.iter().fold(text, |t, cut| t.split(cut).next().unwrap_or(t));
    NAME_JOIN
        .split(text)
        .flat_map(split_commas)
        .filter(|name| !looks_like_address(name))
        .map(without_handles)
        .filter_map(|name| clean(trim_punctuation(&name)))
        .map(|name| BY_PREFIX.replace(&name, "").into_owned())
        .map(|name| without_label(&name).to_owned())
        .filter(|name| words.contains(&name.split_whitespace().count()))
        .filter(|name| !name.chars().any(|c| c.is_ascii_digit()) && name.chars().count() <= 80)
        .collect()
}

/// "Jane Doe, John Roe" is two people; "Doe, Jane" is one.
fn split_commas(text: &str) -> Vec<&str> {
    let parts: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.iter().all(|p| !p.contains(' ')) {
        return vec![text];
    }
    parts.into_iter().filter(|p| p.contains(' ')).collect()
}

/// A name without the punctuation around it, but with its initials' dots
/// and the closing parenthesis of a role it holds ("Jane Doe (Editor)").
fn trim_punctuation(name: &str) -> &str {
    let keep_paren = name.contains('(');
    name.trim_start_matches(|c: char| c.is_ascii_punctuation() && c != '.' && c != '(')
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '.' && !(keep_paren && c == ')'))
}

/// A name without a credit label before it ("Interview: Jane Doe").
fn without_label(name: &str) -> &str {
    match name.rsplit_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 && !rest.trim().is_empty() => rest.trim(),
        _ => name,
    }
}

/// Whether a cleaned candidate is a person's (or an agency's) name rather
/// than a role or a desk ([`NOT_NAME_WORDS`]).
fn is_name(name: &str) -> bool {
    !name.split_whitespace().any(|w| NOT_NAME_WORDS.contains(w.to_lowercase().as_str()))
}

/// A URL or a path rather than a name. An agency credit ("AFP/The Local")
/// keeps its slash.
fn looks_like_address(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    lower.contains("://") || lower.starts_with("www.") || lower.starts_with('/') || lower.ends_with('/')
}

/// A name without the social handles and e-mail addresses written beside it
/// ("Jane Doe @janedoe" is "Jane Doe"; an address alone leaves nothing).
fn without_handles(name: &str) -> String {
    name.split_whitespace().filter(|w| !w.contains('@')).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_date_is_cut_where_the_one_pattern_cut_it() {
        // The note and the date as one pattern, before the date was kept apart.
        let written = regex::Regex::new(concat!(
            r"(?i)[\s,|·•–—-]*(?:\b(?:updated|published|posted|veröffentlicht|aktualisiert|publié|publicado|pubblicato)\b.*|(?:\b(?:on|am|le|el|il|op)\s+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}",
            r"|\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+\d{4}).*)$"
        ))
        .unwrap();
        for byline in [
            "Jane Doe",
            "Jane Doe | March 3, 2021",
            "Jane Doe, Updated March 3, 2021",
            "Jane Doe - updated 2 hours ago",
            "Jane Doe on 3 May 2020 at 10:00",
            "Jane Doe am 12.03.2021",
            "Jane Doe · 2021-03-12",
            "Published by Jane Doe on March 3, 2021",
            "Jane Doe, Veröffentlicht: 3. März 2021, aktualisiert 4. März",
            "Jane Doe 3 May",
            "Jane Doe\nMarch 3, 2021",
            "Jane Doe — Mai 3, 2021",
            "Jane Doe, 12 ĶĒĀ 2021",
            "Updated",
            "Jane Doe 12/03",
            "",
        ] {
            assert_eq!(without_trailing_date(byline), written.replace(byline, ""), "{byline:?}");
        }
    }

    #[test]
    fn date_formats() {
        for raw in [
            "2021-03-04T23:30:00-05:00",
            "2021/03/04",
            "March 4, 2021",
            "4 March 2021",
            "20210304",
            "Thu, 04 Mar 2021 10:00:00 GMT",
            "2021 Mar 4",
            "2021 March 04",
        ] {
            assert_eq!(normalise_date(raw).as_deref(), Some("2021-03-04"), "{raw}");
        }
        for raw in ["1985-01-01", "2031-01-01", "2021-02-29", "2021-13-01", "yesterday", "", "2021 Mar", "2021 Foo 4"] {
            assert_eq!(normalise_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn credit_words_and_links_around_a_name() {
        assert_eq!(people("Recipe by PJ Hamel", 1..=5), ["PJ Hamel"]);
        assert_eq!(people("Bradley M. Kuhn (http://ebb.org/bkuhn/)", 1..=5), ["Bradley M. Kuhn"]);
    }

    #[test]
    fn names_are_cleaned_and_split() {
        assert_eq!(people("By Jane Doe | 4 March 2021", 2..=5), ["Jane Doe"]);
        assert_eq!(people("Par Marie Curie et Pierre Curie", 2..=5), ["Marie Curie", "Pierre Curie"]);
        assert_eq!(people("Jane Doe Updated March 4, 2021", 2..=5), ["Jane Doe"]);
        assert_eq!(people("By Jane Doe, Senior Staff Writer Updated 2 hours ago", 2..=5), ["Jane Doe"]);
        assert_eq!(people("Jane Doe on 2021-03-04", 2..=5), ["Jane Doe"]);
        assert_eq!(people("jane@example.com", 1..=6), Vec::<String>::new());
        assert_eq!(people("Jane Doe @janedoe", 1..=6), ["Jane Doe"]);
        assert_eq!(people("AFP/The Local", 1..=6), ["AFP/The Local"]);
        assert_eq!(people("/autoren/jane-doe/", 1..=6), Vec::<String>::new());
        assert_eq!(people("VON JANE DOE am 21. April 2020", 2..=5), ["JANE DOE"]);
        assert_eq!(people("Redaktion: Jane Doe (Pressesprecherin)", 1..=6), ["Jane Doe (Pressesprecherin)"]);
        assert_eq!(people("Text; Interview: Jane Doe", 2..=6), ["Jane Doe"]);
        assert_eq!(people("Text by Jane Doe", 1..=6), ["Jane Doe"]);
        assert_eq!(people("Jane Doe, Staff Writer", 1..=6), ["Jane Doe"]);
        assert_eq!(people("https://www.facebook.com/jane.doe", 1..=6), Vec::<String>::new());
        assert_eq!(people("Jane Doe; @janedoe", 1..=6), ["Jane Doe"]);
        assert_eq!(people("Admin", 2..=5), Vec::<String>::new());
    }
}
