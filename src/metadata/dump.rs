//! Headline, byline and date of a text dump.
//!
//! Runs after classification: looks just before (and at the head of) the
//! body for the headline and the byline, relabels those blocks `Title` and
//! `Byline`, and returns what they say. A weaker headline candidate is
//! reported as the title but left where the classifier put it. Failing a
//! byline or date by the headline, short lines further from the body's
//! start are read, nearest first, but never more than a few blocks past the
//! body's end (bylines of comments and related-article lists are not the
//! author). It does not relabel blocks deep inside the body (a subheading
//! there stays content).

use std::sync::LazyLock;

use regex::Regex;

use crate::block::{Block, BlockKind, Label, Reason, Verdict};
use crate::features::BlockFeatures;
use crate::frontend::markdown_inline;
use crate::lexicon::{regex, LEXICON};
use crate::lexicon::{data_lines, NOT_NAME_WORDS};
use crate::metadata::date::{find_date_at, find_date_glued, find_date_strict, is_month};
use crate::metadata::{similar, split_at_all, NAME_PARTICLES, TITLE_SEPARATORS};

/// How many blocks before the body the headline may sit.
const TITLE_LOOKBACK: usize = 8;
/// How many blocks into the body a byline or dateline may sit.
const BYLINE_LOOKAHEAD: usize = 3;
/// A headline at most this many blocks before the body may have a
/// standfirst (subtitle) between it and the body, kept as content.
const STANDFIRST_REACH: usize = 4;
const STANDFIRST_MIN_WORDS: u32 = 4;
/// Headline length bounds, in words.
const TITLE_MIN_WORDS: u32 = 3;
const TITLE_MAX_WORDS: u32 = 30;
/// Minimum evidence for a headline candidate to be lifted out of the body.
const TITLE_MIN_EVIDENCE: f32 = 1.5;
/// Minimum evidence for the best candidate to be reported as the title,
/// left where the classifier put it. trafilatura-dumps-dev titles (right /
/// wrong of 433): lifted only 128 / 29; reported from 0.0 196 / 105; any
/// candidate 211 / 163 (with the dated, byline and credit lines skipped).
const TITLE_REPORT_EVIDENCE: f32 = 0.0;
/// How far from the body's start (blocks after it; half as many before)
/// a byline or a date line may sit when none is next to the headline.
/// trafilatura-dumps-dev, right / wrong: authors 59 / 10 without, 89 / 8
/// at 40 (80: no more right); dates 149 / 11 without, 250 / 30 at 40,
/// 255 / 30 at 80, 267 / 44 at 160 past the body's end.
const BYLINE_REACH: usize = 40;
const DATE_REACH: usize = 80;
/// Longest line (characters) read for a byline or date away from the headline.
const NEAR_LINE_MAX_CHARS: u32 = 100;

/// Words beside a date and a name on a date line that are not the name (`data/date_line_words.txt`).
static DATE_LINE_WORDS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/date_line_words.txt")).collect());
/// Longest date line (characters) read for a name beside its date.
const DATE_LINE_MAX_CHARS: usize = 80;
/// Words of a name beside a date.
const DATE_LINE_NAME_WORDS: std::ops::RangeInclusive<usize> = 1..=4;

/// "Geoff Brown - Freelance Journalist", "Anna Schmidt | 18.02.2025".
static NAME_DASH_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+){1,3})\s+[-–—|·]\s+(.{1,60})$")
});

/// How many blocks before the body a name alone on its line may sit when no headline was found.
const NAME_LINE_REACH: usize = 3;
/// Given names (`data/given_names.txt`): a name alone on its line opens with one.
pub(crate) static GIVEN_NAMES: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/given_names.txt")).collect());
/// A clock time after a byline's name ("um 10:52", "at 3:51 pm").
static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| regex(r"\b\d{1,2}:\d{2}\b"));
/// A dump with more level-1 headings than this has no single `h1` headline.
const MAX_LEVEL_ONE_HEADINGS: usize = 3;
/// Share of the content's characters that may come before the `h1` headline.
const MAX_CONTENT_BEFORE_H1: f32 = 0.1;

/// Headline, byline and date lifted from a dump.
#[derive(Debug, Default)]
pub struct Lifted {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Find the headline and byline around the start of the body and relabel them.
pub fn lift(blocks: &[Block], feats: &[BlockFeatures], verdicts: &mut [Verdict]) -> Lifted {
    let mut out = Lifted::default();
    let Some(body_start) = verdicts.iter().position(|v| v.label == Label::Content) else {
        return out;
    };
    let first_line = blocks.first().map(|b| b.text.to_lowercase()).unwrap_or_default();
    let lo = body_start.saturating_sub(TITLE_LOOKBACK);
    let mut best: Option<(f32, usize)> = None;
    for i in lo..=body_start {
        let (b, f) = (&blocks[i], &feats[i]);
        // A headline may ask or exclaim ("Wie hoch sind die Zinsen?").
        let asks = b.text.trim_end().ends_with(['?', '!']);
        let heading_like = matches!(b.kind, BlockKind::Heading { .. }) || !f.sentence_end || asks;
        if !heading_like
            || !(TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&f.words)
            || f.widget_coverage >= 0.5
            || f.byline
            || f.dateline
            || f.legal
            || f.link_density > 0.5
        {
            continue;
        }
        // Dated lines, bylines, photo credits and "a | b | c" strips are not headlines.
        if find_date_strict(&b.text).is_some() || LEXICON.byline_rest(&b.text).is_some() || LEXICON.is_credit(&b.text) || b.text.contains(" | ") {
            continue;
        }
        let mut evidence = 0.0;
        if let BlockKind::Heading { level } = b.kind {
            evidence += if level == 1 { 2.5 } else { 1.0 };
        }
        // The dump's first line is often the page's <title> ("Headline | Site").
        let lower = b.text.to_lowercase();
        if i == 0 {
            evidence += 1.5;
        } else if first_line.contains(&lower) {
            evidence += 2.5;
        }
        if (i + 1..(i + 3).min(blocks.len())).any(|j| feats[j].byline || feats[j].dateline || is_name_line(&blocks[j].text)) {
            evidence += 1.5;
        }
        if f.title_case >= 0.6 {
            evidence += 0.5;
        }
        evidence -= 0.15 * (body_start - i) as f32;
        // Inside the body only a first block that is not followed by another
        // heading (a kicker) can be the headline.
        if i == body_start && verdicts[i].reason != Reason::Subheading && b.kind == BlockKind::Paragraph {
            continue;
        }
        if best.is_none_or(|(e, _)| evidence > e) {
            best = Some((evidence, i));
        }
    }
    // Weaker evidence names the title but leaves the block where the classifier put it.
    if let Some((_, i)) = best.filter(|(e, _)| (TITLE_REPORT_EVIDENCE..TITLE_MIN_EVIDENCE).contains(e)) {
        out.title = Some(blocks[i].text.clone());
    }
    let title_index = best.filter(|(e, _)| *e >= TITLE_MIN_EVIDENCE).map(|(_, i)| i);
    if let Some(i) = title_index {
        out.title = Some(blocks[i].text.clone());
        verdicts[i] = Verdict { label: Label::Title, score: verdicts[i].score, reason: Reason::Metadata };
        // A standfirst between a nearby headline and the body belongs to the body.
        if body_start - i <= STANDFIRST_REACH {
            for j in i + 1..body_start {
                let v = &mut verdicts[j];
                if v.reason == Reason::OutsideBody && feats[j].words >= STANDFIRST_MIN_WORDS {
                    *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Context };
                }
            }
        }
    }
    // The page's own title lines outrank a candidate by the body: its
    // Markdown `# h1`, else a first line that reads as its <title>.
    if let Some(h1) = markdown_headline(blocks, verdicts) {
        out.title = Some(h1);
    } else if let Some(first) = first_line_title(blocks, out.title.as_deref()) {
        out.title = Some(first);
    }
    // Bylines and dates: between the headline (or a few blocks before the
    // body) and a few blocks into it.
    let from = title_index.map_or(body_start.saturating_sub(3), |t| t + 1);
    let to = (body_start + BYLINE_LOOKAHEAD).min(blocks.len());
    for i in from..to {
        let (b, f) = (&blocks[i], &feats[i]);
        if f.chars > 120 || verdicts[i].reason == Reason::Prose {
            continue;
        }
        let author = byline_author(&b.text, f, true);
        if out.date.is_none() && (f.dateline || author.is_some() || f.chars <= 80) {
            out.date = find_date_glued(&b.text);
        }
        if out.author.is_none() && author.is_some() {
            out.author = author;
            verdicts[i] = Verdict { label: Label::Byline, score: verdicts[i].score, reason: Reason::Metadata };
        }
    }
    // Failing those, a byline or a date on a short line further from the
    // body's start (not "Name - Role", which headings look like too).
    if out.author.is_none() {
        out.author = short_lines_near_body(feats, verdicts, body_start, BYLINE_REACH)
            .find_map(|i| byline_author(&blocks[i].text, &feats[i], false));
    }
    // Failing a byline, a name written beside a date on a short line ("Jane Doe, 01.12.2021").
    if out.author.is_none() {
        out.author = short_lines_near_body(feats, verdicts, body_start, BYLINE_REACH)
            .find_map(|i| name_beside_date(&blocks[i].text));
    }
    // Failing those, a name alone on its line by the headline ("Christoph Hein").
    if out.author.is_none() {
        let from = title_index.map_or(body_start.saturating_sub(NAME_LINE_REACH), |t| t + 1);
        let to = (body_start + BYLINE_LOOKAHEAD).min(blocks.len());
        out.author = (from..to).find(|&i| is_bare_name(&blocks[i], &feats[i])).map(|i| blocks[i].text.trim().to_owned());
    }
    if out.date.is_none() {
        out.date = short_lines_near_body(feats, verdicts, body_start, DATE_REACH)
            .find_map(|i| find_date_glued(&blocks[i].text));
    }
    out
}

/// Short blocks (at most [`NEAR_LINE_MAX_CHARS`], not prose) from
/// `reach / 2` before the body's start to `reach` after it (but no further
/// than just past the body's end), nearest first: a block before the body
/// counts its distance twice.
fn short_lines_near_body<'a>(
    feats: &'a [BlockFeatures],
    verdicts: &'a [Verdict],
    body_start: usize,
    reach: usize,
) -> impl Iterator<Item = usize> + 'a {
    let lo = body_start.saturating_sub(reach / 2);
    let body_end = verdicts.iter().rposition(|v| v.label == Label::Content).map_or(body_start, |e| e + 1);
    let hi = (body_start + reach).min(body_end + 3).min(verdicts.len());
    let mut near: Vec<usize> = (lo..hi).collect();
    near.sort_by_key(|&i| if i < body_start { 2 * (body_start - i) } else { i - body_start });
    near.into_iter().filter(move |&i| feats[i].chars <= NEAR_LINE_MAX_CHARS && verdicts[i].reason != Reason::Prose)
}

/// The author named by a byline line, if it is one.
pub(crate) fn byline_author(text: &str, f: &BlockFeatures, name_dash_role: bool) -> Option<String> {
    if f.byline {
        let rest = LEXICON.byline_rest(text)?;
        return Some(strip_trailing_role(rest)).filter(|name| name.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    }
    // The flag first: the captures cost a search with capture groups (and
    // none is needed without the separator it asks for).
    if name_dash_role && has_spaced_separator(text) && let Some(c) = NAME_DASH_ROLE.captures(text) {
        return Some(c[1].to_owned());
    }
    if f.chars <= 80
        && (text.contains('|') || find_date_strict(text).is_some())
        && let Some(name) = inline_by(text)
    {
        return Some(name);
    }
    None
}

/// The text of a Markdown dump's first level-1 heading (`# Headline`, or
/// underlined with `===`) when it has at most [`MAX_LEVEL_ONE_HEADINGS`]
/// of them and less than [`MAX_CONTENT_BEFORE_H1`] of the content comes
/// before it: the page's `h1`, its headline wherever the body starts (a
/// teaser above the story may start the body early). trafilatura-dumps-dev
/// titles (433): 0.508 -> 0.575 with the first line below; of the `# h1`s
/// that were the title, at most 0.07 of the content came before one; the
/// two code comments read as headings had 0.39 and 1.0 before them.
fn markdown_headline(blocks: &[Block], verdicts: &[Verdict]) -> Option<String> {
    let mut h1 = blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Heading { level: 1 });
    let (at, first) = h1.next()?;
    if h1.count() >= MAX_LEVEL_ONE_HEADINGS {
        return None;
    }
    let content_chars = |range: std::ops::Range<usize>| -> usize {
        blocks[range.clone()].iter().zip(&verdicts[range]).filter(|(_, v)| v.label == Label::Content).map(|(b, _)| b.text.len()).sum()
    };
    let (before, all) = (content_chars(0..at), content_chars(0..blocks.len()));
    if before as f32 > MAX_CONTENT_BEFORE_H1 * all as f32 {
        return None;
    }
    let text = clean_link_text(&first.text);
    text.split_whitespace().next().is_some().then_some(text)
}

/// A heading's text without inline Markdown ([`markdown_inline::clean`]:
/// `[text](url)` as `text`) and without emphasis marks left unclosed around it (`__Ischgl`).
pub(crate) fn clean_link_text(text: &str) -> String {
    markdown_inline::clean(text.trim()).text.trim().trim_matches(['_', '*']).trim().to_owned()
}

/// The headline of the dump's first line when it reads as the page's
/// `<title>` ([`title_line`]). Over `candidate` (the headline found by the
/// body) only when the line is not indented (an indented first line is a
/// layout dump's site banner), `candidate` does not say most of what the
/// line says (it is then the fuller headline: the line was cut at a dash
/// inside it), and the headline stands on a line of its own later in the
/// dump (else the first line may be the site's name: "IT4Kids | IT-Kurse").
fn first_line_title(blocks: &[Block], candidate: Option<&str>) -> Option<String> {
    let first = blocks.first()?;
    let headline = title_line(&first.text)?;
    let Some(candidate) = candidate else { return Some(headline) };
    let recurs = || blocks[1..].iter().any(|b| b.text.trim() == headline);
    (first.shape.indent == 0 && !similar(candidate, &first.text) && recurs()).then_some(headline)
}

/// The headline of a line that reads as a page's `<title>`: parts joined
/// by a separator ("Storm closes roads | Daily Planet"), the longest part
/// (the first of equals), of two to [`TITLE_MAX_WORDS`] words. A line
/// without a separator, or with a Markdown link, is not one. trafilatura-dumps-dev,
/// on the pages with no headline candidate: 24 such lines are the title, 15 not.
pub(crate) fn title_line(line: &str) -> Option<String> {
    let line = line.trim().trim_start_matches('#').trim();
    if line.contains("](") {
        return None;
    }
    let parts = split_at_all(line, &TITLE_SEPARATORS);
    if parts.len() < 2 {
        return None;
    }
    let longest = parts.into_iter().map(str::trim).rev().max_by_key(|p| p.chars().count())?;
    let words = longest.split_whitespace().count();
    (2..=TITLE_MAX_WORDS as usize).contains(&words).then(|| longest.to_owned())
}

/// The name written beside the date of a short date line: "26 Mai, 2008 |
/// ThE_PaiN | Kommentare 34", "Janic Cathomen, 01.12.2021", "Veröffentlicht
/// am 12. Juni 2017 von gizzmo". The line without its date is cut at its
/// separators; in each part the words of `data/date_line_words.txt`, numbers
/// and times are dropped. Exactly one part must be left, a name: two to
/// four capitalised words, or one word that reads as a handle (lower-case
/// start, inner capital, digit or underscore) or follows a byline word
/// ("von gizzmo"). One capitalised word alone ("Berlin, 12.03.2022") is no name.
pub(crate) fn name_beside_date(text: &str) -> Option<String> {
    // A date has digits: the date search is not run without one.
    if text.chars().count() > DATE_LINE_MAX_CHARS || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (_, at) = find_date_at(text)?;
    let rest = format!("{} | {}", &text[..at.start], &text[at.end..]);
    let mut names = Vec::new();
    for part in rest.split(['|', ',', '•', '·', '–', '—', '(', ')']).flat_map(|p| p.split(" - ")) {
        let mut after_by = false;
        let mut words = Vec::new();
        for word in part.split_whitespace() {
            let w = word.trim_matches(|c: char| c.is_ascii_punctuation() && c != '_' && c != '.');
            let lower = w.to_lowercase();
            let number_or_time = !w.chars().any(char::is_alphabetic) || w.contains(':');
            if DATE_LINE_WORDS.contains(lower.as_str()) || is_month(w.trim_end_matches('.')) || number_or_time {
                after_by |= LEXICON.is_byline_word(&lower);
                continue;
            }
            words.push(w);
        }
        if words.is_empty() {
            continue;
        }
        let name = words.join(" ");
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w);
        let handle = |w: &str| {
            let inner_capital = w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase);
            w.chars().count() >= 3 && (w.starts_with(char::is_lowercase) || inner_capital || w.contains(['_']) || w.chars().any(|c| c.is_ascii_digit()))
        };
        let is_name = match words[..] {
            [one] => after_by || handle(one),
            _ => DATE_LINE_NAME_WORDS.contains(&words.len()) && words.iter().all(capitalised),
        };
        if !is_name || words.iter().any(|w| NOT_NAME_WORDS.contains(w.to_lowercase().as_str())) {
            return None;
        }
        names.push(name);
    }
    match <[String; 1]>::try_from(names) {
        Ok([name]) => Some(name),
        Err(_) => None,
    }
}

/// "Anna Schmidt, Reuters" → "Anna Schmidt"; "Anna | 2h ago" → "Anna";
/// "Anna Schmidt am 21. April 2020" and "Anna um 10:52" → the name alone
/// (the date, the time and the words of a date line before them,
/// `data/date_line_words.txt`, or marks such as "//", are cut).
fn strip_trailing_role(rest: &str) -> String {
    let name = rest.split(['|', ',', '•', '·']).next().unwrap_or(rest).split(" - ").next().unwrap_or(rest);
    let name = find_date_at(name).filter(|(_, at)| at.start > 0).map_or(name, |(_, at)| &name[..at.start]);
    let name = CLOCK_TIME.find(name).filter(|m| m.start() > 0).map_or(name, |m| &name[..m.start()]);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let joins = |w: &str| {
        let lower = w.to_lowercase();
        DATE_LINE_WORDS.contains(lower.trim_end_matches([',', '.'])) || !w.chars().any(char::is_alphanumeric)
    };
    while words.len() > 1 && words.last().is_some_and(|w| joins(w)) {
        words.pop();
    }
    words.join(" ")
}

/// A line that is a person's name and nothing else: two or three
/// capitalised words (a particle such as "von" between them) opening with a
/// given name ([`GIVEN_NAMES`]), no stopwords, no sentence end, not a
/// heading or a link. trafilatura-dumps-dev authors: 0.388 -> 0.413; without
/// the given names 0.420, but 20 more pages got a wrong name ("Related
/// Videos", "Neueste Kommentare") for 2 more right.
fn is_bare_name(b: &Block, f: &BlockFeatures) -> bool {
    if !matches!(b.kind, BlockKind::Paragraph) || f.sentence_end || f.link_density > 0.0 || f.stopword_density.is_some_and(|d| d > 0.0) {
        return false;
    }
    let words: Vec<&str> = b.text.split_whitespace().collect();
    let capitalised = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
    };
    (2..=3).contains(&words.len())
        && words.iter().all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
        && capitalised(&words[0])
        && GIVEN_NAMES.contains(words[0].to_lowercase().as_str())
        && capitalised(&words[words.len() - 1])
        && !words.iter().any(|w| NOT_NAME_WORDS.contains(w.to_lowercase().as_str()))
}

/// Whether `text` has a separator of [`NAME_DASH_ROLE`] (`-`, `–`, `—`,
/// `|`, `·`) with whitespace either side, as that pattern needs.
fn has_spaced_separator(text: &str) -> bool {
    let mut chars = text.chars();
    let (mut before, mut at) = (chars.next(), chars.next());
    for after in chars {
        if before.is_some_and(char::is_whitespace) && at.is_some_and(|c| matches!(c, '-' | '–' | '—' | '|' | '·')) && after.is_whitespace() {
            return true;
        }
        (before, at) = (at, Some(after));
    }
    false
}

/// Words a name is introduced by, in any case ("Posted 11. April 2018 by
/// Walter von Aachen").
const BY_WORDS: [&str; 4] = ["by", "von", "par", "por"];
/// Lower-case particles inside a name after a by-word, tried in this order.
const BY_NAME_PARTICLES: [&str; 5] = ["von", "van", "de", "der", "da"];
/// Words a name after a by-word may have after its first.
const BY_NAME_MORE_WORDS: usize = 3;

/// The byte length of the name word that opens `s`: an upper-case letter
/// and at least one more of letters, apostrophes, dots and hyphens.
fn name_word_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut len = first.len_utf8();
    for (i, c) in chars {
        if !(c.is_alphabetic() || matches!(c, '\'' | '’' | '.' | '-')) {
            break;
        }
        len = i + c.len_utf8();
    }
    (len > first.len_utf8()).then_some(len)
}

/// The name after the first by-word of `text` ([`BY_WORDS`], a whole word
/// followed by whitespace) that is followed by one: a name word
/// ([`name_word_len`]) and up to [`BY_NAME_MORE_WORDS`] more, name words or
/// particles ([`BY_NAME_PARTICLES`]), each after whitespace. "Posted 11.
/// April 2018 by Walter von Aachen" gives "Walter von Aachen". A scan of
/// the words, no pattern search (`pattern_and_scan_agree` checks it
/// against the pattern it replaced).
pub(crate) fn inline_by(text: &str) -> Option<String> {
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let Some(next) = words.peek() else { break };
        // The word's last letters, after a mark that is no word character.
        let tail_at = word.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + word[i..].chars().next().map_or(1, char::len_utf8));
        let joined = word[..tail_at].ends_with(['_', '\u{200c}', '\u{200d}']);
        if joined || !BY_WORDS.iter().any(|w| word[tail_at..].eq_ignore_ascii_case(w)) {
            continue;
        }
        // `next` is a slice of `text`: the name starts where it does.
        let at = next.as_ptr() as usize - text.as_ptr() as usize;
        let s = &text[at..];
        let Some(mut end) = name_word_len(s) else { continue };
        for _ in 0..BY_NAME_MORE_WORDS {
            let after = &s[end..];
            let space = after.len() - after.trim_start().len();
            if space == 0 {
                break;
            }
            let rest = &after[space..];
            let Some(len) = BY_NAME_PARTICLES.iter().find(|p| rest.starts_with(*p)).map(|p| p.len()).or_else(|| name_word_len(rest)) else { break };
            end += space + len;
        }
        return Some(s[..end].trim().to_owned());
    }
    None
}

fn is_name_line(text: &str) -> bool {
    NAME_DASH_ROLE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_dash_role_is_a_byline() {
        let f = BlockFeatures { chars: 34, ..Default::default() };
        assert_eq!(byline_author("Geoff Brown - Freelance Journalist", &f, true).as_deref(), Some("Geoff Brown"));
        assert_eq!(byline_author("Russian Foreign Minister Sergei Lavrov", &f, true), None);
    }

    #[test]
    fn a_byline_name_loses_its_date_and_time() {
        assert_eq!(strip_trailing_role("MORITZ GATHMANN am 21. April 2020"), "MORITZ GATHMANN");
        assert_eq!(strip_trailing_role("Julia Esdar 6. November 2023"), "Julia Esdar");
        assert_eq!(strip_trailing_role("Weinlachgummi um 10:52"), "Weinlachgummi");
        assert_eq!(strip_trailing_role("Alberto Ávila 27 de agosto 2019"), "Alberto Ávila");
        assert_eq!(strip_trailing_role("Anna Schmidt, Reuters"), "Anna Schmidt");
        assert_eq!(strip_trailing_role("Anna Schmidt"), "Anna Schmidt");
        assert_eq!(strip_trailing_role("Fabian am Dienstag 6. Mai 2014"), "Fabian");
        assert_eq!(strip_trailing_role("Felix Eisenreich // 1. November 2023"), "Felix Eisenreich");
        assert_eq!(strip_trailing_role("Herr_Rein Veröffentlicht am 11. Juni 2019"), "Herr_Rein");
    }

    #[test]
    fn a_title_line_is_cut_at_its_separator() {
        assert_eq!(title_line("Storm closes the coastal roads | Daily Planet").as_deref(), Some("Storm closes the coastal roads"));
        assert_eq!(title_line("# Planet – News – Storm closes roads").as_deref(), Some("Storm closes roads"));
        assert_eq!(title_line("Skip to content"), None, "no separator");
        assert_eq!(title_line("[Home](https://a.example/) | [News](https://a.example/n)"), None);
        assert_eq!(title_line("Home | News"), None, "one-word parts");
    }

    #[test]
    fn a_name_beside_a_date() {
        for (line, name) in [
            ("26 Mai, 2008 | Silk_Rider | Kommentare 34 |", Some("Silk_Rider")),
            ("Jana Beispiel, 01.12.2021", Some("Jana Beispiel")),
            ("Veröffentlicht am 12. Juni 2017 von gizmo", Some("gizmo")),
            ("Anna Muster , 01. Dezember 2017, 12:01 Uhr 3 min Lesezeit Kommentare 4", Some("Anna Muster")),
            ("28. Jan. 2022 Paula Beispiel", Some("Paula Beispiel")),
            ("Berlin, 12.03.2022", None),
            ("Tue Apr 12 10:09am CET 2022", None),
            ("Posted mardi 12.03.2022, 10:09am PM IST", None),
            ("Sport | Lokales | 12.03.2022", None),
            ("Jane Doe | Bad Homburg | 12.03.2022", None),
            ("Jane Doe, Staff Writer, 12.03.2022", None),
            ("The council met on 12 March 2022 to decide on the budget for the year", None),
        ] {
            assert_eq!(name_beside_date(line).as_deref(), name, "{line}");
        }
    }

    #[test]
    fn inline_by_needs_a_date_or_separator() {
        let f = BlockFeatures { chars: 44, ..Default::default() };
        assert_eq!(
            byline_author("Posted 11. April 2018 by Walter von Aachen", &f, true).as_deref(),
            Some("Walter von Aachen")
        );
        assert_eq!(byline_author("The house was built by Walter Gropius", &f, true), None);
    }

    /// The scan gives what the pattern it replaced gave.
    #[test]
    fn pattern_and_scan_agree() {
        let pattern = regex(r"(?i:\b(?:by|von|par|por)\s+)(\p{Lu}[\p{L}'’.\-]+(?:\s+(?:von|van|de|der|da|\p{Lu}[\p{L}'’.\-]+)){0,3})");
        for text in [
            "Posted 11. April 2018 by Walter von Aachen",
            "BY JANE DOE",
            "by jane Doe, von Anna Schmidt",
            "Hans der Große by Hans der Große",
            "Story by Walter1 Smith",
            "Foto:von Anna Beck | 2020",
            "my_by Anna Beck",
            "nearby Anna Beck",
            "by  Anna   Maria  de   Souza Lima Barros",
            "par Élodie O'Neil-Durand.",
            "Por [Juliet Jimenez] 5 mayo",
            "by",
            "by A",
            "by Ab",
            "written by A. B. Clarke et al",
            "von d'Arc",
            "bY Ørsted’s Team",
        ] {
            let want = pattern.captures(text).map(|c| c[1].trim().to_owned());
            assert_eq!(inline_by(text), want, "{text}");
        }
    }
}
