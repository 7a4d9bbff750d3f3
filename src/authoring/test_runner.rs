//! Running the rules' `[[test]]` cases: each input is extracted with the
//! whole rule set (so matching is tested too), the rule that applied must
//! be the case's own, every `contains` string must be in the text and no
//! `excludes` string (whitespace-normalised), and `title`/`author` must be
//! equal when given. A test file is read like `pith extract` reads it
//! (`.gz`/`.zst` decompressed). A failed case carries a diff of the page's
//! blocks, one line each, expected against actual as in a unified diff:
//! `-` a block the test wanted kept and the extraction dropped, `+` one it
//! wanted dropped and the extraction kept, ` ` kept blocks around them.

use std::fmt::Write as _;

use crate::block::Label;
use crate::extractor::Analysis;
use crate::rules::model::{collapse, Rule, RuleTest, TestInput};
use crate::rules::RuleSet;
use crate::{Extractor, ExtractorOptions};

/// Kept blocks shown around each difference.
const DIFF_CONTEXT: usize = 2;
/// Characters of a block shown on a diff line.
const DIFF_LINE_CHARS: usize = 100;

/// The outcome of one test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The rule's file.
    pub file: String,
    /// The case's name.
    pub case: String,
    /// What went wrong; empty when the case passed.
    pub failures: Vec<String>,
    /// The kept/dropped diff of a failed case (see the module comment);
    /// empty when it passed or the page could not be read.
    pub diff: Vec<String>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Run every test case of the rules of `set` that `select` picks, in rule order.
pub fn run_tests(set: &RuleSet, select: impl Fn(&Rule) -> bool) -> Vec<CaseResult> {
    let extractor = Extractor::with_rules(ExtractorOptions::default(), set.clone());
    set.rules()
        .iter()
        .filter(|r| select(r))
        .flat_map(|rule| rule.tests.iter().map(move |t| (rule, t)))
        .map(|(rule, test)| {
            let (failures, diff) = run_case(&extractor, rule, test);
            CaseResult { file: rule.file.clone(), case: test.name.clone(), failures, diff }
        })
        .collect()
}

fn run_case(extractor: &Extractor, rule: &Rule, test: &RuleTest) -> (Vec<String>, Vec<String>) {
    let bytes = match &test.input {
        TestInput::Inline(text) => text.clone().into_bytes(),
        TestInput::File(path) => match super::input::read_page(path) {
            Ok(b) => b,
            Err(e) => return (vec![e.to_string()], Vec::new()),
        },
    };
    let analysis = match extractor.analyze(&bytes, test.url.as_deref()) {
        Ok(a) => a,
        Err(e) => return (vec![format!("extraction failed: {e}")], Vec::new()),
    };
    let doc = &analysis.document;
    let mut failures = Vec::new();
    if doc.rule.as_deref() != Some(rule.name.as_str()) {
        failures.push(format!("rule applied: {} (expected {})", doc.rule.as_deref().unwrap_or("none"), rule.name));
    }
    let text = collapse(&doc.text);
    failures.extend(test.contains.iter().filter(|s| !text.contains(&collapse(s))).map(|s| format!("missing: {s:?}")));
    failures.extend(test.excludes.iter().filter(|s| text.contains(&collapse(s))).map(|s| format!("kept: {s:?}")));
    for (field, want, got) in [("title", &test.title, &doc.metadata.title), ("author", &test.author, &doc.metadata.author)] {
        if let Some(want) = want
            && got.as_deref().map(collapse) != Some(collapse(want))
        {
            failures.push(format!("{field}: {got:?}, expected {want:?}"));
        }
    }
    let diff = if failures.is_empty() { Vec::new() } else { diff(&analysis, test) };
    (failures, diff)
}

/// The page's blocks as a unified diff, expected (the test's `contains`
/// kept, its `excludes` dropped) against actual (what the extraction kept).
fn diff(a: &Analysis, test: &RuleTest) -> Vec<String> {
    let texts: Vec<String> = a.blocks.iter().map(|b| collapse(&b.text)).collect();
    let actual: Vec<bool> = a.verdicts.iter().map(|v| v.label != Label::Boilerplate).collect();
    let mut expected = actual.clone();
    let mut out = Vec::new();
    for (want, strings) in [(true, &test.contains), (false, &test.excludes)] {
        for s in strings {
            let s = collapse(s);
            let hits: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].contains(&s)).collect();
            if hits.is_empty() && want {
                out.push(format!("(no block of the page holds {s:?})"));
            }
            for i in hits {
                expected[i] = want;
            }
        }
    }
    let changed: Vec<usize> = (0..texts.len()).filter(|&i| expected[i] != actual[i]).collect();
    if changed.is_empty() {
        return out;
    }
    out.push("--- expected (the test)".to_owned());
    out.push("+++ actual (the extraction)".to_owned());
    // Kept blocks within DIFF_CONTEXT kept blocks of a change are shown.
    let kept: Vec<usize> = (0..texts.len()).filter(|&i| actual[i] || expected[i]).collect();
    let near = |k: usize| changed.iter().any(|c| kept.iter().position(|x| x == c).is_some_and(|p| p.abs_diff(k) <= DIFF_CONTEXT));
    let mut last: Option<usize> = None;
    for (k, &i) in kept.iter().enumerate() {
        if !near(k) {
            continue;
        }
        if last.is_none_or(|l| l + 1 != k) {
            out.push(format!("@@ block {i} @@"));
        }
        last = Some(k);
        let sign = match (expected[i], actual[i]) {
            (true, false) => '-',
            (false, true) => '+',
            _ => ' ',
        };
        let mut line = String::new();
        let _ = write!(line, "{sign}{}", texts[i].chars().take(DIFF_LINE_CHARS).collect::<String>());
        if texts[i].chars().count() > DIFF_LINE_CHARS {
            line.push('…');
        }
        out.push(line);
    }
    out
}
