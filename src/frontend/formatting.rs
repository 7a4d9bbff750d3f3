//! A light model of html5ever's list of active formatting elements, for the
//! pre-parse pass (`frontend::nesting`).
//!
//! A formatting element (`<b>`, `<font>`, `<a>`...) left open stays on that
//! list after its block closes, and the parser re-creates every entry of
//! the list at the next text: 250 open `<b id=N>` before 100,000
//! `<div>x</div>` built 25 million elements. Real pages leave a few open;
//! the pass keeps at most [`MAX_ACTIVE_FORMATTING`] and drops the start
//! (and end) tags of the others, keeping their text.
//!
//! The model follows the parser where it shortens the list (an end tag
//! removes its element; a new `<a>` or `<nobr>` closes the open one; at
//! most three identical entries, the "Noah's Ark" clause) and ignores
//! table-cell markers, which only shorten it: it never counts fewer
//! entries than the parser holds.

/// Most formatting elements kept open at once. Each text node can make the
/// parser re-create this many elements; real pages stay under ten.
pub const MAX_ACTIVE_FORMATTING: usize = 64;
/// How many identical entries the parser keeps (its "Noah's Ark" clause).
const IDENTICAL_KEPT: usize = 3;


/// The entries the parser would hold: name and raw attributes.
#[derive(Debug, Default)]
pub struct ActiveFormatting<'a> {
    list: Vec<(&'a str, &'a [u8])>,
}

impl<'a> ActiveFormatting<'a> {
    /// A start tag of formatting element `name` with raw attributes
    /// `attrs`: whether it may be kept (false: the list is full).
    pub fn open(&mut self, name: &'a str, attrs: &'a [u8]) -> bool {
        if name.eq_ignore_ascii_case("a") || name.eq_ignore_ascii_case("nobr") {
            self.close(name);
        }
        let same = |e: &&(&str, &[u8])| e.0.eq_ignore_ascii_case(name) && e.1 == attrs;
        if self.list.iter().filter(same).count() >= IDENTICAL_KEPT
            && let Some(first) = self.list.iter().position(|e| same(&e))
        {
            self.list.remove(first);
        }
        if self.list.len() >= MAX_ACTIVE_FORMATTING {
            return false;
        }
        self.list.push((name, attrs));
        true
    }

    /// An end tag of formatting element `name` that the parser sees.
    pub fn close(&mut self, name: &str) {
        if let Some(k) = self.list.iter().rposition(|e| e.0.eq_ignore_ascii_case(name)) {
            self.list.remove(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_open_elements_are_capped_and_closed_ones_free_room() {
        let mut list = ActiveFormatting::default();
        let attrs: Vec<String> = (0..MAX_ACTIVE_FORMATTING + 1).map(|i| format!(" id={i}>")).collect();
        for a in &attrs[..MAX_ACTIVE_FORMATTING] {
            assert!(list.open("b", a.as_bytes()));
        }
        assert!(!list.open("b", attrs[MAX_ACTIVE_FORMATTING].as_bytes()));
        list.close("B");
        assert!(list.open("i", b">"));
    }

    #[test]
    fn identical_and_link_entries_do_not_pile_up() {
        let mut list = ActiveFormatting::default();
        for _ in 0..10 * MAX_ACTIVE_FORMATTING {
            assert!(list.open("font", b" color=red>"));
        }
        for i in 0..10 * MAX_ACTIVE_FORMATTING {
            let href = format!(" href=/{i}>");
            assert!(list.open("a", Box::leak(href.into_boxed_str()).as_bytes()));
        }
        assert_eq!(list.list.len(), IDENTICAL_KEPT + 1);
    }
}
