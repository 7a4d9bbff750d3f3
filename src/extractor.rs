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
use crate::classify::tree::TreeOptions;
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
use crate::lexicon;
use crate::metadata::{self, dump, Metadata};
use crate::render;
use crate::rules::apply::{self, RuleMetadata};
use crate::rules::{Rule, RuleSet, RuleTrace};

pub use crate::deadline::Deadline;

mod confidence;

use confidence::confidence;

/// Default input size limit: larger inputs are refused, not truncated.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// How an [`Extractor`] behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractorOptions {
    /// What the inputs are; `Auto` sniffs each one.
    pub input_format: InputFormat,
    /// Whether site rules apply.
    pub rules: bool,
    /// Inputs over this many bytes are refused with [`Error::TooLarge`].
    pub max_bytes: usize,
    /// Keep reader comments under an article (HTML).
    pub comments: bool,
    /// Lean towards precision or recall.
    pub bias: Bias,
    /// Build inline Markdown (emphasis, code) for the Markdown renderer.
    pub markdown: bool,
    /// In that Markdown, keep links as `[text](href)`.
    pub links: bool,
}

/// One input with what its container knows about it (a WARC record's HTTP
/// headers, a JSONL record's field), for [`Extractor::analyze_input`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PageInput<'a> {
    /// The raw bytes of the page or dump.
    pub bytes: &'a [u8],
    /// The page's address, if known.
    pub url: Option<&'a str>,
    /// A charset from the transport (HTTP `Content-Type`); it wins over the
    /// page's own declaration.
    pub charset: Option<&'a str>,
    /// What the input is, when the container says so; `None` follows the
    /// extractor's [`ExtractorOptions::input_format`].
    pub format: Option<InputFormat>,
    /// Give up with [`Error::Timeout`] once this instant has passed (checked
    /// between the pipeline's stages).
    pub deadline: Option<Deadline>,
}

impl<'a> PageInput<'a> {
    /// Just bytes: no URL, no charset, the extractor's input format.
    pub fn new(bytes: &'a [u8]) -> Self {
        PageInput { bytes, ..PageInput::default() }
    }
}

/// Which error an extraction should rather make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bias {
    /// The best balance (F1) on the dev sets.
    #[default]
    Balanced,
    /// Keep less: drop doubtful blocks.
    Precision,
    /// Keep more: keep doubtful blocks.
    Recall,
}

impl Bias {
    /// Shift of the stage-one class boundaries (positive keeps more).
    fn shift(self) -> f32 {
        match self {
            Bias::Balanced => BALANCED_SHIFT,
            Bias::Precision => BALANCED_SHIFT - BIAS_SHIFT,
            Bias::Recall => BALANCED_SHIFT + BIAS_SHIFT,
        }
    }
}

/// How far `--precision`/`--recall` move the class boundaries (score units).
const BIAS_SHIFT: f32 = 0.75;
/// The default boundary shift for HTML (set on the HTML dev sets: 0.0 gave
/// trafilatura-dev 0.9078 / readability-dev 0.9171 / wcxb-dev 0.7830; a
/// full recall shift of 0.75 gave 0.9111 / 0.9163 / 0.7893). Re-measured
/// after record groups: 0.4 gave 0.9132 / 0.9379 / 0.8216, 0.6 0.9137 /
/// 0.9379 / 0.8257, 0.8 0.9138 / 0.9359 / 0.8267.
pub const BALANCED_SHIFT: f32 = 0.6;

impl Default for ExtractorOptions {
    fn default() -> Self {
        ExtractorOptions {
            input_format: InputFormat::Auto,
            rules: true,
            max_bytes: DEFAULT_MAX_BYTES,
            comments: false,
            bias: Bias::Balanced,
            markdown: false,
            links: false,
        }
    }
}

/// Extracts main content. Build once, share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    options: ExtractorOptions,
    rules: Arc<RuleSet>,
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
    pub document: Document,
    /// The site rule that applied and what it did.
    pub rule: Option<RuleTrace>,
}

impl Extractor {
    /// An extractor with `options` and the built-in rules (none when
    /// `options.rules` is false).
    pub fn new(options: ExtractorOptions) -> Self {
        // The built-in rules are tested to load (tests/rules.rs); were they
        // broken, extraction would go on with heuristics alone.
        let rules = if options.rules { RuleSet::builtin().unwrap_or_default() } else { Arc::default() };
        Extractor { options, rules }
    }

    /// An extractor with `options` and `rules` (built-in and user rules,
    /// from [`RuleSet::with_dirs`]); `options.rules = false` still disables them.
    pub fn with_rules(options: ExtractorOptions, rules: RuleSet) -> Self {
        Extractor { options, rules: Arc::new(rules) }
    }

    /// An extractor with other options and the same (shared, already
    /// compiled) rules.
    pub fn with_options(&self, options: ExtractorOptions) -> Self {
        Extractor { options, rules: Arc::clone(&self.rules) }
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
        let classification = classify::classify(&blocks, &feats);
        clock.check()?;
        let mut verdicts = classification.verdicts;
        let lifted = dump::lift(&blocks, &feats, &mut verdicts);
        let meta = dump_metadata(lifted, url);
        let classification = Classification { verdicts, ..classification };
        Ok(self.finish(blocks, feats, classification, meta, language, url, InputFormat::Text))
    }

    /// The HTML path: decode, parse, walk, classify on the region tree;
    /// when that keeps almost nothing, the page's `<noscript>` markup or its
    /// JSON-LD `articleBody` stand in.
    fn analyze_html(&self, bytes: &[u8], url: Option<&str>, charset: Option<&str>, budget: &Budget) -> Result<Analysis, Error> {
        let deadline = budget.deadline();
        let mut clock = budget.clock();
        let decoded = decode_html(bytes, charset);
        Deadline::check(deadline)?;
        let markup = frontend::nesting::prepare_timed(&decoded.text, frontend::nesting::MAX_PARSE_DEPTH, &mut clock)?;
        Deadline::check(deadline)?;
        let mut doc = frontend::parse::parse(&markup, budget)?;
        drop(markup);
        let head = metadata::html::from_html_timed(&doc, url, &mut clock)?;
        let mut trace = None;
        let mut rule_meta = RuleMetadata::default();
        let mut content = None;
        let mut trusted = false;
        if let Some((rule, how)) = self.url_rule(url.or(head.canonical_url.as_deref())) {
            let mut t = RuleTrace::new(rule, how);
            rule_meta = apply::html_metadata(&doc, &rule.html, &mut t.notes, &mut clock)?;
            apply::remove_elements(&mut doc, &rule.html, &mut t.notes, &mut clock)?;
            content = apply::content_roots(&doc, &rule.html, &mut t.notes, &mut clock)?;
            // Untrusting heuristics needs content that was found (or no content selector).
            trusted = !rule.heuristics && (content.is_some() || rule.html.content.is_empty());
            if !rule.heuristics && !trusted {
                t.notes.push("heuristics = false not applied: no content element matched".to_owned());
            }
            trace = Some(t);
        }
        let mut page = match &content {
            Some(roots) => self.walk_subtrees(&doc, roots, &mut clock)?,
            None => self.walk(&doc, &mut clock)?,
        };
        drop(doc);
        Deadline::check(deadline)?;
        let discussion = page_kind::is_discussion(&head.page_types, url.or(head.canonical_url.as_deref()));
        let mut run = self.classify_page(&page, head.language.as_deref(), discussion, &mut clock)?;
        // The fallbacks stand in for a page the heuristics misread, not for
        // content a rule chose.
        let fallbacks = content.is_none() && !trusted;
        if fallbacks && run.kept_chars < FALLBACK_MIN_CHARS && page.noscript.len() >= NOSCRIPT_MIN_BYTES {
            let markup = frontend::nesting::prepare_timed(&page.noscript, frontend::nesting::MAX_PARSE_DEPTH, &mut clock)?;
            let inner = self.walk(&frontend::parse::parse(&markup, budget)?, &mut clock)?;
            let inner_run = self.classify_page(&inner, head.language.as_deref(), discussion, &mut clock)?;
            if inner_run.kept_chars > run.kept_chars {
                (page, run) = (inner, inner_run);
            }
        }
        // A thread that declares nothing (no discussion type or URL): with its
        // comment-marked posts dropped, almost nothing is left.
        if fallbacks && !discussion && !self.options.comments && run.kept_chars < FALLBACK_MIN_CHARS {
            let thread_run = self.classify_page(&page, head.language.as_deref(), true, &mut clock)?;
            if thread_run.kept_chars > run.kept_chars {
                run = thread_run;
            }
        }
        // Only when the page kept almost nothing, and the body says more.
        let body = head.article_body.as_deref().filter(|b| b.chars().count() as u32 > FALLBACK_MIN_CHARS);
        if let Some(body) = body.filter(|_| fallbacks && run.kept_chars < FALLBACK_MIN_CHARS) {
            let blocks = frontend::text::blocks(body);
            let root = Region::root(RegionHint::Content, blocks.len() as u32);
            page = frontend::html::Page { blocks, regions: vec![root], ..Default::default() };
            run = self.classify_page(&page, head.language.as_deref(), discussion, &mut clock)?;
        }
        Deadline::check(deadline)?;
        let PageRun { language, feats, mut classification, .. } = run;
        if trusted {
            trust_all(&mut classification.verdicts);
        }
        let mut head = head;
        head.title = rule_meta.title.or(head.title);
        if let Some(author) = rule_meta.author {
            head.authors = vec![author];
        }
        head.date = rule_meta.date.or(head.date);
        if let Some(h) = head.title.as_deref().and_then(|t| metadata::headline::headline_in_title(t, &page.blocks)) {
            head.title = Some(h);
        }
        if let Some(t) = &head.title {
            metadata::headline::lift_title(&page.blocks, t, &mut classification.verdicts);
        }
        let site_name = head.site_name.or_else(|| url.or(head.canonical_url.as_deref()).and_then(metadata::host_of));
        let meta = Metadata {
            title: head.title,
            author: (!head.authors.is_empty()).then(|| head.authors.join("; ")),
            date: head.date,
            site_name,
            description: head.description,
            image: head.image,
            tags: head.tags,
            canonical_url: head.canonical_url,
        };
        let mut analysis = self.finish(page.blocks, feats, classification, meta, language, url, InputFormat::Html);
        if let Some(mut t) = trace {
            let how = if trusted { Some("heuristics = false".to_owned()) } else { None };
            t.decided = vec![how; analysis.blocks.len()];
            analysis.document.rule = Some(t.rule.clone());
            analysis.rule = Some(t);
        }
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
        let mut classification = classify::classify(&kept, &kept_feats);
        if !rule.heuristics {
            trust_all(&mut classification.verdicts);
        }
        let lifted = dump::lift(&kept, &kept_feats, &mut classification.verdicts);
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
        let mut analysis = self.finish(blocks, feats, classification, meta, language, url, InputFormat::Text);
        analysis.document.rule = Some(trace.rule.clone());
        analysis.rule = Some(trace);
        Ok(analysis)
    }

    fn walk_options(&self) -> frontend::html::WalkOptions {
        frontend::html::WalkOptions { markdown: self.options.markdown, links: self.options.links }
    }

    fn walk(&self, doc: &scraper::Html, clock: &mut Clock) -> Result<frontend::html::Page, Error> {
        frontend::html::walk_timed(doc, self.walk_options(), clock)
    }

    fn walk_subtrees(&self, doc: &scraper::Html, roots: &[ego_tree::NodeId], clock: &mut Clock) -> Result<frontend::html::Page, Error> {
        frontend::html::walk_subtrees(doc, roots, self.walk_options(), clock)
    }

    /// Language, features and labels of a walked page; `Err(Timeout)` when
    /// `clock` runs out between the steps.
    fn classify_page(&self, page: &frontend::html::Page, declared_language: Option<&str>, discussion: bool, clock: &mut Clock) -> Result<PageRun, Error> {
        clock.check()?;
        let language = declared_language
            .filter(|l| lexicon::stopwords(l).is_some())
            .map(str::to_owned)
            .or_else(|| detect_language(&page.blocks));
        clock.check()?;
        let feats = features::document_features_timed(&page.blocks, language.as_deref(), clock)?;
        clock.check()?;
        // On a discussion page (forum thread, Q&A) the posts are the content:
        // comment hints do not drop them. Measured: wcxb-dev forum 0.732 ->
        // 0.754 (overall 0.8257 -> 0.8274), other sets unchanged.
        let tree = TreeOptions { comments: self.options.comments || discussion, bias: self.options.bias.shift() };
        let classification = classify::tree::classify(&page.blocks, &feats, &page.regions, tree);
        let kept_chars = classification.kept_chars(&feats);
        clock.check()?;
        Ok(PageRun { language, feats, classification, kept_chars })
    }

    /// The shared back half: content blocks, confidence, the Document.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        blocks: Vec<Block>,
        feats: Vec<BlockFeatures>,
        classification: Classification,
        meta: Metadata,
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
        let mut document = Document {
            text: render::text::render(&content),
            title: meta.title,
            author: meta.author,
            date: meta.date,
            site_name: meta.site_name,
            description: meta.description,
            image: meta.image,
            tags: meta.tags,
            language,
            url: url.map(|u| u.trim().to_owned()).or(meta.canonical_url),
            rule: None,
            confidence,
            input_format: format,
            blocks: content,
        };
        document.clean_metadata();
        Analysis { blocks, features: feats, verdicts, classes, span: classification.span, document, rule: None }
    }
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

/// One classification of a walked page.
struct PageRun {
    language: Option<String>,
    feats: Vec<BlockFeatures>,
    classification: Classification,
    kept_chars: u32,
}

/// Below this many kept chars the HTML fallbacks (`<noscript>` markup,
/// JSON-LD `articleBody`) are tried.
const FALLBACK_MIN_CHARS: u32 = 500;
/// A `<noscript>` smaller than this holds a tracking pixel, not a page.
const NOSCRIPT_MIN_BYTES: usize = 2000;

/// A dump's metadata: what was lifted from its blocks, and the URL's host
/// as the site name.
fn dump_metadata(lifted: dump::Lifted, url: Option<&str>) -> Metadata {
    Metadata {
        title: lifted.title,
        author: lifted.author,
        date: lifted.date,
        site_name: url.and_then(metadata::host_of),
        ..Metadata::default()
    }
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
