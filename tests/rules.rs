//! Site rules end to end: the built-in rules' own tests, a user rule that
//! changes its host's page and no other, user rules replacing built-in
//! ones, malformed rules rejected with file, line and reason, `rules new`
//! and `rules import-ftr` on hand-written fixtures (`tests/rules/`,
//! `tests/ftr/`).

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use pith::rules::{RuleErrorKind, RuleSet};
use serde_json::Value;

mod scratch;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> String {
    root().join(rel).display().to_string()
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("run pith")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", err(o));
    serde_json::from_str(&out(o)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out(o)))
}

/// A fresh scratch folder for this test process.
fn scratch(name: &str) -> PathBuf {
    scratch::dir("pith-rules", name)
}

#[test]
fn builtin_rule_tests_pass() {
    let o = pith(&["rules", "test"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}{}", err(&o));
    assert!(text.contains(" passed, 0 failed"), "{text}");
    assert!(!text.contains("FAIL"), "{text}");
}

#[test]
fn every_builtin_rule_has_a_test_and_checks() {
    let set = RuleSet::builtin().expect("built-in rules load");
    assert!(set.rules().len() >= 2);
    for rule in set.rules() {
        assert!(!rule.tests.is_empty(), "{} has no [[test]]", rule.file);
    }
    assert_eq!(set.check_selectors(), [], "every built-in selector parses");
    let o = pith(&["rules", "check"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn user_rule_changes_its_host_page_and_no_other() {
    let user = fixture("tests/rules/user");
    for page in ["tests/rules/pages/example-news.html", "tests/rules/pages/other-paper.html"] {
        let with = json(&pith(&["extract", "--format", "json", "--rules", &user, &fixture(page)]));
        let without = json(&pith(&["extract", "--format", "json", &fixture(page)]));
        if page.contains("example-news") {
            assert_eq!(with["rule"], "example-news.com");
            assert_ne!(with["text"], without["text"]);
            let text = with["text"].as_str().expect("text");
            assert!(!text.contains("the old bridge would close"), "{text}");
            assert!(text.contains("The city council voted") && text.contains("Residents who spoke"), "{text}");
            assert_eq!(with["author"], "Jane Rivers");
            assert_eq!(with["date"], "2025-03-04");
            assert_eq!(with["title"], "Council Approves the New Bridge");
        } else {
            assert_eq!(with, without, "a rule for example-news.com changed {page}");
            assert_eq!(with["rule"], Value::Null);
        }
    }
}

#[test]
fn url_flag_matches_rules_and_no_rules_disables_them() {
    let user = fixture("tests/rules/user");
    let other = fixture("tests/rules/pages/other-paper.html");
    let by_url = json(&pith(&["extract", "--format", "json", "--rules", &user, "--url", "https://m.example-news.com/x", &other]));
    assert_eq!(by_url["rule"], "example-news.com", "a subdomain in --url matches");
    let sample = fixture("tests/samples/000_c8bdf82e5ba2c089.txt");
    assert_eq!(json(&pith(&["extract", "--format", "json", &sample]))["rule"], "kyivpost.com");
    assert_eq!(json(&pith(&["extract", "--format", "json", "--no-rules", &sample]))["rule"], Value::Null);
}

#[test]
fn user_rule_replaces_the_builtin_rule_for_its_host() {
    let dir = fixture("tests/rules/override");
    let list = pith(&["rules", "list", "--rules", &dir]);
    assert!(out(&list).contains("rules/kyivpost.com.toml is replaced by"), "{}", out(&list));
    let sample = fixture("tests/samples/000_c8bdf82e5ba2c089.txt");
    let url = "https://www.kyivpost.com/post/1";
    let doc = json(&pith(&["extract", "--format", "json", "--rules", &dir, "--url", url, &sample]));
    let text = doc["text"].as_str().expect("text");
    assert!(!text.contains("Speaking to reporters after the high-stakes talks"), "the user rule applied");
    // The replaced rule is gone with its fingerprints: the dump alone matches nothing.
    assert_eq!(json(&pith(&["extract", "--format", "json", "--rules", &dir, &sample]))["rule"], Value::Null);
    let o = pith(&["rules", "test", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("tests/rules/override/kyivpost.com.toml"), "{}", out(&o));
}

#[test]
fn explain_names_the_rule_and_its_directives() {
    let o = pith(&["extract", "--explain", &fixture("tests/samples/000_c8bdf82e5ba2c089.txt")]);
    let text = out(&o);
    assert!(text.contains("rule: kyivpost.com (rules/kyivpost.com.toml), matched by fingerprint"), "{text}");
    assert!(text.contains("R1 = drop"), "{text}");
    assert!(text.lines().any(|l| l.contains(" rule ") && l.contains("Other Topics of Interest")), "{text}");
    assert!(text.lines().any(|l| l.contains(" heur ") && l.contains("CONTENT")), "{text}");
}

/// The error for `file` in an eager compile of the malformed fixtures (what
/// `pith rules check` does; a load leaves selectors for first use).
fn malformed_error(file: &str) -> pith::rules::RuleError {
    let sources = pith::rules::load::dir_sources(&root().join("tests/rules/malformed")).expect("the folder reads");
    let errors = sources.iter().filter_map(|s| pith::rules::load::compile(s).err()).flatten();
    errors.into_iter().find(|e| e.file.ends_with(file)).unwrap_or_else(|| panic!("no error for {file}"))
}

#[test]
fn bad_toml_is_rejected_with_file_line_reason() {
    let e = malformed_error("bad_toml.toml");
    assert!(matches!(e.kind, RuleErrorKind::Toml(_)), "{e}");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.to_string().contains("bad_toml.toml:2: "), "{e}");
}

#[test]
fn bad_selector_is_rejected_with_file_line_reason() {
    let e = malformed_error("bad_selector.toml");
    assert!(matches!(&e.kind, RuleErrorKind::Selector { selector, .. } if selector == "div[class="), "{e}");
    assert_eq!(e.line, Some(6), "{e}");
    assert!(e.to_string().contains("bad_selector.toml:6: invalid CSS selector `div[class=`"), "{e}");
}

#[test]
fn bad_regex_is_rejected_with_file_line_reason() {
    let e = malformed_error("bad_regex.toml");
    assert!(matches!(&e.kind, RuleErrorKind::Regex { pattern, .. } if pattern == "(unclosed"), "{e}");
    assert_eq!(e.line, Some(5), "{e}");
    assert!(e.to_string().contains("bad_regex.toml:5: invalid regex `(unclosed`: unclosed group"), "{e}");
}

#[test]
fn unknown_key_is_rejected_with_file_line_reason() {
    let e = malformed_error("unknown_key.toml");
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.to_string().contains("unknown_key.toml:4: unknown field `remvoe`"), "{e}");
}

#[test]
fn rules_check_reports_every_malformed_file_and_fails() {
    let o = pith(&["rules", "check", &fixture("tests/rules/malformed")]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    for file in ["bad_toml.toml:2:", "bad_selector.toml:6:", "bad_regex.toml:5:", "unknown_key.toml:4:"] {
        assert!(e.contains(file), "{file} missing in:\n{e}");
    }
    // Extraction refuses to run with rules that do not load.
    let x = pith(&["extract", "--rules", &fixture("tests/rules/malformed"), &fixture("tests/rules/pages/other-paper.html")]);
    assert_eq!(x.status.code(), Some(2));
}

#[test]
fn rules_new_drafts_a_rule_that_checks_and_tests() {
    let dir = scratch("new");
    let d = dir.display().to_string();
    let sample = fixture("tests/samples/003_110745e9e9445cd3.txt");
    let o = pith(&["rules", "new", "example.com", "--from", &sample, "--dir", &d]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let rule = std::fs::read_to_string(dir.join("example.com.toml")).expect("rule written");
    assert!(rule.contains("stop_at = [\"Related News:\"]"), "{rule}");
    assert!(rule.contains("[[test]]"), "{rule}");
    // Not overwritten without --force.
    assert_eq!(pith(&["rules", "new", "example.com", "--dir", &d]).status.code(), Some(1));
    assert_eq!(pith(&["rules", "check", &d]).status.code(), Some(0));
    let t = pith(&["rules", "test", &d]);
    assert_eq!(t.status.code(), Some(0), "{}", out(&t));
    // --stdout prints a skeleton without writing.
    let s = pith(&["rules", "new", "example.org", "--stdout"]);
    assert!(out(&s).contains("hosts = [\"example.org\"]"));
    assert!(!dir.join("example.org.toml").exists());
}

#[test]
fn rules_new_suggests_html_selectors() {
    let o = pith(&["rules", "new", "example-news.com", "--from", &fixture("tests/rules/pages/example-news.html"), "--stdout"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("content = ["), "{}", out(&o));
}

#[test]
fn import_ftr_converts_hand_written_configs() {
    let dir = scratch("ftr");
    let d = dir.display().to_string();
    let o = pith(&["rules", "import-ftr", &fixture("tests/ftr"), &d]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let report = out(&o);
    assert!(report.contains("2 of 3 file(s) converted"), "{report}");
    assert!(report.contains("not translated: strip: //p[contains(text(), 'Advertisement')] (text predicates"), "{report}");
    assert!(report.contains("ignored (no pith counterpart): tidy, prune"), "{report}");
    assert!(report.contains("ignored (no pith counterpart): single_page_link"), "{report}");
    assert!(report.contains("nothing.example.net.txt: no rule written"), "{report}");
    assert!(report.contains("several `body` expressions"), "{report}");
    assert_eq!(pith(&["rules", "check", &d]).status.code(), Some(0));
    // The imported rule works on the fixture page like the hand-written one.
    let doc = json(&pith(&["extract", "--format", "json", "--rules", &d, &fixture("tests/rules/pages/example-news.html")]));
    assert_eq!(doc["rule"], "example-news.com");
    assert_eq!(doc["author"], "Jane Rivers");
    let text = doc["text"].as_str().expect("text");
    assert!(text.contains("The city council voted") && !text.contains("the old bridge would close"), "{text}");
    // `.blog.example.org.txt` is FTR's wildcard: every subdomain, not the host itself.
    let blog = std::fs::read_to_string(dir.join("_.blog.example.org.toml")).expect("subdomain rule written");
    assert!(blog.contains("hosts = [\"*.blog.example.org\"]") && !blog.contains("subdomains"), "{blog}");
}

#[test]
fn heuristics_false_keeps_the_content_as_is() {
    let dir = scratch("trusted");
    std::fs::write(
        dir.join("example-news.com.toml"),
        "hosts = [\"example-news.com\"]\nheuristics = false\n[html]\ncontent = [\".story\"]\n",
    )
    .expect("write rule");
    let d = dir.display().to_string();
    let doc = json(&pith(&["extract", "--format", "json", "--rules", &d, &fixture("tests/rules/pages/example-news.html")]));
    let text = doc["text"].as_str().expect("text");
    assert!(text.contains("the old bridge would close") && text.contains("The city council voted"), "{text}");
    assert!(!text.contains("Copyright") && !text.contains("Home"), "{text}");
    let explain = out(&pith(&["extract", "--explain", "--rules", &d, &fixture("tests/rules/pages/example-news.html")]));
    let rule = dir.join("example-news.com.toml");
    assert!(explain.contains(&format!("R1 = content `.story` with heuristics = false ({})", rule.display())), "{explain}");
    assert!(explain.lines().any(|l| l.trim_start().starts_with("at body > ")), "every HTML block shows its element's path: {explain}");
}
