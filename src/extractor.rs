//! The extraction pipeline: bytes → blocks → features → labels → Document.
//!
//! One way through for every input: decode, sniff, front end, language,
//! features, classifier, metadata, render. A site rule that matches the
//! input (`rules`) acts around the heuristics: on HTML it removes elements
//! and picks the content elements before the walk and overrides metadata;
//! on a dump it drops blocks before the classifier sees them. `Extractor`
//! holds options and a shared rule set, so it is `Send + Sync` and cheap to
//! share.

use std::sync::Arc;

use crate::block::{Block, Label, Reason, Region, RegionHint, Verdict};
use crate::classify::{self, block::Class, Classification};
use crate::decode::{decode, decode_html};
use crate::document::Document;
use crate::error::Error;
use crate::features::{self, BlockFeatures};
use crate::frontend;
use crate::frontend::budget::{Budget, Clock};
use crate::input::{self, InputFormat};
use crate::lang;
use crate::page_kind;
use crate::page_type::{self, PageEvidence};
use crate::lexicon;
use crate::learned::forest::Contribution;
use crate::learned::model::Models;
use crate::learned::vector::PageHints;
use crate::classify::passes::Decision;
use crate::metadata::{self, Metadata};
use crate::render;
use crate::rules::apply::{self, RuleMetadata};
use crate::frontend::attributes::KeptAttributes;
use crate::rules::{Rule, RuleSet, RuleTrace};

pub use crate::deadline::Deadline;

mod confidence;
mod dump_metadata;
mod html;
mod options;
mod scoring;

use confidence::confidence;
pub use options::{Bias, ExtractorOptions, PageInput, Scorer, BALANCED_SHIFT, DEFAULT_MAX_BYTES};
use dump_metadata::{dump_metadata, lift_dump, rank_dump_author, rank_dump_date, rank_dump_title};
use scoring::ModelReport;

/// Extracts main content. Build once, share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    options: ExtractorOptions,
    rules: Arc<RuleSet>,
    /// The attributes the pre-parse pass keeps: those pith reads and those
    /// the rules name (`frontend::attributes`).
    kept_attributes: Arc<KeptAttributes>,
    /// Models other than the built-in ones (`with_models`); the built-in
    /// ones are parsed only when the learned scorer first runs.
    models: Option<Arc<Models>>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new(ExtractorOptions::default())
    }
}

/// Everything the pipeline decided about one input, for `--explain` and tests.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub blocks: Vec<Block>,
    pub features: Vec<BlockFeatures>,
    pub verdicts: Vec<Verdict>,
    pub classes: Vec<Class>,
    pub span: Option<(usize, usize)>,
    /// The region tree the blocks came from (HTML); empty for text dumps.
    pub regions: Vec<Region>,
    /// Each region's element as a CSS path (HTML, when
    /// `ExtractorOptions::explain`; empty otherwise).
    pub paths: Vec<String>,
    /// What the page declares about itself (the model reads it).
    pub hints: PageHints,
    /// What the learned scorer's passes decided, in order.
    pub trace: Vec<Decision>,
    /// Each block's probability of being content (learned scorer only).
    pub probabilities: Vec<f32>,
    /// Each block's strongest contributions to the model's log-odds
    /// (learned scorer, when `ExtractorOptions::explain`).
    pub contributions: Vec<Vec<Contribution>>,
    pub document: Document,
    /// What decided the document's `page_type` (see [`page_type::decide`]).
    pub page_type_reason: &'static str,
    /// The site rule that applied and what it did.
    pub rule: Option<RuleTrace>,
    /// An HTML page's title candidates and the rows the title ranker read
    /// (`metadata::html::TitleCandidate`); empty for text dumps.
    pub title_candidates: Vec<metadata::html::TitleCandidate>,
    /// An HTML page's date candidates and the rows the date ranker read
    /// (`metadata::html::DateCandidate`); empty for text dumps.
    pub date_candidates: Vec<metadata::html::DateCandidate>,
    /// An HTML page's author candidates and the rows the author ranker read
    /// (`metadata::html::AuthorCandidate`); empty for text dumps.
    pub author_candidates: Vec<metadata::html::AuthorCandidate>,
}

impl Extractor {
    /// An extractor with `options` and the built-in rules (none when
    /// `options.rules` is false).
    pub fn new(options: ExtractorOptions) -> Self {
        // The built-in rules are tested to load (tests/rules.rs); were they
        // broken, extraction would go on with heuristics alone.
        let rules = if options.rules { RuleSet::builtin().unwrap_or_default() } else { Arc::default() };
        Extractor::from_parts(options, rules)
    }

    /// An extractor with `options` and `rules` (built-in and user rules,
    /// from [`RuleSet::with_dirs`]); `options.rules = false` still disables them.
    pub fn with_rules(options: ExtractorOptions, rules: RuleSet) -> Self {
        Extractor::from_parts(options, Arc::new(rules))
    }

    fn from_parts(options: ExtractorOptions, rules: Arc<RuleSet>) -> Self {
        let kept_attributes = kept_attributes(KeptAttributes::with_rules(&rules), &options);
        Extractor { options, rules, kept_attributes, models: None }
    }

    /// An extractor with other options and the same (shared, already
    /// compiled) rules.
    pub fn with_options(&self, options: ExtractorOptions) -> Self {
        Extractor {
            kept_attributes: kept_attributes((*self.kept_attributes).clone(), &options),
            options,
            rules: Arc::clone(&self.rules),
            models: self.models.clone(),
        }
    }

    /// The models the learned scorer uses.
    fn models(&self) -> &Models {
        match &self.models {
            Some(m) => m,
            None => Models::builtin(),
        }
    }

    /// This extractor with other models (`Models::from_dir`).
    pub fn with_models(mut self, models: Models) -> Self {
        self.models = Some(Arc::new(models));
        self
    }

    /// The rules this extractor applies.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The options this extractor was built with.
    pub fn options(&self) -> &ExtractorOptions {
        &self.options
    }

    /// Extract the main content of `bytes`; `url` is the page's address if known.
    pub fn extract(&self, bytes: &[u8], url: Option<&str>) -> Result<Document, Error> {
        self.analyze(bytes, url).map(|a| a.document)
    }

    /// Extract and keep every intermediate decision.
    pub fn analyze(&self, bytes: &[u8], url: Option<&str>) -> Result<Analysis, Error> {
        self.analyze_input(PageInput { url, ..PageInput::new(bytes) })
    }

    /// Extract one input with what its container knows about it.
    pub fn extract_input(&self, input: PageInput<'_>) -> Result<Document, Error> {
        self.analyze_input(input).map(|a| a.document)
    }

    /// [`Extractor::analyze`] with a charset, input format and deadline.
    pub fn analyze_input(&self, input: PageInput<'_>) -> Result<Analysis, Error> {
        let PageInput { bytes, url, mut charset, deadline, .. } = input;
        if bytes.len() > self.options.max_bytes {
            return Err(Error::TooLarge { size: bytes.len(), limit: self.options.max_bytes });
        }
        if let Some(evidence) = input::binary::detect(bytes) {
            return Err(Error::Binary { evidence });
        }
        // UTF-16 (with or without a BOM) is read as UTF-8 from here: the
        // sniffer and the `<meta>` prescan see ASCII.
        let transcoded: Vec<u8>;
        let bytes = match input::utf16(bytes) {
            Some(encoding) => {
                let text = encoding.decode_with_bom_removal(bytes).0;
                if let Some(evidence) = input::binary::not_utf16_text(&text) {
                    return Err(Error::Binary { evidence });
                }
                transcoded = text.into_owned().into_bytes();
                charset = Some("utf-8");
                &transcoded[..]
            }
            None => bytes,
        };
        let format = match input.format.unwrap_or(self.options.input_format) {
            InputFormat::Auto => input::sniff(bytes),
            f => f,
        };
        let budget = Budget::for_input(bytes.len(), deadline);
        if format == InputFormat::Html {
            return self.analyze_html(bytes, url, charset, &budget);
        }
        let decoded = decode(bytes, charset);
        let blocks = frontend::text::blocks_within(&decoded.text, &budget)?;
        Deadline::check(deadline)?;
        let mut clock = budget.clock();
        let rule = match self.url_rule(url) {
            Some(found) => Some(found),
            None => self.fingerprint_rule(&decoded.text, &mut clock)?,
        };
        if let Some((rule, how)) = rule {
            return self.analyze_ruled_dump(blocks, rule, how, url, &mut clock);
        }
        let language = detect_language(&blocks);
        clock.check()?;
        let feats = features::document_features_timed(&blocks, language.as_deref(), &mut clock)?;
        clock.check()?;
        let scored = scoring::score(self.models(), &self.options, &blocks, &feats, None, self.options.comments, PageHints::default());
        let classification = scored.classification;
        clock.check()?;
        let mut verdicts = classification.verdicts;
        let learned = !scored.report.probabilities.is_empty();
        let lifted = lift_dump(&blocks, &feats, &classification.scores, &mut verdicts, learned);
        let meta = dump_metadata(lifted, url);
        let classification = Classification { verdicts, ..classification };
        let mut analysis = self.finish(blocks, feats, classification, meta, PageEvidence::default(), language, url, InputFormat::Text);
        set_scored(&mut analysis, scored.report);
        rank_dump_title(&mut analysis, &self.options);
        rank_dump_date(&mut analysis, &self.options);
        rank_dump_author(&mut analysis, &self.options);
        Ok(analysis)
    }

    /// The rule for `url`, with how it matched.
    fn url_rule(&self, url: Option<&str>) -> Option<(&Rule, String)> {
        let url = url.filter(|_| self.options.rules)?;
        self.rules.match_url(url).map(|r| (r, format!("host of {}", url.trim())))
    }

    /// The rule whose fingerprints a dump carries, with how it matched.
    fn fingerprint_rule(&self, text: &str, clock: &mut Clock) -> Result<Option<(&Rule, String)>, Error> {
        if !self.options.rules {
            return Ok(None);
        }
        Ok(self.rules.match_dump_timed(text, clock)?.map(|r| (r, "fingerprint".to_owned())))
    }

    /// A dump under a rule: the `[text]` directives drop blocks first, the
    /// heuristics (unless the rule says `heuristics = false`) classify the
    /// rest as if the dropped blocks were not there.
    fn analyze_ruled_dump(&self, blocks: Vec<Block>, rule: &Rule, how: String, url: Option<&str>, clock: &mut Clock) -> Result<Analysis, Error> {
        let mut trace = RuleTrace::new(rule, how);
        let cut = apply::cut_dump(&blocks, &rule.text, &mut trace.notes, clock)?;
        let kept_at: Vec<usize> = (0..blocks.len()).filter(|&i| cut[i].is_none()).collect();
        let kept: Vec<Block> = kept_at.iter().map(|&i| blocks[i].clone()).collect();
        let language = detect_language(&kept);
        let kept_feats = features::document_features_timed(&kept, language.as_deref(), clock)?;
        let scored = scoring::score(self.models(), &self.options, &kept, &kept_feats, None, self.options.comments, PageHints::default());
        let learned = !scored.report.probabilities.is_empty();
        let mut classification = scored.classification;
        if !rule.heuristics {
            trust_all(&mut classification.verdicts);
        }
        let lifted = lift_dump(&kept, &kept_feats, &classification.scores, &mut classification.verdicts, learned && rule.heuristics);
        // Back to every block: the dropped ones keep their features for
        // `--explain` and carry the rule's verdict.
        let mut feats = features::document_features_timed(&blocks, language.as_deref(), clock)?;
        let dropped_verdict = Verdict { label: Label::Boilerplate, score: 0.0, reason: Reason::Rule };
        let dropped_score = classify::block::BlockScore { score: 0.0, class: Class::Bad, reason: Reason::Rule };
        let mut verdicts = vec![dropped_verdict; blocks.len()];
        let mut scores = vec![dropped_score; blocks.len()];
        for (k, &i) in kept_at.iter().enumerate() {
            feats[i] = kept_feats[k].clone();
            verdicts[i] = classification.verdicts[k];
            scores[i] = classification.scores[k];
        }
        let span = classification.span.and_then(|(s, e)| Some((*kept_at.get(s)?, kept_at.get(e.checked_sub(1)?)? + 1)));
        let meta = dump_metadata(lifted, url);
        let trusted = (!rule.heuristics).then(|| "heuristics = false".to_owned());
        trace.decided = cut.into_iter().map(|c| c.or_else(|| trusted.clone())).collect();
        let classification = Classification { verdicts, scores, span };
        let mut analysis = self.finish(blocks, feats, classification, meta, PageEvidence::default(), language, url, InputFormat::Text);
        analysis.document.rule = Some(trace.rule.clone());
        analysis.rule = Some(trace);
        Ok(analysis)
    }

    /// The shared back half: content blocks, confidence, the Document.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        blocks: Vec<Block>,
        feats: Vec<BlockFeatures>,
        classification: Classification,
        meta: Metadata,
        page: PageEvidence<'_>,
        language: Option<String>,
        url: Option<&str>,
        format: InputFormat,
    ) -> Analysis {
        let verdicts = classification.verdicts;
        let blocks: Vec<Block> = blocks.into_iter().map(render::clean::block_without_controls).collect();
        let content: Vec<Block> = blocks
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.label == Label::Content)
            .map(|(b, _)| nfc_block(b.clone()))
            .collect();
        let classes: Vec<Class> = classification.scores.iter().map(|s| s.class).collect();
        let confidence = confidence(&feats, &verdicts, &classes);
        let mut metadata = meta;
        metadata.language = language;
        metadata.url = url.map(|u| u.trim().to_owned()).or(metadata.url);
        let page_type = page_type::decide(&PageEvidence {
            url: metadata.url.as_deref(),
            has_date: metadata.date.is_some(),
            prose_share: prose_share(&content),
            ..page
        });
        metadata.page_type = Some(page_type.page_type);
        let mut document = Document {
            text: render::text::render(&content),
            metadata,
            rule: None,
            confidence,
            input_format: format,
            blocks: content,
        };
        document.clean_metadata();
        Analysis { blocks, features: feats, verdicts, classes, span: classification.span, regions: Vec::new(), paths: Vec::new(), hints: PageHints::default(), trace: Vec::new(), probabilities: Vec::new(), contributions: Vec::new(), document, page_type_reason: page_type.reason, rule: None, title_candidates: Vec::new(), date_candidates: Vec::new(), author_candidates: Vec::new() }
    }
}

/// Share of the kept text's characters in blocks of at least
/// [`page_type::PROSE_CHARS`] (what tells prose from lists and cards).
fn prose_share(content: &[Block]) -> f32 {
    let lengths = || content.iter().map(|b| b.text.chars().count());
    let total: usize = lengths().sum();
    let prose: usize = lengths().filter(|&n| n >= page_type::PROSE_CHARS).sum();
    if total == 0 { 0.0 } else { prose as f32 / total as f32 }
}

/// The block with its text in Unicode Normalization Form C: one spelling
/// for every character, whatever the page used (a precomposed `é` or `e` and
/// a combining accent; Bengali `য়` as the two code points NFC keeps).
fn nfc_block(mut block: Block) -> Block {
    block.text = nfc(block.text);
    block.markdown = block.markdown.map(nfc);
    block
}

/// `text` in NFC; unchanged (not copied) when it already is.
fn nfc(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Below U+0300 no char composes with what precedes it: such text is NFC.
    if text.bytes().all(|b| b < 0xCC) {
        return text;
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// A rule that does not trust the heuristics: every block is content.
fn trust_all(verdicts: &mut [Verdict]) {
    for v in verdicts {
        *v = Verdict { label: Label::Content, score: v.score, reason: Reason::Rule };
    }
}

/// The language of blocks that are mostly not link text.
fn detect_language(blocks: &[Block]) -> Option<String> {
    lang::detect(blocks.iter().filter(|b| b.shape.link_chars * 2 < b.text.len() as u32).map(|b| b.text.as_str()))
}

/// The attributes kept for parsing under `options`: the rules' (`base`),
/// with links' targets only when Markdown links are written.
fn kept_attributes(base: KeptAttributes, options: &ExtractorOptions) -> Arc<KeptAttributes> {
    Arc::new(base.with_link_targets(options.markdown && options.links))
}

/// What the learned scorer said, onto the analysis; the confidence is then
/// read from its probabilities (and the heuristics' agreement with them).
fn set_scored(a: &mut Analysis, report: ModelReport) {
    let ModelReport { trace, probabilities, contributions, agreement } = report;
    if probabilities.len() == a.blocks.len() {
        a.document.confidence = confidence::confidence_from_probabilities(&a.features, &a.verdicts, &probabilities, agreement);
    }
    a.trace = trace;
    a.probabilities = probabilities;
    a.contributions = contributions;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn extractor_is_shareable() {
        assert_send_sync::<Extractor>();
    }


    #[test]
    fn text_below_u0300_is_nfc() {
        // What `nfc`'s shortcut relies on: no two chars below U+0300 compose.
        use unicode_normalization::UnicodeNormalization;
        let chars: Vec<char> = (0..0x300u32).filter_map(char::from_u32).collect();
        for &a in &chars {
            for &b in &chars {
                let s: String = [a, b].into_iter().collect();
                assert!(s.nfc().eq(s.chars()), "U+{:04X} U+{:04X}", a as u32, b as u32);
            }
        }
    }

    #[test]
    fn binary_is_refused() {
        let e = Extractor::default();
        assert!(matches!(e.extract(&[0u8; 100], None), Err(Error::Binary { .. })));
    }

    #[test]
    fn too_large_is_refused() {
        let e = Extractor::new(ExtractorOptions { max_bytes: 10, ..Default::default() });
        assert!(matches!(e.extract(&[b'a'; 11], None), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn empty_input_is_empty_document() {
        let d = Extractor::default().extract(b"", None).unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.confidence, 0.0);
    }
}
