//! Tag tables of the HTML walk: which elements are skipped, which are
//! block-level, which make a table a layout table, the tag names the
//! classifier knows, and the code language a `class` names.

/// Elements skipped with everything inside them. MathML (`<math>`) is read
/// as inline text, less its annotations (TeX source, other encodings); ruby
/// text is read as its base text, less its readings (`<rt>`, furigana) and
/// their fallback parentheses (`<rp>`).
pub fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "annotation" | "annotation-xml" | "iframe" | "object" | "embed" | "canvas"
            | "audio" | "video" | "select" | "option" | "optgroup" | "button" | "input" | "textarea" | "datalist"
            | "head" | "title" | "meta" | "link" | "map" | "source" | "track" | "picture" | "img" | "frameset"
            | "frame" | "applet" | "param" | "output" | "progress" | "meter" | "rt" | "rp"
    )
}

/// Elements that start and end a block.
pub fn block_level(tag: &str) -> bool {
    matches!(
        tag,
        "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd" | "details" | "dialog" | "dir"
            | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3"
            | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "html" | "legend" | "li" | "main" | "menu" | "nav"
            | "ol" | "p" | "pre" | "section" | "summary" | "table" | "tbody" | "thead" | "tfoot" | "tr" | "td"
            | "th" | "caption" | "ul" | "listing" | "plaintext" | "xmp" | "noframes"
    )
}

/// Elements inside a table cell that make the table a layout table.
pub fn breaks_cell(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "table" | "ul" | "ol" | "dl" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote"
            | "article" | "section" | "form" | "hr"
    )
}

/// `KNOWN_TAGS` and `intern` from one list of names.
macro_rules! known_tags {
    ($($tag:literal),* $(,)?) => {
        /// The tags the classifier cares about, sorted (a binary search finds them).
        pub(crate) const KNOWN_TAGS: &[&str] = &[$($tag),*];

        /// A static name for the tags the classifier cares about ("other"
        /// for the rest): one `match` (the walk asks for every element).
        pub fn intern(tag: &str) -> &'static str {
            match tag {
                $($tag => $tag,)*
                _ => "other",
            }
        }
    };
}

known_tags![
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "html", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
];

/// Longest code language name taken from a `class`.
const MAX_LANGUAGE_CHARS: usize = 32;

/// The code language a `class` attribute names: `language-rust` or
/// `lang-rust` (highlight.js, Prism, GitHub, Stack Exchange), as an info
/// string a Markdown fence can carry.
pub fn code_language(class: &str) -> Option<&str> {
    class.split_ascii_whitespace().find_map(|token| {
        let name = token.strip_prefix("language-").or_else(|| token.strip_prefix("lang-"))?;
        let fits = !name.is_empty()
            && name.len() <= MAX_LANGUAGE_CHARS
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'-' | b'_' | b'.'));
        fits.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_tags_are_sorted_and_interned() {
        assert!(KNOWN_TAGS.windows(2).all(|w| w[0] < w[1]));
        for tag in KNOWN_TAGS {
            assert_eq!(intern(tag), *tag);
        }
        assert_eq!(intern("span"), "other");
        assert_eq!(intern("H1"), "other");
    }

    #[test]
    fn code_language_from_class() {
        assert_eq!(code_language("hljs language-rust"), Some("rust"));
        assert_eq!(code_language("lang-c++ x"), Some("c++"));
        assert_eq!(code_language("prettyprint"), None);
        assert_eq!(code_language("language-a`b"), None);
    }
}
