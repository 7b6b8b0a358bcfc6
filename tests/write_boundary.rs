//! Only `src/store/write/` writes to a browser's files. Every other line of `src/` (test
//! code left out) that can open, create, rename or remove a file for writing must be in
//! [`CROSS_OWN_FILES`]: code writing crumbs' own files (snapshots, the keep-list, demo
//! stores). A new writer elsewhere fails here until it moves under `store/write/` or is
//! listed with the reason it never touches a browser's files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::path::{Path, PathBuf};

/// What can write a file: read-write or creating SQLite opens (`Connection::open` opens
/// read-write and creates), write-mode `OpenOptions`, and the `std::fs` calls that
/// create, replace or remove files, and temporary files made permanent.
const WRITERS: &[&str] = &[
    "Connection::open(",
    "SQLITE_OPEN_READ_WRITE",
    "SQLITE_OPEN_CREATE",
    ".write(true)",
    ".append(true)",
    ".create(true)",
    ".create_new(true)",
    ".truncate(true)",
    "fs::write(",
    "File::create(",
    "fs::rename(",
    "fs::copy(",
    "fs::remove_file(",
    "fs::remove_dir",
    "fs::set_permissions(",
    "fs::create_dir",
    ".persist(",
    "tempfile_in(",
    // The write primitives of `store/files.rs`: a caller outside `store/write/` must be
    // listed below like any other writer.
    "ensure_private_dir(",
    "create_private(",
    "write_private(",
    "replace_atomically(",
    "create_atomically(",
    "rename_durably(",
];

/// (path under `src/`, why it never writes a browser's file).
const CROSS_OWN_FILES: &[(&str, &str)] = &[
    (
        "store/snapshot/",
        "private copies in crumbs' own owner-only temp folders, and sweeping dead ones",
    ),
    ("keeplist.rs", "the keep-list file in crumbs' config folder"),
    (
        "store/files",
        "the write primitives themselves (owner-only folders, atomic replace); they pick no \
         path, and every caller outside store/write/ is listed here",
    ),
    (
        "export/",
        "the export file the user names with -o, created 0600, never inside a profile",
    ),
    ("demo.rs", "made-up demo stores in crumbs' own temp folder"),
];

#[test]
fn only_store_write_writes_browser_files() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut found = Vec::new();
    let mut allowed_used = vec![false; CROSS_OWN_FILES.len()];
    for file in rust_files(src) {
        let rel = file
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("store/write/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in non_test_code(&text) {
            if !WRITERS.iter().any(|w| line.contains(w)) {
                continue;
            }
            match CROSS_OWN_FILES.iter().position(|(p, _)| rel.starts_with(p)) {
                Some(i) => allowed_used[i] = true,
                None => found.push(format!("src/{rel}:{n}: {}", line.trim())),
            }
        }
    }
    assert!(
        found.is_empty(),
        "writes outside src/store/write/:\n{}",
        found.join("\n")
    );
    // An allow-list entry nothing needs any more is removed, so the list stays short.
    for ((path, _), used) in CROSS_OWN_FILES.iter().zip(allowed_used) {
        assert!(
            used,
            "{path} no longer writes: remove it from CROSS_OWN_FILES"
        );
    }
}

/// The scan itself must see a writer: a read-write open in a reader would be caught.
#[test]
fn the_scan_sees_a_writer() {
    let text = "fn f() {\n    let c = Connection::open(path)?; // x\n}\n#[cfg(test)]\nmod tests {\n    fn g() { std::fs::write(p, b\"\"); }\n}\n";
    let hits: Vec<usize> = non_test_code(text)
        .filter(|(_, l)| WRITERS.iter().any(|w| l.contains(w)))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(hits, [2]);
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !is_test_file(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Test modules kept in their own files (`tests.rs`, `*_tests.rs`).
fn is_test_file(p: &Path) -> bool {
    let stem = p.file_stem().unwrap().to_string_lossy();
    stem == "tests" || stem.ends_with("_tests")
}

/// (line number, code without `//` comments) up to the file's first test-only item.
fn non_test_code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| {
            let t = l.trim_start();
            !(t.starts_with("#[cfg(") && t.contains("test"))
        })
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap()))
}
