//! Output file names for `--output-dir`: input paths mirrored, names for
//! container records derived from their URL or id. Every name is a relative
//! path of plain components: no `..`, no root, no NUL or control characters,
//! no reserved device names, bounded length.
//!
//! This module makes names; it does not touch the file system.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// Longest name part derived from a URL or id, in bytes.
const MAX_SLUG_BYTES: usize = 96;
/// Longest mirrored path component, in bytes (file systems allow 255; room
/// is left for an extension, a uniqueness suffix and a temp-file prefix).
const MAX_COMPONENT_BYTES: usize = 200;
/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file-name-safe slug of a URL or id: the scheme dropped, every run of
/// characters other than ASCII letters, digits, `.`, `-` and `_` turned
/// into one `_`, bounded to [`MAX_SLUG_BYTES`].
pub fn slug(key: &str) -> String {
    let key = key.split_once("://").map_or(key, |(_, rest)| rest);
    let mut out = String::new();
    for c in key.chars() {
        if out.len() >= MAX_SLUG_BYTES {
            break;
        }
        if c == '.' && out.ends_with('.') {
            // No `..` anywhere in a name.
            out.pop();
            if !out.ends_with('_') {
                out.push('_');
            }
        } else if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else if !out.ends_with('_') && !out.ends_with('.') {
            out.push('_');
        }
    }
    out.trim_matches(['.', '_']).to_owned()
}

/// The name of a container's `ordinal`-th record (1-based): the ordinal,
/// zero-padded so names sort in input order, then the slug of `key`.
pub fn record_name(ordinal: u64, key: Option<&str>) -> String {
    match key.map(slug).filter(|s| !s.is_empty()) {
        Some(s) => format!("{ordinal:06}-{s}"),
        None => format!("{ordinal:06}"),
    }
}

/// The mirrored stem of an input file: its path under its root without the
/// compression and content extensions (`a/b.html.gz` → `a/b`), each
/// component made safe. Extension-less files keep their name.
pub fn mirrored_stem(rel: &Path) -> PathBuf {
    let rel = super::compress::strip_compression(rel);
    let rel = match (rel.file_stem(), rel.extension()) {
        (Some(stem), Some(_)) if !stem.is_empty() => rel.with_file_name(stem),
        _ => rel,
    };
    safe_relative(&rel)
}

/// `path` as plain, safe components only (root, `.` and `..` dropped).
pub fn safe_relative(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        if let Component::Normal(part) = c {
            out.push(safe_component(&part.to_string_lossy()));
        }
    }
    if out.as_os_str().is_empty() {
        out.push("input");
    }
    out
}

/// One path component: control characters and separators replaced, length
/// bounded, reserved device names and leading dots prefixed with `_`.
fn safe_component(part: &str) -> OsString {
    let mut s: String = part.chars().map(|c| if c.is_control() || matches!(c, '/' | '\\' | ':') { '_' } else { c }).collect();
    if s.len() > MAX_COMPONENT_BYTES {
        let mut cut = MAX_COMPONENT_BYTES;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    let base = s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if s.starts_with('.') || RESERVED.contains(&base.as_str()) || s.is_empty() {
        s.insert(0, '_');
    }
    OsString::from(s)
}

/// Seed of the name hash: fixed, so that names are the same on every run.
const NAME_HASH_SEED: u64 = 0x7069_7468;

/// Hands out names that no earlier input got: a repeat gets `-2`, `-3`…
/// in input order, so names are the same on every run.
///
/// A name is remembered as a 64-bit hash (8 bytes, not the path), so a run
/// of millions of records stays small. Two different names with one hash
/// (odds about n²/2⁶⁵) only cost the second an unneeded suffix: names stay
/// unique and the same on every run.
#[derive(Debug)]
pub struct UniqueNames {
    used: HashSet<u64>,
    hasher: foldhash::fast::FixedState,
}

impl Default for UniqueNames {
    fn default() -> Self {
        UniqueNames { used: HashSet::new(), hasher: foldhash::fast::FixedState::with_seed(NAME_HASH_SEED) }
    }
}

impl UniqueNames {
    /// `stem` itself the first time, then `stem-2`, `stem-3`…
    pub fn claim(&mut self, stem: PathBuf) -> PathBuf {
        if self.used.insert(self.hasher.hash_one(&stem)) {
            return stem;
        }
        let name = stem.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (2u64..)
            .map(|n| stem.with_file_name(format!("{name}-{n}")))
            .find(|candidate| self.used.insert(self.hasher.hash_one(candidate)))
            .unwrap_or(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_bounded() {
        assert_eq!(slug("https://example.com/a/b?c=1&d=../../etc"), "example.com_a_b_c_1_d_etc");
        assert_eq!(slug("<urn:uuid:1234-ab>"), "urn_uuid_1234-ab");
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("\0\0"), "");
        assert!(slug(&"é".repeat(10_000)).len() <= MAX_SLUG_BYTES);
        assert!(slug(&"a".repeat(10_000)).len() <= MAX_SLUG_BYTES);
        assert_eq!(record_name(7, Some("https://a.com/")), "000007-a.com");
        assert_eq!(record_name(8, Some("..")), "000008");
        assert_eq!(record_name(9, None), "000009");
    }

    #[test]
    fn mirrored_stems_drop_extensions_and_unsafe_parts() {
        assert_eq!(mirrored_stem(Path::new("a/b.html.gz")), Path::new("a/b"));
        assert_eq!(mirrored_stem(Path::new("a/README")), Path::new("a/README"));
        assert_eq!(mirrored_stem(Path::new("/etc/../x/.bashrc")), Path::new("etc/x/_.bashrc"));
        assert_eq!(mirrored_stem(Path::new("con.html")), Path::new("_con"));
        assert_eq!(mirrored_stem(Path::new("a\u{1}b.html")), Path::new("a_b"));
        assert_eq!(mirrored_stem(Path::new("..")), Path::new("input"));
        let long = format!("{}.html", "x".repeat(1000));
        assert!(mirrored_stem(Path::new(&long)).as_os_str().len() <= MAX_COMPONENT_BYTES);
    }

    #[test]
    fn repeated_names_get_suffixes_in_order() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("a/b".into()), Path::new("a/b"));
        assert_eq!(names.claim("a/b".into()), Path::new("a/b-2"));
        assert_eq!(names.claim("a/b".into()), Path::new("a/b-3"));
        assert_eq!(names.claim("a/c".into()), Path::new("a/c"));
    }
}
