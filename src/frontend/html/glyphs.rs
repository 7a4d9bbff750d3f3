//! Text that is no words: the glyphs pages set beside headings and
//! links (a permalink's `¶`, an icon font's private-use character). The
//! walk leaves them out; this module only recognises them.

use scraper::Node;

/// Whether `text` is one icon-font glyph (a character of Unicode's
/// private use area, U+E000..U+F8FF, which fonts such as Font Awesome draw
/// as a picture): never words, whatever font the page loads.
pub(super) fn is_icon_glyph(text: &str) -> bool {
    let mut chars = text.trim().chars();
    matches!((chars.next(), chars.next()), (Some('\u{E000}'..='\u{F8FF}'), None))
}

/// Whether `node` is a permalink anchor: an `<a>` whose whole text is one
/// glyph that stands for "link to this place" (Sphinx's and MkDocs' `¶`,
/// `#`, `§`, a link or anchor emoji, an icon-font glyph), set beside a
/// heading or a definition. Its glyph is no part of the text
/// ("Quickstart¶" is the heading "Quickstart").
pub(super) fn is_permalink_anchor(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let mut children = node.children();
    let (Some(only), None) = (children.next(), children.next()) else { return false };
    only.value().as_text().is_some_and(|t| matches!(t.trim(), "¶" | "#" | "§" | "🔗" | "⚓") || is_icon_glyph(t))
}
