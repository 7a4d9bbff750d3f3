//! Sets of case-insensitive regular expressions read from a data file
//! (`data/datelines.txt`, `data/credits.txt`), compiled on first use, with
//! gates that answer most lines without them.
//!
//! Compiling is what a set costs a process, not matching: a bounded run of
//! letters (`\p{L}{3,10}`, a month's name) is compiled as that many copies
//! of the letter class, and the two dateline patterns with one cost more
//! than the rest of the lexicon (about 60 M instructions, 15 ms, paid by the
//! first real page a process reads). Such a pattern is matched here as
//! [`LetterRuns`]: a run of any length, its length checked in code, and the
//! pattern as written only when a run is out of bounds. The answers are the
//! written patterns' answers. This module matches; it decides nothing.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};

use super::data_lines;
use crate::bytescan;

/// What a line must hold for any pattern of a [`PatternSet`] to match: a
/// line without it is answered without building the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gate {
    /// Every pattern's every match holds a numeric character (tested on
    /// the patterns' syntax trees in `tests/lexicon_startup.rs`).
    Digit,
    /// Every pattern's every match opens with one of a few literals, found
    /// in the line's lowercase ([`literal_gate`]).
    Literals,
}

/// A case-insensitive set of the regular expressions in a data file,
/// compiled on first use.
pub(super) struct PatternSet {
    src: &'static str,
    gate: Gate,
    compiled: OnceLock<Compiled>,
    /// The searcher of a [`Gate::Literals`] set's literals (`None` when
    /// the patterns do not allow one: every line goes to the set).
    pub(super) literals: OnceLock<Option<LiteralGate>>,
    /// A [`Gate::Literals`] set's patterns one by one, each compiled when
    /// a line first holds one of its own literals.
    singles: OnceLock<Box<[OnceLock<Single>]>>,
}

/// A literal gate: the searcher of every pattern's opening literals, and
/// for each literal the pattern (its line in the data file) it opens.
pub(super) struct LiteralGate {
    searcher: AhoCorasick,
    owner: Vec<usize>,
}

impl LiteralGate {
    /// The patterns one of whose literals `lower` holds, as bits (pattern
    /// `i` is bit `i`); only these can match the line.
    fn candidates(&self, lower: &str) -> u64 {
        self.searcher.find_overlapping_iter(lower).fold(0, |bits, m| bits | 1 << self.owner[m.pattern().as_usize()])
    }
}

/// One pattern of a data file, compiled alone.
enum Single {
    Plain(Regex),
    Runs(LetterRuns),
}

impl Single {
    fn new(pattern: &str) -> Single {
        match LetterRuns::new(pattern) {
            Some(runs) => Single::Runs(runs),
            None => Single::Plain(Regex::new(pattern).expect("built-in patterns compile")),
        }
    }

    fn is_match(&self, line: &str) -> bool {
        match self {
            Single::Plain(re) => re.is_match(line),
            Single::Runs(runs) => runs.is_match(line),
        }
    }
}

/// A data file's patterns as compiled: those without a bounded letter run
/// in one set, each of the others on its own.
struct Compiled {
    set: RegexSet,
    letter_runs: Vec<LetterRuns>,
}

/// What `\p{L}` matches in a case-insensitive pattern, written so that
/// compiling it folds no case: the letters and U+0345 (the one code point
/// outside them that a letter's case folding reaches, checked over every
/// code point). Folding the letter class costs about 1.3 M instructions a
/// copy.
const LETTER: &str = r"[\p{L}\x{345}]";

/// `\p{L}{m,n}` as written in a pattern.
static BOUNDED_LETTERS: LazyLock<Regex> = LazyLock::new(|| super::regex(r"\\p\{L\}\{([0-9]+),([0-9]+)\}"));

/// A pattern with bounded letter runs, matched as one with unbounded runs
/// (`(\p{L}+)`, captured) whose lengths are then checked. A line the loose
/// pattern does not match, the pattern as written does not either (it
/// matches less); a match whose runs are all in bounds is one of the
/// written pattern's; only a match with a run out of bounds asks the
/// written pattern, compiled then.
struct LetterRuns {
    loose: Regex,
    /// Each run's capture group in `loose` and its bounds, in characters.
    runs: Vec<(usize, usize, usize)>,
    written: String,
    strict: OnceLock<Regex>,
}

impl LetterRuns {
    /// `pattern` as letter runs, if it has any bounded one.
    fn new(pattern: &str) -> Option<LetterRuns> {
        let mut bounds = Vec::new();
        let loose = BOUNDED_LETTERS.replace_all(pattern, |c: &regex::Captures| {
            bounds.push((c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(usize::MAX)));
            format!("(?P<run{}>(?-i:{LETTER})+)", bounds.len() - 1)
        });
        if bounds.is_empty() {
            return None;
        }
        let loose = Regex::new(&loose).expect("built-in patterns compile");
        let group = |i: usize| loose.capture_names().position(|n| n == Some(&format!("run{i}")));
        let runs = bounds.iter().enumerate().filter_map(|(i, &(lo, hi))| Some((group(i)?, lo, hi))).collect();
        Some(LetterRuns { loose, runs, written: pattern.to_owned(), strict: OnceLock::new() })
    }

    fn is_match(&self, line: &str) -> bool {
        let Some(c) = self.loose.captures(line) else { return false };
        let in_bounds =
            self.runs.iter().all(|&(g, lo, hi)| c.get(g).is_none_or(|run| (lo..=hi).contains(&run.as_str().chars().count())));
        in_bounds || self.strict.get_or_init(|| Regex::new(&self.written).expect("built-in patterns compile")).is_match(line)
    }
}

impl PatternSet {
    pub(super) const fn new(src: &'static str, gate: Gate) -> Self {
        PatternSet { src, gate, compiled: OnceLock::new(), literals: OnceLock::new(), singles: OnceLock::new() }
    }

    /// Whether any pattern matches `line`.
    pub(super) fn is_match(&self, line: &str) -> bool {
        if self.gate == Gate::Digit && !has_numeric(line) {
            return false;
        }
        let compiled = self.compiled.get_or_init(|| compile(self.src));
        compiled.set.is_match(line) || compiled.letter_runs.iter().any(|p| p.is_match(line))
    }

    /// [`is_match`](Self::is_match), given also `lower`, the lowercase of
    /// `line`: a line whose lowercase holds none of a literal gate's
    /// literals is answered without the set.
    ///
    /// Only the patterns one of whose own literals the lowercase holds are
    /// tried, each compiled on its own the first time: every match of a
    /// pattern opens with one of its literals, so a pattern left out could
    /// not have matched. A page whose only such line is a "©" notice
    /// compiles the credit file's two patterns that open with "©", not its
    /// eight.
    pub(super) fn is_match_lower(&self, line: &str, lower: &str) -> bool {
        if self.gate == Gate::Literals
            && let Some(gate) = self.literals.get_or_init(|| literal_gate(self.src))
            // `ſ` matches a case-insensitive `s` and is its own lowercase
            // (the only such char; the Kelvin sign lowercases to `k`).
            && !bytescan::contains_char(lower, 'ſ')
        {
            let mut bits = gate.candidates(lower);
            if bits == 0 {
                return false;
            }
            let singles = self.singles.get_or_init(|| patterns(self.src).map(|_| OnceLock::new()).collect());
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let single = singles[i].get_or_init(|| Single::new(&patterns(self.src).nth(i).expect("a pattern of the file")));
                if single.is_match(line) {
                    return true;
                }
            }
            return false;
        }
        self.is_match(line)
    }
}

/// A searcher for literals, one of which every match of every pattern of a
/// data file opens with, found in a line's lowercase: the prefixes of the
/// patterns' case-sensitive syntax trees, if each pattern has a finite set
/// of non-empty ones and their chars are ASCII but capitals, or chars
/// without case. A case-insensitive match of such a literal in a line is
/// then the literal itself in the line's lowercase.
pub(super) fn literal_gate(src: &str) -> Option<LiteralGate> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut owner = Vec::new();
    for (i, pattern) in data_lines(src).enumerate() {
        if i >= u64::BITS as usize {
            return None; // more patterns than the candidates' bits
        }
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let seq = extractor.extract(&hir);
        for literal in seq.literals()? {
            let text = std::str::from_utf8(literal.as_bytes()).ok()?;
            let caseless = |c: char| {
                if c.is_ascii() { !c.is_ascii_uppercase() } else { !c.is_alphabetic() && c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]) }
            };
            if text.is_empty() || !text.chars().all(caseless) {
                return None;
            }
            literals.push(literal.as_bytes().to_vec());
            owner.push(i);
        }
    }
    Some(LiteralGate { searcher: AhoCorasick::new(&literals).ok()?, owner })
}

/// Whether `text` holds a numeric character (what `\d` matches is a subset).
fn has_numeric(text: &str) -> bool {
    if text.is_ascii() { text.bytes().any(|b| b.is_ascii_digit()) } else { text.chars().any(char::is_numeric) }
}

/// The regular expressions of a data file, case-insensitive.
pub(super) fn patterns(src: &str) -> impl Iterator<Item = String> {
    data_lines(src).map(|p| format!("(?i){p}"))
}

/// A data file's patterns, those with bounded letter runs apart.
fn compile(src: &str) -> Compiled {
    let mut plain = Vec::new();
    let mut letter_runs = Vec::new();
    for pattern in patterns(src) {
        match LetterRuns::new(&pattern) {
            Some(runs) => letter_runs.push(runs),
            None => plain.push(pattern),
        }
    }
    Compiled { set: RegexSet::new(plain).expect("built-in patterns compile"), letter_runs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_class_is_what_a_case_insensitive_letter_matches() {
        let folded = Regex::new(r"^(?i)\p{L}$").unwrap();
        let letter = Regex::new(&format!("^(?i)(?-i:{LETTER})$")).unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(letter.is_match(s), folded.is_match(s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn letter_runs_answer_as_the_written_pattern() {
        let written = r"(?i)^(\w+,?\s+)?\d{1,2}\.?\s+\p{L}{3,10}\.?\s+\d{4}$";
        let runs = LetterRuns::new(written).expect("a bounded run");
        let strict = Regex::new(written).unwrap();
        for line in [
            "18 Februar 2025",
            "Freitag, 21. Januar 2022",
            "18 Fe 2025",
            "18 Zusammenarbeiten 2025",
            "Montag 18 Zusammenarbeit 2025",
            "18 février 2025",
            "on 18 Feb 2025",
            "18 Feb. 2025 and more",
            "",
        ] {
            assert_eq!(runs.is_match(line), strict.is_match(line), "{line:?}");
        }
        assert!(LetterRuns::new(r"(?i)^\d{1,2}:\d{2}$").is_none(), "no bounded run: stays in the set");
    }
}
