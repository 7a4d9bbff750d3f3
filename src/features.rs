//! Block features: the numbers the scorer reads.
//!
//! Computed from a block's text and shape plus document-level context (the
//! language's stopwords, how often each text recurs). Shared by every front
//! end; front-end-specific evidence arrives through [`BlockShape`]. This
//! module measures; it does not weigh (see `classify::weights`).

use std::sync::LazyLock;

use foldhash::HashMap;
use serde::Serialize;

use crate::block::{Block, BlockKind};
use crate::bytescan;
use crate::chars;
use crate::error::Error;
use crate::frontend::budget::Clock;
use crate::lexicon::{self, WidgetMatch, LEXICON};
use crate::words;

/// Features of one block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockFeatures {
    /// Characters of text.
    pub chars: u32,
    /// Words (whitespace tokens; CJK characters count as half a word each).
    pub words: u32,
    /// Share of words that are stopwords of the document language; `None`
    /// when the language has no stopword list.
    pub stopword_density: Option<f32>,
    /// Ends with sentence punctuation (`.`, `!`, `?`, `…`, `。`, closing quote after one).
    pub sentence_end: bool,
    /// Sentence-ending punctuation marks followed by a space or the end.
    pub sentences: u16,
    /// Commas (and other clause marks).
    pub commas: u16,
    /// Share of capitalisable words (not stopwords) that start upper-case.
    pub title_case: f32,
    /// Share of letters that are upper-case.
    pub upper_case: f32,
    /// Share of characters that are digits.
    pub digits: f32,
    /// Share of characters that were link text.
    pub link_density: f32,
    /// Share of letters covered by widget phrases.
    pub widget_coverage: f32,
    /// Category index (see `lexicon::Lexicon::categories`) of the main widget phrase.
    pub widget_category: Option<usize>,
    /// Opens with a call to action ("Follow us on ...", "Subscribe to ...").
    pub call_to_action: bool,
    /// Mentions a notice phrase (cookie banners).
    pub notice: bool,
    /// Opens with a byline word and a short name ("By AFP").
    pub byline: bool,
    /// Only a date, time, relative time or reading time.
    pub dateline: bool,
    /// An image caption or credit ("Foto: dpa", "Abbildung 4: ...").
    pub credit: bool,
    /// A copyright or legal notice (©, "All rights reserved").
    pub legal: bool,
    /// Contains a four-digit year (19xx, 20xx).
    pub has_year: bool,
    /// Other blocks with the same text (case-insensitive).
    pub repeats: u16,
    /// Separator marks (`|`, `»`, `›`, `/`, `·`, `•`) between short items.
    pub separators: u16,
    /// Position in the document, 0 at the first block and 1 at the last.
    pub position: f32,
}

/// Searchers for the legal notices' phrases, built once.
static C_YEAR: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("(c) 2"));
static COPYRIGHT: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("copyright"));

/// Longest block (chars) tested for caption and credit patterns.
const CREDIT_MAX_CHARS: u32 = 250;

/// Document-level context for feature computation.
pub struct DocContext<'a> {
    pub stopwords: Option<&'static lexicon::StopwordSet>,
    /// Number of times each lowercased block text occurs.
    text_counts: HashMap<&'a str, u16>,
    blocks: usize,
}

impl<'a> DocContext<'a> {
    /// Context for the blocks whose lowercased texts are `lowered` (one per
    /// block, in order), in language `lang` (ISO 639-1).
    pub fn new(lowered: &'a [String], lang: Option<&str>) -> Self {
        let mut text_counts: HashMap<&'a str, u16> = HashMap::default();
        for lower in lowered {
            let c = text_counts.entry(lower.as_str()).or_default();
            *c = c.saturating_add(1);
        }
        DocContext { stopwords: lang.and_then(lexicon::stopwords), text_counts, blocks: lowered.len() }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Compute the features of the block at `index`; `lower` is its text lowercased.
pub fn block_features(block: &Block, lower: &str, index: usize, ctx: &DocContext) -> BlockFeatures {
    text_features(&block.text, lower, ctx).of_block(block, index, ctx)
}

/// The features a block's text alone decides, in its document: the same for
/// every block with that text.
#[derive(Debug, Clone)]
struct TextFeatures {
    chars: u32,
    words: u32,
    stopword_density: Option<f32>,
    sentence_end: bool,
    sentences: u16,
    commas: u16,
    title_case: f32,
    upper_case: f32,
    digits: f32,
    widget: WidgetMatch,
    /// Opens with a byline word and a short name (a byline if the block is
    /// a paragraph or list item).
    byline_text: bool,
    dateline: bool,
    legal: bool,
    credit: bool,
    has_year: bool,
    repeats: u16,
    /// Words that are separator marks ([`is_mark`]), counted in texts
    /// shorter than [`SEPARATOR_MAX_CHARS`].
    marks: u16,
}

/// Blocks this long or longer have no separators counted.
const SEPARATOR_MAX_CHARS: u32 = 400;

/// A word that separates short items (`Home | News`, `A » B`).
fn is_mark(word: &str) -> bool {
    matches!(word, "|" | "»" | "›" | "/" | "·" | "•" | ">" | "–" | "-")
}

fn text_features(text: &str, lower: &str, ctx: &DocContext) -> TextFeatures {
    let counts = CharCounts::of(text);
    let chars = counts.chars as u32;
    let mut words = 0u32;
    let mut stop = 0u32;
    let mut capitalisable = 0u32;
    let mut capitalised = 0u32;
    let mut cjk = 0u32;
    let mut marks = 0u16;
    if counts.ascii {
        (words, stop, capitalisable, capitalised, marks) = ascii_word_counts(text, lower, ctx.stopwords);
    } else {
        // Lowercasing never creates or removes whitespace, so the tokens of
        // the text and of its lowercase form pair up one to one.
        for (raw, raw_lower) in words::words(text).zip(words::words(lower)) {
            marks = marks.saturating_add(u16::from(is_mark(raw)));
            let word = trim_to_alphanumeric(raw);
            if word.is_empty() {
                continue;
            }
            // A CJK char's UTF-8 lead byte is at least 0xE3 (U+3000 and up).
            let word_cjk =
                if word.bytes().any(|b| b >= 0xE3) { word.chars().filter(|&c| is_cjk(c)).count() as u32 } else { 0 };
            cjk += word_cjk;
            if word_cjk > 0 {
                continue;
            }
            words += 1;
            let lw = trim_to_alphanumeric(raw_lower);
            let is_stop = ctx.stopwords.is_some_and(|s| s.contains(lw));
            stop += is_stop as u32;
            if !is_stop && word.chars().next().is_some_and(chars::is_alphabetic) {
                capitalisable += 1;
                capitalised += word.chars().next().is_some_and(chars::is_uppercase) as u32;
            }
        }
    }
    let words_total = words + cjk.div_ceil(2);
    let letters = counts.letters.max(1) as f32;
    let uppers = counts.uppers as f32;
    let digits = counts.digits as f32;
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', '»', ')', '*', ' ']);
    let byline_text = LEXICON.byline_rest(text).is_some_and(|rest| {
        let n = rest.split_whitespace().count();
        (1..=6).contains(&n) && !rest.ends_with('.')
    });
    TextFeatures {
        chars,
        words: words_total,
        stopword_density: ctx.stopwords.map(|_| if words > 0 { stop as f32 / words as f32 } else { 0.0 }),
        sentence_end: trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']),
        sentences: count_sentence_ends(text),
        commas: counts.commas as u16,
        title_case: if capitalisable > 0 { capitalised as f32 / capitalisable as f32 } else { 0.0 },
        upper_case: uppers / letters,
        digits: digits / chars.max(1) as f32,
        widget: LEXICON.widget_match(lower),
        byline_text,
        // Every dateline pattern holds a digit (`\\d`, a Unicode decimal
        // digit, which `is_numeric` includes): a text without one is none.
        dateline: chars <= 80
            && (counts.digits > 0 || !counts.ascii && text.chars().any(char::is_numeric))
            && LEXICON.is_dateline(text),
        legal: bytescan::contains_char(text, '©') || C_YEAR.find(lower.as_bytes()).is_some() || COPYRIGHT.find(lower.as_bytes()).is_some(),
        credit: chars <= CREDIT_MAX_CHARS && LEXICON.is_credit_lower(text, lower),
        has_year: has_year(text),
        repeats: ctx.text_counts.get(lower).copied().unwrap_or(1).saturating_sub(1),
        marks: if chars < SEPARATOR_MAX_CHARS { marks } else { 0 },
    }
}

impl TextFeatures {
    /// The features of `block` (whose text these are) at `index`.
    fn of_block(&self, block: &Block, index: usize, ctx: &DocContext) -> BlockFeatures {
        let chars = self.chars;
        let separators = if chars < SEPARATOR_MAX_CHARS && block.kind != BlockKind::TableRow { self.marks } else { 0 };
        let link_chars = (block.shape.link_chars as f32).min(chars as f32);
        BlockFeatures {
            chars,
            words: self.words,
            stopword_density: self.stopword_density,
            sentence_end: self.sentence_end,
            sentences: self.sentences,
            commas: self.commas,
            title_case: self.title_case,
            upper_case: self.upper_case,
            digits: self.digits,
            link_density: if chars > 0 { link_chars / chars as f32 } else { 0.0 },
            widget_coverage: self.widget.coverage,
            widget_category: self.widget.category,
            call_to_action: self.widget.opens_with_call,
            notice: self.widget.mentions_notice,
            byline: self.byline_text && matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }),
            dateline: self.dateline,
            legal: self.legal,
            credit: self.credit,
            has_year: self.has_year,
            repeats: self.repeats,
            separators,
            position: if ctx.blocks > 1 { index as f32 / (ctx.blocks - 1) as f32 } else { 0.0 },
        }
    }
}

/// The word loop of [`text_features`] on an ASCII text, in one pass over
/// its bytes: (words, stopwords, capitalisable words, capitalised words).
/// A word is a run of non-whitespace trimmed to its first and last letter or
/// digit; `lower` (the text lowercased) has its lowercase at the same offsets.
fn ascii_word_counts(text: &str, lower: &str, stopwords: Option<&lexicon::StopwordSet>) -> (u32, u32, u32, u32, u16) {
    let (mut words, mut stop, mut capitalisable, mut capitalised, mut marks) = (0u32, 0u32, 0u32, 0u32, 0u16);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if words::ascii_whitespace(b[i]) {
            i += 1;
            continue;
        }
        // One token: its first and last alphanumeric bytes.
        let (mut first, mut last) = (usize::MAX, 0);
        let start = i;
        while i < b.len() && !words::ascii_whitespace(b[i]) {
            if b[i].is_ascii_alphanumeric() {
                first = first.min(i);
                last = i;
            }
            i += 1;
        }
        if i - start == 1 && matches!(b[start], b'|' | b'/' | b'>' | b'-') {
            marks = marks.saturating_add(1);
        }
        if first == usize::MAX {
            continue;
        }
        words += 1;
        let is_stop = stopwords.is_some_and(|s| lower.get(first..=last).is_some_and(|w| s.contains(w)));
        stop += is_stop as u32;
        if !is_stop && b[first].is_ascii_alphabetic() {
            capitalisable += 1;
            capitalised += b[first].is_ascii_uppercase() as u32;
        }
    }
    (words, stop, capitalisable, capitalised, marks)
}

/// `word` without the non-alphanumeric chars at its ends.
#[inline]
fn trim_to_alphanumeric(word: &str) -> &str {
    let b = word.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        // ASCII letters or digits at both ends: nothing to trim.
        return word;
    }
    word.trim_matches(|c: char| !chars::is_alphanumeric(c))
}

/// Per-character counts of a block's text, taken in one pass.
struct CharCounts {
    /// The text is ASCII.
    ascii: bool,
    chars: usize,
    letters: usize,
    uppers: usize,
    digits: usize,
    /// Commas and other clause marks.
    commas: usize,
}

impl CharCounts {
    fn of(text: &str) -> Self {
        let mut n = CharCounts { ascii: text.is_ascii(), chars: 0, letters: 0, uppers: 0, digits: 0, commas: 0 };
        if n.ascii {
            // The char tests below, on ASCII: one byte a char.
            for &b in text.as_bytes() {
                n.letters += b.is_ascii_alphabetic() as usize;
                n.uppers += b.is_ascii_uppercase() as usize;
                n.digits += b.is_ascii_digit() as usize;
                n.commas += matches!(b, b',' | b';') as usize;
            }
            n.chars = text.len();
            return n;
        }
        for c in text.chars() {
            n.chars += 1;
            if c.is_ascii() {
                let b = c as u8;
                n.letters += b.is_ascii_alphabetic() as usize;
                n.uppers += b.is_ascii_uppercase() as usize;
                n.digits += b.is_ascii_digit() as usize;
                n.commas += matches!(b, b',' | b';') as usize;
                continue;
            }
            n.letters += chars::is_alphabetic(c) as usize;
            n.uppers += chars::is_uppercase(c) as usize;
            n.commas += matches!(c, '、' | '，') as usize;
        }
        n
    }
}

/// Whether `text` holds a four-digit year 1900-2099 standing alone.
fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Sentence-ending marks followed by whitespace or the end of the text.
fn count_sentence_ends(text: &str) -> u16 {
    let mut n = 0u16;
    if text.is_ascii() {
        // The loop below, on ASCII: only `.`, `!`, `?` end sentences there.
        let b = text.as_bytes();
        for (i, c) in b.iter().enumerate() {
            if matches!(c, b'.' | b'!' | b'?')
                && b.get(i + 1).is_none_or(|&next| words::ascii_whitespace(next) || matches!(next, b'"' | b')'))
            {
                n = n.saturating_add(1);
            }
        }
        return n;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            let next = chars.peek().copied();
            if next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | '»' | ')'))
                || matches!(c, '。' | '！' | '？')
            {
                n = n.saturating_add(1);
            }
        }
    }
    n
}

/// Features of every block of a document.
pub fn document_features(blocks: &[Block], lang: Option<&str>) -> Vec<BlockFeatures> {
    match features_ticking(blocks, lang, || Ok::<(), std::convert::Infallible>(())) {
        Ok(feats) => feats,
        Err(never) => match never {},
    }
}

/// [`document_features`] under a deadline: `Err(Timeout)` when `clock`
/// runs out (it is looked at every few hundred blocks), so that a page of
/// half a million blocks does not overrun `--timeout` here.
pub fn document_features_timed(blocks: &[Block], lang: Option<&str>, clock: &mut Clock) -> Result<Vec<BlockFeatures>, Error> {
    features_ticking(blocks, lang, || clock.tick())
}

/// The features of every block, calling `tick` once per block (an error
/// from it ends the work).
fn features_ticking<E>(blocks: &[Block], lang: Option<&str>, mut tick: impl FnMut() -> Result<(), E>) -> Result<Vec<BlockFeatures>, E> {
    let mut lowered: Vec<String> = Vec::with_capacity(blocks.len());
    for b in blocks {
        tick()?;
        // `to_lowercase`, ASCII runs a byte at a time.
        lowered.push(words::lowercase(&b.text));
    }
    let ctx = DocContext::new(&lowered, lang);
    // Pages repeat block texts (menu entries, "Reply", dates under comments):
    // what the text decides is computed once per distinct text.
    let mut seen: HashMap<&str, TextFeatures> = HashMap::default();
    let mut out = Vec::with_capacity(blocks.len());
    for (i, (block, lower)) in blocks.iter().zip(&lowered).enumerate() {
        tick()?;
        let text = seen.entry(block.text.as_str()).or_insert_with(|| text_features(&block.text, lower, &ctx));
        out.push(text.of_block(block, i, &ctx));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> BlockFeatures {
        let b = Block::new(text, BlockKind::Paragraph);
        document_features(std::slice::from_ref(&b), Some("en")).remove(0)
    }

    #[test]
    fn prose_has_stopwords_and_sentences() {
        let f = one("Russia has firmly rejected any deployment of NATO troops in Ukraine. It said so on Tuesday.");
        assert!(f.stopword_density.unwrap() > 0.3, "{f:?}");
        assert_eq!(f.sentences, 2);
        assert!(f.sentence_end);
        assert!(f.words >= 15);
    }

    #[test]
    fn headline_is_title_case_without_sentence_end() {
        let f = one("Zelensky Slams US-Russia Talks, Urges Fair Negotiations");
        assert!(f.title_case > 0.8, "{f:?}");
        assert!(!f.sentence_end);
    }

    #[test]
    fn widgets_bylines_datelines_legal() {
        assert!(one("Share This Post").widget_coverage > 0.99);
        assert!(one("By AFP").byline);
        assert!(!one("By the end of the war, the city had been destroyed.").byline);
        assert!(one("2h ago").dateline);
        assert!(one("© 2025 Kyiv Post. All rights reserved.").legal);
        assert!(one("JOIN US ON TELEGRAM").upper_case > 0.9);
    }

    #[test]
    fn repeats_and_position_are_document_level() {
        let blocks = vec![
            Block::new("Menu", BlockKind::Paragraph),
            Block::new("Body text here.", BlockKind::Paragraph),
            Block::new("menu", BlockKind::Paragraph),
        ];
        let f = document_features(&blocks, Some("en"));
        assert_eq!(f[0].repeats, 1);
        assert_eq!(f[1].repeats, 0);
        assert_eq!(f[2].position, 1.0);
    }

    #[test]
    fn word_counts_are_the_same_on_both_paths() {
        // One text through the ASCII path, the same with a curly quote through the other.
        let a = one("The Minister said: \"we will share the plan\" - Home | News / More");
        let b = one("The Minister said: “we will share the plan” - Home | News / More");
        assert_eq!((a.words, a.stopword_density, a.title_case, a.separators), (b.words, b.stopword_density, b.title_case, b.separators));
    }

    #[test]
    fn unknown_language_has_no_stopword_density() {
        let b = Block::new("text", BlockKind::Paragraph);
        assert_eq!(document_features(&[b], Some("xx"))[0].stopword_density, None);
    }
}
