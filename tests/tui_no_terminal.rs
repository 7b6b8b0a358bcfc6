//! The real binary with no terminal: `crumbs </dev/null` and `crumbs | cat` refuse in one
//! line and exit 1, before reading any store, instead of an OS error or escape codes in a
//! pipe.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::process::{Command, Stdio};

const REFUSAL: &str = "crumbs: the terminal UI needs a terminal; try `crumbs list`\n";

fn crumbs(stdin: Stdio) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_crumbs"))
        .arg("--demo")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn no_terminal_on_stdin_is_one_clear_line() {
    let out = crumbs(Stdio::null());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), REFUSAL);
    assert!(out.stdout.is_empty(), "no escape codes into the pipe");
}

/// stdin is a terminal (a pty from `script`), stdout a pipe into `cat`.
#[test]
fn stdout_into_a_pipe_is_refused_the_same_way() {
    let home = tempfile::tempdir().unwrap();
    let line = format!(
        "HOME={} {} --demo | cat; echo \"exit=${{PIPESTATUS[0]}}\"",
        home.path().display(),
        env!("CARGO_BIN_EXE_crumbs")
    );
    let out = Command::new("script")
        .args(["-qec", &format!("bash -c '{line}'"), "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(text.contains(REFUSAL), "{text}");
    assert!(text.contains("exit=1"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no escape codes into the pipe: {text:?}"
    );
}
