//! Title and author of text dumps through the public API, on small
//! hand-written dumps, with the default scorer and the heuristics (a dump's
//! metadata is read the same way under both): the Markdown `# h1`, a first
//! line that reads as the page's `<title>`, a name alone on its line.

use pith::{Document, Extractor, ExtractorOptions, Scorer};

const P1: &str = "The city council voted on Tuesday evening to extend the riverside cycle path by another \
four kilometres, a project that residents of the eastern districts have been demanding for more than a decade.";
const P2: &str = "Construction is expected to begin in the spring and should be finished before the end of \
next year, according to the head of the transport department, who presented the plans to the council.";
const P3: &str = "Several councillors raised concerns about the cost, which has grown from an early estimate \
of twelve million to almost eighteen million, but the motion was carried by a comfortable majority.";
const P4: &str = "Local shop owners along the route said they were hopeful that the new path would bring more \
visitors to the area, although some worried about the loss of parking spaces during the works.";

const HEADLINE: &str = "City council backs longer riverside cycle path";

/// The document under each scorer; their metadata must agree.
fn extract(dump: &str) -> Document {
    let options = |scorer| ExtractorOptions { rules: false, scorer, ..Default::default() };
    let doc = Extractor::new(options(Scorer::default())).extract(dump.as_bytes(), None).expect("a text dump extracts");
    let heuristics = Extractor::new(options(Scorer::Heuristic)).extract(dump.as_bytes(), None).expect("a text dump extracts");
    assert_eq!(doc.metadata.title, heuristics.metadata.title);
    assert_eq!(doc.metadata.author, heuristics.metadata.author);
    doc
}

fn dump(parts: &[&str]) -> String {
    let mut s = parts.join("\n\n");
    s.push('\n');
    s
}

/// Short link-free lines between the headline and the story: more than the
/// few blocks before the body where a headline is looked for.
const SHARE_STRIP: [&str; 10] =
    ["Share", "Tweet", "Email", "Print", "Save", "Listen", "Comments", "Gift", "Follow", "Subscribe"];

#[test]
fn markdown_h1_is_the_title_wherever_the_body_starts() {
    let h1 = format!("# [{HEADLINE}](https://example.org/news/cycle-path)");
    let mut parts = vec!["Riverside Gazette", h1.as_str()];
    parts.extend(SHARE_STRIP);
    parts.extend([P1, P2, P3, P4]);
    assert_eq!(extract(&dump(&parts)).metadata.title.as_deref(), Some(HEADLINE));
}

#[test]
fn a_code_comment_after_the_story_is_not_the_title() {
    let doc = extract(&dump(&["## Cycle path", P1, P2, "# desktop user-agent", P3, P4]));
    assert_ne!(doc.metadata.title.as_deref(), Some("desktop user-agent"));
}

#[test]
fn a_first_line_that_reads_as_the_title_beats_a_line_by_the_body() {
    let first = format!("{HEADLINE} | Riverside Gazette");
    let mut parts = vec![first.as_str(), HEADLINE];
    parts.extend(SHARE_STRIP);
    parts.extend(["Weather warning for the whole valley", "By Jane Doe", P1, P2, P3, P4]);
    let doc = extract(&dump(&parts));
    assert_eq!(doc.metadata.title.as_deref(), Some(HEADLINE));
}

#[test]
fn a_site_banner_on_the_first_line_does_not_replace_the_headline() {
    // "Riverside Gazette | Local news" is the site's banner: its longest part
    // never stands on a line of its own, so the headline over the byline stays.
    let doc = extract(&dump(&["Riverside Gazette | Local news for the valley", HEADLINE, "By Jane Doe", P1, P2, P3, P4]));
    assert_eq!(doc.metadata.title.as_deref(), Some(HEADLINE));
}

#[test]
fn a_name_alone_under_the_headline_is_the_author() {
    let doc = extract(&dump(&[HEADLINE, "Christoph Hein", P1, P2, P3, P4]));
    assert_eq!(doc.metadata.author.as_deref(), Some("Christoph Hein"));
}

#[test]
fn capitalised_words_that_are_not_a_name_are_no_author() {
    for line in ["Related Videos", "Neueste Kommentare", "Google Chrome"] {
        let doc = extract(&dump(&[HEADLINE, line, P1, P2, P3, P4]));
        assert_eq!(doc.metadata.author, None, "{line}");
    }
}
