//! Throughput of text-dump extraction on one thread.
//!
//! `cargo bench --bench dumps -- [DIR]` reads every `*.txt` under DIR
//! (default `../shared/data/trafilatura-dumps-dev/pages`) into memory, then
//! extracts each page on one thread, `ROUNDS` times, and prints pages/s and
//! MB/s of input. Inputs are in memory so only extraction is timed.
//! `PITH_BENCH_ROUNDS` sets the number of rounds (default 5; 1 for profiling).
//! `PITH_BENCH_SCORER=heuristic` times the heuristics instead of the
//! default scorer (the learned model, for dumps).

use std::time::Instant;

/// Timed rounds over the pages, unless `PITH_BENCH_ROUNDS` says otherwise.
const ROUNDS: usize = 5;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "../shared/data/trafilatura-dumps-dev/pages".to_owned());
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("dumps bench: cannot read {dir}: {e}");
            return;
        }
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let pages: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    if pages.is_empty() {
        eprintln!("dumps bench: no .txt pages in {dir}");
        return;
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let scorer = match std::env::var("PITH_BENCH_SCORER").as_deref() {
        Ok("heuristic") => pith::Scorer::Heuristic,
        _ => pith::Scorer::default(),
    };
    let extractor = pith::Extractor::new(pith::ExtractorOptions { rules: false, scorer, ..Default::default() });
    // Warm-up: lazy lexicons, page cache.
    for p in &pages {
        let _ = extractor.extract(p, None);
    }
    let rounds = std::env::var("PITH_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).filter(|&r| r > 0).unwrap_or(ROUNDS);
    let start = Instant::now();
    let mut out_chars = 0usize;
    for _ in 0..rounds {
        for p in &pages {
            if let Ok(doc) = extractor.extract(p, None) {
                out_chars += doc.text.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    println!(
        "text dumps, 1 thread, {scorer:?} scorer: {} pages ({:.1} MB) x {rounds}: {:.0} pages/s, {:.1} MB/s ({} output bytes)",
        pages.len(),
        bytes as f64 / 1e6,
        n / secs,
        (bytes * rounds) as f64 / 1e6 / secs,
        out_chars / rounds
    );
}
