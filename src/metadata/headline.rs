//! The headline block of an HTML page: the heading that repeats the page
//! title is metadata, not content.

use crate::block::{Block, BlockKind, Label, Reason, Verdict};

/// `s`'s letters and digits, lowercased: how a headline is compared with
/// a title whatever its punctuation and spacing.
pub(crate) fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Relabel as `Title` the heading blocks that repeat the page title (the
/// title may carry a site suffix the heading lacks).
pub fn lift_title(blocks: &[Block], title: &str, verdicts: &mut [Verdict]) {
    let t = norm(title);
    if t.len() < 4 {
        return;
    }
    for (b, v) in blocks.iter().zip(verdicts.iter_mut()) {
        if !matches!(b.kind, BlockKind::Heading { .. }) || v.label != Label::Content {
            continue;
        }
        let h = norm(&b.text);
        if h.len() >= 4 && (h == t || (t.starts_with(&h) && h.len() * 2 >= t.len())) {
            *v = Verdict { label: Label::Title, score: v.score, reason: Reason::Metadata };
        }
    }
}

/// Separators between a headline and a site part in `<title>` when a
/// heading of the page already names the headline: wider than
/// [`crate::metadata::TITLE_SEPARATORS`] (which splits a title with no such
/// evidence) by " / ", "_" and " : ", safe here because the heading must
/// match one side exactly.
const HEADLINE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / ", "_", " : "];

/// The page's headline when the title is the headline plus a site part:
/// a level-1 or level-2 heading (`headings`: level and text, in page
/// order) that equals the title's text before (or after) a separator, a
/// level-1 heading before a level-2 one (a blog's name is often an `h2`
/// before the post's `h1`). `None` when no heading says so.
pub fn headline_in_title<S: AsRef<str>>(title: &str, headings: impl IntoIterator<Item = (u8, S)>) -> Option<String> {
    let title = title.trim();
    // A title without a separator holds no headline beside a site part:
    // the headings are not read.
    if !HEADLINE_SEPARATORS.iter().any(|sep| title.contains(sep)) {
        return None;
    }
    headings
        .into_iter()
        .filter_map(|(level, h)| {
            let h = h.as_ref().trim();
            let beside_site_part = h.len() >= 4
                && h.len() < title.len()
                && HEADLINE_SEPARATORS.iter().any(|sep| {
                    title.strip_prefix(h).is_some_and(|rest| rest.starts_with(sep))
                        || title.strip_suffix(h).is_some_and(|rest| rest.ends_with(sep))
                });
            beside_site_part.then(|| (level, h.to_owned()))
        })
        .min_by_key(|(level, _)| *level)
        .map(|(_, h)| h)
}

/// The level and text of `blocks`' level-1 and level-2 headings, for [`headline_in_title`].
pub fn top_headings(blocks: &[Block]) -> impl Iterator<Item = (u8, &str)> {
    blocks.iter().filter_map(|b| match b.kind {
        BlockKind::Heading { level: level @ (1 | 2) } => Some((level, b.text.as_str())),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_found_in_title_with_site_part() {
        let blocks = vec![Block::new("Sourdough starter - normal?", BlockKind::Heading { level: 1 })];
        assert_eq!(
            headline_in_title("Sourdough starter - normal? - Home Bakers Forum", top_headings(&blocks)).as_deref(),
            Some("Sourdough starter - normal?")
        );
        let blocks = vec![Block::new("Reading files", BlockKind::Heading { level: 1 })];
        assert_eq!(headline_in_title("Reading files — Tarn 2.3 documentation", top_headings(&blocks)).as_deref(), Some("Reading files"));
        assert_eq!(headline_in_title("Reading filesystems", top_headings(&blocks)), None);
        let blocks = vec![Block::new("Healthy Eating Plate", BlockKind::Heading { level: 1 })];
        assert_eq!(headline_in_title("Healthy Eating Plate • The Nutrition Source", top_headings(&blocks)).as_deref(), Some("Healthy Eating Plate"));
        let blog = vec![
            Block::new("Notes from the Workshop", BlockKind::Heading { level: 2 }),
            Block::new("Why I stopped using a standing desk", BlockKind::Heading { level: 1 }),
        ];
        let title = "Why I stopped using a standing desk | Notes from the Workshop";
        assert_eq!(headline_in_title(title, top_headings(&blog)).as_deref(), Some("Why I stopped using a standing desk"), "the h1, not the blog's h2");
    }
}
