//! Inline Markdown removal for dumps written by Markdown converters
//! (html2text and the like): `[text](url)` becomes `text` (counted as link
//! text), images are dropped, emphasis markers and backslash escapes removed.
//! Block-level Markdown (headings, bullets) is read by `frontend::text`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::bytescan;
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
/// Searchers for what every [`BARE_URL`] match holds, built once (`str::contains` sets up a searcher a call).
static URL_SCHEME: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("://"));
static URL_WWW: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("www."));
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
    if bytescan::contains(&text, "![") {
        text = replaced(text, |t| IMAGE.replace_all(t, ""));
    }
    if bytescan::contains(&text, "](") {
        text = replaced(text, |t| {
            replace_links(t, |anchor| {
                let anchor = anchor.trim();
                link_chars += anchor.chars().count() as u32;
                links = links.saturating_add(1);
                anchor
            })
        });
    }
    if bytescan::contains(&text, "<") {
        text = replaced(text, |t| {
            AUTOLINK.replace_all(t, |c: &regex::Captures| {
                links = links.saturating_add(1);
                let url = c[0].trim_matches(|ch| ch == '<' || ch == '>').to_owned();
                link_chars += url.chars().count() as u32;
                url
            })
        });
    }
    if bytescan::contains(&text, "**") || bytescan::contains(&text, "__") {
        text = replaced(text, |t| STRONG.replace_all(t, "$2"));
    }
    if memchr::memchr2(b'*', b'_', text.as_bytes()).is_some() {
        text = replaced(text, |t| EMPHASIS.replace_all(t, "$1$3$5"));
    }
    if bytescan::contains(&text, "\\") {
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

/// `LINK.replace_all(text, f)` with `f` given the link text (group 1),
/// parsed by hand: the pattern's matches are the same (see [`link_end`]),
/// found without the regex engine's capture search.
fn replace_links<'t>(text: &'t str, mut f: impl FnMut(&'t str) -> &'t str) -> Cow<'t, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        match link_end(text, open) {
            Some((close, end)) => {
                out.push_str(&text[copied..open]);
                out.push_str(f(&text[open + 1..close]));
                copied = end;
                from = end;
            }
            None => from = open + 1,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Whether [`LINK`] matches at the `[` at byte `open`: the byte offsets of
/// the `]` closing the link text and of the match's end.
///
/// `\[([^\[\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+"[^"]*")?\s*\)`: the link text
/// runs to the first bracket, which must be `](`; then whitespace, `<`, the
/// URL (all chars but `)`, whitespace, `>`) and `>` are each taken whole
/// (giving any back cannot make a match: what follows each is none of the
/// chars it gave back could be); then a title (whitespace, a quoted string),
/// if the rest matches with it, else none; whitespace; `)`.
fn link_end(text: &str, open: usize) -> Option<(usize, usize)> {
    let close = open + 1 + text[open + 1..].find(['[', ']'])?;
    let rest = text[close..].strip_prefix("](")?;
    let after_ws = |s: &str| s.trim_start_matches(char::is_whitespace).len();
    let mut s = &rest[rest.len() - after_ws(rest)..];
    s = s.strip_prefix('<').unwrap_or(s);
    s = s.trim_start_matches(|c: char| c != ')' && c != '>' && !c.is_whitespace());
    s = s.strip_prefix('>').unwrap_or(s);
    // With a title: whitespace, `"..."`, whitespace, `)`.
    let ws = s.len() - after_ws(s);
    if ws > 0
        && let Some(title) = s[ws..].strip_prefix('"')
        && let Some(q) = title.find('"')
        && let Some(end) = title[q + 1..].trim_start_matches(char::is_whitespace).strip_prefix(')')
    {
        return Some((close, text.len() - end.len()));
    }
    let end = s.trim_start_matches(char::is_whitespace).strip_prefix(')')?;
    Some((close, text.len() - end.len()))
}

/// Characters of bare URLs in `text`, and how many there are.
pub fn bare_urls(text: &str) -> (u32, u16) {
    // Every match holds `://` or `www.`.
    if URL_SCHEME.find(text.as_bytes()).is_none() && URL_WWW.find(text.as_bytes()).is_none() {
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
    fn hand_parsed_links_are_the_patterns_matches() {
        // A fixed generator of strings rich in the pattern's characters.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let pieces = ["[", "]", "(", ")", "](", "<", ">", "\"", " ", "  ", "\t", "\n", "\u{a0}", "a", "bc", "é", "![", "url", "\"t\""];
        let mut cases: Vec<String> = vec![
            "[a](b)".into(), "[a]( b )".into(), "[a](<b>)".into(), "[a](b \"t\")".into(), "[a](  \"t\")".into(),
            "[a](b\"t\")".into(), "[a](b \"t\"x)".into(), "[[a](b)".into(), "[a] (b)".into(), "[a](b c)".into(),
            "x [a](b \"t)\" ) y [c](d)".into(), "[](<>)".into(), "[a](>)".into(), "[a](b >)".into(),
        ];
        for _ in 0..20000 {
            let n = 1 + next(12);
            cases.push((0..n).map(|_| pieces[next(pieces.len())]).collect());
        }
        for case in cases {
            let by_regex = LINK.replace_all(&case, |c: &regex::Captures| format!("<{}>", &c[1]));
            let mut anchors = Vec::new();
            let by_hand = replace_links(&case, |a| {
                anchors.push(a);
                a
            });
            let by_hand_marked = {
                let mut i = 0;
                replace_links(&case, |_| {
                    i += 1;
                    "\u{1}"
                })
                .split('\u{1}')
                .enumerate()
                .map(|(k, part)| if k == 0 { part.to_owned() } else { format!("<{}>{part}", anchors[k - 1]) })
                .collect::<String>()
            };
            assert_eq!(by_hand_marked, by_regex, "{case:?}");
            assert!(by_hand.len() <= case.len());
        }
    }

    #[test]
    fn detects_markdown_dumps() {
        assert!(looks_like_markdown("* [Home](/)\n* [About](/about)\n"));
        assert!(!looks_like_markdown("Plain text, no links at all.\nAnother line."));
    }
}
