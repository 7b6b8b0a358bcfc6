//! How crumbs does on the categories real sites give their own cookies: `banners.csv` holds
//! cookies as websites declare them in their own consent-manager configuration or
//! cookie-policy page, each row naming the public file it comes from (`source`), the site
//! (`site`) and the site's own word for the category (`label_word`). Sites' labels are
//! noisy (the same name is filed differently by different sites), which is the point:
//! this is the figure a user meets.
//!
//! The set is split in two halves by a hash of the site, fixed before any rule was shaped
//! with the set in view, so a site's cookies stay together (siblings are a site's own). The
//! tuning half's misses may be read (`list_the_tuning_half_misses`, ignored by default);
//! the test half is only ever measured, in figures, never listed.
//!
//! Declarations seldom give flags, and some give no lifetime: those read as no flags and a
//! year (see `labelled_support::UNDECLARED_DAYS`), so the figures are also printed for the
//! rows whose lifetime the site declared.

mod labelled_support;

use crumbs::model::Category;
use crumbs::policy::Policies;
use labelled_support::figures::{
    CLASSES, Judged, figures, is_tracker, judge, print, print_split, share,
};
use labelled_support::{Row, rows_from, verdicts};

const FILE: &str = "banners.csv";

/// Floors a little below the figures the test half gives (see the README): 82.3 %
/// accuracy (81.6 % before language cookies became necessary), 89.7 % keep-vs-delete, 13.2 % of necessary cookies deleted and 3 sign-in or
/// consent cookies deleted, two of them low-confidence guesses (it was 2 and one before
/// the model was retrained with HubSpot's necessary cookies: a rule can only keep more,
/// so a guess moved). Before the learned stage
/// they were 78.6 %, 86.8 %, 19.6 % and 11. When the set was
/// first measured, with 605 cookies of 113 sites and before any rule was shaped with its
/// tuning half in view, its test half gave 82.3 %, 89.9 %, 12.3 % and 3; a later 838
/// cookies of 151 sites' own cookie pages, mostly small sites, are harder.
const TEST_ACCURACY_FLOOR: f64 = 0.80;
const TEST_KEEP_VS_DELETE_FLOOR: f64 = 0.88;
const TEST_NECESSARY_DELETED_CEILING: f64 = 0.145;
const TEST_PROTECTED_DELETED_CEILING: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Half {
    Tuning,
    Test,
}

/// FNV-1a of the site: stable across platforms and releases, unlike std's hasher.
fn half(site: &str) -> Half {
    let hash = site.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    if hash & 1 == 0 {
        Half::Tuning
    } else {
        Half::Test
    }
}

/// The rows of one half. A site whose domain is unknown gets a host of its own, so two
/// such sites are not taken for one (the sibling step works per site).
fn rows_of(which: Half) -> Vec<Row> {
    rows_from(FILE)
        .into_iter()
        .filter(|r| half(&r.site) == which)
        .map(|mut r| {
            if r.host.ends_with("unknown-site.example") {
                let own: String = r
                    .site
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                r.host = format!(".{own}.unknown-site.example");
            }
            r
        })
        .collect()
}

/// The rows with undeclared flags read as HttpOnly and Secure, as a server's own cookies
/// often are: the other extreme from reading them as none.
fn server_set(rows: Vec<Row>) -> Vec<Row> {
    rows.into_iter()
        .map(|mut r| {
            if !r.flags_declared {
                r.flags = "SH".into();
            }
            r
        })
        .collect()
}

#[test]
fn the_set_is_sites_own_declarations_split_by_site() {
    let all = rows_from(FILE);
    assert!(all.len() >= 200, "{} rows", all.len());
    assert!(
        all.iter()
            .all(|r| !r.source.is_empty() && !r.site.is_empty())
    );
    let sites = |h: Option<Half>| {
        let mut s: Vec<&str> = all
            .iter()
            .filter(|r| h.is_none_or(|h| half(&r.site) == h))
            .map(|r| r.site.as_str())
            .collect();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    assert!(sites(None) >= 30, "{} sites", sites(None));
    assert!(sites(Some(Half::Test)) >= 10 && sites(Some(Half::Tuning)) >= 10);
}

#[test]
fn the_test_half_in_the_terms_that_matter() {
    let rows = rows_of(Half::Test);
    let judged = judge(&rows);
    let all = figures(&judged, false);
    print("banners.csv, test half", &all);
    print(
        "banners.csv, test half, --sure-only",
        &figures(&judged, true),
    );
    let with_days: Vec<Judged<'_>> = judged.into_iter().filter(|j| j.row.days_declared).collect();
    print(
        &format!(
            "banners.csv, test half, {} rows with a declared lifetime",
            with_days.len()
        ),
        &figures(&with_days, false),
    );
    // Declarations give no flags, and `?` reads as none: a page script's cookie. The other
    // extreme, every undeclared cookie HttpOnly and Secure as a server's own often are,
    // shows how much of the figure hangs on that.
    let server_set = server_set(rows_of(Half::Test));
    let server = figures(&judge(&server_set), false);
    print(
        "banners.csv, test half, undeclared flags read as HttpOnly and Secure",
        &server,
    );
    assert_eq!(
        server.protected_deleted, 0,
        "a server-set sign-in or consent cookie deleted"
    );
    print_split("banners.csv, test half", &judge(&rows));
    print_agreement("banners.csv, test half", &agreement(&rows));
    println!("banners.csv, test half: {} rows", rows.len());
    assert!(all.accuracy >= TEST_ACCURACY_FLOOR);
    assert!(all.keep_vs_delete >= TEST_KEEP_VS_DELETE_FLOOR);
    assert!(all.necessary_deleted <= TEST_NECESSARY_DELETED_CEILING);
    assert!(all.protected_deleted <= TEST_PROTECTED_DELETED_CEILING);
}

#[test]
fn the_tuning_half_in_the_same_terms() {
    let rows = rows_of(Half::Tuning);
    let judged = judge(&rows);
    print("banners.csv, tuning half", &figures(&judged, false));
    let server_set = server_set(rows_of(Half::Tuning));
    print(
        "banners.csv, tuning half, undeclared flags read as HttpOnly and Secure",
        &figures(&judge(&server_set), false),
    );
    print_split("banners.csv, tuning half", &judged);
    print_learned_sure("banners.csv, tuning half", &judged);
    print_agreement("banners.csv, tuning half", &agreement(&rows));
    println!("banners.csv, tuning half: {} rows", rows.len());
}

/// How often the learned model is right on real sites' cookies when it says it is 90 % sure
/// or more: the reason its verdicts are always shown as guesses (`src/policy/matcher.rs`).
fn print_learned_sure(title: &str, judged: &[Judged<'_>]) {
    let sure: Vec<&Judged<'_>> = judged
        .iter()
        .filter(|j| j.learned.is_some_and(|p| p >= 90))
        .collect();
    let right = sure.iter().filter(|j| j.got == j.row.expected).count();
    println!(
        "{title}, learned verdicts at 90 % or surer: {right} of {} right ({:.1} %)",
        sure.len(),
        100.0 * share(right, sure.len())
    );
}

/// How far sites agree with each other, whatever crumbs says: over the names two or more
/// sites declare, the figures of a rule that knew every site's label in advance and gave
/// each name the label most of them give. No rule that gives one name one category can do
/// better on these rows, so this bounds what the noise of sites' labels leaves reachable.
struct Agreement {
    names: usize,
    disputed: usize,
    rows: usize,
    /// Rows whose label is their name's commonest.
    majority: usize,
    /// Rows on whose keep-or-delete their name's sites mostly agree.
    keep_vs_delete: usize,
    /// Necessary rows of the whole half whose name most sites call a tracker.
    necessary_deleted: usize,
    necessary: usize,
}

fn agreement(rows: &[Row]) -> Agreement {
    use std::collections::{BTreeMap, BTreeSet};
    let mut by_name: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_name.entry(r.name.as_str()).or_default().push(r);
    }
    let mut a = Agreement {
        names: 0,
        disputed: 0,
        rows: 0,
        majority: 0,
        keep_vs_delete: 0,
        necessary_deleted: 0,
        necessary: rows
            .iter()
            .filter(|r| r.expected == Category::Necessary)
            .count(),
    };
    for declared in by_name.values() {
        let sites: BTreeSet<&str> = declared.iter().map(|r| r.site.as_str()).collect();
        if sites.len() < 2 {
            continue;
        }
        let labels = |c: Category| declared.iter().filter(|r| r.expected == c).count();
        let counts = CLASSES.map(labels);
        let tracker_rows = |tracker: bool| {
            CLASSES
                .iter()
                .zip(counts)
                .filter(|(c, _)| is_tracker(**c) == tracker)
                .map(|(_, n)| n)
                .sum::<usize>()
        };
        let (trackers, kept) = (tracker_rows(true), tracker_rows(false));
        a.names += 1;
        a.disputed += usize::from(counts.iter().filter(|&&n| n > 0).count() > 1);
        a.rows += declared.len();
        a.majority += counts.iter().copied().max().unwrap_or(0);
        a.keep_vs_delete += trackers.max(kept);
        if trackers > kept {
            a.necessary_deleted += labels(Category::Necessary);
        }
    }
    a
}

fn print_agreement(title: &str, a: &Agreement) {
    let pct = |n: usize, of: usize| format!("{:.1} %", 100.0 * share(n, of));
    println!(
        "{title}, sites' agreement: {} names declared by two sites or more ({} rows), \
         {} of them filed differently; their commonest label is right on {}, their \
         commoner keep-or-delete on {}; following it deletes {} of all necessary cookies",
        a.names,
        a.rows,
        a.disputed,
        pct(a.majority, a.rows),
        pct(a.keep_vs_delete, a.rows),
        pct(a.necessary_deleted, a.necessary),
    );
}

#[test]
fn agreement_counts_what_it_says() {
    let row = |name: &str, site: &str, expected: Category| Row {
        name: name.into(),
        host: format!(".{site}"),
        flags: "-".into(),
        days: 365,
        shape: "none".into(),
        expected,
        role: String::new(),
        source: String::new(),
        site: site.into(),
        days_declared: true,
        flags_declared: false,
    };
    let rows = [
        row("x", "a.example", Category::Necessary),
        row("x", "b.example", Category::Statistics),
        row("x", "c.example", Category::Marketing),
        row("y", "a.example", Category::Necessary),
        row("y", "b.example", Category::Necessary),
        row("z", "a.example", Category::Necessary),
    ];
    let a = agreement(&rows);
    assert_eq!((a.names, a.disputed, a.rows), (2, 1, 5));
    assert_eq!((a.majority, a.keep_vs_delete), (3, 4));
    assert_eq!((a.necessary_deleted, a.necessary), (1, 4));
}

/// The tuning half's misses, for reading while improving rules:
/// `cargo test --test knowledge_banners -- --ignored --nocapture`.
#[test]
#[ignore = "prints rows of the tuning half for people improving the rules"]
fn list_the_tuning_half_misses() {
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let rows = rows_of(Half::Tuning);
    let mut by_rule: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for (row, v) in rows.iter().zip(verdicts(&policies, &rows)) {
        let rule = match &v.matched_by {
            crumbs::policy::MatchedBy::Heuristic { rule, .. } => format!("heuristic {rule}"),
            other => other.step().to_string(),
        };
        let tally = by_rule.entry(rule).or_default();
        tally.1 += 1;
        if v.category == row.expected {
            tally.0 += 1;
            continue;
        }
        let days = match row.days_declared {
            true => row.days.to_string(),
            false => "?".into(),
        };
        println!(
            "{:<30} {:<30} {:<3} {:>4} {:<7} want {:<11} got {:<11} {:?} {:?}",
            row.name,
            row.host,
            row.flags,
            days,
            row.role,
            row.expected.as_str(),
            v.category.as_str(),
            v.confidence,
            v.matched_by,
        );
    }
    for (rule, (right, of)) in by_rule {
        println!("{rule:<40} right {right:>3} of {of:>3}");
    }
}

/// Where two sites or more of the tuning half file a cookie crumbs names under another
/// category, the rule says so (`also_labelled`), so `explain` can tell the user that sites
/// disagree. Read off the rules themselves, whatever hosts they are limited to: the sites
/// list cookies without their domain.
#[test]
fn the_rules_tell_where_sites_file_a_name_otherwise() {
    use std::collections::{BTreeMap, BTreeSet};
    let policies = Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
    let rows = rows_of(Half::Tuning);
    let mut sites_by: BTreeMap<(&str, Category), BTreeSet<&str>> = BTreeMap::new();
    for r in &rows {
        sites_by
            .entry((r.name.as_str(), r.expected))
            .or_default()
            .insert(r.site.as_str());
    }
    let mut untold = Vec::new();
    let mut checked = 0;
    let knowledge = policies
        .policies()
        .iter()
        .filter(|p| p.kind == crumbs::policy::def::Kind::Knowledge && p.id.starts_with("known-"));
    for policy in knowledge {
        for rule in &policy.rules {
            for ((name, said), sites) in &sites_by {
                if sites.len() < 2 || !rule.names.matches(name) {
                    continue;
                }
                checked += 1;
                if *said != rule.category && !rule.also_labelled.contains(said) {
                    untold.push(format!(
                        "{}: {} sites call {name} {}",
                        policy.id,
                        sites.len(),
                        said.as_str()
                    ));
                }
            }
        }
    }
    assert!(checked >= 50, "{checked} names checked");
    assert!(untold.is_empty(), "{untold:#?}");
}
