//! Formats a long list of rows on every core and writes the pieces in their original order.
//! Rows are cut into fixed chunks; worker `k` formats chunks `k`, `k + n`, `k + 2n`, … into
//! byte buffers and hands them over a small bounded channel, so only a few chunks per
//! worker are ever in memory (100,000 cookies are ~64 MB of JSON; this keeps a few MB).
//! Written buffers go back to their worker to be reused. It knows nothing about JSON or
//! cookies: the caller's `format` decides the bytes of one chunk.

use std::io::Write;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// One worker's pair of channels as the writer sees them: formatted buffers in, spent
/// buffers back.
type Lane = (Receiver<Vec<u8>>, Sender<Vec<u8>>);

/// Rows per chunk: big enough that channel traffic is noise, small enough (~1.3 MB of
/// cookie JSON) that memory stays flat.
pub const CHUNK_ROWS: usize = 2048;

/// Below this many rows, threads cost more than they save.
const PARALLEL_MIN_ROWS: usize = 2 * CHUNK_ROWS;

/// Chunks each worker may have formatted but not yet written.
const IN_FLIGHT: usize = 2;

/// More workers than this would only add buffers: one writer cannot take chunks faster.
const MAX_WORKERS: usize = 8;

/// Writes `format(state, chunk_index, chunk, buffer)` for every chunk of `rows`, in order.
/// Each thread has its own `state` from `make` (caches that outlive one chunk); `format`
/// gets an empty buffer and appends the chunk's bytes to it.
pub fn write_chunks<T, S, M, F>(
    out: &mut dyn Write,
    rows: &[T],
    make: M,
    format: F,
) -> std::io::Result<()>
where
    T: Sync,
    M: Fn() -> S + Sync,
    F: Fn(&mut S, usize, &[T], &mut Vec<u8>) + Sync,
{
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS));
    if rows.len() < PARALLEL_MIN_ROWS || workers < 2 {
        let (mut state, mut buf) = (make(), Vec::new());
        for (i, chunk) in rows.chunks(CHUNK_ROWS).enumerate() {
            buf.clear();
            format(&mut state, i, chunk, &mut buf);
            out.write_all(&buf)?;
        }
        return Ok(());
    }
    let chunks: Vec<&[T]> = rows.chunks(CHUNK_ROWS).collect();
    let workers = workers.min(chunks.len());
    std::thread::scope(|scope| {
        // The channels live inside the scope: if writing fails, dropping them on return
        // makes every worker's next send fail, so the workers stop and the scope can join.
        let mut lanes = Vec::with_capacity(workers);
        for k in 0..workers {
            let (full_tx, full_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
            let (empty_tx, empty_rx) = channel::<Vec<u8>>();
            let (chunks, make, format) = (&chunks, &make, &format);
            scope.spawn(move || {
                let mut state = make();
                work(
                    k,
                    workers,
                    chunks,
                    |i, c, b| format(&mut state, i, c, b),
                    &full_tx,
                    &empty_rx,
                );
            });
            lanes.push((full_rx, empty_tx));
        }
        drain(out, chunks.len(), &lanes)
    })
}

/// One worker: formats its share of the chunks, reusing buffers the writer sends back.
fn work<T, F>(
    k: usize,
    step: usize,
    chunks: &[&[T]],
    mut format: F,
    full: &SyncSender<Vec<u8>>,
    empty: &Receiver<Vec<u8>>,
) where
    F: FnMut(usize, &[T], &mut Vec<u8>),
{
    for i in (k..chunks.len()).step_by(step) {
        let mut buf = empty.try_recv().unwrap_or_default();
        buf.clear();
        format(i, chunks[i], &mut buf);
        if full.send(buf).is_err() {
            return;
        }
    }
}

/// The writer: takes chunk `i` from worker `i % n`, which formats them in that order.
fn drain(out: &mut dyn Write, total: usize, lanes: &[Lane]) -> std::io::Result<()> {
    for i in 0..total {
        let (full, empty) = &lanes[i % lanes.len()];
        let buf = full
            .recv()
            .map_err(|_| std::io::Error::other("an output worker stopped early"))?;
        out.write_all(&buf)?;
        // The worker may have finished and gone; then the buffer is simply dropped.
        let _ = empty.send(buf);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize) -> Vec<u8> {
        let rows: Vec<usize> = (0..n).collect();
        let mut out = Vec::new();
        write_chunks(
            &mut out,
            &rows,
            || (),
            |_, i, chunk, buf| {
                buf.extend_from_slice(format!("<{i}>").as_bytes());
                for r in chunk {
                    buf.extend_from_slice(format!("{r},").as_bytes());
                }
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn chunks_come_out_in_order() {
        for n in [0, 1, CHUNK_ROWS, PARALLEL_MIN_ROWS - 1, 50_000, 50_001] {
            let mut want = String::new();
            for i in 0..n {
                if i % CHUNK_ROWS == 0 {
                    want.push_str(&format!("<{}>", i / CHUNK_ROWS));
                }
                want.push_str(&format!("{i},"));
            }
            assert_eq!(String::from_utf8(run(n)).unwrap(), want, "{n} rows");
        }
    }

    struct Broken(usize);
    impl Write for Broken {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.0 -= 1;
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_stops_the_workers_and_reports() {
        let rows: Vec<usize> = (0..100_000).collect();
        let e = write_chunks(
            &mut Broken(3),
            &rows,
            || (),
            |_, _, c, buf| {
                buf.extend_from_slice(&c.len().to_le_bytes());
            },
        )
        .unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
    }
}
