//! Metadata of an HTML page, read from its parsed markup.
//!
//! Reads JSON-LD, Open Graph, Twitter cards, Dublin Core and other `<meta>`
//! tags, then the DOM (`<title>`, the headline, `<time>`, dates and bylines
//! printed near the headline), and takes each field from the strongest
//! evidence present (`dates`, `authors`). It does not fetch anything,
//! resolve relative URLs or convert time zones.

mod author_ranker;
mod authors;
mod bylines;
mod date_ranker;
mod dates;
mod jsonld;
mod meta;
mod scan;
mod title_ranker;
mod titles;

use std::collections::HashSet;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::error::Error;
use crate::frontend::budget::Clock;
use crate::markup::attr;
use jsonld::JsonLd;
pub use author_ranker::AuthorCandidate;
pub use date_ranker::DateCandidate;
pub use title_ranker::TitleCandidate;
pub use author_ranker::candidate_probabilities as author_probabilities;
pub use date_ranker::candidate_probabilities as date_probabilities;
pub use title_ranker::candidate_probabilities as title_probabilities;
pub use meta::normalise_date;
use meta::Meta;
use scan::Scan;
use titles::{fuller_headline, headline_at, site_keys, strip_site, title};

const IMAGE_KEYS: [&str; 5] = ["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"];
const DESCRIPTION_KEYS: [&str; 4] = ["og:description", "description", "twitter:description", "dc.description"];
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 60;
/// Words a name from metadata (not the DOM) may have.
pub(super) const META_NAME_WORDS: std::ops::RangeInclusive<usize> = 1..=6;

/// Metadata read from an HTML page's markup (JSON-LD, Open Graph, Dublin Core, `<meta>`, then the DOM).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlMetadata {
    /// Headline, without a " | Site" / " - Site" suffix or "Site: " prefix.
    pub title: Option<String>,
    /// Every title the page's sources give, with the row the title ranker
    /// read (`--explain`, `scripts/train-html-metadata --field title`).
    pub title_candidates: Vec<TitleCandidate>,
    /// The title ranker's probability when it chose the title over the
    /// trust order's (`None` when the trust order's stands).
    pub title_ranked: Option<f32>,
    /// People (not organisations), deduplicated in order, names cleaned.
    pub authors: Vec<String>,
    /// Publication date, `YYYY-MM-DD`; the modification date only if no other.
    pub date: Option<String>,
    /// Last-modification date, `YYYY-MM-DD`, when the page states one.
    pub date_modified: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    /// Lower-case primary language subtag ("en", "pt").
    pub language: Option<String>,
    /// Absolute canonical URL (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    pub image: Option<String>,
    /// Tags and keywords, deduplicated, at most 20.
    pub tags: Vec<String>,
    /// JSON-LD `articleBody` / `text` of an Article-like entity, whitespace-collapsed;
    /// else the description and steps of a HowTo or Recipe, a paragraph each.
    pub article_body: Option<String>,
    /// Every list of people the page's sources give, with the row the
    /// author ranker read (`--explain`, `scripts/train-html-metadata --field author`).
    pub author_candidates: Vec<AuthorCandidate>,
    /// The author ranker's probability when it chose the authors over the
    /// trust order's (`None` when the trust order's stand).
    pub author_ranked: Option<f32>,
    /// Every date the page's sources give, with the row the date ranker
    /// read (`--explain`, `scripts/train-html-metadata --field date`).
    pub date_candidates: Vec<DateCandidate>,
    /// The date ranker's probability when it chose the date over the trust
    /// order's (`None` when the trust order's stands).
    pub date_ranked: Option<f32>,
    /// Lower-cased JSON-LD `@type`s and `og:type` ("newsarticle", "product", "article").
    pub page_types: Vec<String>,
    /// How many `<article>` or `<time>` elements the page holds, whichever
    /// is more (what tells a site's list of posts from its home page).
    pub repeated_items: usize,
}

impl HtmlMetadata {
    /// Take the authors and the dates of `other` (the same page's
    /// `<noscript>` markup) where this gives none, with the candidates and
    /// the ranker's figure that came with them.
    pub fn fill_from(&mut self, other: HtmlMetadata) {
        if self.authors.is_empty() && !other.authors.is_empty() {
            (self.authors, self.author_candidates, self.author_ranked) = (other.authors, other.author_candidates, other.author_ranked);
        }
        if self.date.is_none() && other.date.is_some() {
            (self.date, self.date_candidates, self.date_ranked) = (other.date, other.date_candidates, other.date_ranked);
        }
        if self.date_modified.is_none() {
            self.date_modified = other.date_modified;
        }
    }

    /// The publication date the trust order chose (`dates::published`),
    /// whatever the date ranker chose: the candidate its row marks.
    pub fn trust_order_date(&self) -> Option<String> {
        let trusted = date_ranker::COLUMNS.iter().position(|c| *c == "trusted")?;
        self.date_candidates.iter().find(|c| c.row[trusted] == 1.0).map(|c| c.date.clone())
    }

    /// The title the trust order chose (`titles::title`, completed by a
    /// fuller headline), whatever the title ranker chose: the candidate its
    /// row marks.
    pub fn trust_order_title(&self) -> Option<String> {
        let trusted = title_ranker::COLUMNS.iter().position(|c| *c == "trusted")?;
        self.title_candidates.iter().find(|c| c.row[trusted] == 1.0).map(|c| c.title.clone())
    }

    /// The authors the trust order chose (`authors::authors`), whatever the
    /// author ranker chose; empty when it named no one.
    pub fn trust_order_authors(&self) -> Vec<String> {
        let Some(trusted) = author_ranker::COLUMNS.iter().position(|c| *c == "trusted") else { return Vec::new() };
        self.author_candidates.iter().find(|c| c.row[trusted] == 1.0).map(|c| c.names.clone()).unwrap_or_default()
    }
}

/// Read the page's metadata. `url` is the page address if known (used to
/// strip a site-name suffix that equals the host and to resolve nothing else).
pub fn from_html(doc: &Html, url: Option<&str>) -> HtmlMetadata {
    // Without a deadline the clock never runs out.
    from_html_timed(doc, url, &mut Clock::new(None)).unwrap_or_default()
}

/// [`from_html`] under `clock`: `Err(Timeout)` when it runs out.
pub fn from_html_timed(doc: &Html, url: Option<&str>, clock: &mut Clock) -> Result<HtmlMetadata, Error> {
    let mut page = scan::scan(doc);
    clock.check()?;
    let meta = Meta::collect(&page);
    let ld = jsonld::read(&page, clock)?;
    let site_name = meta
        .first(&["og:site_name", "application-name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| ld.website.clone());
    let sites = site_keys(&[&site_name, &ld.publisher, &ld.website], url);
    let title = title(&page, &meta, &ld).map(|t| strip_site(&t, &sites));
    let headline = headline_at(&page, title.as_deref());
    if let Some((at, _)) = headline {
        // Cues further from the headline are never used (dates::by_distance).
        let before = dates::MAX_HEADLINE_DISTANCE / dates::BEFORE_HEADLINE_WEIGHT;
        page.set_cue_window(at.saturating_sub(before), at + dates::MAX_HEADLINE_DISTANCE);
    }
    let trusted_title = title.map(|t| fuller_headline(headline, &t, &sites).unwrap_or(t)).map(|t| {
        // The headline a `<title>` holds beside a site part (as the
        // extractor finds it again in the blocks' headings).
        let level = |el: &ElementRef| if el.value().name() == "h1" { 1 } else { 2 };
        let headings = page.headings.iter().filter_map(|(_, el)| Some((level(el), element_text(*el)?)));
        crate::metadata::headline::headline_in_title(&t, headings).unwrap_or(t)
    });
    let title_candidates = title_ranker::candidates(&page, &meta, &ld, &sites, headline, trusted_title.as_deref());
    let ranked = title_ranker::pick(&title_candidates, trusted_title.as_deref());
    let title_ranked = ranked.map(|(_, p)| p);
    let title = ranked.map(|(c, _)| c.title.clone()).or(trusted_title);
    let date_sources = dates::sources(&page, &meta, &ld, url, headline, date_ranker::NEAREST_CUES);
    let trusted = dates::published(&date_sources);
    let date_candidates = date_ranker::candidates(&date_sources, &meta, headline.is_some(), trusted.as_deref());
    let ranked = date_ranker::pick(&date_candidates).filter(|(c, _)| trusted.as_deref() != Some(c.date.as_str()));
    let date_ranked = ranked.map(|(_, p)| p);
    let published = ranked.map(|(c, _)| c.date.clone()).or(trusted);
    let page_types = dedupe(ld.types.iter().cloned().chain(meta.all("og:type").iter().map(|t| t.to_lowercase())));
    // A thread by its declared types or URL, or by microdata (metadata only: the text's reading of the page is not changed).
    let discussion = crate::page_kind::is_discussion(&page_types, url) || page.thread_microdata;
    let author_sources = authors::author_sources(&page, &meta, &ld, headline, discussion);
    let trusted_authors = authors::authors(&author_sources, &sites);
    let author_candidates = author_ranker::candidates(&author_sources, &sites, &trusted_authors);
    let ranked = author_ranker::pick(&author_candidates, &trusted_authors);
    let author_ranked = ranked.map(|(_, p)| p);
    let authors = ranked.map(|(c, _)| c.names.clone()).unwrap_or(trusted_authors);
    Ok(HtmlMetadata {
        title,
        title_candidates,
        title_ranked,
        authors,
        author_candidates,
        author_ranked,
        date: published,
        date_candidates,
        date_ranked,
        date_modified: dates::modified(&date_sources),
        description: meta.first(&DESCRIPTION_KEYS).or_else(|| ld.description.clone()),
        language: language(doc, &meta, &ld),
        canonical_url: canonical(&page, &meta),
        image: meta.first(&IMAGE_KEYS).or_else(|| ld.image.clone()).or_else(|| link_href(&page, "image_src")),
        tags: tags(&meta, &ld),
        page_types,
        article_body: ld.body,
        site_name,
        repeated_items: page.articles.max(page.times),
    })
}

/// `s` trimmed and whitespace-collapsed; `None` if nothing is left.
pub(super) fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for word in crate::words::words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// `s` with HTML entities decoded: what JSON-LD writers leave in strings,
/// and what is left in a `<meta>` value escaped twice (`&amp;bull;`). A
/// string a CMS escaped twice before JSON-LD escaping (`&amp;#8230;`) is
/// decoded a second time; no further.
pub(super) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    let once = html_escape::decode_html_entities(s);
    if matches!(once, std::borrow::Cow::Owned(_))
        && once.contains('&')
        && let std::borrow::Cow::Owned(twice) = html_escape::decode_html_entities(&once)
    {
        return std::borrow::Cow::Owned(twice);
    }
    once
}

/// The text of `el`, whitespace-collapsed, with a space where a line
/// break or a block-level element parts its words (`<h1>Cosmetic
/// Packaging<br><span>Design</span></h1>` reads "Cosmetic Packaging
/// Design", as the extracted text says it); `None` if empty.
fn element_text(el: ElementRef) -> Option<String> {
    let mut text = String::new();
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => text.push_str(t),
                Node::Element(e) if parts_words(e.name()) => text.push(' '),
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().as_element().is_some_and(|e| parts_words(e.name())) {
                    text.push(' ');
                }
            }
        }
    }
    clean(&text)
}

/// Whether an element parts the words before and after it.
fn parts_words(tag: &str) -> bool {
    tag == "br" || crate::frontend::tags::block_level(tag)
}

/// Items in order, without case-insensitive repeats.
pub(super) fn dedupe(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|s| seen.insert(s.to_lowercase())).collect()
}

/// Lower-cased, spaces removed, no leading `www.`: how site names are compared.
pub(super) fn norm(s: &str) -> String {
    let n: String = s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    n.trim_start_matches("www.").to_owned()
}

fn language(doc: &Html, meta: &Meta, ld: &JsonLd) -> Option<String> {
    let html_lang = doc.root_element().value().attr("lang").map(str::to_owned);
    let metas = ["og:locale", "content-language", "language", "dc.language"].map(|k| meta.first(&[k]));
    html_lang.into_iter().chain(metas.into_iter().flatten()).chain(ld.language.clone()).find_map(|l| primary_subtag(&l))
}

/// "pt-BR", "en_US", "de, en" → "pt", "en", "de".
fn primary_subtag(lang: &str) -> Option<String> {
    let first = lang.split([',', ';']).next()?.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic())).then_some(first)
}

fn canonical(page: &Scan, meta: &Meta) -> Option<String> {
    link_href(page, "canonical").into_iter().chain(meta.all("og:url").iter().cloned()).find_map(|u| absolute(&u))
}

/// `href` of the first `<link>` whose `rel` has `rel` (case-insensitively).
fn link_href(page: &Scan, rel: &str) -> Option<String> {
    page.links
        .iter()
        .filter(|l| attr(l.value(), "rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case(rel))))
        .find_map(|l| attr(l.value(), "href").and_then(clean))
}

fn absolute(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let ok =
        (lower.starts_with("http://") || lower.starts_with("https://")) && !url.trim().contains(char::is_whitespace);
    ok.then(|| url.trim().to_owned())
}

fn tags(meta: &Meta, ld: &JsonLd) -> Vec<String> {
    let listed = ["keywords", "news_keywords"].iter().flat_map(|k| meta.all(k)).flat_map(|v| v.split([',', ';']));
    let all =
        meta.all("article:tag").iter().map(String::as_str).chain(listed).chain(ld.keywords.iter().map(String::as_str));
    let mut out = dedupe(all.filter_map(clean).filter(|t| t.chars().count() <= MAX_TAG_CHARS));
    out.truncate(MAX_TAGS);
    out
}

#[cfg(test)]
mod tests;
