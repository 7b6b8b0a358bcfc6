//! The shipped knowledge base (`assets/policies/known-*.toml`): every file parses as plain
//! TOML, keeps to the policy schema's keys, and names each cookie once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use toml::Value;

/// Names a file may list twice, each time limited to different `hosts`. None today: a name
/// that means different things on different sites is one rule per file, with all hosts.
const DUPLICATE_EXCEPTIONS: &[(&str, &str)] = &[];

const COOKIE_KEYS: &[&str] = &[
    "name",
    "pattern",
    "provider",
    "function",
    "purpose",
    "category",
    "policy_category",
    "lifetime",
    "on_delete",
    "sign_in",
    "hosts",
    "consent",
    "party",
    "anonymised",
    "generic",
    "also_labelled",
];
const HOST_KEYS: &[&str] = &["domain", "owner", "category", "purpose"];
const CATEGORIES: &[&str] = &["necessary", "preferences", "statistics", "marketing"];

fn knowledge_files() -> Vec<(String, Value)> {
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

fn table<'a>(v: &'a Value, what: &str) -> &'a toml::Table {
    v.as_table()
        .unwrap_or_else(|| panic!("{what} is not a table"))
}

fn array<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

#[test]
fn every_knowledge_file_parses_with_the_expected_top_level_keys() {
    let files = knowledge_files();
    assert!(files.len() >= 8, "only {} known-*.toml files", files.len());
    for (name, doc) in &files {
        let keys: BTreeSet<&str> = table(doc, name).keys().map(String::as_str).collect();
        assert!(keys.contains("policy"), "{name}: no [policy]");
        let extra: Vec<_> = keys
            .iter()
            .filter(|k| !["policy", "cookie", "host"].contains(k))
            .collect();
        assert!(
            extra.is_empty(),
            "{name}: unexpected top-level keys {extra:?}"
        );
        let policy = &doc["policy"];
        let stem = name.trim_end_matches(".toml");
        assert_eq!(
            str_of(policy, "id"),
            Some(stem),
            "{name}: id should match file"
        );
        assert_eq!(str_of(policy, "kind"), Some("knowledge"), "{name}");
        assert!(
            policy.get("domains").is_none(),
            "{name}: knowledge has no domains"
        );
        assert!(str_of(policy, "name").is_some(), "{name}: policy.name");
    }
}

#[test]
fn every_cookie_rule_keeps_to_the_schema() {
    for (name, doc) in knowledge_files() {
        for (i, rule) in array(&doc, "cookie").iter().enumerate() {
            let at = format!("{name} cookie #{i}");
            for key in table(rule, &at).keys() {
                assert!(
                    COOKIE_KEYS.contains(&key.as_str()),
                    "{at}: unknown key {key}"
                );
            }
            let named = rule.get("name").is_some() as u8 + rule.get("pattern").is_some() as u8;
            assert_eq!(named, 1, "{at}: needs exactly one of name/pattern");
            let category = str_of(rule, "category").unwrap_or_default();
            assert!(
                CATEGORIES.contains(&category),
                "{at}: category {category:?}"
            );
            let purpose = str_of(rule, "purpose").unwrap_or_default();
            assert!(
                purpose.ends_with('.') && purpose.len() > 15,
                "{at}: purpose"
            );
            assert!(str_of(rule, "provider").is_some(), "{at}: provider");
            if let Some(p) = str_of(rule, "party") {
                assert!(["first", "third"].contains(&p), "{at}: party {p}");
            }
            if let Some(d) = str_of(rule, "on_delete") {
                let stripped = d.replace("{site}", "");
                assert!(!stripped.contains(['{', '}']), "{at}: placeholder in {d}");
            }
            for other in array(rule, "also_labelled") {
                let other = other.as_str().unwrap_or_default();
                assert!(
                    CATEGORIES.contains(&other) && other != category,
                    "{at}: also_labelled {other:?}"
                );
            }
            for h in array(rule, "hosts") {
                let h = h.as_str().unwrap_or_default();
                assert!(h.contains('.') && !h.starts_with('.'), "{at}: host {h:?}");
            }
        }
    }
}

#[test]
fn every_host_owner_keeps_to_the_schema() {
    let mut seen = BTreeSet::new();
    for (name, doc) in knowledge_files() {
        for (i, host) in array(&doc, "host").iter().enumerate() {
            let at = format!("{name} host #{i}");
            for key in table(host, &at).keys() {
                assert!(HOST_KEYS.contains(&key.as_str()), "{at}: unknown key {key}");
            }
            let domain = str_of(host, "domain").unwrap_or_default();
            assert!(
                seen.insert(domain.to_string()),
                "{at}: {domain} listed twice"
            );
            let category = str_of(host, "category").unwrap_or_default();
            assert!(
                CATEGORIES.contains(&category),
                "{at}: category {category:?}"
            );
            assert!(str_of(host, "owner").is_some(), "{at}: owner");
        }
    }
    assert!(seen.len() >= 200, "only {} host owners", seen.len());
}

#[test]
fn names_are_unique_within_each_file() {
    for (name, doc) in knowledge_files() {
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for rule in array(&doc, "cookie") {
            let raw = str_of(rule, "name")
                .or_else(|| str_of(rule, "pattern"))
                .unwrap_or_default();
            // Lookups ignore `__Host-`/`__Secure-`, so `OSID` and `__Secure-OSID` collide.
            let key = raw
                .strip_prefix("__Host-")
                .or_else(|| raw.strip_prefix("__Secure-"))
                .unwrap_or(raw);
            *count.entry(key.to_string()).or_default() += 1;
        }
        let dupes: Vec<_> = count
            .iter()
            .filter(|(k, n)| **n > 1 && !DUPLICATE_EXCEPTIONS.contains(&(name.as_str(), k)))
            .collect();
        assert!(dupes.is_empty(), "{name}: names listed twice: {dupes:?}");
    }
}

#[test]
fn the_knowledge_base_is_big_enough() {
    let files = knowledge_files();
    let rules: usize = files.iter().map(|(_, d)| array(d, "cookie").len()).sum();
    let patterns: usize = files
        .iter()
        .flat_map(|(_, d)| array(d, "cookie"))
        .filter(|r| r.get("pattern").is_some())
        .count();
    println!(
        "{rules} cookie rules ({patterns} patterns) in {} files",
        files.len()
    );
    assert!(rules >= 1000, "only {rules} cookie rules");
    assert!(patterns >= 100, "only {patterns} patterns");
}
