//! Applying a rule's directives: to a parsed HTML page before its blocks are
//! built (`remove`, `content`, metadata selectors) and to a dump's blocks
//! before they are classified (`start_after`, `stop_at`, `drop`). Every
//! function here only reports what the rule says; the extractor decides how
//! the heuristics run around it. What acted is written down in a
//! [`RuleTrace`] for `--explain`. A rule can hold thousands of selectors
//! and patterns: the page's deadline is looked at before each one and
//! while it walks the page (`Err(Timeout)`).

use std::collections::HashSet;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::Html;

use super::model::{collapse, FieldSelector, HtmlRule, Pattern, Rule, TextRule};
use crate::block::Block;
use crate::error::Error;
use crate::frontend::budget::Clock;
use crate::metadata::html::normalise_date;

/// What a rule did to one input, for `--explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleTrace {
    /// The rule's name (`kyivpost.com`).
    pub rule: String,
    /// The rule's file.
    pub file: String,
    /// How it matched (`host kyivpost.com`, `fingerprint`).
    pub matched_by: String,
    /// One line per directive, saying what it matched.
    pub notes: Vec<String>,
    /// Per block of the analysis: the directive that decided the block,
    /// `None` where the heuristics decided.
    pub decided: Vec<Option<String>>,
    /// Whether the rule was applied (false: its selectors do not parse,
    /// and `notes` say why).
    pub applied: bool,
}

impl RuleTrace {
    /// A trace for `rule`, matched as `matched_by`.
    pub fn new(rule: &Rule, matched_by: String) -> Self {
        RuleTrace { rule: rule.name.clone(), file: rule.file.clone(), matched_by, applied: true, ..RuleTrace::default() }
    }
}

/// Metadata read with a rule's selectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleMetadata {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Read the rule's `title`, `author` and `date` selectors. Title and date
/// take the first match that has a value (a date must read as one); author
/// takes every match, deduplicated, joined with `; `.
pub fn html_metadata(doc: &Html, rule: &HtmlRule, notes: &mut Vec<String>, clock: &mut Clock) -> Result<RuleMetadata, Error> {
    let mut meta = RuleMetadata::default();
    if let Some(f) = &rule.title {
        meta.title = values(doc, f, clock)?.into_iter().next();
        notes.push(field_note("title", f, meta.title.as_deref()));
    }
    if let Some(f) = &rule.author {
        let mut seen = HashSet::new();
        let names: Vec<String> = values(doc, f, clock)?.into_iter().filter(|v| seen.insert(v.clone())).collect();
        meta.author = (!names.is_empty()).then(|| names.join("; "));
        notes.push(field_note("author", f, meta.author.as_deref()));
    }
    if let Some(f) = &rule.date {
        meta.date = values(doc, f, clock)?.iter().find_map(|v| normalise_date(v));
        notes.push(field_note("date", f, meta.date.as_deref()));
    }
    Ok(meta)
}

fn field_note(field: &str, f: &FieldSelector, value: Option<&str>) -> String {
    let from = f.attribute.as_ref().map_or(String::new(), |a| format!(" @{a}"));
    match value {
        Some(v) => format!("{field} `{}`{from}: {v:?}", f.css.source),
        None => format!("{field} `{}`{from}: no value (heuristics' {field} kept)", f.css.source),
    }
}

/// The non-empty values of a field selector's matches, in document order.
fn values(doc: &Html, f: &FieldSelector, clock: &mut Clock) -> Result<Vec<String>, Error> {
    clock.check()?;
    let mut out = Vec::new();
    for el in doc.select(&f.css.selector) {
        clock.tick()?;
        let value = match &f.attribute {
            Some(a) => el.value().attr(a).map(collapse),
            None => Some(collapse(&el.text().collect::<String>())),
        };
        out.extend(value.filter(|v| !v.is_empty()));
    }
    Ok(out)
}

/// The elements `css` matches, looking at the clock before and between them.
fn select(doc: &Html, css: &scraper::Selector, clock: &mut Clock) -> Result<Vec<NodeId>, Error> {
    clock.check()?;
    let mut ids = Vec::new();
    for el in doc.select(css) {
        clock.tick()?;
        ids.push(el.id());
    }
    Ok(ids)
}

/// Detach every element matched by a `remove` selector.
pub fn remove_elements(doc: &mut Html, rule: &HtmlRule, notes: &mut Vec<String>, clock: &mut Clock) -> Result<(), Error> {
    for css in &rule.remove {
        let ids = select(doc, &css.selector, clock)?;
        for id in &ids {
            if let Some(mut node) = doc.tree.get_mut(*id) {
                node.detach();
            }
        }
        notes.push(format!("remove `{}`: {} element(s)", css.source, ids.len()));
    }
    Ok(())
}

/// The elements matched by the `content` selectors, outermost only, in
/// document order; `None` when the rule has no `content` or nothing matched
/// (the heuristics then read the whole page).
pub fn content_roots(doc: &Html, rule: &HtmlRule, notes: &mut Vec<String>, clock: &mut Clock) -> Result<Option<Vec<NodeId>>, Error> {
    if rule.content.is_empty() {
        return Ok(None);
    }
    let mut matched: HashSet<NodeId> = HashSet::new();
    for css in &rule.content {
        let before = matched.len();
        matched.extend(select(doc, &css.selector, clock)?);
        notes.push(format!("content `{}`: {} element(s)", css.source, matched.len() - before));
    }
    if matched.is_empty() {
        notes.push("content: nothing matched; the heuristics read the whole page".to_owned());
        return Ok(None);
    }
    // Pre-order walk: a match inside a kept match is part of it already.
    let mut roots = Vec::new();
    let mut inside: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) if inside.is_none() && matched.contains(&node.id()) => {
                inside = Some(node.id());
                roots.push(node.id());
            }
            Edge::Close(node) if inside == Some(node.id()) => inside = None,
            _ => {}
        }
    }
    Ok(Some(roots))
}

/// The first block from `from` on that one of `patterns` matches, with the pattern.
fn first_match<'p>(blocks: &[Block], from: usize, patterns: &'p [Pattern], clock: &mut Clock) -> Result<Option<(usize, &'p Pattern)>, Error> {
    for (i, block) in blocks.iter().enumerate().skip(from) {
        for p in patterns {
            clock.tick()?;
            if p.matches(&block.text) {
                return Ok(Some((i, p)));
            }
        }
    }
    Ok(None)
}

/// Which blocks of a dump the `[text]` directives drop, each with the
/// directive that dropped it: everything up to and including the first
/// `start_after` match, everything from the first `stop_at` match after
/// that on, and every `drop` match with its `before`/`after` neighbours.
pub fn cut_dump(blocks: &[Block], rule: &TextRule, notes: &mut Vec<String>, clock: &mut Clock) -> Result<Vec<Option<String>>, Error> {
    let mut dropped: Vec<Option<String>> = vec![None; blocks.len()];
    let mut start = 0;
    if !rule.start_after.is_empty() {
        match first_match(blocks, 0, &rule.start_after, clock)? {
            Some((i, p)) => {
                let why = format!("start_after {p}");
                dropped[..=i].fill(Some(why.clone()));
                notes.push(format!("{why}: block {i}"));
                start = i + 1;
            }
            None => notes.push("start_after: no match".to_owned()),
        }
    }
    let mut end = blocks.len();
    if !rule.stop_at.is_empty() {
        match first_match(blocks, start, &rule.stop_at, clock)? {
            Some((i, p)) => {
                let why = format!("stop_at {p}");
                dropped[i..].fill(Some(why.clone()));
                notes.push(format!("{why}: block {i}"));
                end = i;
            }
            None => notes.push("stop_at: no match".to_owned()),
        }
    }
    for p in &rule.drop {
        let mut hits: Vec<usize> = Vec::new();
        for (i, block) in blocks.iter().enumerate().take(end).skip(start) {
            clock.tick()?;
            if p.matches(&block.text) {
                hits.push(i);
            }
        }
        let why = format!("drop {p}");
        for &i in &hits {
            let lo = i.saturating_sub(p.before).max(start);
            let hi = (i + p.after + 1).min(end);
            for slot in &mut dropped[lo..hi] {
                slot.get_or_insert_with(|| why.clone());
            }
        }
        notes.push(format!("{why}: {} match(es)", hits.len()));
    }
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::ElementRef;
    use crate::block::BlockKind;
    use crate::rules::load::{compile, Source};
    use crate::rules::model::Origin;

    fn rule(text: &str) -> Rule {
        let source = Source {
            file: "t.toml".into(),
            name: "t".into(),
            text: text.into(),
            dir: ".".into(),
            origin: Origin::User,
        };
        compile(&source).expect("rule compiles")
    }

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| Block::new(*l, BlockKind::Paragraph)).collect()
    }

    #[test]
    fn dump_directives_cut_blocks() {
        let r = rule(
            "hosts = [\"a.com\"]\n[text]\nstart_after = [\"Menu\"]\nstop_at = [{ contains = \"Related\" }]\n\
             drop = [\"Ad\", { line = \"Widget\", before = 1, after = 1 }]\n",
        );
        let b = blocks(&["Home", "Menu", "Body 1", "Ad", "Body 2", "teaser", "Widget", "teaser 2", "Body 3", "Related news", "x"]);
        let mut notes = Vec::new();
        let d = cut_dump(&b, &r.text, &mut notes, &mut Clock::new(None)).unwrap();
        let kept: Vec<&str> = b.iter().zip(&d).filter(|(_, d)| d.is_none()).map(|(b, _)| b.text.as_str()).collect();
        assert_eq!(kept, ["Body 1", "Body 2", "Body 3"]);
        assert_eq!(d[0].as_deref(), Some("start_after \"Menu\""));
        assert_eq!(d[5].as_deref(), Some("drop \"Widget\" before 1 after 1"));
        assert_eq!(d[10].as_deref(), Some("stop_at contains \"Related\""));
        assert_eq!(notes.len(), 4);
    }

    #[test]
    fn html_directives_select_remove_and_read_metadata() {
        let r = rule(
            "hosts = [\"a.com\"]\n[html]\ncontent = [\"article\", \".body\"]\nremove = [\".ad\"]\n\
             title = \"h1\"\nauthor = { selector = \"meta[name=author]\", attribute = \"content\" }\ndate = \"time\"\n",
        );
        let mut doc = Html::parse_document(
            "<html><head><meta name=author content='Ann  Lee'></head><body><h1> The  title </h1><time>March 4, 2021</time>\
             <article><div class=body><p>One</p><div class=ad>Buy</div></div></article><div class=body>Two</div></body></html>",
        );
        let mut notes = Vec::new();
        let meta = html_metadata(&doc, r.html().unwrap(), &mut notes, &mut Clock::new(None)).unwrap();
        assert_eq!(meta, RuleMetadata { title: Some("The title".into()), author: Some("Ann Lee".into()), date: Some("2021-03-04".into()) });
        remove_elements(&mut doc, r.html().unwrap(), &mut notes, &mut Clock::new(None)).unwrap();
        let roots = content_roots(&doc, r.html().unwrap(), &mut notes, &mut Clock::new(None)).unwrap().expect("content matched");
        let texts: Vec<String> =
            roots.iter().filter_map(|id| doc.tree.get(*id).and_then(ElementRef::wrap)).map(|e| e.text().collect()).collect();
        assert_eq!(texts, ["One", "Two"]);
        assert!(notes.contains(&"remove `.ad`: 1 element(s)".to_owned()), "{notes:?}");
    }

    #[test]
    fn content_that_matches_nothing_gives_the_page_back() {
        let r = rule("hosts = [\"a.com\"]\n[html]\ncontent = [\"main\"]\n");
        let doc = Html::parse_document("<p>x</p>");
        let mut notes = Vec::new();
        assert!(content_roots(&doc, r.html().unwrap(), &mut notes, &mut Clock::new(None)).unwrap().is_none());
        assert!(notes[1].contains("nothing matched"));
    }
}
