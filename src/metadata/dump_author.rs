//! A text dump's author, chosen by a learned ranker.
//!
//! A dump names many people: the story's author in a byline, a date line
//! or alone on a line by the headline, but also commenters, teaser
//! authors, photographers and people in the story. The candidates are
//! names, never whole lines (a line that holds the name would pass for the
//! author and tell a reader nothing): every name the lifting's extractors
//! cut from a line of at most [`MAX_CHARS`] characters, from [`BEFORE`]
//! blocks before the body's first content block to [`AFTER`] blocks into
//! it ([`Source`]: a byline's name, a name beside a date, a name after
//! "by"/"von"/"par"/"por", a line that is a name, a part of a line cut at
//! its separators that is one). A row of [`COLUMNS`] numbers describes
//! each (which extractors found it, its place against the body and the
//! headline, its line's shape and flags, the name's shape, how often the
//! dump names it, the block model's probabilities around it) and a forest
//! trained by `scripts/train-dump-metadata --field author` scores it.
//!
//! This module reads the blocks, their features and the verdicts after the
//! headline was lifted (`metadata::dump`); it changes no verdict.

use std::borrow::Cow;

use foldhash::HashMap;

use crate::block::{Block, BlockKind, Label, Verdict};
use crate::features::BlockFeatures;
use crate::learned::vector::flag;
use crate::lexicon::{LEXICON, NOT_NAME_WORDS};
use crate::metadata::dump::{self, GIVEN_NAMES};
use crate::metadata::ranker::{fold, fold_into, kept_text_before};
use crate::metadata::NAME_PARTICLES;

/// Blocks before the body's first content block, and into it, whose lines
/// may name the author, and the longest such line (characters).
pub const BEFORE: usize = 60;
pub const AFTER: usize = 120;
pub const MAX_CHARS: u32 = 200;
/// Words of a name ("Anna", "Hans Christian von Ørsted").
const NAME_WORDS: std::ops::RangeInclusive<usize> = 1..=4;
/// Longest line (characters) cut into parts or at its lower-case ends.
const PARTS_MAX_CHARS: u32 = 100;
/// Shortest name of one capitalised word ("Ina"; "Si" and "EU" are not).
const SINGLE_NAME_MIN_CHARS: usize = 3;
/// Longest name (characters).
const NAME_MAX_CHARS: usize = 50;
/// A name's count of lines that hold it is capped at this.
const MAX_MENTIONS: usize = 10;

/// The ranker's probability below which its best candidate is not taken
/// and the lifting's author (or none) stands. Out-of-fold sweep
/// (`scripts/train-dump-metadata --field author`, the ranker learning from
/// the made dumps too, session 28), authors right of 281 and dumps given
/// one of the 154 whose truth says there is none: the lifting alone 116
/// and 21; always the ranker 181 and 154; from 0.2 169 and 58; 0.3 162 and
/// 41; 0.4 158 and 36; 0.5 149 and 30. At 0.4 seven in ten of the names
/// given are right (0.72), as at 0.3 before the made dumps (149 and 34,
/// 0.71), with nine more right. Retrained on the dump block model at 300
/// trees a seed (session 33): always 183 and 154; 0.2 169 and 57; 0.3 162
/// and 42; 0.4 157 and 33; 0.5 150 and 27.
pub const MIN_PROBABILITY: f32 = 0.4;

/// Which extractor cut a name from its line; a name several found carries
/// each of their flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The rest of a byline ("By Anna Schmidt, Reuters"), or "Name - Role".
    Byline = 0,
    /// The one name beside a date on a short date line.
    DateLine = 1,
    /// The capitalised words after "by", "von", "par" or "por" in a line.
    InlineBy = 2,
    /// The whole line is a name.
    Line = 3,
    /// A part of the line cut at `|`, `,`, `·`, `•`, dashes or brackets.
    Part = 4,
    /// What follows a short label and a colon ("Text: Ursula Eggers").
    Label = 5,
    /// A line or part without its lower-case words at either end ("with
    /// Anu Garg", "Markus Elsberger sagt").
    Trimmed = 6,
}

/// Number of [`Source`]s.
const SOURCES: usize = 7;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "from_byline",
    "from_date_line",
    "from_inline_by",
    "from_line",
    "from_part",
    "from_label",
    "from_trimmed",
    "rel_position",
    "distance",
    "position",
    "rel_headline",
    "rel_end",
    "line_chars_log",
    "line_words_log",
    "name_words",
    "name_chars_log",
    "given_name",
    "handle",
    "all_upper",
    "byline",
    "dateline",
    "has_year",
    "credit",
    "legal",
    "sentence_end",
    "stopwords",
    "link_density",
    "widget_coverage",
    "heading",
    "list_item",
    "probability",
    "probability_next",
    "probability_prev",
    "content_before",
    "mentions",
    "same_name",
    "in_first_line",
    "lifted",
    "candidates_log",
    "candidate_rank",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/dump_author.json as code.
crate::metadata::ranker::built_in_ranker!("dump_author_trees.rs");

/// A candidate name: its block, the name and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub index: usize,
    pub name: String,
    pub row: [f32; WIDTH],
}

/// Shortest handle that opens lower-case and has nothing else of a handle
/// ("flerche"; "er", "von" and "zu" are words).
const PLAIN_HANDLE_MIN_CHARS: usize = 5;

/// A word that reads as a handle: an inner capital, a digit, an underscore
/// or a dot inside ("ThE_PaiN", "delta201", "fri.juli"), or a lower-case
/// start and at least [`PLAIN_HANDLE_MIN_CHARS`] letters ("jesusfreak").
fn is_handle(word: &str) -> bool {
    let chars = word.chars().count();
    let inner_capital = word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    let marked = inner_capital || word.contains('_') || word.trim_end_matches('.').contains('.') || word.chars().any(|c| c.is_ascii_digit());
    chars >= 2
        && word.chars().any(char::is_alphabetic)
        && !word.contains(['/', '(', ')', '[', ']', '@', ':'])
        && (marked || (word.starts_with(char::is_lowercase) && chars >= PLAIN_HANDLE_MIN_CHARS))
}

/// A word of a name of several words: capitalised ("Anna", "O'Brien",
/// "MÜLLER") or a particle ("von", "de").
fn is_name_word(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
        || (word.chars().next().is_some_and(char::is_uppercase) && !word.contains(['/', '(', ')', '[', ']', '@', ':', '=']) && !word.contains("http"))
}

/// `text` as a name, when it reads as one: [`NAME_WORDS`] words, each a
/// name word ([`is_name_word`]), or one handle; none a word of
/// `data/not_name_words.txt`; handles ("@jane") and edge punctuation dropped.
fn as_name(text: &str) -> Option<String> {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
    // Counted before anything is collected: most lines have too many words.
    let words = || trimmed.split_whitespace().filter(|w| !w.starts_with('@'));
    let count = words().take(NAME_WORDS.end() + 1).count();
    if !NAME_WORDS.contains(&count) {
        return None;
    }
    // The shape first, without collecting or lower-casing: most lines fail it.
    let first = words().next()?;
    let shaped = if count == 1 {
        is_handle(first) || (is_name_word(first) && !NAME_PARTICLES.contains(&first) && first.chars().count() >= SINGLE_NAME_MIN_CHARS)
    } else {
        words().all(is_name_word) && !NAME_PARTICLES.contains(&first)
    };
    // "By Anna Schmidt" is a byline, whose name is cut from it as such.
    if !shaped || LEXICON.is_byline_word(first) {
        return None;
    }
    let words: Vec<&str> = words().collect();
    let listed = words.iter().any(|w| NOT_NAME_WORDS.contains(w.to_lowercase().trim_end_matches([',', '.', ':'])));
    let mut name = words.join(" ").trim_end_matches([',', ':', ';']).to_owned();
    // An initial at the end keeps its dot ("Nicolas Gutierrez C.").
    let dotted = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '.').ends_with('.');
    if dotted && words.last().is_some_and(|w| w.chars().count() == 1) {
        name.push('.');
    }
    (!listed && name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && name.chars().count() <= NAME_MAX_CHARS).then_some(name)
}

/// Words a label before a colon may have ("Text", "Fotos und Text").
const LABEL_MAX_WORDS: usize = 3;
/// Lower-case words a name may be cut from at either end ("von Ulrike",
/// "Markus Elsberger sagt").
const MAX_TRIMMED_WORDS: usize = 4;

/// The name after a short label and a colon ("Text: Ursula Eggers",
/// "Autor:Samuel Diekmann").
fn after_label(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(':')?;
    let words = label.split_whitespace().count();
    ((1..=LABEL_MAX_WORDS).contains(&words) && !rest.starts_with("//")).then(|| as_name(rest)).flatten()
}

/// The name left when the lower-case words at the line's ends are cut
/// ("with Anu Garg", "Zum Profil von jesusfreak" keeps "Zum Profil" and is
/// no name; "damianduchamps said"); `None` when nothing was cut.
fn without_lower_ends(text: &str) -> Option<String> {
    let opens_or_ends_lower = |w: Option<&str>| w.is_some_and(|w| w.starts_with(char::is_lowercase));
    if !opens_or_ends_lower(text.split_whitespace().next()) && !opens_or_ends_lower(text.split_whitespace().next_back()) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = |w: &&&str| w.starts_with(char::is_lowercase);
    let head = words.iter().take_while(lower).count().min(MAX_TRIMMED_WORDS);
    let tail = words[head..].iter().rev().take_while(lower).count().min(MAX_TRIMMED_WORDS);
    let kept = &words[head..words.len() - tail];
    // A single lower-case word is cut from nothing.
    ((head > 0 || tail > 0) && !kept.is_empty()).then(|| as_name(&kept.join(" "))).flatten()
}

/// The names cut from one line, with the extractor that cut each.
fn names_in(text: &str, f: &BlockFeatures) -> Vec<(String, Source)> {
    let mut out = Vec::new();
    if let Some(name) = dump::byline_author(text, f, true).map(|n| as_name(&n).unwrap_or(n)) {
        out.push((name, Source::Byline));
    }
    if let Some(name) = dump::name_beside_date(text) {
        out.push((name, Source::DateLine));
    }
    if let Some(name) = dump::inline_by(text).and_then(|n| as_name(&n)) {
        out.push((name, Source::InlineBy));
    }
    if let Some(name) = as_name(text) {
        out.push((name, Source::Line));
    }
    if let Some(name) = after_label(text) {
        out.push((name, Source::Label));
    }
    // A long line is cut into parts no further: its names are in a byline,
    // beside a date or after "by" or a label.
    if f.chars > PARTS_MAX_CHARS {
        return out;
    }
    // The separators' bytes (`•`, `–` and `—` open with 0xE2, `·` with
    // 0xC2) looked for first: most lines have none.
    let separated = text.bytes().any(|b| matches!(b, b'|' | b',' | b'(' | b')' | b'/' | b'-' | 0xE2 | 0xC2));
    let mut parts: Vec<&str> = Vec::new();
    if separated {
        for part in text.split(['|', ',', '•', '·', '–', '—', '(', ')', '/']) {
            // Split at " - " only where a hyphen is (most parts have none).
            if part.as_bytes().contains(&b'-') {
                parts.extend(part.split(" - "));
            } else {
                parts.push(part);
            }
        }
    }
    if parts.len() > 1 {
        out.extend(parts.iter().filter_map(|p| as_name(p)).map(|n| (n, Source::Part)));
    }
    let whole = [text];
    for &part in if parts.len() > 1 { &parts[..] } else { &whole[..] } {
        if let Some(name) = without_lower_ends(part) {
            out.push((name, Source::Trimmed));
        }
    }
    out
}

/// A word without the punctuation at its ends ("Benni," as "Benni").
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
}

/// For each name found (folded), how many of the window's `lines` (folded,
/// one to a line) hold it as whole words: the names are indexed by their
/// first word and every word of the lines is looked up once.
fn mentions(lines: &str, found: &[(usize, String, [bool; SOURCES])]) -> HashMap<String, usize> {
    let mut names: Vec<String> = found.iter().map(|c| fold(&c.1)).collect();
    names.sort_unstable();
    names.dedup();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    let split: Vec<Vec<&str>> = names.iter().map(|n| n.split(' ').map(bare).collect()).collect();
    for (k, words) in split.iter().enumerate() {
        if let Some(first) = words.first() {
            by_first.entry(first).or_default().push(k);
        }
    }
    let mut counts = vec![0usize; names.len()];
    let mut last_line = vec![usize::MAX; names.len()];
    let mut words: Vec<&str> = Vec::new();
    for (line_no, line) in lines.lines().enumerate() {
        words.clear();
        words.extend(line.split(' ').map(bare));
        for at in 0..words.len() {
            let Some(ks) = by_first.get(words[at]) else { continue };
            for &k in ks {
                if last_line[k] != line_no && words[at..].starts_with(&split[k]) {
                    last_line[k] = line_no;
                    counts[k] += 1;
                }
            }
        }
    }
    names.into_iter().zip(counts).collect()
}

/// The candidates of a dump and their rows; `probabilities` are the block
/// model's (one per block).
pub fn candidates(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32], lifted: Option<&str>) -> Vec<Candidate> {
    let n = blocks.len();
    if n == 0 || feats.len() != n || verdicts.len() != n || probabilities.len() != n {
        return Vec::new();
    }
    let start = verdicts.iter().position(|v| v.label == Label::Content).unwrap_or(0);
    let end = verdicts.iter().rposition(|v| v.label == Label::Content).unwrap_or(start);
    let headline = verdicts.iter().position(|v| v.label == Label::Title);
    let window = start.saturating_sub(BEFORE)..(start + AFTER + 1).min(n);
    // (block, name, source flags), in block order, one per name a block gives.
    let mut found: Vec<(usize, String, [bool; SOURCES])> = Vec::new();
    // The window's lines folded, one to a line of this buffer.
    let mut lines = String::new();
    for i in window.filter(|&i| feats[i].chars <= MAX_CHARS) {
        // Only a line with a mark of inline Markdown is cleaned (a copy);
        // the others are what `clean_link_text` would give, trimmed.
        let raw = blocks[i].text.trim();
        let text: Cow<str> = if raw.bytes().any(|b| matches!(b, b'[' | b'<' | b'*' | b'_' | b'\\')) {
            Cow::Owned(dump::clean_link_text(raw))
        } else {
            Cow::Borrowed(raw)
        };
        let first_new = found.len();
        for (name, source) in names_in(&text, &feats[i]) {
            match found[first_new..].iter_mut().find(|c| c.1 == name) {
                Some(c) => c.2[source as usize] = true,
                None => {
                    let mut sources = [false; SOURCES];
                    sources[source as usize] = true;
                    found.push((i, name, sources));
                }
            }
        }
        fold_into(&mut lines, &text);
        lines.push('\n');
    }
    if found.is_empty() {
        return Vec::new();
    }
    let first = fold(&blocks[0].text);
    let mut per_name: HashMap<&str, u32> = HashMap::default();
    for c in &found {
        *per_name.entry(c.1.as_str()).or_default() += 1;
    }
    let mentions = mentions(&lines, &found);
    let kept_before = kept_text_before(feats, probabilities);
    let count = found.len();
    let mut out = Vec::with_capacity(count);
    for (rank, (i, name, sources)) in found.iter().enumerate() {
        let (i, b, f) = (*i, &blocks[*i], &feats[*i]);
        let folded = fold(name);
        let words: Vec<&str> = name.split_whitespace().collect();
        let rel = i as f32 - start as f32;
        let row = [
            flag(sources[Source::Byline as usize]),
            flag(sources[Source::DateLine as usize]),
            flag(sources[Source::InlineBy as usize]),
            flag(sources[Source::Line as usize]),
            flag(sources[Source::Part as usize]),
            flag(sources[Source::Label as usize]),
            flag(sources[Source::Trimmed as usize]),
            rel,
            rel.abs(),
            i as f32 / n as f32,
            headline.map_or(-999.0, |h| i as f32 - h as f32),
            i as f32 - end as f32,
            (f.chars as f32).ln_1p(),
            (f.words as f32).ln_1p(),
            words.len() as f32,
            (name.chars().count() as f32).ln_1p(),
            flag(words.first().is_some_and(|w| GIVEN_NAMES.contains(w.to_lowercase().as_str()))),
            flag(words.len() == 1 && is_handle(words[0])),
            flag(name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)),
            flag(f.byline),
            flag(f.dateline),
            flag(f.has_year),
            flag(f.credit),
            flag(f.legal),
            flag(f.sentence_end),
            f.stopword_density.unwrap_or(-1.0),
            f.link_density,
            f.widget_coverage,
            flag(matches!(b.kind, BlockKind::Heading { .. })),
            flag(matches!(b.kind, BlockKind::ListItem { .. })),
            probabilities[i],
            probabilities.get(i + 1).copied().unwrap_or(0.0),
            i.checked_sub(1).map_or(0.0, |j| probabilities[j]),
            kept_before[i],
            mentions.get(&folded).copied().unwrap_or(0).min(MAX_MENTIONS) as f32,
            per_name.get(name.as_str()).copied().unwrap_or(0) as f32,
            flag(first.contains(&folded)),
            flag(lifted.is_some_and(|l| fold(l) == folded)),
            (count as f32).ln_1p(),
            rank as f32,
        ];
        out.push(Candidate { index: i, name: name.clone(), row: row.map(|v| if v.is_finite() { v } else { 0.0 }) });
    }
    out
}

/// The candidate the built-in ranker names, with its probability, when
/// that is at least [`MIN_PROBABILITY`]; `None` without candidates (or
/// without the model).
pub fn pick(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32], lifted: Option<&str>) -> Option<(Candidate, f32)> {
    RANKER.best(COLUMNS, candidates(blocks, feats, verdicts, probabilities, lifted), |c| c.row).filter(|(_, p)| *p >= MIN_PROBABILITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../data/model/dump_author.json"), include_str!("../../tests/fixtures/model/dump_author.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    #[test]
    fn names_are_cut_from_lines_never_whole_lines() {
        let f = BlockFeatures::default();
        let names = |t: &str| names_in(t, &f).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names("Christoph Hein"), ["Christoph Hein"]);
        assert_eq!(names("Paddy · April 19, 2019 · Mac · 7 comments"), ["Paddy", "Mac"]);
        assert!(names("Karoline Herr sagt: Ich bin so froh, dass du diesen Text geschrieben hast").iter().all(|n| !n.contains("froh")));
        assert_eq!(names("Williams Perdomo @wperdomod"), ["Williams Perdomo"]);
        assert!(names("The storm closed three roads on Tuesday.").is_empty());
        assert_eq!(names("By ALLY MUTNICK"), ["ALLY MUTNICK"], "a byline word opens no name");
        assert_eq!(names("Nicolas Gutierrez C."), ["Nicolas Gutierrez C."], "an initial keeps its dot");
        assert!(names("Si").is_empty() && names("EU").is_empty(), "one capitalised word of two letters is no name");
        assert_eq!(names("jesusfreak"), ["jesusfreak"]);
        assert!(names("zu").is_empty());
        assert!(names("Text: Ursula Eggers").contains(&"Ursula Eggers".to_owned()));
        assert!(names("Markus Elsberger sagt:").contains(&"Markus Elsberger".to_owned()));
        assert!(names("with Anu Garg").contains(&"Anu Garg".to_owned()));
    }

    #[test]
    fn candidates_carry_every_extractor_that_found_them() {
        let texts = ["Storm closes roads", "By Anna Schmidt | 12 March 2024", "The storm closed three roads on Tuesday, officials said.", "Anna Schmidt"];
        let blocks: Vec<Block> = texts.iter().map(|t| Block::new(*t, BlockKind::Paragraph)).collect();
        let feats = crate::features::document_features(&blocks, Some("en"));
        let mut verdicts = vec![Verdict { label: Label::Boilerplate, score: 0.0, reason: crate::block::Reason::Score }; texts.len()];
        verdicts[2].label = Label::Content;
        let cs = candidates(&blocks, &feats, &verdicts, &[0.1, 0.2, 0.9, 0.3], None);
        let col = |c: &Candidate, name: &str| c.row[COLUMNS.iter().position(|n| *n == name).expect("a column")];
        let by = cs.iter().find(|c| c.index == 1).expect("the byline's name");
        assert_eq!(by.name, "Anna Schmidt");
        assert_eq!(col(by, "from_inline_by"), 1.0);
        assert_eq!(col(by, "mentions"), 2.0, "the name stands on two lines");
        assert!(cs.iter().all(|c| c.name != "Storm closes roads" || col(c, "from_line") == 1.0));
    }
}
