//! Front ends: turn an input into [`Block`](crate::block::Block)s.
//!
//! `text` reads plain-text dumps written by HTML-to-text scrapers; `html`
//! walks a parsed page and also returns the region tree (elements) the
//! blocks sit in. Both feed the same blocks to the same scorer. `parse`
//! builds the tree within the page's `budget`, with `tokenizer` reading
//! the markup for html5ever's tree builder.

pub mod attributes;
pub mod budget;
pub mod dom_path;
pub mod formatting;
pub mod html;
pub mod html_inline;
pub mod inline_md;
pub mod lists;
pub mod markdown_inline;
pub mod nesting;
pub mod parse;
pub mod tag_kind;
pub mod tag_syntax;
pub mod tags;
pub mod text;
pub mod tokenizer;
