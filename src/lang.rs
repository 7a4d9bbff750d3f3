//! Language identification for a whole document.
//!
//! `whatlang` (trigrams and scripts) reads a sample of the document's longest
//! lines; when it is unsure, a vote of stopword hits across the embedded
//! stopword lists decides. The result is an ISO 639-1 code where one exists,
//! else the ISO 639-3 code. This module does not score blocks.

use whatlang::Lang;

use crate::lexicon;

pub mod detector;

/// How many characters of the longest lines are fed to the detector.
const SAMPLE_CHARS: usize = 4000;
/// Minimum stopword hits for the stopword vote to name a language.
const MIN_STOPWORD_VOTES: usize = 5;

/// ISO 639-1 code of a `whatlang` language, where one exists.
fn iso639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo", Eng => "en", Rus => "ru", Cmn => "zh", Spa => "es", Por => "pt", Ita => "it",
        Ben => "bn", Fra => "fr", Deu => "de", Ukr => "uk", Kat => "ka", Ara => "ar", Hin => "hi",
        Jpn => "ja", Heb => "he", Yid => "yi", Pol => "pl", Amh => "am", Jav => "jv", Kor => "ko",
        Nob => "nb", Dan => "da", Swe => "sv", Fin => "fi", Tur => "tr", Nld => "nl", Hun => "hu",
        Ces => "cs", Ell => "el", Bul => "bg", Bel => "be", Mar => "mr", Kan => "kn", Ron => "ro",
        Slv => "sl", Hrv => "hr", Srp => "sr", Mkd => "mk", Lit => "lt", Lav => "lv", Est => "et",
        Tam => "ta", Vie => "vi", Urd => "ur", Tha => "th", Guj => "gu", Uzb => "uz", Pan => "pa",
        Aze => "az", Ind => "id", Tel => "te", Pes => "fa", Mal => "ml", Ori => "or", Mya => "my",
        Nep => "ne", Sin => "si", Khm => "km", Aka => "ak", Zul => "zu", Sna => "sn", Afr => "af",
        Lat => "la", Slk => "sk", Cat => "ca", Tgl => "tl", Hye => "hy",
        _ => return None,
    })
}

/// The language of a document given its lines, or `None` when there is too
/// little text to tell.
pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut lines: Vec<&str> = lines.into_iter().collect();
    // Longest lines first (stable, so ties keep document order).
    lines.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut sample = String::new();
    for line in lines {
        if sample.len() >= SAMPLE_CHARS {
            break;
        }
        sample.push_str(line);
        sample.push('\n');
    }
    if let Some(info) = detector::detect(&sample) {
        let code = iso639_1(info.lang());
        if info.is_reliable() {
            return Some(code.map_or_else(|| info.lang().code().to_owned(), str::to_owned));
        }
    }
    stopword_vote(&sample).map(str::to_owned)
}

/// The language whose stopwords occur most often in `text`.
fn stopword_vote(text: &str) -> Option<&'static str> {
    let tokens: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    // Fewer tokens than the votes needed: no language can win, and the
    // stopword sets need not be built.
    if tokens.len() < MIN_STOPWORD_VOTES {
        return None;
    }
    let mut best: Option<(&'static str, usize)> = None;
    for code in lexicon::stopword_languages() {
        let Some(set) = lexicon::stopwords(code) else { continue };
        let hits = tokens.iter().filter(|t| set.contains(t.as_str())).count();
        if best.is_none_or(|(_, b)| hits > b) {
            best = Some((code, hits));
        }
    }
    best.filter(|(_, hits)| *hits >= MIN_STOPWORD_VOTES).map(|(code, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_german() {
        let en = ["Russia has firmly rejected any deployment of NATO troops in Ukraine, with the foreign minister declaring such a move completely unacceptable."];
        assert_eq!(detect(en).as_deref(), Some("en"));
        let de = ["Ende November hat die Parabolrinnenanlage Nummer Eins des Kraftwerks von Shanghai Electric in Dubai erstmals Strom in das Stromnetz eingespeist."];
        assert_eq!(detect(de).as_deref(), Some("de"));
    }

    #[test]
    fn too_little_text_is_none() {
        assert_eq!(detect(["OK"]), None);
    }
}
