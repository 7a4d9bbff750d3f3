//! What HTML markup says about an element: its tag, role, class and id
//! read as a [`RegionHint`].
//!
//! The token lists are data (`data/markup_hints.txt`); this module splits
//! class and id values into tokens and looks them up whole, so "ad" matches
//! `ad-slot` but never `shadow`. It decides nothing about blocks: the
//! classifier weighs the hints (`classify::tree`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::block::RegionHint;

const MARKUP_HINTS: &str = include_str!("../data/markup_hints.txt");

/// Token → hint, from `data/markup_hints.txt`.
static TOKENS: LazyLock<HashMap<&'static str, RegionHint>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let mut current = RegionHint::None;
    for line in MARKUP_HINTS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
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
    }
}

fn stronger(a: RegionHint, b: RegionHint) -> RegionHint {
    if rank(b) > rank(a) { b } else { a }
}

/// The hint of one class or id value (space-separated names).
pub fn attribute_hint(value: &str) -> RegionHint {
    let mut hint = RegionHint::None;
    let mut lower = String::new();
    let mut look_up = |token: &str, hint: &mut RegionHint| {
        lower.clear();
        lower.push_str(token);
        lower.make_ascii_lowercase();
        if let Some(&h) = TOKENS.get(lower.as_str()) {
            *hint = stronger(*hint, h);
        }
    };
    for name in value.split_ascii_whitespace().take(MAX_NAMES).filter(|n| n.len() <= MAX_NAME_LEN) {
        look_up(name, &mut hint);
        for token in split_name(name) {
            look_up(token, &mut hint);
        }
    }
    hint
}

/// Class names looked at per attribute, and the longest looked at: utility
/// CSS frameworks write dozens of long generated names that mean nothing.
const MAX_NAMES: usize = 16;
const MAX_NAME_LEN: usize = 64;

/// Split a class or id name at `-`, `_`, `:`, `.` and lower→upper humps.
fn split_name(name: &str) -> impl Iterator<Item = &str> {
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
    parts.into_iter().flat_map(|p| p.split(['-', '_', ':', '.'])).filter(|t| !t.is_empty())
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

/// The combined hint of an element: its tag, role, class and id, and
/// `itemprop=articleBody`.
pub fn element_hint(el: &scraper::node::Element, tag: &str, in_article: bool) -> RegionHint {
    let mut hint = tag_hint(tag, in_article);
    if let Some(role) = el.attr("role") {
        hint = stronger(hint, role_hint(role));
    }
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            hint = stronger(hint, attribute_hint(v));
        }
    }
    if el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) && hint != RegionHint::Drop {
        hint = RegionHint::Content;
    }
    hint
}

/// The template signature of an element: FNV-1a over its tag and class
/// attribute with ASCII digits left out (`post-17` and `post-18` are one
/// template). Never 0, which the root region uses.
pub fn signature(tag: &str, class: Option<&str>) -> u32 {
    const OFFSET: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    let class = class.unwrap_or("");
    let bytes = tag.bytes().chain(std::iter::once(b' ')).chain(class.bytes().filter(|b| !b.is_ascii_digit()));
    bytes.fold(OFFSET, |h, b| (h ^ u32::from(b)).wrapping_mul(PRIME)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn signatures_ignore_digits_but_not_names() {
        assert_eq!(signature("li", Some("item item-1")), signature("li", Some("item item-2")));
        assert_ne!(signature("li", Some("item")), signature("div", Some("item")));
        assert_ne!(signature("div", Some("card")), signature("div", Some("menu")));
        assert_ne!(signature("div", None), 0);
    }

    #[test]
    fn tags_and_roles() {
        assert_eq!(tag_hint("header", false), RegionHint::Drop);
        assert_eq!(tag_hint("header", true), RegionHint::Weak);
        assert_eq!(role_hint("Navigation"), RegionHint::Drop);
        assert_eq!(role_hint("main"), RegionHint::Content);
    }
}
