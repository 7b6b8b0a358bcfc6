//! `cargo bench --bench audit_history`: what placing third-party cookies by history costs
//! `crumbs audit`. A profile with a real Firefox `places.sqlite` (the fixture's, emptied)
//! holding 200,000 visits to 5,000 sites, and 100,000 classified cookies of 2,000 sites
//! created over the same month. Reports the median of several runs, each beside its
//! baseline: reading the dated visits (`VisitTimes::load`) against reading the visited
//! hosts the party rules already read (`Visits::load`), and `audit::build_with_history`
//! against `audit::build` (partition keys only), as ratios.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/policy_support/mod.rs"]
mod policy_support;

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crumbs::audit::{self, History};
use crumbs::inventory::Entry;
use crumbs::model::{Family, StoreRef, UnixMicros};
use crumbs::policy::party::{self, VisitTimes, Visits};
use crumbs::policy::{Policies, PolicyOptions};

const VISITS: usize = 200_000;
const VISITED_SITES: usize = 5_000;
const COOKIES: usize = 100_000;
const COOKIE_SITES: usize = 2_000;
const MONTH_S: u64 = 30 * 86_400;
const NOW: UnixMicros = UnixMicros(1_795_000_000_000_000);
const RUNS: usize = 7;

const POLICY: &str = r#"
[policy]
id = "shop-example"
name = "Shop Example cookie policy"
kind = "site"
domains = ["site0.example"]

[[cookie]]
name = "cart"
category = "necessary"
"#;

/// Small deterministic generator (xorshift64*): the same profile every run.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path();
    history(profile);
    let (read_hosts, read_times) = side_by_side(
        || {
            Visits::load(profile, Family::Firefox).unwrap();
        },
        || {
            VisitTimes::load(profile, Family::Firefox).unwrap();
        },
    );
    println!(
        "audit_history: {VISITS} visits to {VISITED_SITES} sites, median of {RUNS}: dated \
         visits {read_times:.1} ms; visited hosts (baseline) {read_hosts:.1} ms; ratio {:.2}x",
        read_times / read_hosts
    );

    let policy = profile.join("shop.toml");
    std::fs::write(&policy, POLICY).unwrap();
    let policies = Policies::load(&PolicyOptions {
        extra_files: vec![policy],
        user_dir: false,
    })
    .unwrap();
    let entries = entries(profile, &policies);
    let mut h = History::default();
    h.insert(
        profile.to_path_buf(),
        Ok(VisitTimes::load(profile, Family::Firefox).unwrap()),
    );
    let sites = audit::audited_sites(&policies, &[]);
    let mut placed = 0;
    let (plain, with) = side_by_side(
        || {
            audit::build(&entries, &[], &policies, &sites, NOW);
        },
        || {
            let a = audit::build_with_history(&entries, &[], &policies, &sites, &h, NOW);
            placed = a
                .sites
                .iter()
                .flat_map(|s| &s.undeclared)
                .flat_map(|g| &g.cookies)
                .filter(|f| f.set_while_visiting.is_some())
                .count();
        },
    );
    println!(
        "audit_history: audit of {} site(s) over {COOKIES} cookies, median of {RUNS}: with \
         history {with:.1} ms ({placed} cookie names placed by time); partition keys only \
         (baseline) {plain:.1} ms; ratio {:.2}x",
        sites.len(),
        with / plain
    );
}

/// Median milliseconds of `base` and `new`, run alternately so both see the same machine.
fn side_by_side(mut base: impl FnMut(), mut new: impl FnMut()) -> (f64, f64) {
    let mut b = Vec::new();
    let mut n = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        base();
        b.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        new();
        n.push(t.elapsed().as_secs_f64() * 1e3);
    }
    (median(b), median(n))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `places.sqlite` in `profile`: the real fixture's schema, its rows replaced.
fn history(profile: &Path) {
    let places = profile.join("places.sqlite");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real/home/.mozilla/firefox/juvodf8i.default-esr/places.sqlite"),
        &places,
    )
    .unwrap();
    let mut conn = rusqlite::Connection::open(&places).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch("DELETE FROM moz_historyvisits; DELETE FROM moz_places;")
        .unwrap();
    for i in 0..VISITED_SITES {
        let host = format!("www.site{i}.example");
        tx.execute(
            "INSERT INTO moz_places (id, url, rev_host, visit_count, guid) VALUES (?1, ?2, ?3, 1, ?4)",
            rusqlite::params![
                i as i64 + 1,
                format!("https://{host}/"),
                format!(".{host}").chars().rev().collect::<String>(),
                format!("g{i:010}")
            ],
        )
        .unwrap();
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..VISITS {
        let place = rng.below(VISITED_SITES as u64) as i64 + 1;
        let at = NOW.0 - rng.below(MONTH_S * 1_000_000) as i64;
        tx.execute(
            "INSERT INTO moz_historyvisits (from_visit, place_id, visit_date, visit_type, session) \
             VALUES (0, ?1, ?2, 1, 0)",
            rusqlite::params![place, at],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

/// Classified cookies of `profile`, created over the month the visits span.
fn entries(profile: &Path, policies: &Policies) -> Vec<Entry> {
    let store = Arc::new(StoreRef {
        profile_dir: profile.to_path_buf(),
        ..(*policy_support::store()).clone()
    });
    let visits = Visits::default();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..COOKIES)
        .map(|i| {
            let host = format!(".tracker{}.example", rng.below(COOKIE_SITES as u64));
            let mut c = policy_support::cookie(&host, &format!("c{}", i % 97));
            c.store = store.clone();
            c.created = Some(UnixMicros(NOW.0 - rng.below(MONTH_S * 1_000_000) as i64));
            let verdict = policies.classify(&c);
            Entry {
                party: party::decide(&c, &verdict, policies, &visits),
                verdict,
                cookie: c,
            }
        })
        .collect()
}
