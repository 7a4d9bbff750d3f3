//! Import of FiveFilters ftr-site-config files (`HOST.txt`, one
//! `directive: value` a line, `#` comments) as pith rules.
//!
//! `body` → `[html] content`, `strip` → `remove`, `strip_id_or_class: x` →
//! `remove = ['[id*="x"]', '[class*="x"]']`, `strip_image_src: x` →
//! `remove = ['img[src*="x"]']`, `title`/`author`/`date` → metadata
//! selectors (the first one that translates), `test_url`/`test_contains` →
//! a commented `[[test]]` (a test needs a saved page). XPath goes through
//! [`xpath::to_css`](super::xpath::to_css); what it cannot translate, and
//! every directive with no pith counterpart, is listed in the file's report
//! and in a comment at the top of the rule. `HOST.txt` applies to `HOST`
//! and `www.HOST`; `.HOST.txt` to every subdomain. Every written rule is
//! compiled before it is written, so the output folder passes `rules check`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::load::{compile, Source};
use super::model::Origin;
use super::xpath::{to_css, Translation};

/// Directives pith reads.
const TRANSLATED: [&str; 8] = ["body", "strip", "strip_id_or_class", "strip_image_src", "title", "author", "date", "test_url"];

/// What the import of one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The config file.
    pub file: String,
    /// The rule written, if any.
    pub written: Option<PathBuf>,
    /// Directives translated.
    pub translated: usize,
    /// `directive: value` lines that could not be translated, with the reason.
    pub untranslated: Vec<String>,
    /// Directives with no pith counterpart (named once each).
    pub ignored: Vec<String>,
    /// Other remarks (approximations, why nothing was written).
    pub notes: Vec<String>,
}

impl std::fmt::Display for FileReport {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match &self.written {
            Some(p) => writeln!(f, "{} -> {} ({} directive(s) translated)", self.file, p.display(), self.translated)?,
            None => writeln!(f, "{}: no rule written", self.file)?,
        }
        for u in &self.untranslated {
            writeln!(f, "  not translated: {u}")?;
        }
        if !self.ignored.is_empty() {
            writeln!(f, "  ignored (no pith counterpart): {}", self.ignored.join(", "))?;
        }
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        Ok(())
    }
}

/// One rule being built from a config file.
#[derive(Debug, Default)]
struct Draft {
    content: Vec<String>,
    remove: Vec<String>,
    title: Option<Translation>,
    author: Option<Translation>,
    date: Option<Translation>,
    tests: Vec<(String, Vec<String>)>,
}

/// Import every `*.txt` of `dir` into `out` (created if missing); one report per file.
pub fn import_dir(dir: &Path, out: &Path) -> std::io::Result<Vec<FileReport>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    std::fs::create_dir_all(out)?;
    let mut reports = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (rule, mut report) = convert(&file_name, &text);
        report.file = path.display().to_string();
        if let Some((name, toml)) = rule {
            let target = out.join(format!("{name}.toml"));
            std::fs::write(&target, toml)?;
            report.written = Some(target);
        }
        reports.push(report);
    }
    Ok(reports)
}

/// Convert one config file (`file_name` gives the host) to a rule's
/// name and TOML text, with its report.
pub fn convert(file_name: &str, text: &str) -> (Option<(String, String)>, FileReport) {
    let mut report = FileReport { file: file_name.to_owned(), ..FileReport::default() };
    let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
    let (host, subdomains) = match stem.strip_prefix('.') {
        Some(h) => (h.to_lowercase(), true),
        None => (stem.to_lowercase(), false),
    };
    let mut draft = Draft::default();
    let mut bodies = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((key, value)) = line.split_once(':') else {
            report.notes.push(format!("not a directive: {line}"));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        bodies += usize::from(key == "body");
        match key {
            "body" | "strip" => match to_css(value) {
                Ok(t) if t.attribute.is_none() => {
                    let list = if key == "body" { &mut draft.content } else { &mut draft.remove };
                    list.push(t.css);
                    report.translated += 1;
                }
                Ok(_) => report.untranslated.push(format!("{key}: {value} (selects an attribute, not elements)")),
                Err(e) => report.untranslated.push(format!("{key}: {value} ({e})")),
            },
            "strip_id_or_class" => {
                let v = value.trim_matches(['\'', '"']).replace('"', "\\\"");
                draft.remove.push(format!("[id*=\"{v}\"]"));
                draft.remove.push(format!("[class*=\"{v}\"]"));
                report.translated += 1;
            }
            "strip_image_src" => {
                let v = value.trim_matches(['\'', '"']).replace('"', "\\\"");
                draft.remove.push(format!("img[src*=\"{v}\"]"));
                report.translated += 1;
            }
            "title" | "author" | "date" => {
                let slot = match key {
                    "title" => &mut draft.title,
                    "author" => &mut draft.author,
                    _ => &mut draft.date,
                };
                if slot.is_some() {
                    report.notes.push(format!("{key}: {value} not used: pith reads one {key} selector (the first)"));
                    continue;
                }
                match to_css(value) {
                    Ok(t) => {
                        *slot = Some(t);
                        report.translated += 1;
                    }
                    Err(e) => report.untranslated.push(format!("{key}: {value} ({e})")),
                }
            }
            "test_url" => draft.tests.push((value.to_owned(), Vec::new())),
            "test_contains" => match draft.tests.last_mut() {
                Some((_, contains)) => contains.push(value.to_owned()),
                None => report.notes.push(format!("test_contains before any test_url: {value}")),
            },
            other => {
                let name = other.split('(').next().unwrap_or(other).to_owned();
                if !TRANSLATED.contains(&name.as_str()) && !report.ignored.contains(&name) {
                    report.ignored.push(name);
                }
            }
        }
    }
    if bodies > 1 {
        report.notes.push("several `body` expressions: FTR uses the first that matches, pith keeps every match".into());
    }
    if !draft.tests.is_empty() {
        report.notes.push("test_url kept as a commented [[test]]: save the page under tests/ and set `file`".into());
    }
    let has_html = !draft.content.is_empty()
        || !draft.remove.is_empty()
        || draft.title.is_some()
        || draft.author.is_some()
        || draft.date.is_some();
    if !has_html {
        report.notes.push("nothing translatable: no rule written".into());
        return (None, report);
    }
    let toml = render(file_name, &host, subdomains, &draft, &report);
    let source = Source {
        file: format!("{host}.toml"),
        name: host.clone(),
        text: toml.clone(),
        dir: PathBuf::from("."),
        origin: Origin::User,
    };
    if let Err(errors) = compile(&source) {
        for e in errors {
            report.notes.push(format!("the converted rule does not load: {e}"));
        }
        return (None, report);
    }
    (Some((host, toml)), report)
}

/// A TOML string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn list(items: &[String]) -> String {
    if items.len() <= 1 {
        return format!("[{}]", items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "));
    }
    let mut s = String::from("[\n");
    for item in items {
        let _ = writeln!(s, "    {},", q(item));
    }
    s.push(']');
    s
}

fn render(file_name: &str, host: &str, subdomains: bool, d: &Draft, report: &FileReport) -> String {
    let mut s = format!("# Imported from FiveFilters ftr-site-config {file_name} by `pith rules import-ftr`.\n");
    if !report.untranslated.is_empty() {
        s.push_str("# Not translated:\n");
        for u in &report.untranslated {
            let _ = writeln!(s, "#   {u}");
        }
    }
    if subdomains {
        let _ = writeln!(s, "hosts = [{}]", q(host));
    } else {
        let _ = writeln!(s, "hosts = [{}, {}]\nsubdomains = false", q(host), q(&format!("www.{host}")));
    }
    s.push_str("\n[html]\n");
    if !d.content.is_empty() {
        let _ = writeln!(s, "content = {}", list(&d.content));
    }
    if !d.remove.is_empty() {
        let _ = writeln!(s, "remove = {}", list(&d.remove));
    }
    for (key, field) in [("title", &d.title), ("author", &d.author), ("date", &d.date)] {
        match field {
            Some(Translation { css, attribute: Some(a) }) => {
                let _ = writeln!(s, "{key} = {{ selector = {}, attribute = {} }}", q(css), q(a));
            }
            Some(Translation { css, attribute: None }) => {
                let _ = writeln!(s, "{key} = {}", q(css));
            }
            None => {}
        }
    }
    for (url, contains) in &d.tests {
        let _ = write!(s, "\n# [[test]]\n# file = \"../tests/pages/{host}.html\"   # save {url} there\n# url = {}\n", q(url));
        if !contains.is_empty() {
            let _ = writeln!(s, "# contains = {}", list(contains).replace('\n', "\n# "));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_become_a_rule_that_loads() {
        let config = "# comment\nbody: //div[@id='story']\nstrip: //div[contains(@class,'share')]\n\
                      strip_id_or_class: promo\ntitle: //meta[@property='og:title']/@content\n\
                      author: //span[@class='byline']\ndate: //time/@datetime\ntidy: no\nprune: no\n\
                      test_url: https://example.com/a\ntest_contains: First words\n";
        let (rule, report) = convert("example.com.txt", config);
        let (name, toml) = rule.expect("a rule is written");
        assert_eq!(name, "example.com");
        let source = Source { file: "x".into(), name: name.clone(), text: toml.clone(), dir: ".".into(), origin: Origin::User };
        let compiled = compile(&source).expect("the rule loads");
        let css = |list: &[super::super::model::Css]| list.iter().map(|c| c.source.clone()).collect::<Vec<_>>();
        assert_eq!(css(&compiled.html.content), ["div#story"]);
        assert_eq!(css(&compiled.html.remove), ["div[class*=\"share\"]", "[id*=\"promo\"]", "[class*=\"promo\"]"]);
        let title = compiled.html.title.expect("title");
        assert_eq!((title.css.source.as_str(), title.attribute.as_deref()), ("meta[property=\"og:title\"]", Some("content")));
        assert_eq!(compiled.html.date.expect("date").attribute.as_deref(), Some("datetime"));
        assert_eq!(compiled.hosts, ["example.com", "www.example.com"]);
        assert!(toml.contains("subdomains = false"), "{toml}");
        assert!(toml.contains("# url = \"https://example.com/a\""), "{toml}");
        assert_eq!(report.translated, 6);
        assert_eq!(report.ignored, ["tidy", "prune"]);
        assert!(report.untranslated.is_empty());
    }

    #[test]
    fn untranslatable_xpath_is_reported() {
        let (rule, report) = convert(".example.org.txt", "body: //article\nstrip: //p[contains(text(),'Advert')]\n");
        let (_, toml) = rule.expect("a rule is written");
        assert!(!toml.contains("subdomains"), "{toml}");
        assert_eq!(report.untranslated.len(), 1);
        assert!(report.untranslated[0].contains("text predicates"), "{report:?}");
        assert!(toml.contains("# Not translated:"), "{toml}");
    }

    #[test]
    fn nothing_translatable_writes_nothing() {
        let (rule, report) = convert("example.net.txt", "single_page_link: //a[@class='all']\n");
        assert!(rule.is_none());
        assert!(report.notes.iter().any(|n| n.contains("nothing translatable")));
    }
}
