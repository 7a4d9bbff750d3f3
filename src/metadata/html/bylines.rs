//! The bylines near an HTML page's headline: who they name.
//!
//! A byline cue (`scan::CueKind::Byline`) is a text that opens with a
//! byline word ("By", "Von", "Autor:"). Its element, or the element's parent
//! when it holds the word alone, or failing both the line the word opens
//! (up to a line break or a block), names the page's authors; the one-word
//! handle a bare byline word marks up ("Gespeichert von
//! <span>rasos</span>") is kept apart for the author ranker. It does not
//! decide between sources: `super::authors` and `super::author_ranker` do.

use scraper::ElementRef;

use super::authors::{capitalised, is_the_pages, names_something, poster_name, text_names};
use super::dates::by_distance;
use super::scan::{is_bare_byline_word, Cue, Scan};
use super::clean;

/// A byline element with less text than this holds only the byline word
/// ("By" before a linked name): its parent names the author.
const BARE_BYLINE_BYTES: usize = 12;
/// Bytes of a byline's line ([`byline_line`]) past which it is prose, not a byline.
const MAX_BYLINE_LINE_BYTES: usize = 200;
/// Words of a name read in a byline's line: one word after "By" in a
/// line is a sort order or a link ("Sort by <a>Review</a>") more often than a name.
const LINE_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=5;
/// Elements that continue a line of text (a byline's name is often one).
/// Not the complement of `frontend::tags::block_level`: a byline's line
/// goes on only through elements that carry words; `<br>`, images,
/// buttons, form controls and scripts end it as a block does, and
/// `<address>`, a block to the segmenter, wraps a byline's name inline.
const INLINE_TAGS: [&str; 14] = ["a", "span", "b", "strong", "em", "i", "u", "small", "font", "abbr", "cite", "time", "bdi", "address"];

/// What the byline cues near the headline name ([`byline_near_headline`]).
pub(super) struct Bylines {
    /// The people the nearest of the page's own bylines names.
    pub people: Vec<String>,
    /// The desks the first of the page's own bylines naming one names.
    pub desks: Vec<String>,
    /// The handle the nearest of the page's own bylines marks up ([`marked_handle`]).
    pub handle: Vec<String>,
}

/// The people a byline near the headline names ("By Jane Doe", or "By"
/// before a linked name): the byline cue nearest the headline whose
/// element, or failing that whose line ([`byline_line`]), names someone
/// with a capitalised name. Bylines in comment threads, related-article
/// lists and sidebars are not the page's. With
/// them, the desks the first cue naming one names ("By the Lavazza Team"),
/// among the cues read until a person was found, and the nearest one-word
/// handle a byline marks up: one walk gives all.
pub(super) fn byline_near_headline(page: &Scan, headline: Option<usize>, headline_el: Option<ElementRef>) -> Bylines {
    let mut found = Bylines { people: Vec::new(), desks: Vec::new(), handle: Vec::new() };
    for c in by_distance(headline, page.byline_cues().iter()).into_iter().filter(|c| is_the_pages(c, headline, headline_el)) {
        let (people, desks) = cue_names(c);
        if found.desks.is_empty() {
            found.desks = desks.into_iter().filter(|n| names_something(n)).collect();
        }
        found.people = people.into_iter().filter(|n| capitalised(n)).collect();
        if found.handle.is_empty() {
            found.handle = marked_handle(c).into_iter().collect();
        }
        if !found.people.is_empty() {
            break;
        }
    }
    found
}

/// The people and the desks a byline cue names: read in its element, or
/// when the element is the byline word alone ("By", "Author") in its
/// parent; failing both, in the cue's line ([`byline_line`]).
fn cue_names(c: &Cue) -> (Vec<String>, Vec<String>) {
    let label = c.el.text().collect::<String>();
    let label = label.trim();
    let parent = c.el.parent().and_then(ElementRef::wrap).filter(|_| label.len() < BARE_BYLINE_BYTES);
    let (people, desks) = match parent {
        // The byline word alone ("By", "Author"): the name follows it in its parent.
        Some(parent) => {
            let text = clean(&parent.text().collect::<Vec<_>>().join(" ")).unwrap_or_default();
            text_names(text.strip_prefix(label).unwrap_or(&text), 1..=5)
        }
        None => text_names(&c.el.text().collect::<Vec<_>>().join(" "), 1..=5),
    };
    if people.iter().any(|n| capitalised(n)) {
        return (people, desks);
    }
    let Some(line) = byline_line(c) else { return (people, desks) };
    let rest = after_byline_word(&line);
    // A name follows the byline word at once: "By clicking, you agree to our Terms and Privacy Policy" names no one.
    if !rest.starts_with(char::is_uppercase) {
        return (people, desks);
    }
    let (mut line_people, line_desks) = text_names(rest, LINE_NAME_WORDS);
    line_people.retain(|n| word_shaped(n));
    (line_people, if desks.is_empty() { line_desks } else { desks })
}

/// Whether every word of a name is letters, with inner hyphens and
/// apostrophes and an initial's dot ("J. B. Mackinnon", "Lange-Fricke";
/// not "C- D").
fn word_shaped(name: &str) -> bool {
    name.split_whitespace().all(|w| {
        let core = w.strip_suffix('.').unwrap_or(w);
        core.starts_with(char::is_alphabetic)
            && core.ends_with(char::is_alphabetic)
            && core.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    })
}

/// What follows a line's byline word ("Author J. B. Mackinnon": "J. B. Mackinnon").
fn after_byline_word(line: &str) -> &str {
    let line = line.trim();
    let rest = crate::lexicon::LEXICON.byline_rest(line).unwrap_or(line);
    rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
}

/// A byline cue's line: its text node and the text of the nodes after it
/// up to a line break or a block element ("Autor: <a>Rechtsanwalt</a>
/// Sebastian Einbock<br>" in a long `<div>`).
fn byline_line(c: &Cue) -> Option<String> {
    let node = c.text?;
    let mut line = node.value().as_text()?.to_string();
    // A label alone in its inline element ("<span>Autor</span> <a>Jane</a>") goes on after that element.
    let mut start = node;
    while start.next_sibling().is_none()
        && let Some(parent) = start.parent().filter(|p| p.value().as_element().is_some_and(|e| INLINE_TAGS.contains(&e.name())))
    {
        start = parent;
    }
    for sibling in start.next_siblings() {
        if line.len() > MAX_BYLINE_LINE_BYTES {
            return None;
        }
        match sibling.value() {
            scraper::Node::Text(t) => line.push_str(t),
            // An element's text is set apart: "<span>Author</span><a>J. B. Mackinnon</a>" reads as two words.
            scraper::Node::Element(e) if INLINE_TAGS.contains(&e.name()) => {
                ElementRef::wrap(sibling).into_iter().flat_map(|el| el.text()).for_each(|t| {
                    line.push(' ');
                    line.push_str(t)
                })
            }
            scraper::Node::Element(_) => break,
            _ => {}
        }
    }
    Some(line)
}

/// The one-word handle a bare byline word marks up as the element after it
/// ("Verfasst von: <a>mitundvoneinander</a>", "Author: <a><b>Bo2man</b></a>
/// am 29.12.2010"): the element's text when it is one word of at most
/// [`super::authors::MAX_POSTER_CHARS`] characters, no address, in lower case or with digits
/// (what [`cue_names`] drops).
fn marked_handle(c: &Cue) -> Option<String> {
    let node = c.text?;
    if !is_bare_byline_word(node.value().as_text()?) {
        return None;
    }
    let next = node.next_siblings().find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()))?;
    let el = ElementRef::wrap(next).filter(|el| INLINE_TAGS.contains(&el.value().name()))?;
    let name = poster_name(&el.text().collect::<String>())?;
    let handle_like = name.starts_with(char::is_lowercase) || name.chars().any(|c| c.is_ascii_digit());
    (handle_like && !name.contains(' ')).then_some(name)
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use crate::metadata::html::from_html;

    fn authors(html: &str) -> Vec<String> {
        from_html(&Html::parse_document(html), None).authors
    }

    #[test]
    fn a_byline_line_inside_a_long_element() {
        // The label opens a line of a long `<div>`: the line ends at the `<br>`.
        let page = r#"<body><h1>Kein Wohngeld</h1><div>Berlin. Das Gericht hat entschieden, dass der Antrag zu
            Recht abgelehnt wurde, weil keine Bewerbungen vorlagen.<br><br>Autor: <a href="/ra/">Rechtsanwalt</a>
            Sebastian Einbock<br>Weitere Hinweise folgen.</div></body>"#;
        assert_eq!(authors(page), ["Rechtsanwalt Sebastian Einbock"]);
        // A label alone in its inline element goes on after it; an element's text is a word of its own.
        let label = r#"<body><h1>Eat less sugar</h1><p>Text.</p><div><span>Author</span><a href="/jb">J. B. Mackinnon</a></div></body>"#;
        assert_eq!(authors(label), ["J. B. Mackinnon"]);
        // Prose that opens with "By" names no one, nor does a one-word sort order.
        let prose = r#"<body><h1>Newsletter</h1><p>Text.</p><div>By signing up you agree to our <a href="/t">Terms</a> and
            <a href="/p">Privacy Policy</a>.<br>Sort by <a href="?s=r">Review</a></div></body>"#;
        assert!(authors(prose).is_empty());
        // Where a byline's name ends: a role after a spaced hyphen, an address in angle brackets.
        let role = r#"<body><h1>Pricing</h1><p>Written by Eliz Ward - Product marketer</p><p>Text.</p></body>"#;
        assert_eq!(authors(role), ["Eliz Ward"]);
        let address = r#"<body><h1>Logging HOWTO</h1><p>Author: Vinay Sajip &lt;vinay_sajip at red-dove dot com&gt;</p></body>"#;
        assert_eq!(authors(address), ["Vinay Sajip"]);
    }

    #[test]
    fn a_handle_a_byline_marks_up_is_a_candidate() {
        let handles = |html: &str| {
            let m = from_html(&Html::parse_document(html), None);
            let col = crate::metadata::html::author_ranker::COLUMNS.iter().position(|c| *c == "byline_handle").expect("a handle column");
            m.author_candidates.iter().filter(|c| c.row[col] == 1.0).map(|c| c.names.join("; ")).collect::<Vec<_>>()
        };
        let drupal = r#"<body><h1>FairCoin hackathon</h1><p>Text.</p><div class="submitted">Gespeichert von <span class="username">rasos</span> am 24. Juli 2017</div></body>"#;
        assert_eq!(handles(drupal), ["rasos"]);
        let digits = r#"<body><h1>Events</h1><p>Text.</p><div>Author: <a href="?id=58"><b>Bo2man</b></a> am 29.12.2010, 13:36 Uhr</div></body>"#;
        assert_eq!(handles(digits), ["Bo2man"]);
        // A capitalised name is the byline's own; prose after "by" marks no handle.
        let name = r#"<body><h1>Notes</h1><p>Text.</p><div>By <a href="/jd">Jane Doe</a></div></body>"#;
        assert!(handles(name).is_empty());
        let prose = r#"<body><h1>Notes</h1><p>Text.</p><p>Written by hand, <em>slowly</em>.</p></body>"#;
        assert!(handles(prose).is_empty());
    }
}
