//! The date line just above an HTML page's main text: the last resort for
//! a publication date.
//!
//! A page whose markup dates nothing (no JSON-LD, `<meta>`, microdata,
//! URL or `<time>` date, no date-marked element by a headline) often still
//! prints its date on a line of its own right before its story ("Monday,
//! September 8, 2008"), the block stage one drops as a dateline. This
//! module reads the few blocks before the first kept one, nearest first,
//! for such a line. It is asked only when every other source is silent and
//! only for articles and threads (a product's "Released 21 Aug, 2012" is
//! not the page's date), so it changes no date the sources give. It does
//! not read dates inside or after the main text (a comment's, a related
//! story's, a footer's), nor a line saying its date is an update, nor a
//! linked date.

use crate::block::{Block, Label, Verdict};
use crate::features::BlockFeatures;
use crate::metadata::date::find_date;
use crate::metadata::dump_date::says_updated;

/// Blocks read above the first kept one. Session 35, on the pages of the
/// four HTML dev sets where pith gave no date (score.py `--url-flag=--url`):
/// 16 dated pages print a full date somewhere; on 6 it stood at most three
/// lines above the main text's first line, on the others far from it.
pub const BLOCKS_ABOVE: usize = 3;

/// A date line that is mostly a link is another page's date (a news
/// item's, an update's), not this page's: on wcxb-dev a game's store page
/// took its latest update's linked date.
pub const MAX_LINK_DENSITY: f32 = 0.5;

/// The date of a dateline (stage one's `dateline` feature: a line holding
/// only a date, time or reading time) among the [`BLOCKS_ABOVE`] blocks
/// before the page's first kept block (content, title or byline), nearest
/// first, as `YYYY-MM-DD`; not one that says it is an update, nor a link.
pub fn above_main_text(blocks: &[Block], feats: &[BlockFeatures], verdicts: &[Verdict]) -> Option<String> {
    let first = verdicts.iter().position(|v| v.label != Label::Boilerplate)?;
    let above = first.min(blocks.len()).min(feats.len());
    (above.saturating_sub(BLOCKS_ABOVE)..above)
        .rev()
        .filter(|&i| feats[i].dateline && feats[i].link_density < MAX_LINK_DENSITY && !says_updated(&blocks[i].text.to_lowercase()))
        .find_map(|i| find_date(&blocks[i].text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::{BlockKind, Reason};
    use crate::features::document_features;

    fn page(lines: &[(&str, bool)]) -> (Vec<Block>, Vec<BlockFeatures>, Vec<Verdict>) {
        let blocks: Vec<Block> = lines.iter().map(|(t, _)| Block::new(*t, BlockKind::Paragraph)).collect();
        let feats = document_features(&blocks, Some("en"));
        let verdicts = lines
            .iter()
            .map(|(_, kept)| Verdict { label: if *kept { Label::Content } else { Label::Boilerplate }, score: 0.0, reason: Reason::Score })
            .collect();
        (blocks, feats, verdicts)
    }

    const STORY: &str = "The council met on Tuesday to agree the budget for next year, and it did.";

    #[test]
    fn reads_the_dateline_just_above_the_story() {
        let (b, f, v) = page(&[("Home News Sport", false), ("Monday, September 8, 2008", false), ("Contact", false), (STORY, true)]);
        assert_eq!(above_main_text(&b, &f, &v).as_deref(), Some("2008-09-08"));
        let (b, f, v) = page(&[("12 May 2019", false), ("2024-11-06", false), (STORY, true)]);
        assert_eq!(above_main_text(&b, &f, &v).as_deref(), Some("2024-11-06"), "the nearest");
    }

    #[test]
    fn not_further_than_three_blocks_nor_after_the_start() {
        let (b, f, v) = page(&[("12 May 2019", false), ("Menu", false), ("Search", false), ("Sign in", false), (STORY, true)]);
        assert_eq!(above_main_text(&b, &f, &v), None, "four blocks above");
        let (b, f, v) = page(&[("Menu", false), (STORY, true), ("12 May 2019", false)]);
        assert_eq!(above_main_text(&b, &f, &v), None, "below the start");
        let (b, f, v) = page(&[("12 May 2019", false), ("Menu", false)]);
        assert_eq!(above_main_text(&b, &f, &v), None, "nothing kept");
    }

    #[test]
    fn not_an_update_nor_a_date_inside_a_sentence() {
        let (b, f, v) = page(&[("Updated: 6/2/2025", false), (STORY, true)]);
        assert_eq!(above_main_text(&b, &f, &v), None);
        let (b, f, v) = page(&[("The plan was agreed by the committee on 12 May 2019 after a long debate.", false), (STORY, true)]);
        assert_eq!(above_main_text(&b, &f, &v), None);
    }
}
