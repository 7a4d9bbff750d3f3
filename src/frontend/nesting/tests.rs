//! Tests of the pre-parse pass (`frontend::nesting`).

use super::*;

/// The deepest nesting of `page` and its crowded tags, untimed.
fn scan(page: &str, max_depth: usize, out: Option<Output<'_>>) -> (usize, usize) {
    super::scan(page, max_depth, out, &mut Clock::new(None)).unwrap()
}

#[test]
fn real_pages_are_borrowed_as_they_are() {
    let page = "<!DOCTYPE html><html><head><title>a <b></title><script>if (a<b) { x('<div>') }</script></head>\
                <body><!-- <div><div> --><p>one<p>two<ul><li>a<li>b</ul><img src=x><br/><div><p>x</div></body></html>";
    assert!(matches!(limit_depth(page, 6), Cow::Borrowed(_)));
    assert_eq!(scan(page, 100, None).0, 4, "html body ul li, html body div p");
}

#[test]
fn prepare_drops_comments_and_javascript_and_style_bodies() {
    let page = "<html><head><style>p { color: red }</style>\
                <script>var a = '<p>not text</p>';</script>\
                <script type=\"text/JavaScript\">x()</script>\
                <script type=\"application/ld+json\">{\"headline\":\"kept\"}</script>\
                <script type=\"application&#x2F;ld&#x2B;json\">{\"kept\":1}</script>\
                <script type=text/template><b>kept</b></script></head>\
                <body><!-- gone --><p>one<!--> two<!---> three<!-- x --!> four</p></body></html>";
    let out = prepare(page, MAX_PARSE_DEPTH, &KeptAttributes::all());
    assert_eq!(
        out,
        "<html><head><style></style><script></script><script type=\"text/JavaScript\"></script>\
         <script type=\"application/ld+json\">{\"headline\":\"kept\"}</script>\
         <script type=\"application&#x2F;ld&#x2B;json\">{\"kept\":1}</script>\
         <script type=text/template><b>kept</b></script></head>\
         <body><p>one two three four</p></body></html>"
    );
}

#[test]
fn whitespace_between_tags_is_kept_as_written() {
    let page = "<div data-x=1>\n  <p>a\n b</p>\n\n<p>c</p> \n<pre>\n x</pre>\n <p>e</p>";
    assert_eq!(prepare(page, MAX_PARSE_DEPTH, &KeptAttributes::default()), "<div>\n  <p>a\n b</p>\n\n<p>c</p> \n<pre>\n x</pre>\n <p>e</p>");
}

#[test]
fn prepare_empties_plain_svg_and_keeps_svg_html_could_leave() {
    let icon = "<p>a<svg viewBox=\"0 0 9 9\"><g><path d=\"M0 0L9 9\"/><svg><circle r=1></circle></svg></g></svg>b</p>";
    assert_eq!(prepare(icon, MAX_PARSE_DEPTH, &KeptAttributes::all()), "<p>a<svg viewBox=\"0 0 9 9\"></svg>b</p>");
    for page in [
        "<svg><g></g><p>breaks out</p></svg>",
        "<svg><foreignObject><div>html</div></foreignObject></svg>",
        "<svg><![CDATA[ </svg> ]]></svg>",
        "<svg><path d=x></svg",
    ] {
        assert_eq!(prepare(page, MAX_PARSE_DEPTH, &KeptAttributes::all()), page, "{page}");
    }
}

#[test]
fn prepare_keeps_what_it_cannot_end_for_sure() {
    for page in [
        // html5ever's escaped script states: the body's end is not the first </script>.
        "<script><!-- document.write('<script>x</script>') --></script><p>after</p>",
        // No end tag, or a longer name: not an end.
        "<script>never closed <p>x</p>",
        "<style>a{}</styles><p>x</p>",
        // An unclosed comment runs to the end.
        "<p>x</p><!-- never closed",
    ] {
        assert_eq!(prepare(page, MAX_PARSE_DEPTH, &KeptAttributes::all()), page, "{page}");
    }
    assert_eq!(prepare("<p>plain</p>", MAX_PARSE_DEPTH, &KeptAttributes::all()), Cow::Borrowed("<p>plain</p>"));
    assert_eq!(prepare("<style>a{}</STYLE ><p>x</p>", MAX_PARSE_DEPTH, &KeptAttributes::all()), "<style></STYLE ><p>x</p>");
}

#[test]
fn deep_nesting_is_flattened_and_text_kept() {
    let deep = format!("<html><body>{}text{}</body></html>", "<div class=x>".repeat(100), "</div>".repeat(100));
    let flat = limit_depth(&deep, 10);
    assert_eq!(scan(&flat, 1000, None).0, 10);
    assert!(flat.contains("text"));
    assert_eq!(flat.matches("<div").count(), 8);
    assert_eq!(flat.matches("</div>").count(), 8);
    assert!(flat.ends_with("</body></html>"));
}

#[test]
fn a_tag_with_too_many_attributes_loses_them() {
    let attrs: String = (0..MAX_ATTRIBUTES + 1).map(|i| format!(" a{i}=x")).collect();
    let page = format!("<html><body><p{attrs}>text</p><p class=kept>more</p></body></html>");
    let cut = limit_depth(&page, 100);
    assert_eq!(cut, "<html><body><p>text</p><p class=kept>more</p></body></html>");
}

#[test]
fn attributes_are_counted_not_equals_signs() {
    assert_eq!(count_attributes(b" a=1 b='x=y=z' c d=\"q > r\"/>", 100), 4);
    assert_eq!(count_attributes(b" data-u=\"a=1&b=2&c=3\">", 100), 1);
    assert_eq!(count_attributes(b"", 100), 0);
    assert_eq!(count_attributes(b" a b c d e", 3), 3);
}

#[test]
fn unclosed_and_broken_markup_does_not_panic() {
    for page in ["<div", "<div a='>", "</", "<!--", "<script>never closed", "<<<>>>", "<é>", "</é>", "<div\u{0}>"] {
        let _ = limit_depth(page, 1);
    }
    let unclosed = "<div>".repeat(50);
    assert_eq!(limit_depth(&unclosed, 5).matches("<div>").count(), 5);
}

#[test]
fn a_million_levels_are_cut_to_the_limit() {
    let deep = format!("{}x{}", "<span>".repeat(1_000_000), "</span>".repeat(1_000_000));
    let flat = limit_depth(&deep, MAX_PARSE_DEPTH);
    assert!(flat.len() < 20_000);
    assert_eq!(scan(&flat, usize::MAX, None).0, MAX_PARSE_DEPTH);
}
