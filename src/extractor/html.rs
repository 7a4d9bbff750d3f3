//! The HTML path of the extractor: decode, parse, apply the site rule's
//! element directives, walk into blocks and regions, score, and fall back
//! (`<noscript>` markup, a comment-marked thread, JSON-LD `articleBody`)
//! when the page kept almost nothing. It does not render or build the
//! `Document` (the extractor's `finish` does).

use super::*;

impl Extractor {
    /// The HTML path: decode, parse, walk, classify on the region tree;
    /// when that keeps almost nothing, the page's `<noscript>` markup or its
    /// JSON-LD `articleBody` stand in.
    pub(super) fn analyze_html(&self, bytes: &[u8], url: Option<&str>, charset: Option<&str>, budget: &Budget) -> Result<Analysis, Error> {
        let deadline = budget.deadline();
        let mut clock = budget.clock();
        let decoded = decode_html(bytes, charset);
        Deadline::check(deadline)?;
        let markup = frontend::nesting::prepare_timed(&decoded.text, frontend::nesting::MAX_PARSE_DEPTH, &self.kept_attributes, &mut clock)?;
        Deadline::check(deadline)?;
        let mut doc = frontend::parse::parse(&markup, budget)?;
        drop(markup);
        let mut head = metadata::html::from_html_timed(&doc, url, &mut clock)?;
        let mut trace = None;
        let mut rule_meta = RuleMetadata::default();
        let mut content = None;
        let mut trusted = false;
        // The `content` selectors of the rule, when they matched (for --explain).
        let mut content_matched: Vec<String> = Vec::new();
        if let Some((rule, how)) = self.url_rule(url.or(head.canonical_url.as_deref())) {
            let mut t = RuleTrace::new(rule, how);
            match rule.html() {
                Ok(html) => {
                    rule_meta = apply::html_metadata(&doc, html, &mut t.notes, &mut clock)?;
                    apply::remove_elements(&mut doc, html, &mut t.notes, &mut clock)?;
                    content = apply::content_roots(&doc, html, &mut t.notes, &mut clock)?;
                    if content.is_some() {
                        content_matched = html.content.iter().map(|c| format!("`{}`", c.source)).collect();
                    }
                    // Untrusting heuristics needs content that was found (or no content selector).
                    trusted = !rule.heuristics && (content.is_some() || html.content.is_empty());
                    if !rule.heuristics && !trusted {
                        t.notes.push("heuristics = false not applied: no content element matched".to_owned());
                    }
                }
                // A rule whose selectors do not parse is not applied (the
                // page is read by the heuristics); `RuleSet::failed_selectors`
                // names it for the caller.
                Err(errors) => {
                    t.applied = false;
                    t.notes.extend(errors.iter().map(|e| format!("not applied: {e}")));
                }
            }
            trace = Some(t);
        }
        let mut page = match &content {
            Some(roots) => self.walk_subtrees(&doc, roots, &mut clock)?,
            None => self.walk(&doc, &mut clock)?,
        };
        // Comment threads the markup does not name (not inside a rule's content).
        let thread_posts = if content.is_none() { classify::threads::mark(&mut page.regions, &page.blocks) } else { 0 };
        // The elements' CSS paths, for --explain (region i's element is page.nodes[i]).
        let mut paths: Vec<String> =
            if self.options.explain { page.nodes.iter().map(|&n| frontend::dom_path::of(&doc, n)).collect() } else { Vec::new() };
        drop(doc);
        Deadline::check(deadline)?;
        let discussion = page_kind::is_discussion(&head.page_types, url.or(head.canonical_url.as_deref()));
        let mut run = self.classify_page(&page, head.language.as_deref(), discussion, &mut clock)?;
        // The fallbacks stand in for a page the heuristics misread, not for
        // content a rule chose.
        let fallbacks = content.is_none() && !trusted;
        if fallbacks && run.kept_chars < FALLBACK_MIN_CHARS && page.noscript.len() >= NOSCRIPT_MIN_BYTES {
            let markup = frontend::nesting::prepare_timed(&page.noscript, frontend::nesting::MAX_PARSE_DEPTH, &self.kept_attributes, &mut clock)?;
            let inner_doc = frontend::parse::parse(&markup, budget)?;
            let inner = self.walk(&inner_doc, &mut clock)?;
            let inner_run = self.classify_page(&inner, head.language.as_deref(), discussion, &mut clock)?;
            if inner_run.kept_chars > run.kept_chars {
                let reason = format!("the page kept {} characters; its <noscript> markup keeps {}", run.kept_chars, inner_run.kept_chars);
                // What the page says of its authors and date is in the same
                // markup (a forum's crawler view: the posts, their poster
                // and time): read there when the outer page gives none.
                head.fill_from(metadata::html::from_html_timed(&inner_doc, url, &mut clock)?);
                (page, run) = (inner, inner_run);
                paths.clear();
                run.report.trace.push(Decision { pass: "fallback_noscript", region: None, reason, share: 1.0, blocks: Vec::new() });
            }
        }
        // A thread that declares nothing (no discussion type or URL): with its
        // comment-marked posts dropped, almost nothing is left.
        if fallbacks && !discussion && !self.options.comments && run.kept_chars < FALLBACK_MIN_CHARS {
            let thread_run = self.classify_page(&page, head.language.as_deref(), true, &mut clock)?;
            if thread_run.kept_chars > run.kept_chars {
                let reason = format!("the page kept {} characters; read as a thread (comments kept) it keeps {}", run.kept_chars, thread_run.kept_chars);
                run = thread_run;
                run.report.trace.push(Decision { pass: "fallback_thread", region: None, reason, share: 1.0, blocks: Vec::new() });
            }
        }
        // Only when the page kept almost nothing, and the body says more.
        let body = head.article_body.as_deref().filter(|b| b.chars().count() as u32 > FALLBACK_MIN_CHARS);
        if let Some(body) = body.filter(|_| fallbacks && run.kept_chars < FALLBACK_MIN_CHARS) {
            let blocks = frontend::text::blocks(body);
            let root = Region::root(RegionHint::Content, blocks.len() as u32);
            page = frontend::html::Page { blocks, regions: vec![root], ..Default::default() };
            paths.clear();
            let reason = format!("the page kept {} characters; its JSON-LD articleBody stands in", run.kept_chars);
            run = self.classify_page(&page, head.language.as_deref(), discussion, &mut clock)?;
            run.report.trace.push(Decision { pass: "fallback_article_body", region: None, reason, share: 1.0, blocks: Vec::new() });
        }
        Deadline::check(deadline)?;
        let PageRun { language, feats, mut classification, report, hints, .. } = run;
        if trusted {
            trust_all(&mut classification.verdicts);
        }
        // `--passes-off html_date` / `html_author`: the trust orders' choices.
        if self.options.is_off("html_date") && head.date_ranked.take().is_some() {
            head.date = head.trust_order_date();
        }
        if self.options.is_off("html_title") && head.title_ranked.take().is_some() {
            head.title = head.trust_order_title();
        }
        if self.options.is_off("html_author") && head.author_ranked.take().is_some() {
            head.authors = head.trust_order_authors();
        }
        if rule_meta.title.is_some() {
            head.title_ranked = None;
        }
        head.title = rule_meta.title.or(head.title);
        if let Some(author) = rule_meta.author {
            head.authors = vec![author];
            head.author_ranked = None;
        }
        if rule_meta.date.is_some() {
            head.date_ranked = None;
        }
        head.date = rule_meta.date.or(head.date);
        // The last resort: a date line just above the main text, when no source dates the page.
        let dateline = if head.date.is_none() && !self.options.is_off("date_above_text") {
            metadata::dateline::above_main_text(&page.blocks, &feats, &classification.verdicts)
        } else {
            None
        };
        if let Some(h) = head.title.as_deref().and_then(|t| metadata::headline::headline_in_title(t, metadata::headline::top_headings(&page.blocks))) {
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
            date_modified: head.date_modified,
            site_name,
            description: head.description,
            image: head.image,
            tags: head.tags,
            url: head.canonical_url,
            language: None,
            page_type: None,
        };
        let evidence = PageEvidence { declared: &head.page_types, repeated_items: head.repeated_items, ..PageEvidence::default() };
        let mut analysis = self.finish(page.blocks, feats, classification, meta, evidence, language, url, InputFormat::Html);
        analysis.regions = page.regions;
        analysis.hints = hints;
        analysis.paths = paths;
        set_scored(&mut analysis, report);
        // Only an article's or a thread's line: a product's or a listing's date is a release's or an item's.
        let dateline = dateline.filter(|_| matches!(analysis.document.metadata.page_type, Some(page_type::PageType::Article | page_type::PageType::Forum)));
        if dateline.is_some() {
            analysis.document.metadata.date.clone_from(&dateline);
        }
        let m = &analysis.document.metadata;
        let ranked = [
            ("html_date", "date", head.date_ranked, m.date.as_deref()),
            ("html_title", "title", head.title_ranked, m.title.as_deref()),
            ("html_author", "author", head.author_ranked, m.author.as_deref()),
        ];
        let decisions: Vec<Decision> = ranked
            .into_iter()
            .filter_map(|(pass, field, p, value)| {
                let reason = format!("{field}: {} over the trust order's (ranker probability {:.2})", value?, p?);
                Some(Decision { pass, region: None, reason, share: 0.0, blocks: Vec::new() })
            })
            .collect();
        analysis.trace.extend(decisions);
        if let Some(date) = dateline {
            let reason = format!("date: {date}, printed just above the main text (no other source dates the page)");
            analysis.trace.push(Decision { pass: "date_above_text", region: None, reason, share: 0.0, blocks: Vec::new() });
        }
        if thread_posts > 0 {
            let reason = format!("{thread_posts} posts of an unnamed thread marked as comments (a date and a time of day in each header)");
            analysis.trace.push(Decision { pass: "thread_posts", region: None, reason, share: 0.0, blocks: Vec::new() });
        }
        analysis.title_candidates = head.title_candidates;
        analysis.date_candidates = head.date_candidates;
        analysis.author_candidates = head.author_candidates;
        if let Some(mut t) = trace {
            let how = trusted.then(|| match content_matched.as_slice() {
                [] => "heuristics = false".to_owned(),
                selectors => format!("content {} with heuristics = false", selectors.join(", ")),
            });
            t.decided = vec![how; analysis.blocks.len()];
            if t.applied {
                analysis.document.rule = Some(t.rule.clone());
            }
            analysis.rule = Some(t);
        }
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
        let comments = self.options.comments || discussion;
        let hints = PageHints { discussion };
        let scored = scoring::score(self.models(), &self.options, &page.blocks, &feats, Some(&page.regions), comments, hints);
        let classification = scored.classification;
        let kept_chars = classification.kept_chars(&feats);
        clock.check()?;
        Ok(PageRun { language, feats, classification, kept_chars, report: scored.report, hints })
    }
}

/// One classification of a walked page.
pub(super) struct PageRun {
    language: Option<String>,
    feats: Vec<BlockFeatures>,
    classification: Classification,
    kept_chars: u32,
    report: ModelReport,
    hints: PageHints,
}

/// Below this many kept chars the HTML fallbacks (`<noscript>` markup,
/// JSON-LD `articleBody`) are tried.
const FALLBACK_MIN_CHARS: u32 = 500;
/// A `<noscript>` smaller than this holds a tracking pixel, not a page.
const NOSCRIPT_MIN_BYTES: usize = 2000;
