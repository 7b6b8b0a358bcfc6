//! `cargo bench --bench tui_startup`: the terminal UI end to end on a 100,000-cookie store.
//! The real binary runs with the hidden `--headless KEYS` flag (docs/benchmarks.md): it
//! reads and classifies the store, draws the first screen into memory, presses KEYS and
//! prints each key's time to finished redraw and its own peak memory.
//!
//! Reported side by side with `sqlite3` reading the same rows (a program run in this
//! bench, on the same file, so a busy machine slows both): time from spawn to the first
//! screen, key→redraw percentiles over a few hundred keys, peak memory and bytes per
//! cookie. Then the real UI in a tmux pane (when tmux is there): the CPU it uses over a
//! few seconds of waiting for a key, which should be none. Add `-- --million` for a
//! 1,000,000-cookie store as well (memory should grow linearly, keys should not stall).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/synth.rs"]
mod synth;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 11;

/// One round of keys: move, switch panes, type a filter and take it back, walk the tabs,
/// flip party and sort orders, jump to the ends.
const ROUND: &str = "jjjjjjjjjjljjjjjh/sessionid<bs><bs><bs><bs><bs><bs><bs><bs><bs><esc>\
                     ]]]]]]]1pppssssoooGg<tab>jj<tab>/_ga<enter>nnn<esc>";
const ROUNDS: usize = 8;

fn main() {
    let million = std::env::args().any(|a| a == "--million");
    let dir = tempfile::tempdir().unwrap();
    // BENCH_KEEP=DIR keeps the generated stores there, for profiling.
    let out = std::env::var_os("BENCH_KEEP").map_or_else(|| dir.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&out).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let crumbs = env!("CARGO_BIN_EXE_crumbs");

    let mut sizes = vec![100_000];
    if million {
        sizes.push(1_000_000);
    }
    for n in sizes {
        let stores: [(&str, MakeStore, &str, &str); 2] = [
            ("chromium v24", synth::chromium_db, "Cookies", CHROMIUM_ROWS),
            (
                "firefox v17",
                synth::firefox_db,
                "cookies.sqlite",
                FIREFOX_ROWS,
            ),
        ];
        for (label, make, file, rows) in stores {
            let folder = out.join(format!("{}-{n}", file.to_lowercase()));
            let _ = std::fs::remove_dir_all(&folder);
            std::fs::create_dir_all(&folder).unwrap();
            let db = folder.join(file);
            make(&db, n);
            bench(crumbs, &db, rows, &home, label, n);
        }
    }
}

/// Writes a synthetic store of `n` cookies at a path.
type MakeStore = fn(&Path, usize);

/// The columns the UI shows or classifies by, as each family names them.
const CHROMIUM_ROWS: &str = "SELECT host_key, name, path, encrypted_value, expires_utc, \
                             last_access_utc, is_secure, is_httponly FROM cookies";
const FIREFOX_ROWS: &str = "SELECT host, name, path, value, expiry, lastAccessed, isSecure, \
                            isHttpOnly, originAttributes FROM moz_cookies";

fn bench(crumbs: &str, db: &Path, rows: &str, home: &Path, label: &str, n: usize) {
    let runs = if n > 100_000 { 2 } else { RUNS };
    println!("tui_startup: {label}, {n} cookies, median of {runs} runs, side by side");
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let mut peak = 0;
    for _ in 0..runs {
        let run = headless(crumbs, db, home, "");
        ours.push(run.first_screen);
        peak = peak.max(run.peak_kib);
        base.push(sqlite_read(db, rows));
    }
    let (o, b) = (median(&mut ours), median(&mut base));
    println!(
        "  first screen      crumbs {:>7.1} ms  sqlite3 reading the rows {:>7.1} ms  ratio {:.2}x",
        ms(o),
        ms(b),
        o.as_secs_f64() / b.as_secs_f64()
    );
    println!(
        "  peak memory       {:>7.1} MiB  ({} bytes a cookie, budget 80 MiB at 100,000)",
        peak as f64 / 1024.0,
        peak * 1024 / n as u64
    );

    let keys = ROUND.repeat(ROUNDS);
    let run = headless(crumbs, db, home, &keys);
    let mut k = run.keys.clone();
    k.sort();
    let pct = |p: f64| k[((k.len() - 1) as f64 * p).round() as usize];
    println!(
        "  key → redraw      {} keys: median {:.2} ms, p99 {:.2} ms, max {:.2} ms  (budget 16 ms at p99)",
        k.len(),
        ms(pct(0.5)),
        ms(pct(0.99)),
        ms(pct(1.0))
    );
    println!(
        "  peak memory after the keys {:>7.1} MiB",
        run.peak_kib as f64 / 1024.0
    );
    match idle_cpu(crumbs, db, home) {
        Some((start, idle)) => println!(
            "  idle CPU          {:>7.1} ms over {} s of the real UI in tmux, waiting for a key  \
             (budget 0; the same process used {:.0} ms to start)",
            ms(idle),
            IDLE.as_secs(),
            ms(start)
        ),
        None => println!("  idle CPU          not measured (needs tmux and /proc)"),
    }
}

/// How long the real UI is left waiting for a key when its idle CPU is measured.
const IDLE: Duration = Duration::from_secs(5);

/// The CPU time the real UI (in a tmux pane, so it has a terminal) used to start, and
/// then while it waits for a key after its first screen is up. A UI that polls or redraws
/// on a timer would show in the second.
fn idle_cpu(crumbs: &str, db: &Path, home: &Path) -> Option<(Duration, Duration)> {
    let session = format!("crumbs-idle-{}", std::process::id());
    let tmux = |args: &[&str]| Command::new("tmux").args(args).output().ok();
    let cmd = format!(
        "HOME='{}' exec '{crumbs}' --store '{}'",
        home.display(),
        db.display()
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "120",
        "-y",
        "40",
        &cmd,
    ])?;
    if !started.status.success() {
        return None;
    }
    let pane = |fmt: &str| {
        tmux(&["display-message", "-p", "-t", &session, fmt])
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    // Wait for the first screen (the tab counts), then a moment more for the terminal.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut up = false;
    while Instant::now() < deadline {
        let screen = tmux(&["capture-pane", "-p", "-t", &session])
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        if screen.contains("Trackers") {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = pane("#{pane_pid}");
    let result = (|| {
        if !up {
            return None;
        }
        std::thread::sleep(Duration::from_millis(500));
        let pid: u32 = pid?.parse().ok()?;
        let before = cpu_ticks(pid)?;
        std::thread::sleep(IDLE);
        let after = cpu_ticks(pid)?;
        // USER_HZ on Linux: ticks of 10 ms.
        let ms = |ticks: u64| Duration::from_millis(ticks * 10);
        Some((ms(before), ms(after - before)))
    })();
    let _ = tmux(&["kill-session", "-t", &session]);
    result
}

/// User plus system CPU of process `pid`, in clock ticks (`/proc/PID/stat`).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

struct Run {
    first_screen: Duration,
    keys: Vec<Duration>,
    peak_kib: u64,
}

/// Runs `crumbs --headless KEYS` on `db`, timing spawn → first screen printed.
fn headless(bin: &str, db: &Path, home: &Path, keys: &str) -> Run {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .arg("--store")
        .arg(db)
        .arg("--headless")
        .arg(keys)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut run = Run {
        first_screen: Duration::ZERO,
        keys: Vec::new(),
        peak_kib: 0,
    };
    let mut screen = String::new();
    for line in out.lines() {
        let line = line.unwrap();
        if line == "first-screen" {
            run.first_screen = start.elapsed();
            // Cookies are on it: the synthetic store's names are listed.
            assert!(
                screen.contains("site"),
                "no cookies on the first screen:\n{screen}"
            );
        } else if let Some(us) = line.strip_prefix("key-us ") {
            run.keys.push(Duration::from_micros(us.parse().unwrap()));
        } else if let Some(kib) = line.strip_prefix("peak-rss-kib ") {
            run.peak_kib = kib.parse().unwrap_or(0);
        } else if run.first_screen.is_zero() {
            screen.push_str(&line);
            screen.push('\n');
        }
    }
    assert!(child.wait().unwrap().success(), "crumbs --headless failed");
    assert!(!run.first_screen.is_zero(), "no first screen");
    run
}

/// The baseline: the `sqlite3` shell reading every row the UI needs from the same file.
fn sqlite_read(db: &Path, rows: &str) -> Duration {
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg("-readonly")
        .arg(db)
        .arg(rows)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "sqlite3 failed");
    start.elapsed()
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
