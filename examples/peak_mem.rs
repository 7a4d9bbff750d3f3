//! Extract one file and report the process's peak resident memory.
//!
//! `peak_mem PATH` reads PATH (an HTML page or a text dump, not compressed),
//! extracts it with `Extractor::default()` and prints one line:
//! `PATH bytes=N text_bytes=N peak_rss_kib=N` (or `error=...` in place of
//! `text_bytes`). `peak_rss_kib` is `VmHWM` from `/proc/self/status` (Linux;
//! `-` elsewhere), the high-water mark of the whole process, so it includes
//! the binary, the lexicons and the input. `scripts/peak-memory.sh` runs this
//! over every page of the dev sets.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: peak_mem PATH");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("peak_mem: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = match pith::Extractor::default().extract(&bytes, None) {
        Ok(doc) => format!("text_bytes={}", std::hint::black_box(doc).text.len()),
        Err(e) => format!("error={:?}", e.to_string()),
    };
    println!("{path} bytes={} {outcome} peak_rss_kib={}", bytes.len(), vm_hwm_kib().as_deref().unwrap_or("-"));
    ExitCode::SUCCESS
}

/// `VmHWM` (peak resident set size) in KiB, from `/proc/self/status`.
fn vm_hwm_kib() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1).map(str::to_owned)
}
