//! Typed errors of rule loading: every one names the file, the line where
//! known, and the reason, as `file:line: reason`.

use std::fmt;

use thiserror::Error;

/// Why a rule file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleErrorKind {
    /// The file cannot be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// Not valid TOML, or a key or value the format does not have.
    #[error("{0}")]
    Toml(String),
    /// A CSS selector that does not parse.
    #[error("invalid CSS selector `{selector}`: {reason}")]
    Selector { selector: String, reason: String },
    /// A regex that does not compile.
    #[error("invalid regex `{pattern}`: {reason}")]
    Regex { pattern: String, reason: String },
    /// A host that is not a host name under a registrable domain.
    #[error("invalid host `{host}`: {reason}")]
    Host { host: String, reason: String },
    /// A pattern table that is not well formed.
    #[error("invalid pattern: {0}")]
    Pattern(String),
    /// A `[[test]]` case that is not well formed.
    #[error("invalid test: {0}")]
    Test(String),
    /// Neither `hosts` nor `fingerprints`: the rule could never apply.
    #[error("a rule needs `hosts` or `fingerprints`")]
    NoTarget,
    /// Two rules of one set claim the same host.
    #[error("host `{host}` is already claimed by {other}")]
    DuplicateHost { host: String, other: String },
}

/// A rule file's error with its place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct RuleError {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line, when the error has a place in the file.
    pub line: Option<usize>,
    pub kind: RuleErrorKind,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.kind),
            None => write!(f, "{}: {}", self.file, self.kind),
        }
    }
}

/// Several rule errors (a load reports every error it finds, not the first).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let end = (0..=end).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    1 + text[..end].bytes().filter(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn display_has_file_line_reason() {
        let e = RuleError { file: "r.toml".into(), line: Some(3), kind: RuleErrorKind::NoTarget };
        assert_eq!(e.to_string(), "r.toml:3: a rule needs `hosts` or `fingerprints`");
    }
}
