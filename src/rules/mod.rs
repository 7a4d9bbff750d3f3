//! Site rules: per-site TOML files that say where a site's content is when
//! the heuristics are not enough.
//!
//! `model` is the file format and the compiled rule, `load` reads and
//! compiles rule files (built-in ones are embedded at build time from
//! `rules/*.toml`), `matcher` holds a [`RuleSet`] and picks the rule for a
//! page (host, else fingerprint), `apply` carries out a rule's directives,
//! `check` runs the rules' `[[test]]` cases, `starter` drafts a rule from a
//! sample page, `ftr` converts one FiveFilters site config and
//! `ftr_import` a whole folder of them (`xpath` turns their XPath into
//! CSS). `host` normalises and checks host names (IDNA, wildcards) for
//! rules and page URLs alike; `input` reads sample pages as `extract` does
//! (`.gz`/`.zst` decompressed).

pub mod apply;
pub mod check;
pub mod error;
pub mod ftr;
pub mod ftr_import;
pub mod host;
pub mod input;
pub mod load;
pub mod matcher;
pub mod model;
pub mod starter;
pub mod xpath;

pub use apply::RuleTrace;
pub use error::{RuleError, RuleErrorKind, RuleErrors};
pub use matcher::RuleSet;
pub use model::{Origin, Rule};
