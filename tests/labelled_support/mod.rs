//! The hand-labelled cookie sets (`tests/fixtures/labelled/*.csv`) as rows and as cookies,
//! shared by the accuracy tests and the heuristics benchmark so both judge the same data.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod figures;

use std::path::PathBuf;
use std::sync::Arc;

use crumbs::model::{
    Browser, Category, Cookie, CookieValue, RowKey, SameSite, Secret, StoreRef, UnixMicros,
};

/// Every labelled cookie was "created" at this instant; `days` counts from it.
pub const CREATED: i64 = 1_790_000_000;

/// One labelled cookie: name, host, flags (`S` secure, `H` HttpOnly, `N`/`L`/`X`
/// SameSite none/lax/strict, `P` partitioned), lifetime in days (0 = session), value
/// shape, and the category a person gave it. Sets that record it also say whether the
/// cookie keeps a sign-in or a consent choice (`role`: `signin`, `consent`, or empty).
pub struct Row {
    pub name: String,
    pub host: String,
    pub flags: String,
    pub days: i64,
    pub shape: String,
    pub expected: Category,
    pub role: String,
    /// The public page the label comes from, in sets that record it.
    pub source: String,
    /// The site that declared the cookie, in sets of sites' own declarations (else empty).
    pub site: String,
    /// Whether the set knew the lifetime; a `?` is read as a year (see [`UNDECLARED_DAYS`]).
    pub days_declared: bool,
    /// Whether the set knew the flags; a `?` is read as none.
    pub flags_declared: bool,
}

/// Sites' declarations seldom give flags or values and sometimes no lifetime: `?` in those
/// columns. A cookie with no declared lifetime is taken to live a year, the commonest
/// declared lifetime; flags read as none and the value as not loaded.
pub const UNDECLARED_DAYS: i64 = 365;

/// Every labelled set under `tests/fixtures/labelled/`, for checks that must hold on all.
pub const ALL_SETS: [&str; 6] = [
    "cookies.csv",
    "fresh.csv",
    "heldout2.csv",
    "vendor_docs.csv",
    "longtail_dev.csv",
    "banners.csv",
];

/// The rows of one labelled set.
pub fn rows_from(file: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/labelled")
        .join(file);
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("row {i}: {e}"));
        let field = |n: usize| rec.get(n).unwrap_or_default().to_string();
        let undeclared = |n: usize, none: &str| match field(n) {
            f if f == "?" => none.to_string(),
            f => f,
        };
        let days_declared = field(3) != "?";
        let flags_declared = field(2) != "?";
        out.push(Row {
            name: field(0),
            host: field(1),
            flags: undeclared(2, "-"),
            days: match days_declared {
                true => field(3)
                    .parse()
                    .unwrap_or_else(|e| panic!("row {i}: days: {e}")),
                false => UNDECLARED_DAYS,
            },
            shape: undeclared(4, "none"),
            expected: Category::parse(&field(5)).unwrap_or_else(|| panic!("row {i}: category")),
            source: field(6),
            role: field(7),
            site: field(8),
            days_declared,
            flags_declared,
        });
    }
    out
}

/// A stand-in value of the given shape; `lit:` rows carry the literal (non-secret) text,
/// `bytes` is not UTF-8.
pub fn value_of(shape: &str) -> Option<Vec<u8>> {
    let v = match shape {
        "none" => return None,
        "bytes" => return Some(vec![0xff, 0xfe, b'a', b'1', 0x80, b'.', b'z']),
        "uuid" => "3f2b8c1e-9a4d-4e2b-8c7f-1a2b3c4d5e6f",
        "hex" => "9f86d081884c7d659a2feaa0c55ad015",
        "b64" => "AbC9dEf3GhI7jKl1MnO5pQr8StU2vWx4YzA6bC0d",
        "ga" => "GA1.2.1234567890.1700000000",
        "gs" => "GS1.1.1700000000.3.1.1700000100.0.0.0",
        "fb" => "fb.1.1700000000000.1234567890",
        "tcf" => "CQAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKl.YAAAAAAAAAA",
        "iab" => "isIABGlobal=false&datestamp=Sun+Nov+29+2026&groups=C0001%3A1",
        "jwt" => "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_X",
        "num" => "1700000000",
        other => other
            .strip_prefix("lit:")
            .unwrap_or_else(|| panic!("unknown value shape {other}")),
    };
    Some(v.as_bytes().to_vec())
}

/// The cookie a row describes, with its value when `with_value`.
pub fn cookie(row: &Row, with_value: bool) -> Cookie {
    let store = StoreRef {
        browser: Browser::Firefox,
        profile: "labelled".into(),
        profile_dir: PathBuf::from("/labelled"),
        path: PathBuf::from("/labelled/cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    };
    let value = match value_of(&row.shape).filter(|_| with_value) {
        Some(v) => CookieValue::Known(Secret::new(v)),
        None => CookieValue::NotLoaded,
    };
    let f = |c| row.flags.contains(c);
    let same_site = match () {
        _ if f('N') => SameSite::None,
        _ if f('X') => SameSite::Strict,
        _ if f('L') => SameSite::Lax,
        _ => SameSite::Unspecified,
    };
    Cookie {
        store: Arc::new(store),
        key: RowKey::FirefoxDb {
            id: 1,
            origin_attributes: String::new(),
            raw: None,
        },
        host: row.host.clone(),
        name: row.name.clone(),
        path: "/".into(),
        value,
        expires: (row.days > 0).then(|| UnixMicros::from_secs(CREATED + row.days * 86_400)),
        created: Some(UnixMicros::from_secs(CREATED)),
        last_accessed: None,
        secure: f('S'),
        http_only: f('H'),
        same_site,
        partition: f('P').then(|| "https://top.example".into()),
        container: None,
        site: Arc::from(crumbs::site::registrable_domain(&row.host)),
        in_session_file: false,
    }
}

/// The full classifier's verdict for every row, as crumbs gives them: each cookie on its
/// own, then the sibling pass over the whole set (rows on one site are one site's cookies).
pub fn verdicts(policies: &crumbs::policy::Policies, rows: &[Row]) -> Vec<crumbs::policy::Verdict> {
    let cookies: Vec<Cookie> = rows.iter().map(|r| cookie(r, true)).collect();
    let mut out: Vec<crumbs::policy::Verdict> =
        cookies.iter().map(|c| policies.classify(c)).collect();
    let items: Vec<(&Cookie, &crumbs::policy::Verdict)> = cookies.iter().zip(&out).collect();
    for (i, v) in crumbs::policy::siblings::sibling_verdicts(&items) {
        out[i] = v;
    }
    out
}
