//! What `delete` and `clean` select, as the real binary shows it on copies of the real
//! fixture stores: sign-in cookies never go in a bulk delete, a public suffix is not a
//! site, and `--dry-run --json` names the cookies by id, never by value.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

#[path = "hardening_support.rs"]
mod support;

use serde_json::Value;
use support::{Sandbox, firefox_copy, sql};

/// Google's cross-site sign-in cookies: categorised marketing, yet deleting them signs
/// you out of Google.
const GOOGLE_SIGN_IN: [&str; 4] = [
    "__Secure-3PSID",
    "__Secure-3PAPISID",
    "__Secure-3PSIDTS",
    "__Secure-3PSIDCC",
];

/// The real Firefox store with Google's sign-in cookies and one Google ad cookie added,
/// each a copy of the real `IDE` row under another name and host.
fn firefox_with_google(sb: &Sandbox) -> String {
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let db = firefox_copy(&dir);
    for name in GOOGLE_SIGN_IN.iter().chain(&["NID"]) {
        sql(
            &db,
            &format!(
                "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
                   lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap)
                 SELECT '', '{name}', 'v', '.google.com', path, expiry, lastAccessed,
                   creationTime, isSecure, isHttpOnly, sameSite, schemeMap
                 FROM moz_cookies WHERE name = 'IDE';"
            ),
        );
    }
    db.to_str().unwrap().to_string()
}

fn json(run: &support::Run) -> Value {
    run.assert_ok();
    serde_json::from_slice(&run.stdout).unwrap()
}

/// `(site, name)` of every cookie the JSON lists, looked up by id in `list --json`.
fn planned_names(sb: &Sandbox, store: &str, plan: &Value) -> Vec<String> {
    let list = json(&sb.run(&["list", "--json", "--store", store]));
    let ids: Vec<&str> = plan["ids"]
        .as_array()
        .expect("the plan lists ids")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let rows = list.as_array().unwrap();
    ids.iter()
        .map(|id| {
            let row = rows.iter().find(|r| r["id"] == *id).expect("listed id");
            row["name"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn clean_trackers_never_signs_you_out_of_google() {
    let sb = Sandbox::new();
    let store = firefox_with_google(&sb);
    let run = sb.run(&[
        "clean",
        "--trackers",
        "--dry-run",
        "--json",
        "--store",
        &store,
    ]);
    let plan = json(&run);
    let names = planned_names(&sb, &store, &plan);
    assert!(names.contains(&"NID".to_string()), "{names:?}");
    assert!(names.contains(&"IDE".to_string()), "{names:?}");
    for n in GOOGLE_SIGN_IN {
        assert!(!names.contains(&n.to_string()), "{n} would be deleted");
    }
    assert_eq!(plan["sign_in_left_out"], 4, "{plan}");
    let text = sb.run(&["clean", "--trackers", "--dry-run", "--store", &store]);
    text.assert_ok();
    let out = text.stdout_text();
    assert!(
        out.contains("Left out 4 sign-in cookie(s)") && out.contains("--name"),
        "{out}"
    );
}

#[test]
fn a_sign_in_cookie_named_on_purpose_is_deleted() {
    let sb = Sandbox::new();
    let store = firefox_with_google(&sb);
    let by_site = json(&sb.run(&[
        "delete",
        "--site",
        "google.com",
        "--dry-run",
        "--json",
        "--store",
        &store,
    ]));
    assert_eq!(planned_names(&sb, &store, &by_site), ["NID"]);
    let by_name = json(&sb.run(&[
        "delete",
        "--name",
        "__Secure-3PSID",
        "--dry-run",
        "--json",
        "--store",
        &store,
    ]));
    assert_eq!(
        planned_names(&sb, &store, &by_name),
        ["__Secure-3PSID"],
        "{by_name}"
    );
    assert_eq!(by_name["sign_in_left_out"], 0);
}

#[test]
fn a_public_suffix_is_not_a_site() {
    let sb = Sandbox::new();
    let store = firefox_with_google(&sb);
    for suffix in ["fr", "co.uk", ".COM"] {
        let run = sb.run(&["delete", "--site", suffix, "--dry-run", "--store", &store]);
        run.assert_one_line_error("public suffix");
        assert!(run.stdout.is_empty(), "{run:?}");
    }
    let ok = sb.run(&[
        "delete",
        "--site",
        "FabriqueNumeriqueDuPasse.fr.",
        "--dry-run",
        "--json",
        "--store",
        &store,
    ]);
    assert!(json(&ok)["ids"].as_array().unwrap().len() >= 5);
}

#[test]
fn dry_run_json_lists_ids_and_never_values() {
    let sb = Sandbox::new();
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let db = firefox_copy(&dir);
    sql(&db, "UPDATE moz_cookies SET value = 'SECRET-VALUE-' || id;");
    let store = db.to_str().unwrap();
    let run = sb.run(&[
        "delete",
        "--category",
        "statistics",
        "--dry-run",
        "--json",
        "--store",
        store,
    ]);
    let text = run.stdout_text();
    assert!(!text.contains("SECRET-VALUE"), "{text}");
    let plan = json(&run);
    let names = planned_names(&sb, store, &plan);
    assert_eq!(names.len(), plan["planned"].as_u64().unwrap() as usize);
    let mut names = names;
    names.sort();
    assert_eq!(names, ["_ga", "_gid"]);
    for key in plan.as_object().unwrap().keys() {
        assert!(
            key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{key} is not snake_case"
        );
    }
}
