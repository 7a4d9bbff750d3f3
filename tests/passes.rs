//! The learned scorer's stage-two passes (`classify::passes`), one fixture
//! each in `tests/fixtures/passes/`: what the pass decided (its entry in the
//! trace) and what the page keeps, as a snapshot (`snapshots/passes_*.snap`)
//! besides assertions that do not depend on the model's exact figures.

use pith::{Analysis, Bias, Extractor, ExtractorOptions, Scorer};

/// `tests/fixtures/passes/NAME.html`, or `NAME.txt` (a text dump).
fn fixture(name: &str) -> Vec<u8> {
    let dir = format!("{}/tests/fixtures/passes", env!("CARGO_MANIFEST_DIR"));
    let html = format!("{dir}/{name}.html");
    let path = if std::path::Path::new(&html).exists() { html } else { format!("{dir}/{name}.txt") };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn analyze(name: &str, options: ExtractorOptions) -> Analysis {
    let options = ExtractorOptions { scorer: Scorer::Learned, explain: true, rules: false, ..options };
    Extractor::new(options).analyze(&fixture(name), None).expect("the fixture extracts")
}

/// The page's passes, then each block as `label pass | text`.
fn summary(a: &Analysis) -> String {
    let passes = pith::classify::passes::deciding_pass(&a.trace, a.blocks.len());
    let mut out: Vec<String> = a.trace.iter().map(|d| format!("pass {}: {}", d.pass, d.reason)).collect();
    for ((b, v), pass) in a.blocks.iter().zip(&a.verdicts).zip(passes) {
        out.push(format!("{:<11} {:<10} | {}", format!("{:?}", v.label), pass, b.text));
    }
    out.join("\n")
}

fn snapshot(name: &str, a: &Analysis) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("passes_{name}"), summary(a)));
}

fn passes(a: &Analysis) -> Vec<&str> {
    a.trace.iter().map(|d| d.pass).collect()
}

#[test]
fn threshold_keeps_the_article_and_drops_the_furniture() {
    let a = analyze("threshold", ExtractorOptions::default());
    assert_eq!(passes(&a), ["threshold"]);
    assert!(a.document.text.contains("The council met on Tuesday evening"));
    assert!(a.document.text.contains("heating often fails in winter"));
    assert!(!a.document.text.contains("All rights reserved"));
    assert!(!a.document.text.contains("Sport"));
    assert_eq!(a.probabilities.len(), a.blocks.len());
    assert!(a.contributions.iter().all(|c| !c.is_empty()), "every block has its contributions");
    snapshot("threshold", &a);
}

#[test]
fn precision_keeps_no_more_than_balanced_and_recall_no_less() {
    let kept = |bias| analyze("comments", ExtractorOptions { bias, ..ExtractorOptions::default() }).document.text.len();
    assert!(kept(Bias::Precision) <= kept(Bias::Balanced));
    assert!(kept(Bias::Recall) >= kept(Bias::Balanced));
}

#[test]
fn hidden_drops_what_readers_never_see() {
    let a = analyze("hidden", ExtractorOptions::default());
    assert!(!a.document.text.contains("hidden from readers"), "{}", a.document.text);
    assert!(a.document.text.contains("The council met on Tuesday evening"));
    snapshot("hidden", &a);
}

#[test]
fn hidden_spares_a_wrapper_of_the_whole_story() {
    let a = analyze("hidden_wrapper", ExtractorOptions::default());
    assert!(a.document.text.contains("The council met on Tuesday evening"), "{}", a.document.text);
    assert!(a.document.text.contains("before the end of the month, the mayor added"));
    assert!(!a.document.text.contains("hidden inside the wrapper"), "a hidden element inside the wrapper is still dropped");
    assert!(!a.document.text.contains("All rights reserved"));
    let hidden = a.trace.iter().find(|d| d.pass == "hidden").expect("the hidden pass says what it spared");
    assert!(hidden.reason.contains("spared"), "{}", hidden.reason);
    snapshot("hidden_wrapper", &a);
}

#[test]
fn the_second_opinion_settles_what_the_model_is_unsure_of() {
    let credit = "Reporting by Anna Berg";
    let a = analyze("second_opinion", ExtractorOptions::default());
    assert!(a.document.text.contains("The council met on Tuesday evening"), "{}", a.document.text);
    assert!(!a.document.text.contains("Tagged:"), "{}", a.document.text);
    // The credit line: the model is unsure (p 0.62), the heuristics call it a dateline.
    assert!(!a.document.text.contains(credit), "{}", a.document.text);
    let opinion = a.trace.iter().find(|d| d.pass == "second_opinion").expect("the pass says what it changed");
    let band = pith::classify::passes::second_opinion::UNSURE_BAND;
    for &i in &opinion.blocks {
        let p = a.probabilities[i as usize];
        assert!((p - 0.5).abs() <= band, "block {i} at p {p} is outside the band");
    }
    let off = analyze("second_opinion", ExtractorOptions { passes_off: vec!["second_opinion".into()], ..ExtractorOptions::default() });
    assert!(off.document.text.contains(credit), "without the pass the model's label stands: {}", off.document.text);
    assert!(!passes(&off).contains(&"second_opinion"));
    snapshot("second_opinion", &a);
}

#[test]
fn comments_are_kept_only_when_asked() {
    let without = analyze("comments", ExtractorOptions::default());
    assert!(!without.document.text.contains("buckets in the corridors"), "{}", without.document.text);
    let with = analyze("comments", ExtractorOptions { comments: true, ..ExtractorOptions::default() });
    assert!(with.document.text.contains("buckets in the corridors"), "{}", with.document.text);
    assert!(with.document.text.contains("where exactly the money will go"));
    assert!(passes(&with).contains(&"comments"));
    snapshot("comments", &with);
}

#[test]
fn a_dumps_comments_are_kept_only_when_asked_and_never_its_form() {
    let comment = "the old reading room was a disgrace for years";
    let later = "keep the opening hours long enough";
    let without = analyze("dump_comments", ExtractorOptions::default());
    assert!(without.document.text.contains("approved a budget of two million dollars"), "{}", without.document.text);
    assert!(!without.document.text.contains(comment) && !without.document.text.contains(later), "{}", without.document.text);
    let with = analyze("dump_comments", ExtractorOptions { comments: true, ..ExtractorOptions::default() });
    assert!(with.document.text.contains(comment) && with.document.text.contains(later), "{}", with.document.text);
    for form in ["will not be published", "Save my name", "Peter Brown", "Reply", "parking fees"] {
        assert!(!with.document.text.contains(form), "{form}: {}", with.document.text);
    }
    assert!(passes(&with).contains(&"comments"));
    snapshot("dump_comments", &with);
}

#[test]
fn a_tiny_page_is_kept_whole() {
    let a = analyze("tiny_page", ExtractorOptions::default());
    assert!(a.document.text.contains("Annual report") && a.document.text.contains("Contact us"), "{}", a.document.text);
    snapshot("tiny_page", &a);
}

#[test]
fn hidden_spares_the_tabs_beside_a_shown_one() {
    for scorer in [Scorer::Learned, Scorer::Heuristic] {
        let options = ExtractorOptions { scorer, explain: true, rules: false, ..ExtractorOptions::default() };
        let a = Extractor::new(options).analyze(&fixture("hidden_tabs"), None).expect("the fixture extracts");
        let text = &a.document.text;
        assert!(text.contains("create a file called send.py"), "{scorer:?}: {text}");
        assert!(text.contains("create a file called send.js"), "{scorer:?}: the hidden tab beside the shown one is kept: {text}");
        assert!(!text.contains("hidden outside any tab set"), "{scorer:?}: {text}");
        assert!(!text.contains("their own purposes"), "{scorer:?}: the hidden tab beside a dropped one stays dropped: {text}");
    }
    let a = analyze("hidden_tabs", ExtractorOptions::default());
    let hidden = a.trace.iter().find(|d| d.pass == "hidden").expect("the hidden pass says what it spared");
    assert!(hidden.reason.contains("1 hidden tab panel(s) beside a shown one spared"), "{}", hidden.reason);
    snapshot("hidden_tabs", &a);
}

#[test]
fn copies_drops_a_templates_second_copy_and_keeps_a_refrain() {
    let count = |text: &str, needle: &str| text.matches(needle).count();
    for scorer in [Scorer::Learned, Scorer::Heuristic] {
        let text = |passes_off: Vec<String>| {
            let options = ExtractorOptions { scorer, rules: false, passes_off, ..ExtractorOptions::default() };
            Extractor::new(options).analyze(&fixture("copies"), None).expect("the fixture extracts").document.text
        };
        let with = text(Vec::new());
        assert_eq!(count(&with, "runs at 42 decibels"), 1, "{scorer:?}: the slide's copy of the story's paragraph is dropped: {with}");
        assert_eq!(count(&with, "Its third rack"), 1, "{scorer:?}: {with}");
        assert_eq!(count(&with, "Load it, close it, forget it."), 2, "{scorer:?}: the story's own refrain stays: {with}");
        let without = text(vec!["copies".to_owned()]);
        assert_eq!(count(&without, "runs at 42 decibels"), 2, "{scorer:?}: without the pass both copies are written: {without}");
    }
    let a = analyze("copies", ExtractorOptions::default());
    let copies = a.trace.iter().find(|d| d.pass == "copies").expect("the copies pass says what it dropped");
    assert_eq!(copies.blocks.len(), 2, "{copies:?}");
    snapshot("copies", &a);
}
