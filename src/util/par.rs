//! Parallel maps on scoped threads, results in input order.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Applies `f` to every item on up to `jobs` threads; the results keep the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = jobs.max(1).min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was mapped")
        })
        .collect()
}

/// Applies `work` to each item of `items` on `jobs` threads and hands each result to `sink`
/// on the calling thread, in the items' order. Items are taken from the iterator only as
/// results are handed on: at most `window` are in flight or waiting for an earlier one, so
/// memory does not grow with the number of items (and the threads live for the whole run).
/// The first error of `sink` stops the run; a panic of `work` is raised again on the calling
/// thread (rather than leaving it waiting for a result that never comes).
pub fn ordered<T: Send, R: Send, E>(
    items: impl IntoIterator<Item = T>,
    jobs: usize,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let mut items = items.into_iter();
    let jobs = jobs.max(1);
    if jobs == 1 {
        return items.try_for_each(|t| sink(work(t)));
    }
    let window = window.max(jobs);
    let (task_tx, task_rx) = mpsc::channel::<(usize, T)>();
    let (done_tx, done_rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    let task_rx = Mutex::new(task_rx);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        // Owned by this closure: when it returns (done, or an error of `sink`), the workers
        // find no more tasks and stop.
        let (task_tx, done_rx) = (task_tx, done_rx);
        for _ in 0..jobs {
            let (task_rx, done_tx, work, stop) = (&task_rx, done_tx.clone(), &work, &stop);
            s.spawn(move || {
                loop {
                    // The lock is held only to take a task, not while working on it.
                    let task = task_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, t)) = task else { break };
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(t)));
                    if done_tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let (mut sent, mut next) = (0, 0);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut exhausted = false;
        loop {
            while !exhausted && sent - next < window {
                match items.next() {
                    Some(t) => {
                        task_tx.send((sent, t)).expect("workers wait for tasks");
                        sent += 1;
                    }
                    None => exhausted = true,
                }
            }
            if next == sent {
                break;
            }
            let (i, r) = done_rx.recv().expect("a worker answers every task");
            let r = r.unwrap_or_else(|panic| {
                stop.store(true, Ordering::Relaxed);
                std::panic::resume_unwind(panic)
            });
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&next) {
                next += 1;
                // Returning drops the task sender: the workers stop after their current task.
                if let Err(e) = sink(r) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })
}

/// The number of cores, for `--jobs` by default.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let v: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&v, 4, |x| x * 2),
            v.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&Vec::<u32>::new(), 4, |x| *x).is_empty());
    }

    #[test]
    fn ordered_hands_results_on_in_order_with_a_bounded_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let taken = AtomicUsize::new(0);
        let mut got = Vec::new();
        let items = (0..1000u64).inspect(|_| {
            taken.fetch_add(1, Ordering::SeqCst);
        });
        let r: Result<(), ()> = super::ordered(
            items,
            3,
            8,
            |x| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((x * 7919) % 50));
                x * 2
            },
            |r| {
                // Never more than the window taken ahead of what was handed on.
                assert!(taken.load(Ordering::SeqCst) <= got.len() + 1 + 8);
                got.push(r);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(got, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_panic_of_work_is_raised_not_waited_on() {
        let r = std::panic::catch_unwind(|| {
            let _ = super::ordered(
                0..1000,
                2,
                4,
                |x| {
                    assert!(x != 7, "item 7 fails");
                    x
                },
                |_| Ok::<(), ()>(()),
            );
        });
        let message = r.expect_err("the panic reaches the caller");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"item 7 fails"));
    }

    #[test]
    fn ordered_stops_at_the_first_error() {
        let mut seen = 0;
        let r = super::ordered(
            0..100,
            2,
            4,
            |x| x,
            |x| {
                seen += 1;
                if x == 10 { Err(x) } else { Ok(()) }
            },
        );
        assert_eq!(r, Err(10));
        assert_eq!(seen, 11);
    }
}
