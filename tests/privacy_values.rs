//! Cookie values are secrets: a distinctive value planted in real stores must never
//! reach stdout or stderr of `list`, `stores` or `explain` without `--show-values`, never
//! an error message, never a note about a failed decryption, never `Debug` output. The
//! same value *does* appear with `--show-values`, so the checks can fail.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::sync::Arc;

use support::{Run, Sandbox, both_stores, sql};

const SECRET: &str = "crumbsPRIVATEvalue7f3a9c";

fn plant(sb: &Sandbox) -> [std::path::PathBuf; 2] {
    let [ff, ch] = both_stores(sb.work.path());
    sql(
        &ff,
        &format!("UPDATE moz_cookies SET value = '{SECRET}' || id;"),
    );
    sql(
        &ch,
        &format!("UPDATE cookies SET value = '{SECRET}' || rowid, encrypted_value = X'';"),
    );
    [ff, ch]
}

fn leaks(run: &Run) -> bool {
    run.stdout_text().contains(SECRET) || run.stderr.contains(SECRET)
}

#[test]
fn values_hidden_without_show_values() {
    let sb = Sandbox::new();
    for store in plant(&sb) {
        let s = store.to_str().unwrap();
        for args in [
            vec!["list", "--store", s],
            vec!["list", "--json", "--store", s],
            vec!["stores", "--store", s],
            vec!["stores", "--json", "--store", s],
            vec!["explain", "_ga", "--store", s],
            vec!["explain", "_ga", "--json", "--store", s],
        ] {
            let run = sb.run(&args);
            run.assert_ok();
            assert!(!leaks(&run), "value leaked by {args:?}");
        }
        for args in [
            vec!["list", "--show-values", "--store", s],
            vec!["list", "--json", "--show-values", "--store", s],
        ] {
            let run = sb.run(&args);
            run.assert_ok();
            assert!(run.stdout_text().contains(SECRET), "--show-values hid it");
        }
    }
}

/// A damaged store that still holds planted values: the error never quotes them.
#[test]
fn values_never_in_errors() {
    let sb = Sandbox::new();
    for (i, store) in plant(&sb).iter().enumerate() {
        let bytes = std::fs::read(store).unwrap();
        let name = store.file_name().unwrap();
        for cut in [4096, bytes.len() / 3, bytes.len() - 100] {
            let dir = sb.path(&format!("cut{i}_{cut}"));
            std::fs::create_dir_all(&dir).unwrap();
            let p = dir.join(name);
            std::fs::write(&p, &bytes[..cut]).unwrap();
            let s = p.to_str().unwrap();
            for args in [vec!["list", "--store", s], vec!["stores", "--store", s]] {
                let run = sb.run(&args);
                run.assert_no_panic();
                assert!(!leaks(&run), "value leaked by {args:?} on a cut store");
            }
        }
    }
    // A row whose `value` column has the wrong type.
    let [ff, _] = both_stores(&sb.path("typed"));
    sql(
        &ff,
        &format!("UPDATE moz_cookies SET value = CAST('{SECRET}' AS BLOB), expiry = '{SECRET}';"),
    );
    let run = sb.run(&["list", "--store", ff.to_str().unwrap()]);
    run.assert_no_panic();
    assert!(!leaks(&run), "value leaked: {}", run.stderr);
}

/// Chromium blobs that fail to decrypt: the note says so without quoting the bytes.
#[test]
fn failed_decryption_does_not_quote_the_blob() {
    let sb = Sandbox::new();
    let [_, ch] = both_stores(sb.work.path());
    let hex: String = SECRET.bytes().map(|b| format!("{b:02x}")).collect();
    for prefix in ["763130", "763131", "763230", ""] {
        sql(
            &ch,
            &format!("UPDATE cookies SET value = '', encrypted_value = X'{prefix}{hex}';"),
        );
        for args in [
            vec!["list", "--show-values", "--store", ch.to_str().unwrap()],
            vec![
                "list",
                "--json",
                "--show-values",
                "--store",
                ch.to_str().unwrap(),
            ],
        ] {
            let run = sb.run(&args);
            run.assert_no_panic();
            assert!(
                !leaks(&run),
                "ciphertext quoted by {args:?}: {}",
                run.stderr
            );
        }
    }
}

/// Library level: `Debug` of every cookie and of the whole read never shows a value.
#[test]
fn debug_output_masks_values() {
    let sb = Sandbox::new();
    for store in plant(&sb) {
        let r = Arc::new(crumbs::store::sniff::open_path(&store).unwrap());
        let read =
            crumbs::store::read_store(&r, &crumbs::store::ReadOptions { decrypt: true }).unwrap();
        assert!(read.cookies.len() > 5);
        let shown = read
            .cookies
            .iter()
            .filter(|c| {
                c.value
                    .secret()
                    .is_some_and(|s| s.expose_str().contains(SECRET))
            })
            .count();
        assert_eq!(shown, read.cookies.len(), "values not read");
        assert!(!format!("{read:?}").contains(SECRET), "Debug shows a value");
        assert!(!format!("{:#?}", read.cookies).contains(SECRET));
    }
}
