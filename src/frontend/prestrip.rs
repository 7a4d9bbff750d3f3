//! A streaming pre-pass over an HTML page, before html5ever builds its tree:
//! it drops the markup that never holds readable text.
//!
//! About half the bytes of a scraped page are scripts, styles and
//! comments. The walk (`frontend::html`) skips all of them, but the
//! parser still tokenizes them and builds their nodes. `lol_html`
//! tokenizes the page far faster than html5ever builds it and removes
//! these elements with their content on the way, so the tree is built
//! from what remains. What the rest of the pipeline reads is kept:
//!
//! - JSON-LD `<script type="application/ld+json">` stays in place (the
//!   metadata reads it from the tree); a `type` written with a character
//!   reference is kept too, as it cannot be told apart cheaply;
//! - `<noscript>` is untouched: both tokenizers read its content as raw
//!   text, so nothing inside it is removed (the `<noscript>` fallback
//!   reparses that text);
//! - `<template>` stays: its content is part of the tree the metadata
//!   searches;
//! - inline `<svg>` and `<math>` stay: html5ever leaves foreign content at
//!   an HTML tag such as `<div>` inside it (a Lemmy page hides link labels
//!   that way), which a pre-pass removing the element would not.
//!
//! When `lol_html` cannot rewrite the page (it refuses markup whose parsing
//! context it cannot tell without a tree), the page is used as it is. This
//! module decides nothing about content.

use std::borrow::Cow;

use lol_html::errors::RewritingError;
use lol_html::html_content::Element;
use lol_html::{RewriteStrSettings, doc_comments, element, rewrite_str};
use thiserror::Error;

/// Elements removed with their content (besides non-JSON-LD scripts).
const REMOVED: &str = "style";

/// The `type` of a script the pipeline reads (compared trimmed, ASCII case
/// folded, as `metadata::html` does).
const JSON_LD: &str = "application/ld+json";

/// Why the pre-pass could not rewrite a page.
#[derive(Debug, Error)]
pub enum PrestripError {
    /// `lol_html` stopped (ambiguous parsing context, or its own limits).
    #[error("pre-pass rewriter stopped: {0}")]
    Rewrite(#[from] RewritingError),
}

/// `html` without scripts (but JSON-LD), styles and comments.
pub fn strip(html: &str) -> Result<String, PrestripError> {
    let settings = RewriteStrSettings::new()
        .with_enable_esi_tags(false)
        .append_element_content_handler(element!("script", |el| {
            if !reads_as_json_ld(el) {
                el.remove();
            }
            Ok(())
        }))
        .append_element_content_handler(element!(REMOVED, |el| {
            el.remove();
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(|c| {
            c.remove();
            Ok(())
        }));
    Ok(rewrite_str(html, settings)?)
}

/// `html` stripped, or `html` as it is when the pre-pass fails: stripping
/// only saves time, so a page it cannot handle loses nothing.
pub fn strip_or_keep(html: &str) -> Cow<'_, str> {
    strip(html).map_or(Cow::Borrowed(html), Cow::Owned)
}

/// Whether a `<script>` may be JSON-LD: its `type` is, or holds a
/// character reference that might spell it.
fn reads_as_json_ld(el: &Element) -> bool {
    el.get_attribute("type").is_some_and(|t| t.contains('&') || t.trim().eq_ignore_ascii_case(JSON_LD))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_go() {
        let page = "<html><head><style>p{color:red}</style><script>var a = '<p>';</script></head>\
                    <body><!-- note --><p>Kept <b>text</b>.</p><script src=a.js></script></body></html>";
        assert_eq!(strip(page).unwrap(), "<html><head></head><body><p>Kept <b>text</b>.</p></body></html>");
    }

    #[test]
    fn svg_and_math_stay() {
        let page = "<p>a<svg><use href='#i'></use><div>label</div></svg><math><mi>x</mi></math></p>";
        assert_eq!(strip(page).unwrap(), page);
    }

    #[test]
    fn json_ld_stays() {
        let ld = r#"<script type=" Application/LD+JSON ">{"@type":"Article","headline":"H"}</script>"#;
        let page = format!("<head>{ld}<script type=\"text/javascript\">x()</script></head>");
        assert_eq!(strip(&page).unwrap(), format!("<head>{ld}</head>"));
        let entity = r#"<script type="application&#47;ld+json">{}</script>"#;
        assert_eq!(strip(entity).unwrap(), entity);
    }

    #[test]
    fn noscript_and_template_are_untouched() {
        let page = "<body><noscript><p>Text</p><script>x</script><!-- c --><style>s</style></noscript>\
                    <template><p>T</p></template></body>";
        assert_eq!(strip(page).unwrap(), page);
    }

    #[test]
    fn raw_text_is_not_markup() {
        let page = "<textarea><!-- not a comment --><script>x</script></textarea>\
                    <title><style>t</style></title><p title=\"<script>\">a</p>";
        assert_eq!(strip(page).unwrap(), page);
    }

    #[test]
    fn unclosed_script_runs_to_the_end_as_in_a_browser() {
        assert_eq!(strip("<p>a</p><script>var s = '</p>';").unwrap(), "<p>a</p>");
    }

    #[test]
    fn ambiguous_markup_is_kept_as_it_is() {
        let page = "<select><xmp><script>\"use strict\";</script></select>";
        assert!(strip(page).is_err());
        assert_eq!(strip_or_keep(page), page);
    }

    #[test]
    fn non_ascii_text_survives() {
        let page = "<p>Grüße – 你好 🙂</p><!-- ✂ --><p>ç</p>";
        assert_eq!(strip(page).unwrap(), "<p>Grüße – 你好 🙂</p><p>ç</p>");
    }
}
