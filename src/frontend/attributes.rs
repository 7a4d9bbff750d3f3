//! Which attributes reach the parser.
//!
//! Most bytes a page's markup keeps after its scripts and styles are tags,
//! and many of a tag's bytes are attributes pith never reads (`data-*`,
//! `srcset`, `sizes`, `onclick`, `width`...): html5ever would tokenize
//! each one character by character and the tree would store it. The
//! pre-parse pass (`frontend::nesting`) drops them instead, keeping the
//! attributes the walk, the metadata and the site rules read
//! ([`KeptAttributes`]).
//!
//! A tag is rewritten only where this module reads its attributes exactly
//! as html5ever's tokenizer does (plain names, quoted or bare values, the
//! tag ending where the pass thinks it ends); any other tag is left whole.
//! Formatting elements (`<b>`, `<font>`, `<em>`...) keep every attribute:
//! the parser compares them to decide which formatting elements it keeps
//! open (the "Noah's Ark" clause: at most three equal entries), and
//! dropping some could make two of them equal. `<a>` is the exception: a
//! new `<a>` first ends the one open since the last table cell (or other
//! marker) and takes it off the list, so the part of the list the clause
//! counts never holds two and their attributes are never compared
//! (links are a quarter of a page's markup once its scripts are gone).
//! This module decides nothing about content.

use crate::frontend::tag_syntax::Read;
use crate::rules::RuleSet;

/// The longest name [`is_read`] knows, in bytes.
const LONGEST_READ: usize = 20;

/// The attributes kept for parsing: those pith reads ([`is_read`]) and
/// those the site rules name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptAttributes {
    /// Attributes named by site rules (selectors, `attribute =` fields),
    /// lower-case, beyond [`is_read`].
    extra: Vec<String>,
    /// A rule's selector names an attribute this module cannot read
    /// (`[*|x]`): every attribute is kept.
    all: bool,
    /// A rule names `href` (in a selector or as a field's attribute).
    href_in_rules: bool,
    /// `href` is dropped from every tag but `<link>` ([`Self::with_link_targets`]).
    no_link_targets: bool,
}

impl KeptAttributes {
    /// Keep every attribute (no filtering).
    pub fn all() -> Self {
        KeptAttributes { all: true, ..KeptAttributes::default() }
    }

    /// These attributes, less `href` on every tag but `<link>` unless
    /// `links` (Markdown links are written, the only reader of `<a href>`;
    /// the metadata reads `<link href>`) or a rule names `href`. On
    /// trafilatura-dev, `<a href>` is 13% of the markup the parser gets.
    pub fn with_link_targets(mut self, links: bool) -> Self {
        self.no_link_targets = !links && !self.href_in_rules;
        self
    }

    /// The attributes pith reads and every attribute a rule of `rules` names in its `[html]`
    /// selectors or fields.
    pub fn with_rules(rules: &RuleSet) -> Self {
        let mut kept = KeptAttributes::default();
        for rule in rules.rules() {
            let h = &rule.html_source;
            let fields = [&h.title, &h.author, &h.date];
            let selectors = h.content.iter().chain(&h.remove).chain(fields.iter().filter_map(|f| f.as_ref().map(|f| &f.css)));
            for css in selectors {
                kept.all |= !kept.add_selector(&css.source);
            }
            for attribute in fields.iter().filter_map(|f| f.as_ref()?.attribute.as_deref()) {
                kept.add(attribute);
            }
        }
        kept.extra.sort();
        kept.extra.dedup();
        kept
    }

    /// Whether any attribute is dropped at all.
    pub fn filters(&self) -> bool {
        !self.all
    }

    fn add(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        self.href_in_rules |= name == "href";
        if !is_read(name.as_bytes()) {
            self.extra.push(name);
        }
    }

    /// Add the attributes of every `[name...]` in `selector`; false when
    /// one cannot be read.
    fn add_selector(&mut self, selector: &str) -> bool {
        for (at, _) in selector.match_indices('[') {
            let rest = selector[at + 1..].trim_start();
            let end = rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '|' | '*'))).unwrap_or(rest.len());
            let mut name = &rest[..end];
            // `[ns|name]`: the name after the namespace; `[name|=v]` is a name.
            if let Some((ns, local)) = name.split_once('|')
                && !local.is_empty()
            {
                if ns == "*" {
                    return false;
                }
                name = local;
            }
            let name = name.trim_end_matches('|');
            if name.is_empty() || name.contains('*') {
                return false;
            }
            self.add(name);
        }
        true
    }

    /// Whether the attribute written as `span` (its name, then any value)
    /// is kept, on a tag whose targets are dropped or not (`no_href`).
    /// A dropped target is still kept when it links to an author's page
    /// (`metadata::profile_links`): the metadata reads those.
    fn keeps(&self, span: &[u8], no_href: bool) -> bool {
        let name = name_of(span);
        if no_href && name.eq_ignore_ascii_case(b"href") {
            return crate::metadata::profile_links::is_profile_href(value_of(span));
        }
        self.all || is_read(name) || (!self.extra.is_empty() && self.extra.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(name)))
    }

    /// Write the tag `head` (up to its name's end) followed by `tag` (the
    /// rest, read as `read` with `spans`) without the attributes not kept.
    /// False, with nothing written, when every attribute is kept.
    pub fn rewrite(&self, head: &str, tag: &[u8], read: &Read, spans: &[(usize, usize)], out: &mut String) -> bool {
        if self.all {
            return false;
        }
        // `head` is `<` and the tag's name.
        let no_href = self.no_link_targets && !head.get(1..).is_some_and(|n| n.eq_ignore_ascii_case("link"));
        // Bit i: span i is kept (spans.len() <= MAX_SPANS = 32).
        let kept = spans.iter().enumerate().fold(0u32, |bits, (i, &(s, e))| bits | (u32::from(self.keeps(&tag[s..e], no_href)) << i));
        if kept.count_ones() as usize == spans.len() {
            return false;
        }
        out.push_str(head);
        for (i, &(s, e)) in spans.iter().enumerate() {
            if kept & (1 << i) != 0 {
                out.push(' ');
                // Spans start at an ASCII name byte and end after a value or
                // name: char boundaries of the original `str`.
                out.push_str(std::str::from_utf8(&tag[s..e]).unwrap_or_default());
            }
        }
        // A space keeps a bare value from taking the slash.
        out.push_str(if read.self_closing { " />" } else { ">" });
        true
    }
}

/// Whether pith reads the attribute `name` (any ASCII case): the walk
/// (`frontend::html`: `hidden`, `style`, `href` (of `<a>`, for Markdown
/// links alone: [`KeptAttributes::with_link_targets`]), `aria-modal`, `start`,
/// `reversed`, `value`), the markup hints (`markup::HintAttrs`: `role`,
/// `class`, `id`, `itemprop`) and the metadata (`lang`, `rel`, `content`,
/// `name`, `property`, `http-equiv`, `type`, `datetime`, `title`,
/// `charset`; a thread's poster: `data-author`, `data-author-username`,
/// `data-username`, `itemtype`). Code that reads another attribute adds it here
/// (tests/parse_attributes.rs compares extraction with and without the filter).
pub fn is_read(name: &[u8]) -> bool {
    if name.len() > LONGEST_READ {
        return false;
    }
    if is_read_lowercase(name) {
        return true;
    }
    if !name.iter().any(u8::is_ascii_uppercase) {
        return false;
    }
    let mut buf = [0u8; LONGEST_READ];
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    is_read_lowercase(lower)
}

fn is_read_lowercase(name: &[u8]) -> bool {
    matches!(
        name,
        b"aria-modal"
            | b"charset"
            | b"class"
            | b"content"
            | b"data-author"
            | b"data-author-username"
            | b"data-username"
            | b"datetime"
            | b"hidden"
            | b"href"
            | b"http-equiv"
            | b"id"
            | b"itemprop"
            | b"itemtype"
            | b"lang"
            | b"name"
            | b"property"
            | b"reversed"
            | b"rel"
            | b"role"
            | b"start"
            | b"style"
            | b"title"
            | b"type"
            | b"value"
    )
}

/// The name at the start of an attribute span.
fn name_of(span: &[u8]) -> &[u8] {
    let end = span.iter().position(|&b| b.is_ascii_whitespace() || b == b'=').unwrap_or(span.len());
    &span[..end]
}

/// The value of an attribute written as `span` (`name="v"`, `name='v'`,
/// `name=v`), without its quotes; empty without one.
fn value_of(span: &[u8]) -> &[u8] {
    let Some(eq) = span.iter().position(|&b| b == b'=') else { return &[] };
    let value = span[eq + 1..].trim_ascii();
    match value.first() {
        Some(&q @ (b'"' | b'\'')) => value[1..].strip_suffix(&[q]).unwrap_or(&value[1..]),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::tag_syntax::{read_attributes, MAX_SPANS};

    fn rewrite(kept: &KeptAttributes, tag: &str) -> String {
        let name_end = tag.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(tag.len());
        let rest = &tag.as_bytes()[name_end..];
        let mut spans = [(0, 0); MAX_SPANS];
        let mut out = String::new();
        match read_attributes(rest, &mut spans) {
            Some(read) if read.len == rest.len() && kept.rewrite(&tag[..name_end], rest, &read, &spans[..read.count], &mut out) => out,
            _ => tag.to_owned(),
        }
    }

    #[test]
    fn unread_attributes_are_dropped() {
        let k = KeptAttributes::default();
        assert_eq!(rewrite(&k, r#"<div data-x="1" class="a b" onclick='f()' id=main>"#), r#"<div class="a b" id=main>"#);
        assert_eq!(rewrite(&k, r#"<img src="a.png" srcset="a 1x, b 2x" alt="x"/>"#), "<img />");
        assert_eq!(rewrite(&k, r#"<div CLASS = "c" Data-Y>"#), r#"<div CLASS = "c">"#);
        assert_eq!(rewrite(&k, r#"<div class="a">"#), r#"<div class="a">"#);
    }

    #[test]
    fn bare_values_keep_their_slash() {
        let k = KeptAttributes::default();
        // html5ever reads `a/` as the value: the tag is not self-closing.
        assert_eq!(rewrite(&k, "<p href=a/ data-x=1>"), "<p href=a/>");
        assert_eq!(rewrite(&k, "<p data-x=a/>"), "<p>");
        assert_eq!(rewrite(&k, "<p data-x=1 / >"), "<p>");
        assert_eq!(rewrite(&k, "<br data-x=1 />"), "<br />");
    }

    #[test]
    fn unusual_tags_are_left_whole() {
        let k = KeptAttributes::default();
        for tag in [r#"<div data-x="1" "odd">"#, r#"<div =x data-y=1>"#, "<div data-x=\"1>", r#"<div data-x="1"a<b>"#] {
            assert_eq!(rewrite(&k, tag), tag);
        }
    }

    #[test]
    fn link_targets_are_dropped_but_for_link_tags() {
        let k = KeptAttributes::default().with_link_targets(false);
        assert_eq!(rewrite(&k, r#"<a class="c" HREF="/x" rel=author>"#), r#"<a class="c" rel=author>"#);
        assert_eq!(rewrite(&k, r#"<LINK rel="canonical" href="/x">"#), r#"<LINK rel="canonical" href="/x">"#);
        assert_eq!(rewrite(&KeptAttributes::default(), r#"<a href="/x">"#), r#"<a href="/x">"#);
        assert_eq!(rewrite(&KeptAttributes::default().with_link_targets(true), r#"<a href="/x">"#), r#"<a href="/x">"#);
        let mut named = KeptAttributes::default();
        assert!(named.add_selector(r#"a[HREF^="/story/"]"#));
        assert_eq!(rewrite(&named.with_link_targets(false), r#"<a href="/x">"#), r#"<a href="/x">"#);
    }

    #[test]
    fn links_to_author_pages_keep_their_targets() {
        let k = KeptAttributes::default().with_link_targets(false);
        assert_eq!(rewrite(&k, r#"<a data-x=1 href="/author/jane-doe">"#), r#"<a href="/author/jane-doe">"#);
        assert_eq!(rewrite(&k, "<a href='https://x.org/autoren/georg-quaas/' id=a>"), "<a href='https://x.org/autoren/georg-quaas/' id=a>");
        assert_eq!(rewrite(&k, "<a href=/staff/jd data-y>"), "<a href=/staff/jd>");
        assert_eq!(rewrite(&k, r#"<a href="/tag/jane-doe" id=a>"#), "<a id=a>");
    }

    #[test]
    fn rules_keep_what_they_name() {
        let mut k = KeptAttributes::default();
        assert!(k.add_selector(r#"div[data-testid="body"] > [ Data-Role ], a[xlink|href], p[lang|=en]"#));
        k.extra.sort();
        assert_eq!(k.extra, ["data-role", "data-testid"]);
        assert_eq!(rewrite(&k, r#"<div data-testid="x" data-role=y data-z>"#), r#"<div data-testid="x" data-role=y>"#);
        assert!(!k.clone().add_selector("[*|x]"));
        assert!(!k.add_selector("[*]"));
    }
}
