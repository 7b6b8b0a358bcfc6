//! `cargo bench --bench list_speed`: how fast `crumbs list --json` reads a 100,000-cookie
//! store compared with the `sqlite3` shell dumping the same table as JSON, run side by side
//! on the same files, reported as a ratio (and peak memory), never as a pass/fail timer.
//!
//! The stores are generated deterministically with the real schemas (Chromium meta 24 with
//! every value `v10`-encrypted and hash-prefixed; Firefox v17 in WAL mode).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/synth.rs"]
mod synth;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;
const RUNS: usize = 7;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // BENCH_KEEP=DIR keeps the generated stores there, for profiling.
    let out = std::env::var_os("BENCH_KEEP").map_or_else(|| dir.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&out).unwrap();
    let chromium = out.join("Cookies");
    let firefox = out.join("cookies.sqlite");
    let _ = std::fs::remove_file(&chromium);
    let _ = std::fs::remove_file(&firefox);
    synth::chromium_db(&chromium, ROWS);
    synth::firefox_db(&firefox, ROWS);
    let crumbs = env!("CARGO_BIN_EXE_crumbs");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();

    println!("list_speed: {ROWS} cookies, median of {RUNS} runs, side by side");
    for (label, db, table, cmd) in [
        (
            "chromium v24, every value decrypted",
            &chromium,
            "cookies",
            Cmd::List { values: true },
        ),
        (
            "chromium v24, no values",
            &chromium,
            "cookies",
            Cmd::List { values: false },
        ),
        (
            "firefox v17",
            &firefox,
            "moz_cookies",
            Cmd::List { values: true },
        ),
        // What the UI waits for before its first screen: read and classify, no output.
        (
            "chromium v24, load only (`stores`)",
            &chromium,
            "cookies",
            Cmd::Stores,
        ),
    ] {
        let mut ours = Vec::new();
        let mut base = Vec::new();
        for _ in 0..RUNS {
            ours.push(time(crumbs_cmd(crumbs, db, cmd, &home)));
            base.push(time(sqlite_cmd(db, table)));
        }
        let (o, b) = (median(&mut ours), median(&mut base));
        let peak = peak_rss_kib(crumbs_cmd(crumbs, db, cmd, &home));
        println!(
            "  {label:<38} crumbs {:>7.1} ms  sqlite3 -json {:>7.1} ms  ratio {:.2}x  peak {} MiB",
            ms(o),
            ms(b),
            o.as_secs_f64() / b.as_secs_f64(),
            peak / 1024
        );
    }
}

#[derive(Clone, Copy)]
enum Cmd {
    List { values: bool },
    Stores,
}

fn crumbs_cmd(bin: &str, db: &Path, cmd: Cmd, home: &Path) -> Command {
    let mut c = Command::new(bin);
    match cmd {
        Cmd::List { values } => {
            c.args(["list", "--json"]);
            if values {
                c.arg("--show-values");
            }
        }
        Cmd::Stores => {
            c.arg("stores");
        }
    }
    c.arg("--store").arg(db).env("HOME", home);
    c
}

fn sqlite_cmd(db: &Path, table: &str) -> Command {
    let mut c = Command::new("sqlite3");
    c.arg("-json")
        .arg("-readonly")
        .arg(db)
        .arg(format!("SELECT * FROM {table}"));
    c
}

fn time(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let elapsed = start.elapsed();
    assert!(status.success(), "{cmd:?} failed");
    elapsed
}

/// Peak resident memory of one run, via the Python standard library's `getrusage` on
/// its child (no extra tool needed).
fn peak_rss_kib(cmd: Command) -> u64 {
    let mut args = vec![cmd.get_program().to_string_lossy().into_owned()];
    args.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    let mut py = Command::new("python3");
    py.arg("-c")
        .arg(
            "import resource,subprocess,sys\n\
             subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL,check=True)\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        )
        .args(&args);
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            py.env(k, v);
        }
    }
    let out = py.output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
