//! Throughput of HTML extraction on one thread, against html5ever's parse time.
//!
//! `cargo bench --bench html -- [DIR]` reads every `*.html.gz` (or `*.html`)
//! page under DIR into memory, gunzipped, then on one thread times, for
//! `ROUNDS` rounds over all pages:
//!
//! - parse only: `scraper::Html::parse_document` of the page as lossy UTF-8
//!   (html5ever building its tree and nothing else: the floor);
//! - pith end to end: `Extractor::default().extract(page, None)`.
//!
//! It prints pages/s and MB/s of (decompressed) input for each, from the
//! best (fastest) round and the median round, and the ratio of pith's time to
//! parse-only time. The best round is the headline figure: on a shared
//! machine it is the one least disturbed by other work. The last line adds
//! the median of each round's own ratio (pith's time over the parse's just
//! before it): the two halves of a round are seconds apart, so a slow spell
//! of the machine lands on both more often than on two best or two median
//! rounds taken from different minutes.
//!
//! The directory is, first found: the argument; `PITH_BENCH_DIR`;
//! `../shared/data/$PITH_BENCH_SET/pages` (e.g. `PITH_BENCH_SET=wcxb-dev`);
//! `../shared/data/trafilatura-dev/pages`. `PITH_BENCH_ROUNDS` overrides the
//! number of rounds. `PITH_BENCH_SCORER=learned` times the learned scorer
//! instead of the default. With no pages found it says so and exits 0.
//!
//! `PITH_BENCH_ONLY=load|parse|pith` runs one side alone, once, without
//! warm-up, and prints nothing but a line: for instruction counts, which
//! unlike seconds do not depend on what else the machine is doing, e.g.
//! `PITH_BENCH_ONLY=pith valgrind --tool=callgrind target/release/deps/html-*`
//! minus the same with `load` (reading and gunzipping the pages), against
//! `parse` minus `load`.

mod common;

use std::hint::black_box;
use std::path::Path;

use common::{bench_dir, bench_rounds, best_median, load};
use std::time::Instant;

const DEFAULT_ROUNDS: usize = 5;
const DEFAULT_SET: &str = "trafilatura-dev";

fn main() {
    let dir = bench_dir(DEFAULT_SET);
    let rounds = bench_rounds(DEFAULT_ROUNDS);

    let pages = match load(Path::new(&dir)) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            println!("html bench: no *.html.gz or *.html pages in {dir}; skipped");
            return;
        }
        Err(e) => {
            println!("html bench: cannot read {dir}: {e}; skipped");
            return;
        }
    };
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let extractor = match std::env::var("PITH_BENCH_SCORER").as_deref() {
        Ok("learned") => pith::Extractor::new(pith::ExtractorOptions { scorer: pith::Scorer::Learned, ..Default::default() }),
        _ => pith::Extractor::default(),
    };
    if let Ok(only) = std::env::var("PITH_BENCH_ONLY") {
        run_once(&only, &pages, &extractor);
        return;
    }

    // Warm-up: lazy lexicons and regexes, allocator, page cache.
    for p in &pages {
        black_box(scraper::Html::parse_document(&String::from_utf8_lossy(p)));
        let _ = black_box(extractor.extract(p, None));
    }

    // Rounds alternate the two measurements so drift on the machine hits both alike.
    let mut parse_secs = Vec::with_capacity(rounds);
    let mut pith_secs = Vec::with_capacity(rounds);
    let mut out_bytes = 0usize;
    let mut errors = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        for p in &pages {
            black_box(scraper::Html::parse_document(&String::from_utf8_lossy(black_box(p))));
        }
        parse_secs.push(start.elapsed().as_secs_f64());

        let start = Instant::now();
        out_bytes = 0;
        errors = 0;
        for p in &pages {
            match black_box(extractor.extract(black_box(p), None)) {
                Ok(doc) => out_bytes += doc.text.len(),
                Err(_) => errors += 1,
            }
        }
        pith_secs.push(start.elapsed().as_secs_f64());
    }

    let mut paired: Vec<f64> = pith_secs.iter().zip(&parse_secs).map(|(pith, parse)| pith / parse).collect();
    let (paired_low, paired_median) = best_median(&mut paired);
    let paired_high = paired.last().copied().unwrap_or(paired_median);
    let n = pages.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!("html pages, 1 thread: {dir}: {} pages ({mb:.1} MB decompressed) x {rounds} rounds", pages.len());
    let (parse_best, parse_med) = best_median(&mut parse_secs);
    let (pith_best, pith_med) = best_median(&mut pith_secs);
    for (name, best, med) in [("parse only", parse_best, parse_med), ("pith end to end", pith_best, pith_med)] {
        println!(
            "  {name:<16} best {:>7.1} pages/s {:>6.2} MB/s ({:.3} s)   median {:>7.1} pages/s {:>6.2} MB/s",
            n / best,
            mb / best,
            best,
            n / med,
            mb / med
        );
    }
    println!(
        "  pith / parse time: {:.2}x (best rounds), {:.2}x (median rounds); {out_bytes} output bytes, {errors} errors",
        pith_best / parse_best,
        pith_med / parse_med
    );
    println!("  pith / parse time, round by round: {paired_median:.2}x median ({paired_low:.2}x to {paired_high:.2}x)");
}

/// One pass of one side, for instruction counting (`PITH_BENCH_ONLY`).
fn run_once(only: &str, pages: &[Vec<u8>], extractor: &pith::Extractor) {
    match only {
        "load" => {}
        "parse" => {
            for p in pages {
                black_box(scraper::Html::parse_document(&String::from_utf8_lossy(black_box(p))));
            }
        }
        "pith" => {
            for p in pages {
                let _ = black_box(extractor.extract(black_box(p), None));
            }
        }
        other => {
            println!("html bench: PITH_BENCH_ONLY must be load, parse or pith, not {other:?}");
            return;
        }
    }
    println!("html bench: {only}: {} pages", pages.len());
}
