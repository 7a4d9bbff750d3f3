//! Batch throughput: pages/s and MB/s on 1 thread and on all cores, for
//! html5ever parsing alone (the floor), pith on pages in memory, and pith's
//! batch path (files read and gunzipped, extracted, rendered as JSONL).
//!
//! `cargo bench --bench throughput -- [DIR]`: DIR is, first found, the
//! argument, `PITH_BENCH_DIR`, `../shared/data/$PITH_BENCH_SET/pages`, then
//! `../shared/data/trafilatura-dev/pages`. `PITH_BENCH_ROUNDS` (default 3)
//! rounds each; the best round is reported (least disturbed by other work
//! on a shared machine). With no pages found it says so and exits 0.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use rayon::prelude::*;

use pith::batch::pipeline::{run_ordered, Sink, Window};
use pith::batch::source::{Item, SourceOptions, Sources};
use pith::render::json::Record;
use pith::{Extractor, PageInput};

use common::{bench_dir, bench_rounds, best_median, load};

const DEFAULT_ROUNDS: usize = 3;
const DEFAULT_SET: &str = "trafilatura-dev";
/// Items in flight per thread in the batch measurement (as the CLI).
const IN_FLIGHT_PER_THREAD: usize = 8;

fn main() {
    let dir = bench_dir(DEFAULT_SET);
    let rounds = bench_rounds(DEFAULT_ROUNDS);
    let pages = match load(Path::new(&dir)) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => return println!("throughput bench: no pages in {dir}; skipped"),
        Err(e) => return println!("throughput bench: cannot read {dir}: {e}; skipped"),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let n = pages.len() as f64;
    let mb = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let extractor = Extractor::default();
    println!("throughput: {dir}: {} pages, {mb:.1} MB decompressed; best of {rounds} rounds", pages.len());
    println!("  {:<30} {:>24} {:>24} {:>8}", "", "1 thread", format!("{cores} threads"), "scaling");

    let parse = |p: &Vec<u8>| {
        black_box(scraper::Html::parse_document(&String::from_utf8_lossy(black_box(p))));
    };
    let extract = |p: &Vec<u8>| {
        let _ = black_box(extractor.extract(black_box(p), None));
    };
    let dir_path = PathBuf::from(&dir);
    let batch = |threads: usize| batch_run(&extractor, &dir_path, threads);
    // Warm-up: lexicons, regexes, allocator, page cache.
    pages.iter().for_each(parse);
    pages.iter().for_each(extract);

    let mut figures = Vec::new();
    let runs: [(&str, &dyn Fn(usize) -> f64); 3] = [
        ("html5ever parse only", &|threads| timed(|| pool_each(threads, &pages, parse))),
        ("pith, pages in memory", &|threads| timed(|| pool_each(threads, &pages, extract))),
        ("pith batch, files -> JSONL", &|threads| timed(|| batch(threads))),
    ];
    for (name, run) in runs {
        let one = best(rounds, || run(1));
        let all = best(rounds, || run(cores));
        println!(
            "  {name:<30} {:>9.1} pages/s {:>5.2} MB/s {:>9.1} pages/s {:>5.2} MB/s {:>7.2}x",
            n / one,
            mb / one,
            n / all,
            mb / all,
            one / all
        );
        figures.push((one, all));
    }
    println!(
        "  pith / parse time: {:.2}x on 1 thread, {:.2}x on {cores}; batch / parse: {:.2}x, {:.2}x",
        figures[1].0 / figures[0].0,
        figures[1].1 / figures[0].1,
        figures[2].0 / figures[0].0,
        figures[2].1 / figures[0].1
    );
}

/// Seconds `work` takes.
fn timed(work: impl FnOnce()) -> f64 {
    let start = Instant::now();
    work();
    start.elapsed().as_secs_f64()
}

/// The best of `rounds` timings.
fn best(rounds: usize, mut run: impl FnMut() -> f64) -> f64 {
    let mut secs: Vec<f64> = (0..rounds).map(|_| run()).collect();
    best_median(&mut secs).0
}

/// `f` over every page on a pool of `threads` threads.
fn pool_each(threads: usize, pages: &[Vec<u8>], f: impl Fn(&Vec<u8>) + Sync + Send) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| pages.par_iter().for_each(f));
}

/// Counts output bytes, as a JSONL writer would write them.
struct CountingSink(usize);

impl Sink<String> for CountingSink {
    fn accept(&mut self, line: String) -> std::io::Result<()> {
        self.0 += line.len() + 1;
        Ok(())
    }
}

/// The CLI's batch path over `dir`: walk, read and gunzip (on the workers,
/// as the CLI does), extract, render JSONL, in order.
fn batch_run(extractor: &Extractor, dir: &Path, threads: usize) {
    let options = SourceOptions { max_bytes: pith::extractor::DEFAULT_MAX_BYTES, defer_reading: true, ..SourceOptions::default() };
    let sources = Sources::new(&[dir.to_path_buf()], options).expect("no globs to fail");
    let work = |item: Item| match item {
        Item::Unit(mut unit) => {
            unit.unpack();
            match &unit.content {
                Ok(bytes) => match extractor.extract_input(PageInput { url: unit.url.as_deref(), ..PageInput::new(bytes) }) {
                    Ok(doc) => Record::ok(&unit.source, &doc, &doc.text).to_line(),
                    Err(e) => Record::failed(&unit.source, None, e.to_string()).to_line(),
                },
                Err(e) => e.message.clone(),
            }
        }
        Item::Skipped { reason, .. } | Item::SkippedFile { reason, .. } => reason,
    };
    let mut sink = CountingSink(0);
    run_ordered(sources, threads, Window::items(IN_FLIGHT_PER_THREAD * threads), work, &mut sink, &AtomicBool::new(false)).expect("counting sink cannot fail");
    black_box(sink.0);
}
