//! Rule loading: rule files (built-in or from a folder) to compiled
//! [`Rule`]s. Every regex is compiled here, once; CSS selectors are
//! compiled here by [`compile`] (the rule tools, `pith rules check`) or,
//! with [`compile_lazy`] (what a [`RuleSet`](super::RuleSet) loads with),
//! when the rule first applies to a page ([`compile_html`]). Every problem
//! is reported with its file and line, and a file with any problem is
//! rejected whole.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::Regex;
use scraper::Selector;
use toml::Spanned;

use super::error::{line_of, RuleError, RuleErrorKind};
use super::model::{
    collapse, Css, CssSource, FieldSelector, FieldSource, FieldSpec, HtmlRule, HtmlSource, Origin, Pattern, PatternKind,
    PatternSpec, Rule, RuleSpec, RuleTest, TestInput, TextRule,
};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// One rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as shown in messages.
    pub file: String,
    /// The file name without `.toml`.
    pub name: String,
    pub text: String,
    /// The folder the file is in (test inputs are relative to it).
    pub dir: PathBuf,
    pub origin: Origin,
}

/// The folder of the built-in rules in the source tree (for their tests).
pub fn builtin_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// The rule files embedded at build time, sorted by file name.
pub fn builtin_sources() -> Vec<Source> {
    builtin::BUILTIN
        .iter()
        .map(|(file, text)| Source {
            file: format!("rules/{file}"),
            name: file.trim_end_matches(".toml").to_owned(),
            text: (*text).to_owned(),
            dir: builtin_dir(),
            origin: Origin::Builtin,
        })
        .collect()
}

/// Largest rule file read, in bytes: a rule is a few lines of TOML.
const MAX_RULE_FILE_BYTES: u64 = 1 << 20;
/// The buffer a rule file is read into first: most fit, and are then read
/// with one call (an empty buffer is read into by small probing reads).
const RULE_READ_BYTES: usize = 16 << 10;

/// The `*.toml` files of `dir`, sorted by file name, read in parallel. An
/// entry named `*.toml` that is not a readable regular file (a dangling or
/// looping link, a folder, a FIFO) or is over [`MAX_RULE_FILE_BYTES`] is
/// an error naming it, never silently left out.
pub fn dir_sources(dir: &Path) -> Result<Vec<Source>, RuleError> {
    let io_error = |file: &Path, e: String| RuleError { file: file.display().to_string(), line: None, kind: RuleErrorKind::Io(e) };
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e.to_string()))?
        .filter_map(Result::ok)
        .filter(|e| Path::new(&e.file_name()).extension().is_some_and(|x| x == "toml"))
        // The directory entry says whether it is a plain file (no `stat` needed).
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_file())))
        .collect();
    entries.sort();
    entries
        .into_par_iter()
        .map(|(path, plain)| {
            let file = path.display().to_string();
            // Anything else (a link, or an entry of unknown type) is looked
            // at before it is opened: opening a FIFO would wait for a writer.
            if !plain && !std::fs::metadata(&path).map_err(|e| io_error(&path, e.to_string()))?.is_file() {
                return Err(io_error(&path, "not a regular file".to_owned()));
            }
            let f = std::fs::File::open(&path).map_err(|e| io_error(&path, e.to_string()))?;
            let mut bytes = Vec::with_capacity(RULE_READ_BYTES);
            f.take(MAX_RULE_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_error(&path, e.to_string()))?;
            if bytes.len() as u64 > MAX_RULE_FILE_BYTES {
                return Err(io_error(&path, format!("over the limit of {MAX_RULE_FILE_BYTES} bytes for a rule file")));
            }
            let text = String::from_utf8(bytes).map_err(|_| io_error(&path, "stream did not contain valid UTF-8".to_owned()))?;
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok(Source { file, name, text, dir: dir.to_path_buf(), origin: Origin::User })
        })
        .collect()
}

/// Compile one rule file, selectors included; every error found is
/// returned, in the order of the file's lines.
pub fn compile(source: &Source) -> Result<Rule, Vec<RuleError>> {
    match compile_lazy(source) {
        Ok(rule) => match rule.html() {
            Ok(_) => Ok(rule),
            Err(e) => Err(e.to_vec()),
        },
        Err(mut errors) => {
            // The selectors are checked too, so that one run reports every problem.
            if let Ok(spec) = toml::from_str::<RuleSpec>(&source.text)
                && let Err(mut more) = compile_html(&source.file, &html_source(&spec, &source.text))
            {
                errors.append(&mut more);
            }
            errors.sort_by_key(|e| e.line.unwrap_or(usize::MAX));
            Err(errors)
        }
    }
}

/// Compile one rule file but its CSS selectors, which [`Rule::html`]
/// compiles on first use; every other error found is returned.
pub fn compile_lazy(source: &Source) -> Result<Rule, Vec<RuleError>> {
    let spec: RuleSpec = toml::from_str(&source.text).map_err(|e| {
        vec![RuleError {
            file: source.file.clone(),
            line: e.span().map(|s| line_of(&source.text, s.start)),
            kind: RuleErrorKind::Toml(e.message().trim().to_owned()),
        }]
    })?;
    let mut c = Compiler { source, errors: Vec::new() };
    let hosts = spec.hosts.iter().filter_map(|h| c.host(h)).collect::<Vec<_>>();
    let fingerprints = spec.fingerprints.iter().filter_map(|p| c.pattern(p, PatternUse::Fingerprint)).collect();
    let text = TextRule {
        start_after: spec.text.start_after.iter().filter_map(|p| c.pattern(p, PatternUse::Boundary)).collect(),
        stop_at: spec.text.stop_at.iter().filter_map(|p| c.pattern(p, PatternUse::Boundary)).collect(),
        drop: spec.text.drop.iter().filter_map(|p| c.pattern(p, PatternUse::Drop)).collect(),
    };
    let tests = spec.tests.iter().enumerate().filter_map(|(i, t)| c.test(i, t)).collect();
    if spec.hosts.is_empty() && spec.fingerprints.is_empty() {
        c.error(None, RuleErrorKind::NoTarget);
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Rule {
        name: source.name.clone(),
        file: source.file.clone(),
        dir: source.dir.clone(),
        origin: source.origin.clone(),
        hosts,
        subdomains: spec.subdomains,
        fingerprints,
        heuristics: spec.heuristics,
        html_source: html_source(&spec, &source.text),
        html: OnceLock::new(),
        text,
        tests,
    })
}

/// The `[html]` selectors of a parsed file, with their lines.
fn html_source(spec: &RuleSpec, text: &str) -> HtmlSource {
    // Where each line starts: a selector's line by binary search, not by
    // counting the file's newlines again for every selector.
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line = |offset: usize| Some(starts.partition_point(|&s| s <= offset));
    let css = |s: &Spanned<String>| CssSource { source: s.get_ref().clone(), line: line(s.span().start) };
    let field = |f: &Spanned<FieldSpec>| FieldSource {
        css: CssSource { source: f.get_ref().selector.clone(), line: line(f.span().start) },
        attribute: f.get_ref().attribute.clone(),
    };
    let h = &spec.html;
    HtmlSource {
        content: h.content.iter().map(css).collect(),
        remove: h.remove.iter().map(css).collect(),
        title: h.title.as_ref().map(field),
        author: h.author.as_ref().map(field),
        date: h.date.as_ref().map(field),
    }
}

/// Compile the `[html]` selectors of the rule file `file`; every selector
/// that does not parse is an error with its line.
pub fn compile_html(file: &str, source: &HtmlSource) -> Result<HtmlRule, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut css = |s: &CssSource| match Selector::parse(&s.source) {
        Ok(selector) => Some(Css { source: s.source.clone(), selector }),
        Err(e) => {
            let kind = RuleErrorKind::Selector { selector: s.source.clone(), reason: e.to_string() };
            errors.push(RuleError { file: file.to_owned(), line: s.line, kind });
            None
        }
    };
    let content = source.content.iter().filter_map(&mut css).collect();
    let remove = source.remove.iter().filter_map(&mut css).collect();
    let mut field = |f: &Option<FieldSource>| {
        let f = f.as_ref()?;
        Some(FieldSelector { css: css(&f.css)?, attribute: f.attribute.clone() })
    };
    let html = HtmlRule { content, remove, title: field(&source.title), author: field(&source.author), date: field(&source.date) };
    if errors.is_empty() { Ok(html) } else { Err(errors) }
}

/// Where a pattern is used (what its bare string form means, whether
/// `before`/`after` are allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatternUse {
    /// A bare string is a part of the dump.
    Fingerprint,
    /// `start_after`/`stop_at`: a bare string is a whole block.
    Boundary,
    /// `drop`: a bare string is a whole block; `before`/`after` allowed.
    Drop,
}

struct Compiler<'a> {
    source: &'a Source,
    errors: Vec<RuleError>,
}

impl Compiler<'_> {
    fn error(&mut self, span: Option<std::ops::Range<usize>>, kind: RuleErrorKind) {
        let line = span.map(|s| line_of(&self.source.text, s.start));
        self.errors.push(RuleError { file: self.source.file.clone(), line, kind });
    }

    fn host(&mut self, host: &Spanned<String>) -> Option<String> {
        match super::host::rule_host(host.get_ref()) {
            Ok(h) => Some(h),
            Err(reason) => {
                let kind = RuleErrorKind::Host { host: host.get_ref().clone(), reason: reason.to_owned() };
                self.error(Some(host.span()), kind);
                None
            }
        }
    }

    fn pattern(&mut self, p: &Spanned<PatternSpec>, usage: PatternUse) -> Option<Pattern> {
        let spec = p.get_ref();
        let span = Some(p.span());
        let forms = [&spec.bare, &spec.line, &spec.contains, &spec.regex].iter().filter(|f| f.is_some()).count();
        if forms != 1 {
            self.error(span, RuleErrorKind::Pattern("a pattern table needs exactly one of `line`, `contains` or `regex`".into()));
            return None;
        }
        if usage != PatternUse::Drop && (spec.before > 0 || spec.after > 0) {
            self.error(span, RuleErrorKind::Pattern("`before` and `after` apply to `drop` patterns only".into()));
            return None;
        }
        let kind = if let Some(r) = &spec.regex {
            match Regex::new(r) {
                Ok(re) => PatternKind::Regex(re),
                Err(e) => {
                    let kind = RuleErrorKind::Regex { pattern: r.clone(), reason: regex_reason(&e) };
                    self.error(span, kind);
                    return None;
                }
            }
        } else if let Some(l) = &spec.line {
            PatternKind::Line(collapse(l))
        } else if let Some(c) = &spec.contains {
            PatternKind::Contains(collapse(c))
        } else {
            let bare = collapse(spec.bare.as_deref().unwrap_or_default());
            match usage {
                PatternUse::Fingerprint => PatternKind::Contains(bare),
                PatternUse::Boundary | PatternUse::Drop => PatternKind::Line(bare),
            }
        };
        if matches!(&kind, PatternKind::Line(s) | PatternKind::Contains(s) if s.is_empty()) {
            self.error(span, RuleErrorKind::Pattern("an empty pattern matches everything".into()));
            return None;
        }
        Some(Pattern { kind, before: spec.before, after: spec.after })
    }

    fn test(&mut self, index: usize, t: &Spanned<super::model::TestSpec>) -> Option<RuleTest> {
        let spec = t.get_ref();
        let input = match (&spec.file, &spec.text) {
            (Some(f), None) => TestInput::File(self.source.dir.join(f)),
            (None, Some(text)) => TestInput::Inline(text.clone()),
            _ => {
                self.error(Some(t.span()), RuleErrorKind::Test("a test needs exactly one of `file` or `text`".into()));
                return None;
            }
        };
        if spec.contains.is_empty() && spec.excludes.is_empty() && spec.title.is_none() && spec.author.is_none() {
            self.error(Some(t.span()), RuleErrorKind::Test("a test needs `contains`, `excludes`, `title` or `author`".into()));
            return None;
        }
        let name = spec.name.clone().or_else(|| spec.file.clone()).unwrap_or_else(|| format!("inline #{}", index + 1));
        Some(RuleTest {
            name,
            input,
            url: spec.url.clone(),
            contains: spec.contains.clone(),
            excludes: spec.excludes.clone(),
            title: spec.title.clone(),
            author: spec.author.clone(),
        })
    }
}

/// The regex crate's reason, on one line (its message also draws the pattern).
fn regex_reason(e: &regex::Error) -> String {
    let msg = e.to_string();
    msg.lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map_or_else(|| msg.lines().map(str::trim).collect::<Vec<_>>().join(" "), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source { file: "t.toml".into(), name: "t".into(), text: text.into(), dir: PathBuf::from("."), origin: Origin::User }
    }

    fn errors(text: &str) -> Vec<String> {
        compile(&source(text)).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_full_rule_compiles() {
        let rule = compile(&source(
            r#"
hosts = ["Example.com"]
fingerprints = ["Example News", { regex = "^© \\d{4}" }]
heuristics = false
[html]
content = ["article"]
remove = [".ad"]
author = { selector = "meta[name=author]", attribute = "content" }
title = "h1"
[text]
drop = ["Advertisement", { line = "More", after = 2 }]
stop_at = [{ contains = "Related" }]
[[test]]
text = "x"
contains = ["x"]
"#,
        ))
        .expect("compiles");
        assert_eq!(rule.hosts, ["example.com"]);
        assert!(!rule.heuristics);
        assert_eq!(rule.text.drop[1].after, 2);
        assert!(rule.fingerprints[1].matches("© 2024 Example"));
        assert!(rule.text.drop[0].matches("  Advertisement "));
        assert!(!rule.text.drop[0].matches("Advertisement here"));
        assert!(rule.text.stop_at[0].matches("Related News"));
    }

    #[test]
    fn public_suffixes_and_urls_are_not_hosts() {
        assert!(errors(r#"hosts = ["co.uk"]"#)[0].contains("public suffix"));
        assert!(errors(r#"hosts = ["https://a.com/"]"#)[0].contains("without scheme"));
        let e = errors("description = \"x\"\nhosts = [\n  \"a.com\",\n  \"*.com\",\n]\n");
        assert!(e[0].starts_with("t.toml:4: invalid host `*.com`: a wildcard over a public suffix"), "{e:?}");
    }

    #[test]
    fn every_error_of_a_file_is_reported() {
        let e = errors("hosts = [\"a.com\"]\n[html]\ncontent = [\"a[\"]\nremove = [\"::x\"]\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("t.toml:3: invalid CSS selector"), "{e:?}");
        assert!(e[1].starts_with("t.toml:4: invalid CSS selector"), "{e:?}");
    }

    #[test]
    fn before_after_only_in_drop() {
        let e = errors("hosts = [\"a.com\"]\n[text]\nstop_at = [{ line = \"x\", after = 1 }]\n");
        assert!(e[0].contains("t.toml:3:") && e[0].contains("`drop` patterns only"), "{e:?}");
    }

    #[test]
    fn a_rule_needs_a_target() {
        assert!(errors("heuristics = true\n")[0].contains("needs `hosts` or `fingerprints`"));
    }

    #[test]
    fn tests_need_one_input_and_expectations() {
        assert!(errors("hosts = [\"a.com\"]\n[[test]]\ncontains = [\"x\"]\n")[0].contains("t.toml:2: invalid test"));
        assert!(errors("hosts = [\"a.com\"]\n[[test]]\ntext = \"x\"\n")[0].contains("needs `contains`"));
    }

    #[test]
    fn builtin_rules_are_sorted() {
        let names: Vec<String> = builtin_sources().into_iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}
