//! pith: main-content extraction from scraped web pages and text dumps.
//!
//! An [`Extractor`] is built once and shared across threads. It reads bytes
//! (an HTML page or a plain-text dump of one), cuts them into
//! [`Block`](block::Block)s with [`features`], classifies every block with one
//! scorer ([`classify`]), lifts metadata, and returns a [`Document`] whose
//! text the [`render`] module can write as text, Markdown or JSON.
//!
//! ```
//! let extractor = pith::Extractor::new(pith::ExtractorOptions::default());
//! let dump = "Home\nNews\nSport\n\nThe minister said on Tuesday that the plan, which had been \
//!             discussed for months, would go ahead in the spring.\n\nShare this article\n";
//! let doc = extractor.extract(dump.as_bytes(), None).unwrap();
//! assert!(doc.text.starts_with("The minister said"));
//! assert!(!doc.text.contains("Share"));
//! ```

// The command-line interface is part of the library (so that the Python
// package's `pith` command runs the very same code) and names the library
// `pith::…` as the binary would.
extern crate self as pith;

pub mod authoring;
pub mod batch;
pub mod block;
pub mod bytescan;
pub mod chars;
pub mod classify;
pub mod cli;
pub mod deadline;
pub mod decode;
pub mod document;
pub mod error;
pub mod explain;
pub mod extractor;
pub mod features;
pub mod frontend;
pub mod input;
pub mod lang;
pub mod learned;
pub mod lexicon;
pub mod markup;
pub mod metadata;
pub mod page_kind;
pub mod page_type;
pub mod render;
pub mod rules;
pub mod words;

pub use document::Document;
pub use error::Error;
pub use extractor::{Analysis, Bias, Deadline, Extractor, ExtractorOptions, PageInput, Scorer};
pub use input::InputFormat;
