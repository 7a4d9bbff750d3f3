//! Ordered parallel processing with bounded memory: items are read on the
//! calling thread, processed on a rayon pool, and handed to a sink thread
//! in input order, whatever the thread count. At most `in_flight` items are
//! between the reader and the sink at any time, so memory does not grow
//! with the input, and a slow item holds back output, never input.
//!
//! Reading runs on a thread of its own, so that a read blocked on a pipe
//! never keeps the run from stopping. This module knows nothing of pages
//! or records: it moves values.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
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

/// How often a waiting dispatcher looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);

/// Process `items` with `work` on `threads` threads (0: all cores) and hand
/// the results to `sink` in input order. `items` is read on a thread of its
/// own, so a read blocked on a pipe does not keep `stop` from being seen:
/// when it is set, no further item is started, the items started are
/// finished and sunk, and the run returns [`RunEnd::Stopped`] (a reader
/// still blocked is left behind, for the process to end). The sink's first
/// error ends the run and is returned.
pub fn run_ordered<T, R, I, W, S>(items: I, threads: usize, in_flight: usize, work: W, sink: &mut S, stop: &AtomicBool) -> std::io::Result<RunEnd>
where
    T: Send + 'static,
    R: Send,
    I: Iterator<Item = T> + Send + 'static,
    W: Fn(T) -> R + Sync,
    S: Sink<R> + Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("pith-worker-{i}"))
        .build()
        .map_err(std::io::Error::other)?;
    let in_flight = in_flight.max(1);
    // Items read ahead, waiting for a worker.
    let (item_tx, item_rx) = mpsc::sync_channel::<T>(in_flight);
    std::thread::Builder::new().name("pith-reader".into()).spawn(move || {
        for item in items {
            if item_tx.send(item).is_err() {
                break;
            }
        }
    })?;
    // A token per item allowed between dispatch and sink.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = token_tx.send(());
    }
    let (result_tx, result_rx) = mpsc::channel::<(u64, R)>();
    let work = &work;
    std::thread::scope(|threads| {
        let sink_thread = threads.spawn(move || drain_in_order(result_rx, token_tx, sink));
        let mut stopped = false;
        pool.in_place_scope(|scope| {
            for seq in 0u64.. {
                // Room first (an error: the sink has gone), then the next item.
                let Some(()) = wait(&token_rx, stop, &mut stopped) else { break };
                let Some(item) = wait(&item_rx, stop, &mut stopped) else { break };
                let tx = result_tx.clone();
                scope.spawn(move |_| {
                    let _ = tx.send((seq, work(item)));
                });
            }
        });
        drop(result_tx);
        let sunk = sink_thread.join().map_err(|_| std::io::Error::other("output thread panicked"))?;
        sunk.map(|()| if stopped { RunEnd::Stopped } else { RunEnd::Complete })
    })
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
/// returning a token for each.
fn drain_in_order<R, S: Sink<R>>(results: mpsc::Receiver<(u64, R)>, tokens: mpsc::SyncSender<()>, sink: &mut S) -> std::io::Result<()> {
    let mut pending: BTreeMap<u64, R> = BTreeMap::new();
    let mut next = 0u64;
    loop {
        let (seq, result) = match results.try_recv() {
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
        pending.insert(seq, result);
        while let Some(result) = pending.remove(&next) {
            sink.accept(result)?;
            next += 1;
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
            let end = run_ordered(0..200u64, threads, 8, work, &mut sink, &AtomicBool::new(false)).unwrap();
            assert_eq!(end, RunEnd::Complete);
            assert_eq!(sink.0, (0..200).map(|i| i * 10).collect::<Vec<_>>());
        }
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
        run_ordered(items, 2, 4, |i| i, &mut Check(read, 2 * 4 + 1), &AtomicBool::new(false)).unwrap();
    }

    #[test]
    fn a_sink_error_ends_the_run_and_stop_stops_reading() {
        struct Fail;
        impl Sink<u64> for Fail {
            fn accept(&mut self, r: u64) -> std::io::Result<()> {
                if r == 5 { Err(std::io::Error::other("disk full")) } else { Ok(()) }
            }
        }
        let err = run_ordered(0..1_000_000u64, 2, 4, |i| i, &mut Fail, &AtomicBool::new(false)).unwrap_err();
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
        let end = run_ordered(rx.into_iter(), 2, 4, |i| i, &mut sink, &STOP).unwrap();
        assert_eq!(end, RunEnd::Stopped);
        assert_eq!(sink.0, (0..10).collect::<Vec<_>>());
        assert!(started.elapsed() < Duration::from_secs(3), "stopped without waiting for the reader");
    }
}
