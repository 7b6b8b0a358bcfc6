//! Big stores are read on every core, range by range: the result must be exactly what one
//! plain scan gives — every row once, in rowid order, session duplicates dropped, and one
//! note for every undecryptable value wherever its row fell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod chromium_fixture;
mod firefox_support;

use std::collections::HashSet;

use chromium_fixture::{Row, V24_SCHEMA, create, seal, seal_v10, store_at};
use crumbs::model::{CookieValue, RowKey};
use crumbs::store::read::chromium::decrypt::{KeySlot, ValueKeys};
use crumbs::store::{ReadOptions, chromium, firefox};
use firefox_support::{V17, insert17, make_db, now_s, store, write_session};

/// Well past the size where reading is split across threads.
const ROWS: usize = 30_000;

fn keys(_: &[[u8; 3]]) -> ValueKeys {
    ValueKeys::from_slots(vec![
        (*b"v10", ValueKeys::linux_v10()),
        (
            *b"v11",
            KeySlot::Missing {
                reason: "no keyring in this test".into(),
            },
        ),
    ])
}

#[test]
fn a_big_sparse_chromium_store_reads_like_one_scan() {
    let d = tempfile::tempdir().unwrap();
    let (path, st) = store_at(d.path());
    let names: Vec<String> = (0..ROWS).map(|i| format!("n{i:05}")).collect();
    let values: Vec<String> = (0..ROWS).map(|i| format!("value-{i}")).collect();
    let rows: Vec<Row<'_>> = names
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (n, v))| Row {
            name: n.as_bytes(),
            // Every 1000th value is v11, whose key is missing: spread over all ranges.
            encrypted: if i % 1000 == 0 {
                seal(b"v11", [7; 16], b".example.test", v.as_bytes(), 24)
            } else {
                seal_v10(b".example.test", v.as_bytes(), 24)
            },
            ..Row::default()
        })
        .collect();
    create(&path, V24_SCHEMA, &rows);
    // Holes and a far rowid make the ranges uneven, as years of browsing do.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("DELETE FROM cookies WHERE rowid BETWEEN 5000 AND 12000", [])
        .unwrap();
    conn.execute("UPDATE cookies SET rowid = 9000000 WHERE rowid = 30000", [])
        .unwrap();
    let want: Vec<(i64, String)> = conn
        .prepare("SELECT rowid, CAST(name AS TEXT) FROM cookies ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);

    let read = chromium::read_with_keys(&st, &ReadOptions { decrypt: true }, keys).unwrap();
    let got: Vec<(i64, String)> = read
        .cookies
        .iter()
        .map(|c| match &c.key {
            RowKey::Chromium { rowid, .. } => (*rowid, c.name.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(got.len(), want.len());
    assert!(
        got == want,
        "rows differ from one plain scan in rowid order"
    );
    let encrypted = read
        .cookies
        .iter()
        .filter(|c| matches!(c.value, CookieValue::Encrypted { .. }))
        .count();
    let expected = want
        .iter()
        .filter(|(_, n)| n[1..].parse::<usize>().unwrap() % 1000 == 0)
        .count();
    assert_eq!(encrypted, expected);
    assert_eq!(read.notes.len(), 1, "{:?}", read.notes);
    assert!(
        read.notes[0].starts_with(&format!("{expected} v11 values not decrypted")),
        "{:?}",
        read.notes
    );
    let c = read.cookies.iter().find(|c| c.name == "n00001").unwrap();
    assert_eq!(c.value.secret().unwrap().expose(), b"value-1");
}

#[test]
fn a_big_firefox_store_drops_session_duplicates_from_any_range() {
    let d = tempfile::tempdir().unwrap();
    let conn = make_db(d.path(), V17, 17);
    let exp = (now_s() + 3600) * 1000;
    conn.execute_batch("BEGIN").unwrap();
    for i in 0..ROWS {
        insert17(
            &conn,
            "big.test",
            &format!("n{i:05}"),
            "v",
            "",
            exp,
            0,
            false,
        );
    }
    conn.execute_batch("COMMIT").unwrap();
    drop(conn);
    // One session cookie repeats a row near the end of the table, one is new.
    let session = r#"{"cookies":[
        {"host":"big.test","name":"n29990","value":"s","path":"/"},
        {"host":"big.test","name":"only-in-session","value":"s","path":"/"}]}"#;
    write_session(d.path(), "sessionstore.jsonlz4", session);

    let read = firefox::read(&store(d.path()), &ReadOptions::default()).unwrap();
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    assert_eq!(read.cookies.len(), ROWS + 1);
    let ids: Vec<i64> = read
        .cookies
        .iter()
        .filter_map(|c| match c.key {
            RowKey::FirefoxDb { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "not in id order");
    let last = read.cookies.last().unwrap();
    assert_eq!(last.name, "only-in-session");
    assert!(matches!(last.key, RowKey::FirefoxSession { .. }));
    let names: HashSet<&str> = read.cookies.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), ROWS + 1, "a row was read twice");
}

/// What the UI computes per batch while reading comes back for exactly the entries kept,
/// in their order, and nothing of a store that fails.
#[test]
fn per_batch_results_cover_exactly_the_entries_kept() {
    use crumbs::inventory::{Entry, Inventory};
    use crumbs::policy::Policies;
    let d = tempfile::tempdir().unwrap();
    let (path, good) = store_at(d.path());
    let names: Vec<String> = (0..ROWS).map(|i| format!("n{i:05}")).collect();
    let rows: Vec<Row<'_>> = names
        .iter()
        .map(|n| Row {
            name: n.as_bytes(),
            ..Row::default()
        })
        .collect();
    create(&path, V24_SCHEMA, &rows);
    let bad_dir = tempfile::tempdir().unwrap();
    let (bad_path, bad) = store_at(bad_dir.path());
    std::fs::write(&bad_path, b"not a database at all").unwrap();

    let policies = Policies::builtin().unwrap();
    let first_name = |batch: &[Entry]| (batch.len(), batch.first().map(|e| e.cookie.name.clone()));
    let mut batches = Batches::default();
    let inv = Inventory::load_with(
        vec![(*bad).clone(), (*good).clone()],
        &ReadOptions { decrypt: false },
        &policies,
        &first_name,
        &mut batches,
    );
    assert!(inv.stores[0].error.is_some());
    assert_eq!(inv.entries.len(), ROWS);
    assert!(batches.0.len() > 1, "a big store comes in several batches");
    let mut at = 0;
    for (len, first) in batches.0 {
        assert_eq!(first.as_ref(), Some(&inv.entries[at].cookie.name));
        at += len;
    }
    assert_eq!(at, ROWS);
}

/// Batch sizes and first names, in the order they were kept.
#[derive(Default)]
struct Batches(Vec<(usize, Option<String>)>);

impl crumbs::inventory::Sink<(usize, Option<String>)> for Batches {
    fn take(&mut self, x: (usize, Option<String>)) {
        self.0.push(x);
    }
    fn changed(&mut self, _: usize, _: &crumbs::inventory::Entry) {}
    fn forget_after(&mut self, entries: usize) {
        let mut total = 0;
        self.0.retain(|(n, _)| {
            total += n;
            total <= entries
        });
    }
}

/// The UI's index is built from batches as they are read, before the sibling step changes
/// some verdicts across stores: it must come out as if built from the final entries.
#[test]
fn the_index_built_while_reading_matches_the_final_verdicts() {
    use crumbs::policy::Policies;
    use crumbs::tui::RealServices;
    use crumbs::tui::index::Index;
    let d = tempfile::tempdir().unwrap();
    let (path, st) = store_at(d.path());
    let names: Vec<String> = (0..ROWS).map(|i| format!("n{i:05}")).collect();
    let mut rows: Vec<Row<'_>> = names
        .iter()
        .map(|n| Row {
            name: n.as_bytes(),
            ..Row::default()
        })
        .collect();
    // A weak guess early and its known sibling late: different batches, different threads.
    rows[10] = Row {
        name: b"fornax_x",
        host: b"www.example.org",
        ..Row::default()
    };
    rows[ROWS - 10] = Row {
        name: b"fornax_anonymousId",
        host: b"www.example.org",
        ..Row::default()
    };
    create(&path, V24_SCHEMA, &rows);
    let services = RealServices::new(
        vec![(*st).clone()],
        ReadOptions { decrypt: false },
        Policies::builtin().unwrap(),
    );
    let (inv, index) = services.loader().load_indexed();
    let guessed = inv
        .entries
        .iter()
        .find(|e| e.cookie.name == "fornax_x")
        .unwrap();
    assert_eq!(guessed.verdict.matched_by.step(), "sibling");
    assert_eq!(index, Index::build(&inv.entries));
}
