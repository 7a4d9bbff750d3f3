//! What the lazily built lexicon assumes, checked on the built-in data: the
//! dateline set is skipped for a line without a numeric character, so every
//! dateline pattern must need one (proved here on its syntax tree), and the
//! widget matcher answers the same from its NFA and from its DFA.

use regex_syntax::hir::{Class, Hir, HirKind};

use pith::lexicon::{self, LEXICON};

/// Whether every match of `hir` holds a character that `char::is_numeric`
/// accepts (a class made only of such characters, a literal with one, a
/// concatenation with such a part, an alternation of such branches, a
/// repetition of at least one such).
fn needs_numeric(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).is_ok_and(|s| s.chars().any(char::is_numeric)),
        HirKind::Class(Class::Unicode(class)) => class.iter().all(|r| (r.start()..=r.end()).all(char::is_numeric)),
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Repetition(rep) => rep.min >= 1 && needs_numeric(&rep.sub),
        HirKind::Capture(cap) => needs_numeric(&cap.sub),
        HirKind::Concat(parts) => parts.iter().any(needs_numeric),
        HirKind::Alternation(branches) => branches.iter().all(needs_numeric),
    }
}

#[test]
fn every_dateline_pattern_needs_a_digit() {
    let mut n = 0;
    for pattern in lexicon::dateline_patterns() {
        let hir = regex_syntax::parse(&pattern).expect("a dateline pattern parses");
        assert!(needs_numeric(&hir), "{pattern} can match a line without a digit: the digit gate would hide it");
        n += 1;
    }
    assert!(n >= 10, "the dateline file was read");
}

#[test]
fn the_analysis_tells_patterns_apart() {
    let needs = |p: &str| needs_numeric(&regex_syntax::parse(p).expect("parses"));
    assert!(needs(r"^\d+ ago$") && needs(r"(?i)^(a|b)\d{1,2}$") && needs("x٣y"));
    assert!(!needs(r"^\d* ago$") && !needs(r"^(\d+|never)$") && !needs(r"^\w+$"));
}

#[test]
fn datelines_without_digits_are_not_datelines_and_with_digits_are_matched() {
    let lx = &*LEXICON;
    for line in ["yesterday", "Updated: today", "hi", "", "vor drei Stunden"] {
        assert!(!lx.is_dateline(line), "{line}");
    }
    // Non-ASCII digits reach the set (Arabic-Indic digits are \d too).
    assert!(lx.is_dateline("١٨.٠٢.٢٠٢٥"));
    assert!(lx.is_dateline("  2h ago "));
}

/// Block texts of every kind the widget list knows, long enough together
/// to pass the point where the matcher switches from its NFA to its DFA.
fn texts() -> Vec<String> {
    let base = [
        "share this post",
        "follow our coverage of the war on telegram.",
        "the minister said he would share the plan with allies next week",
        "dans la même rubrique",
        "we use cookies to improve your experience. accept all cookies",
        "read next: the best of the week",
        "shadow",
        "subscribe to our newsletter · sign up",
        "",
        "   ",
        "ünïcödé wörds and share",
    ];
    base.iter().map(|s| s.to_string()).collect()
}

#[test]
fn widget_matches_are_the_same_before_and_after_the_dfa() {
    let lx = &*LEXICON;
    let before: Vec<_> = texts().iter().map(|t| lx.widget_match(t)).collect();
    // Search enough text for the DFA to be built (a 256 KB switch point).
    let filler = "the minister said he would share the plan with allies next week and read more ".repeat(4096);
    for _ in 0..2 {
        lx.widget_match(&filler);
    }
    let after: Vec<_> = texts().iter().map(|t| lx.widget_match(t)).collect();
    assert_eq!(before, after);
    assert!(before[0].coverage > 0.99 && before[1].opens_with_call && before[6].coverage == 0.0);
}
