//! What kind of page a document declares itself to be, as far as the
//! classifier needs to know: whether it is a discussion (a forum thread, a
//! Q&A page, a comment thread), where reader comments are the content.
//!
//! The evidence is data (`data/discussion_hints.txt`): JSON-LD and Open
//! Graph types, and URL path segments and host labels. This module reads
//! declarations only; it does not look at the page's text.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::lexicon::data_sections;

const DISCUSSION_HINTS: &str = include_str!("../data/discussion_hints.txt");

/// The three token lists of `data/discussion_hints.txt`.
struct DiscussionHints {
    types: HashSet<&'static str>,
    path: HashSet<&'static str>,
    host: HashSet<&'static str>,
}

static HINTS: LazyLock<DiscussionHints> = LazyLock::new(|| {
    let mut hints = DiscussionHints { types: HashSet::new(), path: HashSet::new(), host: HashSet::new() };
    for (section, line) in data_sections(DISCUSSION_HINTS) {
        let set = match section {
            "types" => &mut hints.types,
            "path" => &mut hints.path,
            "host" => &mut hints.host,
            _ => continue,
        };
        set.extend(line.split_whitespace());
    }
    hints
});

/// Whether the page declares itself a discussion: by a JSON-LD or Open
/// Graph type in `page_types`, or by its URL.
pub fn is_discussion(page_types: &[String], url: Option<&str>) -> bool {
    let hints = &*HINTS;
    if page_types.iter().any(|t| hints.types.contains(t.to_ascii_lowercase().as_str())) {
        return true;
    }
    let Some(url) = url else { return false };
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let first_label = host.split('.').next().unwrap_or("").to_ascii_lowercase();
    hints.host.contains(first_label.as_str())
        || path.split('/').any(|segment| hints.path.contains(segment.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types() {
        assert!(is_discussion(&["QAPage".into()], None));
        assert!(is_discussion(&["discussionforumposting".into()], None));
        assert!(!is_discussion(&["newsarticle".into(), "article".into()], None));
    }

    #[test]
    fn url_paths_and_hosts() {
        assert!(is_discussion(&[], Some("https://old.reddit.com/r/science/comments/1abc/title/")));
        assert!(is_discussion(&[], Some("https://meta.discourse.org/t/some-topic/12345")));
        assert!(is_discussion(&[], Some("https://forum.example.org/index.php")));
        assert!(is_discussion(&[], Some("http://example.com/viewtopic.php?t=5")));
        assert!(!is_discussion(&[], Some("https://example.com/news/2024/the-forum-meets-today")));
        assert!(!is_discussion(&[], Some("https://example.com/threads-of-history?topic=1")));
        assert!(!is_discussion(&[], None));
    }
}
