//! `--explain`: per block, the features, the score, the decision and what
//! decided it (the heuristics, or which directive of which site rule), as an
//! aligned text table a person reads while writing a rule. A header names
//! the rule that applied, how it matched, and what each of its directives
//! matched (elements a `remove` selector dropped never become blocks, so
//! they are counted there). Under each block of an HTML page, its
//! element's CSS path (`at body > main > article > p:nth-of-type(3)`),
//! the selector a rule would use. A rule directive that decided blocks is
//! named with its rule file in the legend (`R1 = drop "Ad" (rules/x.toml)`).
//! [`to_json`] gives the same as one JSON object
//! per page, for tools (the block labeller, rule authoring scripts).

use std::fmt::Write;

use serde_json::{json, Value};

use crate::block::{BlockKind, Label};
use crate::extractor::Analysis;
use crate::classify::passes::deciding_pass;
use crate::learned::forest::Contribution;
use crate::learned::vector;
use crate::metadata::{dump_author, dump_date, dump_title};
use crate::lexicon::LEXICON;

/// Characters of block text shown per row.
const PREVIEW_CHARS: usize = 70;
/// Contributions shown per row of the table.
const TABLE_CONTRIBUTIONS: usize = 2;
/// Indent of the line under a block's row that gives its element's CSS
/// path (HTML): under the `lines` column.
const PATH_INDENT: usize = 5;

/// The distinct rule directives that decided blocks, in block order
/// (`R1`, `R2`, ... in the table).
fn legend(decided: &[Option<String>]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for d in decided.iter().flatten() {
        if !out.contains(&d.as_str()) {
            out.push(d);
        }
    }
    out
}

/// Render an analysis as an explanation table.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    let d = &a.document;
    let _ = writeln!(
        out,
        "language: {}  title: {}  author: {}  date: {}  confidence: {:.3}  body span: {}",
        d.metadata.language.as_deref().unwrap_or("-"),
        d.metadata.title.as_deref().unwrap_or("-"),
        d.metadata.author.as_deref().unwrap_or("-"),
        d.metadata.date.as_deref().unwrap_or("-"),
        d.confidence,
        a.span.map_or("-".to_owned(), |(s, e)| format!("blocks {s}..{}", e.saturating_sub(1))),
    );
    if let Some(t) = d.metadata.page_type {
        let _ = writeln!(out, "page type: {} ({})", t.name(), a.page_type_reason);
    }
    match &a.rule {
        Some(r) => {
            let _ = writeln!(out, "rule: {} ({}), matched by {}", r.rule, r.file, r.matched_by);
            for note in &r.notes {
                let _ = writeln!(out, "  {note}");
            }
            for (k, d) in legend(&r.decided).iter().enumerate() {
                let _ = writeln!(out, "  R{} = {d} ({})", k + 1, r.file);
            }
        }
        None => {
            let _ = writeln!(out, "rule: none");
        }
    }
    for d in &a.trace {
        let _ = writeln!(out, "pass {}: {} ({:.0}% of the text)", d.pass, d.reason, d.share * 100.0);
    }
    let _ = writeln!(
        out,
        "{:>4} {:>9} {:<5} {:<7} {:<11} {:>6} {:>4} {:>5} {:>5} {:>4} {:>4}  {:<5} {:<14} text",
        "#", "lines", "kind", "class", "label", "score", "wds", "stop", "link", "tc", "rep", "by", "reason/widget"
    );
    let passes = deciding_pass(&a.trace, a.blocks.len());
    let legend = a.rule.as_ref().map(|r| legend(&r.decided)).unwrap_or_default();
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
        let directive = a.rule.as_ref().and_then(|r| r.decided.get(i)).and_then(Option::as_deref);
        let by = if directive.is_some() {
            "rule"
        } else if a.probabilities.is_empty() {
            "heur"
        } else {
            "model"
        };
        let mut reason = format!("{:?}", v.reason).to_lowercase();
        if let Some(k) = directive.and_then(|d| legend.iter().position(|l| *l == d)) {
            reason = format!("{reason} R{}", k + 1);
        } else if let Some(cs) = a.contributions.get(i) {
            let pass = passes.get(i).copied().unwrap_or("");
            reason = format!("{pass} {}", contributions_short(cs));
        } else if let Some(c) = f.widget_category.filter(|_| f.widget_coverage >= 0.5) {
            reason = format!("{reason}/{}", LEXICON.category_name(c));
        }
        let preview: String = b.text.chars().take(PREVIEW_CHARS).collect();
        let ellipsis = if b.text.chars().count() > PREVIEW_CHARS { "…" } else { "" };
        let _ = writeln!(
            out,
            "{:>4} {:>9} {:<5} {:<7} {:<11} {:>6.2} {:>4} {:>5} {:>5.2} {:>4.1} {:>4}  {:<5} {:<14} {}{}",
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
            by,
            reason,
            preview,
            ellipsis,
        );
        // The block's element (HTML), for a rule's selectors.
        if let Some(path) = a.paths.get(b.shape.region as usize).filter(|p| !p.is_empty()) {
            let _ = writeln!(out, "{:>PATH_INDENT$}at {path}", "");
        }
    }
    out
}

/// Contributions as `[{"column": name, "log_odds": x}]`.
fn contributions_json(cs: &[Contribution]) -> Value {
    cs.iter().map(|c| json!({"column": vector::NAMES.get(c.column), "value": c.value, "log_odds": c.log_odds})).collect()
}

/// The strongest contributions as `+name=value -name=value` (sign:
/// towards content or boilerplate), for the table.
fn contributions_short(cs: &[Contribution]) -> String {
    cs.iter()
        .take(TABLE_CONTRIBUTIONS)
        .filter_map(|c| Some(format!("{}{}={}", if c.log_odds >= 0.0 { '+' } else { '-' }, vector::NAMES.get(c.column)?, short_number(c.value))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A feature value in few characters: whole numbers as such, others to two
/// decimals.
fn short_number(x: f32) -> String {
    if x.fract() == 0.0 && x.abs() < 1e6 { format!("{x:.0}") } else { format!("{x:.2}") }
}

/// A page's title candidates, each with its row and the built-in ranker's
/// probability `p` (the candidate it names is the first of the highest, when
/// `p` reaches the module's `MIN_PROBABILITY`): a text dump's
/// (`metadata::dump_title`, for `scripts/train-dump-metadata --field
/// title`; empty without the block model), an HTML page's
/// (`metadata::html::TitleCandidate`, for `scripts/train-html-metadata --field title`).
fn title_candidates(a: &Analysis) -> Value {
    if a.document.input_format != crate::input::InputFormat::Text {
        let ps = crate::metadata::html::title_probabilities(&a.title_candidates.iter().map(|c| c.row).collect::<Vec<_>>());
        return json!(a.title_candidates.iter().zip(ps).map(|(c, p)| json!({"title": c.title, "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>());
    }
    let cs = dump_title::candidates(&a.blocks, &a.features, &a.verdicts, &a.probabilities);
    let ps = dump_title::candidate_probabilities(&cs.iter().map(|c| c.row).collect::<Vec<_>>());
    json!(cs.iter().zip(ps).map(|(c, p)| json!({"index": c.index, "title": c.title, "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>())
}

/// A page's date candidates, each with its row and the ranker's `p`: a text dump's
/// (`metadata::dump_date`, for `scripts/train-dump-metadata --field date`;
/// empty without the block model), an HTML page's
/// (`metadata::html::DateCandidate`, for `scripts/train-html-metadata --field date`).
fn date_candidates(a: &Analysis) -> Value {
    if a.document.input_format != crate::input::InputFormat::Text {
        let ps = crate::metadata::html::date_probabilities(&a.date_candidates.iter().map(|c| c.row).collect::<Vec<_>>());
        return json!(a.date_candidates.iter().zip(ps).map(|(c, p)| json!({"date": c.date, "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>());
    }
    let cs = dump_date::candidates(&a.blocks, &a.features, &a.verdicts, &a.probabilities);
    let ps = dump_date::candidate_probabilities(&cs.iter().map(|c| c.row).collect::<Vec<_>>());
    json!(cs.iter().zip(ps).map(|(c, p)| json!({"index": c.index, "date": c.date, "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>())
}

/// A page's author candidates, each with its row and the ranker's `p`: a text dump's names
/// (`metadata::dump_author`, for `scripts/train-dump-metadata --field
/// author`; empty without the block model), an HTML page's lists of people
/// (`metadata::html::AuthorCandidate`, for `scripts/train-html-metadata --field author`).
fn author_candidates(a: &Analysis) -> Value {
    if a.document.input_format != crate::input::InputFormat::Text {
        let ps = crate::metadata::html::author_probabilities(&a.author_candidates.iter().map(|c| c.row).collect::<Vec<_>>());
        return json!(a.author_candidates.iter().zip(ps).map(|(c, p)| json!({"author": c.names.join("; "), "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>());
    }
    let cs = dump_author::candidates(&a.blocks, &a.features, &a.verdicts, &a.probabilities, a.document.metadata.author.as_deref());
    let ps = dump_author::candidate_probabilities(&cs.iter().map(|c| c.row).collect::<Vec<_>>());
    json!(cs.iter().zip(ps).map(|(c, p)| json!({"index": c.index, "name": c.name, "p": p, "row": c.row.as_slice()})).collect::<Vec<_>>())
}

/// An analysis as JSON: the page's metadata and, per block, its kind,
/// text, stage-one class, verdict (label, score, reason), who decided it
/// (`heur` or the rule directive), what the front end saw around it (its
/// shape: links, markup hint, main-content marking, region, source lines)
/// and every feature the scorer read.
pub fn to_json(a: &Analysis, source: &str) -> Value {
    let d = &a.document;
    let rows = vector::rows(&a.blocks, &a.features, &a.regions, a.hints);
    let passes = deciding_pass(&a.trace, a.blocks.len());
    let blocks: Vec<Value> = a
        .blocks
        .iter()
        .zip(&a.features)
        .zip(&a.verdicts)
        .enumerate()
        .map(|(i, ((b, f), v))| {
            let directive = a.rule.as_ref().and_then(|r| r.decided.get(i)).and_then(Option::as_deref);
            json!({
                "index": i,
                "kind": b.kind,
                "text": b.text,
                "class": format!("{:?}", a.classes[i]).to_lowercase(),
                "label": v.label,
                "score": v.score,
                "reason": format!("{:?}", v.reason).to_lowercase(),
                "decided_by": directive.unwrap_or(if a.probabilities.is_empty() { "heur" } else { "model" }),
                "shape": b.shape,
                "path": a.paths.get(b.shape.region as usize),
                "features": f,
                "vector": rows.get(i).map(|r| r.as_slice()),
                "probability": a.probabilities.get(i),
                "pass": passes.get(i).filter(|p| !p.is_empty()),
                "contributions": a.contributions.get(i).map(|cs| contributions_json(cs)),
            })
        })
        .collect();
    json!({
        "source": source,
        "url": d.metadata.url,
        "title": d.metadata.title,
        "language": d.metadata.language,
        "page_type": d.metadata.page_type,
        "page_type_reason": a.page_type_reason,
        "rule": d.rule,
        "confidence": d.confidence,
        "span": a.span,
        "columns": vector::NAMES,
        "title_candidates": title_candidates(a),
        "date_candidates": date_candidates(a),
        "author_candidates": author_candidates(a),
        "trace": a.trace,
        "blocks": blocks,
    })
}
