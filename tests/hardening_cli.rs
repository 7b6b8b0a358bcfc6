//! Bad store files given to `crumbs list --store X` and `crumbs stores --store X`: each
//! must end in exit 1 with exactly one stderr line naming the file, or in exit 0 where
//! crumbs degrades gracefully (the test says which and why); never a panic, never a file
//! left in the private TMPDIR. Stores are copies of the real fixture profiles.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{Sandbox, both_stores, firefox_copy, list_and_stores, sql};

fn assert_all_fail(sb: &Sandbox, store: &std::path::Path) {
    let name = store.file_name().unwrap().to_str().unwrap();
    for run in list_and_stores(sb, store) {
        run.assert_one_line_error(name);
        assert!(
            run.stdout.is_empty(),
            "partial output: {}",
            run.stdout_text()
        );
    }
    assert_eq!(
        sb.leftover_tmp(),
        Vec::<String>::new(),
        "snapshot left behind"
    );
}

fn assert_all_ok(sb: &Sandbox, store: &std::path::Path) -> Vec<support::Run> {
    let runs = list_and_stores(sb, store);
    for run in &runs {
        run.assert_ok();
        run.assert_stdout_escaped();
    }
    assert_eq!(
        sb.leftover_tmp(),
        Vec::<String>::new(),
        "snapshot left behind"
    );
    runs
}

#[test]
fn empty_file_is_refused() {
    let sb = Sandbox::new();
    for name in ["cookies.sqlite", "Cookies", "Cookies.binarycookies"] {
        let p = sb.path(name);
        std::fs::write(&p, b"").unwrap();
        assert_all_fail(&sb, &p);
    }
}

#[test]
fn random_bytes_are_refused() {
    let sb = Sandbox::new();
    // A fixed xorshift stream: the same "random" file on every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let p = sb.path("cookies.sqlite");
    std::fs::write(&p, &bytes).unwrap();
    assert_all_fail(&sb, &p);
    // The right magic with garbage after it must fail the same way.
    let mut magic = b"SQLite format 3\0".to_vec();
    magic.extend_from_slice(&bytes[..4096]);
    std::fs::write(&p, &magic).unwrap();
    assert_all_fail(&sb, &p);
    let mut cook = b"cook".to_vec();
    cook.extend_from_slice(&bytes[..4096]);
    let p = sb.path("Cookies.binarycookies");
    std::fs::write(&p, &cook).unwrap();
    assert_all_fail(&sb, &p);
}

#[test]
fn truncated_sqlite_is_refused() {
    let sb = Sandbox::new();
    for (i, store) in both_stores(sb.work.path()).iter().enumerate() {
        let len = std::fs::metadata(store).unwrap().len();
        let bytes = std::fs::read(store).unwrap();
        for cut in [50, 100, 4096, len / 2, len - 1] {
            let p = sb.path(&format!("cut{i}_{cut}"));
            std::fs::create_dir_all(&p).unwrap();
            let p = p.join(store.file_name().unwrap());
            std::fs::write(&p, &bytes[..cut as usize]).unwrap();
            if cut <= 4096 {
                assert_all_fail(&sb, &p);
                continue;
            }
            // Past the pages that hold rows, SQLite still reads what is there: either
            // the surviving rows (exit 0) or one "damaged" line (exit 1), never a panic.
            for run in list_and_stores(&sb, &p) {
                match run.code {
                    Some(0) => run.assert_ok(),
                    _ => run.assert_one_line_error("damaged"),
                }
            }
        }
    }
}

#[test]
fn folder_without_a_store_is_refused() {
    let sb = Sandbox::new();
    let dir = sb.path("profile");
    std::fs::create_dir_all(dir.join("Network")).unwrap();
    std::fs::write(dir.join("prefs.js"), "user_pref(\"a\", 1);\n").unwrap();
    assert_all_fail(&sb, &dir);
}

#[test]
fn missing_path_is_refused() {
    let sb = Sandbox::new();
    assert_all_fail(&sb, &sb.path("no-such-store.sqlite"));
}

#[test]
fn sqlite_without_cookie_table_is_refused() {
    let sb = Sandbox::new();
    let p = sb.path("cookies.sqlite");
    sql(&p, "CREATE TABLE foo(a); INSERT INTO foo VALUES (1);");
    assert_all_fail(&sb, &p);
    // Chromium's `meta` without `cookies`.
    let p = sb.path("Cookies");
    sql(
        &p,
        "CREATE TABLE meta(key TEXT, value TEXT); INSERT INTO meta VALUES ('version','24');",
    );
    assert_all_fail(&sb, &p);
}

/// A column the reader does not strictly need is read as its default: exit 0, every row
/// still listed. Without `name` a cookie cannot be told apart: exit 1.
#[test]
fn missing_column() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    sql(&ff, "ALTER TABLE moz_cookies DROP COLUMN isHttpOnly;");
    sql(&ch, "ALTER TABLE cookies DROP COLUMN is_httponly;");
    for store in [&ff, &ch] {
        let runs = assert_all_ok(&sb, store);
        assert!(
            runs[0].stdout_text().lines().count() > 5,
            "{}",
            runs[0].stdout_text()
        );
    }
    let [ff, ch] = both_stores(&sb.path("noname"));
    sql(&ff, "ALTER TABLE moz_cookies RENAME COLUMN name TO nom;");
    sql(&ch, "ALTER TABLE cookies RENAME COLUMN name TO nom;");
    assert_all_fail(&sb, &ff);
    assert_all_fail(&sb, &ch);
}

/// A newer schema is read by column names, with one note on stderr: exit 0.
#[test]
fn future_schema_version_is_read_with_a_note() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    sql(&ff, "PRAGMA user_version = 99;");
    sql(&ch, "UPDATE meta SET value = '99' WHERE key = 'version';");
    for store in [&ff, &ch] {
        for run in assert_all_ok(&sb, store) {
            let lines: Vec<_> = run.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "{:?}", run.stderr);
            assert!(lines[0].contains("99"), "{:?}", run.stderr);
        }
    }
}

/// Invalid UTF-8 in every text column is shown lossily (U+FFFD) and escaped: exit 0.
#[test]
fn non_utf8_text_columns() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    sql(
        &ff,
        "UPDATE moz_cookies SET name = CAST(X'ff41fe1b5b33316d' || id AS TEXT),
         value = CAST(X'c3' AS TEXT), host = CAST(X'2e61ff2e74657374' || id AS TEXT),
         path = CAST(X'2fff' AS TEXT), originAttributes = CAST(X'5eff' AS TEXT);",
    );
    sql(
        &ch,
        "UPDATE cookies SET name = CAST(X'ff41fe1b5b33316d' || rowid AS TEXT),
         value = CAST(X'c3' AS TEXT), host_key = CAST(X'2e61ff2e74657374' || rowid AS TEXT),
         path = CAST(X'2fff' AS TEXT), top_frame_site_key = CAST(X'ff' AS TEXT);",
    );
    for store in [&ff, &ch] {
        let runs = assert_all_ok(&sb, store);
        let text = runs[0].stdout_text();
        assert!(text.contains('\u{fffd}'), "{text}");
        assert!(text.contains("\\x1b[31m"), "ESC not shown escaped: {text}");
        let json: serde_json::Value = serde_json::from_slice(&runs[1].stdout).unwrap();
        assert!(json.to_string().contains('\u{fffd}'));
        let s = store.to_str().unwrap();
        let shown = sb.run(&["list", "--show-values", "--store", s]);
        shown.assert_ok();
        shown.assert_stdout_escaped();
    }
}

/// A 1 MiB value is listed (hidden) and shown in full with `--show-values`: exit 0.
#[test]
fn one_mebibyte_value() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    let big = "UPDATE {t} SET value = printf('%.*c', 1048576, 'q') WHERE rowid = (SELECT min(rowid) FROM {t});";
    sql(&ff, &big.replace("{t}", "moz_cookies"));
    sql(
        &ch,
        &format!(
            "{} UPDATE cookies SET encrypted_value = X'' WHERE rowid = (SELECT min(rowid) FROM cookies);",
            big.replace("{t}", "cookies")
        ),
    );
    for store in [&ff, &ch] {
        let runs = assert_all_ok(&sb, store);
        assert!(runs[1].stdout.len() < 64 * 1024, "hidden value printed");
        let s = store.to_str().unwrap();
        let shown = sb.run(&["list", "--json", "--show-values", "--store", s]);
        shown.assert_ok();
        assert!(shown.stdout.len() > 1_048_576, "value not shown in full");
        serde_json::from_slice::<serde_json::Value>(&shown.stdout).unwrap();
    }
}

/// Another process holds `BEGIN EXCLUSIVE` on the live file with an uncommitted change.
/// crumbs copies the file and its hot journal and reads the copy: exit 0, the committed
/// rows, the live file untouched.
#[test]
fn store_locked_by_another_process() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    for (store, table) in [(&ff, "moz_cookies"), (&ch, "cookies")] {
        let before = std::fs::read(store).unwrap();
        let mut child = Command::new("sqlite3")
            .arg(store)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("sqlite3 CLI");
        let mut stdin = child.stdin.take().unwrap();
        writeln!(
            stdin,
            "BEGIN EXCLUSIVE; DELETE FROM {table}; SELECT 'held';"
        )
        .unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
        let runs = list_and_stores(&sb, store);
        drop(stdin);
        let _ = child.wait();
        for run in &runs {
            run.assert_ok();
        }
        assert!(
            runs[0].stdout_text().lines().count() > 5,
            "{}",
            runs[0].stdout_text()
        );
        assert_eq!(std::fs::read(store).unwrap(), before, "live file changed");
        assert_eq!(sb.leftover_tmp(), Vec::<String>::new());
    }
}

/// We run as root, so `chmod 000` does not stop reads; what can be tested is a file the
/// kernel refuses to everyone: a FIFO (no writer) must not hang crumbs.
#[test]
fn fifo_instead_of_store_is_refused_quickly() {
    let sb = Sandbox::new();
    let p = sb.path("cookies.sqlite");
    let ok = Command::new("mkfifo").arg(&p).status().unwrap();
    assert!(ok.success());
    let start = std::time::Instant::now();
    assert_all_fail(&sb, &p);
    assert!(start.elapsed().as_secs() < 20);
}

/// `chmod 000` as root: reads still succeed (root bypasses permission bits).
#[test]
fn mode_000_store_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let p = firefox_copy(&dir);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = sb.run(&["list", "--store", p.to_str().unwrap()]);
    if rustix::process::geteuid().is_root() {
        run.assert_ok();
    } else {
        run.assert_one_line_error("cookies.sqlite");
    }
}
