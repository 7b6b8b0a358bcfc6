//! Command-line conventions on the fixture profiles: bad values are usage errors naming
//! the allowed ones, names that select no store are warned about, `*` wildcards filter,
//! and `explain` of a name nothing knows says so.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/live.rs"]
mod live;

fn run(args: &[&str]) -> (i32, String, String) {
    let home = live::real_home_copy();
    let out = live::crumbs_output(home.path(), args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_values_are_usage_errors_that_list_the_allowed_ones() {
    for (flag, bad, allowed) in [
        ("--category", "tracker", "marketing"),
        ("--party", "second", "third"),
        ("--browser", "opra", "opera"),
    ] {
        let (code, _, err) = run(&["list", flag, bad]);
        assert_eq!(code, 2, "{flag} {bad}: {err}");
        assert!(
            err.contains("possible values") && err.contains(allowed),
            "{err}"
        );
    }
    let (code, _, err) = run(&["list", "--category", "Analytics", "--party", "3rd"]);
    assert_eq!(code, 0, "aliases still parse: {err}");
}

#[test]
fn names_that_select_no_store_are_warned_about() {
    let (code, out, err) = run(&["list", "--browser", "brave"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("No cookies match"), "{out}");
    assert!(
        err.contains("warning: no brave cookie store found (stores found: chromium, firefox)"),
        "{err}"
    );
    let (_, _, err) = run(&["list", "--profile", "work"]);
    assert!(
        err.contains("no profile named \"work\" (profiles: "),
        "{err}"
    );
    assert!(err.contains("\"default-esr\" (firefox)"), "{err}");
}

#[test]
fn wildcards_filter_names_and_sites() {
    let (code, out, err) = run(&["list", "--json", "--name", "_g*"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["name"].as_str().unwrap().starts_with("_g"))
    );
    let (_, out, _) = run(&["list", "--json", "--site", "*.fabriquenumeriquedupasse.fr"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| {
        let host = r["host"].as_str().unwrap().trim_start_matches('.');
        host.ends_with(".fabriquenumeriquedupasse.fr")
    }));
}

#[test]
fn explaining_a_name_nothing_knows_says_so() {
    let (code, out, err) = run(&["explain", "zz_nothing_knows_this"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains(
            "no stored cookie is named \"zz_nothing_knows_this\" and no policy knows the name"
        ),
        "{err}"
    );
}
