//! Batch input: finding inputs (files, directories, stdin), decompressing
//! them (`.gz`, `.zst`), reading containers (WARC, JSONL) record by record,
//! naming outputs, and running extraction over the stream in parallel in
//! input order. Everything streams with a bound on memory per input.

pub mod compress;
pub mod fill;
pub mod http;
pub mod jsonl;
pub mod name;
pub mod packed;
pub mod pipeline;
pub mod source;
pub mod walk;
pub mod warc;
