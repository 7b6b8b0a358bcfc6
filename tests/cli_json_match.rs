//! `crumbs list --json` is written by hand for speed; it must stay byte-identical to what
//! serde_json made of the `CookieJson` shape before. The binary runs on copies of the real
//! fixture stores (and on copies made hostile: quotes, backslashes, every control byte,
//! DEL, C1, bidi, emoji, invalid UTF-8), and its stdout is compared with the serde
//! reference built here from the same stores through the library.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::borrow::Cow;
use std::path::Path;

use crumbs::inventory::{Entry, Inventory};
use crumbs::model::{CookieValue, UnixMicros};
use crumbs::policy::{Confidence, Policies, PolicyOptions};
use crumbs::store::{ReadOptions, sniff};
use crumbs::timefmt::Rfc3339;
use serde::Serialize;
use support::{Sandbox, both_stores, sql};

/// The shape `list --json` had when serde wrote it: the reference.
#[derive(Serialize)]
struct CookieJson<'a> {
    id: String,
    browser: &'static str,
    profile: &'a str,
    store: Cow<'a, str>,
    host: &'a str,
    site: &'a str,
    name: &'a str,
    path: &'a str,
    expires: Option<String>,
    expired: bool,
    session: bool,
    created: Option<String>,
    last_accessed: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: &'static str,
    partition: Option<&'a str>,
    container: Option<&'a str>,
    in_session_file: bool,
    category: &'static str,
    party: &'static str,
    provider: Option<&'a str>,
    purpose: Option<&'a str>,
    consent_required: bool,
    matched_by: &'static str,
    confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Option<Cow<'a, str>>>,
}

fn time(t: Option<UnixMicros>) -> Option<String> {
    t.map(|t| Rfc3339::new(t).as_str().to_string())
}

fn shape(e: &Entry, now: UnixMicros, values: bool) -> CookieJson<'_> {
    let c = &e.cookie;
    CookieJson {
        id: c.id().to_string(),
        browser: c.store.browser.as_str(),
        profile: &c.store.profile,
        store: c.store.path.to_string_lossy(),
        host: &c.host,
        site: &c.site,
        name: &c.name,
        path: &c.path,
        expires: time(c.expires),
        expired: c.is_expired(now),
        session: c.is_session(),
        created: time(c.created),
        last_accessed: time(c.last_accessed),
        secure: c.secure,
        http_only: c.http_only,
        same_site: c.same_site.as_str(),
        partition: c.partition.as_deref(),
        container: c.container.as_deref(),
        in_session_file: c.in_session_file,
        category: e.verdict.category.as_str(),
        party: e.party.party.as_str(),
        provider: e.verdict.provider.as_deref(),
        purpose: e.verdict.purpose.as_deref(),
        consent_required: e.verdict.consent_required,
        matched_by: e.verdict.matched_by.step(),
        confidence: e.verdict.confidence,
        value: values.then(|| match &c.value {
            CookieValue::Known(s) => Some(s.expose_str()),
            _ => None,
        }),
    }
}

/// The serde output for `store`, sorted as `list` sorts (a stable sort by site, host,
/// name), at time `now`.
fn reference(inv: &Inventory, now: UnixMicros, values: bool) -> Vec<u8> {
    let mut rows: Vec<&Entry> = inv.entries.iter().collect();
    rows.sort_by(|x, y| {
        (&*x.cookie.site, &x.cookie.host, &x.cookie.name).cmp(&(
            &*y.cookie.site,
            &y.cookie.host,
            &y.cookie.name,
        ))
    });
    let mut out = b"[".to_vec();
    for (i, e) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, &shape(e, now, values)).unwrap();
    }
    out.extend_from_slice(b"\n]\n");
    out
}

/// Runs `list --json` on `store` and checks it against the reference; returns the rows.
fn check(sb: &Sandbox, store: &Path, values: bool) -> Vec<serde_json::Value> {
    let policies = Policies::load(&PolicyOptions {
        extra_files: Vec::new(),
        user_dir: false,
    })
    .unwrap();
    let inv = Inventory::load(
        vec![sniff::open_path(store).unwrap()],
        &ReadOptions { decrypt: values },
        &policies,
    );
    let s = store.to_str().unwrap();
    let mut args = vec!["list", "--json", "--store", s];
    if values {
        args.push("--show-values");
    }
    let before = UnixMicros::now();
    let run = sb.run(&args);
    let after = UnixMicros::now();
    run.assert_ok();
    // A cookie may expire between the two clocks; the output must match one of them.
    let (early, late) = (
        reference(&inv, before, values),
        reference(&inv, after, values),
    );
    let want = if run.stdout == late { &late } else { &early };
    let got: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let expect: serde_json::Value = serde_json::from_slice(want).unwrap();
    assert_eq!(got, expect, "{s}: values {values}: parsed output differs");
    assert!(
        run.stdout == *want,
        "{s}: values {values}: same JSON but different bytes"
    );
    got.as_array().unwrap().clone()
}

#[test]
fn real_stores_match_the_serde_reference() {
    let sb = Sandbox::new();
    for store in both_stores(sb.work.path()) {
        for values in [false, true] {
            let rows = check(&sb, &store, values);
            assert!(
                rows.len() >= 10,
                "{}: only {} rows",
                store.display(),
                rows.len()
            );
            let known = rows.iter().filter(|r| r["value"].is_string()).count();
            assert_eq!(known > 0, values, "{}: values {values}", store.display());
        }
    }
}

/// Every control byte, quotes, backslashes, DEL, C1, bidi controls, emoji and invalid
/// UTF-8, in the host, name, path, container key and value of real rows.
#[test]
fn hostile_text_matches_the_serde_reference() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    let controls: String = (1u8..0x20).map(|b| format!("char({b})||")).collect();
    sql(
        &ff,
        &format!(
            "UPDATE moz_cookies SET
               name = name || '\"q\\b' || {controls} char(127, 128, 133, 159, 8238, 8294, 128746),
               host = host || char(8238) || '\\\"',
               path = CAST(X'2f0061' AS TEXT) || {controls} '\"' || char(0x1f36a),
               value = CAST(X'62616400ff8061fe22c3285c' AS TEXT) || id
             WHERE id % 2 = 0;
             UPDATE moz_cookies SET value = CAST(X'c328a0a1e282' AS BLOB) WHERE id % 3 = 0;"
        ),
    );
    sql(
        &ch,
        &format!(
            "UPDATE cookies SET
               name = name || {controls} '\\\"' || char(127, 155, 8239),
               value = '\"\\' || {controls} 'x', encrypted_value = X''
             WHERE rowid % 2 = 1;"
        ),
    );
    for store in [ff, ch] {
        for values in [false, true] {
            let rows = check(&sb, &store, values);
            let hostile = rows
                .iter()
                .filter(|r| r["name"].as_str().unwrap().contains('\u{1f}'))
                .count();
            assert!(hostile > 0, "{}: no hostile rows", store.display());
        }
    }
}

/// More rows than one thread formats: many copies of the real rows, so the output is cut
/// into several chunks formatted in parallel and must still come out whole and in order.
#[test]
fn a_large_store_matches_the_serde_reference() {
    let sb = Sandbox::new();
    let [ff, _] = both_stores(sb.work.path());
    sql(
        &ff,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
         INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
             lastAccessed, creationTime, isSecure, isHttpOnly, inBrowserElement, sameSite,
             schemeMap, isPartitionedAttributeSet, updateTime)
         SELECT originAttributes, name || '_' || i, value || i, 'h' || (i % 37) || host,
             path, expiry, lastAccessed, creationTime, isSecure, isHttpOnly,
             inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet, updateTime
         FROM moz_cookies, n;",
    );
    for values in [false, true] {
        let rows = check(&sb, &ff, values);
        assert!(rows.len() > 10_000, "only {} rows", rows.len());
    }
}
