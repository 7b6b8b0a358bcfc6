//! The shipped knowledge base's files (`assets/policies/known-*.toml`) read as plain TOML,
//! for tests that check them against the schema or against labelled sets.
#![allow(dead_code)]

use std::path::PathBuf;

use toml::Value;

/// Every `known-*.toml` file, by file name, in name order.
pub fn knowledge_files() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/policies");
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !(name.starts_with("known-") && name.ends_with(".toml")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let doc: Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name.to_string(), doc));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

pub fn array<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}
