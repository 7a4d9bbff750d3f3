//! The result of an extraction.

use serde::Serialize;

use crate::block::Block;
use crate::input::InputFormat;
use crate::render::clean::owned_without_controls;

/// Main content and metadata of one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The main content as plain text: paragraphs separated by blank lines,
    /// list items and table rows one a line.
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    pub site_name: Option<String>,
    /// The page's summary (`og:description`, `<meta name=description>`).
    pub description: Option<String>,
    /// The page's lead image URL.
    pub image: Option<String>,
    /// Keywords and tags the page declares.
    pub tags: Vec<String>,
    /// ISO 639-1 code (639-3 where there is none).
    pub language: Option<String>,
    /// The page's URL: the one given, else its canonical URL.
    pub url: Option<String>,
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
        for field in [&mut self.title, &mut self.author, &mut self.date, &mut self.site_name, &mut self.description, &mut self.image, &mut self.language, &mut self.url, &mut self.rule] {
            if let Some(value) = field.take() {
                *field = Some(owned_without_controls(value));
            }
        }
        for tag in &mut self.tags {
            *tag = owned_without_controls(std::mem::take(tag));
        }
    }
}
