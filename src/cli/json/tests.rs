//! The hand-written `list --json` output against the serde reference (`CookieJson`), on
//! hand-built rows covering every field shape and hostile text, and the fast sort against
//! the plain stable sort it replaced.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::model::{Browser, Category, Cookie, Party, RowKey, SameSite, Secret, StoreRef};
use crate::policy::party::PartyVerdict;
use crate::policy::{Confidence, MatchedBy, RuleInfo, Verdict};

const HOSTILE: &[&str] = &[
    "plain",
    "",
    "quo\"te\\back\\\"slash",
    "\u{0}\u{1}\u{7}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1b}[31m\u{1f}",
    "del\u{7f} c1\u{80}\u{85}\u{9b}\u{9f} nbsp\u{a0}",
    "bidi\u{202e}txt\u{202c}\u{2066}\u{2069}\u{200f}\u{2028}\u{2029}",
    "emoji 🍪👨‍👩‍👧🏳️‍🌈",
    "long-clean-run-of-ascii-text-that-spans-many-eight-byte-words-0123456789",
];

fn store(i: usize) -> Arc<StoreRef> {
    let raw: &[u8] = match i % 3 {
        0 => b"/home/u/.mozilla/firefox/x.default/cookies.sqlite",
        1 => b"/home/u/we\"ird\\dir\n\x1b/bad\xff\xfeutf8/Cookies",
        _ => "/home/ü/🍪/\u{202e}/Cookies".as_bytes(),
    };
    Arc::new(StoreRef {
        browser: [Browser::Firefox, Browser::Chromium, Browser::Safari][i % 3],
        profile: HOSTILE[i % HOSTILE.len()].into(),
        profile_dir: PathBuf::from("/p"),
        path: PathBuf::from(OsStr::from_bytes(raw)),
        user_data_dir: None,
        is_default: i.is_multiple_of(2),
        is_demo: false,
    })
}

fn value(i: usize) -> CookieValue {
    match i % 5 {
        0 => CookieValue::NotLoaded,
        1 => CookieValue::Encrypted {
            scheme: "v10".into(),
            reason: "no key".into(),
        },
        2 => CookieValue::Known(Secret::new(b"bad\xff\xc3( utf8 \x00\x7f".to_vec())),
        _ => CookieValue::Known(Secret::new(HOSTILE[i % HOSTILE.len()].as_bytes().to_vec())),
    }
}

/// Times over many days and times of day (so the day cache hits, misses and has slots
/// collide), before 1970, with sub-second parts, and outside years 0..=9999.
fn time(i: usize, k: usize) -> Option<UnixMicros> {
    let spread = (i as i64 * 7919 + k as i64 * 104_729) % (3_000 * 86_400);
    match (i / 3 + k) % 7 {
        0 => None,
        1 => Some(UnixMicros(0)),
        2 => Some(UnixMicros::from_secs(1_795_914_454 + spread)),
        3 => Some(UnixMicros::from_secs(-62_000_000_000)),
        4 => Some(UnixMicros(-(spread * 1_000_003))),
        5 => Some(UnixMicros(1_700_000_000_000_000 + spread * 999_999)),
        _ => Some(UnixMicros::from_secs(1_767_225_600_000)),
    }
}

fn matched_by(i: usize) -> MatchedBy {
    let a: Arc<str> = Arc::from(HOSTILE[i % HOSTILE.len()]);
    match i % 6 {
        0 => MatchedBy::SitePolicy {
            policy: a.clone(),
            rule: a,
        },
        1 => MatchedBy::ExactName {
            policy: a.clone(),
            rule: a,
        },
        2 => MatchedBy::Pattern {
            policy: a.clone(),
            rule: a,
        },
        3 => MatchedBy::HostOwner { owner: a },
        4 => MatchedBy::Heuristic { rule: a },
        _ => MatchedBy::Nothing,
    }
}

/// Every kind of row key, since each hashes into the id differently.
fn key(i: usize, text: String) -> RowKey {
    match i % 4 {
        0 => RowKey::FirefoxDb {
            id: i as i64,
            origin_attributes: text,
            raw: None,
        },
        1 => RowKey::FirefoxSession {
            file: PathBuf::from("/p/sessionstore.jsonlz4"),
            origin_attributes: text,
        },
        2 => RowKey::Chromium {
            rowid: i as i64,
            top_frame_site_key: text,
            has_cross_site_ancestor: (i % 3) as i64,
            source_scheme: 2,
            source_port: [443, -1, 8080][i % 3],
            raw: None,
        },
        _ => RowKey::Safari {
            page: i as u32,
            index: (i * 7) as u32,
        },
    }
}

/// Row `i` of a varied set: every enum value, `None` and `Some`, and hostile text in
/// every string field.
fn entry(i: usize, stores: &[Arc<StoreRef>]) -> Entry {
    let h = |k: usize| HOSTILE[(i + k) % HOSTILE.len()].to_string();
    let opt = |k: usize| (!(i + k).is_multiple_of(3)).then(|| h(k));
    Entry {
        cookie: Cookie {
            store: Arc::clone(&stores[i % stores.len()]),
            key: key(i, h(1)),
            host: h(2),
            name: h(3),
            path: h(4).into(),
            value: value(i),
            expires: time(i, 0),
            created: time(i, 1),
            last_accessed: time(i, 2),
            secure: i.is_multiple_of(2),
            http_only: i % 4 < 2,
            same_site: [SameSite::None, SameSite::Lax, SameSite::Strict][i % 3],
            partition: opt(5).map(Into::into),
            container: opt(6).map(Into::into),
            site: Arc::from(h(7)),
            in_session_file: false,
        },
        verdict: Verdict {
            consent_required: i % 7 < 3,
            ..Verdict::new(
                Category::ALL[i % Category::ALL.len()],
                [Confidence::Low, Confidence::Medium, Confidence::High][i % 3],
                RuleInfo {
                    provider: opt(8).map(Arc::from),
                    purpose: opt(9).map(Arc::from),
                    matched_by: matched_by(i),
                    ..RuleInfo::default()
                },
            )
        },
        party: PartyVerdict {
            party: [Party::First, Party::Third, Party::Unknown][i % 3],
            reason: "".into(),
        },
    }
}

fn entries(n: usize) -> Vec<Entry> {
    let stores: Vec<_> = (0..4).map(store).collect();
    (0..n).map(|i| entry(i, &stores)).collect()
}

/// What `list --json` printed before it was written by hand.
fn reference(rows: &[&Entry], now: UnixMicros, values: bool) -> Vec<u8> {
    let mut out = b"[".to_vec();
    for (i, e) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, &CookieJson::new(e, now, values)).unwrap();
    }
    out.extend_from_slice(b"\n]\n");
    out
}

fn ours(rows: &[&Entry], now: UnixMicros, values: bool) -> Vec<u8> {
    let mut out = Vec::new();
    write_cookies(&mut out, rows, now, values).unwrap();
    out
}

#[test]
fn output_equals_the_serde_reference() {
    let all = entries(10_000);
    let now = UnixMicros::from_secs(1_795_914_454);
    // Empty, one thread, and the parallel path (several chunks, a ragged last one).
    for n in [0, 1, 2, 37, 4095, 10_000] {
        let rows: Vec<&Entry> = all[..n].iter().collect();
        for values in [false, true] {
            let (want, got) = (reference(&rows, now, values), ours(&rows, now, values));
            if want != got {
                let at = want.iter().zip(&got).position(|(a, b)| a != b);
                let at = at.unwrap_or(want.len().min(got.len()));
                let lo = at.saturating_sub(80);
                panic!(
                    "{n} rows, values {values}: differs at byte {at}:\n want {}\n got  {}",
                    String::from_utf8_lossy(&want[lo..(at + 80).min(want.len())]),
                    String::from_utf8_lossy(&got[lo..(at + 80).min(got.len())]),
                );
            }
            let parsed: serde_json::Value = serde_json::from_slice(&got).unwrap();
            assert_eq!(parsed.as_array().unwrap().len(), n);
        }
    }
}

#[test]
fn values_appear_only_when_asked() {
    let all = entries(10);
    let rows: Vec<&Entry> = all.iter().collect();
    let now = UnixMicros(0);
    let without: serde_json::Value = serde_json::from_slice(&ours(&rows, now, false)).unwrap();
    let with: serde_json::Value = serde_json::from_slice(&ours(&rows, now, true)).unwrap();
    for (i, (a, b)) in without
        .as_array()
        .unwrap()
        .iter()
        .zip(with.as_array().unwrap())
        .enumerate()
    {
        assert!(
            a.get("value").is_none(),
            "row {i} has a value without values"
        );
        let v = b.get("value").expect("value key with values");
        assert_eq!(v.is_null(), i % 5 < 2, "row {i}: {v}");
    }
}

#[test]
fn fast_sort_keeps_the_stable_order() {
    // Few distinct keys so ties are common; strings sharing a prefix, longer than a key.
    let stores: Vec<_> = (0..2).map(store).collect();
    let shared: Vec<Arc<str>> = ["site.test", "a", "a-long-site-name.example"]
        .map(Arc::from)
        .to_vec();
    let sites = [
        "site.test",
        "site.tesu",
        "site.test.x",
        "a",
        "",
        "site.te\0",
        "a-long-site-name.example",
        "a-long-site-name.example2",
    ];
    let hosts = [
        ".site.test",
        "www.site.test",
        ".site.test\0",
        "a",
        "www.a-long-site-name.example",
        "www.a-long-site-name.example2",
    ];
    let names = ["a", "b", "", "a\0", "abcdefgh_x", "abcdefgh_y", "abcdefg"];
    let mut all = Vec::new();
    for i in 0..20_000usize {
        let mut e = entry(i, &stores);
        let r = i.wrapping_mul(2_654_435_761) >> 7;
        let site = sites[r % sites.len()];
        // Some rows share one interned site string, as the stores' readers do.
        e.cookie.site = match shared.iter().find(|s| &***s == site) {
            Some(s) if i % 2 == 0 => Arc::clone(s),
            _ => Arc::from(site),
        };
        e.cookie.host = hosts[(r / 7) % hosts.len()].into();
        e.cookie.name = names[(r / 31) % names.len()].into();
        all.push(e);
    }
    for n in [0, 1, 100, 8191, 8192, 20_000] {
        let mut want: Vec<&Entry> = all[..n].iter().collect();
        want.sort_by(|x, y| {
            (&*x.cookie.site, &x.cookie.host, &x.cookie.name).cmp(&(
                &*y.cookie.site,
                &y.cookie.host,
                &y.cookie.name,
            ))
        });
        let mut got: Vec<&Entry> = all[..n].iter().collect();
        crate::cli::list::sort::by_site_host_name(&mut got);
        assert!(
            want.iter().zip(&got).all(|(a, b)| std::ptr::eq(*a, *b)),
            "{n} rows: order differs"
        );
        assert_eq!(want.len(), got.len());
    }
}
