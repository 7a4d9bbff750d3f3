//! An HTML page's authors, chosen by a learned ranker among the lists of
//! people its sources give.
//!
//! The trust order of [`super::authors`] takes the first source that names
//! anyone (JSON-LD, `<meta>` keys, a Twitter card, the DOM's author markup,
//! the byline by the headline, then a name beside the date, a thread's
//! first poster, a declared organisation). Here every distinct list of
//! people a source gives (without the site's own name, and with it), and
//! the desks the page names as author ("The Investopedia Team", "By the
//! Lavazza Team", which the trust order drops for a role word), is a candidate,
//! described by [`COLUMNS`] numbers (which sources give it, whether the
//! trust order chose it, the names' shape, how many other lists share a
//! name with it) and a forest trained by `scripts/train-html-metadata --field
//! author` scores it. Below [`MIN_PROBABILITY`] the trust order's authors
//! stand.
//!
//! It reads what `super::authors` reads; it does not look for new names.
//! The links to author pages were measured out of fold (session 26): a
//! right candidate on 204 -> 208 of trafilatura-dev's 281 pages, 317 -> 321
//! of wcxb-dev's 370 and 304 -> 308 of held-back wcxb-rest's 369; authors
//! right at [`MIN_PROBABILITY`] 196 -> 199, 310 -> 312 and 301 -> 303
//! (nine forests each; readability-dev 44 either way).
//! The desks were measured out of fold (session 23): a right candidate on
//! 311 -> 317 of wcxb-dev's 370 pages and 294 -> 304 of held-back
//! wcxb-rest's 369, authors right 303 -> 309 and 290 -> 301 at
//! [`MIN_PROBABILITY`], trafilatura-dev and readability-dev unchanged.

use super::authors::{is_handle, AuthorSources};
use super::{dedupe, norm};
use crate::learned::vector::flag;
use crate::metadata::dump::GIVEN_NAMES;
use crate::metadata::headline::norm as letters;

/// The sources a list may come from, in the trust order's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Ld = 0,
    Meta = 1,
    Card = 2,
    Dom = 3,
    Byline = 4,
    /// Links to the people's own pages (`AuthorSources::profile`).
    Profile = 5,
    DateLine = 6,
    Poster = 7,
    Organisation = 8,
    /// Not a trust-order source: a desk or role the page declares (`AuthorSources::desks`).
    Desk = 9,
    /// Not a trust-order source: a handle a byline marks up (`AuthorSources::byline_handle`).
    BylineHandle = 10,
}
/// Number of [`Source`]s.
const SOURCES: usize = 11;

/// The ranker's probability below which its best candidate is not taken
/// and the trust order's authors stand. Out-of-fold sweep
/// (`scripts/train-html-metadata --field author`; authors right,
/// trafilatura-dev / wcxb-dev / readability-dev of 281 / 370 / 53, and
/// wcxb-rest of 369 held back), with the declared desks
/// ([`Source::Desk`], session 23): the trust order alone 193 / 294 / 45 /
/// 275; always the ranker 196 / 311 / 44 / 301; from 0.4 196 / 311 / 44 /
/// 301; 0.5 196 / 309 / 44 / 301; 0.7 196 / 306 / 44 / 295; 0.8 197 / 304 /
/// 44 / 289. Pages whose truth says there is no author given one: 58 / 62
/// / 3 / 56 by the trust order, 62 / 66 / 3 / 61 from 0.5. Without the
/// desks (session 21), from 0.5: 196 / 303 / 44 / 290. With the links to
/// author pages ([`Source::Profile`]) and nine forests averaged (session
/// 26, co-authors' links wrapped alone read too): the trust order alone 196 /
/// 297 / 45 / 281; always the ranker 199 / 314 / 44 / 302; 0.4 199 / 313 /
/// 44 / 302; 0.5 199 / 312 / 44 / 303; 0.7 198 / 311 / 44 / 297; 0.8 199 /
/// 307 / 44 / 293; given one where the truth has none, 58 / 65 / 3 / 60 by
/// the trust order, 62 / 69 / 3 / 65 from 0.5. With a thread's poster in
/// schema.org microdata or a class ending in `username`, and the authors of
/// a page's `<noscript>` markup when it stands in (session 27): the trust
/// order alone 196 / 302 / 45 / 286; always the ranker 199 / 319 / 44 /
/// 304; 0.4 199 / 318 / 44 / 304; 0.5 199 / 318 / 44 / 304; 0.7 199 / 315
/// / 44 / 300; 0.8 199 / 314 / 44 / 299; given one where the truth has
/// none 62 / 70 / 3 / 66 from 0.5. With a byline's line and the handles
/// bylines mark up ([`Source::BylineHandle`], session 29): the trust order
/// alone 197 / 305 / 46 / 286; always the ranker 203 / 325 / 46 / 305; 0.4
/// 202 / 324 / 46 / 305; 0.5 202 / 324 / 46 / 305; 0.7 201 / 320 / 46 / 303;
/// 0.8 198 / 319 / 46 / 302; given one where the truth has none 62 / 70 / 3
/// / 71 from 0.5.
pub const MIN_PROBABILITY: f32 = 0.5;

/// Column names, in row order; the model file names the columns it was
/// trained on and loading checks them against these.
pub const COLUMNS: &[&str] = &[
    "ld",
    "meta",
    "card",
    "dom",
    "byline",
    "profile",
    "date_line",
    "poster",
    "organisation",
    "sources",
    "meta_keys",
    "trusted",
    "trust_rank",
    "names",
    "words_max",
    "words_min",
    "chars_log",
    "handle",
    "digits",
    "all_upper",
    "lower_start",
    "given_name",
    "shared",
    "candidates",
    "discussion",
    "trusted_empty",
    "site",
    "desk",
    "byline_handle",
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

// `RANKER`: the trees of data/model/html_author.json as code.
crate::metadata::ranker::built_in_ranker!("html_author_trees.rs");

/// A candidate list of people and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorCandidate {
    pub names: Vec<String>,
    pub row: [f32; WIDTH],
}

/// Every list of people the page's sources give, without the site's own
/// name, with its row; `trusted` is the trust order's list.
pub(super) fn candidates(s: &AuthorSources, sites: &[String], trusted: &[String]) -> Vec<AuthorCandidate> {
    let mut lists: Vec<(Vec<String>, [bool; SOURCES], u32)> = Vec::new();
    // Each source's list without the site's name (as the trust order reads
    // it) and, when that differs, with it (the site is sometimes the author).
    let mut add = |raw: &[String], source: Source| {
        let without_site = dedupe(raw.iter().filter(|n| !sites.contains(&norm(n))).cloned());
        let with_site = dedupe(raw.iter().cloned());
        let both = if without_site == with_site { vec![with_site] } else { vec![without_site, with_site] };
        for names in both.into_iter().filter(|l| !l.is_empty()) {
            let at = match lists.iter().position(|(l, _, _)| *l == names) {
                Some(at) => at,
                None => {
                    lists.push((names, [false; SOURCES], 0));
                    lists.len() - 1
                }
            };
            lists[at].1[source as usize] = true;
            if source == Source::Meta {
                lists[at].2 += 1;
            }
        }
    };
    add(&s.ld, Source::Ld);
    for names in &s.meta {
        add(names, Source::Meta);
    }
    add(&s.card, Source::Card);
    add(&s.dom, Source::Dom);
    add(&s.byline, Source::Byline);
    add(&s.profile, Source::Profile);
    add(&s.date_line, Source::DateLine);
    if let Some(poster) = &s.poster {
        add(std::slice::from_ref(poster), Source::Poster);
    }
    add(&s.organisations, Source::Organisation);
    add(&s.desks, Source::Desk);
    add(&s.byline_handle, Source::BylineHandle);
    let folded: Vec<Vec<String>> = lists.iter().map(|(l, _, _)| l.iter().map(|n| norm(n)).collect()).collect();
    let count = lists.len();
    lists
        .iter()
        .enumerate()
        .map(|(k, (names, sources, meta_keys))| {
            let words: Vec<usize> = names.iter().map(|n| n.split_whitespace().count()).collect();
            let joined = names.join("; ");
            let first_word = names.first().and_then(|n| n.split_whitespace().next()).unwrap_or("");
            let shared = (0..count).filter(|&j| j != k && folded[j].iter().any(|n| folded[k].contains(n))).count();
            let row = [
                flag(sources[Source::Ld as usize]),
                flag(sources[Source::Meta as usize]),
                flag(sources[Source::Card as usize]),
                flag(sources[Source::Dom as usize]),
                flag(sources[Source::Byline as usize]),
                flag(sources[Source::Profile as usize]),
                flag(sources[Source::DateLine as usize]),
                flag(sources[Source::Poster as usize]),
                flag(sources[Source::Organisation as usize]),
                sources.iter().filter(|x| **x).count() as f32,
                *meta_keys as f32,
                flag(names.as_slice() == trusted),
                sources.iter().position(|x| *x).unwrap_or(SOURCES) as f32,
                names.len() as f32,
                words.iter().copied().max().unwrap_or(0) as f32,
                words.iter().copied().min().unwrap_or(0) as f32,
                (joined.chars().count() as f32).ln_1p(),
                flag(names.iter().all(|n| is_handle(n))),
                flag(joined.chars().any(|c| c.is_ascii_digit())),
                flag(joined.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)),
                flag(joined.starts_with(char::is_lowercase)),
                flag(GIVEN_NAMES.contains(first_word.to_lowercase().as_str())),
                shared as f32,
                count as f32,
                flag(s.discussion),
                flag(trusted.is_empty()),
                flag(names.iter().any(|n| sites.contains(&norm(n)))),
                flag(sources[Source::Desk as usize]),
                flag(sources[Source::BylineHandle as usize]),
            ];
            AuthorCandidate { names: names.clone(), row: row.map(|v| if v.is_finite() { v } else { 0.0 }) }
        })
        .collect()
}

/// The candidate the built-in ranker names when its probability is at
/// least [`MIN_PROBABILITY`] and it names someone the trust order's list
/// (`trusted`) does not: a list that only says the same people in more
/// words ("Giulia Romano in Milan" for "Giulia Romano") leaves the trust
/// order's, which is the cleaner. A name that spells out the trust order's
/// account name ("Arian Schlichenmayer" for "arianschlichenmayer") is the
/// cleaner one, and is taken.
pub(super) fn pick<'c>(candidates: &'c [AuthorCandidate], trusted: &[String]) -> Option<(&'c AuthorCandidate, f32)> {
    RANKER
        .best(COLUMNS, candidates.iter().collect(), |c| c.row)
        .filter(|(_, p)| *p >= MIN_PROBABILITY)
        .filter(|(c, _)| c.names != trusted && (!says_the_same_people(&c.names, trusted) || spells_out_an_account(&c.names, trusted)))
}

/// Whether `names` is one name of several words whose letters and digits
/// are those of `trusted`'s one word, case aside: the display name of an
/// account name ("Robert Stitz" of "robert.stitz", "Matt Brooks" of
/// "Matt_Brooks").
fn spells_out_an_account(names: &[String], trusted: &[String]) -> bool {
    match (names, trusted) {
        ([name], [account]) => {
            name.split_whitespace().nth(1).is_some() && account.split_whitespace().nth(1).is_none() && letters(name) == letters(account)
        }
        _ => false,
    }
}

/// Whether every name of `trusted` (there is one) is written in `names`
/// (case and spaces aside).
fn says_the_same_people(names: &[String], trusted: &[String]) -> bool {
    let said = norm(&names.join(" "));
    !trusted.is_empty() && trusted.iter().all(|t| said.contains(&norm(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_ranker_reproduces_the_trainer_compiled_and_interpreted() {
        let (json, fixture) = (include_str!("../../../data/model/html_author.json"), include_str!("../../../tests/fixtures/model/html_author.check.jsonl"));
        crate::metadata::ranker::check_against_trainer(&RANKER, COLUMNS, json, fixture);
    }

    #[test]
    fn every_source_gives_a_list_with_its_flags() {
        let html = r#"<html><head><title>Storm closes roads | Daily Planet</title>
            <meta property="og:site_name" content="Daily Planet">
            <meta name="author" content="Daily Planet">
            <script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Doe"}}</script></head>
            <body><h1>Storm closes roads</h1><p class="byline">By John Roe</p><p>The storm closed three roads.</p></body></html>"#;
        let m = crate::metadata::html::from_html(&scraper::Html::parse_document(html), None);
        let col = |c: &AuthorCandidate, name: &str| c.row[COLUMNS.iter().position(|n| *n == name).expect("a column")];
        let lists: Vec<String> = m.author_candidates.iter().map(|c| c.names.join("; ")).collect();
        assert!(lists.contains(&"Jane Doe".to_owned()) && lists.contains(&"John Roe".to_owned()), "{lists:?}");
        let ld = m.author_candidates.iter().find(|c| c.names == ["Jane Doe"]).expect("JSON-LD's list");
        assert_eq!((col(ld, "ld"), col(ld, "trusted"), col(ld, "trust_rank")), (1.0, 1.0, 0.0));
        let site = m.author_candidates.iter().find(|c| c.names == ["Daily Planet"]).expect("the site's name, kept as a candidate");
        assert_eq!((col(site, "site"), col(site, "trusted")), (1.0, 0.0));
    }

    #[test]
    fn a_list_saying_the_same_people_in_more_words_is_not_taken() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let trusted = names(&["Giulia Romano", "Pablo Ortega"]);
        assert!(says_the_same_people(&names(&["Giulia Romano in Milan", "Pablo Ortega in Zaragoza"]), &trusted));
        assert!(!says_the_same_people(&names(&["Giulia Romano"]), &trusted), "a co-author missing");
        assert!(!says_the_same_people(&names(&["Ana Lima"]), &[]), "the trust order named no one");
    }

    #[test]
    fn a_display_name_spelling_out_the_account_name_is_taken() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for account in ["arianschlichenmayer", "arian.schlichenmayer", "Arian_Schlichenmayer"] {
            assert!(spells_out_an_account(&names(&["Arian Schlichenmayer"]), &names(&[account])), "{account}");
        }
        assert!(!spells_out_an_account(&names(&["Arian Schlichenmayer in Basel"]), &names(&["arianschlichenmayer"])), "more words than the account");
        assert!(!spells_out_an_account(&names(&["Giulia Romano"]), &names(&["Giulia Romano"])), "no account name: the same name");
        assert!(!spells_out_an_account(&names(&["Ana Lima", "Bo Berg"]), &names(&["analima"])), "a list of people");
    }
}
