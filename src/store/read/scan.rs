//! One cookie table read on every core. The table's rowid span is cut into ranges; each
//! worker thread reads ranges through its own connection to the same private snapshot and
//! hands each range's cookies straight to the caller's `map` (classification) while they
//! are still in cache. Results come back in rowid order, so the output is exactly what one
//! plain scan would give.
//!
//! Must not: open anything but the snapshot the caller opened, or decide what a row means
//! (the family readers do that through `read`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use rusqlite::Connection;

use super::{Keep, Mapper};
use crate::Result;
use crate::model::Cookie;

/// Below this many rowids one thread is quicker than starting more.
const PARALLEL_FROM: i64 = 8192;
/// Ranges per worker: enough that a worker slowed by a sparse or dense stretch of rowids
/// does not hold the rest back.
const RANGES_PER_WORKER: usize = 4;
/// More threads than this only add connections and contention on a cookie table.
const MAX_WORKERS: usize = 8;
/// Widest range, in rowids. Each range's cookies and their mapped batch are vectors in
/// flight at once, and the allocator keeps the memory they leave behind for later: wider
/// ranges cost resident memory that outlives the read (the UI's peak on 100,000 cookies
/// read by two threads: 96 MiB in 8 ranges and 84 MiB at 4,096 rowids with SQLite's
/// default page cache; 80 MiB at 2,048 and 77.5 MiB at 1,024 with the small one), and
/// narrower ones gain no speed.
const MAX_SPAN: i128 = 1024;
/// Most ranges one table is cut into (4 million dense rowids at `MAX_SPAN`).
const MAX_RANGES: i128 = 4096;

/// A rowid range, both ends included; `None` reads the whole table.
pub type Span = Option<(i64, i64)>;

/// Worker threads for a big read.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS))
}

/// Cuts `table`'s rowid span into ranges for `workers` threads. A table without rowids,
/// an empty one or a small one is one whole-table span.
pub fn plan(conn: &Connection, table: &str, workers: usize) -> Vec<Span> {
    // One aggregate per subquery: SQLite answers a lone min() or max() of the rowid from
    // the ends of the b-tree, but scans the whole table for both in one SELECT.
    let bounds = conn.query_row(
        &format!(
            "SELECT (SELECT min(rowid) FROM \"{table}\"), (SELECT max(rowid) FROM \"{table}\")"
        ),
        [],
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)),
    );
    let (lo, hi) = match bounds {
        Ok((Some(lo), Some(hi))) if hi >= lo => (lo, hi),
        _ => return vec![None],
    };
    let width = i128::from(hi) - i128::from(lo) + 1;
    if workers < 2 || width < i128::from(PARALLEL_FROM) {
        return vec![None];
    }
    // Sparse rowids make a wide span of few rows: past MAX_RANGES, ranges just get wider.
    let parts = i128::try_from(workers * RANGES_PER_WORKER)
        .unwrap_or(1)
        .max(((width + MAX_SPAN - 1) / MAX_SPAN).min(MAX_RANGES));
    let step = (width + parts - 1) / parts;
    let mut spans = Vec::new();
    let mut start = i128::from(lo);
    while start <= i128::from(hi) {
        let end = (start + step - 1).min(i128::from(hi));
        // Both ends lie within lo..=hi, so they fit back into i64.
        if let (Ok(a), Ok(b)) = (i64::try_from(start), i64::try_from(end)) {
            spans.push(Some((a, b)));
        }
        start = end + 1;
    }
    spans
}

/// Room to reserve for a span's cookies: its width (rowids are dense in practice), capped
/// so a sparse range does not reserve memory it never fills.
pub fn capacity(span: Span) -> usize {
    const CAP: i128 = 1 << 16;
    match span {
        Some((lo, hi)) => {
            usize::try_from((i128::from(hi) - i128::from(lo) + 1).clamp(0, CAP)).unwrap_or(0)
        }
        None => 0,
    }
}

/// ` WHERE rowid BETWEEN ?1 AND ?2` for a range, nothing for the whole table.
pub fn where_clause(span: Span) -> &'static str {
    match span {
        Some(_) => " WHERE rowid BETWEEN ?1 AND ?2",
        None => "",
    }
}

/// What [`run`] gives back: the number of cookies read, and every worker's state for
/// the caller to merge.
pub struct Done<W> {
    pub cookies: usize,
    pub workers: Vec<W>,
}

/// Batches finished out of order wait here until every earlier one has been kept.
struct InOrder<'k, T> {
    next: usize,
    ready: BTreeMap<usize, T>,
    keep: Keep<'k, T>,
}

impl<T> InOrder<'_, T> {
    fn put(&mut self, i: usize, batch: T) {
        self.ready.insert(i, batch);
        while let Some(batch) = self.ready.remove(&self.next) {
            (self.keep)(batch);
            self.next += 1;
        }
    }
}

/// Most ranges read past the oldest one not yet kept. Without a bound, a worker held up
/// (on a busy machine) lets the others read on, and every batch they finish waits in
/// memory for its turn, up to the whole table.
const READ_AHEAD: usize = 8;

/// The batches waiting for their turn, and what workers wait on.
struct Gate<'k, T> {
    kept: Mutex<InOrder<'k, T>>,
    /// Signalled when a batch is kept or a worker fails.
    turn: Condvar,
    failed: AtomicBool,
}

impl<'k, T> Gate<'k, T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, InOrder<'k, T>> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until range `i` is within [`READ_AHEAD`] of the oldest range not yet kept;
    /// false when a worker failed meanwhile (stop reading).
    fn wait_turn(&self, i: usize) -> bool {
        let mut k = self.lock();
        while i >= k.next + READ_AHEAD && !self.failed.load(Ordering::Relaxed) {
            k = self.turn.wait(k).unwrap_or_else(PoisonError::into_inner);
        }
        !self.failed.load(Ordering::Relaxed)
    }

    /// Stops every worker. Set under the lock, so a worker between its check and its
    /// wait cannot miss the wake-up.
    fn fail(&self) {
        let _k = self.lock();
        self.failed.store(true, Ordering::Relaxed);
        self.turn.notify_all();
    }
}

/// A worker that panics never keeps its range, so the others would wait for it forever.
struct WakeOthersOnPanic<'g, 'k, T>(&'g Gate<'k, T>);

impl<T> Drop for WakeOthersOnPanic<'_, '_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.fail();
        }
    }
}

/// Reads every span with `read`, maps each batch with `map` on the same thread and hands
/// the results to `keep` in span order. `first` is the caller's own worker (with the
/// connection it already opened) and runs on this thread; `open` makes the others, one
/// per extra thread. The first error stops every worker and is returned.
pub fn run<W, T, O, R>(
    spans: &[Span],
    first: W,
    open: O,
    read: R,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<Done<W>>
where
    W: Send,
    T: Send,
    O: Fn() -> Result<W> + Sync,
    R: Fn(&mut W, Span) -> Result<Vec<Cookie>> + Sync,
{
    let extra = workers().min(spans.len()).saturating_sub(1);
    let next = AtomicUsize::new(0);
    let read_so_far = AtomicUsize::new(0);
    let gate = Gate {
        kept: Mutex::new(InOrder {
            next: 0,
            ready: BTreeMap::new(),
            keep,
        }),
        turn: Condvar::new(),
        failed: AtomicBool::new(false),
    };
    let work = |mut w: W| -> Result<W> {
        let _wake = WakeOthersOnPanic(&gate);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&span) = spans.get(i) else { break };
            if !gate.wait_turn(i) {
                break;
            }
            let cookies = read(&mut w, span).inspect_err(|_| gate.fail())?;
            read_so_far.fetch_add(cookies.len(), Ordering::Relaxed);
            let batch = map(cookies);
            gate.lock().put(i, batch);
            gate.turn.notify_all();
        }
        Ok(w)
    };
    let results: Vec<Result<W>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..extra)
            .map(|_| scope.spawn(|| open().and_then(&work)))
            .collect();
        let mut all = vec![work(first)];
        for h in handles {
            all.push(
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        all
    });
    let workers = results.into_iter().collect::<Result<Vec<W>>>()?;
    Ok(Done {
        cookies: read_so_far.into_inner(),
        workers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rowids: &[i64]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(x)").unwrap();
        let mut stmt = conn
            .prepare("INSERT INTO t(rowid, x) VALUES (?1, 0)")
            .unwrap();
        for r in rowids {
            stmt.execute([r]).unwrap();
        }
        drop(stmt);
        conn
    }

    fn covers(spans: &[Span], lo: i64, hi: i64) {
        let bounds: Vec<(i64, i64)> = spans.iter().map(|s| s.unwrap()).collect();
        assert_eq!(bounds.first().unwrap().0, lo);
        assert_eq!(bounds.last().unwrap().1, hi);
        for w in bounds.windows(2) {
            assert_eq!(w[0].1.checked_add(1), Some(w[1].0), "gap or overlap: {w:?}");
        }
    }

    #[test]
    fn big_tables_are_cut_into_adjacent_ranges() {
        // Wide enough to go parallel, narrow enough that no range reaches MAX_SPAN.
        let n = i64::try_from(MAX_SPAN).unwrap() * 2 * RANGES_PER_WORKER as i64;
        assert!(n >= PARALLEL_FROM);
        let rowids: Vec<i64> = (1..=n).collect();
        let spans = plan(&table(&rowids), "t", 2);
        assert_eq!(spans.len(), 2 * RANGES_PER_WORKER);
        covers(&spans, 1, n);
    }

    #[test]
    fn huge_tables_are_cut_into_bounded_ranges() {
        let rowids: Vec<i64> = (1..=100_000).collect();
        let spans = plan(&table(&rowids), "t", 2);
        covers(&spans, 1, 100_000);
        for s in &spans {
            let (a, b) = s.unwrap();
            assert!(
                i128::from(b - a + 1) <= MAX_SPAN,
                "range {a}..={b} too wide"
            );
        }
    }

    #[test]
    fn extreme_rowids_do_not_overflow() {
        let spans = plan(&table(&[i64::MIN + 1, 0, i64::MAX]), "t", 4);
        covers(&spans, i64::MIN + 1, i64::MAX);
        assert!(spans.len() as i128 <= MAX_RANGES);
    }

    #[test]
    fn small_empty_or_single_threaded_reads_are_one_scan() {
        assert_eq!(plan(&table(&[1, 2, 3]), "t", 8), vec![None]);
        assert_eq!(plan(&table(&[]), "t", 8), vec![None]);
        let rowids: Vec<i64> = (1..=20_000).collect();
        assert_eq!(plan(&table(&rowids), "t", 1), vec![None]);
        assert_eq!(plan(&table(&[]), "missing", 8), vec![None]);
    }

    fn cookies(n: usize) -> Vec<Cookie> {
        let store = std::sync::Arc::new(crate::model::StoreRef {
            browser: crate::model::Browser::Chromium,
            profile: "p".into(),
            profile_dir: "p".into(),
            path: "p/Cookies".into(),
            user_data_dir: None,
            is_default: false,
            is_demo: false,
        });
        (0..n)
            .map(|_| Cookie {
                store: store.clone(),
                key: crate::model::RowKey::Safari { page: 0, index: 0 },
                host: String::new(),
                name: String::new(),
                path: "".into(),
                value: crate::model::CookieValue::NotLoaded,
                expires: None,
                created: None,
                last_accessed: None,
                secure: false,
                http_only: false,
                same_site: crate::model::SameSite::Unspecified,
                partition: None,
                container: None,
                site: "".into(),
                in_session_file: false,
            })
            .collect()
    }

    #[test]
    fn a_slow_range_holds_the_others_back() {
        use std::sync::atomic::AtomicUsize;
        let spans: Vec<Span> = (0..40).map(|i| Some((i, i))).collect();
        let kept = AtomicUsize::new(0);
        let read = |_: &mut (), span: Span| -> Result<Vec<Cookie>> {
            let i = usize::try_from(span.unwrap().0).unwrap();
            if i == 0 {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            let done = kept.load(Ordering::SeqCst);
            assert!(
                i < done + READ_AHEAD,
                "range {i} read with only {done} kept"
            );
            Ok(Vec::new())
        };
        run(&spans, (), || Ok(()), read, &|_| (), &mut |()| {
            kept.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
        assert_eq!(kept.into_inner(), 40);
    }

    #[test]
    fn batches_come_back_in_span_order_and_errors_win() {
        let spans: Vec<Span> = (0..40).map(|i| Some((i, i))).collect();
        let read = |_: &mut (), span: Span| -> Result<Vec<Cookie>> {
            // Early spans are slow, so later ones finish first on the other threads.
            let (i, _) = span.unwrap();
            let wait = u64::try_from(40 - i).unwrap() / 4;
            std::thread::sleep(std::time::Duration::from_millis(wait));
            Ok(cookies(usize::try_from(i).unwrap()))
        };
        let mut kept = Vec::new();
        let done = run(
            &spans,
            (),
            || Ok(()),
            read,
            &|c: Vec<Cookie>| c.len(),
            &mut |n| kept.push(n),
        )
        .unwrap();
        assert_eq!(kept, (0..40).collect::<Vec<usize>>());
        assert_eq!(done.cookies, (0..40).sum::<usize>());

        let failing = |_: &mut (), span: Span| -> Result<Vec<Cookie>> {
            match span {
                Some((7, _)) => Err(crate::Error::Locked { path: "x".into() }),
                _ => Ok(Vec::new()),
            }
        };
        assert!(run(&spans, (), || Ok(()), failing, &|_| (), &mut |()| ()).is_err());
    }
}
