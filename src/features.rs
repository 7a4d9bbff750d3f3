//! Block features: the numbers the scorer reads.
//!
//! Computed from a block's text and shape plus document-level context (the
//! language's stopwords, how often each text recurs). Shared by every front
//! end; front-end-specific evidence arrives through [`BlockShape`]. This
//! module measures; it does not weigh (see `classify::weights`).

use foldhash::HashMap;
use serde::Serialize;

use crate::block::{Block, BlockKind};
use crate::lexicon::{self, LEXICON};
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
    let text = block.text.as_str();
    let counts = CharCounts::of(text);
    let chars = counts.chars as u32;
    let mut words = 0u32;
    let mut stop = 0u32;
    let mut capitalisable = 0u32;
    let mut capitalised = 0u32;
    let mut cjk = 0u32;
    // Lowercasing never creates or removes whitespace, so the tokens of the
    // text and of its lowercase form pair up one to one.
    for (raw, raw_lower) in words::words(text).zip(words::words(lower)) {
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
        if !is_stop && word.chars().next().is_some_and(char::is_alphabetic) {
            capitalisable += 1;
            capitalised += word.chars().next().is_some_and(char::is_uppercase) as u32;
        }
    }
    let words_total = words + cjk.div_ceil(2);
    let letters = counts.letters.max(1) as f32;
    let uppers = counts.uppers as f32;
    let digits = counts.digits as f32;
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', '»', ')', '*', ' ']);
    let sentence_end = trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    let sentences = count_sentence_ends(text);
    let commas = counts.commas as u16;
    let widget = LEXICON.widget_match(lower);
    let byline = LEXICON.byline_rest(text).is_some_and(|rest| {
        let n = rest.split_whitespace().count();
        (1..=6).contains(&n) && !rest.ends_with('.')
    });
    let dateline = chars <= 80 && LEXICON.is_dateline(text);
    let legal = text.contains('©') || lower.contains("(c) 2") || lower.contains("copyright");
    let separators = if chars < 400 && block.kind != BlockKind::TableRow {
        words::words(text).filter(|w| matches!(*w, "|" | "»" | "›" | "/" | "·" | "•" | ">" | "–" | "-")).count() as u16
    } else {
        0
    };
    let repeats = ctx.text_counts.get(lower).copied().unwrap_or(1).saturating_sub(1);
    let link_chars = (block.shape.link_chars as f32).min(chars as f32);
    BlockFeatures {
        chars,
        words: words_total,
        stopword_density: ctx.stopwords.map(|_| if words > 0 { stop as f32 / words as f32 } else { 0.0 }),
        sentence_end,
        sentences,
        commas,
        title_case: if capitalisable > 0 { capitalised as f32 / capitalisable as f32 } else { 0.0 },
        upper_case: uppers / letters,
        digits: digits / chars.max(1) as f32,
        link_density: if chars > 0 { link_chars / chars as f32 } else { 0.0 },
        widget_coverage: widget.coverage,
        widget_category: widget.category,
        call_to_action: widget.opens_with_call,
        notice: widget.mentions_notice,
        byline: byline && matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }),
        dateline,
        legal,
        credit: chars <= CREDIT_MAX_CHARS && LEXICON.is_credit(text),
        has_year: has_year(text),
        repeats,
        separators,
        position: if ctx.blocks > 1 { index as f32 / (ctx.blocks - 1) as f32 } else { 0.0 },
    }
}

/// `word` without the non-alphanumeric chars at its ends.
fn trim_to_alphanumeric(word: &str) -> &str {
    let b = word.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) && b.last().is_some_and(u8::is_ascii_alphanumeric) {
        // ASCII letters or digits at both ends: nothing to trim.
        return word;
    }
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Per-character counts of a block's text, taken in one pass.
struct CharCounts {
    chars: usize,
    letters: usize,
    uppers: usize,
    digits: usize,
    /// Commas and other clause marks.
    commas: usize,
}

impl CharCounts {
    fn of(text: &str) -> Self {
        let mut n = CharCounts { chars: 0, letters: 0, uppers: 0, digits: 0, commas: 0 };
        for c in text.chars() {
            n.chars += 1;
            n.letters += c.is_alphabetic() as usize;
            n.uppers += c.is_uppercase() as usize;
            n.digits += c.is_ascii_digit() as usize;
            n.commas += matches!(c, ',' | ';' | '、' | '，') as usize;
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
    let lowered: Vec<String> = blocks.iter().map(|b| b.text.to_lowercase()).collect();
    let ctx = DocContext::new(&lowered, lang);
    blocks.iter().zip(&lowered).enumerate().map(|(i, (b, lower))| block_features(b, lower, i, &ctx)).collect()
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
    fn unknown_language_has_no_stopword_density() {
        let b = Block::new("text", BlockKind::Paragraph);
        assert_eq!(document_features(&[b], Some("xx"))[0].stopword_density, None);
    }
}
