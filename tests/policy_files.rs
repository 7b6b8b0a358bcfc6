//! Shipped and fixture policy files: every built-in parses and is embedded; every valid
//! fixture loads; every invalid one fails with exactly its expected `file:line: message`.

mod policy_support;

use std::collections::BTreeSet;

use crumbs::model::Category;
use crumbs::policy::def::{Kind, NameMatch};
use crumbs::policy::{builtin, load};
use policy_support::fixture;

#[test]
fn every_asset_is_embedded_and_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/policies");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    let embedded: BTreeSet<String> = builtin::FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, embedded, "add new files to src/policy/builtin.rs");
    for (name, text) in builtin::FILES {
        assert_eq!(&std::fs::read_to_string(dir.join(name)).unwrap(), text);
        load::parse_toml(name, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let p = crumbs::policy::Policies::builtin().unwrap();
    let ids: BTreeSet<&str> = p.policies().iter().map(|p| &*p.id).collect();
    assert_eq!(ids.len(), builtin::FILES.len(), "policy ids must be unique");
}

#[test]
fn seed_policy_encodes_the_published_text() {
    let (_, text) = builtin::FILES
        .iter()
        .find(|(n, _)| *n == "opendatasoft.toml")
        .unwrap();
    let p = load::parse_toml("opendatasoft.toml", text).unwrap();
    assert_eq!(p.kind, Kind::Site);
    assert_eq!(p.provider.as_deref(), Some("Opendatasoft"));
    let domains: Vec<&str> = p.domains.iter().map(|d| &**d).collect();
    assert_eq!(
        domains,
        [
            "fabriquenumeriquedupasse.fr",
            "opendatasoft.com",
            "opendatasoft.fr"
        ]
    );
    let cats: Vec<(&str, Category, crumbs::policy::Consent)> = p
        .categories
        .iter()
        .map(|c| (&*c.key, c.maps_to, c.consent))
        .collect();
    use crumbs::policy::Consent;
    assert_eq!(
        cats,
        [
            ("necessary", Category::Necessary, Consent::Never),
            (
                "statistical",
                Category::Statistics,
                Consent::UnlessAnonymised
            ),
        ]
    );
    assert_eq!(p.parties.len(), 2);
    let rules: Vec<(&str, &str, Category)> = p
        .rules
        .iter()
        .map(|r| match &r.names {
            NameMatch::Exact(n) => (&**n, r.function.as_deref().unwrap_or(""), r.category),
            NameMatch::Pattern(_) => panic!("the seed names exact cookies"),
        })
        .collect();
    assert_eq!(
        rules,
        [
            (
                "sessionid",
                "Authentication (front and back office)",
                Category::Necessary
            ),
            (
                "django_language",
                "Language selection (front and back office)",
                Category::Necessary
            ),
            (
                "csrftoken",
                "API (CSRF) (front et back office)",
                Category::Necessary
            ),
            (
                "cookies_preferences",
                "Choices related to your cookie preferences",
                Category::Necessary
            ),
        ]
    );
}

#[test]
fn valid_fixtures_load() {
    let dir = fixture("valid");
    let all = load::read_dir(&dir).unwrap();
    assert_eq!(all.len(), 2);
    let ocd = load::read_file(&dir.join("ocd-sample.csv")).unwrap();
    assert_eq!(ocd.kind, Kind::Knowledge);
    let got: Vec<(String, Category, Option<crumbs::model::Party>)> = ocd
        .rules
        .iter()
        .map(|r| {
            let n = match &r.names {
                NameMatch::Exact(n) => n.to_string(),
                NameMatch::Pattern(p) => format!("pattern {p}"),
            };
            (n, r.category, r.party)
        })
        .collect();
    use crumbs::model::Party::Third;
    let want: Vec<(String, Category, Option<crumbs::model::Party>)> = [
        ("_ga", Category::Statistics, None),
        ("pattern _ga_*", Category::Statistics, None),
        ("_gid", Category::Statistics, None),
        ("pattern _hjSession_*", Category::Necessary, None),
        ("__cf_bm", Category::Necessary, None),
        ("sessionid", Category::Marketing, Some(Third)),
        ("pattern pm_sess_*", Category::Necessary, None),
        ("shop_theme", Category::Preferences, None),
        ("xsrf_guard", Category::Necessary, None),
    ]
    .into_iter()
    .map(|(n, c, p)| (n.to_string(), c, p))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        ocd.rules[7].lifetime, None,
        "\"Unknown\" retention is no lifetime"
    );
    assert_eq!(ocd.rules[0].lifetime.as_deref(), Some("2 years"));
}

#[test]
fn invalid_fixtures_fail_with_their_message() {
    let cases = [
        ("bad-toml.toml", 3, "invalid basic string, expected `\"`"),
        (
            "unknown-key.toml",
            9,
            "unknown field `purpuse`, expected one of `name`, `pattern`, `provider`, `function`, \
             `purpose`, `category`, `policy_category`, `lifetime`, `on_delete`, `sign_in`, `hosts`, \
             `consent`, `party`, `anonymised`, `generic`, `also_labelled`",
        ),
        (
            "unknown-category.toml",
            10,
            "unknown category \"advertising\"; expected necessary, preferences, statistics or marketing",
        ),
        (
            "name-and-pattern.toml",
            6,
            "a cookie rule has both `name` and `pattern`; give exactly one",
        ),
        (
            "knowledge-with-domains.toml",
            5,
            "a knowledge policy has no `domains`; use kind = \"site\" to govern sites",
        ),
        (
            "site-without-domains.toml",
            4,
            "a site policy needs `domains`",
        ),
        (
            "undefined-policy-category.toml",
            12,
            "policy_category \"functional\" is not defined in [categories]",
        ),
        (
            "bad-consent.toml",
            7,
            "categories.stats: unknown consent \"sometimes\"; expected never, required or unless_anonymised",
        ),
        ("short-row.csv", 3, "bad row: 6 fields, expected 10"),
        (
            "unknown-ocd-category.csv",
            3,
            "unknown OCD category \"Advertising\"; expected Functional, Security, Analytics, \
             Marketing or Personalization",
        ),
        (
            "bad-wildcard.csv",
            2,
            "Wildcard match must be 0 or 1, not \"yes\"",
        ),
    ];
    let dir = fixture("invalid");
    let mut seen = BTreeSet::new();
    for (file, line, message) in cases {
        let path = dir.join(file);
        let err = load::read_file(&path).expect_err(file);
        assert_eq!(
            err.to_string(),
            format!("{}:{line}: {message}", path.display()),
            "{file}"
        );
        seen.insert(file.to_string());
    }
    let all: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(all, seen, "every invalid fixture has an expected message");
}

#[test]
fn a_missing_user_folder_is_empty_and_bad_files_name_themselves() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(load::read_dir(&tmp.path().join("none")).unwrap().is_empty());
    let err = load::read_file(&tmp.path().join("gone.toml")).unwrap_err();
    assert!(err.to_string().contains("gone.toml"), "{err}");
}
