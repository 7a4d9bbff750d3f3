//! What kind of page a document is (`page_type`): one of WCXB's seven
//! page types, or `other`. A decision list over what the page declares (its
//! JSON-LD and Open Graph types), its URL's path and host, and the shape of
//! what the extractor kept; the tokens are data (`data/page_types.txt`).
//!
//! This module decides the type for the metadata; it does not change what
//! is extracted (`page_kind` decides whether reader posts are content).
//!
//! Measured against WCXB's `type` (share of pages whose type is right):
//! wcxb-dev 0.746 (the pages the tokens and thresholds were read from),
//! wcxb-rest 0.726 (held back while building it); always "article" scores
//! 0.53 on both.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Serialize;

use crate::lexicon::data_lines;

const PAGE_TYPES: &str = include_str!("../data/page_types.txt");

/// What kind of page a document is: WCXB's seven page types, and `Other`
/// for a page that is none of them (or that nothing tells apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    /// A news story, blog post, essay: one text by one author.
    Article,
    /// A forum thread, Q&A page or comment thread.
    Forum,
    /// One product for sale.
    Product,
    /// A list of items of one kind (search results, jobs, a category).
    Listing,
    /// A curated set of pages or items (a gallery, a hub, a series).
    Collection,
    /// Technical documentation (a manual, an API reference).
    Documentation,
    /// A business's own page about what it offers (home, about, pricing).
    Service,
    /// None of the above.
    Other,
}

impl PageType {
    /// Every type, in the order above.
    pub const ALL: [PageType; 8] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Listing,
        PageType::Collection,
        PageType::Documentation,
        PageType::Service,
        PageType::Other,
    ];

    /// The type's name, as in the JSON record (`"article"`).
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
            PageType::Other => "other",
        }
    }
}

/// What the page-type decision reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageEvidence<'a> {
    /// The page's declared types: JSON-LD `@type`s and `og:type`, lower case.
    pub declared: &'a [String],
    /// The page's URL (the one given, else its canonical URL).
    pub url: Option<&'a str>,
    /// How many `<article>` or `<time>` elements the page holds, whichever
    /// is more: many of them on a site's home page make it a list of posts.
    pub repeated_items: usize,
    /// Whether a publication date was found.
    pub has_date: bool,
    /// Share of the kept text in blocks of at least [`PROSE_CHARS`]
    /// characters: articles are written in long paragraphs.
    pub prose_share: f32,
}

/// A block this long (characters) is a paragraph of prose.
pub const PROSE_CHARS: usize = 150;
/// Share of the kept text in prose blocks from which an undeclared page
/// is an article. wcxb-dev, median share: article 0.72, forum 0.55,
/// service 0.46, documentation 0.45, product 0.33, listing 0.14.
const ARTICLE_PROSE_SHARE: f32 = 0.6;
/// `<article>`/`<time>` elements from which a home page lists posts
/// (wcxb-dev: 22% of listings have five or more, 8% of services).
const HOME_LISTING_ITEMS: usize = 5;

/// A page type and the evidence that decided it (for `--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTypeDecision {
    pub page_type: PageType,
    /// What decided it: "declared type", "URL path", "URL host", "home page
    /// with many items", "home page", "date in URL", "publication date",
    /// "long paragraphs", "nothing else".
    pub reason: &'static str,
}

/// The token lists of one type's section of `data/page_types.txt`.
#[derive(Debug, Default)]
struct TypeHints {
    types: HashSet<&'static str>,
    any: HashSet<&'static str>,
    lead: HashSet<&'static str>,
    last: HashSet<&'static str>,
    host: HashSet<&'static str>,
}

/// The hints of every section, by type.
static HINTS: LazyLock<Vec<(PageType, TypeHints)>> = LazyLock::new(|| {
    let mut sections: Vec<(PageType, TypeHints)> = Vec::new();
    for line in data_lines(PAGE_TYPES) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let ty = PageType::ALL.into_iter().find(|t| t.name() == name).expect("data/page_types.txt: known section");
            sections.push((ty, TypeHints::default()));
            continue;
        }
        let (Some((_, hints)), Some((key, tokens))) = (sections.last_mut(), line.split_once(':')) else {
            panic!("data/page_types.txt: `key: tokens` inside a section, got {line:?}");
        };
        let set = match key.trim() {
            "types" => &mut hints.types,
            "any" => &mut hints.any,
            "lead" => &mut hints.lead,
            "last" => &mut hints.last,
            "host" => &mut hints.host,
            other => panic!("data/page_types.txt: unknown key {other:?}"),
        };
        set.extend(tokens.split_whitespace());
    }
    sections
});

/// The section of `ty`, empty if it has none.
fn hints(ty: PageType) -> &'static TypeHints {
    static EMPTY: LazyLock<TypeHints> = LazyLock::new(TypeHints::default);
    HINTS.iter().find(|(t, _)| *t == ty).map_or(&EMPTY, |(_, h)| h)
}

/// A URL's host's first label and its path segments, lower case.
fn url_parts(url: &str) -> (String, Vec<String>) {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or("").trim_start_matches("www.");
    let first_label = host.split(['.', ':']).next().unwrap_or("").to_ascii_lowercase();
    let path = path.split(['?', '#']).next().unwrap_or("");
    (first_label, path.split('/').filter(|s| !s.is_empty()).map(str::to_ascii_lowercase).collect())
}

/// Whether a path segment is a year (1900-2099): `/2024/03/05/story`.
fn year_in_path(segments: &[String]) -> bool {
    segments.iter().any(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (s.starts_with("19") || s.starts_with("20")))
}

/// The page's type, and why.
pub fn decide(e: &PageEvidence) -> PageTypeDecision {
    let decided = |page_type, reason| PageTypeDecision { page_type, reason };
    let (host, path) = e.url.map(url_parts).unwrap_or_default();
    let declared = |ty: PageType| e.declared.iter().any(|d| hints(ty).types.contains(d.as_str()));
    let in_path = |ty: PageType| {
        let h = hints(ty);
        path.iter().any(|s| h.any.contains(s.as_str()))
            || path.iter().take(2).any(|s| h.lead.contains(s.as_str()))
            || path.last().is_some_and(|s| h.last.contains(s.as_str()))
    };
    let by_host = |ty: PageType| !host.is_empty() && hints(ty).host.contains(host.as_str());
    for ty in [PageType::Forum, PageType::Documentation, PageType::Collection, PageType::Product] {
        if declared(ty) {
            return decided(ty, "declared type");
        }
        if in_path(ty) {
            return decided(ty, "URL path");
        }
        if by_host(ty) {
            return decided(ty, "URL host");
        }
    }
    if declared(PageType::Listing) {
        return decided(PageType::Listing, "declared type");
    }
    if e.url.is_some() && path.is_empty() {
        return if e.repeated_items >= HOME_LISTING_ITEMS {
            decided(PageType::Listing, "home page with many items")
        } else {
            decided(PageType::Service, "home page")
        };
    }
    if in_path(PageType::Listing) {
        return decided(PageType::Listing, "URL path");
    }
    if declared(PageType::Article) {
        return decided(PageType::Article, "declared type");
    }
    if year_in_path(&path) {
        return decided(PageType::Article, "date in URL");
    }
    if e.has_date {
        return decided(PageType::Article, "publication date");
    }
    if e.prose_share >= ARTICLE_PROSE_SHARE {
        return decided(PageType::Article, "long paragraphs");
    }
    decided(PageType::Service, "nothing else")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> PageType {
        decide(&PageEvidence { url: Some(u), ..PageEvidence::default() }).page_type
    }

    #[test]
    fn every_section_names_a_type() {
        assert_eq!(HINTS.len(), 6);
        assert!(hints(PageType::Forum).host.contains("community"));
    }

    #[test]
    fn url_paths_and_hosts() {
        assert_eq!(url("https://community.example.org/t/some-topic/123"), PageType::Forum);
        assert_eq!(url("https://docs.example.com/en/latest/intro.html"), PageType::Documentation);
        assert_eq!(url("https://shop.example.com/collections/socks"), PageType::Collection);
        assert_eq!(url("https://shop.example.com/products/wool-socks"), PageType::Product);
        assert_eq!(url("https://example.com/about/news"), PageType::Listing);
        assert_eq!(url("https://example.com/2024/03/05/a-story"), PageType::Article);
        assert_eq!(url("https://example.com/services/consulting"), PageType::Service);
    }

    #[test]
    fn declarations_before_the_url() {
        let declared = ["qapage".to_owned()];
        let e = PageEvidence { declared: &declared, url: Some("https://example.com/products/x"), ..PageEvidence::default() };
        assert_eq!(decide(&e), PageTypeDecision { page_type: PageType::Forum, reason: "declared type" });
        let faq = ["faqpage".to_owned(), "question".to_owned(), "article".to_owned()];
        let e = PageEvidence { declared: &faq, url: Some("https://example.com/guide-to-x"), ..PageEvidence::default() };
        assert_eq!(decide(&e).page_type, PageType::Article, "a FAQ's Question is not a forum");
    }

    #[test]
    fn home_pages_and_undeclared_pages() {
        let home = PageEvidence { url: Some("https://example.com/"), ..PageEvidence::default() };
        assert_eq!(decide(&home).page_type, PageType::Service);
        assert_eq!(decide(&PageEvidence { repeated_items: 12, ..home }).page_type, PageType::Listing);
        let page = PageEvidence { url: Some("https://example.com/why-sleep-matters"), ..PageEvidence::default() };
        assert_eq!(decide(&page).page_type, PageType::Service);
        assert_eq!(decide(&PageEvidence { prose_share: 0.8, ..page }).reason, "long paragraphs");
        assert_eq!(decide(&PageEvidence { has_date: true, ..page }).reason, "publication date");
    }
}
