//! What the pre-parse pass (`frontend::nesting`) needs to know about a tag
//! name, looked up once per tag: whether the element is void, raw text,
//! closed by a sibling, closes an open `<p>`, is a formatting element or
//! is opaque to the attribute filter. One `match` on the lower-case
//! name instead of a search through several lists (the pass reads every
//! tag of every page).

/// Elements without content or end tag.
pub const VOID: u8 = 1;
/// Elements whose content is text up to their end tag.
pub const RAW_TEXT: u8 = 1 << 1;
/// Elements a start tag of the same name closes.
pub const CLOSED_BY_SIBLING: u8 = 1 << 2;
/// Start tags that close an open `p`.
pub const CLOSES_P: u8 = 1 << 3;
/// The formatting elements of the HTML standard (`frontend::formatting`).
pub const FORMATTING: u8 = 1 << 4;
/// `<noscript>`, whose markup html5ever reads as text (the walk parses it
/// again for its fallback): the attribute filter leaves its tags whole.
pub const NOSCRIPT: u8 = 1 << 5;
/// `<svg>`, foreign content, where `<![CDATA[` sections hold text that
/// looks like tags: the attribute filter leaves its tags whole.
pub const SVG: u8 = 1 << 6;
/// `<math>`, foreign content like [`SVG`].
pub const MATH: u8 = 1 << 7;

/// The longest name with a kind ("blockquote", "plaintext"), in bytes.
const LONGEST: usize = 10;

/// The kind bits of a tag name (any ASCII case); 0 for most names.
pub fn of(name: &str) -> u8 {
    let name = name.as_bytes();
    if name.len() > LONGEST {
        return 0;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    match &*lower {
        b"hr" => VOID | CLOSES_P,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"img" | b"input" | b"link" | b"meta" | b"param"
        | b"source" | b"track" | b"wbr" | b"keygen" => VOID,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" => RAW_TEXT,
        b"plaintext" => RAW_TEXT,
        b"p" => CLOSED_BY_SIBLING | CLOSES_P,
        b"li" | b"dt" | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th" | b"rb" | b"rt" | b"rp" => CLOSED_BY_SIBLING,
        b"address" | b"article" | b"aside" | b"blockquote" | b"div" | b"dl" | b"fieldset" | b"figure" | b"footer"
        | b"form" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"header" | b"main" | b"nav" | b"ol"
        | b"pre" | b"section" | b"table" | b"ul" => CLOSES_P,
        b"a" | b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small" | b"strike" | b"strong"
        | b"tt" | b"u" => FORMATTING,
        b"noscript" => NOSCRIPT,
        b"svg" => SVG,
        b"math" => MATH,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists as the standard gives them (and as the pass first searched them).
    const LISTS: [(u8, &[&str]); 8] = [
        (VOID, &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"]),
        (RAW_TEXT, &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]),
        (CLOSED_BY_SIBLING, &["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp"]),
        (
            CLOSES_P,
            &[
                "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form", "h1", "h2", "h3",
                "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
            ],
        ),
        (FORMATTING, &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]),
        (NOSCRIPT, &["noscript"]),
        (SVG, &["svg"]),
        (MATH, &["math"]),
    ];

    #[test]
    fn kinds_follow_the_lists_in_any_case() {
        let names = LISTS.iter().flat_map(|(_, l)| l.iter()).chain(&["span", "blockquotes", "x"]);
        for name in names {
            let expected = LISTS.iter().filter(|(_, l)| l.contains(name)).fold(0, |k, (bit, _)| k | bit);
            assert_eq!(of(name), expected, "{name}");
            assert_eq!(of(&name.to_ascii_uppercase()), expected, "{name}");
        }
    }
}
