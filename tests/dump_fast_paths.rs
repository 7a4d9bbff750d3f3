//! What the fast paths of the dump front end and the block features rely on.

/// `features::text_features` skips the dateline patterns on a text without
/// a digit: every pattern must need one.
#[test]
fn every_dateline_pattern_needs_a_digit() {
    let patterns = include_str!("../data/datelines.txt");
    for p in patterns.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        assert!(p.contains(r"\d"), "{p} has no \\d: drop the digit test in features::text_features");
        // A digit inside an optional group or an alternation would not be needed.
        let d = p.find(r"\d").unwrap_or(0);
        let before = &p[..d];
        assert!(before.matches('(').count() == before.matches(')').count(), "{p}: the first \\d is inside a group");
    }
}

/// Dumps with controls, odd spaces, Markdown links and wrapped lines come
/// out as blocks with the text the slow paths gave.
#[test]
fn dump_blocks_keep_their_text() {
    let dump = "Title\u{a0}here\r\n\r\nSee [the site](https://example.com \"T\") and [more](<b>).\tTab\u{200b}.\n\
                ---\n* [Home](/)\n* [News](/news)\n\nA line with  two  spaces\u{2003}and an em space.\n";
    let blocks = pith::frontend::text::blocks(dump);
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Title here", "See the site and more. Tab.", "Home", "News", "A line with two spaces and an em space."]);
    assert_eq!(blocks[1].shape.links, 2);
    assert_eq!(blocks[1].shape.link_chars, "the site".len() as u32 + "more".len() as u32);
}
