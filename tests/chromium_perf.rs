//! Reader speed: 100,000 v24 rows, every value encrypted, read and decrypted in well under
//! 100 ms in a release build (`cargo test --release --test chromium_perf`). Debug builds
//! only report the figure.

mod chromium_fixture;

use std::time::Instant;

use chromium_fixture::{Row, V24_SCHEMA, create, seal_v10, store_at};
use crumbs::model::CookieValue;
use crumbs::store::ReadOptions;
use crumbs::store::chromium;
use crumbs::store::decrypt::ValueKeys;

const ROWS: usize = 100_000;

#[test]
fn hundred_thousand_encrypted_rows_read_fast() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = store_at(dir.path());
    let hosts: Vec<String> = (0..2_000)
        .map(|i| format!(".site{i}.example.co.uk"))
        .collect();
    let names: Vec<String> = (0..ROWS).map(|i| format!("cookie_{i}")).collect();
    let rows: Vec<Row> = (0..ROWS)
        .map(|i| {
            let host = hosts[i % hosts.len()].as_bytes();
            Row {
                host,
                name: names[i].as_bytes(),
                encrypted: seal_v10(host, format!("value-{i:08}-abcdefghij").as_bytes(), 24),
                ..Row::default()
            }
        })
        .collect();
    create(&path, V24_SCHEMA, &rows);

    let keys = |_: &[[u8; 3]]| ValueKeys::from_slots(vec![(*b"v10", ValueKeys::linux_v10())]);
    let opts = ReadOptions { decrypt: true };
    // Release: warm the page cache, then best of 3, so the figure is the reader, not
    // the disk. Debug builds are ~20x slower and only report one run.
    let runs = if cfg!(debug_assertions) { 1 } else { 4 };
    let mut best = u128::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let read = chromium::read_with_keys(&store, &opts, keys).unwrap();
        best = best.min(t.elapsed().as_millis());
        assert_eq!(read.cookies.len(), ROWS);
        assert!(read.notes.is_empty(), "{:?}", read.notes);
        assert!(
            read.cookies
                .iter()
                .all(|c| matches!(&c.value, CookieValue::Known(s) if s.len() == 25))
        );
    }
    println!("read + decrypt of {ROWS} rows: {best} ms (best of {runs}, snapshot included)");
    if !cfg!(debug_assertions) {
        assert!(best < 100, "{best} ms");
    }
}
