//! Dates written in a line of text to ISO 8601 (`YYYY-MM-DD`).
//!
//! Reads numeric forms (`2025-02-18`, `18.02.2025`, and last `18.02.25`) and dates with month
//! names in several languages (`data/months.txt`). Slash dates are read
//! day-first unless that is impossible. It does not guess years or resolve
//! relative times ("2h ago" needs the crawl time).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::regex;

const MONTHS: &str = include_str!("../../data/months.txt");

static MONTH_NUMBER: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in MONTHS.lines().filter(|l| !l.starts_with('#')) {
        let Some((num, names)) = line.split_once(':') else { continue };
        let Ok(num) = num.trim().parse::<u32>() else { continue };
        for name in names.split_whitespace() {
            map.insert(name.to_owned(), num);
        }
    }
    map
});

/// A day, a month's name and a year (`18. Februar 2025`, `18 de febrero de
/// 2025`), without what may follow the year: [`DAY_MONTH_YEAR`] and its glued form.
/// Digits are ASCII (`[0-9]`: the numbers are parsed as ASCII, and `\d`'s
/// other scripts cost about 0.4 M instructions a copy to compile); a letter
/// is `(?-i:[\p{L}\x{345}])`, what a case-insensitive `\p{L}` matches,
/// compiled without folding case (`lexicon::patterns::LETTER`).
macro_rules! day_month_year {
    () => {
        r"(?i)\b([0-9]{1,2})\.?\s+(?:de\s+)?((?-i:[\p{L}\x{345}])+)\.?,?\s+(?:de\s+)?([0-9]{4})"
    };
}
/// A month's name, a day and a year (`February 18, 2025`), likewise: [`MONTH_DAY_YEAR`] and its glued form.
macro_rules! month_day_year {
    () => {
        r"(?i)\b((?-i:[\p{L}\x{345}])+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})"
    };
}
/// The start of a date or a clock time run on after a year (`…201614/01`, `…202208:13`): the glued forms' year end.
macro_rules! run_on {
    () => {
        r"[0-9]{1,2}[:./]"
    };
}

static ISO: LazyLock<Regex> = LazyLock::new(|| regex(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[^0-9]|$)"));
/// `18.02.2025`, `18/02/2025`, also glued to the next word (`18.02.2025Berlin`: dumps lose line breaks).
static DOTTED: LazyLock<Regex> = LazyLock::new(|| regex(r"\b([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})(?:[^0-9]|$)"));
/// `18.02.2025` glued on both sides, as a dump's lines lose their breaks:
/// to the word before it (`eröffnet20.10.2021`) and to a date or clock time
/// after it (`15/01/201614/01/2016`, `13.12.202208:13`): the form
/// [`find_date_glued`] reads.
static DOTTED_GLUED: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(r"(?:^|[^0-9])([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})(?:[^0-9]|$|", run_on!(), ")")));
/// `18.02.2025` ending at a word boundary: the form [`find_date_strict`] reads.
static DOTTED_STRICT: LazyLock<Regex> = LazyLock::new(|| regex(r"\b([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})\b"));
/// `18.02.25`: two digits each, dots only, not inside a longer dotted number ("1.18.02.25", "v18.02.25.1").
/// The character before it is checked in code ([`opens_short_year`]): a
/// class of every character but a word character or a dot costs as much
/// to compile as the rest of the pattern thrice over.
static DOTTED_SHORT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"([0-9]{2})\.([0-9]{2})\.([0-9]{2})(?:[^0-9.]|\.(?:\s|$)|$)"));
/// Two-digit years up to this one are 20YY, later ones 19YY.
const SHORT_YEAR_PIVOT: u32 = 30;
/// `18. Februar 2025`, `18 de febrero de 2025`. The month is any run of
/// letters here and its length is checked in code ([`MONTH_NAME_CHARS`]):
/// the same matches as `\p{L}{3,12}` (the run is always a whole word, and
/// no date starts inside a match whose word is no month), at a fifth of the
/// cost of compiling twelve copies of the letter class (about 3 ms a
/// process, paid by the first page that reads a date).
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| regex(concat!(day_month_year!(), r"\b")));
/// `February 18, 2025`; the month as in [`DAY_MONTH_YEAR`].
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| regex(concat!(month_day_year!(), r"\b")));
/// [`DAY_MONTH_YEAR`] and [`MONTH_DAY_YEAR`] with the year glued to the
/// next word or to a date or clock time after it (`15. April 2016Samstag`,
/// `3 de mayo de 202221:25`): the forms [`find_date_glued`] reads.
static DAY_MONTH_YEAR_GLUED: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(day_month_year!(), r"(?:\b|(?-i:[\p{L}\x{345}])|", run_on!(), ")")));
static MONTH_DAY_YEAR_GLUED: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(month_day_year!(), r"(?:\b|(?-i:[\p{L}\x{345}])|", run_on!(), ")")));
/// Characters of a month's name in a date written with one.
const MONTH_NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=12;

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The number of the month `name` names, in full or abbreviated (`data/months.txt`).
pub(crate) fn month(name: &str) -> Option<u32> {
    MONTH_NUMBER.get(&name.to_lowercase()).copied()
}

/// [`month`] of a word of [`MONTH_NAME_CHARS`] characters.
fn month_word(word: &str) -> Option<u32> {
    MONTH_NAME_CHARS.contains(&word.chars().count()).then(|| month(word)).flatten()
}

/// Whether `word` names a month, in full or abbreviated (`data/months.txt`).
pub fn is_month(word: &str) -> bool {
    month(word).is_some()
}

/// Whether `text` holds four ASCII digits in a row: every date
/// [`find_date`] reads but the two-digit-year form has a year so written (a
/// quick test before the patterns run).
fn has_year_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// How widely a date is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Word boundaries around a four-digit year's date: what the dump's
    /// block decisions read.
    Strict,
    /// Also a numeric date glued to the next word, and a two-digit year:
    /// metadata values.
    Lenient,
    /// Also a date glued to the word before it or its year to what follows
    /// (a word, a date, a clock time): the candidate lines of a dump's date.
    Glued,
}

/// The first date found in `text`, as `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    find_date_at(text).map(|(date, _)| date)
}

/// [`find_date`] with the forms a dump's lost line breaks leave: a date
/// glued to the word before it or its year to the word, date or clock time
/// after it (`eröffnet20.10.2021`, `3. April 20223. April 2022`). What the
/// dump's date ranker reads (`metadata::dump_date`): on
/// trafilatura-dumps-dev it made 10 more dumps' dates reachable (301 -> 311
/// of 366). The other readers keep [`find_date`], whose dates their rankers
/// were trained on.
pub fn find_date_glued(text: &str) -> Option<String> {
    find(text, Reading::Glued).map(|(date, _)| date)
}

/// [`find_date`] without the forms added for metadata values (a date glued
/// to the next word, a two-digit year): what the dump's block decisions
/// (which line is the headline, which the byline) read, so that reading
/// more dates changes no kept text.
pub fn find_date_strict(text: &str) -> Option<String> {
    find(text, Reading::Strict).map(|(date, _)| date)
}

/// [`find_date`], with where in `text` the date is written.
pub fn find_date_at(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    find(text, Reading::Lenient)
}

fn find(text: &str, reading: Reading) -> Option<(String, std::ops::Range<usize>)> {
    let short_year = |text| if reading == Reading::Strict { None } else { short_year(text) };
    if !has_year_digits(text) {
        return short_year(text);
    }
    let at = |c: &regex::Captures| c.get(0).map_or(0..0, |m| m.range());
    // Each form's separators first: a text without them holds no match.
    let bytes = text.as_bytes();
    if between_digits(text, memchr::memchr_iter(b'-', bytes))
        && let Some(c) = ISO.captures(text)
    {
        return iso(num(&c[1]), num(&c[2]), num(&c[3])).map(|d| (d, at(&c)));
    }
    let dotted: &Regex = match reading {
        Reading::Strict => &DOTTED_STRICT,
        Reading::Lenient => &DOTTED,
        Reading::Glued => &DOTTED_GLUED,
    };
    if between_digits(text, memchr::memchr2_iter(b'.', b'/', bytes))
        && let Some(c) = dotted.captures(text)
    {
        let (a, b, y) = (num(&c[1]), num(&c[2]), num(&c[3]));
        return iso(y, b, a).or_else(|| iso(y, a, b)).map(|d| (d, at(&c)));
    }
    if month_before_a_year(text) {
        let (day_first, month_first): (&Regex, &Regex) = match reading {
            Reading::Glued => (&DAY_MONTH_YEAR_GLUED, &MONTH_DAY_YEAR_GLUED),
            _ => (&DAY_MONTH_YEAR, &MONTH_DAY_YEAR),
        };
        for c in day_first.captures_iter(text) {
            if let Some(m) = month_word(&c[2]) {
                return iso(num(&c[3]), m, num(&c[1])).map(|d| (d, at(&c)));
            }
        }
        for c in month_first.captures_iter(text) {
            if let Some(m) = month_word(&c[1]) {
                return iso(num(&c[3]), m, num(&c[2])).map(|d| (d, at(&c)));
            }
        }
    }
    short_year(text)
}

/// Whether one of the separators at `positions` (ASCII bytes of `text`)
/// stands between two digits (`char::is_numeric`, as wide as the patterns'
/// `\d` or wider): what every numeric date form holds ("2025-02-18",
/// "18.02.2025"), tested before its pattern runs.
fn between_digits(text: &str, positions: impl Iterator<Item = usize>) -> bool {
    positions.into_iter().any(|at| {
        let before = text[..at].chars().next_back().is_some_and(char::is_numeric);
        before && text[at + 1..].chars().next().is_some_and(char::is_numeric)
    })
}

/// Letter runs before a year among which a date's month name is: "18.
/// Februar 2025" (one), "18 de febrero de 2025" (two), "February 18th, 2025"
/// ("th", then the month).
const MONTH_RUNS_BEFORE_YEAR: usize = 3;

/// Whether a month's name (`data/months.txt`) is among the
/// [`MONTH_RUNS_BEFORE_YEAR`] runs of letters before a run of four or more
/// digits: what every match of [`DAY_MONTH_YEAR`] and [`MONTH_DAY_YEAR`]
/// holds (the month is a whole run of letters, the year four digits after
/// it), tested in one scan before those patterns run. Letters and digits
/// are read as widely as the patterns read them or wider
/// (`char::is_alphabetic`, `char::is_numeric`), so no date the patterns
/// find is skipped.
fn month_before_a_year(text: &str) -> bool {
    // The current run of digits: where it starts and how many it holds.
    let (mut start, mut digits) = (0, 0);
    for (at, c) in text.char_indices() {
        if c.is_numeric() {
            if digits == 0 {
                start = at;
            }
            digits += 1;
            continue;
        }
        if digits >= 4 && month_in_runs_before(&text[..start]) {
            return true;
        }
        digits = 0;
    }
    digits >= 4 && month_in_runs_before(&text[..start])
}

/// Whether one of the last [`MONTH_RUNS_BEFORE_YEAR`] runs of letters of `before` is a month's name.
fn month_in_runs_before(before: &str) -> bool {
    let mut end = None;
    let mut runs = 0;
    for (at, c) in before.char_indices().rev() {
        match (c.is_alphabetic(), end) {
            (true, None) => end = Some(at + c.len_utf8()),
            (false, Some(e)) => {
                if month_word(&before[at + c.len_utf8()..e]).is_some() {
                    return true;
                }
                end = None;
                runs += 1;
                if runs == MONTH_RUNS_BEFORE_YEAR {
                    return false;
                }
            }
            _ => {}
        }
    }
    end.is_some_and(|e| month_word(&before[..e]).is_some())
}

/// A day-first dotted date with a two-digit year (`19.10.19`), the weakest form read.
fn short_year(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    if !text.contains('.') {
        return None;
    }
    let c = dotted_short_year(text)?;
    let yy = num(&c[3]);
    let year = if yy <= SHORT_YEAR_PIVOT { 2000 + yy } else { 1900 + yy };
    iso(year, num(&c[2]), num(&c[1])).map(|d| (d, c.get(1).map_or(0, |m| m.start())..c.get(3).map_or(0, |m| m.end())))
}

/// The first [`DOTTED_SHORT_YEAR`] in `text` that [`opens_short_year`].
fn dotted_short_year(text: &str) -> Option<regex::Captures<'_>> {
    let mut from = 0;
    loop {
        let c = DOTTED_SHORT_YEAR.captures_at(text, from)?;
        let start = c.get(0).map_or(text.len(), |m| m.start());
        if opens_short_year(&text[..start]) {
            return Some(c);
        }
        from = start + 1; // the match opens with an ASCII digit
    }
}

/// Whether a short-year date may start after `before`: at the start of the
/// text, or after a character that is neither a word character (`\w`, as
/// the regex crate reads it) nor a dot.
fn opens_short_year(before: &str) -> bool {
    before.chars().next_back().is_none_or(|c| c != '.' && !regex_syntax::is_word_character(c))
}

#[cfg(test)]
mod tests {
    use super::find_date;

    #[test]
    fn a_short_year_opens_where_the_written_lookbehind_opens() {
        // The form as written before the character before it moved to code.
        let written = regex::Regex::new(r"(?:^|[^\d.\w])(\d{2})\.(\d{2})\.(\d{2})(?:[^\d.]|\.(?:\s|$)|$)").unwrap();
        for text in [
            "19.10.19", " 19.10.19", "(19.10.19)", "am 19.10.19.", "am 19.10.19. Dann", "v18.02.25.1", "1.18.02.25",
            "a18.02.25", "é18.02.25", "_18.02.25", "٣18.02.25", "x\u{0301}18.02.25", "—18.02.25", "18.02.25.07.08.09",
            "v1.2.3 und 19.10.19", "a1.02.03 b 04.05.06", "12.34.56.78 19.10.19", "19.10.1919", "",
        ] {
            let groups = |c: regex::Captures| [1, 2, 3].map(|g| c.get(g).map(|m| m.range()));
            assert_eq!(super::dotted_short_year(text).map(groups), written.captures(text).map(groups), "{text:?}");
        }
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(find_date("2025-02-18T10:00").as_deref(), Some("2025-02-18"));
        assert_eq!(find_date("01.12.2022 / CSP").as_deref(), Some("2022-12-01"));
        assert_eq!(find_date("February 18, 2025").as_deref(), Some("2025-02-18"));
        assert_eq!(find_date("Posted 11. April 2018 by Walter").as_deref(), Some("2018-04-11"));
        assert_eq!(find_date("26 Mai, 2008 | ThE_PaiN").as_deref(), Some("2008-05-26"));
        assert_eq!(find_date("18 de febrero de 2025").as_deref(), Some("2025-02-18"));
        assert_eq!(find_date("* 19.10.19, 12:00 Uhr").as_deref(), Some("2019-10-19"));
        assert_eq!(find_date("Erstellt am 01.01.23 um 08:35").as_deref(), Some("2023-01-01"));
        assert_eq!(find_date("08.12.2022Bundesverband").as_deref(), Some("2022-12-08"), "glued to the next word");
    }

    #[test]
    fn the_glued_reading_reads_dates_a_dump_ran_into_its_neighbours() {
        use super::find_date_glued as glued;
        for (text, want) in [
            ("offiziell eröffnet20.10.2021 - 10:24", "2021-10-20"),
            ("15/01/201614/01/2016", "2016-01-15"),
            ("Nadja Demel13.12.202208:13 Uhr", "2022-12-13"),
            ("3. April 20223. April 2022 by mady", "2022-04-03"),
            ("Posted on Freitag, 15. April 2016Samstag, 4. März 2017", "2016-04-15"),
            ("3 de mayo de 202221:25LA NACION", "2022-05-03"),
            ("May 4, 2022Monday", "2022-05-04"),
        ] {
            assert_eq!(glued(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(find_date("offiziell eröffnet20.10.2021"), None, "the lenient reading keeps the word boundary before the day");
        assert_eq!(find_date("3. April 20223. April 2022"), None, "and after a month's year");
        assert_eq!(glued("version 2.10.20231"), None, "a year runs into one digit only before a date or a time");
        assert_eq!(glued("18.02.2025").as_deref(), Some("2025-02-18"));
    }

    #[test]
    fn a_month_is_looked_for_only_before_a_year() {
        use super::month_before_a_year as near;
        for dated in ["18. Februar 2025", "18 de febrero de 2025", "February 18th, 2025", "am 3.  März   2019 um", "Mai 2008"] {
            assert!(near(dated), "{dated}");
        }
        for undated in ["Copyright 2019 by the authors", "May we meet again in room 2019 of the old hall", "März 19", "Februar 205"] {
            assert!(!near(undated), "{undated}");
        }
    }

    #[test]
    fn separators_are_looked_at_only_between_digits() {
        let dashes = |t: &str| super::between_digits(t, memchr::memchr_iter(b'-', t.as_bytes()));
        assert!(dashes("2025-02-18") && dashes("x 1-2"));
        assert!(!dashes("Posted - by Jane") && !dashes("2025 - 02") && !dashes("-5") && !dashes("5-"));
    }

    #[test]
    fn rejects_impossible_dates_and_plain_numbers() {
        assert_eq!(find_date("31.02.2025"), None);
        assert_eq!(find_date("Belohnung: EXP: 2,300,000"), None);
        assert_eq!(find_date("Today 5 of 2025 things"), None);
        assert_eq!(super::find_date_strict("08.12.2022Bundesverband"), None, "the strict reader keeps word boundaries");
        assert_eq!(super::find_date_strict("* 19.10.19, 12:00 Uhr"), None, "and four-digit years");
        assert_eq!(super::find_date_strict("18.02.2025 / CSP").as_deref(), Some("2025-02-18"));
        for versions in ["Version 1.10.12.19", "v10.12.19", "release 10.12.19.4", "5.10.19", "10.12.195"] {
            assert_eq!(find_date(versions), None, "{versions}");
        }
    }
}
