//! Shared by the benches: loading a directory of pages, summarising rounds.

use std::io::Read;
use std::path::Path;

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
