//! Document metadata: title, author, dates, site name, page type.
//!
//! `fields` declares the fields, once; //! `dump` lifts the headline and byline out of a classified text dump;
//! `html` reads an HTML page's JSON-LD, Open Graph, Dublin Core and `<meta>`
//! (then the DOM); `headline` lifts the heading that repeats the title out
//! of HTML content; `date` reads dates in text. Site names fall back to the
//! URL's host.

pub mod date;
pub mod dateline;
pub mod dump;
pub mod dump_author;
pub mod dump_date;
pub mod dump_title;
mod ranker;
pub mod fields;
pub mod headline;
pub mod html;
pub mod profile_links;

pub use fields::{FieldKind, FieldValue, Metadata};

/// Separators between a page title's headline and a site or section name
/// ("Storm closes roads | Daily Planet").
pub(crate) const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Particles that may stay lower-case inside a person's name ("Walter von
/// Aachen", "Ludwig van Beethoven"): the one list the HTML and dump author
/// readers share.
pub(crate) const NAME_PARTICLES: [&str; 12] = ["von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "bin"];

/// `text` cut at every occurrence of each of `separators`, in order.
pub(crate) fn split_at_all<'a>(text: &'a str, separators: &[&str]) -> Vec<&'a str> {
    let mut parts = vec![text];
    for sep in separators {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

/// The lower-cased words of `s`.
pub(crate) fn words(s: &str) -> std::collections::HashSet<String> {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// How many words `a` and `b` share, when that is most words of the shorter.
pub(crate) fn shared_words(a: &std::collections::HashSet<String>, b: &std::collections::HashSet<String>) -> Option<usize> {
    let shared = a.intersection(b).count();
    most_of_the_shorter(shared, a.len(), b.len()).then_some(shared)
}

/// Whether `shared` words are most (three fifths) of the shorter of two
/// word sets of `a` and `b` words: when two texts say the same.
pub(crate) fn most_of_the_shorter(shared: usize, a: usize, b: usize) -> bool {
    let smaller = a.min(b);
    smaller > 0 && shared * 5 >= smaller * 3
}

/// Whether most words of the shorter of `a` and `b` occur in the other.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    shared_words(&words(a), &words(b)).is_some()
}

/// The host of `url` without a leading `www.`, as a fallback site name.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.").to_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn host_from_url() {
        assert_eq!(host_of("https://www.kyivpost.com/post/1").as_deref(), Some("kyivpost.com"));
        assert_eq!(host_of("http://user@news.example.org:8080/x?y").as_deref(), Some("news.example.org"));
        assert_eq!(host_of("not a url"), None);
    }
}
