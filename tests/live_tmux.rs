//! End to end in a real terminal: the built `crumbs` under a private tmux server, keys
//! sent with `send-keys`, the screen read with `capture-pane`, polled with a timeout
//! (never a blind sleep). Live: with `CI` set a missing tmux fails the test; without it
//! the test prints "skipped" and returns.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(15);

fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required for this test under CI"
        );
        println!("skipped: tmux is not installed");
    }
    ok
}

/// A private tmux server; `Drop` kills it whatever happened.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(cmd: &str, env: &[(&str, &Path)]) -> Tmux {
        let socket = format!("crumbs-test-{}-{}", std::process::id(), rand_suffix());
        let t = Tmux { socket };
        let mut full = String::from("env");
        for (k, v) in env {
            full.push_str(&format!(" {k}='{}'", v.display()));
        }
        full.push_str(" TERM=xterm-256color ");
        full.push_str(cmd);
        let out = t
            .cmd(&[
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "30",
                &full,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.run(&["set-option", "-g", "remain-on-exit", "on"]);
        t
    }
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }
    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p"])
    }
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", k]);
        }
    }
    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    /// Types `/QUERY` Enter and waits until the whole filter is applied (it is typed a
    /// key at a time): the first match explained and `shown` (e.g. `" 2 of "`) in the
    /// status line. Returns that screen.
    fn filter(&self, query: &str, shown: &str) -> String {
        self.keys(&["/"]);
        self.literal(query);
        self.keys(&["Enter"]);
        let first = format!("{query} on");
        self.wait_for("the filtered list", |s| {
            s.contains(&first) && s.contains(shown)
        })
    }
    /// Polls until `pred` holds on the screen, or fails with the last screen.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    fn wait_exit(&self) {
        let start = Instant::now();
        while self.run(&["display", "-p", "#{pane_dead}"]).trim() != "1" {
            assert!(
                start.elapsed() < TIMEOUT,
                "crumbs did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).output();
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::from(d.subsec_nanos()))
        .unwrap_or(0)
}

fn demo_db(tmp: &Path) -> Option<PathBuf> {
    std::fs::read_dir(tmp)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("demo.default/cookies.sqlite"))
        .find(|p| p.exists())
}

#[test]
fn help_then_quit_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(
        &format!("{bin} --demo"),
        &[("HOME", home.path()), ("TMPDIR", tmp.path())],
    );
    t.wait_for("the demo header", |s| {
        s.contains("crumbs") && s.contains("demo")
    });
    t.keys(&["?"]);
    t.wait_for("the help overlay", |s| s.contains("Keys (Esc closes)"));
    t.keys(&["Escape"]);
    t.wait_for("help to close", |s| !s.contains("Keys (Esc closes)"));
    t.keys(&["C-c"]);
    t.wait_exit();
    assert_eq!(t.run(&["display", "-p", "#{alternate_on}"]).trim(), "0");
    assert!(
        demo_db(tmp.path()).is_none(),
        "the demo folder is removed on exit"
    );
}

/// A private copy of the committed real-browser home, so deleting touches no fixture.
fn real_home() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let home = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/home");
    copy(&src, home.path());
    home
}

/// `sessionid` rows in the fixture's Firefox and Chromium stores.
fn sessionid_rows(home: &Path) -> i64 {
    let firefox = home.join(".mozilla/firefox/juvodf8i.default-esr/cookies.sqlite");
    let chromium = home.join(".config/chromium/Default/Cookies");
    let count = |db: &Path, table: &str| -> i64 {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row(
            &format!("SELECT count(*) FROM {table} WHERE name = 'sessionid'"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    count(&firefox, "moz_cookies") + count(&chromium, "cookies")
}

#[test]
fn filter_delete_confirm_removes_the_row_from_the_store() {
    if !tmux_available() {
        return;
    }
    let home = real_home();
    let tmp = tempfile::tempdir().unwrap();
    let before = sessionid_rows(home.path());
    assert_eq!(before, 2, "one sessionid per browser in the fixture");
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(bin, &[("HOME", home.path()), ("TMPDIR", tmp.path())]);
    t.wait_for("the stores", |s| s.contains("2 stores"));
    let filtered = t.filter("sessionid", " 2 of ");
    assert!(filtered.contains("Opendatasoft"), "{filtered}");
    t.keys(&["d"]);
    t.wait_for("the confirm dialog", |s| s.contains("y delete"));
    t.keys(&["y"]);
    t.wait_for("the delete report", |s| s.contains("Deleted 1 cookie"));
    t.keys(&["q"]);
    t.wait_exit();
    assert_eq!(t.run(&["display", "-p", "#{alternate_on}"]).trim(), "0");
    assert_eq!(
        sessionid_rows(home.path()),
        before - 1,
        "the row is gone from the store"
    );
}

#[test]
fn delete_then_undo_puts_the_row_back() {
    if !tmux_available() {
        return;
    }
    let home = real_home();
    let tmp = tempfile::tempdir().unwrap();
    let before = sessionid_rows(home.path());
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(bin, &[("HOME", home.path()), ("TMPDIR", tmp.path())]);
    t.wait_for("the stores", |s| s.contains("2 stores"));
    t.filter("sessionid", " 2 of ");
    t.keys(&["d"]);
    t.wait_for("the confirm dialog", |s| s.contains("y delete"));
    t.keys(&["y"]);
    let screen = t.wait_for("the delete report", |s| s.contains("Deleted 1 cookie"));
    assert!(
        screen.contains("backup "),
        "the status names the backup:\n{screen}"
    );
    assert_eq!(sessionid_rows(home.path()), before - 1);
    t.keys(&["u"]);
    t.wait_for("the undo report", |s| s.contains("Put back 1 cookie"));
    assert_eq!(sessionid_rows(home.path()), before, "the row is back");
    t.keys(&["q"]);
    t.wait_exit();
    assert_eq!(t.run(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

/// Marks stay when the tab changes and the status line counts those out of view; the
/// Trackers tab plans its `D` as "trackers" and `n` leaves the stores alone.
#[test]
fn marks_off_screen_and_the_trackers_tab() {
    if !tmux_available() {
        return;
    }
    let home = real_home();
    let tmp = tempfile::tempdir().unwrap();
    let before = sessionid_rows(home.path());
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(bin, &[("HOME", home.path()), ("TMPDIR", tmp.path())]);
    t.wait_for("the stores", |s| s.contains("2 stores"));
    t.filter("sessionid", " 2 of ");
    t.keys(&["a"]);
    t.wait_for("both marked", |s| s.contains("2 marked"));
    t.keys(&["Escape", "7"]);
    t.wait_for("marks counted off view", |s| {
        s.contains("2 marked, 2 not in this view")
    });
    t.keys(&["D"]);
    t.wait_for("the trackers confirm", |s| s.contains("(trackers)"));
    t.keys(&["n"]);
    t.wait_for("nothing deleted", |s| s.contains("Nothing deleted"));
    t.keys(&["q"]);
    t.wait_exit();
    assert_eq!(sessionid_rows(home.path()), before);
}

/// `sessionid` rows in the demo's private store, found under `tmp`.
fn demo_sessionid_rows(tmp: &Path) -> i64 {
    let db = demo_db(tmp).expect("the demo store exists while crumbs runs");
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(
        "SELECT count(*) FROM moz_cookies WHERE name = 'sessionid'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// `crumbs --demo`: `d` `y` deletes the selected cookie from the demo's own store and
/// the list; `u` puts it back, on screen and in the store.
#[test]
fn demo_delete_then_undo_shows_the_cookie_again() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(
        &format!("{bin} --demo"),
        &[("HOME", home.path()), ("TMPDIR", tmp.path())],
    );
    t.wait_for("the demo header", |s| s.contains("demo store"));
    let before = t.filter("sessionid", " 2 of 43 ");
    assert!(
        before.contains("sessionid on www.fabriquenumeriquedupasse.fr"),
        "{before}"
    );
    assert!(
        before.contains(" sessionid "),
        "the row is listed:\n{before}"
    );
    assert!(before.contains(" 2 of 43 cookies"), "{before}");
    assert_eq!(demo_sessionid_rows(tmp.path()), 1);
    t.keys(&["d"]);
    t.wait_for("the confirm dialog", |s| s.contains("y delete"));
    t.keys(&["y"]);
    let gone = t.wait_for("the delete report", |s| s.contains("Deleted 1 cookie"));
    // Its site had only this cookie in view: the site leaves the list with it.
    assert!(
        !gone.contains(" sessionid ") && !gone.contains("fabriquenumerique"),
        "the row left the list:\n{gone}"
    );
    assert!(gone.contains(" 1 of 42 cookies"), "{gone}");
    assert_eq!(demo_sessionid_rows(tmp.path()), 0);
    t.keys(&["u"]);
    t.wait_for("the undo report", |s| s.contains("Put back 1 cookie"));
    let back = t.wait_for("the reloaded list", |s| s.contains(" 2 of 43 cookies"));
    assert!(
        back.contains("│ fabriquenumeriquedup…    1 N·S·· Fx│"),
        "the site is back in the list:\n{back}"
    );
    // Select it (sites pane, first row): its one cookie is the one deleted.
    t.keys(&["h", "g"]);
    t.wait_for("the cookie again", |s| {
        s.contains(" sessionid ") && s.contains("sessionid on www.fabriquenumeriquedupasse.fr")
    });
    assert_eq!(demo_sessionid_rows(tmp.path()), 1, "back in the store");
    t.keys(&["q"]);
    t.wait_exit();
    assert_eq!(t.run(&["display", "-p", "#{alternate_on}"]).trim(), "0");
}

/// `x` in a real terminal: the typed path gets an owner-only cookies.txt holding the
/// cookies in view, and the status line says so.
#[test]
fn demo_export_writes_an_owner_only_file() {
    use std::os::unix::fs::PermissionsExt;
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = home.path().join("github.txt");
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(
        &format!("{bin} --demo"),
        &[("HOME", home.path()), ("TMPDIR", tmp.path())],
    );
    t.wait_for("the demo header", |s| s.contains("demo store"));
    t.keys(&["/"]);
    t.literal("github");
    t.keys(&["Enter", "x"]);
    t.wait_for("the export prompt", |s| s.contains("./cookies.txt"));
    t.keys(&["C-u"]);
    t.literal(&out.display().to_string());
    t.keys(&["Enter"]);
    t.wait_for("the export report", |s| s.contains("Exported 5 cookies"));
    let meta = std::fs::metadata(&out).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    for name in ["_gh_sess", "user_session", "logged_in", "_octo", "tz"] {
        assert!(
            text.contains(&format!("\t{name}\t")),
            "{name} missing:\n{text}"
        );
    }
    t.keys(&["q"]);
    t.wait_exit();
}

/// `A` in a real terminal on the real-browser fixtures: the seed site's audit, worded as
/// `crumbs audit` words it, and `Esc` back to the lists.
#[test]
fn audit_overlay_of_the_seed_site() {
    if !tmux_available() {
        return;
    }
    let home = real_home();
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_crumbs");
    let t = Tmux::start(bin, &[("HOME", home.path()), ("TMPDIR", tmp.path())]);
    t.wait_for("the stores", |s| s.contains("2 stores"));
    t.keys(&["/"]);
    t.literal("fabriquenumeriquedupasse");
    t.keys(&["Enter", "A"]);
    let s = t.wait_for("the audit", |s| {
        s.contains("Audit of fabriquenumeriquedupasse.fr")
    });
    assert!(s.contains("cookies found are not declared"), "{s}");
    assert!(s.contains("Found but not declared ("), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("the audit to close", |s| !s.contains("Audit of"));
    t.keys(&["q"]);
    t.wait_exit();
}
