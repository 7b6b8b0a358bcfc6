//! `cargo bench --bench delete_memory [-- --quick]`: peak memory (and time) of deleting
//! every row of a 1,000,000-cookie store and putting them all back with undo, through the
//! library calls `crumbs delete` and `crumbs undo` make (read the store, plan, back up,
//! delete; undo from the backup). Each operation runs in its own child process (this
//! binary re-run with `--child`), which reports its own peak resident memory (`VmHWM`).
//!
//! Side by side: the `sqlite3` shell doing the bare job on a copy of the same file
//! (`DELETE FROM <table>`, then `INSERT … SELECT` from a saved copy), and the same crumbs
//! run on a tenth of the rows, so the growth per row shows as a ratio (10× the rows at
//! constant memory per row would give 10× the peak; bounded memory gives far less).
//! The store read every command starts with is shown on its own row, as is its `sqlite3`
//! counterpart (`SELECT *`). `--quick` uses 100,000 rows (and 10,000 for the growth run).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use crumbs::model::{Browser, StoreRef};
use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::{ReadOptions, read_store, undo};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(&args[2..]);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let rows = if quick { 100_000 } else { 1_000_000 };
    let small = rows / 10;
    println!(
        "delete_memory: delete every row then undo, {rows} cookies (growth against {small}); \
         peak = VmHWM of the process doing it"
    );
    println!(
        "  {:<9} {:<6} {:>9} {:>10} {:>9} {:>10} {:>9} {:>10} {:>8}",
        "store", "op", "ms", "peak MiB", "B/row", "sqlite3 ms", "s3 MiB", "small MiB", "growth"
    );
    for family in [Family::Chromium, Family::Firefox] {
        let big = run_crumbs(family, rows);
        let little = run_crumbs(family, small);
        let base = run_sqlite(family, rows);
        for (k, op) in ["read", "delete", "undo"].iter().enumerate() {
            let (ms, peak) = big[k];
            let (_, small_peak) = little[k];
            let (bms, bpeak) = base[k];
            println!(
                "  {:<9} {:<6} {:>9.0} {:>10.1} {:>9.0} {:>10.0} {:>9.1} {:>10.1} {:>7.2}x",
                family.label(),
                op,
                ms,
                mib(peak),
                (peak as f64 * 1024.0) / rows as f64,
                bms,
                mib(bpeak),
                mib(small_peak),
                peak as f64 / small_peak as f64,
            );
        }
    }
    println!(
        "  read = the store read every command starts with (delete includes it); \
         growth = peak at {rows} rows / peak at {small} rows (10.00x would be linear); \
         B/row = peak bytes / rows"
    );
}

#[derive(Clone, Copy)]
enum Family {
    Chromium,
    Firefox,
}

impl Family {
    fn label(self) -> &'static str {
        match self {
            Family::Chromium => "chromium",
            Family::Firefox => "firefox",
        }
    }
    fn table(self) -> &'static str {
        match self {
            Family::Chromium => "cookies",
            Family::Firefox => "moz_cookies",
        }
    }
    fn parse(s: &str) -> Family {
        if s == "chromium" {
            Family::Chromium
        } else {
            Family::Firefox
        }
    }
}

/// Builds a store of `n` rows in a fresh temp dir; returns the dir and the file.
fn build(family: Family, n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = store_path(dir.path(), family);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    match family {
        Family::Chromium => synth::chromium_db(&path, n),
        Family::Firefox => synth::firefox_db(&path, n),
    }
    (dir, path)
}

fn store_path(dir: &Path, family: Family) -> PathBuf {
    match family {
        Family::Chromium => dir.join("chromium/Default/Cookies"),
        Family::Firefox => dir.join("ff.default/cookies.sqlite"),
    }
}

fn store_ref(dir: &Path, family: Family) -> Arc<StoreRef> {
    let path = store_path(dir, family);
    let profile_dir = path.parent().unwrap().to_path_buf();
    Arc::new(StoreRef {
        browser: match family {
            Family::Chromium => Browser::Chromium,
            Family::Firefox => Browser::Firefox,
        },
        profile: "bench".into(),
        user_data_dir: match family {
            Family::Chromium => Some(dir.join("chromium")),
            Family::Firefox => None,
        },
        profile_dir,
        path,
        is_default: true,
        is_demo: false,
    })
}

/// (ms, peak KiB) of reading the store (what every command does first), of delete
/// (read, plan, back up, delete) and of undo, each in its own process.
fn run_crumbs(family: Family, n: usize) -> [(f64, u64); 3] {
    let (dir, path) = build(family, n);
    let out = ["read", "delete", "undo"].map(|op| {
        let res = Command::new(std::env::current_exe().unwrap())
            .args(["--child", op, family.label()])
            .arg(dir.path())
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(res.status.success(), "child {op} failed");
        let text = String::from_utf8_lossy(&res.stdout);
        let mut it = text.split_whitespace();
        let ms: f64 = it.next().unwrap().parse().unwrap();
        let kib: u64 = it.next().unwrap().parse().unwrap();
        (ms, kib)
    });
    let left: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            &format!("SELECT count(*) FROM {}", family.table()),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left as usize, n, "undo put back every row");
    out
}

/// The child: one operation, then "<ms> <peak KiB>" on stdout.
fn child(args: &[String]) {
    let (op, family, dir) = (&args[0], Family::parse(&args[1]), Path::new(&args[2]));
    let root = BackupRoot::new(dir.join("backups"));
    let start = Instant::now();
    match op.as_str() {
        "read" => {
            let store = store_ref(dir, family);
            let cookies = read_store(&store, &ReadOptions::default()).unwrap().cookies;
            assert!(!cookies.is_empty());
        }
        "delete" => {
            let store = store_ref(dir, family);
            let cookies = read_store(&store, &ReadOptions::default()).unwrap().cookies;
            let plan = DeletePlan::build(&cookies, "every cookie".into());
            let report = execute(plan, &root).unwrap();
            assert!(!report.any_refused(), "{:?}", report.outcomes);
        }
        _ => {
            let report = undo::undo(&root, None).unwrap();
            assert!(!report.any_refused());
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("{ms} {}", vm_hwm_kib());
}

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The bare job in the `sqlite3` shell: print every row, delete every row, then put them
/// back from a copy made first (the copy is the baseline's "backup").
fn run_sqlite(family: Family, n: usize) -> [(f64, u64); 3] {
    let (dir, path) = build(family, n);
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    let t = family.table();
    let read = format!("SELECT * FROM {t};");
    let delete = format!("DELETE FROM {t};");
    let restore = format!(
        "ATTACH '{}' AS saved; INSERT INTO main.{t} SELECT * FROM saved.{t};",
        copy.display()
    );
    [read, delete, restore].map(|sql| {
        let mut c = Command::new("sqlite3");
        c.arg(&path).arg(sql);
        timed_peak(c)
    })
}

/// (ms, peak KiB) of one command, via the Python standard library's `getrusage` on its
/// only child (no extra tool needed).
fn timed_peak(cmd: Command) -> (f64, u64) {
    let mut py = Command::new("python3");
    py.arg("-c")
        .arg(
            "import resource,subprocess,sys,time\n\
             t=time.monotonic()\n\
             subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True)\n\
             ms=(time.monotonic()-t)*1000\n\
             print(ms, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        )
        .arg(cmd.get_program())
        .args(cmd.get_args());
    let out = py.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text.split_whitespace();
    (
        it.next().unwrap().parse().unwrap(),
        it.next().unwrap().parse().unwrap(),
    )
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
