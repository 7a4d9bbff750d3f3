//! Markdown read the way a reader sees it: pith's Markdown of every page of
//! a dev set (`../shared/data/wcxb-dev`, or the set named by
//! `PITH_MARKDOWN_SET`) is parsed with a CommonMark parser (pulldown-cmark,
//! GFM tables on) and its rendered text compared with pith's plain text.
//! A page differs when the rendered text is not the plain text (whitespace
//! normalised: no stray `*`, `\`, `_`, no text swallowed as HTML or link
//! syntax), when a numbered list item is not rendered in a numbered list,
//! or when a table row is not rendered as a table row. The count of
//! differing pages is printed; it must be 0.
//!
//! Run: `cargo test --release --test markdown_renders -- --nocapture`.
//! Skipped, with a note, when the set is not there.

use std::io::Read;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use pith::block::{Block, BlockKind};
use pith::{Extractor, ExtractorOptions, PageInput};

/// What a CommonMark reader sees in a Markdown text.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    /// The text, whitespace-normalised.
    text: String,
    /// Items of numbered lists, and the start numbers of those lists.
    ordered_items: usize,
    ordered_starts: Vec<u64>,
    /// Items of bulleted lists.
    bullet_items: usize,
    /// Table rows (the header row included).
    table_rows: usize,
    /// Raw HTML the parser found (pith writes none).
    html: usize,
}

/// Parse `md` as a reader's renderer does and collect what it shows.
fn seen(md: &str) -> Seen {
    let mut s = Seen::default();
    let mut text = String::new();
    let mut lists: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(_) | Event::InlineHtml(_) => s.html += 1,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Start(Tag::List(start)) => {
                lists.push(start.is_some());
                if let Some(n) = start {
                    s.ordered_starts.push(n);
                }
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                if lists.last() == Some(&true) {
                    s.ordered_items += 1;
                } else {
                    s.bullet_items += 1;
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => s.table_rows += 1,
            // Inline markup is no boundary; block boundaries are word boundaries.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {}
            Event::End(_) | Event::Start(_) => text.push(' '),
            _ => {}
        }
    }
    s.text = norm(&text);
    s
}

/// Every run of whitespace as one space.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader should see: the title, then pith's plain text.
fn expected_text(title: Option<&str>, text: &str) -> String {
    norm(&format!("{} {text}", title.unwrap_or("")))
}

/// The first difference between two texts, with some context.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i);
    let start = a.floor_char_boundary(at.saturating_sub(60));
    let end_a = a.ceil_char_boundary((at + 60).min(a.len()));
    let end_b = b.ceil_char_boundary((at + 60).min(b.len()));
    format!("plain:    …{}…\nrendered: …{}…", &a[start..end_a], &b[start.min(b.len())..end_b.max(start.min(b.len()))])
}

/// The set to read: `PITH_MARKDOWN_SET` or `../shared/data/wcxb-dev`.
fn set_dir() -> PathBuf {
    std::env::var_os("PITH_MARKDOWN_SET")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wcxb-dev"))
}

/// The page files of a set, sorted.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("pages")) else { return Vec::new() };
    let mut pages: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    pages.sort();
    pages
}

/// A page's bytes, gunzipped when the name says so.
fn read_page(path: &Path) -> Vec<u8> {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).unwrap_or_else(|e| panic!("gunzip {}: {e}", path.display()));
        out
    } else {
        raw
    }
}

/// How a page's Markdown differs from what it should show, if it does.
fn page_difference(extractor: &Extractor, path: &Path) -> Option<String> {
    let bytes = read_page(path);
    let doc = extractor.extract_input(PageInput::new(&bytes)).ok()?;
    let md = pith::render::markdown::render(doc.metadata.title.as_deref(), &doc.blocks);
    let got = seen(&md);
    let want = expected_text(doc.metadata.title.as_deref(), &doc.text);
    let mut problems = Vec::new();
    if got.text != want {
        problems.push(format!("text differs\n{}", first_difference(&want, &got.text)));
    }
    if got.html > 0 {
        problems.push(format!("{} pieces of text read as HTML", got.html));
    }
    let rows = written(&doc.blocks).filter(|b| b.kind == BlockKind::TableRow).count();
    if got.table_rows != rows {
        problems.push(format!("{rows} table rows written, {} rendered", got.table_rows));
    }
    if problems.is_empty() { None } else { Some(problems.join("\n")) }
}

/// The blocks the renderers write.
fn written(blocks: &[Block]) -> impl Iterator<Item = &Block> {
    pith::render::text::written(blocks)
}

#[test]
fn markdown_renders_to_the_plain_text_on_a_dev_set() {
    let dir = set_dir();
    let pages = pages(&dir);
    if pages.is_empty() {
        println!("note: no pages under {}: markdown_renders skipped", dir.display());
        return;
    }
    let extractor = Extractor::new(ExtractorOptions { markdown: true, links: true, ..Default::default() });
    let differing: Vec<(String, String)> = pages
        .par_iter()
        .filter_map(|p| page_difference(&extractor, p).map(|d| (p.file_name().unwrap_or_default().to_string_lossy().into_owned(), d)))
        .collect();
    for (name, d) in differing.iter().take(20) {
        println!("--- {name}: {d}");
    }
    println!("markdown_renders: {} of {} pages of {} differ", differing.len(), pages.len(), dir.display());
    assert!(differing.is_empty(), "{} pages' Markdown does not render to their text", differing.len());
}
