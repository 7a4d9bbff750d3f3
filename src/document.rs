//! The result of an extraction.

use serde::Serialize;

use crate::block::Block;
use crate::input::InputFormat;
use crate::metadata::Metadata;
use crate::render::clean::owned_without_controls;

/// Main content and metadata of one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The main content as plain text: paragraphs separated by blank lines,
    /// list items and table rows one a line.
    pub text: String,
    /// Title, author, dates, language, page type...: serialised flat,
    /// beside `text`.
    #[serde(flatten)]
    pub metadata: Metadata,
    /// Name of the site rule that applied, if any.
    pub rule: Option<String>,
    /// How sure the extractor is that `text` is the main content, 0..1.
    pub confidence: f32,
    /// What the input was read as: `Html` or `Text`, never `Auto`.
    pub input_format: InputFormat,
    /// The content blocks, in order (for structured renderers).
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

impl Document {
    /// Take control characters (but line feed and tab) out of the metadata
    /// fields, as [`render::clean`](crate::render::clean) does for the
    /// content blocks and text: no text leaves the library with one.
    pub(crate) fn clean_metadata(&mut self) {
        self.metadata.map_text(&owned_without_controls);
        if let Some(rule) = self.rule.take() {
            self.rule = Some(owned_without_controls(rule));
        }
    }
}
