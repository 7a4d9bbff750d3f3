//! Rule sets and matching: which rule applies to a page.
//!
//! A [`RuleSet`] holds the built-in rules and the user's (`--rules DIR`,
//! later folders over earlier ones). A user rule replaces every rule of an
//! earlier set that has its name or shares one of its hosts; within one set
//! (the built-ins, or one folder) two rules claiming one host are an error.
//!
//! A URL matches a rule when its host equals one of the rule's hosts or
//! (unless the rule says `subdomains = false`) is a subdomain of it; a
//! wildcard `*.example.com` matches every subdomain of `example.com` and
//! not `example.com` itself. Hosts on both sides are in their IDNA ASCII
//! form (`host`). Hosts are indexed by registrable domain (public suffix
//! list), and the most specific host (most labels; at equal labels an
//! exact host, then a wildcard) wins. A text dump that matched no host
//! matches by fingerprint: the rule with the most fingerprints found in the
//! dump, ties to the first by name.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use super::error::{RuleError, RuleErrorKind};
use super::host;
use super::load::{builtin_sources, compile, compile_lazy, dir_sources, Source};
use super::model::{collapse, Rule};
use crate::error::Error;
use crate::frontend::budget::Clock;

/// A built-in rule replaced by a user rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The replaced rule's file.
    pub replaced: String,
    /// The replacing rule's file.
    pub by: String,
}

/// Compiled rules with a host index.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Registrable domain → (host, rule index).
    by_domain: HashMap<String, Vec<(String, usize)>>,
    overrides: Vec<Override>,
}

/// Fewest rule files of one set parsed in parallel: parsing one takes
/// microseconds (selectors are compiled later), while the first parallel
/// parse starts rayon's global pool, which costs a run of one page more
/// than parsing the three built-in files does.
const PARALLEL_MIN_SOURCES: usize = 16;

/// How a rule file is compiled: [`compile`] (selectors now) or [`compile_lazy`].
type Compile = fn(&Source) -> Result<Rule, Vec<RuleError>>;

static BUILTIN: LazyLock<Result<Arc<RuleSet>, Vec<RuleError>>> =
    LazyLock::new(|| RuleSet::from_sources(vec![builtin_sources()]).map(Arc::new));

impl RuleSet {
    /// The built-in rules (compiled once per process).
    pub fn builtin() -> Result<Arc<RuleSet>, Vec<RuleError>> {
        BUILTIN.clone()
    }

    /// The built-in rules and those of `dirs` (later folders override
    /// earlier ones); CSS selectors are compiled when a rule first applies.
    pub fn with_dirs<P: AsRef<Path>>(dirs: &[P]) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_dirs(dirs, compile_lazy)
    }

    /// [`RuleSet::with_dirs`] with every selector compiled now, so that
    /// every problem of every file is reported (`pith rules check`).
    pub fn with_dirs_checked<P: AsRef<Path>>(dirs: &[P]) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_dirs(dirs, compile)
    }

    fn load_dirs<P: AsRef<Path>>(dirs: &[P], compile: Compile) -> Result<RuleSet, Vec<RuleError>> {
        let mut sets = vec![builtin_sources()];
        let mut errors = Vec::new();
        for dir in dirs {
            match dir_sources(dir.as_ref()) {
                Ok(s) => sets.push(s),
                Err(e) => errors.push(e),
            }
        }
        match RuleSet::compile_sources(sets, compile) {
            Ok(set) if errors.is_empty() => Ok(set),
            Ok(_) => Err(errors),
            Err(mut more) => {
                errors.append(&mut more);
                Err(errors)
            }
        }
    }

    /// Compile sets of sources (CSS selectors when a rule first applies,
    /// see [`Rule::html`]); each later set overrides the earlier ones.
    pub fn from_sources(sets: Vec<Vec<Source>>) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::compile_sources(sets, compile_lazy)
    }

    fn compile_sources(sets: Vec<Vec<Source>>, compile: Compile) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut compiled = Vec::new();
        for set in &sets {
            let mut rules = Vec::new();
            // Parsed in parallel when there are many, gathered in the
            // sources' order.
            let results: Vec<_> = if set.len() >= PARALLEL_MIN_SOURCES { set.par_iter().map(compile).collect() } else { set.iter().map(compile).collect() };
            for result in results {
                match result {
                    Ok(rule) => rules.push(rule),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            compiled.push(rules);
        }
        let set = RuleSet::from_rules(compiled)?;
        if errors.is_empty() { Ok(set) } else { Err(errors) }
    }

    /// Build a set from compiled rules, grouped in sets of rising precedence.
    pub fn from_rules(sets: Vec<Vec<Rule>>) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        // Every rule so far (`None`: replaced), indexed by name and by host,
        // so that replacing stays linear in the number of rules.
        let mut slots: Vec<Option<Rule>> = Vec::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_host: HashMap<String, Vec<usize>> = HashMap::new();
        let mut overrides = Vec::new();
        for set in sets {
            // Duplicate hosts inside one set.
            let mut claimed: HashMap<&str, &str> = HashMap::new();
            for rule in &set {
                for host in &rule.hosts {
                    if let Some(other) = claimed.insert(host, &rule.file) {
                        errors.push(RuleError {
                            file: rule.file.clone(),
                            line: None,
                            kind: RuleErrorKind::DuplicateHost { host: host.clone(), other: other.to_owned() },
                        });
                    }
                }
            }
            for rule in set {
                // The earlier rules with this rule's name or one of its hosts, in load order.
                let mut replaced: Vec<usize> = by_name.get(&rule.name).into_iter().flatten().copied().collect();
                for h in &rule.hosts {
                    replaced.extend(by_host.get(h).into_iter().flatten().copied());
                }
                replaced.sort_unstable();
                replaced.dedup();
                for i in replaced {
                    if let Some(old) = slots[i].take() {
                        overrides.push(Override { replaced: old.file, by: rule.file.clone() });
                    }
                }
                let i = slots.len();
                by_name.entry(rule.name.clone()).or_default().push(i);
                for h in &rule.hosts {
                    by_host.entry(h.clone()).or_default().push(i);
                }
                slots.push(Some(rule));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut rules: Vec<Rule> = slots.into_iter().flatten().collect();
        rules.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.file.cmp(&b.file)));
        let mut by_domain: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            for pattern in &rule.hosts {
                let (_, base) = host::split_wildcard(pattern);
                let domain = psl::domain_str(base).unwrap_or(base).to_owned();
                by_domain.entry(domain).or_default().push((pattern.clone(), i));
            }
        }
        Ok(RuleSet { rules, by_domain, overrides })
    }

    /// Every rule, sorted by name.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Built-in (or earlier) rules replaced by user rules.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Compile every rule's selectors now (`pith rules check`): every
    /// selector that does not parse, with its file and line.
    pub fn check_selectors(&self) -> Vec<RuleError> {
        self.rules.iter().filter_map(|r| r.html().err()).flatten().cloned().collect()
    }

    /// The errors of the rules that matched a page but whose selectors do
    /// not parse (so they were not applied), in rule order.
    pub fn failed_selectors(&self) -> Vec<RuleError> {
        self.rules.iter().filter_map(Rule::failed_html).flatten().cloned().collect()
    }

    /// Whether the set holds no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule for the page at `url`: the most specific host match.
    pub fn match_url(&self, url: &str) -> Option<&Rule> {
        let host = url_host(url)?;
        let domain = psl::domain_str(&host)?;
        let candidates = self.by_domain.get(domain)?;
        // (labels of the pattern's host, exact > wildcard > subdomain), rule index.
        let specificity = |pattern: &str| -> Option<(usize, u8)> {
            let (wildcard, base) = host::split_wildcard(pattern);
            let labels = base.split('.').count();
            if wildcard {
                host::is_subdomain(&host, base).then_some((labels, 1))
            } else if host == base {
                Some((labels, 2))
            } else {
                None
            }
        };
        candidates
            .iter()
            .filter_map(|(h, i)| {
                let found = specificity(h).or_else(|| {
                    (self.rules[*i].subdomains && host::is_subdomain(&host, h)).then(|| (h.split('.').count(), 0))
                });
                found.map(|s| (s, *i))
            })
            .max_by(|(a, i), (b, j)| a.cmp(b).then_with(|| j.cmp(i)))
            .map(|(_, i)| &self.rules[i])
    }

    /// The rule whose fingerprints a dump carries (most fingerprints found wins).
    pub fn match_dump(&self, text: &str) -> Option<&Rule> {
        // Without a deadline the clock never runs out.
        self.match_dump_timed(text, &mut Clock::new(None)).unwrap_or_default()
    }

    /// [`RuleSet::match_dump`] under `clock` (each fingerprint reads the
    /// whole dump, and a rule set can hold thousands): `Err(Timeout)` when
    /// it runs out.
    pub fn match_dump_timed(&self, text: &str, clock: &mut Clock) -> Result<Option<&Rule>, Error> {
        let mut fingerprinted = self.rules.iter().filter(|r| !r.fingerprints.is_empty()).peekable();
        if fingerprinted.peek().is_none() {
            return Ok(None);
        }
        let collapsed = collapse(text);
        let mut best: Option<(usize, &Rule)> = None;
        for rule in fingerprinted {
            let mut hits = 0;
            for p in &rule.fingerprints {
                clock.check()?;
                hits += usize::from(p.matches_document(&collapsed, text));
            }
            if hits > 0 && best.is_none_or(|(n, _)| hits > n) {
                best = Some((hits, rule));
            }
        }
        Ok(best.map(|(_, r)| r))
    }
}

/// The host of `url` (scheme optional), without port, user or trailing
/// dot, in its IDNA ASCII form (lower case, punycode) like rule hosts.
pub fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') { host } else { host.split(':').next()? };
    let host = host.trim_end_matches('.');
    if !host.contains('.') || host.contains(char::is_whitespace) {
        return None;
    }
    // A host IDNA rejects cannot equal a rule host (those pass IDNA): keep it as written.
    Some(host::normalise(host).unwrap_or_else(|| host.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::rules::model::Origin;

    fn source(name: &str, text: &str, origin: Origin) -> Source {
        Source { file: format!("{name}.toml"), name: name.into(), text: text.into(), dir: PathBuf::from("."), origin }
    }

    fn set(builtin: &[(&str, &str)], user: &[(&str, &str)]) -> RuleSet {
        let b = builtin.iter().map(|(n, t)| source(n, t, Origin::Builtin)).collect();
        let u = user.iter().map(|(n, t)| source(n, t, Origin::User)).collect();
        RuleSet::from_sources(vec![b, u]).expect("rules compile")
    }

    fn matched<'a>(s: &'a RuleSet, url: &str) -> Option<&'a str> {
        s.match_url(url).map(|r| r.file.as_str())
    }

    #[test]
    fn hosts_match_subdomains_unless_told() {
        let s = set(&[("a", "hosts = [\"a.com\"]"), ("b", "hosts = [\"b.com\"]\nsubdomains = false")], &[]);
        assert_eq!(matched(&s, "https://a.com/x"), Some("a.toml"));
        assert_eq!(matched(&s, "https://www.news.a.com:8080/x"), Some("a.toml"));
        assert_eq!(matched(&s, "https://nota.com/x"), None);
        assert_eq!(matched(&s, "https://b.com/x"), Some("b.toml"));
        assert_eq!(matched(&s, "https://www.b.com/x"), None);
        assert_eq!(matched(&s, "https://a.com.evil.org/"), None);
    }

    #[test]
    fn most_specific_host_wins() {
        let s = set(&[("a", "hosts = [\"a.co.uk\"]"), ("news", "hosts = [\"news.a.co.uk\"]")], &[]);
        assert_eq!(matched(&s, "http://news.a.co.uk/1"), Some("news.toml"));
        assert_eq!(matched(&s, "http://m.news.a.co.uk/1"), Some("news.toml"));
        assert_eq!(matched(&s, "http://sport.a.co.uk/1"), Some("a.toml"));
    }

    #[test]
    fn user_rule_overrides_builtin_for_the_same_host() {
        let s = set(&[("a.com", "hosts = [\"a.com\"]"), ("c", "hosts = [\"c.com\"]")], &[("mine", "hosts = [\"a.com\"]")]);
        assert_eq!(matched(&s, "https://a.com/"), Some("mine.toml"));
        assert_eq!(matched(&s, "https://c.com/"), Some("c.toml"));
        assert_eq!(s.overrides(), [Override { replaced: "a.com.toml".into(), by: "mine.toml".into() }]);
    }

    #[test]
    fn duplicate_hosts_in_one_set_are_errors() {
        let b = vec![source("a", "hosts = [\"a.com\"]", Origin::User), source("b", "hosts = [\"a.com\"]", Origin::User)];
        let e = RuleSet::from_sources(vec![b]).expect_err("duplicate");
        assert!(e[0].to_string().contains("already claimed by a.toml"), "{e:?}");
    }

    #[test]
    fn wildcards_match_subdomains_only_and_lose_to_exact_hosts() {
        let s = set(
            &[],
            &[("m", "hosts = [\"medium.com\", \"www.medium.com\"]\nsubdomains = false"), ("_.m", "hosts = [\"*.medium.com\"]"), ("a", "hosts = [\"a.medium.com\"]")],
        );
        assert_eq!(matched(&s, "https://medium.com/x"), Some("m.toml"));
        assert_eq!(matched(&s, "https://www.medium.com/x"), Some("m.toml"));
        assert_eq!(matched(&s, "https://blog.medium.com/x"), Some("_.m.toml"));
        assert_eq!(matched(&s, "https://x.y.medium.com/x"), Some("_.m.toml"));
        assert_eq!(matched(&s, "https://a.medium.com/x"), Some("a.toml"));
        assert_eq!(matched(&s, "https://notmedium.com/x"), None);
    }

    #[test]
    fn unicode_and_punycode_hosts_match_each_other() {
        let s = set(&[], &[("u", "hosts = [\"bücher.de\"]"), ("p", "hosts = [\"xn--mnchen-3ya.de\"]")]);
        assert_eq!(matched(&s, "https://xn--bcher-kva.de/a"), Some("u.toml"));
        assert_eq!(matched(&s, "https://www.BÜCHER.de/a"), Some("u.toml"));
        assert_eq!(matched(&s, "https://münchen.de/"), Some("p.toml"));
        let dup = vec![source("u", "hosts = [\"bücher.de\"]", Origin::User), source("p", "hosts = [\"xn--bcher-kva.de\"]", Origin::User)];
        assert!(RuleSet::from_sources(vec![dup]).is_err(), "one host in two forms is claimed twice");
    }

    #[test]
    fn dumps_match_by_fingerprint() {
        let s = set(
            &[
                ("k", "fingerprints = [\"Kyiv Post is Ukraine's first\", \"Kyiv Post\"]"),
                ("v", "fingerprints = [{ regex = \"(?m)^Exit mobile version$\" }]"),
            ],
            &[],
        );
        let dump = "text\nKyiv Post is Ukraine's\n   first English paper\nKyiv Post\n";
        assert_eq!(s.match_dump(dump).map(|r| r.name.as_str()), Some("k"));
        assert_eq!(s.match_dump("a\nExit mobile version\n").map(|r| r.name.as_str()), Some("v"));
        assert!(s.match_dump("nothing here").is_none());
    }

    #[test]
    fn hosts_from_urls() {
        assert_eq!(url_host("https://User@WWW.Example.com.:443/p?q").as_deref(), Some("www.example.com"));
        assert_eq!(url_host("example.com/path").as_deref(), Some("example.com"));
        assert_eq!(url_host("not a url"), None);
    }
}
