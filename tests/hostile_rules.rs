//! Hostile inputs of the site-rule tools (issue 18): an ftr-site-config
//! folder the size of the real repository with every collision class, and
//! a gzip bomb given to `rules new --from`. Each run is timed and its peak
//! memory measured (`scripts/hostile-report.sh`).

#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};

mod support;

use support::*;

mod scratch;

/// Configs in the generated repository (the real one has 2,041 files).
const CONFIGS: usize = 2_100;

fn scratch(name: &str) -> PathBuf {
    scratch::dir("hostile-rules", name)
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A config folder shaped like ftr-site-config: sites with a wildcard
/// twin, `www.` duplicates, case twins, Unicode/punycode twins, files
/// that are no host, and plain sites.
fn repository(dir: &Path) -> usize {
    let config = |i: usize| format!("title: //h1\nbody: //div[@id='story-{i}']\nstrip: //aside\nstrip_id_or_class: share\ntidy: no\ntest_url: https://x/{i}\n");
    let mut names = Vec::new();
    for i in 0..CONFIGS {
        let site = format!("site{i}.com");
        let name = match i % 10 {
            0 => format!(".{site}.txt"),
            1 => format!("site{}.com.txt", i - 1),
            2 => format!("www.site{}.com.txt", i - 1),
            3 => format!("Site{}.com.txt", i - 2),
            4 => format!("bücher{i}.de.txt"),
            5 => format!("xn--bcher{i}-kva.de.txt"),
            6 if i % 20 == 6 => "global.txt".to_owned(),
            6 => format!(".{i}.co.uk.txt"),
            _ => format!("{site}.txt"),
        };
        names.push(name);
    }
    names.sort();
    names.dedup();
    for (i, name) in names.iter().enumerate() {
        std::fs::write(dir.join(name), config(i)).expect("write config");
    }
    names.len()
}

#[test]
fn import_ftr_of_a_whole_repository_loads() {
    let dir = scratch("repo");
    let (src, out) = (dir.join("ftr"), dir.join("out"));
    std::fs::create_dir_all(&src).unwrap();
    let files = repository(&src);
    let r = run("import-ftr-2100-configs", &["rules", "import-ftr", &s(&src), &s(&out)]);
    assert_eq!(r.status.code(), Some(0), "{}", r.stderr);
    let report = String::from_utf8_lossy(&r.stdout).into_owned();
    let written = std::fs::read_dir(&out).unwrap().count();
    assert!(report.contains(&format!("{written} of {files} file(s) converted")), "{}", &report[report.len().saturating_sub(500)..]);
    let c = run("rules-check-imported-2100", &["rules", "check", &s(&out)]);
    assert_eq!(c.status.code(), Some(0), "{}", c.stderr);
    // A second import refuses (every file exists) and writes nothing.
    let again = run_with("import-ftr-again-refused", &["rules", "import-ftr", &s(&src), &s(&out)], &Limits { codes: vec![2], ..Limits::default() });
    assert_eq!(again.status.code(), Some(2));
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    let page = dir.join("p.html");
    std::fs::write(&page, "<html><head><link rel=canonical href=\"https://www.site7.com/a\"></head><body><div id=\"story-0\"><p>Words of the story.</p></div></body></html>").unwrap();
    let e = run("extract-with-2100-rules", &["extract", "--format", "json", "--rules", &s(&out), &s(&page)]);
    assert_eq!(e.status.code(), Some(0), "{}", e.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_new_from_a_gzip_bomb_is_refused_within_bounds() {
    let dir = scratch("bomb");
    let bomb = dir.join("page.html.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&bomb).unwrap(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..256 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap();
    let r = run_with("rules-new-from-gzip-bomb", &["rules", "new", "example.com", "--from", &s(&bomb), "--stdout"], &Limits { codes: vec![2], vmem_mib: Some(2048), ..Limits::default() });
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert!(r.stderr.contains(&s(&bomb)) && r.stderr.contains("over the limit"), "{}", r.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
