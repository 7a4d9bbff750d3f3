//! Ordered parallel processing with bounded memory: items are read on the
//! calling thread, processed on a rayon pool, and handed to a sink thread
//! in input order, whatever the thread count. Between the reader and the
//! sink there are at most `in_flight` items (plus the one the reader holds)
//! and at most a `budget` of their weights (bytes, or what an item will
//! cost to process), always letting one item through however heavy: so
//! memory does not grow with the input or the thread count, and a slow
//! item holds back output, never input.
//!
//! Reading runs on a thread of its own, so that a read blocked on a pipe
//! never keeps the run from stopping. This module knows nothing of pages
//! or records: it moves values.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Where results go, in input order.
pub trait Sink<R> {
    /// The next result. An error stops the run.
    fn accept(&mut self, result: R) -> std::io::Result<()>;
    /// No result is ready: a moment to flush buffered output.
    fn idle(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How a run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// Every item was processed and sunk.
    Complete,
    /// `stop` was set: items read before it were processed and sunk.
    Stopped,
}

/// Most worker threads per core: extraction is CPU-bound, so more threads
/// only add memory (each holds a page) and start-up time (`-j 5000` took
/// minutes where `-j 2` took 0.7 s).
pub const MAX_THREADS_PER_CORE: usize = 4;
/// Most worker threads on any machine.
pub const MAX_THREADS: usize = 1024;

/// The most worker threads a run gets on this machine:
/// [`MAX_THREADS_PER_CORE`] per core, at most [`MAX_THREADS`]. The CLI's
/// `-j` and the Python binding's `threads` are lowered to it.
pub fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    cores.saturating_mul(MAX_THREADS_PER_CORE).clamp(1, MAX_THREADS)
}

/// The threads a pool of `threads` gets (0: rayon's default, as
/// `RAYON_NUM_THREADS` or the cores say), known without starting rayon's
/// global pool (which `rayon::current_num_threads` would start).
pub fn pool_threads(threads: usize) -> usize {
    if threads > 0 {
        return threads;
    }
    let asked = std::env::var("RAYON_NUM_THREADS").ok().and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0);
    asked.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// How often a waiting dispatcher looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);

/// The weight of the items between the reader and the sink, against a budget.
struct Scale {
    used: Mutex<usize>,
    freed: Condvar,
    budget: usize,
}

impl Scale {
    /// Wait until `weight` fits (or nothing else is in flight), then take it.
    fn take(&self, weight: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && used.saturating_add(weight) > self.budget {
            used = self.freed.wait(used).unwrap_or_else(PoisonError::into_inner);
        }
        *used = used.saturating_add(weight);
    }

    /// Give back what an item took.
    fn give(&self, weight: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(weight);
        self.freed.notify_all();
    }
}

/// How much may be between the reader and the sink: `items` of them, of at
/// most `budget` total weight as `weigh` tells it (one item always passes).
pub struct Window<F> {
    pub items: usize,
    pub budget: usize,
    pub weigh: F,
}

impl Window<fn(&()) -> usize> {
    /// `items` items, whatever their weight.
    pub fn items<T>(items: usize) -> Window<fn(&T) -> usize> {
        Window { items, budget: usize::MAX, weigh: |_| 0 }
    }
}

/// Process `items` with `work` on `threads` threads (0: all cores) and hand
/// the results to `sink` in input order, with at most `window` of them in
/// flight (read, being processed, or waiting for an earlier one). `items` is read on a thread of its
/// own, so a read blocked on a pipe does not keep `stop` from being seen:
/// when it is set, no further item is started, the items started are
/// finished and sunk, and the run returns [`RunEnd::Stopped`] (a reader
/// still blocked is left behind, for the process to end). The sink's first
/// error ends the run and is returned.
pub fn run_ordered<T, R, I, F, W, S>(items: I, threads: usize, window: Window<F>, work: W, sink: &mut S, stop: &AtomicBool) -> std::io::Result<RunEnd>
where
    T: Send + 'static,
    R: Send,
    I: Iterator<Item = T> + Send + 'static,
    F: Fn(&T) -> usize + Send + 'static,
    W: Fn(T) -> R + Sync,
    S: Sink<R> + Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("pith-worker-{i}"))
        .build()
        .map_err(std::io::Error::other)?;
    let in_flight = window.items.max(1);
    let scale = Arc::new(Scale { used: Mutex::new(0), freed: Condvar::new(), budget: window.budget });
    // Items read ahead, waiting for a worker, with their weights.
    let (item_tx, item_rx) = mpsc::sync_channel::<(T, usize)>(in_flight);
    let reader_scale = Arc::clone(&scale);
    let weigh = window.weigh;
    std::thread::Builder::new().name("pith-reader".into()).spawn(move || {
        for item in items {
            let weight = weigh(&item).min(reader_scale.budget);
            reader_scale.take(weight);
            if item_tx.send((item, weight)).is_err() {
                break;
            }
        }
    })?;
    // A token per item allowed between dispatch and sink.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let (result_tx, result_rx) = mpsc::channel::<(u64, usize, R)>();
    let work = &work;
    let scale = &scale;
    std::thread::scope(|threads| {
        let sink_thread = threads.spawn(move || drain_in_order(result_rx, token_tx, scale, sink));
        let mut stopped = false;
        pool.in_place_scope(|scope| {
            for seq in 0u64.. {
                // Room first (an error: the sink has gone), then the next item.
                let Some(()) = wait(&token_rx, stop, &mut stopped) else { break };
                let Some((item, weight)) = wait(&item_rx, stop, &mut stopped) else { break };
                let tx = result_tx.clone();
                scope.spawn(move |_| {
                    let _ = tx.send((seq, weight, work(item)));
                });
            }
        });
        drop(result_tx);
        let sunk = sink_thread.join().map_err(|_| std::io::Error::other("output thread panicked"))?;
        sunk.map(|()| if stopped { RunEnd::Stopped } else { RunEnd::Complete })
    })
}

/// [`run_ordered`] on the calling thread, for a run of one item (one page
/// already read): no pool, reading or sink thread to start, which costs
/// such a run more than its page. `stop` is looked at before each item.
pub fn run_inline<T, R, I, W, S>(items: I, work: W, sink: &mut S, stop: &AtomicBool) -> std::io::Result<RunEnd>
where
    I: Iterator<Item = T>,
    W: Fn(T) -> R,
    S: Sink<R>,
{
    let mut end = RunEnd::Complete;
    for item in items {
        if stop.load(Ordering::SeqCst) {
            end = RunEnd::Stopped;
            break;
        }
        sink.accept(work(item))?;
    }
    sink.idle()?;
    Ok(end)
}

/// The next value of `rx`, looking at `stop` while waiting; `None` when
/// the channel has closed or `stop` is set (then `stopped` is set too).
fn wait<V>(rx: &mpsc::Receiver<V>, stop: &AtomicBool, stopped: &mut bool) -> Option<V> {
    loop {
        if stop.load(Ordering::SeqCst) {
            *stopped = true;
            return None;
        }
        match rx.recv_timeout(STOP_POLL) {
            Ok(v) => return Some(v),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The sink thread: reorder results by sequence number and sink them,
/// returning a token and the item's weight for each.
fn drain_in_order<R, S: Sink<R>>(results: mpsc::Receiver<(u64, usize, R)>, tokens: mpsc::SyncSender<()>, scale: &Scale, sink: &mut S) -> std::io::Result<()> {
    let mut pending: BTreeMap<u64, (usize, R)> = BTreeMap::new();
    let mut next = 0u64;
    loop {
        let (seq, weight, result) = match results.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => {
                sink.idle()?;
                match results.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        pending.insert(seq, (weight, result));
        while let Some((weight, result)) = pending.remove(&next) {
            sink.accept(result)?;
            next += 1;
            scale.give(weight);
            let _ = tokens.try_send(());
        }
    }
    sink.idle()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    struct Collect(Vec<u64>);

    impl Sink<u64> for Collect {
        fn accept(&mut self, r: u64) -> std::io::Result<()> {
            self.0.push(r);
            Ok(())
        }
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        for threads in [1, 2, 4] {
            let mut sink = Collect(Vec::new());
            let work = |i: u64| {
                // Early items are slow, so later ones finish first.
                std::thread::sleep(Duration::from_micros((50 - i.min(50)) * 20));
                i * 10
            };
            let end = run_ordered(0..200u64, threads, Window::items(8), work, &mut sink, &AtomicBool::new(false)).unwrap();
            assert_eq!(end, RunEnd::Complete);
            assert_eq!(sink.0, (0..200).map(|i| i * 10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn inline_runs_sink_in_order_and_stop() {
        let mut sink = Collect(Vec::new());
        assert_eq!(run_inline(0..5u64, |i| i * 10, &mut sink, &AtomicBool::new(false)).unwrap(), RunEnd::Complete);
        assert_eq!(sink.0, vec![0, 10, 20, 30, 40]);
        let mut sink = Collect(Vec::new());
        assert_eq!(run_inline(0..5u64, |i| i, &mut sink, &AtomicBool::new(true)).unwrap(), RunEnd::Stopped);
        assert!(sink.0.is_empty());
    }

    #[test]
    fn in_flight_bounds_how_far_reading_runs_ahead() {
        use std::sync::atomic::AtomicU64;
        static READ: AtomicU64 = AtomicU64::new(0);
        let read = &READ;
        struct Check<'a>(&'a AtomicU64, u64);
        impl Sink<u64> for Check<'_> {
            fn accept(&mut self, r: u64) -> std::io::Result<()> {
                // When result r is sunk, at most r + 1 + in_flight items were read.
                assert!(self.0.load(Ordering::SeqCst) <= r + 1 + self.1);
                Ok(())
            }
        }
        let items = (0..100u64).inspect(|_| {
            READ.fetch_add(1, Ordering::SeqCst);
        });
        // Read ahead: `in_flight` waiting in the item channel, `in_flight` dispatched.
        run_ordered(items, 2, Window::items(4), |i| i, &mut Check(read, 2 * 4 + 1), &AtomicBool::new(false)).unwrap();
    }

    #[test]
    fn the_weight_in_flight_stays_within_the_budget_and_a_heavy_item_passes_alone() {
        use std::sync::atomic::AtomicUsize;
        // Weight of the items started and not yet sunk, its peak among light
        // items, and what was in flight with the heavy one.
        static HELD: AtomicUsize = AtomicUsize::new(0);
        static PEAK: AtomicUsize = AtomicUsize::new(0);
        static WITH_HEAVY: AtomicUsize = AtomicUsize::new(0);
        struct Release;
        impl Sink<usize> for Release {
            fn accept(&mut self, w: usize) -> std::io::Result<()> {
                HELD.fetch_sub(w, Ordering::SeqCst);
                Ok(())
            }
        }
        // Weights 1..=10 and one of 50, over the budget of 10.
        let items = (0..200usize).map(|i| if i == 77 { 50 } else { i % 10 + 1 });
        let window = Window { items: 64, budget: 10, weigh: |w: &usize| *w };
        let work = |w: usize| {
            let now = HELD.fetch_add(w, Ordering::SeqCst) + w;
            if w > 10 {
                WITH_HEAVY.store(now, Ordering::SeqCst);
            } else {
                PEAK.fetch_max(now, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_micros(200));
            w
        };
        run_ordered(items, 4, window, work, &mut Release, &AtomicBool::new(false)).unwrap();
        assert!(PEAK.load(Ordering::SeqCst) <= 10, "peak weight {}", PEAK.load(Ordering::SeqCst));
        assert_eq!(WITH_HEAVY.load(Ordering::SeqCst), 50, "the heavy item ran alone");
        assert_eq!(HELD.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn a_sink_error_ends_the_run_and_stop_stops_reading() {
        struct Fail;
        impl Sink<u64> for Fail {
            fn accept(&mut self, r: u64) -> std::io::Result<()> {
                if r == 5 { Err(std::io::Error::other("disk full")) } else { Ok(()) }
            }
        }
        let err = run_ordered(0..1_000_000u64, 2, Window::items(4), |i| i, &mut Fail, &AtomicBool::new(false)).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        // Stop while the reader is blocked (as on a pipe with no data).
        static STOP: AtomicBool = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<u64>();
        for i in 0..10 {
            tx.send(i).unwrap();
        }
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            STOP.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_secs(5));
            drop(tx);
        });
        let mut sink = Collect(Vec::new());
        let started = std::time::Instant::now();
        let end = run_ordered(rx.into_iter(), 2, Window::items(4), |i| i, &mut sink, &STOP).unwrap();
        assert_eq!(end, RunEnd::Stopped);
        assert_eq!(sink.0, (0..10).collect::<Vec<_>>());
        assert!(started.elapsed() < Duration::from_secs(3), "stopped without waiting for the reader");
    }
}
