//! `--dedup`: paragraphs already written earlier in the run are dropped,
//! as trafilatura's `--deduplicate` does across a run.
//!
//! A paragraph is known by a 64-bit hash of its text lowercased with
//! whitespace collapsed. The hashes live in one fixed-size table
//! ([`TABLE_SLOTS`] slots, [`WAYS`]-way set-associative; 32 MiB whatever
//! the corpus size): when a set is full the oldest hash in it is forgotten
//! (first in, first out), so a paragraph last seen several million
//! paragraphs ago may come back. Pages are deduplicated in input order, at
//! the ordered sink (see `cli/output.rs`), so the result is the same
//! whatever `-j`. Only paragraphs of pages that are written count as seen:
//! a page filtered out (`--min-length`...) makes nothing disappear later.
//!
//! This module does not decide what is content: it drops repeats of what the
//! extractor kept.

use std::hash::{BuildHasher, Hasher};

use foldhash::quality::FixedState;
use pith::Document;
use pith::block::{Block, BlockKind};

/// Hashes the table holds: 4,194,304 × 8 bytes = 32 MiB.
pub const TABLE_SLOTS: usize = 1 << 22;
/// Slots per set: a new hash replaces the oldest of its set's [`WAYS`].
pub const WAYS: usize = 4;
/// Paragraphs shorter than this (characters, normalised) are never dropped:
/// short lines (a heading, a date, a price, a list bullet, `Ingredients`)
/// repeat across unrelated pages and are part of each. Measured on
/// wcxb-dev (752 pages in order, every length deduplicated): of the
/// paragraphs dropped, the share found in the page's own reference text is
/// 71% under 10 characters, 52% at 10-19, 50% at 20-29, 37% at 30-49 and
/// 26% from 50 on. At 50, 0.10% of the characters go, word F1 0.8561 ->
/// 0.8564 (0.8563 with no floor, which drops 0.38%).
pub const MIN_CHARS: usize = 50;
/// The hash's fixed seed: the same text hashes the same in every run.
const SEED: u64 = 0x7069_7468_6465_6475;
/// Marks an empty slot (a hash of 0 is stored as 1).
const EMPTY: u64 = 0;

/// The hashes of the paragraphs written so far in the run.
pub struct Seen {
    slots: Vec<u64>,
}

impl Default for Seen {
    fn default() -> Self {
        Seen { slots: vec![EMPTY; TABLE_SLOTS] }
    }
}

/// The dedup keys of a page's blocks, one per block (`None`: never
/// dropped); computed on the worker threads.
pub fn keys(doc: &Document) -> Vec<Option<u64>> {
    let hasher = FixedState::with_seed(SEED);
    doc.blocks.iter().map(|b| key(&hasher, b)).collect()
}

/// The key of a block that may be dropped: the hash of its text lowercased,
/// whitespace collapsed; `None` for code and short blocks.
fn key(hasher: &FixedState, block: &Block) -> Option<u64> {
    if block.kind == BlockKind::Code {
        // Code repeats on purpose (the same command in two tutorials).
        return None;
    }
    let mut hasher = hasher.build_hasher();
    let mut chars = 0usize;
    for word in block.text.split_whitespace() {
        if chars > 0 {
            hasher.write_u8(b' ');
            chars += 1;
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            hasher.write(c.encode_utf8(&mut buf).as_bytes());
            chars += 1;
        }
    }
    (chars >= MIN_CHARS).then(|| hasher.finish().max(1))
}

impl Seen {
    /// Whether any of `keys` was written earlier in the run.
    pub fn any_seen(&self, keys: &[Option<u64>]) -> bool {
        keys.iter().flatten().any(|&h| self.contains(h))
    }

    /// Drop from `doc` the blocks written earlier in the run, with their
    /// keys, and re-render its text; returns how many were dropped. The
    /// blocks kept are not yet remembered: call [`Seen::remember`] once the
    /// page is written.
    pub fn drop_seen(&self, doc: &mut Document, keys: &mut Vec<Option<u64>>) -> usize {
        let keep: Vec<bool> = keys.iter().map(|k| k.is_none_or(|h| !self.contains(h))).collect();
        let before = doc.blocks.len();
        let mut flags = keep.iter();
        doc.blocks.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        keys.retain(|_| flags.next().copied().unwrap_or(true));
        let dropped = before - doc.blocks.len();
        if dropped > 0 {
            doc.text = pith::render::text::render(&doc.blocks);
        }
        dropped
    }

    /// Remember the keys of a page that was written.
    pub fn remember(&mut self, keys: &[Option<u64>]) {
        for &h in keys.iter().flatten() {
            self.insert(h);
        }
    }

    /// The slots of `hash`'s set.
    fn set(&self, hash: u64) -> std::ops::Range<usize> {
        let sets = (TABLE_SLOTS / WAYS) as u64;
        // The high bits pick the set (foldhash mixes every bit).
        let start = usize::try_from((hash >> 32) % sets).unwrap_or(0) * WAYS;
        start..start + WAYS
    }

    fn contains(&self, hash: u64) -> bool {
        self.slots[self.set(hash)].contains(&hash)
    }

    /// Put `hash` first in its set, the oldest hash falling out of the last slot.
    fn insert(&mut self, hash: u64) {
        let range = self.set(hash);
        let set = &mut self.slots[range];
        if set.contains(&hash) {
            return;
        }
        set.rotate_right(1);
        set[0] = hash;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block::new(text, BlockKind::Paragraph)
    }

    #[test]
    fn normalised_repeats_are_one_paragraph_and_short_ones_are_kept() {
        let seen = FixedState::with_seed(SEED);
        let a = block("The committee met on Tuesday to discuss the budget for next year.");
        let b = block("  the COMMITTEE met on tuesday\n to discuss the budget   for next year.");
        assert_eq!(key(&seen, &a), key(&seen, &b));
        assert!(key(&seen, &block("Share this article")).is_none());
        assert!(key(&seen, &Block::new("cargo build --release && cargo test --release --all", BlockKind::Code)).is_none());
    }

    #[test]
    fn a_full_set_forgets_its_oldest_hash() {
        let mut seen = Seen::default();
        // WAYS + 1 hashes in one set (same high bits, different low bits).
        let hashes: Vec<u64> = (1..=WAYS as u64 + 1).map(|i| (7u64 << 32) | i).collect();
        for &h in &hashes {
            seen.insert(h);
        }
        assert!(!seen.contains(hashes[0]), "the oldest is evicted");
        assert!(hashes[1..].iter().all(|&h| seen.contains(h)));
        assert_eq!(seen.slots.len(), TABLE_SLOTS, "the table never grows");
    }
}
