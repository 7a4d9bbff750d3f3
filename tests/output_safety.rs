//! Outputs never destroy inputs (issue 18, items 1-5, 13, 16, 20): `-o`
//! and `--output-dir` refuse to write over an input (exit 2, nothing
//! written), the walk never reads the run's own output, every output name
//! of a run is unique, temp files of a live run are left alone, a failed
//! write is never counted as extracted, FIFOs and links leading outside an
//! input directory are passed over, numeric options do not overflow.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod scratch;

/// Longest any run here may take: a run that reads its own output grows
/// without end, and a FIFO blocks forever.
const RUN_LIMIT: Duration = Duration::from_secs(30);

fn scratch(test: &str) -> PathBuf {
    scratch::dir("pith-outsafe", test)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn page(i: usize) -> String {
    format!(
        "<html><head><title>Bulletin {i}</title></head><body><article><h1>Bulletin {i}</h1>\
         <p>Bulletin {i}: the harbour master reported that the ferries ran on time despite the wind from the north.</p>\
         <p>The council said the pier would reopen in spring after the repairs to the old wooden deck.</p></article></body></html>"
    )
}

fn pages(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in 0..n {
        std::fs::write(dir.join(format!("p{i}.html")), page(i)).expect("write page");
    }
}

/// Run `pith ARGS` (stdin and stdout as given), killing it at [`RUN_LIMIT`].
fn pith_io(args: &[&str], stdin: Stdio, stdout: Stdio) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith")).args(args).stdin(stdin).stdout(stdout).stderr(Stdio::piped()).spawn().expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pith {args:?} still running after {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

fn pith(args: &[&str]) -> Output {
    pith_io(args, Stdio::null(), Stdio::piped())
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).expect("read output").lines().count()
}

#[test]
fn o_file_that_is_an_input_is_refused_and_left_intact() {
    let dir = scratch("o-input");
    pages(&dir, 2);
    let (a, b) = (dir.join("p0.html"), dir.join("p1.html"));
    let before = std::fs::read(&a).expect("read");
    // The same name, a hard link, a symbolic link, stdin: all the same file.
    let hard = dir.join("hard.html");
    std::fs::hard_link(&b, &hard).expect("hard link");
    let soft = dir.join("soft.html");
    std::os::unix::fs::symlink(&a, &soft).expect("symlink");
    for (args, input) in [
        (vec!["extract", s(&a), "-o", s(&a)], &a),
        (vec!["extract", s(&a), s(&b), "-o", s(&hard)], &b),
        (vec!["extract", s(&a), "-o", s(&soft)], &a),
    ] {
        let o = pith(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("refusing to write") && err(&o).contains(s(input)), "{}", err(&o));
    }
    let o = pith_io(&["extract", "-", "-o", s(&a)], Stdio::from(std::fs::File::open(&a).expect("open")), Stdio::piped());
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("standard input"), "{}", err(&o));
    assert_eq!(std::fs::read(&a).expect("read"), before, "the input was changed");
    // A WARC given as its own output keeps every record.
    let warc = dir.join("b.warc");
    let mut bytes = Vec::new();
    for i in 0..300 {
        let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}", page(i));
        bytes.extend(format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/{i}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len()).into_bytes());
    }
    std::fs::write(&warc, &bytes).expect("write warc");
    let o = pith(&["extract", s(&warc), "-o", s(&warc)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(std::fs::read(&warc).expect("read"), bytes, "the WARC was changed");
    // Standard output redirected onto an input.
    let o = pith_io(&["extract", s(&b)], Stdio::null(), Stdio::from(std::fs::OpenOptions::new().append(true).open(&b).expect("open")));
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(std::fs::read_to_string(&b).expect("read").ends_with("</html>"), "the input was appended to");
}

#[test]
fn o_file_inside_an_input_directory_is_never_read() {
    let dir = scratch("o-inside");
    let input = dir.join("f");
    pages(&input, 5);
    std::fs::create_dir_all(input.join("zzz")).expect("mkdir");
    for out in [input.join("zz.jsonl"), input.join("zzz/out.jsonl")] {
        for run in 0..2 {
            let o = pith(&["extract", s(&input), "-o", s(&out)]);
            assert_eq!(o.status.code(), Some(0), "{}", err(&o));
            // Five pages, plus the other output file (a JSONL of five records) on its second run.
            let other = if out.ends_with("zz.jsonl") { 0 } else { 5 };
            assert_eq!(lines(&out), 5 + other, "run {run} of -o {}: {}", out.display(), err(&o));
            if run == 1 {
                assert!(err(&o).contains(&format!("skipped {}: this run's output", out.display())), "{}", err(&o));
            }
        }
    }
    // Standard output redirected into the input directory.
    let redirected = input.join("stdout.jsonl");
    let o = pith_io(&["extract", s(&input), "--glob", "*.html"], Stdio::null(), Stdio::from(std::fs::File::create(&redirected).expect("create")));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(lines(&redirected), 5);
}

#[test]
fn output_dir_over_inputs_is_refused_and_inside_one_is_passed_over() {
    let dir = scratch("outdir");
    let input = dir.join("d");
    pages(&input, 3);
    std::fs::write(input.join("a.txt"), "A text dump with a few words in it.\n").expect("write");
    let before: Vec<_> = ["a.txt", "p0.html"].iter().map(|f| std::fs::read(input.join(f)).expect("read")).collect();
    for args in [
        vec!["extract", s(&input), "--output-dir", s(&input)],
        vec!["extract", s(&input).to_owned().leak(), "--output-dir", s(&dir)],
    ] {
        let o = pith(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("refusing --output-dir"), "{}", err(&o));
    }
    let a = input.join("a.txt");
    let o = pith(&["extract", s(&a), "--output-dir", s(&input)]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let after: Vec<_> = ["a.txt", "p0.html"].iter().map(|f| std::fs::read(input.join(f)).expect("read")).collect();
    assert_eq!(after, before, "an input was overwritten");
    assert!(!input.join("p0.txt").exists(), "something was written");
    // Inside an input directory: passed over, run after run.
    let out = input.join("out");
    for _ in 0..2 {
        let o = pith(&["extract", s(&input), "--output-dir", s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert!(err(&o).contains("4 inputs: 4 extracted") && err(&o).contains("this run's output: 1"), "{}", err(&o));
    }
    assert!(!out.join("out").exists(), "the output folder was read as input");
}

#[test]
fn container_records_and_pages_never_share_an_output_name() {
    let dir = scratch("names");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("x")).expect("mkdir");
    std::fs::write(input.join("x/000001.html"), page(1)).expect("write");
    let text = "A record with no id and no URL, about the ferries and the harbour master, long enough to keep.";
    std::fs::write(input.join("x.jsonl"), format!("{{\"text\": \"{text}\"}}\n")).expect("write");
    let out = dir.join("out");
    let o = pith(&["extract", s(&input), "--output-dir", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let mut files: Vec<String> = std::fs::read_dir(out.join("x")).expect("out/x").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let all: String = files.iter().map(|f| std::fs::read_to_string(out.join("x").join(f)).expect("read")).collect();
    assert!(all.contains("Bulletin 1") && all.contains("no id and no URL"), "{all}");
}

#[test]
fn temp_files_of_a_live_run_are_left_and_a_failed_write_is_not_extracted() {
    let dir = scratch("temps");
    let input = dir.join("in");
    pages(&input, 2);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    // A live process's temp file (a sleeping child), and a dead one's.
    let mut live = Command::new("sleep").arg("30").spawn().expect("spawn sleep");
    let live_temp = out.join(format!(".pith-tmp-{}-p9.txt", live.id()));
    std::fs::write(&live_temp, "being written").expect("write");
    let mut dead = Command::new("true").spawn().expect("spawn true");
    let dead_pid = dead.id();
    dead.wait().expect("wait");
    let dead_temp = out.join(format!(".pith-tmp-{dead_pid}-p8.txt"));
    std::fs::write(&dead_temp, "left by a killed run").expect("write");
    let o = pith(&["extract", s(&input), "--output-dir", s(&out)]);
    let _ = live.kill();
    let _ = live.wait();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(live_temp.exists(), "a live run's temp file was removed");
    assert!(!dead_temp.exists(), "a dead run's temp file was left");

    // An output that cannot be written (a file where its folder must be).
    let nested = dir.join("nested");
    pages(&nested.join("sub"), 1);
    let blocked = dir.join("blocked");
    std::fs::create_dir_all(&blocked).expect("mkdir");
    std::fs::write(blocked.join("sub"), "in the way").expect("write");
    let o = pith(&["extract", s(&nested), "--output-dir", s(&blocked)]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("0 extracted") && err(&o).contains("not written: 1"), "{}", err(&o));
}

#[test]
fn fifos_in_directories_are_skipped_and_a_named_fifo_is_read() {
    let dir = scratch("fifo");
    let input = dir.join("in");
    pages(&input, 2);
    let fifo = input.join("a-pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let o = pith(&["extract", s(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("2 inputs: 2 extracted") && err(&o).contains("1 files skipped (not a regular file: 1)"), "{}", err(&o));
    // Named on the command line, it is read like `cat` reads it.
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(writer_path, page(7)));
    let o = pith(&["extract", s(&fifo)]);
    writer.join().expect("writer").expect("write fifo");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Bulletin 7"));
}

#[test]
fn links_leading_outside_the_input_directory_need_follow() {
    let dir = scratch("links");
    let (input, outside) = (dir.join("in"), dir.join("outside"));
    pages(&input, 1);
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("secret.html"), page(42)).expect("write");
    std::os::unix::fs::symlink(outside.join("secret.html"), input.join("l.html")).expect("symlink");
    std::os::unix::fs::symlink(&outside, input.join("ld")).expect("symlink");
    std::os::unix::fs::symlink(input.join("p0.html"), input.join("same.html")).expect("symlink");
    let o = pith(&["extract", s(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(!out.contains("Bulletin 42"), "a link outside the tree was followed: {out}");
    assert_eq!(out.lines().count(), 2, "the link inside the tree is read: {out}");
    assert!(err(&o).contains("symbolic link leading outside the input directory: 2"), "{}", err(&o));
    let o = pith(&["extract", "-L", s(&input)]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.contains("Bulletin 42")).count(), 2, "{}", err(&o));
}

#[test]
fn numeric_options_do_not_overflow() {
    let dir = scratch("numbers");
    pages(&dir, 1);
    let p = dir.join("p0.html");
    let o = pith(&["extract", s(&p), "--max-bytes", "18446744073709551615"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("harbour master"), "the largest --max-bytes wrapped to nothing");
    for t in ["1e20", "inf", "nan", "0", "-1"] {
        let o = pith(&["extract", s(&p), &format!("--timeout={t}")]);
        assert_eq!(o.status.code(), Some(2), "--timeout {t}: {}", err(&o));
        assert!(err(&o).contains("--timeout") && !err(&o).contains("panicked"), "{}", err(&o));
    }
    let o = pith(&["extract", s(&p), "-j", "5000"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("threads per core"), "{}", err(&o));
}
