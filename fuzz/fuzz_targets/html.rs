//! HTML extraction on arbitrary bytes; the first byte says whether a URL
//! (one with a built-in rule, one without) comes with them.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pith::{Extractor, ExtractorOptions, InputFormat};

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(ExtractorOptions { input_format: InputFormat::Html, ..ExtractorOptions::default() }));

fuzz_target!(|data: &[u8]| {
    let (url, page) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => (Some("https://www.kyivpost.com/post/1"), rest),
        Some((b, rest)) if b % 3 == 1 => (Some("https://example.com/a/b?c=1"), rest),
        _ => (None, data),
    };
    if let Ok(doc) = EXTRACTOR.extract(page, url) {
        // The JSON record must always serialise.
        let line = pith::render::json::Record::ok("fuzz", &doc, &doc.text).to_line();
        assert!(line.starts_with('{'));
    }
});
