//! Running the rules' `[[test]]` cases: each input is extracted with the
//! whole rule set (so matching is tested too), the rule that applied must
//! be the case's own, every `contains` string must be in the text and no
//! `excludes` string (whitespace-normalised), and `title`/`author` must be
//! equal when given. A test file is read like `pith extract` reads it
//! (`.gz`/`.zst` decompressed).

use crate::rules::model::{collapse, Rule, RuleTest, TestInput};
use crate::rules::RuleSet;
use crate::{Extractor, ExtractorOptions};

/// The outcome of one test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The rule's file.
    pub file: String,
    /// The case's name.
    pub case: String,
    /// What went wrong; empty when the case passed.
    pub failures: Vec<String>,
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
        .map(|(rule, test)| CaseResult { file: rule.file.clone(), case: test.name.clone(), failures: run_case(&extractor, rule, test) })
        .collect()
}

fn run_case(extractor: &Extractor, rule: &Rule, test: &RuleTest) -> Vec<String> {
    let bytes = match &test.input {
        TestInput::Inline(text) => text.clone().into_bytes(),
        TestInput::File(path) => match super::input::read_page(path) {
            Ok(b) => b,
            Err(e) => return vec![e.to_string()],
        },
    };
    let doc = match extractor.extract(&bytes, test.url.as_deref()) {
        Ok(d) => d,
        Err(e) => return vec![format!("extraction failed: {e}")],
    };
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
    failures
}
