//! Hostile bytes in cookie names, values, hosts and paths (ESC, CSI, BEL, CR, bidi
//! overrides) and in store paths: text output shows them escaped (no raw control byte
//! reaches the terminal), JSON stays valid and carries the exact text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use support::{Sandbox, both_stores, sql};

/// ESC sequence to clear the screen, 8-bit CSI, BEL, CR, OSC title, RLO and LRI.
const EVIL: &str = "a\u{1b}[2Jb\u{9b}31mc\u{7}d\re\u{1b}]0;pwned\u{7}f\u{202e}g\u{2066}h";

fn plant(sb: &Sandbox) -> [std::path::PathBuf; 2] {
    let [ff, ch] = both_stores(sb.work.path());
    let e = EVIL.replace('\'', "''");
    sql(
        &ff,
        &format!(
            "UPDATE moz_cookies SET name = '{e}' || id, value = '{e}',
             host = '.{e}' || id || '.test', path = '/{e}';"
        ),
    );
    sql(
        &ch,
        &format!(
            "UPDATE cookies SET name = '{e}' || rowid, value = '{e}', encrypted_value = X'',
             host_key = '.{e}' || rowid || '.test', path = '/{e}';"
        ),
    );
    [ff, ch]
}

#[test]
fn text_output_escapes_control_bytes() {
    let sb = Sandbox::new();
    for store in plant(&sb) {
        let s = store.to_str().unwrap();
        for args in [
            vec!["list", "--store", s],
            vec!["list", "--show-values", "--store", s],
            vec!["stores", "--store", s],
        ] {
            let run = sb.run(&args);
            run.assert_ok();
            run.assert_stdout_escaped();
            assert!(!run.stderr.contains('\u{1b}'), "raw ESC on stderr");
        }
        let shown = sb
            .run(&["list", "--show-values", "--store", s])
            .stdout_text();
        assert!(
            shown.contains("a\\x1b[2Jb"),
            "escaped form missing: {shown}"
        );
        assert!(
            shown.contains("\\u{202e}"),
            "bidi override not escaped: {shown}"
        );
    }
}

/// JSON is valid and carries the exact text: serde_json writes C0 controls as `\uXXXX`;
/// C1 controls (U+009B) and bidi overrides are legal JSON and pass through as UTF-8.
#[test]
fn json_output_is_valid_and_exact() {
    let sb = Sandbox::new();
    for store in plant(&sb) {
        let s = store.to_str().unwrap();
        let run = sb.run(&["list", "--json", "--show-values", "--store", s]);
        run.assert_ok();
        let raw = run.stdout_text();
        assert!(
            !raw.chars().any(|c| c < ' ' && c != '\n'),
            "raw C0 byte in JSON"
        );
        let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let rows = v.as_array().unwrap();
        assert!(rows.len() > 5);
        for row in rows {
            assert!(row["name"].as_str().unwrap().starts_with(EVIL), "{row}");
            assert_eq!(row["path"].as_str().unwrap(), format!("/{EVIL}"));
            assert_eq!(row["value"].as_str().unwrap(), EVIL, "{row}");
        }
        let stores = sb.run(&["stores", "--json", "--store", s]);
        stores.assert_ok();
        serde_json::from_slice::<serde_json::Value>(&stores.stdout).unwrap();
    }
}

/// A store under a folder whose name holds ESC and bidi bytes: listed and errors escaped.
#[test]
fn hostile_store_path() {
    let sb = Sandbox::new();
    let dir = sb.path("p\u{1b}[31mred\u{202e}x");
    std::fs::create_dir_all(&dir).unwrap();
    let store = support::firefox_copy(&dir);
    let s = store.to_str().unwrap();
    for args in [vec!["stores", "--store", s], vec!["list", "--store", s]] {
        let run = sb.run(&args);
        run.assert_ok();
        run.assert_stdout_escaped();
    }
    std::fs::write(&store, b"garbage").unwrap();
    let run = sb.run(&["list", "--store", s]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "raw ESC on stderr: {:?}",
        run.stderr
    );
}

/// Profile names come from `profiles.ini` and `Local State`, which any program of the
/// user can write: tables, JSON and the stderr notes about that profile stay escaped.
#[test]
fn hostile_profile_names() {
    let sb = Sandbox::new();
    let home = sb.home.path();
    copy_tree(&support::fixture("tests/fixtures/real/home"), home);
    let ini = home.join(".mozilla/firefox/profiles.ini");
    let text = std::fs::read_to_string(&ini).unwrap();
    std::fs::write(
        &ini,
        text.replace("Name=default-esr", "Name=ev\u{1b}[31mil\u{202e}"),
    )
    .unwrap();
    let state = home.join(".config/chromium/Local State");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    json["profile"]["info_cache"]["Default"]["name"] = "bad\u{7}\u{1b}]0;title\u{7}".into();
    std::fs::write(&state, json.to_string()).unwrap();
    // A damaged session file makes the reader add a note naming the profile.
    let session = home.join(".mozilla/firefox/juvodf8i.default-esr/sessionstore.jsonlz4");
    std::fs::write(session, b"junk").unwrap();
    for args in [vec!["stores"], vec!["list"], vec!["list", "--json"]] {
        let run = sb.run(&args);
        run.assert_ok();
        if args.contains(&"--json") {
            serde_json::from_slice::<serde_json::Value>(&run.stdout).unwrap();
        } else {
            run.assert_stdout_escaped();
        }
        assert!(
            !run.stderr.chars().any(|c| c.is_control() && c != '\n'),
            "raw control byte on stderr: {:?}",
            run.stderr
        );
    }
    let stores = sb.run(&["stores"]).stdout_text();
    assert!(stores.contains("ev\\x1b[31mil\\u{202e}"), "{stores}");
    assert!(stores.contains("bad\\x07\\x1b]0;title\\x07"), "{stores}");
}

fn copy_tree(src: &std::path::Path, dst: &std::path::Path) {
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
