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
//! and in a comment at the top of the rule. FTR looks a page's host up
//! with `www.` stripped, first as `HOST.txt`, then (one label removed) as
//! the wildcard `.PARENT.txt`: so `HOST.txt` becomes a rule for `HOST` and
//! `www.HOST`, and `.HOST.txt` one for `*.HOST` (every subdomain, not
//! `HOST` itself). Every rule is compiled before it is written. Importing
//! a whole folder (which file wins a host two files name, what is never
//! overwritten) is [`ftr_import`](super::ftr_import).

use std::fmt::Write as _;
use std::path::PathBuf;

use super::xpath::{to_css, Translation};
use crate::rules::host;
use crate::rules::load::{compile, Source};
use crate::rules::model::Origin;

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

/// What an ftr-site-config file applies to, from its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The host in IDNA ASCII form, `www.` stripped (`.HOST.txt`: `HOST`).
    pub host: String,
    /// `.HOST.txt`: every subdomain of `host`.
    pub wildcard: bool,
    /// Whether FTR looks this very file up: its name is the lower-case
    /// ASCII host without `www.` (`www.x.com.txt`, `X.com.txt` or a
    /// Unicode name are never found by FTR, which strips `www.` and looks
    /// for the host as the URL gives it, lower-cased).
    pub canonical: bool,
}

impl Target {
    /// From a config's file name (`x.com.txt`, `.x.com.txt`); `Err` says
    /// why the name is not a host.
    pub fn of(file_name: &str) -> Result<Target, String> {
        let stem = file_name.strip_suffix(".txt").unwrap_or(file_name);
        let (wildcard, name) = match stem.strip_prefix('.') {
            Some(h) => (true, h),
            None => (false, stem),
        };
        let pattern = if wildcard { format!("{}{name}", host::WILDCARD) } else { name.to_owned() };
        let checked = host::rule_host(&pattern).map_err(|why| format!("the file name is not a site's host ({why}): no rule written"))?;
        let (_, ascii) = host::split_wildcard(&checked);
        let stripped = if wildcard { None } else { ascii.strip_prefix("www.").filter(|h| psl::domain_str(h).is_some()) };
        let host = stripped.unwrap_or(ascii).to_owned();
        Ok(Target { canonical: stripped.is_none() && name == host, host, wildcard })
    }

    /// The rule hosts FTR would use this file for.
    pub fn hosts(&self) -> Vec<String> {
        if self.wildcard {
            vec![format!("{}{}", host::WILDCARD, self.host)]
        } else {
            vec![self.host.clone(), format!("www.{}", self.host)]
        }
    }

    /// The rule's name (its file is `NAME.toml`): the host, `_.HOST` for a wildcard.
    pub fn rule_name(&self) -> String {
        if self.wildcard { format!("_.{}", self.host) } else { self.host.clone() }
    }
}

/// A config file's translated directives (no hosts yet).
#[derive(Debug)]
pub struct Translated {
    draft: Draft,
}

/// Translate a config's directives; `None` (with the reason in the
/// report) when nothing is translatable.
pub fn translate(file_name: &str, text: &str) -> (Option<Translated>, FileReport) {
    let mut report = FileReport { file: file_name.to_owned(), ..FileReport::default() };
    let draft = parse(text, &mut report);
    let has_html = !draft.content.is_empty()
        || !draft.remove.is_empty()
        || draft.title.is_some()
        || draft.author.is_some()
        || draft.date.is_some();
    if !has_html {
        report.notes.push("nothing translatable: no rule written".into());
        return (None, report);
    }
    (Some(Translated { draft }), report)
}

/// The rule text of `translated` named `name` for `hosts` (`exact`:
/// `subdomains = false`), compiled to be sure it loads; `Err` holds why not.
pub fn rule_text(file_name: &str, name: &str, hosts: &[String], exact: bool, translated: &Translated, report: &FileReport) -> Result<String, Vec<String>> {
    let toml = render(file_name, name, hosts, exact, &translated.draft, report);
    let source = Source { file: format!("{name}.toml"), name: name.to_owned(), text: toml.clone(), dir: PathBuf::from("."), origin: Origin::User };
    match compile(&source) {
        Ok(_) => Ok(toml),
        Err(errors) => Err(errors.iter().map(|e| format!("the converted rule does not load: {e}")).collect()),
    }
}

/// Convert one config file on its own (its name gives the hosts) to a
/// rule's name and TOML text, with its report.
pub fn convert(file_name: &str, text: &str) -> (Option<(String, String)>, FileReport) {
    let target = match Target::of(file_name) {
        Ok(t) => t,
        Err(why) => {
            let mut report = FileReport { file: file_name.to_owned(), ..FileReport::default() };
            report.notes.push(why);
            return (None, report);
        }
    };
    let (translated, mut report) = translate(file_name, text);
    let Some(translated) = translated else { return (None, report) };
    let name = target.rule_name();
    match rule_text(file_name, &name, &target.hosts(), !target.wildcard, &translated, &report) {
        Ok(toml) => (Some((name, toml)), report),
        Err(notes) => {
            report.notes.extend(notes);
            (None, report)
        }
    }
}

/// Read a config's directives into a draft, noting what is not translated.
fn parse(text: &str, report: &mut FileReport) -> Draft {
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
    draft
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

fn render(file_name: &str, name: &str, hosts: &[String], exact: bool, d: &Draft, report: &FileReport) -> String {
    let mut s = format!("# Imported from FiveFilters ftr-site-config {file_name} by `pith rules import-ftr`.\n");
    if !report.untranslated.is_empty() {
        s.push_str("# Not translated:\n");
        for u in &report.untranslated {
            let _ = writeln!(s, "#   {u}");
        }
    }
    let _ = writeln!(s, "hosts = [{}]", hosts.iter().map(|h| q(h)).collect::<Vec<_>>().join(", "));
    if exact {
        s.push_str("subdomains = false\n");
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
        let _ = write!(s, "\n# [[test]]\n# file = \"../tests/pages/{name}.html\"   # save {url} there\n# url = {}\n", q(url));
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
        let css = |list: &[crate::rules::model::Css]| list.iter().map(|c| c.source.clone()).collect::<Vec<_>>();
        assert_eq!(css(&compiled.html().unwrap().content), ["div#story"]);
        assert_eq!(css(&compiled.html().unwrap().remove), ["div[class*=\"share\"]", "[id*=\"promo\"]", "[class*=\"promo\"]"]);
        let title = compiled.html().unwrap().title.clone().expect("title");
        assert_eq!((title.css.source.as_str(), title.attribute.as_deref()), ("meta[property=\"og:title\"]", Some("content")));
        assert_eq!(compiled.html().unwrap().date.clone().expect("date").attribute.as_deref(), Some("datetime"));
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
