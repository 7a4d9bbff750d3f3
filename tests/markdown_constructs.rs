//! Each Markdown construct on a small page (`tests/markdown/constructs.html`
//! and inline pages), through the library as `--format markdown` runs it:
//! emphasis at a line start, spaces inside emphasis, empty emphasis,
//! literal syntax characters, numbered lists with `start`, nested lists,
//! tables with a `|` in a cell, code blocks with their language, quotes,
//! headings, links under `--links`. Each is also parsed with pulldown-cmark
//! to check a CommonMark reader sees the structure meant. The whole page's
//! Markdown is snapshotted (`snapshots/html_markdown_constructs.snap`).

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

use pith::{Extractor, ExtractorOptions};

/// The Markdown pith writes for `html`, with or without `--links`.
fn markdown(html: &str, links: bool) -> String {
    let extractor = Extractor::new(ExtractorOptions { markdown: true, links, ..Default::default() });
    let doc = extractor.extract(html.as_bytes(), None).expect("extracts");
    pith::render::markdown::render(doc.metadata.title.as_deref(), &doc.blocks)
}

fn fixture() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/markdown/constructs.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A page whose article holds `body` after a paragraph of prose (so that
/// the extractor keeps it).
fn page(body: &str) -> String {
    format!(
        "<html><body><article><h1>Page</h1><p>This opening paragraph is long enough to be read as the \
         article's prose by the extractor, so what follows is kept with it.</p>{body}</article></body></html>"
    )
}

/// The events a CommonMark reader (with GFM tables) gets from `md`.
fn events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES).collect()
}

#[test]
fn emphasis_at_a_line_start_renders() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("\n\n**Climate change** is the long-term shift"), "{md}");
    let strong = events(&md).iter().position(|e| matches!(e, Event::Start(Tag::Strong)));
    assert!(strong.is_some(), "no strong emphasis read:\n{md}");
}

#[test]
fn spaces_move_outside_emphasis_and_empty_emphasis_goes() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("approved the **budget** on Tuesday"), "{md}");
    assert!(md.contains("next year.\n"), "empty emphasis left a marker:\n{md}");
}

#[test]
fn literal_syntax_characters_stay_text() {
    let md = markdown(&fixture(), false);
    assert!(
        md.contains(r"like \*stars\*, \_underscores\_, \`ticks\`, a back\\slash and \[brackets\](x) must"),
        "{md}"
    );
    assert!(md.contains("\n\n\\# not a heading"), "{md}");
    let md = markdown(&page("<p>1. Not a list item, but a sentence that starts with a number and a full stop.</p>"), false);
    assert!(md.contains("\n\n1\\. Not a list item"), "{md}");
    assert!(!events(&md).iter().any(|e| matches!(e, Event::Start(Tag::List(_)))), "read as a list:\n{md}");
}

#[test]
fn numbered_lists_keep_their_numbers_from_start() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("\n\n3. Preheat the oven"), "{md}");
    assert!(md.contains("\n4. Mix the flour"), "{md}");
    assert!(md.contains("\n5. Pour the batter"), "{md}");
    assert!(events(&md).iter().any(|e| matches!(e, Event::Start(Tag::List(Some(3))))), "no list from 3:\n{md}");
}

#[test]
fn nested_lists_are_indented_under_their_item() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("until a skewer comes out clean.\n   - Check the cake"), "{md}");
    let depth = events(&md).iter().fold((0, 0), |(d, max), e| match e {
        Event::Start(Tag::List(_)) => (d + 1, max.max(d + 1)),
        Event::End(pulldown_cmark::TagEnd::List(_)) => (d - 1, max),
        _ => (d, max),
    });
    assert_eq!(depth.1, 2, "the inner list is not nested:\n{md}");
}

#[test]
fn lists_keep_value_reversed_and_paragraphs_of_items() {
    let md = markdown(
        &page(
            "<ol reversed><li>Third place goes to the team that finished the course in just under an hour.</li>\
             <li>Second place goes to the team that finished it in fifty-two minutes flat today.</li></ol>\
             <ol><li><p>First step of the recipe, explained at length so that it reads as prose.</p>\
             <p>A second paragraph of the same step, with more detail about what to do and why.</p></li>\
             <li value=\"7\">Seventh step, numbered by its value attribute and long enough to keep.</li></ol>",
        ),
        false,
    );
    assert!(md.contains("2. Third place"), "{md}");
    assert!(md.contains("\n1) Second place"), "{md}");
    assert!(md.contains("1. First step of the recipe, explained at length so that it reads as prose.\n\n   A second paragraph"), "{md}");
    assert!(md.contains("\n\n7) Seventh step") || md.contains("\n7) Seventh step"), "{md}");
}

#[test]
fn tables_are_pipe_tables_with_escaped_pipes() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("| Name | Value |\n| --- | --- |\n| a \\| b | 1 |\n| c | 2 |"), "{md}");
    let cells = events(&md).iter().filter(|e| matches!(e, Event::Start(Tag::TableCell))).count();
    assert_eq!(cells, 6, "{md}");
}

#[test]
fn code_blocks_are_fenced_with_their_language() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("```rust\nfn main() {\n    println!(\"hi\");\n}\n```"), "{md}");
    let language = events(&md).into_iter().find_map(|e| match e {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => Some(info.into_string()),
        _ => None,
    });
    assert_eq!(language.as_deref(), Some("rust"));
    let code = "fence = '```'\nfor line in open('notes.md'):\n    if line.startswith(fence):\n        print('a fence in the notes')";
    let md = markdown(&page(&format!("<p>The script below finds fences in a file of notes and prints a line for each.</p><pre class=\"lang-python\">{code}</pre>")), false);
    assert!(md.contains(&format!("````python\n{code}\n````")), "{md}");
}

#[test]
fn quotes_and_headings_render() {
    let md = markdown(&fixture(), false);
    assert!(md.contains("\n\n> A quotation that is long enough"), "{md}");
    assert!(md.contains("\n\n## A heading \\#\n"), "{md}");
    assert!(events(&md).iter().any(|e| matches!(e, Event::Start(Tag::BlockQuote(_)))), "{md}");
}

#[test]
fn links_render_under_links_only() {
    let with = markdown(&fixture(), true);
    assert!(with.contains("Read [the documentation](https://example.org/a%20b) for"), "{with}");
    let without = markdown(&fixture(), false);
    assert!(without.contains("Read the documentation for"), "{without}");
    let md = markdown(
        &page("<p>Wow!<a href=\"/wiki/Foo_(bar)\">[1]</a> and <a href=\"/a)b\">more</a> in a sentence long enough to keep.</p>"),
        true,
    );
    assert!(md.contains(r"Wow\![\[1\]](/wiki/Foo_(bar)) and [more](/a\)b) in"), "{md}");
    let links: Vec<String> = events(&md)
        .into_iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect();
    assert_eq!(links, ["/wiki/Foo_(bar)", "/a)b"], "{md}");
}

#[test]
fn markdown_snapshot_constructs() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("html_markdown_constructs", markdown(&fixture(), true)));
}
