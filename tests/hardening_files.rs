//! Damaged side files a profile tree holds (profiles.ini, installs.ini, Local State,
//! session-restore files), symlink loops under HOME, and malformed `--policy` files.
//! Discovery and side files degrade gracefully (exit 0, the cookie stores still listed,
//! a one-line note when a file the user would miss is skipped); policy files the user
//! named are errors with file and line (exit 1).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::path::{Path, PathBuf};

use support::{Run, Sandbox, fixture};

/// A copy of the real fixture home inside the sandbox's HOME.
fn real_home(sb: &Sandbox) -> PathBuf {
    copy_tree(&fixture("tests/fixtures/real/home"), sb.home.path());
    sb.home.path().to_path_buf()
}

fn copy_tree(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

const FF: &str = ".mozilla/firefox";
const PROFILE: &str = ".mozilla/firefox/juvodf8i.default-esr";
const CHROMIUM: &str = ".config/chromium";

/// Both real stores are still found: one Firefox and one Chromium row.
fn assert_both_found(run: &Run) {
    run.assert_ok();
    let text = run.stdout_text();
    assert!(text.contains("cookies.sqlite"), "{text}");
    assert!(text.contains("Default/Cookies"), "{text}");
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn malformed_profiles_and_installs_ini_fall_back_to_a_scan() {
    let cases: [&[u8]; 4] = [
        b"",
        b"\xff\xfe[Profile0\x00Path=\xff\n",
        b"[Profile0\nPath=../../../../../etc\nIsRelative=1\nDefault=1\n[General\n",
        b"[Profile0]\nPath=/nonexistent/profile\nIsRelative=0\n[Profile0]\nPath=\n",
    ];
    for bytes in cases {
        let sb = Sandbox::new();
        let home = real_home(&sb);
        std::fs::write(home.join(FF).join("profiles.ini"), bytes).unwrap();
        std::fs::write(home.join(FF).join("installs.ini"), bytes).unwrap();
        assert_both_found(&sb.run(&["stores"]));
        assert_eq!(sb.leftover_tmp(), Vec::<String>::new());
    }
}

#[test]
fn malformed_local_state_keeps_the_profile() {
    let cases: [&[u8]; 4] = [
        b"",
        b"{\"profile\": {\"info_cache\": {\"Default\": 5",
        b"{\"profile\": {\"info_cache\": {\"Default\": {\"name\": 7}}}, \"os_crypt\": []}",
        b"\xff\xfe\x00\x01 not json",
    ];
    for bytes in cases {
        let sb = Sandbox::new();
        let home = real_home(&sb);
        std::fs::write(home.join(CHROMIUM).join("Local State"), bytes).unwrap();
        assert_both_found(&sb.run(&["stores"]));
        let list = sb.run(&["list", "--browser", "chromium"]);
        list.assert_ok();
        list.assert_stdout_escaped();
    }
}

/// A damaged session file costs only the session cookies: exit 0, the database rows
/// listed, one note naming the file.
#[test]
fn malformed_session_restore_file() {
    let session = |json: &[u8]| crumbs::store::read::firefox::mozlz4::encode(json).unwrap();
    let mut huge = b"mozLz40\0".to_vec();
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    let cases: Vec<Vec<u8>> = vec![
        b"\x00\x01random bytes, not mozLz4".to_vec(),
        huge,
        b"mozLz40\0\x10\0\0\0\xff\xff\xff".to_vec(),
        session(b"{\"cookies\": [{\"host\": "),
        session(b"{\"cookies\": 5}"),
        session(b"{\"cookies\": [{\"host\": 5, \"name\": [], \"value\": {}}]}"),
        session(b"\xff\xfe not utf-8"),
    ];
    for bytes in cases {
        let sb = Sandbox::new();
        let home = real_home(&sb);
        let file = home.join(PROFILE).join("sessionstore.jsonlz4");
        std::fs::write(&file, &bytes).unwrap();
        let run = sb.run(&["list", "--browser", "firefox"]);
        run.assert_ok();
        assert!(
            run.stdout_text().lines().count() > 5,
            "{}",
            run.stdout_text()
        );
        let notes: Vec<_> = run.stderr.lines().collect();
        assert_eq!(notes.len(), 1, "{:?}", run.stderr);
        assert!(
            notes[0].contains("sessionstore.jsonlz4"),
            "{:?}",
            run.stderr
        );
    }
}

/// Loops and self-links under HOME: discovery must finish and find the real stores.
#[test]
fn symlink_loops_under_home_terminate() {
    use std::os::unix::fs::symlink;
    let sb = Sandbox::new();
    let home = real_home(&sb);
    symlink("..", home.join(FF).join("loop")).unwrap();
    symlink(&home, home.join(CHROMIUM).join("Default").join("home")).unwrap();
    let p1 = home.join(CHROMIUM).join("Profile 1");
    std::fs::create_dir_all(&p1).unwrap();
    symlink(&p1, p1.join("self")).unwrap();
    symlink("b", home.join(".config").join("a")).unwrap();
    symlink("a", home.join(".config").join("b")).unwrap();
    symlink("a", home.join(FF).join("profiles.ini.lnk")).unwrap();
    let start = std::time::Instant::now();
    assert_both_found(&sb.run(&["stores"]));
    assert!(start.elapsed().as_secs() < 20);
}

/// A `--policy` file the user named must be right: exit 1, one line with file and line.
#[test]
fn malformed_policy_files_name_file_and_line() {
    let sb = Sandbox::new();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "bad.toml",
            b"version = 1\n[[cookie]\nname = \"x\"\n",
            "bad.toml:2:",
        ),
        ("bin.toml", b"\xff\xfe\x00garbage\n", "bin.toml"),
        ("bad.csv", b"ID,Platform,Category\n1,2\n", "bad.csv:1:"),
        ("empty.csv", b"", "empty.csv"),
    ];
    for (name, bytes, want) in cases {
        let p = sb.path(name);
        std::fs::write(&p, bytes).unwrap();
        for cmd in ["stores", "list"] {
            let run = sb.run(&[cmd, "--policy", p.to_str().unwrap()]);
            run.assert_one_line_error(want);
            assert!(run.stdout.is_empty());
        }
    }
    let missing = sb.path("missing.toml");
    let run = sb.run(&["list", "--policy", missing.to_str().unwrap()]);
    run.assert_one_line_error("missing.toml");
    let dir = sb.path("adir");
    std::fs::create_dir_all(&dir).unwrap();
    let run = sb.run(&["list", "--policy", dir.to_str().unwrap()]);
    run.assert_one_line_error("adir");
}

/// The cause of an I/O error is said once, not twice.
#[test]
fn io_errors_say_their_cause_once() {
    let sb = Sandbox::new();
    let run = sb.run(&["list", "--store", sb.path("nope").to_str().unwrap()]);
    run.assert_one_line_error("nope");
    assert_eq!(
        run.stderr.matches("os error 2").count(),
        1,
        "{}",
        run.stderr
    );
}

/// Found by the `ocd_csv` fuzz target: a quoted field with newlines, quoted back in the
/// error, made a multi-line message. Errors stay one line with the newline escaped.
#[test]
fn ocd_error_quoting_a_multiline_field_is_one_line() {
    let text = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,\
                Retention period,Data Controller,User Privacy & GDPR Rights Portals,\
                Wildcard match\n\
                0001,Google,Analytics,_ga,,Client ID,2 years,Google,https://x.test,\"1\n\
                0002,evil\u{1b}[2J\"\n";
    let e = crumbs::policy::ocd::parse_csv("ocd.csv", text)
        .unwrap_err()
        .to_string();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("ocd.csv:2: "), "{e}");
    assert!(!e.contains('\u{1b}'), "{e}");
    let sb = Sandbox::new();
    let p = sb.path("ocd.csv");
    std::fs::write(&p, text).unwrap();
    sb.run(&["stores", "--policy", p.to_str().unwrap()])
        .assert_one_line_error("ocd.csv:2:");
}
