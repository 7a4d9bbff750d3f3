//! The Markdown renderer on what HTML extraction (with inline Markdown and
//! links) makes of arbitrary bytes.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pith::{Extractor, ExtractorOptions, InputFormat};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::new(ExtractorOptions { input_format: InputFormat::Html, markdown: true, links: true, ..ExtractorOptions::default() })
});

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = EXTRACTOR.extract(data, None) {
        let _ = pith::render::markdown::render(doc.title.as_deref(), &doc.blocks);
    }
});
