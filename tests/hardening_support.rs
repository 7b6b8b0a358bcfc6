//! Shared helpers for the hardening and privacy tests: run the real `crumbs` binary with a
//! private HOME and TMPDIR, build damaged stores from the real fixture profiles, and check
//! the error contract (exit 1, one stderr line, no panic, no control bytes on stdout).
//! Include with `#[path = "hardening_support.rs"] mod support;`. It never touches the
//! fixtures in place: every store is a copy in a temp folder.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::new_without_default
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;

/// The real Firefox ESR profile captured under `tests/fixtures/real/`.
pub const FIREFOX_PROFILE: &str = "tests/fixtures/real/home/.mozilla/firefox/juvodf8i.default-esr";
/// The real Chromium profile captured under `tests/fixtures/real/`.
pub const CHROMIUM_PROFILE: &str = "tests/fixtures/real/home/.config/chromium/Default";

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Exit 1, exactly one line on stderr that names `path_part`, and no panic.
    pub fn assert_one_line_error(&self, path_part: &str) {
        assert_eq!(self.code, Some(1), "expected exit 1: {self:?}");
        self.assert_no_panic();
        let lines: Vec<_> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one stderr line: {:?}",
            self.stderr
        );
        assert!(lines[0].starts_with("crumbs: "), "{:?}", self.stderr);
        assert!(
            lines[0].contains(path_part),
            "error does not name {path_part:?}: {:?}",
            self.stderr
        );
    }

    /// Exit 0, no panic, nothing but notes on stderr.
    pub fn assert_ok(&self) {
        assert_eq!(self.code, Some(0), "expected exit 0: {self:?}");
        self.assert_no_panic();
    }

    pub fn assert_no_panic(&self) {
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        assert!(
            !self.stderr.contains("RUST_BACKTRACE"),
            "panic: {}",
            self.stderr
        );
    }

    /// No raw control byte other than newline (and no raw bidi override) reaches stdout.
    pub fn assert_stdout_escaped(&self) {
        let text = self.stdout_text();
        for ch in text.chars() {
            let bad = (ch.is_control() && ch != '\n')
                || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(!bad, "raw {:?} on stdout: {text:?}", ch);
        }
    }
}

/// A private HOME and TMPDIR for one test; both vanish when dropped.
pub struct Sandbox {
    pub home: tempfile::TempDir,
    pub tmp: tempfile::TempDir,
    pub work: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
            tmp: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
        }
    }

    /// A path for test files (not under HOME, so discovery never sees it).
    pub fn path(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// Runs `crumbs ARGS` with HOME, XDG dirs and TMPDIR inside the sandbox.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_os(args.iter().map(std::ffi::OsStr::new))
    }

    pub fn run_os<'a>(&self, args: impl IntoIterator<Item = &'a std::ffi::OsStr>) -> Run {
        self.run_umask("022", args)
    }

    /// Runs with the given umask, to show file modes do not depend on it.
    pub fn run_umask<'a>(
        &self,
        umask: &str,
        args: impl IntoIterator<Item = &'a std::ffi::OsStr>,
    ) -> Run {
        // `timeout` turns a hang into exit 124 instead of a stuck test run.
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec timeout 60 \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_crumbs"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("TMPDIR", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("XDG_DATA_HOME", self.home.path().join(".local/share"))
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: out.stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Snapshot folders left behind in the private TMPDIR.
    pub fn leftover_tmp(&self) -> Vec<String> {
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }
}

/// The fixture folder under the crate root.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Copies the real Firefox `cookies.sqlite` to `dir/cookies.sqlite`.
pub fn firefox_copy(dir: &Path) -> PathBuf {
    let dst = dir.join("cookies.sqlite");
    std::fs::copy(fixture(FIREFOX_PROFILE).join("cookies.sqlite"), &dst).unwrap();
    dst
}

/// Copies the real Chromium `Cookies` to `dir/Cookies`.
pub fn chromium_copy(dir: &Path) -> PathBuf {
    let dst = dir.join("Cookies");
    std::fs::copy(fixture(CHROMIUM_PROFILE).join("Cookies"), &dst).unwrap();
    dst
}

/// Runs SQL on a test copy (never on a fixture).
pub fn sql(db: &Path, batch: &str) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(batch).unwrap();
}

/// A store of each family, copied into `dir/<family>/`.
pub fn both_stores(dir: &Path) -> [PathBuf; 2] {
    let ff = dir.join("ff");
    let ch = dir.join("ch");
    std::fs::create_dir_all(&ff).unwrap();
    std::fs::create_dir_all(&ch).unwrap();
    [firefox_copy(&ff), chromium_copy(&ch)]
}

/// Runs `list` and `stores` on `store` (text and JSON) and returns the four runs.
/// Checks that no file beside the store was created, removed or changed (no `-shm`, no
/// `-wal`, no partial copy), since crumbs reads a private snapshot only.
pub fn list_and_stores(sb: &Sandbox, store: &Path) -> Vec<Run> {
    let s = store.to_str().unwrap();
    let before = folder_state(store.parent().unwrap());
    let runs = vec![
        sb.run(&["list", "--store", s]),
        sb.run(&["list", "--json", "--store", s]),
        sb.run(&["stores", "--store", s]),
        sb.run(&["stores", "--json", "--store", s]),
    ];
    assert_eq!(
        folder_state(store.parent().unwrap()),
        before,
        "store folder changed"
    );
    runs
}

/// Names, sizes and modification times of the files in `dir` (empty if it is missing).
pub fn folder_state(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let m = std::fs::symlink_metadata(e.path()).ok()?;
            let name = e.file_name().to_string_lossy().into_owned();
            Some((name, m.len(), m.modified().ok()?))
        })
        .collect();
    out.sort();
    out
}
