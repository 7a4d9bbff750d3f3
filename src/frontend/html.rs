//! HTML front end: a parsed page to blocks and the region tree around them.
//!
//! One pre-order walk over the tree (no recursion, so nesting depth cannot
//! overflow the stack). Elements that never hold readable text (script,
//! style, svg, form controls, ...) and hidden inline elements are skipped
//! with their subtree. Every block-level element opens a [`Region`]; text
//! between block boundaries becomes one [`Block`] with its link text counted
//! and its kind (heading level, list depth, quote, code, table row) read off
//! the open elements. Data tables become one block per row; tables used for
//! layout fall back to paragraphs. This module decides nothing about content:
//! region hints are recorded for the classifier (`classify::tree`).

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::{Element, Node};
use scraper::Html;

use crate::block::{Block, BlockKind, Region, RegionHint};
use crate::error::Error;
use crate::frontend::budget::{Clock, MAX_BLOCKS};
use crate::frontend::html_inline::Inline;
use crate::frontend::lists::Lists;
use crate::frontend::tags::{block_level, breaks_cell, code_language, intern, skipped};

mod glyphs;
use glyphs::{is_icon_glyph, is_permalink_anchor};
pub(crate) use crate::frontend::tags::KNOWN_TAGS;
use crate::markup;

/// What the walk produces.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    /// The region tree in pre-order; region 0 is the document.
    pub regions: Vec<Region>,
    /// The element of each region (region 0: the first walked root), for
    /// tools that name elements (`pith rules new`).
    pub nodes: Vec<NodeId>,
    /// The largest `<noscript>` body (raw markup: the parser reads it as
    /// text), for pages that put their content there (Discourse).
    pub noscript: String,
}

/// Longest `<noscript>` markup kept for the fallback.
const MAX_NOSCRIPT_BYTES: usize = 4 * 1024 * 1024;

/// How to walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Build inline Markdown next to the plain text of each block.
    pub markdown: bool,
    /// In that Markdown, write links as `[text](href)`.
    pub links: bool,
}

/// Open elements deeper than this are read as inline (no new region): the
/// tree is still walked, nothing is lost, but hostile nesting cannot grow the
/// region tree without bound.
const MAX_REGION_DEPTH: usize = 256;
/// Blocks longer than this (chars) are cut into a new block at the next
/// word boundary, so one runaway text node cannot dominate.
const MAX_BLOCK_BYTES: usize = 100_000;

/// Whether `node` has a `<math>` child or grandchild (MathJax puts the
/// MathML of a formula one level inside its container).
fn holds_math(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let is_math = |n: ego_tree::NodeRef<'_, Node>| n.value().as_element().is_some_and(|e| e.name() == "math");
    node.children().any(|c| is_math(c) || c.children().any(is_math))
}

/// Whether `id` names a React streaming boundary (`<div hidden id="S:3">`):
/// server-rendered content the page's script moves into place at load, so
/// readers see it although the attribute says hidden.
fn is_streamed_boundary(id: &str) -> bool {
    id.strip_prefix("S:").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The attributes the walk reads, taken in one pass over an element's
/// attributes.
#[derive(Debug, Default)]
struct Attrs<'a> {
    hints: markup::HintAttrs<'a>,
    hidden: bool,
    style: Option<&'a str>,
    href: Option<&'a str>,
    aria_modal: bool,
    /// `<ol start>`, `<ol reversed>`, `<li value>`.
    start: Option<&'a str>,
    reversed: bool,
    value: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(el: &'a Element) -> Self {
        let mut attrs = Attrs::default();
        for (name, value) in markup::plain_attrs(el) {
            if attrs.hints.offer(name, value) {
                continue;
            }
            match name {
                "hidden" => attrs.hidden = true,
                "style" => attrs.style = Some(value),
                "href" => attrs.href = Some(value),
                "aria-modal" => attrs.aria_modal = value.trim().eq_ignore_ascii_case("true"),
                "start" => attrs.start = Some(value),
                "reversed" => attrs.reversed = true,
                "value" => attrs.value = Some(value),
                _ => {}
            }
        }
        attrs
    }

    /// Whether the element is hidden from readers by its attributes
    /// (`hidden`, inline `display:none`/`visibility:hidden`). `aria-hidden`
    /// is not: it hides from screen readers what sighted readers still see
    /// (card links). `buf` is scratch space.
    fn hidden(&self, buf: &mut String) -> bool {
        if self.hidden {
            return !self.hints.id.is_some_and(is_streamed_boundary);
        }
        self.style.is_some_and(|s| {
            buf.clear();
            buf.extend(s.chars().filter(|c| !c.is_whitespace()));
            buf.make_ascii_lowercase();
            buf.contains("display:none") || buf.contains("visibility:hidden")
        })
    }
}

/// One open element on the walk's stack.
#[derive(Debug, Clone, Copy)]
struct Frame {
    node: NodeId,
    /// The region this element opened, if it is block-level.
    region: Option<u32>,
    tag: &'static str,
    /// Markdown marker length pushed at open (emphasis), to close it.
    marker: Option<&'static str>,
    /// This element is a link (`<a>`).
    link: bool,
    /// ... whose Markdown form `[text](href)` is being written.
    link_md: bool,
    /// This element opened a list or a list item in `Walker::list_marks`.
    list: ListRole,
}

/// What an element is to the list numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListRole {
    None,
    List,
    Item,
}

/// One table row being collected.
#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    md_cells: Vec<String>,
    link_chars: u32,
    links: u16,
    /// A block element inside a cell: the table is layout, not data.
    layout: bool,
}

/// The walk's state; `'a` is the parsed page's.
struct Walker<'a> {
    opts: WalkOptions,
    page: Page,
    stack: Vec<Frame>,
    /// Open regions, innermost last.
    regions: Vec<u32>,
    inline: Inline,
    rows: Vec<Row>,
    in_cell: usize,
    pre: usize,
    quote: usize,
    lists: usize,
    list_items: usize,
    heading: Vec<u8>,
    article: usize,
    links: usize,
    /// Lists and items for the Markdown renderer (when Markdown is built).
    list_marks: Lists,
    /// The language of the preformatted text being read (Markdown only).
    code_language: Option<Box<str>>,
    /// Scratch space for reading `style` attributes.
    style_buf: String,
    hint_cache: markup::HintCache<'a>,
}

/// Walk `doc` into blocks and regions, with no time limit (a page over
/// [`MAX_BLOCKS`] walks to nothing).
pub fn walk(doc: &Html, opts: WalkOptions) -> Page {
    // Without a deadline the clock never runs out.
    walk_timed(doc, opts, &mut Clock::new(None)).unwrap_or_default()
}

/// Walk `doc` into blocks and regions; `Err(Timeout)` when `clock` runs out.
pub fn walk_timed(doc: &Html, opts: WalkOptions, clock: &mut Clock) -> Result<Page, Error> {
    walk_subtrees(doc, &[doc.tree.root().id()], opts, clock)
}

/// Walk only the subtrees under `roots` (a site rule's content elements),
/// in the order given, as if they were the whole page; `Err(Timeout)` when
/// `clock` runs out.
pub fn walk_subtrees(doc: &Html, roots: &[NodeId], opts: WalkOptions, clock: &mut Clock) -> Result<Page, Error> {
    let mut w = Walker {
        opts,
        page: Page::default(),
        stack: Vec::new(),
        regions: vec![0],
        inline: Inline::new(opts.markdown),
        rows: Vec::new(),
        in_cell: 0,
        pre: 0,
        quote: 0,
        lists: 0,
        list_items: 0,
        heading: Vec::new(),
        article: 0,
        links: 0,
        list_marks: Lists::default(),
        code_language: None,
        style_buf: String::new(),
        hint_cache: markup::HintCache::default(),
    };
    w.page.regions.push(Region::root(RegionHint::None, 0));
    w.page.nodes.push(roots.first().copied().unwrap_or_else(|| doc.tree.root().id()));
    let mut skip: Option<NodeId> = None;
    let edges = roots.iter().filter_map(|id| doc.tree.get(*id)).flat_map(|root| root.traverse());
    for edge in edges {
        clock.tick()?;
        if w.page.blocks.len() > MAX_BLOCKS {
            return Err(Error::TooComplex { what: "blocks", limit: MAX_BLOCKS });
        }
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.text(t),
                    Node::Element(el) => {
                        if el.name() == "noscript" {
                            let raw: String = node.children().filter_map(|c| c.value().as_text().map(|t| &**t)).collect();
                            if raw.len() > w.page.noscript.len() && raw.len() <= MAX_NOSCRIPT_BYTES {
                                w.page.noscript = raw;
                            }
                        }
                        if !w.open(node, el) {
                            skip = Some(node.id());
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if matches!(node.value(), Node::Element(_)) {
                    w.close(node.id());
                }
                if roots.len() > 1 && roots.contains(&node.id()) {
                    // Separate content elements never share a block.
                    w.flush();
                }
            }
        }
    }
    w.flush();
    let end = w.page.blocks.len() as u32;
    w.page.regions[0].end_block = end;
    Ok(w.page)
}

impl<'a> Walker<'a> {
    /// Open element `el` of `node`; false means skip its subtree.
    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>, el: &'a Element) -> bool {
        let id = node.id();
        let name = el.name();
        if skipped(name) || (name == "a" && is_permalink_anchor(node)) {
            return false;
        }
        let tag = intern(name);
        let is_block = block_level(name) && self.stack.len() < MAX_REGION_DEPTH;
        let attrs = Attrs::of(el);
        let mut hint = markup::element_hint(&attrs.hints, tag, self.article > 0, &mut self.hint_cache);
        if attrs.hidden(&mut self.style_buf) {
            hint = RegionHint::Hidden;
        }
        if !is_block && matches!(hint, RegionHint::Drop | RegionHint::Hidden) && self.pre == 0 {
            // Formulas are never page furniture: an inline wrapper of one
            // whose class reads as a menu (MathJax's `CtxtMenu_Attached`)
            // is read, not dropped.
            if hint == RegionHint::Hidden || !holds_math(node) {
                return false;
            }
            hint = RegionHint::None;
        }
        let mut frame = Frame { node: id, region: None, tag, marker: None, link: false, link_md: false, list: ListRole::None };
        if self.in_data_cell() && is_block {
            if breaks_cell(name) {
                self.make_row_layout();
            } else if !matches!(name, "td" | "th" | "tr") {
                // A div or span inside a data cell: part of the cell's text.
                self.inline.space();
                self.stack.push(frame);
                return true;
            }
        }
        if is_block {
            match name {
                "tr" => {
                    self.flush();
                    self.rows.push(Row::default());
                }
                "td" | "th" if self.rows.last().is_some_and(|r| !r.layout) => {
                    self.flush();
                    self.in_cell += 1;
                }
                _ => self.flush(),
            }
            let dialog = name == "dialog"
                || attrs.aria_modal
                || attrs.hints.role.is_some_and(|r| {
                    let r = r.trim();
                    r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
                });
            let tab_panel = attrs.hints.role.is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel"));
            frame.region = Some(self.open_region(id, tag, hint, markup::signature(name, attrs.hints.class)));
            if let Some(r) = frame.region.and_then(|i| self.page.regions.get_mut(i as usize)) {
                r.dialog = dialog;
                r.tab_panel = tab_panel;
            }
            match name {
                "pre" | "listing" | "xmp" | "plaintext" => self.pre += 1,
                "blockquote" => self.quote += 1,
                "ul" | "ol" | "dir" | "menu" => self.lists += 1,
                "li" => self.list_items += 1,
                "article" | "main" => self.article += 1,
                h if h.len() == 2 && h.starts_with('h') => {
                    if let Some(level) = h[1..].parse::<u8>().ok().filter(|l| (1..=6).contains(l)) {
                        self.heading.push(level);
                    }
                }
                _ => {}
            }
            if name == "hr" {
                self.flush();
            }
            if self.opts.markdown {
                self.open_markdown_block(node, name, &attrs, &mut frame);
            }
        } else {
            match name {
                "br" => {
                    if self.in_data_cell() {
                        self.inline.space();
                    } else if self.inline.ends_with_break() && self.pre == 0 {
                        self.flush();
                    } else {
                        self.inline.line_break(self.pre > 0);
                    }
                }
                // A form control's label reads like a link: text to click,
                // not to read. Only `<a>` becomes a Markdown link.
                "a" | "label" => {
                    self.links += 1;
                    frame.link = true;
                    self.inline.link_opened();
                    let href = attrs.href.map(str::trim).filter(|h| !h.is_empty() && !h.starts_with("javascript:"));
                    if let Some(href) = href.filter(|_| name == "a" && self.opts.markdown && self.opts.links && self.pre == 0) {
                        frame.link_md = self.inline.open_link(href);
                    }
                }
                "strong" | "b" if self.pre == 0 => frame.marker = self.inline.open_marker("**"),
                "em" | "i" if self.pre == 0 => frame.marker = self.inline.open_marker("*"),
                "code" | "kbd" | "samp" | "tt" if self.pre == 0 => frame.marker = self.inline.open_marker("`"),
                "code" if self.opts.markdown && self.code_language.is_none() => {
                    self.code_language = attrs.hints.class.and_then(code_language).map(Box::from);
                }
                _ => {}
            }
        }
        self.stack.push(frame);
        true
    }

    fn close(&mut self, id: NodeId) {
        let Some(frame) = self.stack.pop() else { return };
        debug_assert_eq!(frame.node, id);
        if let Some(marker) = frame.marker {
            self.inline.close_marker(marker);
        }
        if frame.link {
            self.links = self.links.saturating_sub(1);
            if frame.link_md {
                self.inline.close_link();
            }
        }
        if frame.region.is_none() {
            return;
        }
        let name = frame.tag;
        match name {
            "td" | "th" if self.in_cell > 0 && self.rows.last().is_some_and(|r| !r.layout) => {
                self.in_cell -= 1;
                let (text, md, link_chars, links) = self.inline.take_cell();
                if let Some(row) = self.rows.last_mut() {
                    row.cells.push(text);
                    row.md_cells.push(md);
                    row.link_chars += link_chars;
                    row.links = row.links.saturating_add(links);
                }
            }
            "tr" => {
                self.flush();
                if let Some(row) = self.rows.pop() {
                    self.emit_row(row);
                }
            }
            _ => self.flush(),
        }
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "blockquote" => self.quote = self.quote.saturating_sub(1),
            "ul" | "ol" | "menu" => self.lists = self.lists.saturating_sub(1),
            "li" => self.list_items = self.list_items.saturating_sub(1),
            "article" | "main" => self.article = self.article.saturating_sub(1),
            h if h.len() == 2 && h.starts_with('h') && h[1..].parse::<u8>().is_ok() => {
                self.heading.pop();
            }
            _ => {}
        }
        match frame.list {
            ListRole::List => self.list_marks.close_list(),
            ListRole::Item => self.list_marks.close_item(),
            ListRole::None => {}
        }
        if name == "pre" && self.pre == 0 {
            self.code_language = None;
        }
        if let Some(r) = frame.region {
            self.close_region(r);
        }
    }

    /// What Markdown needs of a block element: list numbering, the
    /// language of preformatted text.
    fn open_markdown_block(&mut self, node: ego_tree::NodeRef<'_, Node>, name: &str, attrs: &Attrs<'_>, frame: &mut Frame) {
        match name {
            "ul" | "ol" | "dir" | "menu" => {
                let items = || node.children().filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li")).count();
                self.list_marks.open_list(name == "ol", attrs.start, attrs.reversed, items);
                frame.list = ListRole::List;
            }
            "li" => {
                self.list_marks.open_item(attrs.value);
                frame.list = ListRole::Item;
            }
            "pre" if self.pre == 1 => self.code_language = attrs.hints.class.and_then(code_language).map(Box::from),
            _ => {}
        }
    }

    fn text(&mut self, t: &scraper::node::Text) {
        // A text node of one icon glyph (`<i>\u{f0c1}</i>`) says nothing.
        if t.len() <= 8 && is_icon_glyph(t) {
            return;
        }
        if self.pre > 0 {
            self.inline.push_verbatim(t, self.links > 0);
        } else {
            self.inline.push(t, self.links > 0);
        }
        if self.inline.len() > MAX_BLOCK_BYTES && self.in_cell == 0 {
            self.flush();
        }
    }

    fn in_data_cell(&self) -> bool {
        self.in_cell > 0 && self.rows.last().is_some_and(|r| !r.layout)
    }

    /// A block element inside a cell: write what the row holds so far as a
    /// paragraph and read the rest of the table as layout.
    fn make_row_layout(&mut self) {
        let Some(row) = self.rows.last_mut() else { return };
        row.layout = true;
        let mut cells = std::mem::take(&mut row.cells);
        let mut md_cells = std::mem::take(&mut row.md_cells);
        let (link_chars, links) = (row.link_chars, row.links);
        self.in_cell = 0;
        let (cur, cur_md, lc, l) = self.inline.take_cell();
        cells.push(cur);
        md_cells.push(cur_md);
        let joined = |parts: &[String]| {
            let kept = cells.iter().zip(parts).filter(|(c, _)| !c.is_empty());
            kept.map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(" ")
        };
        let text = joined(&cells);
        if !text.is_empty() {
            let markdown = self.opts.markdown.then(|| joined(&md_cells));
            let mut block = Block::new(text, BlockKind::Paragraph);
            block.markdown = markdown;
            block.shape.link_chars = link_chars + lc;
            block.shape.links = links.saturating_add(l);
            self.push_block(block);
        }
    }

    fn emit_row(&mut self, row: Row) {
        if row.layout || row.cells.iter().all(|c| c.is_empty()) {
            return;
        }
        let mut block = Block::new(row.cells.join(" | "), BlockKind::TableRow);
        if self.opts.markdown {
            let cells: Vec<String> = row.md_cells.iter().map(|c| c.replace('|', "\\|")).collect();
            block.markdown = Some(cells.join(" | "));
        }
        block.shape.link_chars = row.link_chars;
        block.shape.links = row.links;
        self.push_block(block);
    }

    fn open_region(&mut self, node: NodeId, tag: &'static str, hint: RegionHint, signature: u32) -> u32 {
        let parent = self.regions.last().copied().unwrap_or(0);
        let depth = self.regions.len().min(u16::MAX as usize) as u16;
        let index = self.page.regions.len() as u32;
        let first = self.page.blocks.len() as u32;
        self.page.regions.push(Region { parent, tag, hint, depth, first_block: first, end_block: first, signature, dialog: false, tab_panel: false });
        self.page.nodes.push(node);
        self.regions.push(index);
        index
    }

    fn close_region(&mut self, index: u32) {
        if self.regions.last() == Some(&index) {
            self.regions.pop();
        }
        let end = self.page.blocks.len() as u32;
        if let Some(r) = self.page.regions.get_mut(index as usize) {
            r.end_block = end;
        }
    }

    /// The kind of a block flushed now, from the open elements.
    fn kind(&self) -> BlockKind {
        if self.pre > 0 {
            BlockKind::Code
        } else if let Some(&level) = self.heading.last() {
            BlockKind::Heading { level }
        } else if self.list_items > 0 {
            BlockKind::ListItem { depth: self.lists.saturating_sub(1).min(8) as u8 }
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Turn the inline buffer into a block.
    fn flush(&mut self) {
        if self.in_data_cell() {
            return;
        }
        let kind = self.kind();
        let Some(taken) = self.inline.take(kind == BlockKind::Code) else { return };
        let mut block = Block::new(taken.text, kind);
        block.markdown = taken.markdown;
        if self.opts.markdown {
            match kind {
                BlockKind::ListItem { .. } => block.shape.list = self.list_marks.mark(),
                BlockKind::Code => block.shape.language = self.code_language.clone(),
                _ => {}
            }
        }
        block.shape.link_chars = taken.link_chars;
        block.shape.links = taken.links;
        self.push_block(block);
    }

    fn push_block(&mut self, mut block: Block) {
        block.shape.region = self.regions.last().copied().unwrap_or(0);
        self.page.blocks.push(block);
    }
}

#[cfg(test)]
mod tests;
