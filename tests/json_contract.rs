//! `docs/json.md` against real output: every `--json` command (and the JSON export) runs on
//! a private copy of the fixture profiles, and the keys it prints must be exactly the keys
//! its section documents — none printed undocumented, none documented and never printed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/live.rs"]
mod live;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

fn crumbs(home: &Path, args: &[&str]) -> Value {
    let stdout = run(home, args);
    serde_json::from_slice(&stdout).unwrap_or_else(|e| panic!("crumbs {args:?}: not JSON: {e}"))
}

/// Runs crumbs with `home` as HOME; panics unless it succeeds; returns its stdout.
fn run(home: &Path, args: &[&str]) -> Vec<u8> {
    let out = live::crumbs_output(home, args);
    assert!(
        out.status.success(),
        "crumbs {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Every key path in `v`: `[]` for array elements, `.` between keys; an array of
/// scalars stops at its own key.
fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(p.clone());
                paths(child, &p, out);
            }
        }
        Value::Array(items) => {
            let p = format!("{prefix}[]");
            for item in items {
                if item.is_object() {
                    paths(item, &p, out);
                }
            }
        }
        _ => {}
    }
}

/// Section heading → documented key paths, from the tables of `docs/json.md`.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(live::repo_root().join("docs/json.md")).unwrap();
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            current = Some(h.trim().to_string());
            sections.entry(h.trim().to_string()).or_default();
        } else if let (Some(h), Some(row)) = (&current, line.strip_prefix("| `")) {
            let key = row.split('`').next().unwrap();
            sections.get_mut(h).unwrap().insert(key.to_string());
        }
    }
    sections
}

#[test]
fn docs_json_md_lists_exactly_the_keys_printed() {
    let home = live::real_home_copy();
    let h = home.path();
    let exported = h.join("cookies.json");
    let runs: Vec<(&str, Vec<Value>)> = vec![
        (
            "`crumbs stores --json`",
            vec![crumbs(h, &["stores", "--json"])],
        ),
        (
            "`crumbs list --json`",
            vec![crumbs(h, &["list", "--json", "--show-values"])],
        ),
        (
            "`crumbs explain NAME --json`",
            vec![
                crumbs(h, &["explain", "sessionid", "--json"]),
                crumbs(h, &["explain", "_ga", "--json"]),
            ],
        ),
        (
            "`crumbs delete … --json` and `crumbs clean --trackers --json`",
            {
                let dry = crumbs(h, &["delete", "--name", "sessionid", "--dry-run", "--json"]);
                let done = crumbs(h, &["delete", "--name", "sessionid", "--yes", "--json"]);
                // A session cookie: its backup holds session-file entries, not table rows.
                let args = [
                    "delete",
                    "--name",
                    "PHPSESSID",
                    "--browser",
                    "firefox",
                    "--yes",
                ];
                let session = crumbs(h, &[&args[..], &["--json"]].concat());
                vec![dry, done, session]
            },
        ),
        ("`crumbs undo --json`", vec![crumbs(h, &["undo", "--json"])]),
        (
            "`crumbs backups --json`",
            vec![crumbs(h, &["backups", "--json"])],
        ),
        (
            "`crumbs backups --prune --json`",
            vec![crumbs(
                h,
                &["backups", "--prune", "--older-than", "1d", "--json"],
            )],
        ),
        ("`crumbs export --format json`", {
            let out = exported.to_str().unwrap();
            run(h, &["export", "--format", "json", "-o", out]);
            vec![serde_json::from_slice(&std::fs::read(&exported).unwrap()).unwrap()]
        }),
    ];
    let docs = documented();
    let mut checked = BTreeSet::new();
    for (section, outputs) in runs {
        let Some(keys) = docs.get(section) else {
            panic!("docs/json.md has no section {section}")
        };
        let mut printed = BTreeSet::new();
        for v in &outputs {
            paths(v, "", &mut printed);
        }
        let undocumented: Vec<_> = printed.difference(keys).collect();
        let never: Vec<_> = keys.difference(&printed).collect();
        assert!(
            undocumented.is_empty() && never.is_empty(),
            "{section}: printed but not documented {undocumented:?}; documented but never printed {never:?}"
        );
        checked.insert(section.to_string());
    }
    let unchecked: Vec<_> = docs.keys().filter(|s| !checked.contains(*s)).collect();
    assert!(
        unchecked.is_empty(),
        "sections no run checks: {unchecked:?}"
    );
}
