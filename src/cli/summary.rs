//! The end-of-run summary on stderr: inputs read, extracted (and empty),
//! failed by reason, filtered out by reason (`--min-length`,
//! `--min-confidence`, `--language`), records skipped by reason, files passed over while
//! walking by reason, bytes in and out, speed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// Counts kept while a batch runs.
#[derive(Debug, Default)]
pub struct Summary {
    pub extracted: u64,
    pub empty: u64,
    pub failed: BTreeMap<&'static str, u64>,
    /// Pages extracted and left out by a corpus filter, by filter.
    pub filtered: BTreeMap<&'static str, u64>,
    pub skipped: BTreeMap<String, u64>,
    /// Files found in directories and not read, by reason.
    pub files_skipped: BTreeMap<String, u64>,
    /// Outputs already there (`--skip-existing`).
    pub existing: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
}

impl Summary {
    /// Inputs that failed, all reasons together.
    pub fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    /// Pages left out by a corpus filter, all filters together.
    pub fn filtered_out(&self) -> u64 {
        self.filtered.values().sum()
    }

    /// Units read: extracted, filtered out, failed or already done.
    pub fn inputs(&self) -> u64 {
        self.extracted + self.filtered_out() + self.failures() + self.existing
    }

    /// A skipped record, counted under its reason's head (`not HTML
    /// (image/png)` counts as `not HTML`).
    pub fn skip(&mut self, reason: &str) {
        let head = reason.split(" (").next().unwrap_or(reason);
        *self.skipped.entry(head.to_owned()).or_default() += 1;
    }

    /// A file passed over while walking, counted under its reason's head
    /// (`not a regular file (FIFO)` counts as `not a regular file`).
    pub fn skip_file(&mut self, reason: &str) {
        let head = reason.split(" (").next().unwrap_or(reason);
        *self.files_skipped.entry(head.to_owned()).or_default() += 1;
    }

    /// The report, two lines.
    pub fn render(&self, elapsed: Duration, interrupted: bool) -> String {
        let mut s = String::new();
        let _ = write!(s, "pith: {} inputs: {} extracted ({} empty)", self.inputs(), self.extracted, self.empty);
        if !self.filtered.is_empty() {
            let _ = write!(s, ", {} filtered out ({})", self.filtered_out(), by_reason(self.filtered.iter().map(|(k, v)| (*k, *v))));
        }
        let _ = write!(s, ", {} failed", self.failures());
        if !self.failed.is_empty() {
            let _ = write!(s, " ({})", by_reason(self.failed.iter().map(|(k, v)| (*k, *v))));
        }
        if self.existing > 0 {
            let _ = write!(s, ", {} already done", self.existing);
        }
        let skipped: u64 = self.skipped.values().sum();
        let _ = write!(s, "; {skipped} records skipped");
        if skipped > 0 {
            let _ = write!(s, " ({})", by_reason(self.skipped.iter().map(|(k, v)| (k.as_str(), *v))));
        }
        let files: u64 = self.files_skipped.values().sum();
        if files > 0 {
            let _ = write!(s, "; {files} files skipped ({})", by_reason(self.files_skipped.iter().map(|(k, v)| (k.as_str(), *v))));
        }
        let secs = elapsed.as_secs_f64().max(1e-9);
        let done = (self.extracted + self.filtered_out() + self.failures()) as f64;
        let _ = write!(
            s,
            "\npith: {} in, {} out in {:.1} s: {:.1} pages/s, {:.1} MB/s",
            megabytes(self.bytes_in),
            megabytes(self.bytes_out),
            elapsed.as_secs_f64(),
            done / secs,
            self.bytes_in as f64 / 1e6 / secs
        );
        if interrupted {
            s.push_str("\npith: interrupted; every record written before the interruption is complete");
        }
        s
    }
}

fn by_reason<'a>(counts: impl Iterator<Item = (&'a str, u64)>) -> String {
    counts.map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ")
}

/// Bytes in the largest decimal unit that keeps one figure before the point.
fn megabytes(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.2} GB", b / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_reasons() {
        let mut s = Summary { extracted: 3, empty: 1, bytes_in: 2_000_000, bytes_out: 500_000, ..Summary::default() };
        *s.failed.entry("timeout").or_default() += 2;
        s.skip("not HTML (image/png)");
        s.skip("not HTML (text/css)");
        s.skip("WARC request record");
        let r = s.render(Duration::from_secs(2), false);
        assert!(r.starts_with("pith: 5 inputs: 3 extracted (1 empty), 2 failed (timeout: 2); 3 records skipped (WARC request record: 1, not HTML: 2)"), "{r}");
        s.skip_file("not a regular file (FIFO)");
        let r2 = s.render(Duration::from_secs(2), false);
        assert!(r2.contains("(WARC request record: 1, not HTML: 2); 1 files skipped (not a regular file: 1)\n"), "{r2}");
        assert!(r.contains("2.0 MB in, 500.0 kB out in 2.0 s: 2.5 pages/s, 1.0 MB/s"), "{r}");
        *s.filtered.entry("too short").or_default() += 2;
        *s.filtered.entry("language").or_default() += 1;
        let r3 = s.render(Duration::from_secs(2), false);
        assert!(r3.starts_with("pith: 8 inputs: 3 extracted (1 empty), 3 filtered out (language: 1, too short: 2), 2 failed"), "{r3}");
    }
}
