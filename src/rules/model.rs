//! The rule model: what a rule file may say (the TOML schema, read with
//! serde, every table closed with `deny_unknown_fields`) and the compiled
//! rule the matcher and the applier use (selectors and regexes built once).
//! A rule's CSS selectors are compiled when the rule first applies to a
//! page ([`Rule::html`]), not when it is loaded: a folder of thousands of
//! rules loads in milliseconds, and a page pays only for its own rule.
//!
//! A rule file looks like this (every key optional except that a rule needs
//! `hosts` or `fingerprints`):
//!
//! ```toml
//! hosts = ["example.com"]          # and its subdomains, unless subdomains = false
//! fingerprints = ["Example News is the oldest paper in town", { regex = "^© \\d{4} Example News" }]
//! heuristics = true                # false: keep the selected content as is
//!
//! [html]
//! content = ["article .entry-content"]
//! remove = [".share-bar", ".related"]
//! title = "h1.headline"
//! author = { selector = "meta[name=author]", attribute = "content" }
//!
//! [text]
//! start_after = [{ regex = "^Home \\| News" }]
//! stop_at = ["Related articles"]
//! drop = ["Advertisement", { line = "More from Example", after = 3 }]
//!
//! [[test]]
//! file = "../tests/pages/example.html"   # relative to the rule file's folder
//! url = "https://example.com/news/1"
//! contains = ["first sentence of the article"]
//! excludes = ["Advertisement"]
//! ```

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use regex::Regex;
use scraper::Selector;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::error::RuleError;

// ---- As written ------------------------------------------------------------

fn yes() -> bool {
    true
}

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A note for people reading the rule; not used.
    #[serde(default)]
    pub description: Option<String>,
    /// Hosts the rule applies to.
    #[serde(default)]
    pub hosts: Vec<Spanned<String>>,
    /// Whether subdomains of `hosts` match too (default true).
    #[serde(default = "yes")]
    pub subdomains: bool,
    /// Text that identifies the site inside a dump carrying no URL.
    #[serde(default)]
    pub fingerprints: Vec<Spanned<PatternSpec>>,
    /// Whether the heuristics still run inside the selected content (default true).
    #[serde(default = "yes")]
    pub heuristics: bool,
    /// Directives for HTML pages.
    #[serde(default)]
    pub html: HtmlSpec,
    /// Directives for text dumps.
    #[serde(default)]
    pub text: TextSpec,
    /// Test cases (`[[test]]`).
    #[serde(default, rename = "test")]
    pub tests: Vec<Spanned<TestSpec>>,
}

/// The `[html]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlSpec {
    /// CSS selectors of the content; every match is kept, in document order.
    #[serde(default)]
    pub content: Vec<Spanned<String>>,
    /// CSS selectors of elements removed before blocks are built.
    #[serde(default)]
    pub remove: Vec<Spanned<String>>,
    pub title: Option<Spanned<FieldSpec>>,
    pub author: Option<Spanned<FieldSpec>>,
    pub date: Option<Spanned<FieldSpec>>,
}

/// The `[text]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// The body starts after the first block matching one of these.
    #[serde(default)]
    pub start_after: Vec<Spanned<PatternSpec>>,
    /// The body ends before the first block matching one of these.
    #[serde(default)]
    pub stop_at: Vec<Spanned<PatternSpec>>,
    /// Blocks dropped wherever they are (with `before`/`after` neighbours).
    #[serde(default)]
    pub drop: Vec<Spanned<PatternSpec>>,
}

/// A metadata selector as written: `"h1"` or `{ selector = "meta[name=author]", attribute = "content" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub selector: String,
    pub attribute: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldTable {
    selector: String,
    #[serde(default)]
    attribute: Option<String>,
}

impl<'de> Deserialize<'de> for FieldSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a CSS selector or a table { selector, attribute }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldSpec, E> {
                Ok(FieldSpec { selector: v.to_owned(), attribute: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FieldSpec, A::Error> {
                let t = FieldTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(FieldSpec { selector: t.selector, attribute: t.attribute })
            }
        }
        d.deserialize_any(V)
    }
}

/// A text pattern as written: a bare string, or a table with `line` (a
/// literal), `contains` (a literal part) or `regex`, and for `drop` the
/// neighbours dropped with the match (`before`, `after`, in blocks).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatternSpec {
    /// The bare string form.
    pub bare: Option<String>,
    pub line: Option<String>,
    pub contains: Option<String>,
    pub regex: Option<String>,
    pub before: usize,
    pub after: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternTable {
    line: Option<String>,
    contains: Option<String>,
    regex: Option<String>,
    #[serde(default)]
    before: usize,
    #[serde(default)]
    after: usize,
}

impl<'de> Deserialize<'de> for PatternSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PatternSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a table { line | contains | regex, before, after }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PatternSpec, E> {
                Ok(PatternSpec { bare: Some(v.to_owned()), ..PatternSpec::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PatternSpec, A::Error> {
                let t = PatternTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PatternSpec {
                    bare: None,
                    line: t.line,
                    contains: t.contains,
                    regex: t.regex,
                    before: t.before,
                    after: t.after,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A `[[test]]` case as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestSpec {
    /// A name for reports (default: the input file or `inline #N`).
    pub name: Option<String>,
    /// Input file, relative to the rule file's folder.
    pub file: Option<String>,
    /// Inline input (a dump or HTML).
    pub text: Option<String>,
    /// The page's URL, passed as `--url` would be.
    pub url: Option<String>,
    #[serde(default)]
    pub contains: Vec<String>,
    #[serde(default)]
    pub excludes: Vec<String>,
    /// Expected title and author, when given.
    pub title: Option<String>,
    pub author: Option<String>,
}

// ---- Compiled --------------------------------------------------------------

/// Where a rule came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary from `rules/`.
    Builtin,
    /// Loaded with `--rules DIR`.
    User,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The file name without `.toml` (`kyivpost.com`): what the output's `rule` field says.
    pub name: String,
    /// The file, for messages (`rules/kyivpost.com.toml`).
    pub file: String,
    /// The folder `[[test]]` files are read relative to.
    pub dir: PathBuf,
    pub origin: Origin,
    /// Lower-case hosts.
    pub hosts: Vec<String>,
    pub subdomains: bool,
    pub fingerprints: Vec<Pattern>,
    pub heuristics: bool,
    /// The `[html]` selectors as written (compiled by [`Rule::html`]).
    pub html_source: HtmlSource,
    /// The compiled `[html]` table, or every selector error: built on first use.
    pub(super) html: OnceLock<Result<HtmlRule, Vec<RuleError>>>,
    pub text: TextRule,
    pub tests: Vec<RuleTest>,
}

impl Rule {
    /// The compiled `[html]` directives, compiled on the first call (once
    /// per process, whichever thread asks first); `Err` holds every
    /// selector that does not parse, with the file and line.
    pub fn html(&self) -> Result<&HtmlRule, &[RuleError]> {
        self.html.get_or_init(|| super::load::compile_html(&self.file, &self.html_source)).as_ref().map_err(Vec::as_slice)
    }

    /// The selector errors of a rule whose `[html]` directives were
    /// compiled already and failed (`None`: not tried yet, or fine).
    pub fn failed_html(&self) -> Option<&[RuleError]> {
        self.html.get().and_then(|r| r.as_ref().err()).map(Vec::as_slice)
    }

    /// Whether the rule holds any HTML directive.
    pub fn has_html(&self) -> bool {
        let h = &self.html_source;
        !h.content.is_empty() || !h.remove.is_empty() || h.title.is_some() || h.author.is_some() || h.date.is_some()
    }

    /// Whether the rule holds any text-dump directive.
    pub fn has_text(&self) -> bool {
        let t = &self.text;
        !t.start_after.is_empty() || !t.stop_at.is_empty() || !t.drop.is_empty()
    }
}

/// A CSS selector as written, with its line in the rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CssSource {
    pub source: String,
    pub line: Option<usize>,
}

/// A metadata selector as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSource {
    pub css: CssSource,
    pub attribute: Option<String>,
}

/// The `[html]` table's selectors as written, before they are compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlSource {
    pub content: Vec<CssSource>,
    pub remove: Vec<CssSource>,
    pub title: Option<FieldSource>,
    pub author: Option<FieldSource>,
    pub date: Option<FieldSource>,
}

/// A CSS selector with its source text.
#[derive(Debug, Clone)]
pub struct Css {
    pub source: String,
    pub selector: Selector,
}

/// A metadata selector: the element's text, or the value of `attribute`.
#[derive(Debug, Clone)]
pub struct FieldSelector {
    pub css: Css,
    pub attribute: Option<String>,
}

/// The compiled `[html]` table.
#[derive(Debug, Clone, Default)]
pub struct HtmlRule {
    pub content: Vec<Css>,
    pub remove: Vec<Css>,
    pub title: Option<FieldSelector>,
    pub author: Option<FieldSelector>,
    pub date: Option<FieldSelector>,
}

/// The compiled `[text]` table.
#[derive(Debug, Clone, Default)]
pub struct TextRule {
    pub start_after: Vec<Pattern>,
    pub stop_at: Vec<Pattern>,
    pub drop: Vec<Pattern>,
}

/// How a pattern matches.
#[derive(Debug, Clone)]
pub enum PatternKind {
    /// The whole text equals this (whitespace collapsed, trimmed).
    Line(String),
    /// The text contains this (whitespace collapsed).
    Contains(String),
    /// The regex matches somewhere in the text.
    Regex(Regex),
}

/// A compiled text pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub kind: PatternKind,
    /// Blocks dropped before and after a match (`drop` only).
    pub before: usize,
    pub after: usize,
}

impl Pattern {
    /// Whether `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        match &self.kind {
            PatternKind::Line(l) => collapse(text) == *l,
            PatternKind::Contains(c) => collapse(text).contains(c.as_str()),
            PatternKind::Regex(r) => r.is_match(text),
        }
    }

    /// Whether a whole document matches: `collapsed` is its text with
    /// whitespace collapsed, `raw` as read. A `Line` pattern needs one line
    /// of `raw` equal to it; `Contains` looks in `collapsed` (a sentence may
    /// be wrapped); a regex searches `raw`.
    pub fn matches_document(&self, collapsed: &str, raw: &str) -> bool {
        match &self.kind {
            PatternKind::Line(l) => raw.lines().any(|line| collapse(line) == *l),
            PatternKind::Contains(c) => collapsed.contains(c.as_str()),
            PatternKind::Regex(r) => r.is_match(raw),
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.kind {
            PatternKind::Line(l) => write!(f, "{l:?}"),
            PatternKind::Contains(c) => write!(f, "contains {c:?}"),
            PatternKind::Regex(r) => write!(f, "regex {:?}", r.as_str()),
        }?;
        if self.before > 0 {
            write!(f, " before {}", self.before)?;
        }
        if self.after > 0 {
            write!(f, " after {}", self.after)?;
        }
        Ok(())
    }
}

/// The input of a test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestInput {
    /// A file, already resolved against the rule's folder.
    File(PathBuf),
    Inline(String),
}

/// A compiled `[[test]]` case.
#[derive(Debug, Clone)]
pub struct RuleTest {
    pub name: String,
    pub input: TestInput,
    pub url: Option<String>,
    pub contains: Vec<String>,
    pub excludes: Vec<String>,
    pub title: Option<String>,
    pub author: Option<String>,
}

/// Every run of whitespace as one space, trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
