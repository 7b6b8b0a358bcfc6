//! TUI filter benchmark (plain `std::time`, prints figures): 100,000 synthetic cookies,
//! the index build and first render, then per-keystroke filter + render, side by side
//! with a naive `to_lowercase().contains()` rescan, and peak RSS (VmHWM).
//!
//! Run: `cargo bench --bench tui_filter` (add `-- --quick` for 20,000 cookies).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crumbs::inventory::{Entry, Inventory, StoreStatus};
use crumbs::model::{
    Browser, Category, Cookie, CookieValue, Party, RowKey, SameSite, Secret, StoreRef, UnixMicros,
};
use crumbs::policy::party::PartyVerdict;
use crumbs::policy::{Confidence, RuleInfo, Verdict};
use crumbs::tui::action::{Action, Command};
use crumbs::tui::app::App;
use crumbs::tui::index::naive_filter;
use crumbs::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NAMES: [&str; 16] = [
    "_ga",
    "_gid",
    "sessionid",
    "csrftoken",
    "IDE",
    "NID",
    "fr",
    "_fbp",
    "cart",
    "lang",
    "__cf_bm",
    "PHPSESSID",
    "JSESSIONID",
    "consent",
    "_hjSessionUser",
    "tz",
];
const PROVIDERS: [&str; 6] = [
    "Google Analytics",
    "DoubleClick",
    "Facebook",
    "Cloudflare",
    "Opendatasoft",
    "Shopify",
];

/// A deterministic pseudo-random sequence (xorshift), so runs compare.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn synthetic(n: usize) -> Inventory {
    let now = UnixMicros::from_secs(1_795_914_454);
    let stores: Vec<Arc<StoreRef>> = [
        (Browser::Firefox, "default-release"),
        (Browser::Chrome, "Default"),
        (Browser::Brave, "Default"),
    ]
    .iter()
    .map(|(b, p)| {
        let dir = PathBuf::from(format!("/home/bench/{}/{p}", b.as_str()));
        Arc::new(StoreRef {
            browser: *b,
            profile: (*p).into(),
            path: dir.join("Cookies"),
            profile_dir: dir,
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        })
    })
    .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let entries = (0..n)
        .map(|i| {
            let r = rng.next();
            let site: Arc<str> = Arc::from(format!("site{}-example.com", r % 9_000));
            let host = if r.is_multiple_of(3) {
                format!(".{site}")
            } else {
                format!("www.{site}")
            };
            let name = format!(
                "{}{}",
                NAMES[(r >> 16) as usize % NAMES.len()],
                if r.is_multiple_of(5) {
                    format!("_{}", r % 977)
                } else {
                    String::new()
                }
            );
            let category = Category::ALL[(r >> 24) as usize % 5];
            let cookie = Cookie {
                store: stores[i % stores.len()].clone(),
                key: RowKey::FirefoxDb {
                    id: i as i64,
                    origin_attributes: String::new(),
                    raw: None,
                },
                host,
                name,
                path: "/".into(),
                value: CookieValue::Known(Secret::new(format!("{r:x}").into_bytes())),
                expires: Some(UnixMicros(now.0 + (r % 400) as i64 * 86_400_000_000)),
                created: Some(now),
                last_accessed: Some(UnixMicros(now.0 - (r % 1000) as i64 * 1_000_000)),
                secure: r.is_multiple_of(2),
                http_only: r.is_multiple_of(7),
                same_site: SameSite::Lax,
                partition: None,
                container: None,
                site,
                in_session_file: false,
            };
            let info = RuleInfo {
                provider: (!r.is_multiple_of(4))
                    .then(|| Arc::from(PROVIDERS[(r >> 32) as usize % PROVIDERS.len()])),
                ..RuleInfo::default()
            };
            let verdict = Verdict::new(category, Confidence::Low, info);
            let party = PartyVerdict {
                party: if r.is_multiple_of(2) {
                    Party::First
                } else {
                    Party::Third
                },
                reason: "".into(),
            };
            Entry {
                cookie,
                verdict,
                party,
            }
        })
        .collect();
    let stores = stores
        .into_iter()
        .map(|store| StoreStatus {
            store,
            cookies: n / 3,
            schema: None,
            error: None,
            notes: Vec::new(),
            running: None,
        })
        .collect();
    Inventory { stores, entries }
}

fn render(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| view::render(f, app)).ok();
}

fn vm_hwm_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n = if std::env::args().any(|a| a == "--quick") {
        20_000
    } else {
        100_000
    };
    let inv = synthetic(n);
    let mut term = Terminal::new(TestBackend::new(100, 30))
        .ok()
        .unwrap_or_else(|| std::process::exit(1));

    let t0 = Instant::now();
    let mut app = App::new(inv, UnixMicros::from_secs(1_795_914_454));
    let built = t0.elapsed();
    render(&mut term, &app);
    let first = t0.elapsed();
    println!("cookies: {n}");
    println!("index build + first view:      {:8.2} ms", ms(built));
    println!(
        "first screen (incl. render):   {:8.2} ms  (budget 500 ms)",
        ms(first)
    );

    // Several rounds: the machine may be shared, so medians say more than one run.
    const ROUNDS: usize = 5;
    let query = "sessionid";
    let (mut first_key, mut later_keys, mut with_render, mut naive) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        update::update(&mut app, Action::Run(Command::ClearFilter));
        update::update(&mut app, Action::Run(Command::StartFilter));
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            update::update(&mut app, Action::Type(c));
            let f = t.elapsed();
            render(&mut term, &app);
            with_render.push(t.elapsed());
            if typed.len() == 1 {
                first_key.push(f);
            } else {
                later_keys.push(f);
            }
            let t = Instant::now();
            let hits = black_box(naive_filter(&app.entries, &typed));
            naive.push(t.elapsed());
            assert_eq!(hits.len(), app.tab_counts[0], "filters agree on '{typed}'");
        }
    }
    let index: Vec<Duration> = first_key.iter().chain(&later_keys).copied().collect();
    let line = |label: &str, v: &[Duration]| {
        println!(
            "{label:<31}{:8.2} ms median, {:6.2} ms max",
            ms(median(v)),
            ms(v.iter().copied().max().unwrap_or_default())
        )
    };
    println!(
        "keystrokes measured:           {} ({ROUNDS} rounds of '{query}')",
        index.len()
    );
    line("first key (full scan):", &first_key);
    line("later keys (narrowing):", &later_keys);
    line("any key, filter + render:", &with_render);
    line("naive rescan per key:", &naive);
    println!(
        "naive / index (medians):       {:8.1}x",
        median(&naive).as_secs_f64() / median(&index).as_secs_f64().max(1e-9)
    );
    println!(
        "naive / index (full scans):    {:8.1}x",
        median(&naive).as_secs_f64() / median(&first_key).as_secs_f64().max(1e-9)
    );
    println!("matches for '{query}':          {}", app.visible.len());
    match vm_hwm_kib() {
        Some(kib) => println!(
            "peak RSS (VmHWM):              {:8.1} MiB",
            kib as f64 / 1024.0
        ),
        None => println!("peak RSS (VmHWM):              unavailable"),
    }
}
