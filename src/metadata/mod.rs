//! Document metadata: title, author, date, site name.
//!
//! `dump` lifts the headline and byline out of a classified text dump;
//! `html` reads an HTML page's JSON-LD, Open Graph, Dublin Core and `<meta>`
//! (then the DOM); `headline` lifts the heading that repeats the title out
//! of HTML content; `date` reads dates in text. Site names fall back to the
//! URL's host.

pub mod date;
pub mod dump;
pub mod headline;
pub mod html;

use serde::Serialize;

/// Metadata found for a document. Every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    /// The page's lead image URL.
    pub image: Option<String>,
    pub tags: Vec<String>,
    /// The page's own idea of its address (`rel=canonical`, `og:url`).
    pub canonical_url: Option<String>,
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
