//! Front ends: turn an input into [`Block`](crate::block::Block)s.
//!
//! `text` reads plain-text dumps written by HTML-to-text scrapers. An HTML
//! front end will sit beside it and feed the same blocks to the same scorer.

pub mod markdown_inline;
pub mod text;
