//! The block: the unit every front end produces and the one scorer classifies.
//!
//! A block is a paragraph-level piece of the input (a paragraph, a heading, a
//! list item, a table row, a code block). Front ends (`frontend::text`, later
//! `frontend::html`) cut the input into blocks and fill in what the markup or
//! layout tells about them ([`BlockShape`]); `features` derives the numbers the
//! scorer reads; `classify` gives each block a [`Label`] and the [`Reason`]
//! for it. This module only defines the types; it computes nothing.

use serde::Serialize;

/// What a block is, structurally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BlockKind {
    /// Running text.
    Paragraph,
    /// A heading; `level` 1..=6 where the input says so, else 2.
    Heading { level: u8 },
    /// An item of a bulleted or numbered list; `depth` 0 for top level.
    ListItem { depth: u8 },
    /// A quotation.
    Quote,
    /// Preformatted text, kept verbatim.
    Code,
    /// One row of a table, cells separated by ` | ` in `text`.
    TableRow,
}

impl BlockKind {
    /// Whether consecutive blocks of this kind belong together in the output
    /// (list items and table rows are written one a line, not one a paragraph).
    pub fn is_line_group(self) -> bool {
        matches!(self, BlockKind::ListItem { .. } | BlockKind::TableRow)
    }
}

/// What the front end saw around a block: layout for text dumps, markup for
/// HTML. Every field has a neutral default so a front end fills in only what
/// it knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockShape {
    /// First and last source line (1-based) the block came from, for text
    /// dumps; 0 when not applicable.
    pub first_line: u32,
    pub last_line: u32,
    /// Characters of `text` that were link anchor text (HTML `<a>`, Markdown
    /// `[..](..)`) or bare URLs.
    pub link_chars: u32,
    /// Number of links in the block.
    pub links: u16,
    /// Blank lines before the block in a text dump (0 in HTML).
    pub gap_before: u16,
    /// Number of non-blank lines in the run of lines (no blank line between)
    /// this block belongs to; 1 when the block stands alone.
    pub run_len: u16,
    /// Leading indentation in columns (text dumps).
    pub indent: u16,
    /// Markup evidence from class/id/role hints of the enclosing elements:
    /// positive for content-like (`article`, `content`), negative for
    /// boilerplate-like (`nav`, `share`, `related`). 0 when unknown.
    pub markup_hint: f32,
    /// Inside an element that declares itself the main content
    /// (`<article>`, `<main>`, `itemprop=articleBody`).
    pub in_main: bool,
    /// Index of the innermost [`Region`] holding the block (0, the root, for
    /// text dumps).
    pub region: u32,
    /// For a list item of an HTML list, when Markdown output was asked
    /// for: its number and place in the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListMark>,
    /// For a code block, when Markdown output was asked for: the language
    /// its markup names (`class="language-rust"`, `lang-rust`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Box<str>>,
}

/// A list item block's place in its list, for the Markdown renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ListMark {
    /// The item's number in a numbered list (`<ol>`); `None` in a bulleted one.
    pub number: Option<u32>,
    /// The first block of the first item of its list.
    pub first: bool,
    /// A further block of an item already begun (a second paragraph, text
    /// after a nested list): no new marker.
    pub continued: bool,
}

/// A paragraph-level unit of the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// The block's text, whitespace-normalised (inline Markdown removed).
    pub text: String,
    pub kind: BlockKind,
    pub shape: BlockShape,
    /// The text with inline Markdown (emphasis, code, links), when the front
    /// end saw inline markup and Markdown output was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
}

impl Block {
    /// A block of `kind` with `text` and a neutral shape.
    pub fn new(text: impl Into<String>, kind: BlockKind) -> Self {
        Block { text: text.into(), kind, shape: BlockShape::default(), markdown: None }
    }
}

/// The decision about a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Main content: rendered.
    Content,
    /// Boilerplate: dropped.
    Boilerplate,
    /// The headline, lifted into metadata.
    Title,
    /// The byline, lifted into metadata.
    Byline,
}

/// Why a block got its label: the feature or context that decided it.
/// Shown by `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Long running text with function words and sentence punctuation.
    Prose,
    /// Score above the content threshold without being clear prose.
    Score,
    /// Score below the boilerplate threshold.
    LowScore,
    /// Matches a widget phrase (share, subscribe, advertisement, ...).
    Widget,
    /// Mostly link text.
    LinkDense,
    /// Part of a run of short lines (menu, link list, tag cloud).
    LinkList,
    /// A byline, timestamp or relative time ("By AFP", "2h ago").
    Dateline,
    /// Copyright or legal notice.
    Legal,
    /// The same text occurs elsewhere in the input.
    Repeated,
    /// Undecided on its own; took the label of its neighbours.
    Context,
    /// A short heading followed by content.
    Subheading,
    /// Outside the main body span of the document.
    OutsideBody,
    /// After a marker that ends the article (related, comments, footer).
    AfterEnd,
    /// Lifted into metadata as headline or byline.
    Metadata,
    /// Decided by a site rule.
    Rule,
    /// Inside a region the markup marks as boilerplate (nav, aside, share
    /// bar, related list, cookie banner, comments) or hidden.
    Markup,
    /// The learned scorer's probability, against the threshold.
    Model,
    /// The model was unsure; the heuristics' label stood (the
    /// `second_opinion` pass).
    SecondOpinion,
}

/// A block's label with its score and reason.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Verdict {
    pub label: Label,
    /// Stage-one score: positive leans content, negative boilerplate.
    pub score: f32,
    pub reason: Reason,
}

/// What the markup says about a region (an HTML element and its subtree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionHint {
    /// Nothing known.
    #[default]
    None,
    /// Declares itself the main content (`<article>`, `<main>`,
    /// `itemprop=articleBody`, a `content`/`post-body` class).
    Content,
    /// Weakly boilerplate (`meta`, `byline`, `caption` classes).
    Weak,
    /// Reader comments.
    Comments,
    /// A boilerplate region by tag, role, class or id (nav, share, related,
    /// cookie banner, ad); its blocks are dropped unless it holds most of the
    /// page's prose.
    Drop,
    /// Hidden from readers (`hidden`, inline `display:none`): dropped with
    /// its subtree, however much prose it holds.
    Hidden,
}

/// A container of consecutive blocks: one element of an HTML page and its
/// subtree. Regions form a tree through `parent`, stored in pre-order, so
/// a region's blocks are `first_block..end_block` and its descendants follow
/// it. Text dumps have a single root region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// Index of the parent region; the root is its own parent (index 0).
    pub parent: u32,
    /// The element's tag name (`div`, `article`), empty for the root.
    pub tag: &'static str,
    pub hint: RegionHint,
    /// Nesting depth, 0 for the root.
    pub depth: u16,
    pub first_block: u32,
    pub end_block: u32,
    /// What the element looks like to a template: a hash of its tag and
    /// class names (digits left out, so `item-1` and `item-2` agree). Sibling
    /// regions with equal signatures are repeated records (cards, list
    /// entries, posts). 0 for the root.
    pub signature: u32,
    /// The element is a dialog (`<dialog>`, `role=dialog`/`alertdialog`,
    /// `aria-modal=true`): a cookie panel, a policy or a sign-up form shown
    /// over the page, never the page's own content.
    pub dialog: bool,
    /// The element is a tab panel (`role=tabpanel`): one of a tab set's
    /// panels, of which a reader sees one at a time and reaches the others
    /// by their tabs, so a hidden one is not hidden the way a closed pop-up
    /// is ([`hidden_tabs_beside_shown`]).
    pub tab_panel: bool,
}

/// The hidden tab panels (`hidden`, `role=tabpanel`) beside a shown one
/// that `keeps` (of its index and itself; a shown panel of the same parent
/// region): a tab set whose shown panel is content offers the same content
/// for other choices (the same steps for another language), one click
/// away, so its hidden panels are read as the shown one is rather than
/// dropped as hidden. One flag a region. Measured out of fold with the
/// learned scorer (session 41, the full `scripts/train`, models unchanged):
/// wcxb-dev word 0.8645 -> 0.8646, wcxb-rest 0.8839 -> 0.8845 (4411 +0.10,
/// 2836 +0.11, 0646 +0.02; the two Sweetwater product pages -0.03 each,
/// whose shown "about us" panel the model already kept); readability-dev
/// and trafilatura-dev unchanged. The heuristics: `classify::tree`.
/// Empty when the page has no hidden tab panel (nearly every page), so the
/// common case costs one look at each region and no allocation.
pub fn hidden_tabs_beside_shown(regions: &[Region], keeps: impl Fn(usize, &Region) -> bool) -> Vec<bool> {
    if !regions.iter().any(|r| r.tab_panel && r.hint == RegionHint::Hidden) {
        return Vec::new();
    }
    let mut shown = vec![false; regions.len()];
    let shown_panels = regions.iter().enumerate().filter(|&(_, r)| r.tab_panel && r.hint != RegionHint::Hidden);
    for (_, r) in shown_panels.filter(|&(i, r)| keeps(i, r)) {
        if let Some(s) = shown.get_mut(r.parent as usize) {
            *s = true;
        }
    }
    regions
        .iter()
        .map(|r| r.tab_panel && r.hint == RegionHint::Hidden && shown.get(r.parent as usize).copied().unwrap_or(false))
        .collect()
}

impl Region {
    /// The root region (the whole document) over blocks `0..end_block`.
    pub fn root(hint: RegionHint, end_block: u32) -> Self {
        Region { parent: 0, tag: "", hint, depth: 0, first_block: 0, end_block, signature: 0, dialog: false, tab_panel: false }
    }
}
