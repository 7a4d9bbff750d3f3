//! The JSONL reader on arbitrary bytes, with a small line limit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pith::batch::jsonl::JsonlReader;

fuzz_target!(|data: &[u8]| {
    for item in JsonlReader::new(data, 4096).take(100_000) {
        let _ = item;
    }
});
