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

/// Cells of a row with the empty ones at its end left out (a GFM table
/// gives every row as many cells as its header).
fn trimmed_row<S: AsRef<str>>(cells: &[S]) -> String {
    let end = cells.iter().rposition(|c| !c.as_ref().trim().is_empty()).map_or(0, |i| i + 1);
    cells[..end].iter().map(|c| c.as_ref().trim()).collect::<Vec<_>>().join(" | ")
}

/// Parse `md` as a reader's renderer does and collect what it shows.
fn seen(md: &str) -> Seen {
    let mut s = Seen::default();
    let mut text = String::new();
    let mut lists: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    // The cells of the table row being read.
    let mut row: Option<Vec<String>> = None;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        // Inline markup is no boundary; block boundaries are word boundaries.
        let inline = matches!(
            event,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image)
        );
        if matches!(event, Event::Start(_) | Event::End(_)) && !inline {
            text.push(' ');
        }
        match event {
            Event::Text(t) | Event::Code(t) if in_image == 0 => match row.as_mut().and_then(|r| r.last_mut()) {
                Some(cell) => cell.push_str(&t),
                None => text.push_str(&t),
            },
            Event::Start(Tag::TableCell) => row.get_or_insert_with(Vec::new).push(String::new()),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                text.push(' ');
                text.push_str(&trimmed_row(&row.take().unwrap_or_default()));
                text.push(' ');
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
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                s.table_rows += 1;
                row = Some(Vec::new());
            }
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

/// The text a reader should see: the title, then the text of the blocks
/// pith writes (a table row's empty cells at its end left out).
fn expected_text(title: Option<&str>, blocks: &[Block]) -> String {
    let mut text = title.unwrap_or("").to_owned();
    for b in written(blocks) {
        text.push(' ');
        if b.kind == BlockKind::TableRow {
            text.push_str(&trimmed_row(&b.text.split(" | ").collect::<Vec<_>>()));
        } else {
            text.push_str(&b.text);
        }
    }
    norm(&text)
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
    assert_eq!(doc.text, pith::render::text::render(&doc.blocks), "{}: the text is its written blocks", path.display());
    let got = seen(&md);
    let want = expected_text(doc.metadata.title.as_deref(), &doc.blocks);
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
    // A numbered item is rendered in a numbered list, a bulleted one in a
    // bulleted list; a further paragraph of an item may stand as an item
    // of its own where the item's first block was left out.
    let items = |numbered: bool| {
        let marks = written(&doc.blocks).filter(|b| matches!(b.kind, BlockKind::ListItem { .. })).map(|b| b.shape.list);
        let marks: Vec<_> = marks.filter(|m| m.is_some_and(|m| m.number.is_some()) == numbered).collect();
        (marks.iter().filter(|m| !m.is_some_and(|m| m.continued)).count(), marks.len())
    };
    for (numbered, got_items, what) in [(true, got.ordered_items, "numbered"), (false, got.bullet_items, "bulleted")] {
        let (least, most) = items(numbered);
        if !(least..=most).contains(&got_items) {
            problems.push(format!("{least}..={most} {what} items written, {got_items} rendered"));
        }
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
    let mut total = 0;
    for links in [false, true] {
        let extractor = Extractor::new(ExtractorOptions { markdown: true, links, ..Default::default() });
        let differing: Vec<(String, String)> = pages
            .par_iter()
            .filter_map(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
                page_difference(&extractor, p).map(|d| (name, d))
            })
            .collect();
        for (name, d) in differing.iter().take(20) {
            println!("--- {name} (links {links}): {d}");
        }
        println!(
            "markdown_renders: {} of {} pages of {} differ (links {links})",
            differing.len(),
            pages.len(),
            dir.display()
        );
        total += differing.len();
    }
    assert_eq!(total, 0, "pages whose Markdown does not render to their text");
}
