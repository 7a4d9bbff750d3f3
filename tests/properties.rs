//! Property tests: invariants of extraction over generated inputs.
//!
//! - extraction never panics, on any bytes, as HTML, as a dump or sniffed;
//! - the same input gives the same output;
//! - every character of the output text is in the input (pages built from
//!   plain words and markup, no entities, so nothing is decoded into a new
//!   character; the renderer only adds whitespace);
//! - a JSON record always parses and has every field;
//! - no control character but line feed and tab in any output text.

use proptest::prelude::*;

use pith::render::json::{record_fields, Record};
use pith::{Extractor, ExtractorOptions, InputFormat};

fn extractor(format: InputFormat) -> Extractor {
    Extractor::new(ExtractorOptions { input_format: format, ..ExtractorOptions::default() })
}

/// A page made of nested elements with words (ASCII and a few non-ASCII
/// letters), attributes from the hint vocabulary, and no entities.
fn page() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "the", "council", "said", "Monday", "harbour", "über", "café", "новости", "報道", "share", "menu", "cookie", "read",
        "more", "copyright", "2024", "plan", "will", "be", "built", ".", ",", "!", "?",
    ]);
    let text = prop::collection::vec(word, 0..40).prop_map(|w| w.join(" "));
    let tag = prop::sample::select(vec![
        "div", "p", "span", "a", "article", "main", "nav", "footer", "aside", "ul", "li", "h1", "h2", "pre", "code", "table", "tr",
        "td", "blockquote", "section", "header", "em", "strong", "br", "img", "form", "button", "script", "style", "noscript",
    ]);
    let class = prop::sample::select(vec!["", " class=\"content\"", " class=\"share\"", " id=\"comments\"", " hidden", " role=\"navigation\""]);
    let leaf = text.clone().prop_map(|t| t);
    leaf.prop_recursive(4, 64, 6, move |inner| {
        (tag.clone(), class.clone(), prop::collection::vec(inner, 0..6), text.clone())
            .prop_map(|(tag, class, children, tail)| format!("<{tag}{class}>{}</{tag}>{tail}", children.join("")))
    })
    .prop_map(|body| format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"))
}

/// Characters the output may hold that the input did not spell out: the
/// renderer's whitespace and list/table punctuation.
fn added_by_renderer(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '-' | '*' | '•')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        for format in [InputFormat::Auto, InputFormat::Html, InputFormat::Text] {
            let _ = extractor(format).extract(&bytes, None);
            let _ = extractor(format).extract(&bytes, Some("https://www.example.com/a/b"));
        }
    }

    #[test]
    fn same_input_same_output(html in page()) {
        let e = extractor(InputFormat::Auto);
        let a = e.extract(html.as_bytes(), None).map(|d| d.text);
        let b = e.extract(html.as_bytes(), None).map(|d| d.text);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn output_characters_come_from_the_input(html in page()) {
        let doc = extractor(InputFormat::Html).extract(html.as_bytes(), None).expect("a generated page extracts");
        for c in doc.text.chars() {
            prop_assert!(added_by_renderer(c) || html.contains(c), "{:?} not in the input", c);
        }
        if let Some(title) = &doc.metadata.title {
            for c in title.chars() {
                prop_assert!(c.is_whitespace() || html.contains(c), "{:?} of the title not in the input", c);
            }
        }
    }

    #[test]
    fn a_json_record_parses_with_every_field(bytes in prop::collection::vec(any::<u8>(), 0..2048), html in page()) {
        for input in [bytes.as_slice(), html.as_bytes()] {
            if let Ok(doc) = extractor(InputFormat::Auto).extract(input, None) {
                let line = Record::ok("input", &doc, &doc.text).to_line();
                let v: serde_json::Value = serde_json::from_str(&line).expect("record is JSON");
                for field in record_fields() {
                    prop_assert!(v.get(field).is_some(), "no {}", field);
                }
            }
        }
    }
}

/// Bytes that hold control characters every way a page can: raw bytes
/// (C0, DEL, C1 in UTF-8 and in windows-1252), character references, in
/// text, title and metadata, mixed with words and markup.
fn bytes_with_controls() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        (0u8..0x20).prop_map(|b| vec![b]),
        Just(vec![0x7F]),
        (0x80u32..0xA0).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default().into_bytes()),
        (0x80u8..0xA0).prop_map(|b| vec![b]),
        (0u32..0xA0).prop_map(|n| format!("&#{n};").into_bytes()),
        (0u32..0xA0).prop_map(|n| format!("&#x{n:x};").into_bytes()),
        prop::sample::select(vec!["The council said ", "harbour plan ", "über café ", "<p>", "</p>", "\n\n", "<title>", "</title>",
            "<meta name=description content=\"", "\">", "<pre>", "</pre>", "<li>", "<h2>", "</h2>"])
            .prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|pieces| {
        let mut page = b"<html><head><title>T ".to_vec();
        page.extend(pieces.concat());
        page
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// No control character but `\n` and `\t` in any text that leaves the
    /// library (issue 18 item 18), for any bytes, read any way.
    #[test]
    fn no_control_characters_in_output(page in bytes_with_controls(), bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let unwanted = |s: &str| s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
        for input in [page.as_slice(), bytes.as_slice()] {
            for format in [InputFormat::Auto, InputFormat::Html, InputFormat::Text] {
                let Ok(doc) = extractor(format).extract(input, None) else { continue };
                let markdown = pith::render::markdown::render(doc.metadata.title.as_deref(), &doc.blocks);
                let fields = [doc.metadata.title.as_deref(), doc.metadata.author.as_deref(), doc.metadata.date.as_deref(), doc.metadata.description.as_deref(),
                    doc.metadata.site_name.as_deref(), doc.metadata.image.as_deref(), doc.metadata.url.as_deref(), doc.metadata.language.as_deref()];
                prop_assert!(!unwanted(&doc.text), "text {:?}", doc.text);
                prop_assert!(!unwanted(&markdown), "markdown {:?}", markdown);
                for field in fields.into_iter().flatten().chain(doc.metadata.tags.iter().map(String::as_str)) {
                    prop_assert!(!unwanted(field), "field {:?}", field);
                }
            }
        }
    }
}
