//! `--explain`: per block, the features, the score, the decision and what
//! decided it, as an aligned text table a person reads while writing a rule.

use std::fmt::Write;

use crate::block::{BlockKind, Label};
use crate::extractor::Analysis;
use crate::lexicon::LEXICON;

/// Characters of block text shown per row.
const PREVIEW_CHARS: usize = 70;

/// Render an analysis as an explanation table.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    let d = &a.document;
    let _ = writeln!(
        out,
        "language: {}  title: {}  author: {}  date: {}  confidence: {:.3}  body span: {}",
        d.language.as_deref().unwrap_or("-"),
        d.title.as_deref().unwrap_or("-"),
        d.author.as_deref().unwrap_or("-"),
        d.date.as_deref().unwrap_or("-"),
        d.confidence,
        a.span.map_or("-".to_owned(), |(s, e)| format!("blocks {s}..{}", e.saturating_sub(1))),
    );
    let _ = writeln!(
        out,
        "{:>4} {:>9} {:<5} {:<7} {:<11} {:>6} {:>4} {:>5} {:>5} {:>4} {:>4}  {:<14} text",
        "#", "lines", "kind", "class", "label", "score", "wds", "stop", "link", "tc", "rep", "reason/widget"
    );
    for (i, ((b, f), v)) in a.blocks.iter().zip(&a.features).zip(&a.verdicts).enumerate() {
        let kind = match b.kind {
            BlockKind::Paragraph => "p".to_owned(),
            BlockKind::Heading { level } => format!("h{level}"),
            BlockKind::ListItem { .. } => "li".to_owned(),
            BlockKind::Quote => "quote".to_owned(),
            BlockKind::Code => "code".to_owned(),
            BlockKind::TableRow => "tr".to_owned(),
        };
        let label = match v.label {
            Label::Content => "CONTENT",
            Label::Boilerplate => "drop",
            Label::Title => "TITLE",
            Label::Byline => "BYLINE",
        };
        let mut reason = format!("{:?}", v.reason).to_lowercase();
        if let Some(c) = f.widget_category.filter(|_| f.widget_coverage >= 0.5) {
            reason = format!("{reason}/{}", LEXICON.category_name(c));
        }
        let preview: String = b.text.chars().take(PREVIEW_CHARS).collect();
        let ellipsis = if b.text.chars().count() > PREVIEW_CHARS { "…" } else { "" };
        let _ = writeln!(
            out,
            "{:>4} {:>9} {:<5} {:<7} {:<11} {:>6.2} {:>4} {:>5} {:>5.2} {:>4.1} {:>4}  {:<14} {}{}",
            i,
            format!("{}-{}", b.shape.first_line, b.shape.last_line),
            kind,
            format!("{:?}", a.classes[i]).to_lowercase(),
            label,
            v.score,
            f.words,
            f.stopword_density.map_or("-".to_owned(), |s| format!("{s:.2}")),
            f.link_density,
            f.title_case,
            f.repeats,
            reason,
            preview,
            ellipsis,
        );
    }
    out
}
