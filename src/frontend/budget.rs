//! The per-page budget: how much structure a page may build and until when
//! it may run, so that no input can take more than its share of memory or
//! overrun its deadline by more than a small fraction.
//!
//! Structure is budgeted in proportion to the page's size, plus a floor:
//! real pages spend many bytes per node and per line, hostile ones a few or
//! none (html5ever re-creates formatting elements without new markup). The
//! budget is checked as the structure is built, before the memory is spent,
//! and a page over it ends with [`Error::TooComplex`], never cut short.

use crate::error::Error;
use crate::extractor::Deadline;

/// Parse-tree nodes (elements, text, comments) a page gets whatever its
/// size: enough for any real page under a few tens of KB.
const NODE_FLOOR: usize = 10_000;
/// Bytes of markup per node a page gets beyond the floor: `<br>` is four
/// bytes a node, real pages spend 20 to 50.
const BYTES_PER_NODE: usize = 3;
/// Most nodes any page gets. A parsed node costs about 100 bytes, so this
/// keeps the parse of the largest page (64 MiB, read, decoded and
/// prepared) under the 600 MiB bound; real pages stay under 100,000, a
/// 200,000-row table takes 1.4 million.
pub const MAX_NODES: usize = 2_000_000;
/// Most blocks a walked page gets: a block costs about 400 bytes through
/// features and classification (470,000 paragraphs peaked at 430 MiB).
pub const MAX_BLOCKS: usize = 500_000;
/// Lines a text dump gets whatever its size.
const LINE_FLOOR: usize = 20_000;
/// Bytes per line a dump gets beyond the floor (prose lines are 40 to 100
/// bytes; a dump of one-letter lines is 2).
const BYTES_PER_LINE: usize = 8;
/// Most lines any dump gets: a line becomes a block with its features,
/// about 250 bytes in all.
pub const MAX_LINES: usize = 1_000_000;
/// Loop rounds between two looks at the clock in [`Clock::tick`].
const TICK_ROUNDS: u32 = 1024;

/// What one page may spend.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Option<Deadline>,
    nodes: usize,
    lines: usize,
}

impl Budget {
    /// The budget of a page of `bytes` bytes that must end by `deadline`.
    pub fn for_input(bytes: usize, deadline: Option<Deadline>) -> Self {
        Budget {
            deadline,
            nodes: Budget::weight(bytes),
            lines: (LINE_FLOOR + bytes / BYTES_PER_LINE).min(MAX_LINES),
        }
    }

    /// The most [`Budget::weight`] gives a page: the weight of the
    /// largest page, which every page in flight shares.
    pub const MAX_WEIGHT: usize = MAX_NODES;

    /// What a page of `bytes` bytes may cost, in node budget: its weight
    /// when pages share memory (the read-ahead window of `pith extract`).
    /// A page's text-dump line budget costs less than its node budget.
    pub fn weight(bytes: usize) -> usize {
        (NODE_FLOOR + bytes / BYTES_PER_NODE).min(MAX_NODES)
    }

    /// The most parse-tree nodes the page gets.
    pub fn nodes(&self) -> usize {
        self.nodes
    }

    /// The deadline, if any.
    pub fn deadline(&self) -> Option<Deadline> {
        self.deadline
    }

    /// `Err(Timeout)` once the deadline has passed.
    pub fn check_time(&self) -> Result<(), Error> {
        Deadline::check(self.deadline)
    }

    /// `Err(TooComplex)` when `nodes` is over the node budget.
    pub fn check_nodes(&self, nodes: usize) -> Result<(), Error> {
        if nodes > self.nodes {
            return Err(Error::TooComplex { what: "elements and text nodes", limit: self.nodes });
        }
        Ok(())
    }

    /// `Err(TooComplex)` when `lines` is over the line budget.
    pub fn check_lines(&self, lines: usize) -> Result<(), Error> {
        if lines > self.lines {
            return Err(Error::TooComplex { what: "lines", limit: self.lines });
        }
        Ok(())
    }

    /// A clock for a long loop under this budget's deadline.
    pub fn clock(&self) -> Clock {
        Clock { deadline: self.deadline, rounds: 0 }
    }
}

/// Looks at the deadline every [`TICK_ROUNDS`] rounds of a loop (reading
/// the time costs more than a round of most loops).
#[derive(Debug, Clone)]
pub struct Clock {
    deadline: Option<Deadline>,
    rounds: u32,
}

impl Clock {
    /// A clock for `deadline`.
    pub fn new(deadline: Option<Deadline>) -> Self {
        Clock { deadline, rounds: 0 }
    }

    /// One round: `Err(Timeout)` when the deadline has passed (looked at
    /// every [`TICK_ROUNDS`] rounds).
    pub fn tick(&mut self) -> Result<(), Error> {
        self.rounds += 1;
        if self.rounds < TICK_ROUNDS || self.deadline.is_none() {
            return Ok(());
        }
        self.rounds = 0;
        Deadline::check(self.deadline)
    }

    /// `Err(Timeout)` when the deadline has passed, looked at now (before a
    /// costly step: a selector over the whole page, a JSON-LD script).
    pub fn check(&mut self) -> Result<(), Error> {
        self.rounds = 0;
        Deadline::check(self.deadline)
    }
}
