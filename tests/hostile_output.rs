#![cfg(unix)]
//! Hostile command lines (issue 18, items 2, 13, 15, 16): thread counts
//! far past the cores, a FIFO inside an input directory, an output file
//! inside the directory being read, absurd numbers. Each must end promptly
//! within the memory bound (see `support`).

mod support;
use support::*;

use std::path::{Path, PathBuf};

/// A folder of `n` small pages for `case`.
fn folder(case: &str, n: usize) -> PathBuf {
    let first = input(case, "p0.html", page(0).as_bytes());
    let dir = first.parent().expect("folder").to_path_buf();
    for i in 1..n {
        std::fs::write(dir.join(format!("p{i}.html")), page(i)).expect("write page");
    }
    dir
}

fn page(i: usize) -> String {
    format!("<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>")
}

fn done(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn threads_far_past_the_cores_are_clamped() {
    for (case, j) in [("j-2^40", "1099511627776"), ("j-u64-max", "18446744073709551615"), ("j-5000", "5000")] {
        let dir = folder(case, 20);
        let r = run(case, &["extract", s(&dir), "-j", j]);
        assert_eq!(records(&r).len(), 20, "{case}: {}", r.stderr);
        assert!(r.stderr.contains("threads per core"), "{case}: {}", r.stderr);
        assert!(r.secs < 10.0, "{case}: {:.1} s", r.secs);
        done(&dir);
    }
}

#[test]
fn a_fifo_inside_an_input_directory_does_not_hang_the_run() {
    let dir = folder("fifo-in-dir", 3);
    assert!(std::process::Command::new("mkfifo").arg(dir.join("p1-pipe.html")).status().expect("mkfifo").success());
    let r = run("fifo-in-dir", &["extract", s(&dir), "--timeout", "1"]);
    assert_eq!(records(&r).len(), 3, "{}", r.stderr);
    assert!(r.stderr.contains("not a regular file: 1"), "{}", r.stderr);
    done(&dir);
}

#[test]
fn an_output_file_inside_the_input_directory_is_not_read_back() {
    let dir = folder("own-output", 50);
    let out = dir.join("zz.jsonl");
    for _ in 0..3 {
        let r = run("own-output", &["extract", s(&dir), "-o", s(&out)]);
        assert!(r.status.success(), "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(&out).expect("output").lines().count(), 50);
    }
    done(&dir);
}

#[test]
fn absurd_numbers_are_refused_or_taken_whole() {
    let dir = folder("numbers", 1);
    let p = dir.join("p0.html");
    let refused = Limits { codes: vec![2], ..Limits::default() };
    let r = run_with("timeout-1e20", &["extract", s(&p), "--timeout", "1e20"], &refused);
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    let r = run("max-bytes-u64-max", &["extract", s(&p), "--format", "jsonl", "--max-bytes", "18446744073709551615"]);
    assert!(text(&records(&r)[0]).contains("committee"), "{}", r.stderr);
    done(&dir);
}
