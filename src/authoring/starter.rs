//! `pith rules new`: a starter rule for a host, drafted from what the
//! heuristics kept and dropped on a sample page, for a person to edit.
//!
//! For a dump it suggests `stop_at` (the first dropped block after the
//! body), `drop` (short blocks dropped inside the body), a commented
//! `start_after` and commented fingerprint candidates (long blocks after
//! the body: check that they name the site, not the article). For HTML it
//! suggests `content` (the innermost element holding every kept block) and
//! `remove` (named elements inside it whose blocks were all dropped). A
//! `[[test]]` case reads the sample. The draft always compiles; with no
//! sample it is a commented skeleton.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use super::names::{named, SEMANTIC_TAGS};
use crate::block::Label;
use crate::extractor::Analysis;
use crate::frontend::html::{walk, Page, WalkOptions};
use crate::input::{sniff, InputFormat};
use crate::rules::load::{compile, Source};
use crate::rules::model::{collapse, Origin, Rule};
use crate::rules::RuleSet;
use crate::{Extractor, ExtractorOptions};

/// Blocks of at most this many words are quoted whole; longer ones by their start.
const WHOLE_WORDS: usize = 12;
/// Words quoted from the start of a longer block.
const START_WORDS: usize = 8;
/// At most this many `drop`/`remove` suggestions.
const MAX_SUGGESTIONS: usize = 8;
/// Fingerprint candidates listed, and the words a candidate needs.
const FINGERPRINT_CANDIDATES: usize = 3;
const FINGERPRINT_MIN_WORDS: u32 = 12;
/// Words of a sentence a drafted test quotes: fewer would be no
/// sentence (a caption, a label), more a paragraph.
const PROSE_MIN_WORDS: usize = 6;
const PROSE_MAX_WORDS: usize = 60;
/// Words quoted from the sentence (its start: a test needs no more).
const PROSE_QUOTED_WORDS: usize = 12;
/// Parent levels added to make a `content` selector unique.
const MAX_SELECTOR_DEPTH: usize = 4;

/// A sample page for the draft.
#[derive(Debug, Clone, Copy)]
pub struct Sample<'a> {
    pub bytes: &'a [u8],
    /// The sample's path as a `[[test]]` `file` (relative to the rule's folder).
    pub test_file: &'a str,
}

/// Draft the rule for `host` (its TOML text). `url` goes into the test case
/// (default `https://HOST/`). A draft from a sample is checked before it is
/// returned: run on the sample, it passes its own `[[test]]` and keeps
/// every paragraph the heuristics keep; a suggestion that breaks that is
/// left out (commented, with the reason).
pub fn draft(host: &str, sample: Option<Sample>, url: Option<&str>) -> Result<String, String> {
    let url = url.map_or_else(|| format!("https://{host}/"), str::to_owned);
    let head = format!(
        "# Starter rule for {host}, written by `pith rules new`. Edit it, then run\n\
         # `pith rules check DIR` and `pith rules test DIR`. Use the site's wording\n\
         # (widget headings, footer blurbs), never sentences of one article.\n\
         hosts = [{}]\n",
        q(host)
    );
    let Some(sample) = sample else {
        let s = format!("{head}{SKELETON}");
        compile(&source(host, &s)).map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
        return Ok(s);
    };
    let extractor = Extractor::new(ExtractorOptions { rules: false, ..ExtractorOptions::default() });
    let a = extractor.analyze(sample.bytes, Some(&url)).map_err(|e| format!("cannot extract the sample: {e}"))?;
    let mut body = String::new();
    let mut excludes = match sniff(sample.bytes) {
        InputFormat::Html => html_part(&mut body, sample.bytes, &a),
        _ => text_part(&mut body, &a),
    };
    let kept: Vec<&str> =
        a.blocks.iter().zip(&a.verdicts).filter(|(_, v)| v.label == Label::Content).map(|(b, _)| b.text.as_str()).collect();
    // An exclude must not be part of the kept text (a caption that starts a paragraph).
    let kept_text = collapse(&kept.join(" "));
    excludes.retain(|e| !kept_text.contains(&collapse(e)));
    excludes.truncate(FINGERPRINT_CANDIDATES);
    let contains = prose(&kept);
    let test = format!(
        "\n[[test]]\nfile = {}\nurl = {}\ncontains = {}\nexcludes = {}\n",
        q(sample.test_file),
        q(&url),
        list(&contains),
        list(&excludes)
    );
    // The suggestions as drafted, then without them (commented out).
    let mut last_failure = String::new();
    for variant in [body.clone(), comment_out(&body, "left out: with it, the draft failed its check on the sample")] {
        let s = format!("{head}{variant}{test}");
        let rule = compile(&source(host, &s)).map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
        match check(rule, sample.bytes, &url, &a.document.text) {
            Ok(()) => return Ok(s),
            Err(why) => last_failure = why,
        }
    }
    Err(format!("the draft does not pass its own test on the sample: {last_failure}"))
}

fn source(host: &str, text: &str) -> Source {
    Source { file: format!("{host}.toml"), name: host.to_owned(), text: text.to_owned(), dir: ".".into(), origin: Origin::User }
}

/// Run a drafted rule on its sample: its tests pass, and every paragraph
/// of `heuristic_text` (what the page gives without rules) is kept.
fn check(rule: Rule, bytes: &[u8], url: &str, heuristic_text: &str) -> Result<(), String> {
    let set = RuleSet::from_rules(vec![vec![rule.clone()]]).map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))?;
    let extractor = Extractor::with_rules(ExtractorOptions::default(), set);
    let doc = extractor.extract(bytes, Some(url)).map_err(|e| format!("extraction failed: {e}"))?;
    if doc.rule.as_deref() != Some(rule.name.as_str()) {
        return Err("the rule did not apply".to_owned());
    }
    let text = collapse(&doc.text);
    for t in &rule.tests {
        if let Some(s) = t.contains.iter().find(|s| !text.contains(&collapse(s))) {
            return Err(format!("missing: {s:?}"));
        }
        if let Some(s) = t.excludes.iter().find(|s| text.contains(&collapse(s))) {
            return Err(format!("kept: {s:?}"));
        }
    }
    match heuristic_text.lines().map(collapse).find(|l| !l.is_empty() && !text.contains(l.as_str())) {
        Some(lost) => Err(format!("the heuristics keep {:?}, the rule drops it", start(&lost))),
        None => Ok(()),
    }
}

/// The directive lines of a drafted body commented out, with a note.
fn comment_out(body: &str, note: &str) -> String {
    let mut out = String::new();
    let mut noted = false;
    for line in body.lines() {
        let directive = !line.is_empty() && !line.starts_with('#') && !line.starts_with('[');
        if directive && !noted {
            let _ = writeln!(out, "# {note}");
            noted = true;
        }
        let _ = writeln!(out, "{}{line}", if directive { "# " } else { "" });
    }
    out
}

/// Sentences of the kept text a test can hold on to: prose (words, no
/// figures, prices or dates that change), from the first and the last
/// kept blocks that have one; the start of the first kept block when none.
fn prose(kept: &[&str]) -> Vec<String> {
    let sentence = |t: &str| -> Option<String> {
        t.split_inclusive(['.', '!', '?'])
            .map(str::trim)
            .find(|s| {
                let words = s.split_whitespace().count();
                (PROSE_MIN_WORDS..=PROSE_MAX_WORDS).contains(&words)
                    && s.chars().next().is_some_and(char::is_uppercase)
                    && !s.chars().any(|c| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '%' | '@' | '|'))
            })
            .map(|s| s.split_whitespace().take(PROSE_QUOTED_WORDS).collect::<Vec<_>>().join(" "))
    };
    let mut out: Vec<String> = kept.iter().find_map(|t| sentence(t)).into_iter().chain(kept.iter().rev().find_map(|t| sentence(t))).collect();
    out.dedup();
    if out.is_empty() {
        out.extend(kept.first().map(|t| start(t)));
    }
    out
}

const SKELETON: &str = "\
# fingerprints = [\"a sentence of the site's footer\"]   # for dumps with no URL
# heuristics = true

[html]
# content = [\"article .entry-content\"]
# remove = [\".share-buttons\", \".related-posts\"]
# title = \"h1\"
# author = { selector = \"meta[name=author]\", attribute = \"content\" }
# date = { selector = \"time\", attribute = \"datetime\" }

[text]
# start_after = [\"Skip to content\"]
# stop_at = [\"Related articles\"]
# drop = [\"Advertisement\", { line = \"More from the site\", after = 3 }]
";

/// Suggestions for a dump; returns texts the test should exclude.
fn text_part(s: &mut String, a: &Analysis) -> Vec<String> {
    let kept: Vec<usize> = (0..a.blocks.len()).filter(|&i| a.verdicts[i].label != Label::Boilerplate).collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        s.push_str("# The heuristics kept nothing on the sample: no suggestion.\n");
        return Vec::new();
    };
    let text = |i: usize| a.blocks[i].text.as_str();
    let dropped = |i: &usize| a.verdicts[*i].label == Label::Boilerplate;
    let mut candidates: Vec<usize> = (last + 1..a.blocks.len()).filter(|&i| a.features[i].words >= FINGERPRINT_MIN_WORDS).collect();
    candidates.sort_by_key(|&i| std::cmp::Reverse(a.features[i].words));
    s.push_str("# Fingerprints identify the site in dumps with no URL; candidates from the\n# page's end (keep one that names the site):\n");
    for &i in candidates.iter().take(FINGERPRINT_CANDIDATES) {
        let _ = writeln!(s, "# fingerprints = [{}]", q(&start(text(i))));
    }
    s.push_str("\n[text]\n");
    if let Some(i) = first.checked_sub(1) {
        let _ = writeln!(s, "# start_after = [{}]   # the block before the body", pattern(text(i)));
    }
    let mut excludes = Vec::new();
    if last + 1 < a.blocks.len() {
        let _ = writeln!(s, "stop_at = [{}]   # the first block after the body", pattern(text(last + 1)));
        excludes.push(start(text(last + 1)));
    }
    let mut seen = BTreeSet::new();
    let drops: Vec<usize> =
        (first..last).filter(dropped).filter(|&i| seen.insert(text(i).to_owned())).take(MAX_SUGGESTIONS).collect();
    if !drops.is_empty() {
        s.push_str("drop = [   # blocks dropped inside the body\n");
        for &i in &drops {
            let _ = writeln!(s, "    {},", pattern(text(i)));
            excludes.push(start(text(i)));
        }
        s.push_str("]\n");
    }
    excludes
}

/// Suggestions for an HTML page; returns texts the test should exclude.
fn html_part(s: &mut String, bytes: &[u8], a: &Analysis) -> Vec<String> {
    s.push_str("\n[html]\n");
    let decoded = crate::decode::decode_html(bytes, None);
    let doc = Html::parse_document(&decoded.text);
    let page = walk(&doc, WalkOptions { markdown: false, links: false });
    let same = page.blocks.len() == a.blocks.len() && page.blocks.iter().zip(&a.blocks).all(|(x, y)| x.text == y.text);
    if !same {
        s.push_str("# The heuristics read this page through a fallback (noscript or JSON-LD): no suggestion.\n");
        return Vec::new();
    }
    let kept: Vec<usize> = (0..a.blocks.len()).filter(|&i| a.verdicts[i].label != Label::Boilerplate).collect();
    let Some(content) = common_region(&page, &kept) else {
        s.push_str("# The heuristics kept nothing on the sample: no suggestion.\n");
        return Vec::new();
    };
    if content != 0 {
        let sel = unique_selector(&doc, page.nodes[content]);
        // A chain of bare tags (`body > div > div`) breaks with the next redesign.
        if sel.contains(['#', '.', '[']) || SEMANTIC_TAGS.contains(&sel.as_str()) {
            let _ = writeln!(s, "content = [{}]   # the innermost element holding every kept block", q(&sel));
        } else {
            let _ = writeln!(s, "# content = [{}]   # the element holding every kept block has no stable name (id, class, itemprop): name it by hand", q(&sel));
        }
    }
    // Named elements inside the content whose blocks were all dropped.
    let region = &page.regions[content];
    let mut seen = BTreeSet::new();
    let mut excludes = Vec::new();
    let mut removes = Vec::new();
    for r in content + 1..page.regions.len() {
        let reg = &page.regions[r];
        let inside = reg.first_block >= region.first_block && reg.end_block <= region.end_block;
        let blocks = reg.first_block as usize..reg.end_block as usize;
        let all_dropped = !blocks.is_empty() && blocks.clone().all(|i| a.verdicts[i].label == Label::Boilerplate);
        let parent_dropped = {
            let p = reg.parent as usize;
            p != content && p > content && seen.contains(&p)
        };
        if !inside || !all_dropped || parent_dropped {
            continue;
        }
        if let Some(sel) = element(&doc, page.nodes[r]).and_then(|el| named(&el)) {
            seen.insert(r);
            if !removes.contains(&sel) && removes.len() < MAX_SUGGESTIONS {
                excludes.push(start(&a.blocks[blocks.start].text));
                removes.push(sel);
            }
        }
    }
    if !removes.is_empty() {
        let _ = writeln!(s, "remove = {}   # named elements whose text the heuristics dropped", list(&removes));
    }
    s.push_str("# title = \"h1\"\n# author = { selector = \"meta[name=author]\", attribute = \"content\" }\n");
    excludes
}

/// The deepest region holding every block of `blocks`.
fn common_region(page: &Page, blocks: &[usize]) -> Option<usize> {
    let (first, last) = (*blocks.first()?, *blocks.last()?);
    let mut r = page.blocks[first].shape.region as usize;
    loop {
        let reg = page.regions.get(r)?;
        if reg.first_block as usize <= first && reg.end_block as usize > last {
            return Some(r);
        }
        if r == 0 {
            return Some(0);
        }
        r = reg.parent as usize;
    }
}

fn element(doc: &Html, id: NodeId) -> Option<ElementRef<'_>> {
    doc.tree.get(id).and_then(ElementRef::wrap)
}

/// A selector for the element: its own name, with parents' until unique.
fn unique_selector(doc: &Html, id: NodeId) -> String {
    let Some(el) = element(doc, id) else { return "body".to_owned() };
    let unique = |sel: &str| Selector::parse(sel).is_ok_and(|s| doc.select(&s).count() == 1);
    let tag = el.value().name();
    // The page's one <article> or <main> is named by its tag alone.
    if SEMANTIC_TAGS.contains(&tag) && unique(tag) {
        return tag.to_owned();
    }
    let mut sel = named(&el).unwrap_or_else(|| tag.to_owned());
    let mut current = el;
    for _ in 0..MAX_SELECTOR_DEPTH {
        if unique(&sel) {
            break;
        }
        let Some(parent) = current.parent().and_then(ElementRef::wrap) else { break };
        sel = format!("{} > {sel}", named(&parent).unwrap_or_else(|| parent.value().name().to_owned()));
        current = parent;
    }
    sel
}

/// A pattern for a block: the whole text when short, else its start.
fn pattern(text: &str) -> String {
    if text.split_whitespace().count() <= WHOLE_WORDS {
        q(text)
    } else {
        format!("{{ contains = {} }}", q(&start(text)))
    }
}

/// The first words of a text.
fn start(text: &str) -> String {
    text.split_whitespace().take(START_WORDS).collect::<Vec<_>>().join(" ")
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_skips_figures_and_short_lines() {
        let kept = ["Price: $4.99 a month", "Updated 14:05", "Farmers in the valley say the rivers are low. More text here now."];
        assert_eq!(prose(&kept), ["Farmers in the valley say the rivers are low."]);
    }

    #[test]
    fn a_suggestion_that_fails_the_check_is_commented_out() {
        let body = "\n[html]\ncontent = [\"div.x\"]\n# title = \"h1\"\n";
        assert_eq!(comment_out(body, "n"), "\n[html]\n# n\n# content = [\"div.x\"]\n# title = \"h1\"\n");
    }

    #[test]
    fn skeleton_compiles() {
        let t = draft("example.com", None, None).expect("compiles");
        assert!(t.contains("hosts = [\"example.com\"]"));
    }

    #[test]
    fn dump_suggestions_drop_widgets_and_stop_after_the_body() {
        let dump = "Home\nNews\nSport\n\nThe minister said on Tuesday that the plan, which had been discussed for months, \
                    would go ahead in the spring.\n\nShare this article\n\nOfficials added that the money would come \
                    from the regional budget and that work would start soon.\n\nRelated stories\n\nAnother story\n";
        let t = draft("example.com", Some(Sample { bytes: dump.as_bytes(), test_file: "x.txt" }), None).expect("compiles");
        assert!(t.contains("stop_at = [\"Related stories\"]"), "{t}");
        assert!(t.contains("\"Share this article\","), "{t}");
        assert!(t.contains("contains = [\"The minister said on Tuesday that the plan, which had been discussed\""), "{t}");
    }

    #[test]
    fn html_suggestions_name_the_content_and_widgets() {
        let html = "<html><body><nav class=menu><a href=/>Home</a> <a href=/n>News</a></nav><div class=page>\
                    <article class=story><p>The minister said on Tuesday that the plan, which had been discussed for months, \
                    would go ahead in the spring and that it would cost less than expected.</p>\
                    <div class=share-bar><a href=/s>Share on Facebook</a> <a href=/t>Tweet</a></div>\
                    <p>Officials added that the money would come from the regional budget and that work would start soon \
                    after the elections in the autumn.</p></article></div></body></html>";
        let t = draft("example.com", Some(Sample { bytes: html.as_bytes(), test_file: "x.html" }), None).expect("compiles");
        assert!(t.contains("content = [\"article\"]"), "the page's one <article>: {t}");
        assert!(t.contains("remove = [\"div.share-bar\"]"), "{t}");
    }
}
