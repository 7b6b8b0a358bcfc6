//! How well crumbs names the purpose of real-world cookies, measured on a labelled set
//! (`tests/fixtures/labelled/cookies.csv`) of cookies seen on real sites, CMSs and shops.
//!
//! Two figures: the heuristics alone on the rows the knowledge base does not name (the
//! long tail they exist for), and the full classifier on every row. "Unknown" counts as
//! wrong. Values in the set are synthetic stand-ins with the real shape, never real data.

mod labelled_support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crumbs::model::Category;
use crumbs::policy::heuristics;
use labelled_support::{Row, cookie, rows_from, verdicts};

/// Floors actually reached (see the printed figures); a change that lowers them fails.
/// The heuristics are measured on the rows the knowledge base does not name, so a rule
/// that names more of them changes what is measured: when ColdFusion's and Azure AD B2C's
/// cookies were named, 197 rows were left (193 right without values, 97.97 %).
const HEURISTIC_FLOOR_WITH_VALUES: f64 = 0.98;
const HEURISTIC_FLOOR_NAMES_ONLY: f64 = 0.975;
const FRESH_FLOOR_WITH_VALUES: f64 = 0.83;
const FRESH_FLOOR_NAMES_ONLY: f64 = 0.81;
/// Both sets have been tuned on (their misses were read while growing the knowledge base
/// and the heuristics), so these floors guard against regressions, not measure accuracy.
/// With the learned stage, four of `cookies.csv`'s clueless names that the lifetime rules
/// happened to call statistics are read otherwise, and one is put right: 393 of 403
/// (`fresh.csv`: 71 of 80, from 74, the same way; `heldout2.csv`: 87 of 95, from 80).
const REFERENCE_FLOOR: f64 = 0.98;
const FULL_FLOOR: f64 = 0.975;
const FULL_FRESH_FLOOR: f64 = 0.83;
/// `heldout2.csv`: written before one round of tuning and never looked at row by row while
/// tuning (its test prints figures only, no misses), so it stays an honest measure.
const HELDOUT2_HEURISTIC_FLOOR: f64 = 0.66;
const HELDOUT2_FULL_FLOOR: f64 = 0.87;

fn rows() -> Vec<Row> {
    rows_from("cookies.csv")
}

// `cookies.csv` was used to tune the heuristics; `fresh.csv` was written afterwards and
// kept out of the knowledge base, but its misses were read in a later round of tuning.
// `heldout2.csv` is the one set no rule was shaped on.

/// One knowledge-base rule, read straight from the shipped files.
struct KbRule {
    name: String,
    is_pattern: bool,
    hosts: Vec<String>,
    category: Category,
}

/// One `[[host]]` owner: cookies from this domain that no rule names.
struct KbHost {
    domain: String,
    category: Category,
}

fn knowledge_hosts() -> Vec<KbHost> {
    let mut out = Vec::new();
    for doc in knowledge_docs() {
        let hosts = doc.get("host").and_then(toml::Value::as_array);
        for h in hosts.into_iter().flatten() {
            let field = |k: &str| h.get(k).and_then(toml::Value::as_str).unwrap_or_default();
            out.push(KbHost {
                domain: field("domain").to_string(),
                category: Category::parse(field("category")).unwrap_or(Category::Unknown),
            });
        }
    }
    out
}

fn knowledge_docs() -> Vec<toml::Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/policies");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        out.push(toml::from_str(&text).unwrap_or_else(|e| panic!("{e}")));
    }
    out
}

fn knowledge_rules() -> Vec<KbRule> {
    let mut out = Vec::new();
    for doc in knowledge_docs() {
        let rules = doc.get("cookie").and_then(toml::Value::as_array);
        for r in rules.into_iter().flatten() {
            let (name, is_pattern) = match (r.get("name"), r.get("pattern")) {
                (Some(n), _) => (n.as_str().unwrap_or_default(), false),
                (_, Some(p)) => (p.as_str().unwrap_or_default(), true),
                _ => continue,
            };
            let hosts = r.get("hosts").and_then(toml::Value::as_array);
            let category = r.get("category").and_then(toml::Value::as_str);
            out.push(KbRule {
                category: category
                    .and_then(Category::parse)
                    .unwrap_or(Category::Unknown),
                name: strip(name).to_string(),
                is_pattern,
                hosts: hosts
                    .into_iter()
                    .flatten()
                    .filter_map(|h| h.as_str().map(String::from))
                    .collect(),
            });
        }
    }
    out
}

fn strip(name: &str) -> &str {
    name.strip_prefix("__Host-")
        .or_else(|| name.strip_prefix("__Secure-"))
        .unwrap_or(name)
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn is_under(host: &str, domain: &str) -> bool {
    let host = host.trim_start_matches('.');
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// The knowledge rules that would name this cookie (so heuristics never see it).
fn kb_matches<'a>(rules: &'a [KbRule], row: &Row) -> Vec<&'a KbRule> {
    let name = strip(&row.name);
    let applies = |r: &&KbRule| {
        let host_ok = r.hosts.is_empty() || r.hosts.iter().any(|h| is_under(&row.host, h));
        let name_ok = if r.is_pattern {
            glob(&r.name, name)
        } else {
            r.name == name
        };
        host_ok && name_ok
    };
    rules.iter().filter(applies).collect()
}

fn named_by_kb(rules: &[KbRule], row: &Row) -> bool {
    !kb_matches(rules, row).is_empty()
}

/// The engine's documented order without site policies: exact name (host-limited rules
/// first), longest pattern, host owner, heuristics. A stand-in until the engine lands.
fn reference_classify(rules: &[KbRule], hosts: &[KbHost], row: &Row) -> Category {
    let matches = kb_matches(rules, row);
    let best = matches.iter().max_by_key(|r| {
        let exact = !r.is_pattern;
        (exact, !r.hosts.is_empty(), r.name.len())
    });
    if let Some(r) = best {
        return r.category;
    }
    let owner = hosts
        .iter()
        .filter(|h| is_under(&row.host, &h.domain))
        .max_by_key(|h| h.domain.len());
    if let Some(h) = owner {
        return h.category;
    }
    heuristics::guess(&cookie(row, true)).map_or(Category::Unknown, |g| g.category)
}

struct Score {
    right: usize,
    total: usize,
    misses: BTreeMap<(Category, Category), Vec<String>>,
}

impl Score {
    fn new() -> Score {
        Score {
            right: 0,
            total: 0,
            misses: BTreeMap::new(),
        }
    }
    fn add(&mut self, row: &Row, got: Category) {
        self.total += 1;
        if got == row.expected {
            self.right += 1;
        } else {
            let key = (row.expected, got);
            self.misses.entry(key).or_default().push(row.name.clone());
        }
    }
    fn ratio(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
    fn summary(&self, title: &str) {
        println!(
            "{title}: {}/{} = {:.1} %",
            self.right,
            self.total,
            100.0 * self.ratio()
        );
    }
    fn report(&self, title: &str) {
        self.summary(title);
        for ((want, got), names) in &self.misses {
            println!(
                "  {} -> {}: {}",
                want.as_str(),
                got.as_str(),
                names.join(" ")
            );
        }
    }
}

fn heuristic_score(rows: &[&Row], with_value: bool) -> Score {
    let mut s = Score::new();
    for row in rows {
        let c = cookie(row, with_value);
        let g = if with_value {
            heuristics::guess_with_value(&c)
        } else {
            heuristics::guess(&c)
        };
        let got = g.map_or(Category::Unknown, |g| g.category);
        s.add(row, got);
    }
    s
}

#[test]
fn the_labelled_set_is_real_sized_and_mostly_long_tail() {
    let rows = rows();
    let kb = knowledge_rules();
    let held_out = rows.iter().filter(|r| !named_by_kb(&kb, r)).count();
    println!(
        "{} labelled rows, {held_out} not named by the knowledge base",
        rows.len()
    );
    assert!(rows.len() >= 300, "{} rows", rows.len());
    // The knowledge base has since grown to name many of these rows; the rest stay the
    // long tail the heuristics are measured on.
    assert!(held_out >= 190, "{held_out} held-out rows");
}

#[test]
fn heuristics_alone_on_cookies_the_knowledge_base_does_not_name() {
    let rows = rows();
    let kb = knowledge_rules();
    let held_out: Vec<&Row> = rows.iter().filter(|r| !named_by_kb(&kb, r)).collect();
    let with_values = heuristic_score(&held_out, true);
    with_values.report("heuristics, held-out rows, values loaded");
    let names_only = heuristic_score(&held_out, false);
    names_only.report("heuristics, held-out rows, values not loaded");
    assert!(with_values.ratio() >= HEURISTIC_FLOOR_WITH_VALUES);
    assert!(names_only.ratio() >= HEURISTIC_FLOOR_NAMES_ONLY);
}

#[test]
fn heuristics_alone_on_the_fresh_set() {
    let rows = rows_from("fresh.csv");
    let kb = knowledge_rules();
    let held_out: Vec<&Row> = rows.iter().filter(|r| !named_by_kb(&kb, r)).collect();
    assert_eq!(
        held_out.len(),
        rows.len(),
        "fresh rows must all be unknown to the KB"
    );
    let with_values = heuristic_score(&held_out, true);
    with_values.report("heuristics, fresh rows, values loaded");
    let names_only = heuristic_score(&held_out, false);
    names_only.report("heuristics, fresh rows, values not loaded");
    assert!(with_values.ratio() >= FRESH_FLOOR_WITH_VALUES);
    assert!(names_only.ratio() >= FRESH_FLOOR_NAMES_ONLY);
}

#[test]
fn the_reference_order_on_every_labelled_cookie() {
    let (rules, hosts) = (knowledge_rules(), knowledge_hosts());
    for (file, floor) in [
        ("cookies.csv", REFERENCE_FLOOR),
        ("fresh.csv", FRESH_FLOOR_WITH_VALUES),
    ] {
        let rows = rows_from(file);
        let mut s = Score::new();
        for row in &rows {
            s.add(row, reference_classify(&rules, &hosts, row));
        }
        s.report(&format!(
            "knowledge base + host owners + heuristics, {file}"
        ));
        assert!(s.ratio() >= floor, "{file}");
    }
}

fn full_score(file: &str) -> Score {
    let policies = crumbs::policy::Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let rows = rows_from(file);
    let mut s = Score::new();
    for (row, v) in rows.iter().zip(verdicts(&policies, &rows)) {
        s.add(row, v.category);
    }
    s
}

#[test]
fn the_full_classifier_on_every_labelled_cookie() {
    let s = full_score("cookies.csv");
    s.report("full classifier, cookies.csv");
    assert!(s.ratio() >= FULL_FLOOR);
    let s = full_score("fresh.csv");
    s.report("full classifier, fresh.csv");
    assert!(s.ratio() >= FULL_FRESH_FLOOR);
}

/// Figures only: printing the misses would invite tuning on the rows.
#[test]
fn a_second_held_out_set_is_measured_without_looking_at_its_rows() {
    let rows = rows_from("heldout2.csv");
    assert!(rows.len() >= 90, "{} rows", rows.len());
    let all: Vec<&Row> = rows.iter().collect();
    let heuristics = heuristic_score(&all, true);
    heuristics.summary("heuristics alone, heldout2.csv, values loaded");
    let full = full_score("heldout2.csv");
    full.summary("full classifier, heldout2.csv");
    assert!(heuristics.ratio() >= HELDOUT2_HEURISTIC_FLOOR);
    assert!(full.ratio() >= HELDOUT2_FULL_FLOOR);
}

/// Set `CRUMBS_SHOW_RULES=1` to see which heuristic rule decided each miss.
#[test]
fn the_rules_behind_heuristic_misses_on_the_tuning_sets() {
    if std::env::var_os("CRUMBS_SHOW_RULES").is_none() {
        return;
    }
    let kb = knowledge_rules();
    for file in ["cookies.csv", "fresh.csv"] {
        for row in rows_from(file).iter().filter(|r| !named_by_kb(&kb, r)) {
            let g = heuristics::guess(&cookie(row, true));
            let got = g.map_or(Category::Unknown, |g| g.category);
            if got != row.expected {
                let rule = g.map_or("-", |g| g.rule);
                println!(
                    "MISS {file} {} [{} {} {}] want {} got {} by {rule}",
                    row.name,
                    row.host,
                    row.flags,
                    row.days,
                    row.expected.as_str(),
                    got.as_str()
                );
            }
        }
    }
}

#[test]
fn the_glob_used_to_hold_rows_out_matches_like_the_schema_says() {
    assert!(glob("_ga_*", "_ga_ABC"));
    assert!(glob("mp_*_mixpanel", "mp_abc_mixpanel"));
    assert!(!glob("mp_*_mixpanel", "mp_mixpanel"));
    assert!(glob("BIGipServer*", "BIGipServer"));
    assert!(!glob("_ga", "_ga_x"));
}
