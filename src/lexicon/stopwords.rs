//! Stopword lists, one a language (`data/stopwords/LANG.txt`), each parsed
//! on first use, with a two-byte filter before the set look-up. It answers
//! whether a word is a stopword; it detects no language.

use std::sync::OnceLock;

use super::data_lines;

const STOPWORD_FILES: &[(&str, &str)] = &[
    ("af", include_str!("../../data/stopwords/af.txt")),
    ("ar", include_str!("../../data/stopwords/ar.txt")),
    ("az", include_str!("../../data/stopwords/az.txt")),
    ("be", include_str!("../../data/stopwords/be.txt")),
    ("bg", include_str!("../../data/stopwords/bg.txt")),
    ("bn", include_str!("../../data/stopwords/bn.txt")),
    ("ca", include_str!("../../data/stopwords/ca.txt")),
    ("cs", include_str!("../../data/stopwords/cs.txt")),
    ("da", include_str!("../../data/stopwords/da.txt")),
    ("de", include_str!("../../data/stopwords/de.txt")),
    ("el", include_str!("../../data/stopwords/el.txt")),
    ("en", include_str!("../../data/stopwords/en.txt")),
    ("eo", include_str!("../../data/stopwords/eo.txt")),
    ("es", include_str!("../../data/stopwords/es.txt")),
    ("et", include_str!("../../data/stopwords/et.txt")),
    ("fa", include_str!("../../data/stopwords/fa.txt")),
    ("fi", include_str!("../../data/stopwords/fi.txt")),
    ("fr", include_str!("../../data/stopwords/fr.txt")),
    ("gu", include_str!("../../data/stopwords/gu.txt")),
    ("he", include_str!("../../data/stopwords/he.txt")),
    ("hi", include_str!("../../data/stopwords/hi.txt")),
    ("hr", include_str!("../../data/stopwords/hr.txt")),
    ("hu", include_str!("../../data/stopwords/hu.txt")),
    ("hy", include_str!("../../data/stopwords/hy.txt")),
    ("id", include_str!("../../data/stopwords/id.txt")),
    ("it", include_str!("../../data/stopwords/it.txt")),
    ("jv", include_str!("../../data/stopwords/jv.txt")),
    ("ka", include_str!("../../data/stopwords/ka.txt")),
    ("kn", include_str!("../../data/stopwords/kn.txt")),
    ("ko", include_str!("../../data/stopwords/ko.txt")),
    ("la", include_str!("../../data/stopwords/la.txt")),
    ("lt", include_str!("../../data/stopwords/lt.txt")),
    ("lv", include_str!("../../data/stopwords/lv.txt")),
    ("mk", include_str!("../../data/stopwords/mk.txt")),
    ("ml", include_str!("../../data/stopwords/ml.txt")),
    ("mr", include_str!("../../data/stopwords/mr.txt")),
    ("nb", include_str!("../../data/stopwords/nb.txt")),
    ("ne", include_str!("../../data/stopwords/ne.txt")),
    ("nl", include_str!("../../data/stopwords/nl.txt")),
    ("pl", include_str!("../../data/stopwords/pl.txt")),
    ("pt", include_str!("../../data/stopwords/pt.txt")),
    ("ro", include_str!("../../data/stopwords/ro.txt")),
    ("ru", include_str!("../../data/stopwords/ru.txt")),
    ("sk", include_str!("../../data/stopwords/sk.txt")),
    ("sl", include_str!("../../data/stopwords/sl.txt")),
    ("sr", include_str!("../../data/stopwords/sr.txt")),
    ("sv", include_str!("../../data/stopwords/sv.txt")),
    ("ta", include_str!("../../data/stopwords/ta.txt")),
    ("te", include_str!("../../data/stopwords/te.txt")),
    ("tk", include_str!("../../data/stopwords/tk.txt")),
    ("tl", include_str!("../../data/stopwords/tl.txt")),
    ("tr", include_str!("../../data/stopwords/tr.txt")),
    ("uk", include_str!("../../data/stopwords/uk.txt")),
    ("ur", include_str!("../../data/stopwords/ur.txt")),
    ("uz", include_str!("../../data/stopwords/uz.txt")),
    ("vi", include_str!("../../data/stopwords/vi.txt"))
];

/// The stopwords of one language.
#[derive(Debug, Default)]
pub struct StopwordSet {
    words: foldhash::HashSet<&'static str>,
    /// Bytes of the longest stopword: a longer word is not looked up.
    longest: usize,
    /// One bit for each (first byte, last byte) pair of a stopword: a word
    /// whose pair has none is not looked up (most words that are not
    /// stopwords, for the price of two bytes and a bit).
    ends: Vec<u64>,
}

impl StopwordSet {
    /// Whether `word` (lowercased) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        if word.len() > self.longest {
            return false;
        }
        if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) {
            let bit = ends_index(first, last);
            if self.ends.get(bit / 64).is_none_or(|w| w & (1 << (bit % 64)) == 0) {
                return false;
            }
        }
        self.words.contains(word)
    }

    /// A set of `words`, its look-up aids filled in.
    fn of(words: foldhash::HashSet<&'static str>) -> Self {
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut ends = vec![0u64; 256 * 256 / 64];
        for w in &words {
            if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
                let i = ends_index(first, last);
                ends[i / 64] |= 1 << (i % 64);
            }
        }
        StopwordSet { words, longest, ends }
    }
}

/// The bit of a word's first and last bytes in [`StopwordSet::ends`].
fn ends_index(first: u8, last: u8) -> usize {
    usize::from(first) << 8 | usize::from(last)
}

impl StopwordSet {
    /// The words of a stopword file, the table sized once for its lines.
    fn from_file(src: &'static str) -> Self {
        let lines = memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1;
        let mut words = foldhash::HashSet::with_capacity_and_hasher(lines, Default::default());
        for w in data_lines(src) {
            words.insert(w);
        }
        StopwordSet::of(words)
    }
}

impl FromIterator<&'static str> for StopwordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
        StopwordSet::of(iter.into_iter().collect())
    }
}

/// Stopword sets, parallel to [`STOPWORD_FILES`], each built on first use
/// (a page needs its own language's, not all 56).
static STOPWORDS: [OnceLock<StopwordSet>; STOPWORD_FILES.len()] = [const { OnceLock::new() }; STOPWORD_FILES.len()];

/// The stopword set of a language (ISO 639-1 code), if pith has one.
pub fn stopwords(lang: &str) -> Option<&'static StopwordSet> {
    let i = STOPWORD_FILES.binary_search_by(|(code, _)| (*code).cmp(lang)).ok()?;
    Some(STOPWORDS[i].get_or_init(|| StopwordSet::from_file(STOPWORD_FILES[i].1)))
}

/// Languages that have a stopword list, in a fixed order.
pub fn stopword_languages() -> impl Iterator<Item = &'static str> {
    STOPWORD_FILES.iter().map(|(code, _)| *code)
}
