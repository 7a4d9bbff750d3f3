//! The page's title: `<title>`, Open Graph and JSON-LD names weighed
//! against the headline in the page, with the site's name stripped from
//! either end when the site is known (or a short part is clearly not the
//! headline's). It does not read dates or authors.

use scraper::ElementRef;

use super::jsonld::JsonLd;
use super::meta::Meta;
use super::scan::Scan;
use super::{clean, element_text, norm};
use crate::metadata::{host_of, shared_words, similar, words, TITLE_SEPARATORS};

/// Separators after which a short *leading* part may be dropped without a
/// site-name match ("Opinion | …"); a leading dash part is kept ("Spider-Man – …").
const LEADING_SEPARATORS: [&str; 4] = [" | ", " :: ", " · ", " » "];
/// Host labels that never name a site.
const GENERIC_LABELS: [&str; 8] = ["www", "com", "net", "org", "gov", "edu", "co", "ac"];

/// Normalised site names, the host and its distinctive labels ("bbc" of "news.bbc.co.uk").
pub(super) fn site_keys(names: &[&Option<String>], url: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = names.iter().filter_map(|n| n.as_deref()).map(norm).collect();
    if let Some(host) = url.and_then(host_of) {
        if let Some((labels, _tld)) = host.rsplit_once('.') {
            let distinctive = labels.split('.').filter(|l| l.len() >= 3 && !GENERIC_LABELS.contains(l));
            keys.extend(distinctive.map(str::to_owned));
        }
        keys.push(host);
    }
    keys.retain(|k| !k.is_empty());
    keys
}

pub(super) fn title(page: &Scan, meta: &Meta, ld: &JsonLd) -> Option<String> {
    let og = meta.first(&["og:title"]);
    let page_title = page.title.and_then(element_text);
    let headline = ld.headline.clone().filter(|h| {
        let others: Vec<&String> = [&og, &page_title].into_iter().flatten().collect();
        others.is_empty() || others.iter().any(|o| similar(h, o))
    });
    headline
        .or(og)
        .or_else(|| meta.first(&["twitter:title", "dc.title", "dcterms.title"]))
        .or(page_title)
        .or_else(|| page.h1.and_then(element_text))
}

/// The headline's text when it opens with all the title says and goes on
/// (the title is cut short, "...", or the headline adds a subtitle): what
/// the reader sees is then the fuller title. A headline that says less, or
/// the same in other words or other quotation marks, or that puts a label
/// before the title ("Thread:", a date), or that adds only the site's name,
/// leaves the title as it is.
///
/// Title figures (`score.py --url-flag=--url`), before / with / taking any
/// similar h1: trafilatura-dev 0.818 / 0.829 / 0.868, wcxb-dev 0.777 /
/// 0.781 / 0.795, readability-dev 0.901 / 0.901 / 0.802, and wcxb-rest
/// (held back) 0.785 / 0.789. Readability's truth is the `<title>`, so
/// only the case every set agrees on is kept.
pub(super) fn fuller_headline(headline: Option<(usize, ElementRef)>, title: &str, sites: &[String]) -> Option<String> {
    let letters = crate::metadata::headline::norm;
    let text = strip_site(&element_text(headline?.1)?, sites);
    let (h, t) = (letters(&text), letters(title));
    let fuller = !t.is_empty() && h.len() > t.len() && h.starts_with(&t);
    // What the headline adds is the site's name ("About" and "About Glossier"): the title was stripped of it.
    let site = |s: &String| letters(s) == h || h.get(t.len()..).is_some_and(|rest| letters(s) == rest);
    (fuller && !sites.iter().any(site)).then_some(text)
}

/// Where the headline opens, in element order: the first heading that
/// says what the title says and holds at least half its words (an `h1` or
/// `h2`, else an `h3` or `h4`: a blog's post title), else the first `h1`
/// or `h2` that says what the title says, else the first `h1`. Half the
/// title's words, not only most of the heading's: a one-word heading ("News",
/// the site's name in an `h1`) says what every title holding that word says.
pub(super) fn headline_at<'a>(page: &Scan<'a>, title: Option<&str>) -> Option<(usize, ElementRef<'a>)> {
    let h1 = || page.headings.iter().find(|(_, el)| el.value().name() == "h1").copied();
    let Some(title) = title.map(words) else { return h1() };
    let shared = |el: &ElementRef| element_text(*el).and_then(|h| shared_words(&words(&h), &title));
    let covering = |el: &ElementRef| shared(el).is_some_and(|n| n * 2 >= title.len());
    let first = |headings: &[(usize, ElementRef<'a>)], test: &dyn Fn(&ElementRef) -> bool| {
        headings.iter().find(|(_, el)| test(el)).copied()
    };
    first(&page.headings, &covering)
        .or_else(|| first(&page.minor_headings, &covering))
        .or_else(|| first(&page.headings, &|el| shared(el).is_some()))
        .or_else(h1)
}

/// `title` without a site-name (or short section) suffix or prefix; never empty.
pub(super) fn strip_site(title: &str, sites: &[String]) -> String {
    let mut t = title.to_owned();
    for _ in 0..2 {
        match strip_once(&t, sites) {
            Some(shorter) => t = shorter,
            None => break,
        }
    }
    t
}

/// A title cut at a separator: what is before and after it.
struct Cut<'a> {
    head: &'a str,
    tail: &'a str,
    sep: &'static str,
}

/// The characters every [`TITLE_SEPARATORS`] and the "Site: " prefix hold
/// one of: a title without any is never cut (one scan instead of one a separator).
const SEPARATOR_MARKS: [char; 7] = ['|', '-', '–', '—', ':', '·', '»'];

fn cuts(t: &str) -> Vec<Cut<'_>> {
    if !t.contains(SEPARATOR_MARKS) {
        return Vec::new();
    }
    let mut at: Vec<(usize, &'static str)> =
        TITLE_SEPARATORS.iter().flat_map(|sep| t.match_indices(sep).map(move |(i, _)| (i, *sep))).collect();
    at.sort_by_key(|(i, _)| *i);
    at.into_iter()
        .filter_map(|(i, sep)| Some(Cut { head: t.get(..i)?.trim(), tail: t.get(i + sep.len()..)?.trim(), sep }))
        .filter(|c| !c.head.is_empty() && !c.tail.is_empty())
        .collect()
}

/// Whether `title` names the site at one end, beside a separator ("… | Site", "Site: …").
pub(super) fn names_site(title: &str, sites: &[String]) -> bool {
    without_site(title, &cuts(title), sites).is_some()
}

/// `t` without the site's name at one end, when it has it there.
fn without_site<'t>(t: &'t str, cuts: &[Cut<'t>], sites: &[String]) -> Option<&'t str> {
    let is_site = |s: &str| sites.contains(&norm(s));
    let kept = cuts.iter().find(|c| is_site(c.tail)).map(|c| c.head);
    let kept = kept.or_else(|| cuts.iter().find(|c| is_site(c.head)).map(|c| c.tail));
    kept.or_else(|| t.split_once(": ").filter(|(h, _)| is_site(h)).map(|(_, rest)| rest))
}

fn strip_once(t: &str, sites: &[String]) -> Option<String> {
    if !t.contains(SEPARATOR_MARKS) {
        return None;
    }
    let cuts = cuts(t);
    let kept = without_site(t, &cuts, sites);
    let kept = kept.or_else(|| cuts.last().filter(|c| droppable(c.tail, c.head)).map(|c| c.head));
    let kept = kept.or_else(|| {
        cuts.first().filter(|c| LEADING_SEPARATORS.contains(&c.sep) && droppable(c.head, c.tail)).map(|c| c.tail)
    });
    kept.and_then(clean)
}

/// A short part (≤ 3 words, not just numbers) next to a clearly longer rest.
fn droppable(part: &str, rest: &str) -> bool {
    let (p, r) = (part.split_whitespace().count(), rest.split_whitespace().count());
    p <= 3 && part.chars().any(char::is_alphabetic) && r >= 2 * p && r >= p + 2
}
