//! What HTML markup says about an element: its tag, role, class and id
//! read as a [`RegionHint`].
//!
//! The token lists are data (`data/markup_hints.txt`); this module splits
//! class and id values into tokens and looks them up whole, so "ad" matches
//! `ad-slot` but never `shadow`. It decides nothing about blocks: the
//! classifier weighs the hints (`classify::tree`).

use std::sync::LazyLock;

use foldhash::HashMap;
use scraper::node::Element;

use crate::block::RegionHint;
use crate::lexicon::data_lines;

const MARKUP_HINTS: &str = include_str!("../data/markup_hints.txt");

/// Token → hint, from `data/markup_hints.txt`.
static TOKENS: LazyLock<HashMap<&'static str, RegionHint>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    let mut current = RegionHint::None;
    for line in data_lines(MARKUP_HINTS) {
        current = match line {
            "[drop]" => RegionHint::Drop,
            "[comments]" => RegionHint::Comments,
            "[content]" => RegionHint::Content,
            "[weak]" => RegionHint::Weak,
            _ => {
                for token in line.split_whitespace() {
                    map.insert(token, current);
                }
                continue;
            }
        };
    }
    map
});

/// A filter in front of [`TOKENS`]: bit [`sketch`] of every token is set,
/// so a name whose bit is clear is no token and costs no lowercasing or
/// hashing (most class names are not tokens: 94% of the bits are clear).
static TOKEN_SKETCH: LazyLock<[u64; SKETCH_WORDS]> = LazyLock::new(|| {
    let mut bits = [0u64; SKETCH_WORDS];
    for token in TOKENS.keys() {
        let b = sketch(token.as_bytes());
        bits[b / 64] |= 1 << (b % 64);
    }
    bits
});

/// Words of [`TOKEN_SKETCH`] (4096 bits).
const SKETCH_WORDS: usize = 64;

/// A name's bit in [`TOKEN_SKETCH`], from its length and its first and last
/// bytes, lower-cased.
fn sketch(name: &[u8]) -> usize {
    let (first, last) = match name {
        [] => (0, 0),
        [f, .., l] | [f @ l] => (f.to_ascii_lowercase(), l.to_ascii_lowercase()),
    };
    (name.len().wrapping_mul(131) ^ usize::from(first).wrapping_mul(31) ^ usize::from(last).wrapping_mul(7919)) % (SKETCH_WORDS * 64)
}

/// Whether `name` may be a token (its bit is set).
fn may_be_token(sketch_bits: &[u64; SKETCH_WORDS], name: &str) -> bool {
    let b = sketch(name.as_bytes());
    sketch_bits[b / 64] & (1 << (b % 64)) != 0
}

/// Precedence when tokens disagree: a specific boilerplate word beats a
/// generic content word (`article-related` is a related list, `post-meta`
/// is meta), comments beat everything but drop.
fn rank(h: RegionHint) -> u8 {
    match h {
        RegionHint::None => 0,
        RegionHint::Content => 1,
        RegionHint::Weak => 2,
        RegionHint::Comments => 3,
        RegionHint::Drop => 4,
        RegionHint::Hidden => 5,
    }
}

fn stronger(a: RegionHint, b: RegionHint) -> RegionHint {
    if rank(b) > rank(a) { b } else { a }
}

/// The hint of one class or id value (space-separated names).
pub fn attribute_hint(value: &str) -> RegionHint {
    let mut hint = RegionHint::None;
    let mut lower = String::new();
    let sketch_bits = &*TOKEN_SKETCH;
    let mut look_up = |token: &str| {
        if !may_be_token(sketch_bits, token) {
            return;
        }
        lower.clear();
        lower.push_str(token);
        lower.make_ascii_lowercase();
        if let Some(&h) = TOKENS.get(lower.as_str()) {
            hint = stronger(hint, h);
        }
    };
    for name in value.split_ascii_whitespace().take(MAX_NAMES).filter(|n| n.len() <= MAX_NAME_LEN) {
        look_up(name);
        for_each_token(name, &mut look_up);
    }
    hint
}

/// Class names looked at per attribute, and the longest looked at: utility
/// CSS frameworks write dozens of long generated names that mean nothing.
const MAX_NAMES: usize = 16;
const MAX_NAME_LEN: usize = 64;

/// Call `f` on each token of a class or id name, in order: the name split at
/// `-`, `_`, `:`, `.` (dropped) and at lower→upper humps (kept), no empty tokens.
fn for_each_token(name: &str, mut f: impl FnMut(&str)) {
    let bytes = name.as_bytes();
    let mut start = 0;
    for i in 0..=bytes.len() {
        let separator = i == bytes.len() || matches!(bytes[i], b'-' | b'_' | b':' | b'.');
        let hump = !separator && i > 0 && bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase();
        if separator || hump {
            // Both cut at ASCII bytes, so the slice ends are char boundaries.
            if i > start {
                f(&name[start..i]);
            }
            start = if separator { i + 1 } else { i };
        }
    }
}

/// The hint of an ARIA role.
pub fn role_hint(role: &str) -> RegionHint {
    match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        | "alertdialog" | "toolbar" | "tablist" => RegionHint::Drop,
        "main" | "article" => RegionHint::Content,
        "comment" => RegionHint::Comments,
        _ => RegionHint::None,
    }
}

/// The hint of a tag on its own. `in_article` says whether an `<article>` or
/// `<main>` is open around it: a `<header>` there holds the headline and
/// byline, outside it the site's masthead.
pub fn tag_hint(tag: &str, in_article: bool) -> RegionHint {
    match tag {
        "nav" | "aside" | "footer" | "menu" | "dialog" => RegionHint::Drop,
        "header" if !in_article => RegionHint::Drop,
        "header" | "figcaption" | "address" => RegionHint::Weak,
        "article" | "main" => RegionHint::Content,
        _ => RegionHint::None,
    }
}

/// The attributes an element's hint is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HintAttrs<'a> {
    pub role: Option<&'a str>,
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub itemprop: Option<&'a str>,
}

impl<'a> HintAttrs<'a> {
    /// Keep `value` if `name` (a plain, unnamespaced attribute name) is one
    /// the hint reads; false if it is not.
    pub fn offer(&mut self, name: &str, value: &'a str) -> bool {
        let slot = match name {
            "role" => &mut self.role,
            "class" => &mut self.class,
            "id" => &mut self.id,
            "itemprop" => &mut self.itemprop,
            _ => return false,
        };
        *slot = Some(value);
        true
    }
}

/// An element's attributes outside any namespace (what `Element::attr`
/// looks up), by local name, in one pass and without interning names.
pub fn plain_attrs(el: &Element) -> impl Iterator<Item = (&str, &str)> {
    el.attrs
        .iter()
        .filter(|(name, _)| name.prefix.is_none() && name.ns.is_empty())
        .map(|(name, value)| (&*name.local, &**value))
}

/// The value of `el`'s attribute `name` (lower-case) outside any namespace:
/// what `Element::attr` returns, without making an atom of `name` at every
/// call as it does (15 M instructions a pass over 100 trafilatura-dev
/// pages, session 40); an element keeps a few attributes after the
/// pre-parse pass, so comparing their names in order costs less.
pub fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    plain_attrs(el).find(|&(local, _)| local == name).map(|(_, value)| value)
}

/// [`attribute_hint`] remembered per value: the elements of a page repeat
/// their class names (list items, cards, menu entries).
#[derive(Debug, Default)]
pub struct HintCache<'a>(HashMap<&'a str, RegionHint>);

impl<'a> HintCache<'a> {
    /// The hint of one class or id value, as [`attribute_hint`] gives it.
    pub fn attribute_hint(&mut self, value: &'a str) -> RegionHint {
        *self.0.entry(value).or_insert_with(|| attribute_hint(value))
    }
}

/// The combined hint of an element: its tag, role, class and id, and
/// `itemprop=articleBody`, which overrules them all (a share script names
/// the article body it attaches to `gigya-share-btns_containerParent`).
pub fn element_hint<'a>(attrs: &HintAttrs<'a>, tag: &str, in_article: bool, cache: &mut HintCache<'a>) -> RegionHint {
    let mut hint = tag_hint(tag, in_article);
    if let Some(role) = attrs.role {
        hint = stronger(hint, role_hint(role));
    }
    for v in [attrs.class, attrs.id].into_iter().flatten() {
        hint = stronger(hint, cache.attribute_hint(v));
    }
    if attrs.itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) {
        hint = RegionHint::Content;
    }
    hint
}

/// The template signature of an element: FNV-1a over its tag and first
/// class name with ASCII digits left out (`post-17` and `post-18` are one
/// template; so are `card` and `card featured`). Never 0, which the root
/// region uses. Measured against the whole class attribute (traf / rd /
/// wcxb): 0.9233 / 0.9421 / 0.8424 → first name 0.9242 / 0.9425 / 0.8454
/// (listing 0.635 → 0.663); first two names 0.9257 / 0.9422 / 0.8432.
pub fn signature(tag: &str, class: Option<&str>) -> u32 {
    const OFFSET: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    let class = class.unwrap_or("");
    // The first class name only: modifiers after it (`card featured`,
    // `listing feature pro`) mark some records of one template.
    let class = class.split_ascii_whitespace().next().unwrap_or("");
    let bytes = tag.bytes().chain(std::iter::once(b' ')).chain(class.bytes().filter(|b| !b.is_ascii_digit()));
    bytes.fold(OFFSET, |h, b| (h ^ u32::from(b)).wrapping_mul(PRIME)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_reads_what_element_attr_reads() {
        let doc = scraper::Html::parse_fragment(r#"<a HREF="/x" class="a b" xlink:href="no" data-x="">t</a><svg><a xlink:href="/y"></a></svg>"#);
        for node in doc.tree.nodes() {
            let Some(el) = node.value().as_element() else { continue };
            for name in ["href", "class", "data-x", "xlink:href", "missing"] {
                assert_eq!(attr(el, name), el.attr(name), "{name} of {}", el.name());
            }
        }
        let a = doc.tree.nodes().find_map(|n| n.value().as_element().filter(|e| e.name() == "a")).expect("an a");
        assert_eq!(attr(a, "href"), Some("/x"));
        assert_eq!(attr(a, "data-x"), Some(""));
    }

    #[test]
    fn whole_tokens_only() {
        assert_eq!(attribute_hint("ad-slot"), RegionHint::Drop);
        assert_eq!(attribute_hint("shadow header-shadow"), RegionHint::Weak);
        assert_eq!(attribute_hint("padding-bottom"), RegionHint::None);
        assert_eq!(attribute_hint("shareButtons"), RegionHint::Drop);
    }

    #[test]
    fn specific_boilerplate_beats_generic_content() {
        assert_eq!(attribute_hint("entry-content"), RegionHint::Content);
        assert_eq!(attribute_hint("article-related"), RegionHint::Drop);
        assert_eq!(attribute_hint("comment-content"), RegionHint::Comments);
        assert_eq!(attribute_hint("post-meta"), RegionHint::Weak);
    }

    #[test]
    fn compound_names_match_exactly() {
        assert_eq!(attribute_hint("read-more"), RegionHint::Drop);
        assert_eq!(attribute_hint("sr-only"), RegionHint::Drop);
    }

    /// The token split as first written (two allocations per name), the
    /// reference the allocation-free [`for_each_token`] must agree with.
    fn split_name_reference(name: &str) -> Vec<&str> {
        let bytes = name.as_bytes();
        let mut cuts = Vec::new();
        for i in 1..bytes.len() {
            if bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase() {
                cuts.push(i);
            }
        }
        let mut parts = Vec::new();
        let mut start = 0;
        for &c in &cuts {
            parts.push(&name[start..c]);
            start = c;
        }
        parts.push(&name[start..]);
        parts.into_iter().flat_map(|p| p.split(['-', '_', ':', '.'])).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn tokens_split_at_separators_and_humps() {
        let names = [
            "shareButtons", "post-meta", "a--b__c", "-lead", "trail.", "x:y.z", "mainNav-item_Top", "ABC", "aB",
            "Ab", "aBcDe", "über-größeKlein", "é-A", "", "-", "menu-item-type-post_type", "sr-only", "aB-cD",
        ];
        for name in names {
            let mut got: Vec<String> = Vec::new();
            for_each_token(name, |t| got.push(t.to_owned()));
            assert_eq!(got, split_name_reference(name), "{name}");
        }
    }

    #[test]
    fn cached_hints_equal_direct_ones() {
        let mut cache = HintCache::default();
        for v in ["ad-slot", "entry-content", "ad-slot", "padding-bottom", "entry-content"] {
            assert_eq!(cache.attribute_hint(v), attribute_hint(v), "{v}");
        }
    }

    #[test]
    fn plain_attributes_skip_namespaced_ones() {
        let doc = scraper::Html::parse_document(
            r##"<div class="nav" ID="x" role="main" data-x="1"></div><svg><a xlink:href="#h" class="c"></a></svg>"##,
        );
        let div = doc.tree.values().find_map(|n| n.as_element().filter(|e| e.name() == "div")).unwrap();
        let mut attrs: Vec<_> = plain_attrs(div).collect();
        attrs.sort();
        assert_eq!(attrs, [("class", "nav"), ("data-x", "1"), ("id", "x"), ("role", "main")]);
        for (name, value) in plain_attrs(div) {
            assert_eq!(div.attr(name), Some(value));
        }
        let link = doc.tree.values().find_map(|n| n.as_element().filter(|e| e.name() == "a")).unwrap();
        assert_eq!(plain_attrs(link).collect::<Vec<_>>(), [("class", "c")]);
        assert_eq!(link.attr("href"), None);
    }

    #[test]
    fn signatures_ignore_digits_but_not_names() {
        assert_eq!(signature("li", Some("item item-1")), signature("li", Some("item item-2")));
        assert_ne!(signature("li", Some("item")), signature("div", Some("item")));
        assert_ne!(signature("div", Some("card")), signature("div", Some("menu")));
        assert_ne!(signature("div", None), 0);
        assert_eq!(signature("li", Some("listing feature")), signature("li", Some("listing feature pro")));
    }

    #[test]
    fn tags_and_roles() {
        assert_eq!(tag_hint("header", false), RegionHint::Drop);
        assert_eq!(tag_hint("header", true), RegionHint::Weak);
        assert_eq!(role_hint("Navigation"), RegionHint::Drop);
        assert_eq!(role_hint("main"), RegionHint::Content);
    }
}
