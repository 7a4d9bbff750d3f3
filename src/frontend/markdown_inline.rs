//! Inline Markdown removal for dumps written by Markdown converters
//! (html2text and the like): `[text](url)` becomes `text` (counted as link
//! text), images are dropped, emphasis markers and backslash escapes removed.
//! Block-level Markdown (headings, bullets) is read by `frontend::text`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::regex;

/// `![alt](url)`, possibly wrapped in a link: dropped.
static IMAGE: LazyLock<Regex> = LazyLock::new(|| regex(r#"!\[[^\]]*\]\([^)\s]*(?:\s+"[^"]*")?\)"#));
/// `[text](url "title")`: kept as `text`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"\[([^\[\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+"[^"]*")?\s*\)"#));
/// `<https://...>` autolinks.
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| regex(r"<(?:https?|mailto|ftp):[^>\s]+>"));
/// Bare URLs left in text.
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:https?://|www\.)[^\s<>()\[\]]+"));
/// `**strong**` / `__strong__`.
static STRONG: LazyLock<Regex> = LazyLock::new(|| regex(r"(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)"));
/// `*em*` / `_em_` at word boundaries (so `snake_case` and `Liebe_r` survive).
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(^|[\s(\[])([*_])(\S(?:[^*_]*?\S)?)([*_])($|[\s.,;:!?)\]])"));
/// Backslash escapes of Markdown punctuation.
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| regex(r"\\([\\`*_{}\[\]()#+\-.!|>~<])"));

/// Whether a dump looks like Markdown: enough inline links or escapes.
pub fn looks_like_markdown(text: &str) -> bool {
    let links = LINK.find_iter(text).take(3).count();
    let escapes = ESCAPE.find_iter(text).take(3).count();
    links >= 2 || (links >= 1 && escapes >= 1) || escapes >= 3
}

/// Text of a line with inline Markdown removed, and how many characters of
/// it were link text, and how many links it had.
pub struct Cleaned {
    pub text: String,
    pub link_chars: u32,
    pub links: u16,
}

/// Remove inline Markdown from one line.
///
/// Each pattern runs only on a line holding the characters it cannot match
/// without (`![`, `](`, `<`, `**`/`__`, `*`/`_`, `\\`): most lines of a dump
/// have none, and are not copied.
pub fn clean(line: &str) -> Cleaned {
    let mut link_chars = 0u32;
    let mut links = 0u16;
    let mut text: Cow<'_, str> = Cow::Borrowed(line);
    if text.contains("![") {
        text = replaced(text, |t| IMAGE.replace_all(t, ""));
    }
    if text.contains("](") {
        text = replaced(text, |t| {
            LINK.replace_all(t, |c: &regex::Captures| {
                let anchor = c[1].trim();
                link_chars += anchor.chars().count() as u32;
                links = links.saturating_add(1);
                anchor.to_owned()
            })
        });
    }
    if text.contains('<') {
        text = replaced(text, |t| {
            AUTOLINK.replace_all(t, |c: &regex::Captures| {
                links = links.saturating_add(1);
                let url = c[0].trim_matches(|ch| ch == '<' || ch == '>').to_owned();
                link_chars += url.chars().count() as u32;
                url
            })
        });
    }
    if text.contains("**") || text.contains("__") {
        text = replaced(text, |t| STRONG.replace_all(t, "$2"));
    }
    if text.contains(['*', '_']) {
        text = replaced(text, |t| EMPHASIS.replace_all(t, "$1$3$5"));
    }
    if text.contains('\\') {
        text = replaced(text, |t| ESCAPE.replace_all(t, "$1"));
    }
    Cleaned { text: text.into_owned(), link_chars, links }
}

/// `text` after `replace` (a `replace_all`): `text` itself, not copied,
/// when nothing was replaced.
fn replaced<'a>(text: Cow<'a, str>, replace: impl FnOnce(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match replace(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Characters of bare URLs in `text`, and how many there are.
pub fn bare_urls(text: &str) -> (u32, u16) {
    // Every match holds `://` or `www.`.
    if !text.contains("://") && !text.contains("www.") {
        return (0, 0);
    }
    BARE_URL.find_iter(text).fold((0, 0), |(chars, n), m| {
        (chars + m.as_str().chars().count() as u32, n.saturating_add(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text() {
        let c = clean("See [my site](https://example.com/a \"Title\") and [B](/b).");
        assert_eq!(c.text, "See my site and B.");
        assert_eq!(c.link_chars, 8);
        assert_eq!(c.links, 2);
    }

    #[test]
    fn images_dropped_emphasis_and_escapes_removed() {
        let c = clean("![logo](x.png) **Bold** and _em_ on 10\\. September");
        assert_eq!(c.text, " Bold and em on 10. September");
    }

    #[test]
    fn underscores_inside_words_survive() {
        assert_eq!(clean("Liebe_r Besucher_in, snake_case_name").text, "Liebe_r Besucher_in, snake_case_name");
    }

    #[test]
    fn detects_markdown_dumps() {
        assert!(looks_like_markdown("* [Home](/)\n* [About](/about)\n"));
        assert!(!looks_like_markdown("Plain text, no links at all.\nAnother line."));
    }
}
