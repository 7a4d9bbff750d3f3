//! Rules compile their CSS selectors when they first match a page (issue
//! 21, part 5): a bad selector in a rule for another host does not stop or
//! change the extraction of an unrelated page, a page of the rule's own
//! host is read by the heuristics with a warning naming the rule's file and
//! line, and `pith rules check` / `rules test` still compile everything
//! and report it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pith::rules::load::{compile_lazy, Source};
use pith::rules::{Origin, RuleErrorKind, RuleSet};

mod scratch;

const GOOD: &str = "hosts = [\"good.example.com\"]\n[html]\ncontent = [\"article\"]\nremove = [\".ad\"]\n";
const BAD: &str = "hosts = [\"bad.example.com\"]\n[html]\ncontent = [\"article\"]\nremove = [\n  \".share\",\n  \"div[class=\",\n]\n";

const PAGE: &str = "<html><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article><h1>The plan</h1>\
    <p>The minister said on Tuesday that the plan, which had been discussed for months, would go ahead in the spring.</p>\
    <div class=ad>Buy now</div><p>Officials added that the money would come from the regional budget and that work \
    would start soon after the elections in the autumn.</p></article></body></html>";

fn scratch(name: &str) -> PathBuf {
    let dir = scratch::dir("rules-lazy", name);
    std::fs::create_dir_all(dir.join("rules")).expect("scratch folder");
    std::fs::write(dir.join("rules/good.example.com.toml"), GOOD).expect("write rule");
    std::fs::write(dir.join("rules/bad.example.com.toml"), BAD).expect("write rule");
    std::fs::write(dir.join("page.html"), PAGE).expect("write page");
    dir
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).stdin(Stdio::null()).output().expect("run pith")
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_bad_selector_for_another_host_does_not_touch_an_unrelated_page() {
    let dir = scratch("unrelated");
    let (rules, page) = (s(&dir.join("rules")), s(&dir.join("page.html")));
    let url = "https://news.unrelated.org/a";
    let with = pith(&["extract", "--rules", &rules, "--url", url, &page]);
    let without = pith(&["extract", "--url", url, &page]);
    assert_eq!(with.status.code(), Some(0), "{}", err(&with));
    assert_eq!(with.stdout, without.stdout, "the rules change nothing on a page none of them matches");
    assert!(!err(&with).contains("warning"), "{}", err(&with));
    // The good rule still applies to its own host.
    let good = pith(&["extract", "--format", "json", "--rules", &rules, "--url", "https://good.example.com/a", &page]);
    assert_eq!(good.status.code(), Some(0), "{}", err(&good));
    let v: serde_json::Value = serde_json::from_slice(&good.stdout).expect("JSON");
    assert_eq!(v["rule"], "good.example.com");
    assert!(!v["text"].as_str().unwrap_or_default().contains("Buy now"), "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_of_the_bad_rules_host_is_read_by_the_heuristics_with_a_warning() {
    let dir = scratch("matched");
    let (rules, page) = (s(&dir.join("rules")), s(&dir.join("page.html")));
    let url = "https://bad.example.com/a";
    let with = pith(&["extract", "--format", "json", "--rules", &rules, "--url", url, &page]);
    assert_eq!(with.status.code(), Some(0), "{}", err(&with));
    let e = err(&with);
    let file = dir.join("rules/bad.example.com.toml");
    assert!(e.contains(&format!("warning: rule not applied: {}:6: invalid CSS selector `div[class=`", file.display())), "{e}");
    assert_eq!(e.matches("warning").count(), 1, "one warning per rule: {e}");
    let v: serde_json::Value = serde_json::from_slice(&with.stdout).expect("JSON");
    assert_eq!(v["rule"], serde_json::Value::Null, "the rule was not applied");
    let plain = pith(&["extract", "--format", "json", "--no-rules", "--url", url, &page]);
    let p: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    assert_eq!(v["text"], p["text"], "the heuristics read the page as without rules");
    // --explain says why.
    let x = pith(&["extract", "--explain", "--rules", &rules, "--url", url, &page]);
    let text = String::from_utf8_lossy(&x.stdout).into_owned();
    assert!(text.contains("not applied: ") && text.contains("bad.example.com.toml:6: invalid CSS selector"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_check_and_test_still_report_the_bad_selector() {
    let dir = scratch("check");
    let rules = s(&dir.join("rules"));
    let c = pith(&["rules", "check", &rules]);
    assert_eq!(c.status.code(), Some(1), "{}", err(&c));
    let file = dir.join("rules/bad.example.com.toml");
    assert!(err(&c).contains(&format!("{}:6: invalid CSS selector `div[class=`", file.display())), "{}", err(&c));
    assert!(!err(&c).contains("good.example.com.toml:"), "{}", err(&c));
    let t = pith(&["rules", "test", &rules]);
    assert_eq!(t.status.code(), Some(2), "{}", err(&t));
    assert!(err(&t).contains("bad.example.com.toml:6:"), "{}", err(&t));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn selectors_compile_on_first_use_only() {
    let source = |name: &str, text: &str| Source { file: format!("{name}.toml"), name: name.into(), text: text.into(), dir: ".".into(), origin: Origin::User };
    let set = RuleSet::from_sources(vec![vec![source("bad", BAD), source("good", GOOD)]]).expect("a bad selector does not stop a load");
    assert!(set.failed_selectors().is_empty(), "nothing compiled yet");
    assert!(set.match_url("https://good.example.com/").expect("matches").html().is_ok());
    assert!(set.failed_selectors().is_empty());
    let bad = set.match_url("https://bad.example.com/").expect("matches");
    let errors = bad.html().expect_err("the selector does not parse");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, Some(6));
    assert!(matches!(&errors[0].kind, RuleErrorKind::Selector { selector, .. } if selector == "div[class="));
    assert_eq!(set.failed_selectors(), errors);
    assert_eq!(set.check_selectors(), errors);
    // One compile per process, whatever asks.
    assert!(std::ptr::eq(bad.html().unwrap_err(), errors));
    assert!(compile_lazy(&source("bad", BAD)).is_ok());
    assert!(pith::rules::load::compile(&source("bad", BAD)).is_err(), "the tools compile eagerly");
}
