//! Per-input time limits: when an extraction must give up, and the
//! longest limit anyone may set. The clock that loops look at is
//! [`crate::frontend::budget::Clock`]; this module only keeps the time.

use std::time::{Duration, Instant};

use crate::error::Error;

/// Longest time limit, in seconds (about 31 years): a longer one is no
/// limit in practice, and a deadline this far ahead is still an instant
/// the clock can represent (`1e20` s is not). The CLI refuses a larger
/// `--timeout`; the Python binding clamps to it; [`Deadline::after`]
/// lowers any longer `Duration` to it.
pub const MAX_TIMEOUT_SECS: f64 = 1e9;

/// When an extraction must give up, and the limit it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    at: Instant,
    limit: Duration,
}

impl Deadline {
    /// A deadline `limit` from now.
    /// A limit over [`MAX_TIMEOUT_SECS`] is lowered to it.
    pub fn after(limit: Duration) -> Self {
        let limit = limit.min(Duration::from_secs(MAX_TIMEOUT_SECS as u64));
        let now = Instant::now();
        // `now + limit` cannot overflow for a limit this small on any
        // platform's clock; `checked_add` keeps that a fact, not a hope.
        let at = now.checked_add(limit).unwrap_or(now);
        Deadline { at, limit }
    }

    /// When it passes.
    pub fn at(&self) -> Instant {
        self.at
    }

    /// `Err(Timeout)` once the deadline has passed.
    pub(crate) fn check(deadline: Option<Deadline>) -> Result<(), Error> {
        match deadline {
            Some(d) if Instant::now() > d.at => Err(Error::Timeout { limit_ms: d.limit.as_millis() as u64 }),
            _ => Ok(()),
        }
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_limit_makes_a_deadline_and_a_huge_one_is_lowered() {
        // `Instant::now() + Duration::MAX` panics (as did `--timeout 1e20`).
        for limit in [Duration::MAX, Duration::from_secs(1 << 60), Duration::from_secs(u64::MAX)] {
            let d = Deadline::after(limit);
            assert_eq!(d.limit, Duration::from_secs(MAX_TIMEOUT_SECS as u64));
            assert!(Deadline::check(Some(d)).is_ok());
        }
        let d = Deadline::after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(Deadline::check(Some(d)).is_err());
    }
}
