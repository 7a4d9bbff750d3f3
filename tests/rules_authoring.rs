//! Writing a rule without reading the DOM by hand (issue 21, part 5):
//! `pith rules test` shows what a failing case kept and dropped as a diff,
//! and `pith rules new --from` drafts selectors a maintainer would keep.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rules-authoring-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
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
