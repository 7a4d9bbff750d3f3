//! Links to an author's own page: `/author/jane-doe`, `/autoren/georg-quaas/`.
//!
//! Whether an `href` points into a directory of people the site credits
//! (`data/author_paths.txt`), and whether the link's last path segment
//! spells the name its text gives (the slug "georg-quaas" for "Georg
//! Quaas"). The pre-parse pass keeps such `href`s when it drops the rest,
//! and the HTML metadata reads the links as a source of authors. This
//! module reads paths; it decides nothing about who wrote the page.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// The directory words, lowercase (`data/author_paths.txt`).
fn directory_words() -> impl Iterator<Item = &'static str> {
    include_str!("../../data/author_paths.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// [`directory_words`], for the exact test of a segment's part.
static AUTHOR_DIRECTORIES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| directory_words().collect());

/// [`directory_words`] as one automaton (ASCII case folded): a link that
/// holds none of them anywhere is refused in one scan. Most links are
/// refused so. Measured (callgrind, 100 trafilatura-dev pages, session
/// 26): a set look-up per part of every link cost 25 M instructions (1%),
/// this scan 14 M; scanning only the path (after finding it) or testing
/// the first letter of each part before a look-up cost more.
static MAY_NAME_DIRECTORY: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(directory_words())
        .expect("the author directory words compile")
});

/// The longest directory word, in bytes: longer segment parts are not looked up.
const LONGEST_DIRECTORY: usize = 16;

/// The path of `href` (no scheme, host, query or fragment).
fn path_of(href: &[u8]) -> &[u8] {
    let href = href.trim_ascii();
    let href = &href[..memchr::memchr2(b'?', b'#', href).unwrap_or(href.len())];
    // "scheme://host/path" or "//host/path": the path starts at the first '/' after the host.
    let after_scheme = match memchr::memmem::find(href, b"://") {
        Some(at) => &href[at + 3..],
        None if href.starts_with(b"//") => &href[2..],
        None => return href,
    };
    memchr::memchr(b'/', after_scheme).map_or(&[][..], |at| &after_scheme[at..])
}

/// Whether a path segment names a directory of people: it is a directory
/// word, or one of its parts between `-` and `_` is.
fn is_directory(segment: &[u8]) -> bool {
    segment.split(|&b| b == b'-' || b == b'_').any(|part| {
        if part.is_empty() || part.len() > LONGEST_DIRECTORY || !part.is_ascii() {
            return false;
        }
        let mut lower = [0u8; LONGEST_DIRECTORY];
        let lower = &mut lower[..part.len()];
        lower.copy_from_slice(part);
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| AUTHOR_DIRECTORIES.contains(w))
    })
}

/// Whether `href` points to a page of a directory of people: a segment of
/// its path before the last one is a word of `data/author_paths.txt`, or
/// holds one between `-` and `_` ("blog-authors").
pub fn is_profile_href(href: &[u8]) -> bool {
    if !MAY_NAME_DIRECTORY.is_match(href) {
        return false;
    }
    let path = path_of(href);
    let mut segments = path.split(|&b| b == b'/').filter(|s| !s.is_empty());
    let Some(mut previous) = segments.next() else { return false };
    for segment in segments {
        if is_directory(previous) {
            return true;
        }
        previous = segment;
    }
    false
}

/// The letters and digits of `s`, lower-cased, accents dropped where the
/// letter decomposes to an ASCII one (as slugs write names).
fn slug_letters(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| if c.is_ascii_alphanumeric() { Some(c) } else { ascii_base(c) })
        .collect()
}

/// The ASCII letter a lower-case Latin letter with a diacritic is written
/// as in a slug, if it is one of the common ones.
fn ascii_base(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ğ' => 'g',
        'ß' => 's',
        _ => return None,
    };
    Some(base)
}

/// Whether the last segment of `href`'s path spells `name` (its letters
/// and digits, in order, folded as slugs write them): "/autoren/georg-quaas/"
/// for "Georg Quaas", "/profil/207/Klausmartin_Friedrich".
pub fn slug_spells(href: &str, name: &str) -> bool {
    let path = path_of(href.as_bytes());
    let Some(last) = path.split(|&b| b == b'/').rfind(|s| !s.is_empty()) else { return false };
    let name = slug_letters(name);
    name.len() >= 3 && slug_letters(&String::from_utf8_lossy(last)).contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_paths_are_recognised() {
        for href in [
            "/author/jane-doe",
            "https://example.com/autoren/georg-quaas/",
            "//cdn.example.com/staff/uriel-gadessaud",
            "/profil/207/Klausmartin_Friedrich",
            "/blog-authors/jane?ref=byline",
            "https://x.org/AUTHOR/jd#top",
        ] {
            assert!(is_profile_href(href.as_bytes()), "{href}");
        }
        for href in [
            "/author",
            "/author/",
            "https://author.example.com/post/1",
            "/2024/03/05/authority-of-the-state",
            "/tag/jane-doe",
            "/news/profiles-of-courage",
            "?author=3",
            "mailto:jane@example.com",
            "",
        ] {
            assert!(!is_profile_href(href.as_bytes()), "{href}");
        }
    }

    #[test]
    fn slugs_spell_names() {
        assert!(slug_spells("/autoren/georg-quaas/", "Georg Quaas"));
        assert!(slug_spells("/profil/207/Klausmartin_Friedrich", "Klausmartin Friedrich"));
        assert!(slug_spells("/auteur/gabor-munier", "Gàbor Muniér"));
        assert!(slug_spells("https://x.com/author/daniel-omahony-2/?p=1", "Daniel O'Mahony"));
        assert!(!slug_spells("/author/jane-doe", "John Smith"));
        assert!(!slug_spells("/author/12345", "Jane Doe"));
        assert!(!slug_spells("/author/jd", "J"));
    }
}
