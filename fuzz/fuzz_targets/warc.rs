//! The WARC reader on arbitrary bytes, plain and as a gzip stream.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pith::batch::warc::{WarcLimits, WarcReader};

fuzz_target!(|data: &[u8]| {
    let limits = WarcLimits { max_record_bytes: 1 << 20, max_header_bytes: 1 << 14 };
    for item in WarcReader::new(data, limits).take(10_000) {
        if item.is_err() {
            // Errors may end the stream or not; either way no panic.
        }
    }
});
