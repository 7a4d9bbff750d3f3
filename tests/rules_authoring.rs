//! Writing a rule without reading the DOM by hand (issue 21, part 5):
//! `pith rules test` shows what a failing case kept and dropped as a diff,
//! and `pith rules new --from` drafts selectors a maintainer would keep.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod scratch;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    scratch::dir("rules-authoring", name)
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).current_dir(root()).stdin(Stdio::null()).output().expect("run pith")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_failing_rule_test_shows_a_diff_of_kept_and_dropped_blocks() {
    let dir = scratch("diff");
    let page = root().join("tests/rules/pages/example-news.html");
    let rule = format!(
        "hosts = [\"example-news.com\"]\n[html]\nremove = [\".byline\"]\n[[test]]\nfile = {:?}\nurl = \"https://example-news.com/a\"\n\
         contains = [\"The city council voted on Tuesday evening\", \"Words that are on no page at all\"]\n\
         excludes = [\"the old bridge would close\"]\n",
        page.display().to_string()
    );
    std::fs::write(dir.join("example-news.com.toml"), rule).expect("write rule");
    let o = pith(&["rules", "test", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let text = out(&o);
    let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
    let at = lines.iter().position(|l| *l == "--- expected (the test)").unwrap_or_else(|| panic!("no diff:\n{text}"));
    assert_eq!(lines[at + 1], "+++ actual (the extraction)", "{text}");
    assert!(lines[at + 2].starts_with("@@ block "), "{text}");
    // The kept block the test wanted dropped is a `+` line, its kept neighbours context.
    assert!(lines.iter().any(|l| l.starts_with("+The council said last year that the old bridge would close")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("     The city council voted on Tuesday evening")), "context lines start with a space:\n{text}");
    assert!(text.contains("(no block of the page holds \"Words that are on no page at all\")"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `rules new HOST --from PAGE` into a folder, then `rules test` on it.
fn drafted(name: &str, page: &str) -> (String, Output) {
    let dir = scratch(name);
    let d = dir.display().to_string();
    let page = root().join("tests/rules/pages").join(page).display().to_string();
    let host = format!("{name}.example.com");
    let o = pith(&["rules", "new", &host, "--from", &page, "--dir", &d]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), String::from_utf8_lossy(&o.stderr));
    let rule = std::fs::read_to_string(dir.join(format!("{host}.toml"))).expect("the draft is written");
    let test = pith(&["rules", "test", &d]);
    let _ = std::fs::remove_dir_all(&dir);
    (rule, test)
}

/// The values of `key = [...]` lines that are not commented out.
fn values(rule: &str, key: &str) -> Vec<String> {
    let line = rule.lines().find(|l| l.starts_with(&format!("{key} = ["))).unwrap_or_default();
    let list = line.split_once('[').map(|(_, r)| r).and_then(|r| r.split_once(']')).map(|(l, _)| l).unwrap_or_default();
    list.split("\", \"").map(|v| v.trim_matches('"').to_owned()).filter(|v| !v.is_empty()).collect()
}

fn assert_maintainable(rule: &str) {
    for key in ["content", "remove"] {
        for sel in values(rule, key) {
            assert!(!sel.contains(":nth"), "positional selector {sel}:\n{rule}");
            for bad in ["flex", "relative", "mt-4", "px-3", "css-", "sc-", "w-full", "prose", "container"] {
                assert!(!sel.split(['.', ' ', '>']).any(|c| c == bad || c.starts_with("css-") || c.starts_with("sc-")), "{bad} in {sel}:\n{rule}");
            }
        }
    }
    let contains = values(rule, "contains");
    assert!(!contains.is_empty(), "{rule}");
    for c in &contains {
        assert!(c.split_whitespace().count() >= 6 && !c.chars().any(|ch| ch.is_ascii_digit() || ch == '$'), "not prose: {c:?}");
    }
}

#[test]
fn rules_new_on_a_tailwind_page_uses_no_utility_class() {
    let (rule, test) = drafted("tailwind", "tailwind.html");
    assert_maintainable(&rule);
    assert!(!rule.lines().any(|l| l.starts_with("content = ")), "no stable name for the content: left to the maintainer:\n{rule}");
    assert!(rule.contains("# content = "), "{rule}");
    assert!(values(&rule, "contains").iter().any(|c| c.starts_with("Farmers in the valley")), "{rule}");
    assert_eq!(test.status.code(), Some(0), "the draft passes its test:\n{}", out(&test));
}

#[test]
fn rules_new_on_a_bem_page_names_blocks_and_elements() {
    let (rule, test) = drafted("bem", "bem.html");
    assert_maintainable(&rule);
    assert_eq!(values(&rule, "content"), ["div.article"], "{rule}");
    assert_eq!(values(&rule, "remove"), ["div.related-posts"], "{rule}");
    assert_eq!(test.status.code(), Some(0), "the draft passes its test:\n{}", out(&test));
}

#[test]
fn rules_new_on_a_page_with_ids_uses_them() {
    let (rule, test) = drafted("ids", "ids.html");
    assert_maintainable(&rule);
    assert_eq!(values(&rule, "content"), ["div#story-body"], "{rule}");
    assert_eq!(values(&rule, "remove"), ["div#newsletter-signup"], "{rule}");
    assert!(rule.contains("excludes = [\"Get our newsletter every week."), "{rule}");
    assert_eq!(test.status.code(), Some(0), "the draft passes its test:\n{}", out(&test));
}
