//! The authors of an HTML page.
//!
//! Takes the people from the first source that names any, in order of
//! trust: JSON-LD, `<meta>` keys, a Twitter card's "Written by" label, the
//! DOM's author markup (`rel=author`, microdata, byline and author classes),
//! a byline near the headline, links to the people's own pages
//! (`/autoren/georg-quaas/`) near it. A login handle gives way to a later source's
//! display name; failing all, a name written beside the date in the
//! headline's date line, then the organisation the page declares as author.
//! It never reads names from comment threads, related-article lists or
//! sidebars through class patterns, and does not guess authors from prose.

use scraper::ElementRef;

use super::dates::{after, by_distance, in_foreign_container, own_text};
use super::jsonld::JsonLd;
use super::meta::{people, people_and_desks, Meta, BYLINE_MAX_WORDS};
use super::bylines::{byline_near_headline, Bylines};
use super::scan::{Cue, Scan};
use super::{clean, dedupe, norm, META_NAME_WORDS};
use crate::metadata::date::find_date;
use crate::metadata::profile_links::slug_spells;
use crate::metadata::{split_at_all, NAME_PARTICLES};

const AUTHOR_KEYS: [&str; 6] =
    ["author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author"];
/// Words in a Twitter card label that say its value is the author ("Written by", "Verfasst von").
const AUTHOR_LABELS: [&str; 7] = ["written by", "author", "verfasst", "geschrieben", "autor", "auteur", "escrito"];
/// Whether matches of each DOM author pattern (`scan::Scan::authors`, in
/// that order) next to the first match add co-authors (adjacent `rel=author`
/// links and microdata do; a second byline box does not).
const AUTHOR_SIBLINGS: [bool; 5] = [true, true, true, false, false];
/// Words a name found by each DOM author pattern may have: markup that says
/// "author" (links, microdata) may name a one-word handle; a byline box
/// needs a first and last name.
const AUTHOR_WORDS: [std::ops::RangeInclusive<usize>; 5] = [1..=5, 1..=5, 1..=5, 2..=5, 1..=5];
/// Whether matches of each DOM author pattern inside comment threads,
/// related-article lists and sidebars are skipped (class patterns are;
/// explicit author markup is trusted).
const AUTHOR_SKIP_FOREIGN: [bool; 5] = [false, false, false, true, true];
/// A byline this few elements after the headline is the page's own, even
/// inside a container whose class reads as foreign ("teaser-small__metadata"
/// under an article's headline).
const HEADLINE_BYLINE_ELEMENTS: usize = 10;
/// Words a name given by a link to its page may have (a one-word text under
/// `/profile/` is an account link more often than a name; measured session 26).
const PROFILE_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=5;
/// Words and characters a forum poster's name may have.
const POSTER_WORDS: std::ops::RangeInclusive<usize> = 1..=4;
pub(super) const MAX_POSTER_CHARS: usize = 40;
/// Elements after the headline read for its date line.
const DATE_LINE_ELEMENTS: usize = 20;
/// Where the parts of a date line meet.
const DATE_LINE_CUTS: [&str; 5] = [" | ", " - ", " – ", " — ", " · "];
/// Words of a name written in a date line.
const DATE_LINE_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=4;
/// Elements before the headline read for a date line above it (as for dates).
const KICKER_SIBLINGS: usize = 3;

/// What each source says of the page's authors, read once: the trust
/// order ([`authors`]) and the author ranker (`super::author_ranker`) both
/// read them.
pub(super) struct AuthorSources {
    /// JSON-LD `author` people.
    pub ld: Vec<String>,
    /// Each of [`AUTHOR_KEYS`]' people, in that order.
    pub meta: Vec<Vec<String>>,
    /// A Twitter card's "Written by" value.
    pub card: Vec<String>,
    /// The DOM's author markup (`rel=author`, microdata, author classes).
    pub dom: Vec<String>,
    /// The byline nearest the headline.
    pub byline: Vec<String>,
    /// The one-word handle a byline word marks up as its own element
    /// ("Gespeichert von <span>rasos</span>", "Author: <a>Bo2man</a>"),
    /// nearest the headline: a name the byline source drops for its lower
    /// case or digits (not a trust-order source; the author ranker weighs it).
    pub byline_handle: Vec<String>,
    /// The name beside the date in the headline's date line.
    pub date_line: Vec<String>,
    /// The people links to their own pages name (`/author/jane-doe`),
    /// nearest the headline ([`profile_link_people`]).
    pub profile: Vec<String>,
    /// A thread's first poster (discussion pages only).
    pub poster: Option<String>,
    /// The organisation the page declares as author.
    pub organisations: Vec<String>,
    /// The desks and roles its JSON-LD, `<meta>` keys and Twitter card
    /// declare as author ("The Investopedia Team"), then the byline by the
    /// headline ("By the Lavazza Team"): what the sources above drop for a
    /// role word (not a trust-order source; the author ranker weighs them).
    pub desks: Vec<String>,
    /// Whether the page is a thread (its first poster then comes first).
    pub discussion: bool,
}

/// Read every source of the page's authors.
pub(super) fn author_sources(page: &Scan, meta: &Meta, ld: &JsonLd, headline_el: Option<(usize, ElementRef)>, discussion: bool) -> AuthorSources {
    let headline = headline_el.map(|(at, _)| at);
    let headline_only = headline_el.map(|(_, el)| el);
    let organisations = {
        let declared = ld.organisation_authors.iter().chain(meta.all("author"));
        declared.filter_map(|n| clean(n)).filter(|n| META_NAME_WORDS.contains(&n.split_whitespace().count())).take(1).collect()
    };
    // The declared desks in the order of their sources: JSON-LD, the `<meta>` keys, the card, then the byline.
    let mut desks = Vec::new();
    let ld_people = declared_people(ld.authors.iter().map(String::as_str), &mut desks);
    let meta_people = AUTHOR_KEYS.iter().map(|k| declared_people(meta.all(k).iter().map(String::as_str), &mut desks)).collect();
    let card = declared_people(twitter_card_author(meta).as_deref(), &mut desks);
    let Bylines { people: byline, desks: byline_desks, handle: byline_handle } =
        byline_near_headline(page, headline, headline_only);
    desks.extend(byline_desks);
    let profile = profile_link_people(page, headline, headline_only);
    AuthorSources {
        ld: ld_people,
        meta: meta_people,
        card,
        dom: dom_authors(page, headline_only),
        byline,
        byline_handle,
        date_line: headline_el.map(|(_, el)| date_line_names(el)).unwrap_or_default(),
        profile,
        poster: discussion.then(|| first_poster(page)).flatten(),
        organisations,
        desks: dedupe(desks),
        discussion,
    }
}

/// The people that declared author values (JSON-LD, a `<meta>` key, a
/// Twitter card) name; the desks they name are pushed onto `desks`: each
/// value is read once for both ([`people_and_desks`]).
fn declared_people<'r>(values: impl IntoIterator<Item = &'r str>, desks: &mut Vec<String>) -> Vec<String> {
    let mut people = Vec::new();
    for value in values {
        let (named, desked) = people_and_desks(value, META_NAME_WORDS);
        people.extend(named);
        desks.extend(desked);
    }
    people
}

/// People from the first source that names any, in order of trust:
/// JSON-LD, `<meta>` keys, a Twitter card's "Written by" label, the DOM's
/// author markup, a byline near the headline. Failing all, the organisation
/// the page itself declares as author (JSON-LD, `<meta name=author>`).
pub(super) fn authors(s: &AuthorSources, sites: &[String]) -> Vec<String> {
    let not_site =
        |names: &Vec<String>| -> Vec<String> { names.iter().filter(|n| !sites.contains(&norm(n))).cloned().collect() };
    // A thread's author is its first post's, as the forum software marks it
    // (unless JSON-LD names one): a forum's `<meta name=author>` and author
    // markup are often the site's or a later poster's.
    if s.discussion && s.ld.is_empty() && let Some(poster) = &s.poster {
        return vec![poster.clone()];
    }
    let mut sources = std::iter::once(&s.ld)
        .chain(&s.meta)
        .chain([&s.card, &s.dom, &s.byline, &s.profile])
        .map(not_site)
        .filter(|names| !names.is_empty());
    // A login handle ("jane.doe", "admin") gives way to a later source's display name.
    let first = sources.next();
    let found = match first {
        Some(names) if names.iter().all(|n| is_handle(n)) => {
            Some(sources.find(|later| !later.iter().all(|n| is_handle(n))).unwrap_or(names))
        }
        other => other,
    };
    // A name beside the date is read only when nothing names anyone: it may be a category.
    let found = found.or_else(|| Some(not_site(&s.date_line)).filter(|names| !names.is_empty()));
    dedupe(found.unwrap_or_else(|| s.organisations.clone()))
}

/// The name of a thread's first poster: the first element of a class
/// ending in `username`, else the first schema.org microdata author
/// (`itemprop="author"`, its `name` if marked: a `DiscussionForumPosting`'s,
/// as Discourse writes it), else the first `data-author` (or
/// `data-author-username`, `data-username`) attribute, which quoted posts
/// carry too. The first of them that reads as a name stands. Handles are
/// names here ("paulb203", "sean_g").
fn first_poster(page: &Scan) -> Option<String> {
    // Each source's text is read only when the ones before it gave no name.
    let texts = [page.username, page.first_microdata_author()].into_iter().flatten().map(|el| el.text().collect::<String>());
    texts.chain(page.poster_attr.map(str::to_owned)).find_map(|name| poster_name(&name))
}

/// `found`, cleaned, if it can be a poster's name.
pub(super) fn poster_name(found: &str) -> Option<String> {
    let name = clean(found.trim().trim_start_matches('@'))?;
    let plausible = POSTER_WORDS.contains(&name.split_whitespace().count()) && name.chars().count() <= MAX_POSTER_CHARS;
    (plausible && !name.contains(['@', '/'])).then_some(name)
}

/// A login handle rather than a display name: one word joined by dots or
/// underscores, or an administrator account.
pub(super) fn is_handle(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains("admin") || (!name.contains(' ') && name.contains(['.', '_']))
}

/// The value a Twitter card labels as its author (`twitter:label1` "Written by", `twitter:data1`).
fn twitter_card_author(meta: &Meta) -> Option<String> {
    (1..=4).find_map(|i| {
        let label = meta.first(&[&format!("twitter:label{i}")])?.to_lowercase();
        let names_author = AUTHOR_LABELS.iter().any(|l| label.contains(l));
        names_author.then(|| meta.first(&[&format!("twitter:data{i}")])).flatten()
    })
}

/// People named in the DOM: the first element of the strongest author
/// selector that names someone, and (for links and microdata) its siblings
/// that match too.
fn dom_authors(page: &Scan, headline: Option<ElementRef>) -> Vec<String> {
    let patterns = page.authors.iter().zip(&AUTHOR_SIBLINGS).zip(&AUTHOR_WORDS).zip(&AUTHOR_SKIP_FOREIGN);
    for (((matches, siblings), words), skip_foreign) in patterns {
        let mut found: Option<(Option<ElementRef>, Vec<String>)> = None;
        for el in matches.iter().filter(|el| !(*skip_foreign && in_foreign_container(**el, headline))) {
            let parent = el.parent().and_then(ElementRef::wrap);
            match &mut found {
                None => {
                    let names = byline_people(el, words.clone());
                    if !names.is_empty() {
                        found = Some((parent, names));
                    }
                }
                Some((first_parent, names)) if *siblings && *first_parent == parent => {
                    names.extend(byline_people(el, words.clone()))
                }
                Some(_) => {}
            }
        }
        if let Some((_, names)) = found {
            return names;
        }
    }
    Vec::new()
}

fn byline_people(el: &ElementRef, words: std::ops::RangeInclusive<usize>) -> Vec<String> {
    text_people(&el.text().collect::<Vec<_>>().join(" "), words)
}

/// The people a byline's text names, if it is short enough to be one.
fn text_people(text: &str, words: std::ops::RangeInclusive<usize>) -> Vec<String> {
    text_names(text, words).0
}

/// The people and the desks a byline's text names ([`people_and_desks`]),
/// if it is short enough to be one.
pub(super) fn text_names(text: &str, words: std::ops::RangeInclusive<usize>) -> (Vec<String>, Vec<String>) {
    let Some(text) = clean(text) else {
        return (Vec::new(), Vec::new());
    };
    if text.split_whitespace().count() > BYLINE_MAX_WORDS {
        return (Vec::new(), Vec::new());
    }
    people_and_desks(&text, words)
}

/// The people links to their own pages name (`metadata::profile_links`:
/// "/autoren/georg-quaas/" for "Georg Quaas"): the link nearest the
/// headline (as [`by_distance`] orders them) whose path spells the name its
/// text gives, a name of [`PROFILE_NAME_WORDS`] capitalised words, then
/// such links in the same byline ([`byline_of`]: its co-authors). Account
/// and team pages under `/profile/` and `/people/` ("Account", "Our
/// leadership") are not read; nor are links that are not the page's own
/// ([`is_the_pages`]).
fn profile_link_people(page: &Scan, headline: Option<usize>, headline_el: Option<ElementRef>) -> Vec<String> {
    let spelled = |el: &ElementRef| -> Vec<String> {
        let href = el.value().attr("href").unwrap_or_default();
        byline_people(el, PROFILE_NAME_WORDS).into_iter().filter(|n| capitalised(n) && slug_spells(href, n)).collect()
    };
    let Some((first, mut names)) = by_distance(headline, page.profile_links.iter())
        .into_iter()
        .filter(|c| is_the_pages(c, headline, headline_el))
        .find_map(|c| Some((c.el, spelled(&c.el))).filter(|(_, n)| !n.is_empty()))
    else {
        return Vec::new();
    };
    let byline = byline_of(first);
    for c in page.profile_links.iter().filter(|c| c.el.id() != first.id() && byline_of(c.el) == byline) {
        names.extend(spelled(&c.el));
    }
    dedupe(names)
}

/// Whether a byline cue or author link is the page's own: just after the
/// headline, or outside comment threads, related-article lists and sidebars.
pub(super) fn is_the_pages(cue: &Cue, headline: Option<usize>, headline_el: Option<ElementRef>) -> bool {
    headline.is_some_and(|h| (h..=h + HEADLINE_BYLINE_ELEMENTS).contains(&cue.at)) || !in_foreign_container(cue.el, headline_el)
}

/// The element holding a link to an author's page with its co-authors'
/// links: its parent, or its grandparent when the parent wraps the link
/// alone ("<strong><a>A</a></strong>, <strong><a>B</a></strong>").
fn byline_of(link: ElementRef) -> Option<ego_tree::NodeId> {
    let parent = link.parent()?;
    let wraps_alone = parent.children().filter(|c| c.value().is_element()).count() == 1;
    let holder = if wraps_alone { parent.parent().unwrap_or(parent) } else { parent };
    Some(holder.id())
}

/// The name written beside the date in the headline's date line, the line
/// just above it (its kicker) or the first line after it that holds a date:
/// "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "Jane Doe | Senior Writer |
/// July 2, 2025". Of the line's parts ([`DATE_LINE_CUTS`]) without digits,
/// the one that reads as a person's name ([`DATE_LINE_NAME_WORDS`] words,
/// capitalised, no role word); a line with two such parts ("Bad Homburg |
/// Jane Doe") names no one.
fn date_line_names(headline: ElementRef) -> Vec<String> {
    let kicker = headline.prev_siblings().filter_map(ElementRef::wrap).take(KICKER_SIBLINGS).flat_map(|s| s.descendants().filter_map(ElementRef::wrap));
    let line = kicker
        .chain(after(headline).take(DATE_LINE_ELEMENTS))
        .filter_map(own_text)
        .find(|t| find_date(t).is_some());
    let Some(line) = line else { return Vec::new() };
    let names: Vec<Vec<String>> = split_at_all(&line, &DATE_LINE_CUTS)
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.chars().any(|c| c.is_ascii_digit()))
        .filter(|p| capitalised(p))
        .map(|p| people(p, DATE_LINE_NAME_WORDS))
        .filter(|names| !names.is_empty())
        .collect();
    match <[Vec<String>; 1]>::try_from(names) {
        Ok([names]) => names,
        Err(_) => Vec::new(),
    }
}

/// Whether a desk's name has a capitalised word ("the Lavazza Team").
pub(super) fn names_something(name: &str) -> bool {
    name.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether every word of a name but its particles starts with a capital letter.
pub(super) fn capitalised(name: &str) -> bool {
    name.split_whitespace().all(|w| NAME_PARTICLES.contains(&w) || w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use crate::metadata::html::from_html;

    fn authors(html: &str) -> Vec<String> {
        from_html(&Html::parse_document(html), None).authors
    }

    fn authors_at(html: &str, url: &str) -> Vec<String> {
        from_html(&Html::parse_document(html), Some(url)).authors
    }

    #[test]
    fn a_thread_is_its_first_posters() {
        let thread = r#"<meta name="author" content="Forum Site"><body><h1>Which tent?</h1>
            <article class="message" data-author="hiker_42"><a rel="author" href="/u/1">Moderator Max</a>
            <p>Which tent should I buy?</p></article><article class="message" data-author="other">x</article></body>"#;
        assert_eq!(authors_at(thread, "https://forum.example.org/threads/which-tent.5/"), ["hiker_42"]);
        let by_class = r#"<body><h1>Which tent?</h1><p>Started by <a class="username u-concealed">tent fan</a></p>
            <div class="post"><span class="username">someone else</span></div></body>"#;
        assert_eq!(authors_at(by_class, "https://example.org/threads/which-tent.5/"), ["tent fan"]);
        let article = r#"<body><h1>Tents reviewed</h1><p class="byline">By Jane Doe</p>
            <div class="comments"><div data-author="commenter">x</div></div></body>"#;
        assert_eq!(authors_at(article, "https://example.org/reviews/tents"), ["Jane Doe"], "not a discussion");
        let qa = r#"<body itemscope itemtype="https://schema.org/QAPage"><h1>Why?</h1>
            <div class="question" data-author-username="asker"><a rel="author" href="/u/2">Editor Ed</a></div></body>"#;
        assert_eq!(authors_at(qa, "https://qa.example/questions/1/why"), ["asker"], "a thread by its microdata");
        // vBulletin's and Invision's poster classes end in "username".
        let vbulletin = r#"<body><h1>Encoder settings</h1><a class="bigusername" href="member.php?u=1">microfast</a><p>Which preset?</p></body>"#;
        assert_eq!(authors_at(vbulletin, "https://forum.example.org/showthread.php?t=186269"), ["microfast"]);
        // A Discourse crawler view: the poster in schema.org microdata, a
        // quoted post's `data-username` after it.
        let discourse = r#"<body><div itemscope itemtype="http://schema.org/DiscussionForumPosting"><h1>My take</h1>
            <span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/PaulWBryant"><span itemprop="name">PaulWBryant</span></a></span>
            <div itemprop="text"><aside class="quote" data-username="RndSheep">quoted</aside><p>Mine.</p></div></div></body>"#;
        assert_eq!(authors_at(discourse, "https://discussion.example.com/t/my-take/105724"), ["PaulWBryant"]);
        // A first candidate that reads as no name gives way to the next.
        let unnamed = r#"<body><h1>Which tent?</h1><span class="username">  </span><div data-author="hiker_42"><p>Which tent?</p></div></body>"#;
        assert_eq!(authors_at(unnamed, "https://forum.example.org/threads/which-tent.5/"), ["hiker_42"]);
    }

    #[test]
    fn declared_desks_are_candidates_the_trust_order_does_not_take() {
        let desk_of = |html: &str| {
            let m = from_html(&Html::parse_document(html), None);
            let desk = crate::metadata::html::author_ranker::COLUMNS.iter().position(|c| *c == "desk").expect("a desk column");
            m.author_candidates.iter().filter(|c| c.row[desk] == 1.0).map(|c| c.names.join("; ")).collect::<Vec<_>>()
        };
        let ld = r#"<script type="application/ld+json">{"@type":"Article","headline":"Notes","author":{"@type":"Person","name":"The Example Team"}}</script>
            <body><h1>Notes</h1><p>Text.</p></body>"#;
        assert_eq!(desk_of(ld), ["The Example Team"]);
        let byline = r#"<body><h1>Coffee at home</h1><span class="hero__author">By the Roastery Team</span><p>Text.</p></body>"#;
        assert_eq!(desk_of(byline), ["the Roastery Team"]);
        let person = r#"<meta name="author" content="Jane Doe"><body><h1>Notes</h1><p>Text.</p></body>"#;
        assert!(desk_of(person).is_empty(), "a person is no desk");
        assert_eq!(authors(person), ["Jane Doe"]);
    }

    #[test]
    fn jsonld_author_reference_is_resolved() {
        let page = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"Article","headline":"Notes","author":{"@id":"https://a.example/#/person/1"}},
            {"@type":"Person","@id":"https://a.example/#/person/1","name":"Fatima Yilmaz"}]}</script>"#;
        assert_eq!(authors(page), ["Fatima Yilmaz"]);
    }

    #[test]
    fn recipe_author_when_no_article() {
        let page = r#"<script type="application/ld+json">{"@type":"Recipe","name":"Plum cake",
            "author":{"@type":"Person","name":"kuchenfee"},"publisher":{"@type":"Organization","name":"Cakes"}}</script>"#;
        assert_eq!(authors(page), ["kuchenfee"]);
    }

    #[test]
    fn person_publisher_is_not_the_site() {
        let page = r#"<meta property="og:site_name" content="Netmums"><script type="application/ld+json">
            {"@type":"DiscussionForumPosting","headline":"Q","author":{"@type":"Person","name":"Mod Sharon"},
             "publisher":{"@type":"Person","name":"Mod Sharon"}}</script>"#;
        assert_eq!(authors(page), ["Mod Sharon"]);
    }

    #[test]
    fn twitter_card_written_by_label() {
        let page = r#"<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">
            <meta name="twitter:label2" content="Geschätzte Lesezeit"><meta name="twitter:data2" content="3 Minuten">"#;
        assert_eq!(authors(page), ["Karoline Herr"]);
        let other = r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="3 minutes">"#;
        assert!(authors(other).is_empty());
    }

    #[test]
    fn login_handle_gives_way_to_display_name() {
        let page = r#"<meta name="author" content="christian.stadtfeld">
            <body><h1>Notes</h1><span class="byline">Christian P. Stadtfeld</span></body>"#;
        assert_eq!(authors(page), ["Christian P. Stadtfeld"]);
        assert_eq!(authors(r#"<meta name="author" content="jane.doe">"#), ["jane.doe"], "kept when nothing better");
    }

    #[test]
    fn byline_near_the_headline_not_in_comments() {
        let page = r#"<body><div class="comments"><p>By Carl Commenter</p></div>
            <h1>Storm closes roads</h1><p>Von <a href="/a">Anna Schmidt</a></p><p>The storm closed the roads.</p>
            <aside><p>By Sidebar Person</p></aside></body>"#;
        assert_eq!(authors(page), ["Anna Schmidt"]);
        let teaser_styled = r#"<body><h1>Storm closes roads</h1><div class="teaser-meta"><p class="byline">VON
            <a href="/a">ANNA SCHMIDT</a> am 21. April 2020</p></div><p>The storm closed the roads.</p>
            <div class="teaser-list"><p>By Other Writer</p></div></body>"#;
        assert_eq!(authors(teaser_styled), ["ANNA SCHMIDT"], "a byline just under the headline is the page's");
        let prose = r#"<body><h1>Title here</h1><p>Par ailleurs, la ville a décidé.</p></body>"#;
        assert!(authors(prose).is_empty(), "a sentence opening with a byline word is no byline");
    }

    #[test]
    fn author_class_outside_comments() {
        let page = r#"<body><h1>Strava maps</h1><ul class="author clipboard"><li>Stefan Loibl</li></ul>
            <div class="comment-author">Someone Else</div></body>"#;
        assert_eq!(authors(page), ["Stefan Loibl"]);
        let only_comment =
            r#"<body><h1>T</h1><div class="comments"><span class="author">Carl Commenter</span></div></body>"#;
        assert!(authors(only_comment).is_empty());
    }

    #[test]
    fn links_to_author_pages_name_the_authors() {
        let one = r#"<body><h1>Storm closes roads</h1><div class="info"><a href="/autoren/georg-quaas/">Georg Quaas</a></div>
            <p>The storm closed the roads.</p><aside class="related"><a href="/author/other-writer">Other Writer</a></aside></body>"#;
        assert_eq!(authors(one), ["Georg Quaas"]);
        let two = r#"<body><h1>Storm closes roads</h1><p><a href="https://x.example/staff/lars-fischer">Lars Fischer</a> and
            <a href="https://x.example/staff/alina-schadwinkel">Alina Schadwinkel</a></p><p>The storm closed the roads.</p></body>"#;
        assert_eq!(authors(two), ["Lars Fischer", "Alina Schadwinkel"], "co-authors beside the first link");
        let wrapped = r#"<body><h1>Storm closes roads</h1><p><strong><a href="/authors/jane-doe">Jane Doe</a></strong>,
            <strong><a href="/authors/john-roe">John Roe</a></strong></p><p>The storm closed the roads.</p></body>"#;
        assert_eq!(authors(wrapped), ["Jane Doe", "John Roe"], "each link wrapped alone");
        let accounts = r#"<body><nav><a href="/us/en/profile/account">Account</a> <a href="/people/our-leadership">Our leadership</a></nav>
            <h1>Bookcases</h1><p>Shelves for every room.</p></body>"#;
        assert!(authors(accounts).is_empty(), "account and team pages are no authors");
        let unspelled = r#"<body><h1>Storm closes roads</h1><p><a href="/author/12345">Jane Doe</a></p><p>Text.</p></body>"#;
        assert!(authors(unspelled).is_empty(), "the path must spell the name");
        let only_related = r#"<body><h1>Storm closes roads</h1><p>The storm closed the roads.</p><p>More text.</p><p>And more.</p>
            <p>Still more.</p><p>Yet more.</p><p>Again.</p><p>Once more.</p><p>Nearly done.</p><p>Done.</p><p>End.</p>
            <div class="related-posts"><a href="/author/other-writer">Other Writer</a></div></body>"#;
        assert!(authors(only_related).is_empty(), "a related list's author is not the page's");
    }

    #[test]
    fn a_byline_label_before_the_name() {
        let page = r#"<body><h1>Storm closes roads</h1><p>The storm closed the roads.</p>
            <div class="info"><h3>Author</h3><p> Jane Q. Doe</p></div></body>"#;
        assert_eq!(authors(page), ["Jane Q. Doe"]);
    }

    #[test]
    fn a_name_beside_the_date_under_or_above_the_headline() {
        let after = r#"<body><header><h1>Storm closes roads</h1><p>Jane Doe | Senior Writer | July 2, 2025</p></header></body>"#;
        assert_eq!(authors(after), ["Jane Doe"]);
        let kicker = r#"<body><small>04.02.2022 | 13:10 Uhr | Uta Beispiel</small><h1>Storm closes roads</h1></body>"#;
        assert_eq!(authors(kicker), ["Uta Beispiel"]);
        let two = r#"<body><h1>Storm closes roads</h1><p>Bad Homburg | Jane Doe | 04.02.2022</p></body>"#;
        assert!(authors(two).is_empty(), "two name-like parts: which is the author is not known");
        let handle = r#"<meta name="author" content="adminn"><body><h1>Storm</h1><p>April 21, 2017 | Product Law</p></body>"#;
        assert_eq!(authors(handle), ["adminn"], "a declared handle before a part of a date line");
    }

    #[test]
    fn declared_organisation_when_no_person() {
        let page = r#"<meta property="og:site_name" content="Loona Construction"><script type="application/ld+json">
            {"@type":"BlogPosting","headline":"Decks","author":{"@type":"Organization","name":"Loona Construction"}}</script>"#;
        assert_eq!(authors(page), ["Loona Construction"]);
        let both = r#"<meta name="author" content="Loona Construction"><script type="application/ld+json">
            {"@type":"BlogPosting","author":[{"@type":"Organization","name":"Loona"},{"@type":"Person","name":"Ann Lee"}]}</script>"#;
        assert_eq!(authors(both), ["Ann Lee"]);
    }
}
