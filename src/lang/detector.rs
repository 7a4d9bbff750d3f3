//! `whatlang::detect`, the same answer found faster, for Latin and Cyrillic
//! text (all other scripts go to `whatlang` itself).
//!
//! whatlang 0.18's combined detector scores each language of the text's
//! script by its alphabet (which letters occur) and by its trigram profile
//! (the distance between the ranks of the text's 600 most frequent trigrams
//! and of the language's 300). It spends most of its time hashing
//! `(char, char, char)` tuples: the text's trigrams into one map, then every
//! trigram of every profile (37 × 300 for Latin) looked up in it, and in a
//! general sort of the counted trigrams. Here the profiles are inverted once
//! (trigram → the languages that rank it), so a text looks up only its own
//! trigrams; trigrams are packed into `u64` keys that sort as whatlang's do;
//! letters of the ASCII range are counted in an array. Every sum, sort and
//! float operation that decides the answer is the one whatlang does, in the
//! same order, so the language and confidence are whatlang's to the bit
//! (`tests/lang_detector.rs` compares them).
//!
//! The alphabets and trigram profiles are whatlang's (MIT), copied into
//! `data/lang/alphabets.txt` and `data/lang/trigrams.txt`.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::{Info, Lang, Script};

/// Distance of a profile trigram missing from the text, and the most a
/// trigram's rank may differ (whatlang's `MAX_TRIGRAM_DISTANCE`).
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// Most distance a profile can have (whatlang's `MAX_TOTAL_DISTANCE`).
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// How many of the text's most frequent trigrams are ranked (whatlang's `TEXT_TRIGRAMS_SIZE`).
const TEXT_TRIGRAMS: usize = 600;
/// Letters below this code point are counted in an array, the rest looked up.
const DIRECT_CHARS: usize = 0x250;

const ALPHABETS: &str = include_str!("../../data/lang/alphabets.txt");
const TRIGRAMS: &str = include_str!("../../data/lang/trigrams.txt");

/// What whatlang knows about the languages of one script.
struct ScriptTables {
    /// The script's languages in whatlang's order (`Script::langs`).
    langs: Vec<Lang>,
    /// Alphabet letters, sorted, with the languages that have each (a
    /// language once per time its alphabet lists the letter).
    letters: Vec<char>,
    letter_langs: Vec<Vec<Lang>>,
    /// Index into `letters` of each char below [`DIRECT_CHARS`].
    direct: Vec<Option<u16>>,
    /// Languages with a trigram profile, in whatlang's profile order.
    profiled: Vec<Lang>,
    /// Each profile trigram: the languages (index into `profiled`) that
    /// rank it, with the rank.
    ranks: HashMap<u64, Vec<(u16, u16)>, foldhash::fast::RandomState>,
}

static LATIN: LazyLock<ScriptTables> = LazyLock::new(|| ScriptTables::build(Script::Latin, "latin"));
static CYRILLIC: LazyLock<ScriptTables> = LazyLock::new(|| ScriptTables::build(Script::Cyrillic, "cyrillic"));

/// The lines of `section` (`[name]`) of a data file: (code, rest).
fn section<'a>(src: &'a str, name: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let header = format!("[{name}]");
    src.lines()
        .filter(|l| !l.starts_with('#'))
        .skip_while(move |l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(' '))
}

/// The whatlang language of a code from the data files.
fn lang(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_else(|| panic!("whatlang knows language {code}"))
}

impl ScriptTables {
    fn build(script: Script, name: &str) -> Self {
        let mut by_letter: HashMap<char, Vec<Lang>> = HashMap::new();
        for (code, alphabet) in section(ALPHABETS, name) {
            for c in alphabet.chars() {
                by_letter.entry(c).or_default().push(lang(code));
            }
        }
        let mut pairs: Vec<(char, Vec<Lang>)> = by_letter.into_iter().collect();
        pairs.sort_unstable_by_key(|(c, _)| *c);
        let (letters, letter_langs): (Vec<char>, Vec<Vec<Lang>>) = pairs.into_iter().unzip();
        let mut direct = vec![None; DIRECT_CHARS];
        for (i, &c) in letters.iter().enumerate() {
            if let Some(slot) = direct.get_mut(c as usize) {
                *slot = Some(i as u16);
            }
        }
        let mut profiled = Vec::new();
        let mut ranks: HashMap<u64, Vec<(u16, u16)>, _> = HashMap::default();
        for (code, profile) in section(TRIGRAMS, name) {
            let chars: Vec<char> = profile.chars().collect();
            for (rank, t) in chars.chunks_exact(3).enumerate() {
                ranks.entry(key(t[0], t[1], t[2])).or_default().push((profiled.len() as u16, rank as u16));
            }
            profiled.push(lang(code));
        }
        ScriptTables { langs: script.langs().to_vec(), letters, letter_langs, direct, profiled, ranks }
    }
}

/// A trigram as a number that orders as whatlang's `Trigram(char, char, char)` does.
fn key(a: char, b: char, c: char) -> u64 {
    ((a as u64) << 42) | ((b as u64) << 21) | c as u64
}

/// whatlang's stop chars: ASCII punctuation, digits, controls and space.
fn is_stop_char(c: char) -> bool {
    matches!(c, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// What `whatlang::detect(text)` returns.
pub fn detect(text: &str) -> Option<Info> {
    let script = main_script(text)?;
    let tables: &ScriptTables = match script {
        Script::Latin => &LATIN,
        Script::Cyrillic => &CYRILLIC,
        _ => return whatlang::detect(text),
    };
    let lower = crate::words::lowercase(text);
    let counts = count(&lower, tables);
    let (alphabet, letters) = alphabet_scores(counts.char_scores, counts.letters, tables);
    let (trigram, trigrams) = trigram_scores(&counts.ranked, tables);
    // whatlang's `combined::raw_detect` and `combined::detect`.
    let mut all: Vec<Lang> = alphabet.iter().map(|x| x.0).collect();
    for (l, _) in &trigram {
        if !all.contains(l) {
            all.push(*l);
        }
    }
    let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
    let trigram_weight = 1.0 - alphabet_weight;
    let mut scores: Vec<(Lang, f64)> = all
        .into_iter()
        .map(|l| {
            let a = alphabet.iter().find(|(x, _)| *x == l).map_or(0.0, |x| x.1);
            let t = trigram.iter().find(|(x, _)| *x == l).map_or(0.0, |x| x.1);
            (l, a * alphabet_weight + t * trigram_weight)
        })
        .collect();
    scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));
    let &(first, score1) = scores.first()?;
    let confidence = match scores.get(1) {
        Some(&(_, score2)) => confidence(score1, score2, trigrams),
        None => 1.0,
    };
    Some(Info::new(script, first, confidence))
}

/// whatlang's `detect_script(text)`: the script with the most letters.
///
/// whatlang counts each char not a stop char for the first script that
/// claims it and sorts the counts. A script with more than half of those
/// chars has the most whatever the others have: Latin and Cyrillic are
/// counted here in one pass (ASCII a byte at a time); any other case, or a
/// char both claim (U+1D2B, U+1D78), is left to whatlang.
fn main_script(text: &str) -> Option<Script> {
    let (mut counted, mut latin, mut cyrillic) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let c = b as char;
            counted += usize::from(!is_stop_char(c));
            latin += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        i += c.len_utf8();
        if matches!(c, '\u{1D2B}' | '\u{1D78}') {
            return whatlang::detect_script(text);
        }
        counted += 1;
        latin += usize::from(is_latin(c));
        cyrillic += usize::from(is_cyrillic(c));
    }
    if counted == 0 {
        return None;
    }
    if latin * 2 > counted {
        Some(Script::Latin)
    } else if cyrillic * 2 > counted {
        Some(Script::Cyrillic)
    } else {
        whatlang::detect_script(text)
    }
}

/// whatlang's `is_latin` on a char outside ASCII.
fn is_latin(c: char) -> bool {
    matches!(c,
        '\u{0080}'..='\u{024F}' | '\u{0250}'..='\u{02AF}' | '\u{1D00}'..='\u{1DBF}' | '\u{1E00}'..='\u{1EFF}'
        | '\u{2100}'..='\u{214F}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}' | '\u{AB30}'..='\u{AB6F}')
}

/// whatlang's `is_cyrillic`.
fn is_cyrillic(c: char) -> bool {
    matches!(c,
        '\u{0400}'..='\u{0484}' | '\u{0487}'..='\u{052F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69D}'
        | '\u{1D2B}' | '\u{1D78}' | '\u{A69F}')
}

/// whatlang's `calculate_confidence`.
fn confidence(highest: f64, second: f64, count: usize) -> f64 {
    if highest == 0.0 {
        return 0.0;
    }
    if second == 0.0 {
        return highest;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest - second) / second;
    if rate > confident_rate { 1.0 } else { rate / confident_rate }
}

/// whatlang's `generic_alphabet_calculate_scores`: each language's share of
/// letters in its alphabet, best first, and the number of letters.
fn alphabet_scores(char_scores: Vec<usize>, max_raw_score: usize, tables: &ScriptTables) -> (Vec<(Lang, f64)>, usize) {
    let mut lang_scores = vec![0usize; Lang::all().len()];
    let mut common_score = 0usize;
    for (position, char_score) in char_scores.into_iter().enumerate() {
        if char_score > 0 {
            let languages = &tables.letter_langs[position];
            if languages.len() == tables.langs.len() {
                common_score += char_score;
            } else {
                for &l in languages {
                    lang_scores[l as usize] += char_score;
                }
            }
        }
    }
    let mut raw: Vec<(Lang, usize)> =
        tables.langs.iter().map(|&l| (l, (lang_scores[l as usize] + common_score).saturating_sub(max_raw_score))).collect();
    raw.sort_unstable_by_key(|(_, score)| Reverse(*score));
    let scores = raw.iter().map(|&(l, s)| (l, s as f64 / max_raw_score as f64)).collect();
    (scores, max_raw_score)
}

/// whatlang's trigram `raw_detect`: each profiled language's score, best
/// first, and the number of the text's ranked trigrams.
fn trigram_scores(ranked: &[u64], tables: &ScriptTables) -> (Vec<(Lang, f64)>, usize) {
    let count = ranked.len();
    // Distance of a profile = the sum over its trigrams of the rank
    // difference, MAX_TRIGRAM_DISTANCE for those the text lacks: start from
    // all missing and take back what each trigram the text has saves.
    let mut distances: Vec<i64> = vec![i64::from(MAX_TOTAL_DISTANCE); tables.profiled.len()];
    for (position, k) in ranked.iter().enumerate() {
        for &(l, rank) in tables.ranks.get(k).map_or(&[][..], Vec::as_slice) {
            let diff = (position as i64 - i64::from(rank)).abs();
            distances[usize::from(l)] -= i64::from(MAX_TRIGRAM_DISTANCE) - diff;
        }
    }
    let mut lang_distances: Vec<(Lang, u32)> = tables
        .profiled
        .iter()
        .zip(distances)
        .map(|(&l, d)| {
            let mut total = d as u32;
            if MAX_TRIGRAM_DISTANCE > count as u32 {
                total -= (MAX_TRIGRAM_DISTANCE - count as u32) * MAX_TRIGRAM_DISTANCE;
            }
            (l, total.clamp(0, MAX_TOTAL_DISTANCE))
        })
        .collect();
    lang_distances.sort_unstable_by_key(|(_, d)| *d);
    let max_dist = count as u32 * MAX_TRIGRAM_DISTANCE;
    let scores = lang_distances.iter().map(|&(l, d)| (l, (max_dist - d) as f64 / max_dist as f64)).collect();
    (scores, count)
}

/// What one pass over the lowered text counts.
struct TextCounts {
    /// Twice the occurrences of each alphabet letter (whatlang's `char_scores`).
    char_scores: Vec<usize>,
    /// Chars that are not stop chars.
    letters: usize,
    /// The most frequent trigrams (at most [`TEXT_TRIGRAMS`]), most frequent
    /// first, ties by trigram, highest first: whatlang's ranks.
    ranked: Vec<u64>,
}

thread_local! {
    /// The trigram table, kept between texts (only its used slots are cleared).
    static TABLE: RefCell<TrigramCounts> = RefCell::new(TrigramCounts::default());
}

/// Letters and trigrams of `lower`, in one pass (ASCII a byte at a time).
fn count(lower: &str, tables: &ScriptTables) -> TextCounts {
    let mut char_scores = vec![0usize; tables.letters.len()];
    let mut letters = 0usize;
    let ranked = TABLE.with_borrow_mut(|table| {
        table.prepare(lower.len());
        // whatlang's `count`: the chars with stop chars as spaces, then a
        // space; a trigram (c1, c2, c3) counts unless c2 is a space next to one.
        let (mut c1, mut c2, mut started) = (' ', ' ', false);
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = if bytes[i] < 0x80 {
                i += 1;
                bytes[i - 1] as char
            } else {
                let Some(c) = lower.get(i..).and_then(|r| r.chars().next()) else { break };
                i += c.len_utf8();
                c
            };
            let c3 = if is_stop_char(c) {
                ' '
            } else {
                letters += 1;
                let position = match tables.direct.get(c as usize) {
                    Some(direct) => direct.map(usize::from),
                    None => tables.letters.binary_search(&c).ok(),
                };
                if let Some(p) = position {
                    char_scores[p] += 2;
                }
                c
            };
            if !started {
                (c2, started) = (c3, true);
                continue;
            }
            if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
                table.add(key(c1, c2, c3));
            }
            (c1, c2) = (c2, c3);
        }
        if started && c2 != ' ' {
            table.add(key(c1, c2, ' '));
        }
        // (count, trigram) in one number, to sort on both at once.
        let mut by_count = table.drain();
        if by_count.len() > TEXT_TRIGRAMS {
            by_count.select_nth_unstable_by(TEXT_TRIGRAMS - 1, |a, b| b.cmp(a));
            by_count.truncate(TEXT_TRIGRAMS);
        }
        by_count.sort_unstable_by(|a, b| b.cmp(a));
        by_count.into_iter().map(|x| x as u64).collect()
    });
    TextCounts { char_scores, letters, ranked }
}

/// No trigram: `key('\0', '\0', '\0')`, which never occurs (NUL is a stop char).
const EMPTY: u64 = 0;
/// A table grown past this many slots for a long text is let go after it.
const TABLE_KEEP_SLOTS: usize = 1 << 16;

/// Trigram counts in an open-addressed table (linear probing) at most half
/// full, with the slots in use listed so that clearing costs only them.
#[derive(Default)]
struct TrigramCounts {
    keys: Vec<u64>,
    counts: Vec<u32>,
    used: Vec<u32>,
    mask: usize,
}

impl TrigramCounts {
    /// Room for the trigrams of a text of `bytes` bytes (at most one a char).
    fn prepare(&mut self, bytes: usize) {
        let size = (bytes * 2).next_power_of_two().max(64);
        if self.keys.len() < size {
            *self = TrigramCounts { keys: vec![EMPTY; size], counts: vec![0; size], used: Vec::new(), mask: size - 1 };
        }
    }

    fn add(&mut self, key: u64) {
        // Fibonacci hashing: the high bits of the product.
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & self.mask;
        loop {
            if self.keys[i] == key {
                self.counts[i] += 1;
                return;
            }
            if self.keys[i] == EMPTY {
                self.keys[i] = key;
                self.counts[i] = 1;
                self.used.push(i as u32);
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Every (count << 64 | trigram), the table left empty.
    fn drain(&mut self) -> Vec<u128> {
        let mut out = Vec::with_capacity(self.used.len());
        for &i in &self.used {
            let i = i as usize;
            out.push((u128::from(self.counts[i]) << 64) | u128::from(self.keys[i]));
            self.keys[i] = EMPTY;
            self.counts[i] = 0;
        }
        self.used.clear();
        if self.keys.len() > TABLE_KEEP_SLOTS {
            *self = TrigramCounts::default();
        }
        out
    }
}
