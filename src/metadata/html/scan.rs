//! One pass over a parsed page collecting the elements metadata reads.
//!
//! Metadata used to run a CSS selector over the whole tree per question
//! (`meta[content]`, `script[type]`, four author patterns, ...); matching a
//! selector against every element cost more than the rest of the metadata
//! reading together. This module visits the nodes once and matches by hand,
//! with the rules of the selector each list replaces (written beside it):
//! type selectors compare the local name in any namespace, attribute
//! selectors read unnamespaced attributes, `~=` splits at HTML whitespace,
//! the ` i` flag folds ASCII case only. The order is `scraper`'s
//! `Html::select` order: node creation order, nodes attached to a parent
//! only. It reads values; it decides nothing.

use std::cell::OnceCell;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;
use scraper::ElementRef;

use crate::markup::attr;

/// Whitespace that separates the items of a `~=` attribute match.
const SELECTOR_WHITESPACE: [char; 5] = [' ', '\t', '\n', '\r', '\x0C'];

/// Substrings of a `class` value that mark a byline box (ASCII case folded).
const BYLINE_CLASSES: [&str; 3] = ["byline", "author-name", "author_name"];

/// The elements of a page that metadata reads, each list in `Html::select` order.
#[derive(Debug, Default)]
pub(super) struct Scan<'a> {
    /// The page, for the cues read on first use.
    doc: Option<&'a scraper::Html>,
    /// `meta[content]`
    pub metas: Vec<ElementRef<'a>>,
    /// `link[rel][href]`
    pub links: Vec<ElementRef<'a>>,
    /// `script[type]`
    pub scripts: Vec<ElementRef<'a>>,
    /// The first `head > title`.
    pub title: Option<ElementRef<'a>>,
    /// The first `h1`.
    pub h1: Option<ElementRef<'a>>,
    /// The matches of each DOM author pattern, strongest first (see [`AuthorPattern`]).
    pub authors: [Vec<ElementRef<'a>>; 5],
    /// The page's `h1` and `h2` elements with their place in element order
    /// (the first [`MAX_HEADINGS`]): where the headline may be.
    pub headings: Vec<(usize, ElementRef<'a>)>,
    /// Its `h3` and `h4` elements likewise (the first [`MAX_HEADINGS`]): a
    /// blog's post title or a news box's headline may be one.
    pub minor_headings: Vec<(usize, ElementRef<'a>)>,
    /// Visible date and byline cues, in element order: found on first use
    /// ([`Scan::date_cues`], [`Scan::byline_cues`]), as many pages declare
    /// their date and author and never need them.
    date_cues: OnceCell<Vec<Cue<'a>>>,
    byline_cues: OnceCell<Vec<Cue<'a>>>,
    /// The element places ([`Cue::at`]) cues are read within, when set.
    cue_window: Option<(usize, usize)>,
    /// Elements outside `<meta>` marked `itemprop="datePublished"` (or
    /// `"dateCreated"`), wherever they are.
    pub published_props: Vec<ElementRef<'a>>,
    /// The first value of a `data-author`, `data-author-username` or
    /// `data-username` attribute: forum software marks each post with its
    /// poster so.
    pub poster_attr: Option<&'a str>,
    /// The first element with a class ending in `username` (forum software's
    /// poster name: `username`, vBulletin's `bigusername`, Invision's
    /// `ipsUsername`).
    pub username: Option<ElementRef<'a>>,
    /// Whether an element declares a microdata thread type (`itemtype`
    /// ending in `/QAPage` or `/DiscussionForumPosting`).
    pub thread_microdata: bool,
    /// Links to an author's own page (`metadata::profile_links`), in
    /// element order (the first [`MAX_PROFILE_LINKS`]).
    pub profile_links: Vec<Cue<'a>>,
    /// How many `<article>` elements the page holds.
    pub articles: usize,
    /// How many `<time>` (and microformat `<abbr title>`) elements it holds.
    pub times: usize,
}

impl<'a> Scan<'a> {
    /// The first schema.org microdata author: a `name` marked inside an
    /// `itemprop="author"`, else an `itemprop="author"` element itself.
    pub fn first_microdata_author(&self) -> Option<ElementRef<'a>> {
        let of = |p: AuthorPattern| self.authors[p as usize].first().copied();
        of(AuthorPattern::NameInAuthor).or_else(|| of(AuthorPattern::Author))
    }

    /// The page's visible date cues, in element order (within the window,
    /// if one is set).
    pub fn date_cues(&self) -> &[Cue<'a>] {
        self.date_cues.get_or_init(|| self.walk_cues(true, false).0)
    }

    /// The page's byline cues, in element order (within the window, if one
    /// is set).
    pub fn byline_cues(&self) -> &[Cue<'a>] {
        self.byline_cues.get_or_init(|| self.walk_cues(false, true).1)
    }

    /// Both kinds of cue, found in one walk when neither has been read yet.
    pub fn all_cues(&self) -> (&[Cue<'a>], &[Cue<'a>]) {
        if self.date_cues.get().is_none() && self.byline_cues.get().is_none() {
            let (dates, bylines) = self.walk_cues(true, true);
            let _ = self.date_cues.set(dates);
            let _ = self.byline_cues.set(bylines);
        }
        (self.date_cues(), self.byline_cues())
    }

    fn walk_cues(&self, dates: bool, bylines: bool) -> (Vec<Cue<'a>>, Vec<Cue<'a>>) {
        self.doc.map(|doc| collect_cues(doc, self.cue_window, dates, bylines)).unwrap_or_default()
    }

    /// Read cues only at element places `lo..=hi` (those further from the
    /// headline are never used): before the first cue is read.
    pub fn set_cue_window(&mut self, lo: usize, hi: usize) {
        self.cue_window = Some((lo, hi));
    }
}

/// A visible element that may say when a page was published or who wrote it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue<'a> {
    /// The element's place in element order (what distances to the headline count).
    pub at: usize,
    pub el: ElementRef<'a>,
    pub kind: CueKind,
    /// A byline cue's text node (the one that opens with the byline word).
    pub text: Option<ego_tree::NodeRef<'a, scraper::Node>>,
}

/// What kind of visible cue an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    /// `itemprop="datePublished"` / `"dateCreated"` outside `<meta>`: the date is in an attribute or its text.
    ItempropPublished,
    /// `<time>`, or `<abbr>` with a `title` (microformats' `published`): the date is in an attribute or its text.
    TimeElement,
    /// An element whose class or id speaks of dates ("date", "posted", "meta", ...): the date is in its text.
    DateClass,
    /// A text that opens with a byline word ("By", "Von", "Written by"): its element names the author.
    Byline,
    /// A link to an author's own page (`metadata::profile_links`): its text names the author.
    ProfileLink,
}

/// How many links to author pages are kept (a list of a site's authors
/// holds more; the page's own are near its headline, usually among the first).
const MAX_PROFILE_LINKS: usize = 40;

/// How many `h1`/`h2` elements are kept as headline candidates.
const MAX_HEADINGS: usize = 40;

/// Substrings of a `class` or `id` that mark an element as one that may hold
/// the page's date (ASCII case folded). Its text must still read as a date.
const DATE_CLASSES: [&str; 9] = ["date", "time", "publish", "posted", "submitted", "byline", "meta", "datum", "fecha"];

/// [`DATE_CLASSES`] as one automaton, ASCII case folded: tested on the
/// class and id of every element.
static DATE_CLASS_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().ascii_case_insensitive(true).build(DATE_CLASSES).expect("date classes compile")
});

/// Every page element metadata reads, in one pass.
pub(super) fn scan(doc: &scraper::Html) -> Scan<'_> {
    let mut found = Scan { doc: Some(doc), ..Scan::default() };
    for placed in placed_nodes(doc) {
        let Placed::Element(at, el) = placed else { continue };
        let value = el.value();
        match value.name() {
            "meta" if has_attr(value, "content") => found.metas.push(el),
            "link" if has_attr(value, "rel") && has_attr(value, "href") => found.links.push(el),
            "script" if has_attr(value, "type") => found.scripts.push(el),
            "article" => found.articles += 1,
            "time" => found.times += 1,
            "abbr" if has_attr(value, "title") => found.times += 1,
            "title" if found.title.is_none() && parent_named(el, "head") => found.title = Some(el),
            "h1" | "h2" => {
                if found.h1.is_none() && value.name() == "h1" {
                    found.h1 = Some(el);
                }
                if found.headings.len() < MAX_HEADINGS {
                    found.headings.push((at, el));
                }
            }
            "h3" | "h4" if found.minor_headings.len() < MAX_HEADINGS => found.minor_headings.push((at, el)),
            "a" if found.profile_links.len() < MAX_PROFILE_LINKS
                && attr(value, "href").is_some_and(|h| crate::metadata::profile_links::is_profile_href(h.as_bytes())) =>
            {
                found.profile_links.push(Cue { at, el, kind: CueKind::ProfileLink, text: None })
            }
            _ => {}
        }
        let mut attrs = AuthorAttrs::of(value);
        if found.poster_attr.is_none() {
            found.poster_attr = attrs.poster.filter(|v| !v.trim().is_empty());
        }
        if found.username.is_none() && attrs.class.is_some_and(names_username) {
            found.username = Some(el);
        }
        found.thread_microdata |= attrs.itemtype.is_some_and(|t| {
            let kind = t.trim().rsplit('/').next().unwrap_or("");
            kind.eq_ignore_ascii_case("QAPage") || kind.eq_ignore_ascii_case("DiscussionForumPosting")
        });
        // Both class patterns need "author" or "byline" in the class: most classes are read once.
        attrs.class = attrs.class.filter(|v| contains_any_ignore_ascii_case(v, &["author", "byline"]));
        if attrs.is_empty() {
            continue;
        }
        if value.name() != "meta" && attrs.itemprop.is_some_and(names_published) {
            found.published_props.push(el);
        }
        for (pattern, matches) in AuthorPattern::ALL.iter().zip(found.authors.iter_mut()) {
            if pattern.matches(el, &attrs) {
                matches.push(el);
            }
        }
    }
    found
}

/// The date cues (when `dates`) and the byline cues (when `bylines`) of a
/// page, in element order: another walk over the nodes, counting elements
/// as [`scan`] does, testing only those within `window` (element places,
/// inclusive).
fn collect_cues(
    doc: &scraper::Html,
    window: Option<(usize, usize)>,
    dates: bool,
    bylines: bool,
) -> (Vec<Cue<'_>>, Vec<Cue<'_>>) {
    let (lo, hi) = window.unwrap_or((0, usize::MAX));
    let (mut date_cues, mut byline_cues) = (Vec::new(), Vec::new());
    for placed in placed_nodes(doc) {
        match placed {
            Placed::Text(at, ..) | Placed::Element(at, _) if at > hi => break,
            Placed::Text(at, node, text) if bylines && at >= lo => {
                if let Some(el) = node.parent().and_then(ElementRef::wrap).filter(|_| opens_byline(text)) {
                    byline_cues.push(Cue { at, el, kind: CueKind::Byline, text: Some(node) });
                }
            }
            Placed::Element(at, el) if dates && at >= lo => {
                if let Some(kind) = date_cue(el.value()) {
                    date_cues.push(Cue { at, el, kind, text: None });
                }
            }
            _ => {}
        }
    }
    (date_cues, byline_cues)
}

/// A node of the page with its place in element order, as [`scan`] and
/// [`collect_cues`] count it ([`Cue::at`]).
enum Placed<'a> {
    /// An element attached to a parent: one more than the elements before it.
    Element(usize, ElementRef<'a>),
    /// A text node: the count of the elements before it.
    Text(usize, ego_tree::NodeRef<'a, scraper::Node>, &'a str),
}

/// The page's elements (those attached to a parent) and text nodes in node
/// creation order (`Html::select` order), each with its place.
fn placed_nodes(doc: &scraper::Html) -> impl Iterator<Item = Placed<'_>> {
    let mut at = 0usize;
    doc.tree.nodes().filter_map(move |node| {
        if let Some(text) = node.value().as_text() {
            return Some(Placed::Text(at, node, text));
        }
        let el = ElementRef::wrap(node).filter(|el| el.parent().is_some())?;
        at += 1;
        Some(Placed::Element(at, el))
    })
}

/// Whether a text node opens with a byline word ("By Jane Doe", or "By" alone before a link).
fn opens_byline(text: &str) -> bool {
    let t = text.trim_start();
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    let credit = t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("text:"));
    if credit {
        return true;
    }
    let lexicon = &crate::lexicon::LEXICON;
    if !lexicon.may_open_byline(t) {
        return false;
    }
    is_bare_byline_word(t) || lexicon.byline_rest(t).is_some()
}

/// Whether a text node holds a byline word alone ("By", "Author:"), as
/// pages write it before a linked name.
pub(super) fn is_bare_byline_word(text: &str) -> bool {
    crate::lexicon::LEXICON.is_byline_word(text.trim().trim_end_matches(':').trim_end())
}

/// Whether an `itemprop` value names `datePublished` or `dateCreated`.
fn names_published(itemprop: &str) -> bool {
    includes(itemprop, "datePublished", true) || includes(itemprop, "dateCreated", true)
}

/// The kind of date cue an element is, if any.
fn date_cue(el: &Element) -> Option<CueKind> {
    if el.name() == "meta" {
        return None;
    }
    // The attributes read below, in one pass over the element's attributes.
    let (mut itemprop, mut class, mut id, mut title) = (None, None, None, false);
    for (key, value) in el.attrs.iter().filter(|(key, _)| key.ns.is_empty()) {
        match &*key.local {
            "itemprop" => itemprop = Some(&**value),
            "class" => class = Some(&**value),
            "id" => id = Some(&**value),
            "title" => title = true,
            _ => {}
        }
    }
    if itemprop.is_some_and(names_published) {
        return Some(CueKind::ItempropPublished);
    }
    if el.name() == "time" || (el.name() == "abbr" && title) {
        return Some(CueKind::TimeElement);
    }
    let marked = |v: Option<&str>| v.is_some_and(|v| DATE_CLASS_MATCHER.is_match(v));
    (marked(class) || marked(id)).then_some(CueKind::DateClass)
}

/// DOM author evidence, strongest first.
#[derive(Debug, Clone, Copy)]
enum AuthorPattern {
    /// `[rel~="author" i]`
    Rel,
    /// `[itemprop~="author"] [itemprop~="name"]`
    NameInAuthor,
    /// `[itemprop~="author"]`
    Author,
    /// `[class*="byline" i], [class*="author-name" i], [class*="author_name" i]`
    BylineClass,
    /// `[class*="author" i]:not([class*="comment" i])`
    AuthorClass,
}

impl AuthorPattern {
    const ALL: [AuthorPattern; 5] = [
        AuthorPattern::Rel,
        AuthorPattern::NameInAuthor,
        AuthorPattern::Author,
        AuthorPattern::BylineClass,
        AuthorPattern::AuthorClass,
    ];

    fn matches(self, el: ElementRef, attrs: &AuthorAttrs) -> bool {
        match self {
            AuthorPattern::Rel => attrs.rel.is_some_and(|v| includes(v, "author", true)),
            AuthorPattern::NameInAuthor => {
                attrs.itemprop.is_some_and(|v| includes(v, "name", false))
                    && std::iter::successors(parent_element(el), |p| parent_element(*p))
                        .any(|p| attr(p.value(), "itemprop").is_some_and(|v| includes(v, "author", false)))
            }
            AuthorPattern::Author => attrs.itemprop.is_some_and(|v| includes(v, "author", false)),
            AuthorPattern::BylineClass => {
                attrs.class.is_some_and(|v| contains_any_ignore_ascii_case(v, &BYLINE_CLASSES))
            }
            AuthorPattern::AuthorClass => attrs.class.is_some_and(|v| {
                contains_any_ignore_ascii_case(v, &["author"]) && !contains_any_ignore_ascii_case(v, &["comment"])
            }),
        }
    }
}

/// The attributes the author patterns read, taken in one pass.
#[derive(Debug, Default)]
struct AuthorAttrs<'a> {
    rel: Option<&'a str>,
    itemprop: Option<&'a str>,
    class: Option<&'a str>,
    /// `data-author`, `data-author-username` or `data-username`.
    poster: Option<&'a str>,
    /// `itemtype`.
    itemtype: Option<&'a str>,
}

impl<'a> AuthorAttrs<'a> {
    fn of(el: &'a Element) -> Self {
        let mut attrs = AuthorAttrs::default();
        for (key, value) in el.attrs.iter().filter(|(key, _)| key.ns.is_empty()) {
            match &*key.local {
                "rel" => attrs.rel = Some(&**value),
                "itemprop" => attrs.itemprop = Some(&**value),
                "class" => attrs.class = Some(&**value),
                "data-author" | "data-author-username" | "data-username" => attrs.poster = Some(&**value),
                "itemtype" => attrs.itemtype = Some(&**value),
                _ => {}
            }
        }
        attrs
    }

    fn is_empty(&self) -> bool {
        self.rel.is_none() && self.itemprop.is_none() && self.class.is_none()
    }
}

/// Whether `el` has the unnamespaced attribute `name` (as `[name]` matches
/// in HTML, where an attribute without a namespace has no prefix either).
fn has_attr(el: &Element, name: &str) -> bool {
    attr(el, name).is_some()
}

/// The parent node, if it is an element (the selector engine's parent).
fn parent_element(el: ElementRef) -> Option<ElementRef> {
    el.parent().and_then(ElementRef::wrap)
}

fn parent_named(el: ElementRef, name: &str) -> bool {
    parent_element(el).is_some_and(|p| p.value().name() == name)
}

/// Whether a class item ends in `username`, ASCII case folded.
fn names_username(class: &str) -> bool {
    const USERNAME: &[u8] = b"username";
    class.split(SELECTOR_WHITESPACE).any(|item| item.len() >= USERNAME.len() && item.as_bytes()[item.len() - USERNAME.len()..].eq_ignore_ascii_case(USERNAME))
}

/// `[attr~=word]`: `word` is one of the whitespace-separated items of `value`.
fn includes(value: &str, word: &str, ignore_ascii_case: bool) -> bool {
    let same = |part: &str| if ignore_ascii_case { part.eq_ignore_ascii_case(word) } else { part == word };
    value.split(SELECTOR_WHITESPACE).any(same)
}

/// `[attr*=a i], [attr*=b i], ...`: one of `needles` (none empty) occurs in
/// `haystack`, ASCII case folded.
fn contains_any_ignore_ascii_case(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains_ignore_ascii_case(haystack.as_bytes(), n.as_bytes()))
}

/// `needle` (not empty) occurs in `haystack`, ASCII case folded: memchr
/// finds the places its first byte occurs (it runs on every class of
/// every page).
fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else { return false };
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while let Some(off) = haystack.get(from..).and_then(|rest| memchr::memchr2(lower, upper, rest)) {
        let at = from + off;
        match haystack.get(at..at + needle.len()) {
            Some(window) if window.eq_ignore_ascii_case(needle) => return true,
            Some(_) => from = at + 1,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    /// The CSS of each [`AuthorPattern`], in `AuthorPattern::ALL` order.
    const AUTHOR_PATTERNS: [&str; 5] = [
        r#"[rel~="author" i]"#,
        r#"[itemprop~="author"] [itemprop~="name"]"#,
        r#"[itemprop~="author"]"#,
        r#"[class*="byline" i], [class*="author-name" i], [class*="author_name" i]"#,
        r#"[class*="author" i]:not([class*="comment" i])"#,
    ];

    /// Pages that exercise the matching rules: namespaces, case, whitespace,
    /// nesting, misnested markup (creation order differs from tree order),
    /// template contents.
    const PAGES: [&str; 6] = [
        r#"<html><head><title>T</title><meta name="a" content="1"><meta name="b"><link rel="canonical" href="/x">
           <link rel="x"><script type="application/ld+json">{}</script><script>x</script></head>
           <body><h1>One</h1><h1>Two</h1><article><time datetime="2020-01-01">a</time><p><time>b</time>
           <time datetime="">c</time></p></article><article></article></body></html>"#,
        r#"<body><svg><title>svg title</title><a rel="author" href="/a">Ann</a><meta content="svg"></svg>
           <a REL="Author Me" href="/b">Bo</a><a rel="authorship">no</a><a rel="x	author">tab</a>
           <span class="ByLine">By X</span><span class="post-AUTHOR_NAME">Y</span><span class="author name">no</span>
           <i class="zzBYLINE">end</i><i class="x author-nam">cut</i>
           <div itemprop="author"><span itemprop="name">Z</span><b><i itemprop="given name">W</i></b></div>
           <div itemprop="Author"><span itemprop="name">no</span></div><span itemprop="name">alone</span></body>"#,
        r#"<table><tr><td>a</td></tr><span class="byline">fostered</span><meta content="c"></table>
           <p><b><i>x<p class="author-name">adopted</b>y</p><title>late title</title>"#,
        r#"<template><meta content="in template"><span class="byline">T</span><h1>tpl</h1></template>
           <head><title>x</title></head><p><title>in body</title></p>"#,
        r##"<math><mi class="byline">m</mi></math><div xml:lang="en" xlink:href="y" class="author_name">ns</div>
           <svg><a xlink:href="#z" rel="author">svg link</a><script type="x">s</script></svg>"##,
        r#"<html><head><meta content="no close"><link rel=author href=/p></head><body><article>
           <div><time datetime="d1">1</time></div></article><time datetime="d2">2</time>"#,
    ];

    fn ids(els: &[ElementRef]) -> Vec<ego_tree::NodeId> {
        els.iter().map(|e| e.id()).collect()
    }

    fn by_selector<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
        doc.select(&Selector::parse(css).unwrap()).collect()
    }

    #[test]
    fn scan_matches_the_selectors_it_replaces() {
        for page in PAGES {
            let doc = Html::parse_document(page);
            let found = scan(&doc);
            assert_eq!(ids(&found.metas), ids(&by_selector(&doc, "meta[content]")), "{page}");
            assert_eq!(ids(&found.links), ids(&by_selector(&doc, "link[rel][href]")), "{page}");
            assert_eq!(ids(&found.scripts), ids(&by_selector(&doc, "script[type]")), "{page}");
            let first = |css| by_selector(&doc, css).first().map(|e| e.id());
            assert_eq!(found.title.map(|e| e.id()), first("head > title"), "{page}");
            assert_eq!(found.h1.map(|e| e.id()), first("h1"), "{page}");
            for (css, matches) in AUTHOR_PATTERNS.iter().zip(&found.authors) {
                assert_eq!(ids(matches), ids(&by_selector(&doc, css)), "{css} in {page}");
            }
        }
    }

    #[test]
    fn author_patterns_find_what_they_should() {
        let doc = Html::parse_document(PAGES[1]);
        let found = scan(&doc);
        let texts = |els: &[ElementRef]| els.iter().map(|e| e.text().collect::<String>()).collect::<Vec<_>>();
        assert_eq!(texts(&found.authors[0]), ["Ann", "Bo", "tab"]);
        assert_eq!(texts(&found.authors[1]), ["Z", "W"], "\"given name\" holds the item \"name\"");
        assert_eq!(texts(&found.authors[3]), ["By X", "Y", "end"]);
    }
}
