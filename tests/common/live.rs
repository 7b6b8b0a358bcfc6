//! Shared code for live tests: tests that need a real browser, keyring daemon, tmux or the
//! fixture server. Include with `#[path = "common/live.rs"] mod live;`.
//!
//! Rule they enforce: with `CI` set a missing tool is a test failure, never a skip;
//! without `CI` the test prints `skipped: <why>` and returns. Real browsers only ever run
//! inside a loopback-only network namespace (`scripts/fixtures/netns.sh`); these functions
//! never fall back to the host network.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Exit code `scripts/fixtures/netns.sh` uses for "cannot isolate here" outside CI.
pub const EXIT_SKIP: i32 = 77;

/// The Debian Python that has Django (the first `python3` on PATH may not).
pub const DJANGO_PYTHON: &str = "/usr/bin/python3";

/// True when running under CI (`CI` set and not empty): live tests must not skip there.
pub fn ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The crate root, where `scripts/` and `tests/fixtures/` live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Finds an executable by name on PATH (or takes an absolute path as is).
pub fn find_tool(tool: &str) -> Option<PathBuf> {
    let candidate = Path::new(tool);
    if candidate.is_absolute() {
        return is_executable(candidate).then(|| candidate.to_path_buf());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Skips (returns `None`, printing why) or, under CI, fails the test.
pub fn skip_or_fail(why: &str) -> Option<PathBuf> {
    if ci() {
        panic!("live test cannot run: {why} (CI is set, so this is a failure)");
    }
    eprintln!("skipped: {why}");
    None
}

/// The tool's path; `None` (after printing `skipped: …`) when missing outside CI.
pub fn require_or_skip(tool: &str) -> Option<PathBuf> {
    find_tool(tool).or_else(|| skip_or_fail(&format!("{tool} not found")))
}

/// Every tool the fixture server and browser drivers need, or `None` (skipped).
pub fn require_browser_tools() -> Option<()> {
    for tool in [
        "chromium",
        "firefox-esr",
        "openssl",
        "unshare",
        "ip",
        DJANGO_PYTHON,
    ] {
        require_or_skip(tool)?;
    }
    let django = Command::new(DJANGO_PYTHON)
        .args(["-c", "import django"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !django {
        return skip_or_fail("Django is not importable by /usr/bin/python3 (python3-django)")
            .map(|_| ());
    }
    Some(())
}

/// A fresh, empty HOME that is removed when dropped.
pub fn temp_home() -> tempfile::TempDir {
    match tempfile::Builder::new().prefix("crumbs-live-").tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("cannot make a temp HOME: {e}"),
    }
}

/// A command that runs `program args…` inside a loopback-only network namespace.
pub fn netns_command<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(repo_root().join("scripts/fixtures/netns.sh"))
        .arg(program)
        .args(args);
    cmd
}

/// Runs a command to completion; `None` (skipped) when it reports that isolation is not
/// possible here (exit 77, outside CI only); panics with its stderr on any other failure.
pub fn run_checked(mut cmd: Command, what: &str) -> Option<Output> {
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => panic!("{what}: cannot start: {e}"),
    };
    if out.status.code() == Some(EXIT_SKIP) {
        return skip_or_fail(&format!(
            "{what}: no private network namespace here ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
        .map(|_| out);
    }
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Some(out)
}

/// Runs `scripts/fixtures/drive.py ARGS` (it enters the network namespace itself, and
/// starts and stops the fixture server around the browsers).
pub fn drive<S: AsRef<OsStr>>(args: &[S]) -> Option<Output> {
    let mut cmd = Command::new(DJANGO_PYTHON);
    cmd.arg(repo_root().join("scripts/fixtures/drive.py"))
        .args(args);
    run_checked(cmd, "drive.py")
}

/// Makes a pair of real profiles (Chromium + Firefox) in `home`, logging every cookie the
/// server set to `log`. `None` when skipped.
pub fn make_home(home: &Path, log: &Path) -> Option<()> {
    require_browser_tools()?;
    drive(&[
        OsStr::new("make-home"),
        home.as_os_str(),
        OsStr::new("--log"),
        log.as_os_str(),
    ])
    .map(|_| ())
}

/// Writes (and checks) a manifest for `home` from the server `log`, like
/// `scripts/make-fixtures.sh` does; panics when stores and log disagree.
pub fn write_manifest(home: &Path, log: &Path, out: &Path) -> serde_json::Value {
    let mut cmd = Command::new(DJANGO_PYTHON);
    cmd.arg(repo_root().join("scripts/fixtures/manifest.py"))
        .arg(home)
        .arg(log)
        .arg(out);
    run_checked(cmd, "manifest.py");
    read_json(out)
}

/// Reads a JSON file (test data), panicking with the file name on error.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// `tests/fixtures/real/`: the committed real profiles and their MANIFEST.json.
pub fn real_fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/real")
}

/// The committed fixtures' MANIFEST.json.
pub fn real_manifest() -> serde_json::Value {
    read_json(&real_fixtures().join("MANIFEST.json"))
}

/// A private copy of the committed fixture HOME, for tests that delete or lock: the
/// committed files must never change. Removed when dropped.
pub fn real_home_copy() -> tempfile::TempDir {
    let dir = temp_home();
    copy_tree(&real_fixtures().join("home"), dir.path());
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    let entries = match std::fs::read_dir(from) {
        Ok(e) => e,
        Err(e) => panic!("{}: {e}", from.display()),
    };
    for entry in entries.flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let copied = if src.is_dir() {
            std::fs::create_dir_all(&dst).map(|()| copy_tree(&src, &dst))
        } else {
            std::fs::copy(&src, &dst).map(|_| ())
        };
        if let Err(e) = copied {
            panic!("copy {} -> {}: {e}", src.display(), dst.display());
        }
    }
}

/// Runs the built `crumbs` with `home` as HOME (and the XDG folders under it).
pub fn crumbs_output(home: &Path, args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_crumbs"))
        .args(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run crumbs: {e}"),
    }
}
