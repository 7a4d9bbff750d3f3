//! Text-dump extraction on arbitrary bytes.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pith::{Extractor, ExtractorOptions, InputFormat};

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(ExtractorOptions { input_format: InputFormat::Text, ..ExtractorOptions::default() }));

fuzz_target!(|data: &[u8]| {
    let _ = EXTRACTOR.extract(data, None);
});
