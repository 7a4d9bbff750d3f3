//! Word lists and phrase lexicons, embedded from `data/` at build time.
//!
//! Everything the heuristics know about words lives in data files: stopwords
//! per language (`data/stopwords/LANG.txt`), widget phrases by category
//! (`data/widgets.txt`), byline openers (`data/byline_prefixes.txt`) and
//! dateline patterns (`data/datelines.txt`), caption and credit patterns
//! (`data/credits.txt`), words that are no part of a person's name
//! (`data/not_names.txt`). This module parses them once
//! (in a `LazyLock`) and answers lookups; it makes no decisions.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use aho_corasick::automaton::{Automaton, FindIter};
use aho_corasick::nfa::noncontiguous;
use aho_corasick::{dfa, Input, Match, MatchKind};
use regex::Regex;

use crate::chars;

mod patterns;
mod stopwords;

use patterns::{Gate, PatternSet};
pub use stopwords::{stopword_languages, stopwords, StopwordSet};
#[cfg(test)]
use patterns::literal_gate;

const WIDGETS: &str = include_str!("../data/widgets.txt");
const BYLINE_PREFIXES: &str = include_str!("../data/byline_prefixes.txt");
const DATELINES: &str = include_str!("../data/datelines.txt");
const CREDITS: &str = include_str!("../data/credits.txt");
const NOT_NAMES: &str = include_str!("../data/not_names.txt");

/// Lower-cased words that make a byline "name" a role, desk, credit label or
/// placeholder ("Staff Writer", "No Author"), from `data/not_names.txt`.
pub(crate) static NOT_NAME_WORDS: LazyLock<foldhash::HashSet<&'static str>> =
    LazyLock::new(|| data_lines(NOT_NAMES).collect());

/// Lines of a data file with comments and blank lines removed.
pub(crate) fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lines of a data file split into `[section]`s: each line with the name
/// of the section it stands in (`""` before the first header).
pub(crate) fn data_sections(src: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    data_lines(src).filter_map(move |line| match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        Some(name) => {
            section = name;
            None
        }
        None => Some((section, line)),
    })
}

/// The lines of a data file's `[name]` section ([`data_sections`]).
pub(crate) fn data_section<'a>(src: &'a str, name: &str) -> Vec<&'a str> {
    data_sections(src).filter(|&(section, _)| section == name).map(|(_, line)| line).collect()
}

/// The dateline patterns as the lexicon compiles them (for the test that
/// checks what their digit gate assumes).
pub fn dateline_patterns() -> impl Iterator<Item = String> {
    patterns::patterns(DATELINES)
}

/// A widget phrase category from `data/widgets.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetCategory {
    pub name: String,
    /// Seen after the body, the category marks the end of the article.
    pub ends_article: bool,
    /// A call to action: a block that opens with such a phrase is a widget.
    pub call_to_action: bool,
    /// A notice (cookie banner): any mention marks a block of ordinary length.
    pub notice: bool,
}

/// Phrases matched in a block: how much of it they cover and of which kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WidgetMatch {
    /// Share of the block's letters and digits covered by widget phrases.
    pub coverage: f32,
    /// Index into [`Lexicon::categories`] of the phrase covering most text.
    pub category: Option<usize>,
    /// The block opens with a call-to-action phrase.
    pub opens_with_call: bool,
    /// The block mentions a notice phrase (cookies).
    pub mentions_notice: bool,
}

/// Bytes of block text searched for widget phrases with the NFA before the
/// DFA is built. The NFA costs 8M instructions to build and ~55 a byte to
/// search, the DFA 62M more and ~21 a byte: a run that searches less than
/// 1.8 MB is cheaper without the DFA. Switching at 256 KB (some 20 pages)
/// keeps single pages fast to start and adds at most 9M instructions to a
/// large batch.
const WIDGET_DFA_AFTER_BYTES: usize = 256 * 1024;

/// The widget phrases' Aho-Corasick automaton (leftmost-longest), built on
/// first use: a noncontiguous NFA, and a full DFA built from it once this
/// process has searched [`WIDGET_DFA_AFTER_BYTES`] with the NFA. Both find
/// the same matches.
struct WidgetMatcher {
    phrases: Vec<String>,
    nfa: OnceLock<noncontiguous::NFA>,
    dfa: OnceLock<dfa::DFA>,
    /// Bytes searched with the NFA so far (by every thread).
    searched: AtomicUsize,
}

/// The matches of [`WidgetMatcher::find_iter`], from whichever automaton.
enum WidgetMatches<'a, 'h> {
    Nfa(FindIter<'a, 'h, noncontiguous::NFA>),
    Dfa(FindIter<'a, 'h, dfa::DFA>),
}

impl Iterator for WidgetMatches<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        match self {
            WidgetMatches::Nfa(it) => it.next(),
            WidgetMatches::Dfa(it) => it.next(),
        }
    }
}

/// Why an unanchored search of an automaton built for unanchored searches
/// cannot fail (as `AhoCorasick::find_iter` says).
const SEARCH_OK: &str = "an unanchored search of an unanchored automaton does not fail";

impl WidgetMatcher {
    fn new(phrases: Vec<String>) -> Self {
        WidgetMatcher { phrases, nfa: OnceLock::new(), dfa: OnceLock::new(), searched: AtomicUsize::new(0) }
    }

    fn nfa(&self) -> &noncontiguous::NFA {
        self.nfa.get_or_init(|| {
            noncontiguous::Builder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.phrases)
                .expect("widget phrases compile")
        })
    }

    /// The non-overlapping leftmost-longest matches in `haystack`.
    fn find_iter<'a, 'h>(&'a self, haystack: &'h str) -> WidgetMatches<'a, 'h> {
        let dfa = self.dfa.get().or_else(|| {
            let before = self.searched.fetch_add(haystack.len(), Ordering::Relaxed);
            (before + haystack.len() > WIDGET_DFA_AFTER_BYTES).then(|| {
                self.dfa.get_or_init(|| {
                    dfa::Builder::new().build_from_noncontiguous(self.nfa()).expect("widget phrases compile")
                })
            })
        });
        match dfa {
            Some(dfa) => WidgetMatches::Dfa(dfa.try_find_iter(Input::new(haystack)).expect(SEARCH_OK)),
            None => WidgetMatches::Nfa(self.nfa().try_find_iter(Input::new(haystack)).expect(SEARCH_OK)),
        }
    }
}

/// Compiled phrase lexicons; each automaton and pattern set is built on
/// first use, so a run that needs none of them (a tiny page) pays nothing.
pub struct Lexicon {
    widget_matcher: WidgetMatcher,
    /// Category index of each widget phrase, parallel to the matcher's patterns.
    widget_category: Vec<usize>,
    pub categories: Vec<WidgetCategory>,
    /// Byline openers and their length in chars, in file order.
    byline_prefixes: Vec<(&'static str, usize)>,
    /// For each ASCII byte, the indices (in file order) of the byline
    /// openers that begin with its lowercase: the only ones a line opening
    /// with that byte can match.
    byline_by_first_byte: Vec<Vec<usize>>,
    /// The first word of each byline opener ("by", "written", "von"): a
    /// line that does not open with one of them is no byline (the cheap
    /// test run on every text node of a page).
    byline_first_words: foldhash::HashSet<&'static str>,
    /// The byline openers themselves (lower-case), for [`Lexicon::is_byline_word`].
    byline_openers: foldhash::HashSet<&'static str>,
    datelines: PatternSet,
    credits: PatternSet,
}

/// The longest word [`Lexicon::is_byline_word`] reads, in bytes.
const MAX_BYLINE_OPENER_BYTES: usize = 24;

/// The longest first word of a byline opener, in bytes ("geschrieben",
/// "автор" is 10); a longer first word is not looked up.
const MAX_BYLINE_WORD_BYTES: usize = 24;

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

impl Lexicon {
    fn build() -> Self {
        let mut categories = Vec::new();
        let mut phrases = Vec::new();
        let mut widget_category = Vec::new();
        for line in data_lines(WIDGETS) {
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let mut words = header.split_whitespace();
                let name = words.next().unwrap_or_default().to_owned();
                let flags: Vec<&str> = words.collect();
                categories.push(WidgetCategory {
                    name,
                    ends_article: flags.contains(&"end"),
                    call_to_action: flags.contains(&"cta"),
                    notice: flags.contains(&"notice"),
                });
            } else if !categories.is_empty() {
                phrases.push(line.to_lowercase());
                widget_category.push(categories.len() - 1);
            }
        }
        let byline_prefixes: Vec<(&'static str, usize)> = data_lines(BYLINE_PREFIXES).map(|p| (p, p.chars().count())).collect();
        let byline_by_first_byte = (0..=127u8)
            .map(|b| {
                let lower = b.to_ascii_lowercase();
                (0..byline_prefixes.len()).filter(|&i| byline_prefixes[i].0.as_bytes().first() == Some(&lower)).collect()
            })
            .collect();
        Lexicon {
            credits: PatternSet::new(CREDITS, Gate::Literals),
            widget_matcher: WidgetMatcher::new(phrases),
            widget_category,
            categories,
            byline_prefixes,
            byline_by_first_byte,
            byline_first_words: data_lines(BYLINE_PREFIXES).filter_map(|p| p.split_whitespace().next()).collect(),
            byline_openers: data_lines(BYLINE_PREFIXES).collect(),
            datelines: PatternSet::new(DATELINES, Gate::Digit),
        }
    }

    /// Widget phrases in `lower` (the block text, lowercased), matched on
    /// whole words.
    pub fn widget_match(&self, lower: &str) -> WidgetMatch {
        let ascii = lower.is_ascii();
        let mut covered = 0usize;
        let mut best: Option<(usize, usize)> = None; // (letters, category)
        let mut opens_with_call = false;
        let mut mentions_notice = false;
        // Found at the first phrase: most texts hold none, and their
        // coverage is 0 whatever their letters.
        let mut first_letter = None;
        for m in self.widget_matcher.find_iter(lower) {
            let before = lower[..m.start()].chars().next_back();
            let after = lower[m.end()..].chars().next();
            if before.is_some_and(chars::is_alphanumeric) || after.is_some_and(chars::is_alphanumeric) {
                continue;
            }
            let first_letter = *first_letter.get_or_insert_with(|| {
                if ascii { lower.bytes().position(|b| b.is_ascii_alphanumeric()) } else { lower.find(chars::is_alphanumeric) }.unwrap_or(0)
            });
            let n = chars::count_alphanumeric(&lower[m.range()]);
            covered += n;
            let cat = self.widget_category[m.pattern().as_usize()];
            opens_with_call |= m.start() == first_letter && self.categories[cat].call_to_action;
            mentions_notice |= self.categories[cat].notice;
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, cat));
            }
        }
        if best.is_none() {
            return WidgetMatch::default();
        }
        let letters = if ascii { lower.bytes().filter(u8::is_ascii_alphanumeric).count() } else { chars::count_alphanumeric(lower) };
        if letters == 0 {
            return WidgetMatch::default();
        }
        WidgetMatch {
            coverage: covered as f32 / letters as f32,
            category: best.map(|(_, c)| c),
            opens_with_call,
            mentions_notice,
        }
    }

    /// Whether the category at `index` ends the article.
    pub fn ends_article(&self, index: usize) -> bool {
        self.categories.get(index).is_some_and(|c| c.ends_article)
    }

    /// Name of the category at `index`.
    pub fn category_name(&self, index: usize) -> &str {
        self.categories.get(index).map_or("", |c| c.name.as_str())
    }

    /// If `line` opens with a byline word ("By", "Von", ...), the rest of it.
    pub fn byline_rest<'a>(&self, line: &'a str) -> Option<&'a str> {
        let &first_byte = line.as_bytes().first()?;
        if first_byte.is_ascii() {
            // The lowercase of an ASCII char is its ASCII lowercase: the
            // openers that begin with it are listed.
            return self.byline_by_first_byte[usize::from(first_byte)].iter().find_map(|&i| self.byline_match(line, i));
        }
        let first = line.chars().next()?;
        // The lowercase of the line's start begins with the lowercase of its
        // first char (no casing context applies there): a prefix that does
        // not begin so cannot match, and costs no lowercasing. That lowercase
        // is taken once, into a small buffer.
        let mut buf = [0u8; 16];
        let mut len = 0;
        for c in first.to_lowercase() {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        let first_lower = &buf[..len];
        (0..self.byline_prefixes.len())
            .filter(|&i| self.byline_prefixes[i].0.as_bytes().starts_with(first_lower))
            .find_map(|i| self.byline_match(line, i))
    }

    /// The rest of `line` if it opens with the byline opener at `index`
    /// (any case), then an optional colon, whitespace and more text.
    fn byline_match<'a>(&self, line: &'a str, index: usize) -> Option<&'a str> {
        let (prefix, n) = self.byline_prefixes[index];
        // A line whose first bytes are ASCII has them as its first chars:
        // unequal to the opener's, it cannot match (the common case, tested
        // without counting chars).
        if let Some(head) = line.as_bytes().get(..prefix.len())
            && head.is_ascii()
            && !head.eq_ignore_ascii_case(prefix.as_bytes())
        {
            return None;
        }
        // Byte offset just after the first `n` characters of `line`.
        let cut = line.char_indices().nth(n).map(|(i, _)| i)?;
        let head = &line[..cut];
        let same = if head.is_ascii() { head.eq_ignore_ascii_case(prefix) && prefix.bytes().all(|b| !b.is_ascii_uppercase()) } else { head.to_lowercase() == *prefix };
        if !same {
            return None;
        }
        let rest = &line[cut..];
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (rest.starts_with(char::is_whitespace) && !rest.trim().is_empty()).then(|| rest.trim())
    }

    /// Whether `line` may open with a byline word: its first word (up to a
    /// space or colon) is the first word of one. A quick test before
    /// [`byline_rest`](Self::byline_rest) and [`is_byline_word`](Self::is_byline_word).
    pub fn may_open_byline(&self, line: &str) -> bool {
        let word = line.split(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
        if word.is_empty() || word.len() > MAX_BYLINE_WORD_BYTES {
            return false;
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.byline_first_words.contains(word);
        }
        self.byline_first_words.contains(word.to_lowercase().as_str())
    }

    /// Whether `word` is a byline opener on its own ("By", "Written by"),
    /// as pages write it before a linked name.
    pub fn is_byline_word(&self, word: &str) -> bool {
        if word.len() > MAX_BYLINE_OPENER_BYTES {
            return false;
        }
        if word.is_ascii() {
            // Lower-cased on the stack: most words asked about are ASCII.
            let mut lower = [0u8; MAX_BYLINE_OPENER_BYTES];
            let lower = &mut lower[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|w| self.byline_openers.contains(w));
        }
        self.byline_openers.contains(word.to_lowercase().as_str())
    }

    /// Whether the line reads as an image caption or credit.
    pub fn is_credit(&self, line: &str) -> bool {
        let line = line.trim();
        self.credits.is_match_lower(line, &crate::words::lowercase(line))
    }

    /// [`is_credit`](Self::is_credit), given also the line's lowercase
    /// (which most lines are refused on).
    pub fn is_credit_lower(&self, line: &str, lower: &str) -> bool {
        self.credits.is_match_lower(line.trim(), lower)
    }

    /// Whether the whole line is a timestamp, relative time or reading time.
    pub fn is_dateline(&self, line: &str) -> bool {
        self.datelines.is_match(line.trim())
    }
}

/// A compiled regex from a literal pattern (for statics in other modules).
pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_sections_name_each_line_by_its_header() {
        let src = "# a comment\nloose\n[one]\na\nb c\n\n[two]\nd\n";
        assert_eq!(data_sections(src).collect::<Vec<_>>(), [("", "loose"), ("one", "a"), ("one", "b c"), ("two", "d")]);
        assert_eq!(data_section(src, "one"), ["a", "b c"]);
        assert!(data_section(src, "three").is_empty());
    }

    #[test]
    fn stopwords_load_for_several_languages() {
        assert!(stopwords("en").unwrap().contains("the"));
        assert!(stopwords("de").unwrap().contains("und"));
        assert!(stopwords("fr").unwrap().contains("le"));
        assert!(stopwords("ru").is_some());
        assert!(stopwords("xx").is_none());
    }

    #[test]
    fn widget_phrases_match_whole_words_only() {
        let lx = &*LEXICON;
        let m = lx.widget_match("share this post");
        assert!(m.coverage > 0.99);
        assert_eq!(lx.category_name(m.category.unwrap()), "share");
        // "ad" inside "shadow" is no match.
        assert_eq!(lx.widget_match("shadow").coverage, 0.0);
        let m = lx.widget_match("read next");
        assert!(lx.ends_article(m.category.unwrap()));
        // Multilingual: a French CMS's "in the same section" list.
        let m = lx.widget_match("dans la même rubrique");
        assert!(m.coverage > 0.99 && lx.ends_article(m.category.unwrap()), "{m:?}");
    }

    #[test]
    fn calls_to_action_are_found_at_the_start_only() {
        let lx = &*LEXICON;
        assert!(lx.widget_match("follow our coverage of the war on telegram.").opens_with_call);
        assert!(!lx.widget_match("officials will follow our coverage closely.").opens_with_call);
    }

    #[test]
    fn widget_coverage_is_low_in_prose() {
        let m = LEXICON.widget_match("the minister said he would share the plan with allies next week");
        assert!(m.coverage < 0.2, "{m:?}");
    }

    #[test]
    fn bylines_and_datelines() {
        let lx = &*LEXICON;
        assert_eq!(lx.byline_rest("By AFP"), Some("AFP"));
        assert_eq!(lx.byline_rest("Von Anna Schmidt"), Some("Anna Schmidt"));
        assert_eq!(lx.byline_rest("Bybee is a town"), None);
        assert_eq!(lx.byline_rest("Автор: Иван Петров"), Some("Иван Петров"));
        assert_eq!(lx.byline_rest("By İlker Başbuğ"), Some("İlker Başbuğ"));
        // The quick test passes every line byline_rest or is_byline_word accepts.
        for l in ["By AFP", "BY AFP", "Von Anna", "Written by", "written by Jo", "Автор: Иван", "Veröffentlicht von Jo", "Par:"] {
            assert!(lx.may_open_byline(l), "{l}");
        }
        for l in ["Bybee is a town", "The house", "", "Ein sehr langes Wort"] {
            assert!(!lx.may_open_byline(l), "{l}");
        }
        for l in ["2h ago", "29m ago", "vor 3 Stunden", "18.02.2025", "February 18, 2025", "5 min read"] {
            assert!(lx.is_dateline(l), "{l}");
        }
        assert!(!lx.is_dateline("In 2025 the war went on."));
        for l in ["Foto: dpa", "Abbildung 4: Schwachschicht.", "Wer zieht die Äste? (Symbolbild)", "Photo by ev on Unsplash", "© Shutterstock"] {
            assert!(lx.is_credit(l), "{l}");
        }
        assert!(!lx.is_credit("The photo shows the minister at the border."));
        // The literal gate passes what the patterns match, in any case.
        assert!(lx.credits.literals.get_or_init(|| literal_gate(CREDITS)).is_some(), "the credits have a literal gate");
        // Each pattern tried alone where its own literals are, against the whole set.
        let lines = [
            "Foto: dpa", "FOTO: DPA", "Photo by ev on Unsplash", "© Shutterstock", "Bild: \u{212A}eystone", "ſource: x",
            "Quelle: Reuters", "Abbildung 4: Schwachschicht.", "(Symbolbild)", "Wer zieht? (Foto: privat)", "Getty Images",
            "Bild 3, links", "© 2024 Example GmbH. Alle Rechte vorbehalten.", "photograph by a reader", "The photo shows it.",
            "Image credit: NASA", "source code", "an image: see", "Credits: ©", "x © y", "screenshot:", "Fig. 2.", "",
        ];
        for l in lines {
            let lower = crate::words::lowercase(l);
            assert_eq!(lx.credits.is_match_lower(l.trim(), &lower), lx.credits.is_match(l.trim()), "{l}");
            assert_eq!(lx.is_credit(l), lx.credits.is_match(l.trim()), "{l}");
        }
        // And every line of the bundled sample dumps.
        for dump in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/samples")).expect("the samples") {
            let text = std::fs::read_to_string(dump.expect("a sample").path()).unwrap_or_default();
            for l in text.lines() {
                assert_eq!(lx.is_credit(l), lx.credits.is_match(l.trim()), "{l}");
            }
        }
        assert!(lx.is_credit("ſource: x"), "ſ matches a case-insensitive s");
        // No char outside ASCII but the two the gate allows for matches an ASCII letter case-insensitively.
        let letters = regex::RegexSet::new(('a'..='z').map(|c| format!("(?i){c}"))).expect("compiles");
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(!letters.is_match(&c.to_string()) || matches!(c, 'ſ' | '\u{212A}'), "U+{:04X}", c as u32);
        }
    }
}
