//! Shared by the benches: loading a directory of pages, summarising rounds.

use std::io::Read;
use std::path::Path;

/// The folder of pages to measure, first found: the first non-flag
/// argument, `PITH_BENCH_DIR`, `../shared/data/$PITH_BENCH_SET/pages`,
/// `../shared/data/DEFAULT_SET/pages`.
pub fn bench_dir(default_set: &str) -> String {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .or_else(|| std::env::var("PITH_BENCH_DIR").ok().filter(|d| !d.is_empty()))
        .unwrap_or_else(|| {
            let set = std::env::var("PITH_BENCH_SET").ok().filter(|s| !s.is_empty());
            format!("../shared/data/{}/pages", set.as_deref().unwrap_or(default_set))
        })
}

/// Rounds to run: `PITH_BENCH_ROUNDS` when a positive number, else `default`.
pub fn bench_rounds(default: usize) -> usize {
    std::env::var("PITH_BENCH_ROUNDS").ok().and_then(|r| r.parse::<usize>().ok()).filter(|&r| r > 0).unwrap_or(default)
}

/// Every `*.html.gz` (gunzipped) and `*.html` file directly under `dir`, sorted by name.
pub fn load(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut pages = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut out)?;
            pages.push(out);
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            pages.push(std::fs::read(&path)?);
        }
    }
    Ok(pages)
}

/// The shortest and the median of `secs` (sorted in place; upper median for an even count).
pub fn best_median(secs: &mut [f64]) -> (f64, f64) {
    secs.sort_by(f64::total_cmp);
    (secs[0], secs[secs.len() / 2])
}
