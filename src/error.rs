//! Typed errors of the library. The binary adds the input's name.

use thiserror::Error;

use crate::input::binary::Evidence;

/// Why an input could not be extracted.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input holds binary data, not text.
    #[error("input is binary data ({evidence}), not a text dump or HTML page")]
    Binary { evidence: Evidence },
    /// The input is larger than the configured limit.
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// The extraction ran past its time limit.
    #[error("extraction took longer than the limit of {limit_ms} ms")]
    Timeout { limit_ms: u64 },
    /// The input would build more structure (elements, lines) than its
    /// per-page budget allows; the budget bounds memory (see
    /// `frontend::budget`). The page is refused whole, never cut short.
    #[error("page too complex: over {limit} {what} (the per-page limit that bounds memory)")]
    TooComplex { what: &'static str, limit: usize },
}
