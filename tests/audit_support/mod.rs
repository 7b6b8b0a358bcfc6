//! What the `crumbs audit` tests share: running it on given stores, and finding a site,
//! its declared names, an undeclared cookie or a contradiction in its JSON.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Run, Sandbox};

pub const SITE: &str = "fabriquenumeriquedupasse.fr";

pub fn audit(sb: &Sandbox, extra: &[&str], stores: &[PathBuf]) -> Run {
    let mut args: Vec<String> = vec!["audit".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    for s in stores {
        args.push("--store".into());
        args.push(s.display().to_string());
    }
    sb.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

pub fn json(run: &Run) -> Value {
    serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"))
}

pub fn site<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["site"] == name)
        .unwrap_or_else(|| panic!("no audit of {name}: {v:#}"))
}

pub fn declared_names(s: &Value) -> Vec<String> {
    s["declared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["found"]["name"].as_str().unwrap().to_string())
        .collect()
}

pub fn undeclared<'a>(s: &'a Value, name: &str) -> Option<(&'a Value, &'a Value)> {
    s["undeclared"].as_array().unwrap().iter().find_map(|g| {
        g["cookies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| (g, c))
    })
}

/// The contradictions of `kind` the site's audit lists for `name`.
pub fn contradictions<'a>(s: &'a Value, name: &str, kind: &str) -> Vec<&'a Value> {
    s["contradicted"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == name && c["kind"] == kind)
        .collect()
}
