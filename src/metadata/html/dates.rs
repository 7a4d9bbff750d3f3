//! The publication and modification dates of an HTML page.
//!
//! Takes the publication date from the first source that has one, in order
//! of trust ([`PUBLISHED_SOURCES`]): JSON-LD, `<meta>`, microdata, the URL,
//! `<time>` elements, then a date written in a date-marked element near the
//! headline. A date the page *prints* beside its headline one day off the
//! markup's timestamp wins over it: the timestamp is in UTC, the reader sees
//! the local day. It does not convert time zones, read relative dates
//! ("2 hours ago") or look at comment, navigation or sidebar dates.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::jsonld::JsonLd;
use super::meta::{iso_parts, normalise_date, Meta};
use super::scan::{Cue, CueKind, Scan};
use crate::lexicon::regex;
use crate::markup::attr;
use crate::metadata::date::find_date;

/// Where a publication date came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSource {
    JsonLd,
    Meta,
    Microdata,
    Url,
    TimeElement,
    PrintedNearHeadline,
    FirstLines,
    Modified,
}

/// The publication date sources, in the order they are tried.
pub(super) const PUBLISHED_SOURCES: [DateSource; 8] = [
    DateSource::JsonLd,
    DateSource::Meta,
    DateSource::Microdata,
    DateSource::Url,
    DateSource::TimeElement,
    DateSource::PrintedNearHeadline,
    DateSource::FirstLines,
    DateSource::Modified,
];

/// `<meta>` names of the publication date, in order of trust. With
/// "published" and the year-first month-name form (`2023 Jan 7`, in
/// `meta::normalise_date`), session 18: wcxb-dev dates 0.843 -> 0.851,
/// trafilatura-dev, wcxb-rest and readability-dev unchanged.
pub(super) const PUBLISHED_KEYS: [&str; 22] = [
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article.published",
    "published_time",
    "published-date",
    "publication_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
    "citation_publication_date",
    "published",
];
pub(super) const MODIFIED_KEYS: [&str; 5] =
    ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified"];

/// A cue further than this many elements from the headline is not its date.
pub(super) const MAX_HEADLINE_DISTANCE: usize = 400;
/// Cues before the headline count this many times their distance (bylines follow headlines more often).
pub(super) const BEFORE_HEADLINE_WEIGHT: usize = 2;
/// How many elements after the headline the first lines may take.
const FIRST_LINES_ELEMENTS: usize = 100;
/// A date-marked element with more text than this holds more than a date line.
const MAX_CUE_CHARS: usize = 160;
/// Characters of a longer text read for a dateline it opens with.
/// With the kicker siblings below, dates (score.py --url-flag=--url):
/// trafilatura-dev 0.852 -> 0.869, wcxb-dev 0.833 -> 0.841, wcxb-rest
/// (held back) 0.852 -> 0.859, readability-dev 0.941 unchanged; the kicker
/// alone gave trafilatura-dev 0.863, the opening alone 0.858.
const OPENING_CHARS: usize = 60;
/// Elements before the headline read for a date line above it.
const KICKER_SIBLINGS: usize = 3;
/// Ancestor class or id substrings of elements whose dates are not the page's.
const FOREIGN_CONTAINERS: [&str; 6] = ["comment", "related", "sidebar", "widget", "teaser", "recommend"];

/// `/2024/03/05/`, `-2024-03-05-`, `_2024_03_05`.
static URL_SEPARATED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:^|[/_.-])((?:19|20)[0-9]{2})([/_.-])(0?[1-9]|1[0-2])([/_.-])(0?[1-9]|[12][0-9]|3[01])(?:[/_.-]|$|[^0-9])")
});
/// `/20240305/`, `-20240305.html`.
static URL_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[/_.-])((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?:[/_.-]|$)"));
/// An archive's own address before the archived one (`web.archive.org/web/20130307194448/`).
static ARCHIVE_PREFIX: LazyLock<Regex> = LazyLock::new(|| regex(r"^.*?/web/[0-9]{8,14}[a-z_]*/"));
/// A timestamp written in UTC ("…T23:00:00Z", "…+00:00").
static UTC_TIME: LazyLock<Regex> = LazyLock::new(|| regex(r"T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-]00:?00)$"));

/// What each source says of the publication date, as the page writes it.
/// Every source is read (the trust order and the date ranker,
/// `super::date_ranker`, both need them): the `<time>` elements and the
/// printed dates nearest the headline, nearest first, at most `nearest` of
/// each.
pub(super) struct Sources {
    pub ld_published: Option<String>,
    pub meta_published: Option<String>,
    pub microdata: Option<String>,
    /// The URL's date, already `YYYY-MM-DD`.
    pub url: Option<String>,
    /// `<time>` elements: distance to the headline and the date as written.
    pub times: Vec<(usize, String)>,
    /// Dates printed in date and byline cues: distance and `YYYY-MM-DD`.
    pub printed: Vec<(usize, String)>,
    pub first_lines: Option<String>,
    pub ld_modified: Option<String>,
    pub meta_modified: Option<String>,
}

/// Read every source of the page's dates.
pub(super) fn sources(
    page: &Scan,
    meta: &Meta,
    ld: &JsonLd,
    url: Option<&str>,
    headline: Option<(usize, ElementRef)>,
    nearest: usize,
) -> Sources {
    let (at, headline_el) = (headline.map(|(at, _)| at), headline.map(|(_, el)| el));
    Sources {
        ld_published: ld.published.clone(),
        meta_published: first_meta(meta, &PUBLISHED_KEYS),
        microdata: microdata(page),
        url: url.and_then(url_date),
        times: nearest_times(page, at, headline_el, nearest),
        printed: nearest_printed(page, at, headline_el, nearest),
        first_lines: headline_el.and_then(first_lines_date),
        ld_modified: ld.modified.clone(),
        meta_modified: first_meta(meta, &MODIFIED_KEYS),
    }
}

/// The page's publication date by the trust order: the first source of
/// [`PUBLISHED_SOURCES`] that gives one.
pub(super) fn published(s: &Sources) -> Option<String> {
    let printed = s.printed.first().map(|(_, d)| d.clone());
    let (date, raw) = PUBLISHED_SOURCES.iter().find_map(|&source| {
        let raw = match source {
            DateSource::JsonLd => s.ld_published.clone(),
            DateSource::Meta => s.meta_published.clone(),
            DateSource::Microdata => s.microdata.clone(),
            DateSource::Url => s.url.clone(),
            DateSource::TimeElement => s.times.first().map(|(_, t)| t.clone()),
            DateSource::PrintedNearHeadline => printed.clone(),
            DateSource::FirstLines => s.first_lines.clone(),
            DateSource::Modified => s.modified_raw().map(str::to_owned),
        };
        raw.as_deref().and_then(normalise_date).map(|date| (date, raw))
    })?;
    // A UTC timestamp one day off the date printed beside the headline: the printed day is the reader's.
    if raw.as_deref().is_some_and(|r| UTC_TIME.is_match(r.trim()))
        && let Some(p) = printed.filter(|p| one_day_apart(p, &date))
    {
        return Some(p);
    }
    Some(date)
}

/// The page's last-modification date, if it says one.
pub(super) fn modified(s: &Sources) -> Option<String> {
    s.modified_raw().and_then(normalise_date)
}

impl Sources {
    /// The modification date as the page writes it: JSON-LD, then `<meta>`.
    fn modified_raw(&self) -> Option<&str> {
        self.ld_modified.as_deref().or(self.meta_modified.as_deref())
    }
}

fn first_meta(meta: &Meta, keys: &[&str]) -> Option<String> {
    keys.iter().flat_map(|k| meta.all(k)).find(|v| normalise_date(v).is_some()).cloned()
}

/// A full date in the page's URL (not an archive's capture time).
pub(super) fn url_date(url: &str) -> Option<String> {
    let url = ARCHIVE_PREFIX.replace(url.trim(), "");
    let path = url.split_once("://").map_or(&*url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let separated = URL_SEPARATED
        .captures(path)
        .filter(|c| c[2] == c[4])
        .map(|c| (c[1].to_owned(), c[3].to_owned(), c[5].to_owned()));
    let (y, m, d) = separated
        .or_else(|| URL_COMPACT.captures(path).map(|c| (c[1].to_owned(), c[2].to_owned(), c[3].to_owned())))?;
    normalise_date(&format!("{y}-{m:0>2}-{d:0>2}"))
}

/// `itemprop="datePublished"` outside `<meta>`: its `datetime`, `content` or text.
fn microdata(page: &Scan) -> Option<String> {
    page.published_props.iter().find_map(|el| attribute_or_text(*el))
}

/// The `<time>` elements (and microformat `<abbr>`s) nearest the headline
/// outside foreign containers that read as dates, at most `n`: each one's
/// distance to the headline (as [`by_distance`] counts it; its place
/// without a headline) and its date as written.
fn nearest_times(page: &Scan, headline: Option<usize>, headline_el: Option<ElementRef>, n: usize) -> Vec<(usize, String)> {
    if page.times == 0 {
        return Vec::new();
    }
    let times = page.date_cues().iter().filter(|c| c.kind == CueKind::TimeElement);
    by_distance(headline, times)
        .into_iter()
        .filter(|c| !in_foreign_container(c.el, headline_el))
        .filter_map(|c| attribute_or_text(c.el).filter(|v| normalise_date(v).is_some()).map(|v| (distance(headline, c.at), v)))
        .take(n)
        .collect()
}

/// The dates printed in the date and byline cues nearest the headline
/// outside foreign containers, at most `n`: each one's distance and date.
fn nearest_printed(page: &Scan, headline: Option<usize>, headline_el: Option<ElementRef>, n: usize) -> Vec<(usize, String)> {
    let (dates, bylines) = page.all_cues();
    let mut cues: Vec<&Cue> = dates.iter().chain(bylines).collect();
    cues.sort_by_key(|c| (c.at, c.kind == CueKind::Byline));
    by_distance(headline, cues.into_iter())
        .into_iter()
        .filter(|c| !in_foreign_container(c.el, headline_el))
        .filter_map(|c| short_text(c.el).and_then(|t| find_date(&t)).map(|d| (distance(headline, c.at), d)))
        .take(n)
        .collect()
}

/// A cue's distance to the headline as [`by_distance`] counts it; its place without one.
fn distance(headline: Option<usize>, at: usize) -> usize {
    match headline {
        Some(h) if at >= h => at - h,
        Some(h) => (h - at) * BEFORE_HEADLINE_WEIGHT,
        None => at,
    }
}

/// A date line just before the headline (its kicker), else a date in the
/// text right after it (a line of its own or a
/// dateline opening a paragraph), within [`FIRST_LINES_ELEMENTS`] elements.
fn first_lines_date(headline: ElementRef) -> Option<String> {
    // A date line just before the headline (a kicker: `<h3>21.01.2022</h3><h1>`).
    for sibling in headline.prev_siblings().filter_map(ElementRef::wrap).take(KICKER_SIBLINGS) {
        if let Some(date) = sibling.descendants().filter_map(ElementRef::wrap).find_map(|d| own_text(d).and_then(|t| find_date(&t))) {
            return Some(date);
        }
    }
    after(headline).take(FIRST_LINES_ELEMENTS).find_map(|d| own_text_opening(d).and_then(|t| find_date(&t)))
}

/// The elements after `el` in document order, its own descendants not
/// included: its following siblings' subtrees, then its parent's, up to the body.
pub(super) fn after(el: ElementRef) -> impl Iterator<Item = ElementRef> {
    let ancestors = std::iter::successors(Some(el), |e| {
        e.parent().and_then(ElementRef::wrap).filter(|p| !matches!(p.value().name(), "body" | "html"))
    });
    ancestors
        .flat_map(|e| e.next_siblings().filter_map(ElementRef::wrap))
        .flat_map(|sibling| sibling.descendants().filter_map(ElementRef::wrap))
}

/// The text directly inside `el` when short, else its opening
/// ([`OPENING_CHARS`]): a paragraph may open with its dateline
/// ("Pressemitteilung vom 25. Januar 2022 | Berlin – Die ...").
fn own_text_opening(el: ElementRef) -> Option<String> {
    let text = own_text_all(el)?;
    if text.chars().count() <= MAX_CUE_CHARS {
        return Some(text);
    }
    Some(text.chars().take(OPENING_CHARS).collect())
}

/// The text directly inside `el` (not in its child elements), if short.
pub(super) fn own_text(el: ElementRef) -> Option<String> {
    own_text_all(el).filter(|text| text.chars().count() <= MAX_CUE_CHARS)
}

/// The text directly inside `el`, whitespace-collapsed; `None` if none.
fn own_text_all(el: ElementRef) -> Option<String> {
    let text: String = el.children().filter_map(|n| n.value().as_text().map(|t| &**t)).collect();
    super::clean(&text)
}

/// The cues within [`MAX_HEADLINE_DISTANCE`] elements of the headline,
/// nearest first (those before it count [`BEFORE_HEADLINE_WEIGHT`] times
/// their distance; ties keep document order); without a headline, all of
/// them in document order. Callers test them in this order and stop at the
/// first that answers, so a page's far cues cost nothing.
pub(super) fn by_distance<'c, 'a: 'c>(
    headline: Option<usize>,
    cues: impl Iterator<Item = &'c Cue<'a>>,
) -> Vec<&'c Cue<'a>> {
    let Some(h1) = headline else { return cues.collect() };
    let mut near: Vec<&Cue> = cues.filter(|c| distance(Some(h1), c.at) <= MAX_HEADLINE_DISTANCE).collect();
    near.sort_by_key(|c| distance(Some(h1), c.at));
    near
}

/// The date-bearing attribute of an element, else its short text.
fn attribute_or_text(el: ElementRef) -> Option<String> {
    let v = el.value();
    ["datetime", "content", "title"]
        .iter()
        .find_map(|a| attr(v, a).filter(|s| normalise_date(s).is_some()))
        .map(str::to_owned)
        .or_else(|| short_text(el))
}

/// The element's text, whitespace-collapsed, if it has at most [`MAX_CUE_CHARS`] characters.
fn short_text(el: ElementRef) -> Option<String> {
    let mut out = String::new();
    for piece in el.text() {
        out.push_str(piece);
        out.push(' ');
        if out.len() > MAX_CUE_CHARS * 4 {
            return None;
        }
    }
    let text = super::clean(&out)?;
    (text.chars().count() <= MAX_CUE_CHARS).then_some(text)
}

/// Whether an ancestor is a comment list, related-article list, sidebar,
/// navigation or footer: dates there belong to other texts. An ancestor
/// that also holds the headline is the page's own part, whatever its class
/// says (a blog's posts in a "widget Blog" box): it and those above it are
/// not read.
pub(super) fn in_foreign_container(el: ElementRef, headline: Option<ElementRef>) -> bool {
    let holds_headline = |a: &ElementRef| headline.is_some_and(|h| h.ancestors().any(|x| x.id() == a.id()));
    el.ancestors().filter_map(ElementRef::wrap).take_while(|a| !holds_headline(a)).any(|a| {
        let v = a.value();
        // The body's classes describe the page's layout ("no-sidebar"), not a part of it.
        if matches!(v.name(), "body" | "html") {
            return false;
        }
        matches!(v.name(), "nav" | "aside" | "footer")
            || ["class", "id"].iter().filter_map(|n| attr(v, n)).flat_map(str::split_ascii_whitespace).any(foreign_token)
    })
}

/// A class or id token that names a foreign container: it starts with one
/// of [`FOREIGN_CONTAINERS`] or ends with one ("comments", "post-related";
/// not "sticky-sidebar-parent").
fn foreign_token(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    let lower = lower.trim_end_matches('s');
    FOREIGN_CONTAINERS.iter().any(|f| lower.starts_with(f) || lower.ends_with(f))
}

/// Whether two `YYYY-MM-DD` dates are consecutive days.
fn one_day_apart(a: &str, b: &str) -> bool {
    day_number(a).abs_diff(day_number(b)) == 1
}

/// Days since 0000-03-01 of a `YYYY-MM-DD` date (a civil-calendar count).
pub(super) fn day_number(date: &str) -> i64 {
    let (y, m, d) = iso_parts(date);
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://a.example/2024/03/05/story").as_deref(), Some("2024-03-05"));
        assert_eq!(url_date("https://a.example/news/20240305-story.html").as_deref(), Some("2024-03-05"));
        assert_eq!(url_date("https://a.example/2024-3-5/x").as_deref(), Some("2024-03-05"));
        assert_eq!(url_date("https://a.example/2024/03/story"), None, "no day");
        assert_eq!(url_date("https://a.example/2024/03-05/x"), None, "mixed separators");
        assert_eq!(url_date("https://a.example/id/120240305999"), None, "inside a number");
        assert_eq!(url_date("https://20240305.example/x"), None, "host is not the path");
        assert_eq!(
            url_date("https://web.archive.org/web/20130307194448/http://the-pain.net/2008/05/26/x").as_deref(),
            Some("2008-05-26"),
            "the archived address, not the capture time"
        );
        assert_eq!(url_date("https://web.archive.org/web/20130307194448/http://the-pain.net/x"), None);
    }

    /// The trust order's date: the candidate the date ranker's rows mark
    /// as its choice (the ranker may then choose another, `date_ranker`).
    fn date(html: &str, url: Option<&str>) -> Option<String> {
        crate::metadata::html::from_html(&scraper::Html::parse_document(html), url).trust_order_date()
    }

    #[test]
    fn trust_order() {
        let jsonld = r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2021-03-04"}</script>"#;
        let page = format!(r#"{jsonld}<body><h1>T</h1><p class="date">5 March 2021</p></body>"#);
        assert_eq!(date(&page, Some("https://a.example/2020/01/02/x")).as_deref(), Some("2021-03-04"), "JSON-LD first");
        let page = r#"<body><h1>T</h1><p class="date">5 March 2021</p></body>"#;
        assert_eq!(
            date(page, Some("https://a.example/2020/01/02/x")).as_deref(),
            Some("2020-01-02"),
            "URL before text"
        );
        assert_eq!(date(page, None).as_deref(), Some("2021-03-05"));
    }

    #[test]
    fn printed_date_nearest_the_headline() {
        let page = r#"<body><div class="navtop"><span class="date">Mittwoch, 01. November 2023</span></div>
            <div>x</div><div>x</div><div>x</div><div>x</div><div>x</div><div>x</div>
            <h1>Kolumne</h1><p><span class="text_datum">31. Oktober 2023.</span> Woher kommt der Hass?</p>
            <div class="comments"><span class="date">2. November 2023</span></div></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2023-10-31"));
    }

    #[test]
    fn the_headline_is_the_heading_that_repeats_the_title() {
        let page = r#"<head><title>Vogel des Jahres | Jäger</title></head><body><h1>Jäger</h1>
            <p class="date">1.1.2020</p><div>x</div><div>x</div><div>x</div><div>x</div><div>x</div><div>x</div>
            <h1>Vogel des Jahres</h1><p class="date">04.01.2022</p></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2022-01-04"));
    }

    #[test]
    fn a_date_line_after_the_headline() {
        let page = r#"<body><h1>Top 10 women talking sports</h1><p>January 22, 2014</p><p>A generally well-liked list.</p></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2014-01-22"));
    }

    #[test]
    fn utc_midnight_gives_way_to_the_printed_day() {
        let page = r#"<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">
            <body><h1>Provence</h1><time class="date">7.11.2022</time></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2022-11-07"));
        let local = r#"<meta property="article:published_time" content="2022-11-06T23:00:00+01:00">
            <body><h1>Provence</h1><time class="date">7.11.2022</time></body>"#;
        assert_eq!(date(local, None).as_deref(), Some("2022-11-06"), "an offset other than UTC is the page's own day");
    }

    #[test]
    fn a_one_word_heading_is_not_the_headline() {
        // "News" says what the title says by its one word; the post's own h3 holds the title.
        let page = r#"<head><title>News: Council opens the new bridge</title></head><body><h1>News</h1>
            <p class="date">1.1.2020</p><div>x</div><div>x</div><div>x</div><div>x</div><div>x</div><div>x</div>
            <div class="post"><h3>Council opens the new bridge</h3><p class="date">Posted 04.01.2022</p></div></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2022-01-04"));
    }

    #[test]
    fn a_container_holding_the_headline_is_not_foreign() {
        let page = r#"<head><title>Spring walk</title></head><body><div class="widget Blog">
            <div class="date-outer"><h2 class="date-header">Dienstag, 28. April 2020</h2>
            <div class="post"><h3 class="post-title">Spring walk</h3><p>We walked.</p></div></div></div>
            <div class="widget Archive"><span class="date">3. Mai 2020</span></div></body>"#;
        assert_eq!(date(page, None).as_deref(), Some("2020-04-28"));
        let doc = scraper::Html::parse_document(page);
        let select = |css| doc.select(&scraper::Selector::parse(css).unwrap()).next().unwrap();
        let (headline, own, other) = (select("h3"), select("h2"), select("span.date"));
        assert!(!in_foreign_container(own, Some(headline)));
        assert!(in_foreign_container(own, None), "without a headline the widget class counts");
        assert!(in_foreign_container(other, Some(headline)), "a widget beside the headline is still foreign");
    }

    #[test]
    fn day_arithmetic() {
        assert!(one_day_apart("2022-11-06", "2022-11-07"));
        assert!(one_day_apart("2021-12-31", "2022-01-01"));
        assert!(one_day_apart("2024-02-29", "2024-03-01"));
        assert!(!one_day_apart("2022-11-06", "2022-11-08"));
    }
}
