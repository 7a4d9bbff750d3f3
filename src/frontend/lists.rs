//! HTML lists as the Markdown renderer needs them: for each list item
//! block, whether its list is numbered and the item's number (`<ol
//! start>`, `reversed`, `<li value>`), whether it is the first item of
//! its list, and whether it is a further block of an item already begun.
//! The walk (`frontend::html`) opens and closes lists and items here; the
//! list depth a block's kind carries stays the walk's own.

use crate::block::ListMark;

/// Largest item number written (CommonMark reads at most nine digits).
const MAX_NUMBER: i64 = 999_999_999;

/// An open list.
#[derive(Debug, Clone, Copy)]
struct List {
    ordered: bool,
    /// The number the next item gets.
    next: i64,
    /// +1, or -1 for a `reversed` list.
    step: i64,
    /// Items opened so far.
    items: u32,
}

/// An open list item.
#[derive(Debug, Clone, Copy)]
struct Item {
    number: Option<u32>,
    first: bool,
    /// Blocks written from it so far.
    blocks: u32,
}

/// The open lists and items, innermost last.
#[derive(Debug, Default)]
pub struct Lists {
    lists: Vec<List>,
    items: Vec<Item>,
}

impl Lists {
    /// Open a list: `ordered` for `<ol>`, with its `start` and `reversed`
    /// attributes; `children` counts its items (for a reversed list
    /// without `start`, which counts down from it).
    pub fn open_list(&mut self, ordered: bool, start: Option<&str>, reversed: bool, children: impl FnOnce() -> usize) {
        let step = if reversed { -1 } else { 1 };
        let start = start.and_then(|s| s.trim().parse::<i64>().ok());
        let next = start.unwrap_or_else(|| if reversed { children() as i64 } else { 1 });
        self.lists.push(List { ordered, next, step, items: 0 });
    }

    /// Close the innermost list.
    pub fn close_list(&mut self) {
        self.lists.pop();
    }

    /// Open an item of the innermost list (`value`: its `value` attribute).
    pub fn open_item(&mut self, value: Option<&str>) {
        let item = match self.lists.last_mut() {
            Some(list) => {
                if let Some(v) = value.and_then(|v| v.trim().parse::<i64>().ok()) {
                    list.next = v;
                }
                let number = list.ordered.then(|| list.next.clamp(0, MAX_NUMBER) as u32);
                list.next += list.step;
                list.items += 1;
                Item { number, first: list.items == 1, blocks: 0 }
            }
            None => Item { number: None, first: true, blocks: 0 },
        };
        self.items.push(item);
    }

    /// Close the innermost item.
    pub fn close_item(&mut self) {
        self.items.pop();
    }

    /// The mark of a list item block written now, from the innermost item.
    pub fn mark(&mut self) -> Option<ListMark> {
        let item = self.items.last_mut()?;
        let mark = ListMark { number: item.number, first: item.first && item.blocks == 0, continued: item.blocks > 0 };
        item.blocks += 1;
        Some(mark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_start_value_and_reversed() {
        let mut lists = Lists::default();
        lists.open_list(true, Some("3"), false, || 0);
        let mut numbers = Vec::new();
        for value in [None, Some("10"), None] {
            lists.open_item(value);
            numbers.push(lists.mark().and_then(|m| m.number));
            lists.close_item();
        }
        lists.close_list();
        assert_eq!(numbers, [Some(3), Some(10), Some(11)]);
        lists.open_list(true, None, true, || 2);
        lists.open_item(None);
        assert_eq!(lists.mark(), Some(ListMark { number: Some(2), first: true, continued: false }));
        assert_eq!(lists.mark(), Some(ListMark { number: Some(2), first: false, continued: true }));
        lists.close_item();
        lists.open_item(None);
        assert_eq!(lists.mark(), Some(ListMark { number: Some(1), first: false, continued: false }));
    }

    #[test]
    fn bullets_have_no_number() {
        let mut lists = Lists::default();
        lists.open_list(false, Some("5"), false, || 0);
        lists.open_item(Some("2"));
        assert_eq!(lists.mark(), Some(ListMark { number: None, first: true, continued: false }));
    }
}
