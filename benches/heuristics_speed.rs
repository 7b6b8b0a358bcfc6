//! `cargo bench --bench heuristics_speed`: what `policy::heuristics::guess` costs per
//! cookie, over 100,000 varied in-memory cookies (every name of the labelled sets plus
//! synthetic vendor-style, camelCase, numbered, prefixed and non-ASCII names, with varied
//! hosts, flags, lifetimes and value shapes). Reports the median ns/cookie of several runs,
//! over the whole set and over a cache-warm slice of it; then the whole classifier
//! (`Policies::classify`, every step) on all 100,000 on one thread against its 50 ms
//! budget, as a ratio to a baseline that only looks every name up in a hash map; and how
//! many of them the learned stage decides, with the cost of one of its readings.
//!
//! `HEUR_DUMP=FILE` also writes every guess (bench set, then the labelled sets with and
//! without values) and every verdict of the whole classifier on the bench set, one per
//! line, so a change to the heuristics or the matcher can be diffed for sameness.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/labelled_support/mod.rs"]
mod labelled;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use crumbs::model::{Category, Cookie};
use crumbs::policy::learned::{self, features::Span};
use crumbs::policy::{Policies, heuristics, siblings};
use labelled::{Row, cookie, rows_from};
use rustc_hash::FxHashMap;

const COOKIES: usize = 100_000;
/// CPU budget for classifying `COOKIES` cookies on one core.
const BUDGET_MS: f64 = 50.0;
const RUNS: usize = 9;
const WARM: usize = 2_000;
const LABELLED: [&str; 4] = [
    "cookies.csv",
    "fresh.csv",
    "heldout2.csv",
    "vendor_docs.csv",
];

fn main() {
    let labelled: Vec<Row> = LABELLED.iter().flat_map(|f| rows_from(f)).collect();
    let set = bench_set(&labelled);
    let cookies: Vec<Cookie> = set.iter().map(|r| cookie(r, true)).collect();
    if let Some(path) = std::env::var_os("HEUR_DUMP") {
        dump(&PathBuf::from(path), &cookies, &labelled);
    }
    let all = median_ns(&cookies, 1);
    // The same work with the cookies already in cache: a slice small enough to stay in L2,
    // guessed over and over, so memory latency (which the full set pays) drops out.
    let warm = median_ns(cookies.get(..WARM).unwrap(), COOKIES / WARM);
    println!(
        "heuristics_speed: {} cookies, median of {RUNS} runs: {:.0} ns/cookie (min {:.0}); \
         cache-warm {WARM}: {:.0} ns/cookie (min {:.0})",
        cookies.len(),
        all.0,
        all.1,
        warm.0,
        warm.1
    );
    let started = Instant::now();
    let policies = Policies::builtin().unwrap();
    let builtin_ms = started.elapsed().as_secs_f64() * 1000.0;
    // The bundled Open Cookie Database is indexed on the first cookie that reaches it: a
    // one-off cost per run, kept out of the timed passes below.
    let ocd_only = labelled::cookie(&ocd_row(), false);
    let started = Instant::now();
    black_box(policies.classify(&ocd_only));
    let first_ocd_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "heuristics_speed: loading the built-in policies {builtin_ms:.1} ms; first cookie \
         that reaches the Open Cookie Database (parse + index, once per run) {first_ocd_ms:.1} ms"
    );
    let full = median_ms(&cookies, |c| {
        black_box(policies.classify(c));
    });
    let names: FxHashMap<String, usize> = cookies
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    let lookup = median_ms(&cookies, |c| {
        black_box(names.get(black_box(c.name.as_str())));
    });
    let cpu = |x: Option<f64>| x.map_or("n/a".to_string(), |ms| format!("{ms:.1} ms"));
    println!(
        "heuristics_speed: full classifier, {} cookies on one thread: CPU {} (budget \
         {BUDGET_MS} ms), wall {:.1} ms; baseline name lookup CPU {}, wall {:.1} ms; ratio \
         {:.1}x",
        cookies.len(),
        cpu(full.1),
        full.0,
        cpu(lookup.1),
        lookup.0,
        full.1
            .zip(lookup.1)
            .map_or(full.0 / lookup.0, |(f, l)| f / l)
    );
    // The learned stage reads only the names the heuristics found no word in: how many of
    // the set reach it, and what one reading costs, over every name of the set.
    let verdicts: Vec<_> = cookies.iter().map(|c| policies.classify(c)).collect();
    let learned_n = verdicts
        .iter()
        .filter(|v| v.matched_by.step() == "learned")
        .count();
    let model = learned::shipped().unwrap();
    let one_pass = median_ms(&cookies, |c| {
        black_box(model.predict(black_box(&c.name), Span::UnderAYear));
    });
    println!(
        "heuristics_speed: learned stage: decides {learned_n} of the {} cookies; one reading \
         {:.0} ns a name (median of {RUNS} passes over every name of the set)",
        cookies.len(),
        one_pass.0 * 1e6 / cookies.len() as f64
    );
    // The sibling pass runs once per load over every cookie: what it adds to the above.
    // Its first half (each cookie's role) runs on the reading threads beside classifying;
    // only the step over every store waits for the last store.
    let items: Vec<_> = cookies.iter().zip(&verdicts).collect();
    let lent = siblings::sibling_verdicts(&items).len();
    let whole = median_ms(&cookies[..1], |_| {
        black_box(siblings::sibling_verdicts(black_box(&items)));
    });
    let roles: Vec<_> = items.iter().map(|(c, v)| siblings::role(c, v)).collect();
    let step = median_ms(&cookies[..1], |_| {
        black_box(siblings::sibling_verdicts_by_role(
            |i| items[i],
            black_box(&roles),
        ));
    });
    println!(
        "heuristics_speed: sibling pass over the same {} verdicts: CPU {}, wall {:.1} ms, of \
         which the step after the last store CPU {}, wall {:.1} ms ({lent} weak guesses took \
         a sibling's category)",
        cookies.len(),
        cpu(whole.1),
        whole.0,
        cpu(step.1),
        step.0
    );
}

/// A cookie only the bundled Open Cookie Database names.
fn ocd_row() -> Row {
    Row {
        name: "sqzl_vw".into(),
        host: "www.example-shop.com".into(),
        flags: "S".into(),
        days: 365,
        shape: "none".into(),
        expected: Category::Marketing,
        role: String::new(),
        source: String::new(),
        site: String::new(),
        days_declared: true,
        flags_declared: true,
    }
}

/// Median wall time and mean CPU time in ms of `RUNS` single-threaded passes of `f` over
/// `cookies`. On a shared machine the wall time counts the time other processes held the
/// core; the CPU time (this thread's, where Linux reports it) is what the budget is about.
fn median_ms(cookies: &[Cookie], f: impl Fn(&Cookie)) -> (f64, Option<f64>) {
    let cpu_start = thread_cpu_ns();
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            cookies.iter().for_each(&f);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let cpu = cpu_start
        .zip(thread_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e6 / RUNS as f64);
    runs.sort_by(f64::total_cmp);
    (runs[RUNS / 2], cpu)
}

/// Nanoseconds this thread has run on a CPU (`/proc/thread-self/schedstat`, Linux only).
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Median and minimum ns per guess over `RUNS` runs of `passes` passes over `cookies`.
fn median_ns(cookies: &[Cookie], passes: usize) -> (f64, f64) {
    let mut per_cookie = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for _ in 0..passes {
            for c in cookies {
                black_box(heuristics::guess(black_box(c)));
            }
        }
        let guesses = (cookies.len() * passes) as f64;
        per_cookie.push(start.elapsed().as_nanos() as f64 / guesses);
    }
    per_cookie.sort_by(f64::total_cmp);
    (per_cookie[RUNS / 2], per_cookie[0])
}

/// Synthetic names in the shapes real jars hold; `{}` becomes a varying number or hex run.
const SYNTH_NAMES: &[&str] = &[
    "x_track",
    "_hjSessionUser_{}",
    "_hjSession_{}",
    "site{}_pref",
    "sess_{}",
    "XSRF-TOKEN",
    "__Host-sid",
    "__Secure-next-auth.session-token",
    "userLang",
    "_ga_{}",
    "AMP_{}",
    "wp_lang_{}",
    "visitor_id{}",
    "wordpress_logged_in_{}",
    "PHPSESSID",
    "JSESSIONID",
    "ASP.NET_SessionId",
    "__cf_bm",
    "cf_clearance",
    "AWSALBCORS",
    "ajs_anonymous_id",
    "mp_{}_mixpanel",
    "_fbp",
    "_gcl_au",
    "IDE",
    "test_cookie",
    "OptanonConsent",
    "CookieConsent",
    "euconsent-v2",
    "theme",
    "darkMode",
    "preferred_currency",
    "tz",
    "cartId{}",
    "recently_viewed",
    "author_pref",
    "pixel_ratio",
    "download_count",
    "album_view",
    "appVersion",
    "kampyleUserSession",
    "__insp_nv",
    "_pk_id.{}.abcd",
    "_pk_ses.{}.abcd",
    "Sessión_ü{}",
    "ÉtatPréférence",
    "ΣΊΣΥΦΟΣ_sid",
    "İstanbulLang",
    "ﬁle_token",
    "user id {}",
    "a:b:c",
    "ID",
    "{}",
    "x",
    "",
    "__secure-",
    "VeryLongCamelCaseCookieNameWithManyWordsAndDigits{}",
];

const SYNTH_HOSTS: &[&str] = &[
    "www.site{}.com",
    ".site{}.co.uk",
    "shop.example{}.fr",
    ".doubleclick.net",
    "stats.g.doubleclick.net",
    ".google-analytics.com",
    "ADS.Example{}.COM",
    ".Bat.Bing.COM",
    "api.hotjar.io",
    "localhost",
    "192.168.1.{}",
    "ﬁ.例え.jp",
];

const SHAPES: &[&str] = &[
    "none",
    "uuid",
    "hex",
    "b64",
    "ga",
    "gs",
    "fb",
    "tcf",
    "iab",
    "jwt",
    "num",
    "lit:en-US",
    "lit:pt_br",
    "lit:dark",
    "lit:EUR",
    "lit:Europe/Paris",
    "lit:true",
    "lit: \"GA1.2.33.44\" ",
    "lit:necessary%3Atrue",
    "lit:ab12cd",
    "lit:",
    "lit:%22",
    "lit:ünïcödé-valüe-1234567890",
    "bytes",
];

const FLAGS: &[&str] = &["", "H", "S", "SH", "SN", "SNH", "SNP", "L", "X", "HL", "P"];
const DAYS: &[i64] = &[0, 0, 1, 7, 30, 90, 180, 365, 400, 3650];

/// Every labelled row once, then synthetic rows, chosen by a fixed xorshift so every run
/// builds the same set.
fn bench_set(labelled: &[Row]) -> Vec<Row> {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let mut out: Vec<Row> = labelled
        .iter()
        .map(|r| Row {
            name: r.name.clone(),
            host: r.host.clone(),
            flags: r.flags.clone(),
            days: r.days,
            shape: r.shape.clone(),
            expected: r.expected,
            role: String::new(),
            source: String::new(),
            site: String::new(),
            days_declared: true,
            flags_declared: true,
        })
        .collect();
    while out.len() < COOKIES {
        let from_labelled = next(3) == 0;
        let name = if from_labelled {
            labelled[next(labelled.len())].name.clone()
        } else {
            fill(SYNTH_NAMES[next(SYNTH_NAMES.len())], next(100_000))
        };
        out.push(Row {
            name,
            host: fill(SYNTH_HOSTS[next(SYNTH_HOSTS.len())], next(1000)),
            flags: FLAGS[next(FLAGS.len())].to_string(),
            days: DAYS[next(DAYS.len())],
            shape: SHAPES[next(SHAPES.len())].to_string(),
            expected: Category::Unknown,
            role: String::new(),
            source: String::new(),
            site: String::new(),
            days_declared: true,
            flags_declared: true,
        });
    }
    out
}

fn fill(template: &str, n: usize) -> String {
    let filler = if n.is_multiple_of(2) {
        n.to_string()
    } else {
        format!("{n:x}")
    };
    template.replace("{}", &filler)
}

/// One line per verdict; the value itself is never written, only its shape label.
fn dump(path: &PathBuf, cookies: &[Cookie], labelled: &[Row]) {
    let mut out = String::new();
    let mut line = |set: &str, c: &Cookie| {
        let g = heuristics::guess(c);
        let verdict = g.map_or_else(
            || "none".to_string(),
            |g| {
                format!(
                    "{}\t{:?}\t{:?}\t{}",
                    g.rule, g.category, g.confidence, g.purpose
                )
            },
        );
        let _ = writeln!(out, "{set}\t{:?}\t{:?}\t{verdict}", c.name, c.host);
    };
    for c in cookies {
        line("bench", c);
    }
    for (with_value, set) in [(true, "labelled+value"), (false, "labelled")] {
        for r in labelled {
            line(set, &cookie(r, with_value));
        }
    }
    // The whole classifier's verdicts too, so a change to the order of steps can be
    // diffed the same way.
    let policies = Policies::builtin().unwrap();
    for c in cookies {
        let v = policies.classify(c);
        let _ = writeln!(
            out,
            "classify\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
            c.name, c.host, v.category, v.confidence, v.matched_by
        );
    }
    std::fs::write(path, out).unwrap();
    println!("heuristics_speed: verdicts written to {}", path.display());
}
