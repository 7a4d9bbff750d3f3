//! The hostile-input harness shared by the `hostile*` test files: runs the
//! `pith` binary as a user would, measures wall time and peak RSS (GNU time
//! when installed), prints one row of `scripts/hostile-report.sh`'s table
//! per case, and asserts the bounds every case must keep: no signal, no
//! panic, exit 0 or 1, within [`TIME_BOUND`] and [`RSS_BOUND_MIB`].
//!
//! Used as `mod support;` from each `tests/hostile*.rs`; not a test target.

#![allow(dead_code)]

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Wall time any case may take (the per-input time limit is 30 s; the
/// slowest case, a 10 GB gzip bomb read through to its 1 GiB skip limit,
/// takes a few seconds).
pub const TIME_BOUND: Duration = Duration::from_secs(60);
/// Peak resident memory any case may reach, MiB (the largest input read
/// whole is 64 MiB, the default `--max-bytes`).
pub const RSS_BOUND_MIB: f64 = 600.0;

pub struct Run {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub secs: f64,
    pub peak_mib: f64,
}

/// GNU time, which measures its child's peak RSS from a small process.
const GNU_TIME: &str = "/usr/bin/time";

/// How a case is run beyond its arguments.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    /// Address-space limit (`ulimit -v`) in MiB: the process must stay
    /// within it or be refused memory (which aborts a Rust process).
    pub vmem_mib: Option<u64>,
    /// Exit codes accepted besides 0 and 1 (a refusal exits 2).
    pub codes: Vec<i32>,
    /// Standard input (default: none).
    pub stdin: Option<PathBuf>,
}

/// Run `pith ARGS` and measure its wall time and peak RSS (see [`run_with`]).
pub fn run(case: &str, args: &[&str]) -> Run {
    run_with(case, args, &Limits::default())
}

/// Run `pith ARGS` under `limits` and measure its wall time and peak RSS.
/// The peak comes from GNU time when installed (`.ci/run` installs it): a
/// child forked from this test process would inherit the test's own
/// high-water mark in `wait4`'s figure, so that is only the fallback (an
/// upper bound). A run still going at twice [`TIME_BOUND`] is killed, so a
/// hang fails the case instead of the suite.
pub fn run_with(case: &str, args: &[&str], limits: &Limits) -> Run {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let tag = format!("hostile-{}-{case}", std::process::id());
    let out_path = dir.join(format!("{tag}.out"));
    let err_path = dir.join(format!("{tag}.err"));
    let rss_path = dir.join(format!("{tag}.rss"));
    let gnu_time = Path::new(GNU_TIME).exists();
    let mut command = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.args(["-f", "%M", "-o"]).arg(&rss_path).arg(env!("CARGO_BIN_EXE_pith"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_pith"))
    };
    if let Some(mib) = limits.vmem_mib {
        let bytes = mib << 20;
        // SAFETY: setrlimit is async-signal-safe; the closure touches no heap.
        unsafe {
            command.pre_exec(move || {
                let lim = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let stdin = match &limits.stdin {
        Some(p) => Stdio::from(std::fs::File::open(p).expect("stdin file")),
        None => Stdio::null(),
    };
    let started = Instant::now();
    // Reaped by wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = command
        .process_group(0)
        .args(args)
        .stdin(stdin)
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("spawn pith");
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    loop {
        // SAFETY: the pid is our child's; status and usage point to live locals.
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(got >= 0, "wait4 failed");
        if got == pid {
            break;
        }
        if started.elapsed() > 2 * TIME_BOUND {
            // SAFETY: signalling the child's own process group (GNU time and
            // pith under it), which `process_group(0)` made.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let secs = started.elapsed().as_secs_f64();
    let stdout = std::fs::read(&out_path).expect("read stdout");
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let timed = std::fs::read_to_string(&rss_path).unwrap_or_default();
    for p in [&out_path, &err_path, &rss_path] {
        let _ = std::fs::remove_file(p);
    }
    assert!(Duration::from_secs_f64(secs) <= TIME_BOUND, "{case}: took {secs:.1} s (killed at twice the bound); stderr: {stderr:.500}");
    assert!(!timed.contains("terminated by signal"), "{case}: {timed}; stderr: {stderr:.2000}");
    // Both figures are in KiB on Linux.
    let kib = if gnu_time { timed.lines().last().and_then(|l| l.trim().parse::<f64>().ok()).expect("GNU time's %M") } else { usage.ru_maxrss as f64 };
    let run = Run { status: std::process::ExitStatus::from_raw(status), stdout, stderr, secs, peak_mib: kib / 1024.0 };
    println!("| {case:<28} | {:>7.2} s | {:>7.1} MiB | {} |", run.secs, run.peak_mib, outcome(&run));
    assert!(run.status.signal().is_none(), "{case}: killed by signal {:?}; stderr: {}", run.status.signal(), run.stderr);
    let code = run.status.code().unwrap_or(-1);
    assert!(matches!(code, 0 | 1) || limits.codes.contains(&code), "{case}: exit {code}; stderr: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
    assert!(run.peak_mib <= RSS_BOUND_MIB, "{case}: peak RSS {:.0} MiB", run.peak_mib);
    run
}

pub fn records(r: &Run) -> Vec<Value> {
    String::from_utf8_lossy(&r.stdout).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:.200}"))).collect()
}

pub fn outcome(r: &Run) -> String {
    let recs: Vec<Value> = String::from_utf8_lossy(&r.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let ok = recs.iter().filter(|v| v["error"].is_null()).count();
    let err = recs.iter().filter_map(|v| v["error"].as_str()).next().map(|e| format!(", error: {:.70}", e)).unwrap_or_default();
    format!("{} records, {ok} ok{err}", recs.len())
}

pub fn text(v: &Value) -> &str {
    v["text"].as_str().unwrap_or("")
}

/// A file in a fresh folder for `case`.
pub fn input(case: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write input");
    path
}

pub fn cleanup(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

pub const PROSE: &str = "The committee published its report on Tuesday, and the minister said the recommendations would be adopted in full.";

/// Extract one page file as JSONL and return its single record.
pub fn one(case: &str, name: &str, bytes: &[u8]) -> (Run, Value) {
    let path = input(case, name, bytes);
    let r = run(case, &["extract", s(&path), "--format", "jsonl"]);
    cleanup(&path);
    let mut recs = records(&r);
    assert_eq!(recs.len(), 1, "{case}: {}", r.stderr);
    let rec = recs.remove(0);
    (r, rec)
}
