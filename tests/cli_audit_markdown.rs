//! `crumbs audit --markdown` on the real-browser fixtures, checked by an insta snapshot
//! (the date line filtered, temp paths replaced).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use support::{Sandbox, both_stores};

const SITE: &str = "fabriquenumeriquedupasse.fr";

#[test]
fn markdown_report_snapshot() {
    let sb = Sandbox::new();
    let stores = both_stores(sb.work.path());
    let [ff, ch] = &stores;
    let run = sb.run(&[
        "audit",
        "--site",
        SITE,
        "--markdown",
        "--store",
        ff.to_str().unwrap(),
        "--store",
        ch.to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(4), "{run:?}");
    let work = sb.work.path().display().to_string();
    let text: String = run
        .stdout_text()
        .lines()
        .map(|l| match l.strip_prefix("- Date: ") {
            Some(_) => "- Date: [date]".to_string(),
            None => l.replace(&work, "[work]"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("audit_markdown_fixtures", text);
}
