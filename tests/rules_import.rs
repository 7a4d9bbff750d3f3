//! Site-rule tools on hostile inputs (issue 18): `rules import-ftr` on a
//! folder with every collision class of the real ftr-site-config
//! repository (`x.com.txt` + `.x.com.txt`, `x.com.txt` + `www.x.com.txt`,
//! names differing in case or in IDNA form, names that are no host, a
//! pre-existing output file); `rules new --from` and `rules test` on
//! compressed pages; Unicode and punycode hosts; host patterns that can
//! never match.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pith::rules::RuleSet;
use serde_json::Value;

mod scratch;
use scratch::gzip;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).current_dir(root()).stdin(Stdio::null()).output().expect("run pith")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for this test process.
fn scratch(name: &str) -> PathBuf {
    scratch::dir("pith-rules-import", name)
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Every file of `dir` with its contents, sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// A config folder with each collision class found in ftr-site-config.
fn ftr_fixture(dir: &Path) {
    let config = |body: &str| format!("# test config\nbody: //article[@class='{body}']\nstrip: //aside\ntidy: no\n");
    let files: &[(&str, String)] = &[
        // The exact host and the wildcard of its subdomains (medium.com: 32 such pairs).
        ("medium.com.txt", config("exact")),
        (".medium.com.txt", config("wild")),
        // One host named twice: FTR strips `www.` and reads seriouseats.com.txt.
        ("seriouseats.com.txt", config("plain")),
        ("www.seriouseats.com.txt", config("www")),
        // A `www.` file alone still names its site.
        ("www.onlywww.com.txt", config("only")),
        // Names that differ only in case: FTR opens the lower-case one.
        ("Casey.org.txt", config("upper")),
        ("casey.org.txt", config("lower")),
        // A Unicode name and its punycode form are one host.
        ("bücher.de.txt", config("unicode")),
        ("xn--bcher-kva.de.txt", config("puny")),
        // Not a site's host: FTR's global config, a wildcard over a public suffix.
        ("global.txt", config("global")),
        (".co.uk.txt", config("suffix")),
        // Nothing translatable.
        ("nothing.example.net.txt", "single_page_link: //a[@class='all']\n".to_owned()),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write config");
    }
    std::fs::write(dir.join("latin1.example.com.txt"), b"body: //div[@class='caf\xe9']\n").expect("write config");
}

#[test]
fn import_ftr_resolves_every_collision_and_the_output_loads() {
    let dir = scratch("collide");
    let (src, outdir) = (dir.join("ftr"), dir.join("out"));
    std::fs::create_dir_all(&src).unwrap();
    ftr_fixture(&src);
    let o = pith(&["rules", "import-ftr", &s(&src), &s(&outdir)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let report = out(&o);
    let names: Vec<String> = snapshot(&outdir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["_.medium.com.toml", "casey.org.toml", "medium.com.toml", "onlywww.com.toml", "seriouseats.com.toml", "xn--bcher-kva.de.toml"],
        "{report}"
    );
    // Every file written is reported as written, and no other.
    assert!(report.contains("6 of 13 file(s) converted"), "{report}");
    let read = |n: &str| std::fs::read_to_string(outdir.join(n)).unwrap();
    assert!(read("medium.com.toml").contains("hosts = [\"medium.com\", \"www.medium.com\"]"));
    assert!(read("medium.com.toml").contains("exact"));
    assert!(read("_.medium.com.toml").contains("hosts = [\"*.medium.com\"]") && read("_.medium.com.toml").contains("wild"));
    // FTR's own file wins the host; the loser is reported, not written.
    assert!(read("seriouseats.com.toml").contains("plain"), "{report}");
    assert!(report.contains("www.seriouseats.com.txt: no rule written"), "{report}");
    assert!(report.contains("host `www.seriouseats.com` is left to seriouseats.com.txt"), "{report}");
    assert!(read("casey.org.toml").contains("lower") && report.contains("Casey.org.txt: no rule written"), "{report}");
    assert!(read("xn--bcher-kva.de.toml").contains("puny") && report.contains("bücher.de.txt: no rule written"), "{report}");
    assert!(read("onlywww.com.toml").contains("hosts = [\"onlywww.com\", \"www.onlywww.com\"]"));
    assert!(report.contains("global.txt: no rule written") && report.contains("not a site's host"), "{report}");
    assert!(report.contains(".co.uk.txt: no rule written") && report.contains("wildcard over a public suffix"), "{report}");
    assert!(report.contains("latin1.example.com.txt: no rule written") && report.contains("not UTF-8"), "{report}");
    // The folder loads as it is: check passes and extract takes it.
    let c = pith(&["rules", "check", &s(&outdir)]);
    assert_eq!(c.status.code(), Some(0), "{}", err(&c));
    let page = dir.join("page.html");
    let html = |host: &str| {
        format!(
            "<html><head><link rel=canonical href=\"https://{host}/p\"><title>T</title></head><body>\
             <article class=\"exact\"><p>{}</p></article><article class=\"wild\"><p>{}</p></article></body></html>",
            "Exact host words here, a full sentence of article text. ".repeat(6),
            "Wildcard subdomain words here, a full sentence of article text. ".repeat(6)
        )
    };
    for (host, rule, kept) in [("medium.com", "medium.com", "Exact host"), ("www.medium.com", "medium.com", "Exact host"), ("blog.medium.com", "_.medium.com", "Wildcard")] {
        std::fs::write(&page, html(host)).unwrap();
        let e = pith(&["extract", "--format", "json", "--rules", &s(&outdir), &s(&page)]);
        assert_eq!(e.status.code(), Some(0), "{}", err(&e));
        let doc: Value = serde_json::from_str(&out(&e)).expect("json");
        assert_eq!(doc["rule"], rule, "{host}");
        assert!(doc["text"].as_str().unwrap().starts_with(kept), "{host}: {}", doc["text"]);
    }
}

#[test]
fn import_ftr_never_overwrites_without_force() {
    let dir = scratch("force");
    let (src, outdir) = (dir.join("ftr"), dir.join("out"));
    std::fs::create_dir_all(&src).unwrap();
    std::fs::create_dir_all(&outdir).unwrap();
    ftr_fixture(&src);
    std::fs::write(outdir.join("medium.com.toml"), "# my own rule\nhosts = [\"medium.com\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    let before = snapshot(&outdir);
    let o = pith(&["rules", "import-ftr", &s(&src), &s(&outdir)]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains(&s(&outdir.join("medium.com.toml"))) && err(&o).contains("--force"), "{}", err(&o));
    assert_eq!(snapshot(&outdir), before, "nothing written");
    // --force replaces it (a link is replaced itself, never the file it
    // points to); the output still loads.
    let precious = dir.join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    std::os::unix::fs::symlink(&precious, outdir.join("seriouseats.com.toml")).unwrap();
    let f = pith(&["rules", "import-ftr", "--force", &s(&src), &s(&outdir)]);
    assert_eq!(f.status.code(), Some(0), "{}", err(&f));
    assert!(std::fs::read_to_string(outdir.join("medium.com.toml")).unwrap().contains("Imported from FiveFilters"));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    assert!(!outdir.join("seriouseats.com.toml").is_symlink());
    assert_eq!(pith(&["rules", "check", &s(&outdir)]).status.code(), Some(0));
    // An unrelated rule already in OUTDIR claiming an imported host: the
    // result would not load, so nothing is written, even with --force.
    std::fs::write(outdir.join("mine.toml"), "hosts = [\"seriouseats.com\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    let before = snapshot(&outdir);
    let c = pith(&["rules", "import-ftr", "--force", &s(&src), &s(&outdir)]);
    assert_eq!(c.status.code(), Some(2), "{}", out(&c));
    assert!(err(&c).contains("already claimed") && err(&c).contains("nothing written"), "{}", err(&c));
    assert_eq!(snapshot(&outdir), before, "nothing written");
}

#[test]
fn rules_new_and_test_read_compressed_pages_like_extract() {
    let dir = scratch("gz");
    let page = std::fs::read(root().join("tests/rules/pages/example-news.html")).unwrap();
    std::fs::write(dir.join("page.html"), &page).unwrap();
    std::fs::write(dir.join("page.html.gz"), gzip(&page)).unwrap();
    std::fs::write(dir.join("page.html.zst"), zstd::encode_all(&page[..], 3).unwrap()).unwrap();
    let plain = pith(&["rules", "new", "example-news.com", "--from", &s(&dir.join("page.html")), "--stdout"]);
    assert_eq!(plain.status.code(), Some(0), "{}", err(&plain));
    for name in ["page.html.gz", "page.html.zst"] {
        let o = pith(&["rules", "new", "example-news.com", "--from", &s(&dir.join(name)), "--stdout"]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(out(&o).replace(name, "page.html"), out(&plain), "{name}: the draft is the uncompressed page's");
        assert!(out(&o).contains("content = ["), "{}", out(&o));
    }
    // A [[test]] whose file is compressed reads the page, as extract does.
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let rule = std::fs::read_to_string(root().join("tests/rules/user/example-news.com.toml")).unwrap();
    for name in ["page.html.gz", "page.html.zst"] {
        std::fs::write(rules.join("example-news.com.toml"), rule.replace("../pages/example-news.html", &format!("../{name}"))).unwrap();
        let t = pith(&["rules", "test", &s(&rules)]);
        assert_eq!(t.status.code(), Some(0), "{name}: {}", out(&t));
        assert!(out(&t).contains(&format!("PASS {}", s(&rules.join("example-news.com.toml")))), "{}", out(&t));
    }
}

#[test]
fn a_fifo_sample_is_refused_not_waited_on() {
    let dir = scratch("fifo");
    let fifo = dir.join("page.html");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(["rules", "new", "example.com", "--stdout", "--from", &s(&fifo)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pith");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("rules new --from FIFO still waiting after 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains(&s(&fifo)) && err(&o).contains("not a regular file"), "{}", err(&o));
}

#[test]
fn unicode_and_punycode_hosts_are_one_host() {
    let dir = scratch("idna");
    std::fs::write(dir.join("buecher.toml"), "hosts = [\"bücher.de\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    std::fs::write(dir.join("muenchen.toml"), "hosts = [\"xn--mnchen-3ya.de\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    let set = RuleSet::with_dirs(&[&dir]).expect("rules load");
    let name = |url: &str| set.match_url(url).map(|r| r.name.clone());
    assert_eq!(name("https://xn--bcher-kva.de/a").as_deref(), Some("buecher"));
    assert_eq!(name("https://www.Bücher.de/a").as_deref(), Some("buecher"));
    assert_eq!(name("https://münchen.de/a").as_deref(), Some("muenchen"));
    assert_eq!(name("https://xn--mnchen-3ya.de/a").as_deref(), Some("muenchen"));
    // One host in two forms in one folder is claimed twice.
    std::fs::write(dir.join("puny.toml"), "hosts = [\"xn--bcher-kva.de\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    let c = pith(&["rules", "check", &s(&dir)]);
    assert_ne!(c.status.code(), Some(0));
    assert!(err(&c).contains("xn--bcher-kva.de` is already claimed"), "{}", err(&c));
}

#[test]
fn host_patterns_that_can_never_match_fail_check() {
    let dir = scratch("never");
    for (i, host) in ["*.com", "*.co.uk", "a*.example.com", "x.*.example.com", "a..example.com", "a!b.example.com"].iter().enumerate() {
        std::fs::write(dir.join(format!("r{i}.toml")), format!("description = \"x\"\nhosts = [\"{host}\"]\n")).unwrap();
    }
    let c = pith(&["rules", "check", &s(&dir)]);
    assert_ne!(c.status.code(), Some(0), "{}", out(&c));
    let e = err(&c);
    for i in 0..6 {
        assert!(e.contains(&format!("{}:2: invalid host", s(&dir.join(format!("r{i}.toml"))))), "r{i}: {e}");
    }
    assert!(e.contains("`*.com`: a wildcard over a public suffix"), "{e}");
    // A wildcard under a registrable domain is a pattern that matches.
    std::fs::write(dir.join("r0.toml"), "hosts = [\"*.example.com\"]\n[html]\ncontent = [\"main\"]\n").unwrap();
    for i in 1..6 {
        std::fs::remove_file(dir.join(format!("r{i}.toml"))).unwrap();
    }
    let set = RuleSet::with_dirs(&[&dir]).expect("rules load");
    assert_eq!(set.match_url("https://news.example.com/").map(|r| r.name.as_str()), Some("r0"));
    assert!(set.match_url("https://example.com/").is_none());
}
