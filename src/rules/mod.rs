//! Site rules at run time: per-site TOML files that say where a site's
//! content is when the heuristics are not enough. This is what runs on every
//! page that has a rule; the tools that write, test and import rules are in
//! [`crate::authoring`] and nothing here depends on them.
//!
//! `model` is the file format and the compiled rule, `load` reads and
//! compiles rule files (built-in ones are embedded at build time from
//! `rules/*.toml`), `matcher` holds a [`RuleSet`] and picks the rule for a
//! page (host, else fingerprint), `apply` carries out a rule's directives.
//! `host` normalises and checks host names (IDNA, wildcards) for rules and
//! page URLs alike; `error` holds the typed errors of loading.

pub mod apply;
pub mod error;
pub mod host;
pub mod load;
pub mod matcher;
pub mod model;

pub use apply::RuleTrace;
pub use error::{RuleError, RuleErrorKind, RuleErrors};
pub use matcher::RuleSet;
pub use model::{Origin, Rule};
