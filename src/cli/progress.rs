//! The progress bar of `pith extract`, on stderr only: a count and a rate
//! while the number of inputs is not known (stdin, WARC, JSONL), a bar with
//! a percentage and an ETA once it is (files named, a directory walked, a
//! `--files-from` list). Directories are counted on a thread of their own,
//! so the run starts at once; inputs that hold many pages (WARC, JSONL),
//! or more pages than counted, turn the bar back into a count.
//!
//! Drawn on a terminal, or with `--progress` on any stderr (a log gets one
//! `\r`-separated update per second). Never written to the output stream.

use std::fmt::Debug;
use std::io::{self, Write};
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle, TermLike};

use pith::batch::source::is_container_name;
use pith::batch::walk::{self, InputPath, WalkOptions};

/// How often the bar is redrawn on a terminal, and when it is not one.
const TICK: Duration = Duration::from_millis(200);
const LOG_REFRESH_HZ: u8 = 1;
/// Width assumed for a stderr that is not a terminal.
const LOG_WIDTH: u16 = 100;
/// While the total is not known.
const COUNT_TEMPLATE: &str = "{spinner} {pos} inputs  {rate}  {elapsed_precise}";
/// Once it is.
const BAR_TEMPLATE: &str = "{bar:30} {pos}/{len} inputs ({percent}%)  {rate}  ETA {eta}";

/// A progress bar on stderr; `on_terminal` false draws it on a stderr that
/// is not one (`--progress`).
pub fn bar(on_terminal: bool) -> ProgressBar {
    let target = if on_terminal {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::term_like_with_hz(Box::new(LogStderr), LOG_REFRESH_HZ)
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(style(COUNT_TEMPLATE));
    bar.enable_steady_tick(TICK);
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} inputs/s", state.per_sec());
        })
}

/// Count the inputs `paths` name (directories walked as the run walks them)
/// on a thread, and give `bar` the total; none when one of them is stdin
/// or a WARC or JSONL file (their page counts are not known ahead).
pub fn count_in_background(bar: &ProgressBar, paths: Vec<PathBuf>, options: WalkOptions) -> Option<JoinHandle<()>> {
    let bar = bar.clone();
    std::thread::Builder::new().name("pith-count".into()).spawn(move || {
        let Ok(inputs) = walk::walk(&paths, &options) else { return };
        let mut total = 0u64;
        for input in inputs {
            match input {
                Ok(InputPath::File { rel, .. }) if !is_container_name(&rel) => total += 1,
                Ok(InputPath::Skipped { .. }) => {}
                // A named file that is missing still gives an (error) record.
                Err(_) => total += 1,
                Ok(InputPath::Stdin | InputPath::File { .. }) => return,
            }
        }
        if !bar.is_finished() && bar.position() <= total {
            bar.set_length(total);
            bar.set_style(style(BAR_TEMPLATE));
        }
    })
    // No thread, no total: the bar counts.
    .ok()
}

/// The end of the run: the bar is taken off a terminal; on another stderr
/// (`--progress`) its last state stays, on a line of its own. The count
/// (done by now: the run walked the same inputs) is waited for first.
pub fn finish(bar: &ProgressBar, on_terminal: bool, counter: Option<JoinHandle<()>>) {
    if let Some(counter) = counter {
        let _ = counter.join();
    }
    if on_terminal {
        bar.finish_and_clear();
    } else {
        bar.finish();
        eprintln!();
    }
}

/// One more input done; past the total (a page file that was a container
/// after all), the bar goes back to counting.
pub fn advance(bar: &ProgressBar) {
    bar.inc(1);
    if bar.length().is_some_and(|len| bar.position() > len) {
        bar.unset_length();
        bar.set_style(style(COUNT_TEMPLATE));
    }
}

/// stderr when it is not a terminal: no cursor moves, a line rewritten after `\r`.
#[derive(Debug)]
struct LogStderr;

impl TermLike for LogStderr {
    fn width(&self) -> u16 {
        LOG_WIDTH
    }
    fn move_cursor_up(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> io::Result<()> {
        writeln!(io::stderr(), "{s}")
    }
    fn write_str(&self, s: &str) -> io::Result<()> {
        write!(io::stderr(), "{s}")
    }
    fn clear_line(&self) -> io::Result<()> {
        write!(io::stderr(), "\r")
    }
    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
