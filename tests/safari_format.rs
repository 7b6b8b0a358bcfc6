//! Safari `Cookies.binarycookies`: a writer built from the published format (reference
//! §5) produces files whose every field must come back through `crumbs::store::safari`,
//! and damaged or hostile files must give one-line errors, never a panic.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crumbs::model::{Browser, CookieValue, RowKey, StoreRef};
use crumbs::store::safari::{self, ParseError, parse::parse};

const MAC_EPOCH: f64 = 978_307_200.0;

#[derive(Clone)]
struct W {
    flags: u32,
    domain: &'static str,
    name: &'static str,
    path: &'static str,
    value: &'static [u8],
    comment: Option<&'static str>,
    comment_url: Option<&'static str>,
    port: Option<u16>,
    expires_unix: f64,
    created_unix: f64,
}

fn w(domain: &'static str, name: &'static str, value: &'static [u8]) -> W {
    W {
        flags: 0,
        domain,
        name,
        path: "/",
        value,
        comment: None,
        comment_url: None,
        port: None,
        expires_unix: 1_900_000_000.5,
        created_unix: 1_700_000_000.25,
    }
}

fn record(c: &W) -> Vec<u8> {
    let head = if c.port.is_some() { 60 } else { 56 };
    let mut strings = Vec::new();
    let mut put = |s: &[u8]| {
        let off = head + strings.len();
        strings.extend_from_slice(s);
        strings.push(0);
        off as u32
    };
    let comment = c.comment.map(|s| put(s.as_bytes())).unwrap_or(0);
    let comment_url = c.comment_url.map(|s| put(s.as_bytes())).unwrap_or(0);
    let domain = put(c.domain.as_bytes());
    let name = put(c.name.as_bytes());
    let path = put(c.path.as_bytes());
    let value = put(c.value);
    let size = (head + strings.len()) as u32;
    let mut r = Vec::new();
    for v in [
        size,
        1,
        c.flags,
        u32::from(c.port.is_some()),
        domain,
        name,
        path,
        value,
        comment,
        comment_url,
    ] {
        r.extend(v.to_le_bytes());
    }
    r.extend((c.expires_unix - MAC_EPOCH).to_le_bytes());
    r.extend((c.created_unix - MAC_EPOCH).to_le_bytes());
    if let Some(p) = c.port {
        r.extend(p.to_le_bytes());
        r.extend([0, 0]);
    }
    r.extend(strings);
    assert_eq!(r.len() as u32, size);
    r
}

fn page(cookies: &[W]) -> Vec<u8> {
    let recs: Vec<Vec<u8>> = cookies.iter().map(record).collect();
    let mut p = vec![0, 0, 1, 0];
    p.extend((recs.len() as u32).to_le_bytes());
    let mut off = 8 + 4 * recs.len() + 4;
    for r in &recs {
        p.extend((off as u32).to_le_bytes());
        off += r.len();
    }
    p.extend([0, 0, 0, 0]);
    for r in recs {
        p.extend(r);
    }
    p
}

/// A whole file: header, pages, checksum, footer and a tiny plist, as Safari writes it.
fn file(pages: &[Vec<W>]) -> Vec<u8> {
    let built: Vec<Vec<u8>> = pages.iter().map(|p| page(p)).collect();
    let mut f = b"cook".to_vec();
    f.extend((built.len() as u32).to_be_bytes());
    for p in &built {
        f.extend((p.len() as u32).to_be_bytes());
    }
    let mut checksum = 0u32;
    for p in &built {
        checksum += p.iter().step_by(4).map(|&b| u32::from(b)).sum::<u32>();
        f.extend(p);
    }
    f.extend(checksum.to_be_bytes());
    f.extend(0x0717_2005_0000_004B_u64.to_be_bytes());
    f.extend(b"bplist00\xd1\x01\x02");
    f
}

fn sample() -> Vec<Vec<W>> {
    let mut secure = w(".example.com", "sid", b"s3cret-value");
    secure.flags = 1 | 4;
    secure.path = "/account";
    let mut ported = w("localhost", "dev", b"1");
    ported.port = Some(8443);
    ported.flags = 1;
    let mut commented = w(".news.example.co.uk", "pref", b"dark");
    commented.comment = Some("theme choice");
    commented.comment_url = Some("https://news.example.co.uk/cookies");
    let mut expired = w("www.shop.test", "cart", "caf\u{e9}".as_bytes());
    expired.expires_unix = 1_000_000_000.0;
    let mut odd = w(".tracker.test", "uid\u{2603}", b"\xff\xfebin");
    odd.flags = 4 | 8;
    vec![vec![secure, ported], vec![commented], vec![expired, odd]]
}

fn store(path: &Path) -> Arc<StoreRef> {
    Arc::new(StoreRef {
        browser: Browser::Safari,
        profile: "Safari".into(),
        profile_dir: path.parent().unwrap().to_path_buf(),
        path: path.to_path_buf(),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    })
}

#[test]
fn every_field_round_trips() {
    let pages = sample();
    let recs = parse(&file(&pages)).unwrap();
    let flat: Vec<(u32, u32, &W)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, cs)| {
            cs.iter()
                .enumerate()
                .map(move |(i, c)| (p as u32, i as u32, c))
        })
        .collect();
    assert_eq!(recs.len(), flat.len());
    for (r, (p, i, c)) in recs.iter().zip(flat) {
        assert_eq!((r.page, r.index), (p, i));
        assert_eq!(r.version, 1);
        assert_eq!(r.flags, c.flags);
        assert_eq!(r.domain, c.domain);
        assert_eq!(r.name, c.name);
        assert_eq!(r.path, c.path);
        assert_eq!(r.value, c.value);
        assert_eq!(r.comment.as_deref(), c.comment);
        assert_eq!(r.comment_url.as_deref(), c.comment_url);
        assert_eq!(r.port, c.port);
        assert_eq!(r.expires, c.expires_unix);
        assert_eq!(r.created, c.created_unix);
        assert_eq!(r.secure(), c.flags & 1 != 0);
        assert_eq!(r.http_only(), c.flags & 4 != 0);
    }
}

#[test]
fn reader_builds_cookies_with_sites_times_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cookies.binarycookies");
    std::fs::write(&path, file(&sample())).unwrap();
    let read = safari::read(&store(&path)).unwrap();
    assert_eq!(read.schema, "binarycookies");
    assert_eq!(read.cookies.len(), 5);
    let sid = &read.cookies[0];
    assert_eq!(sid.host, ".example.com");
    assert_eq!(&*sid.site, "example.com");
    assert!(sid.secure && sid.http_only);
    assert_eq!(sid.expires.unwrap().0, 1_900_000_000_500_000);
    assert_eq!(sid.created.unwrap().0, 1_700_000_000_250_000);
    assert_eq!(
        sid.value,
        CookieValue::Known(crumbs::model::Secret::new(b"s3cret-value".to_vec()))
    );
    assert_eq!(read.cookies[2].key, RowKey::Safari { page: 1, index: 0 });
    assert_eq!(&*read.cookies[2].site, "example.co.uk");
    let cart = &read.cookies[3];
    assert!(
        cart.is_expired(crumbs::model::UnixMicros::now()),
        "expired cookies are listed"
    );
    assert_eq!(cart.value.secret().unwrap().expose_str(), "caf\u{e9}");
    assert_eq!(read.cookies[4].name, "uid\u{2603}");
    assert!(!read.cookies[4].secure && read.cookies[4].http_only);
    // Values never reach Debug output.
    assert!(!format!("{:?}", read.cookies).contains("s3cret"));
    assert!(!format!("{:?}", parse(&file(&sample())).unwrap()).contains("s3cret"));
}

#[test]
fn empty_and_foreign_files_are_not_stores() {
    assert!(matches!(parse(b""), Err(ParseError::NotCookies(_))));
    assert!(matches!(
        parse(b"SQLite format 3\0"),
        Err(ParseError::NotCookies(_))
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cookies.binarycookies");
    std::fs::write(&path, b"").unwrap();
    let err = safari::read(&store(&path)).unwrap_err().to_string();
    assert!(
        err.contains("Cookies.binarycookies") && err.contains("empty"),
        "{err}"
    );
    assert!(!err.contains('\n'));
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    let full = file(&sample());
    let pages_end = full.len() - 4 - 8 - 11;
    for cut in 1..pages_end {
        let err = parse(&full[..cut]).unwrap_err();
        assert!(
            matches!(err, ParseError::Damaged(_) | ParseError::NotCookies(_)),
            "{cut}"
        );
    }
    // The trailer (checksum, footer, plist) is not needed to read cookies.
    assert_eq!(parse(&full[..pages_end]).unwrap().len(), 5);
}

#[test]
fn hostile_sizes_and_offsets_are_refused() {
    let good = file(&sample());
    // A page count in the billions must not allocate or loop.
    let mut f = good.clone();
    f[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    // A page size past the end.
    let mut f = good.clone();
    f[8..12].copy_from_slice(&0x7fff_ffff_u32.to_be_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    let page0 = 8 + 4 * 3;
    // A record count that does not fit the page.
    let mut f = good.clone();
    f[page0 + 4..page0 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    // A record offset past the page, then a record size past the page.
    let mut f = good.clone();
    f[page0 + 8..page0 + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    let rec0 = page0 + 8 + 4 * 2 + 4;
    let mut f = good.clone();
    f[rec0..rec0 + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    // A string offset outside the record, and one pointing into the fixed head.
    for (field, bad) in [(16, u32::MAX), (20, 4000), (24, 3), (28, 10_000)] {
        let mut f = good.clone();
        f[rec0 + field..rec0 + field + 4].copy_from_slice(&bad.to_le_bytes());
        let err = parse(&f).unwrap_err();
        assert!(
            matches!(err, ParseError::Damaged(ref m) if m.contains("offset")),
            "{err:?}"
        );
    }
    // A NaN expiry.
    let mut f = good.clone();
    f[rec0 + 40..rec0 + 48].copy_from_slice(&f64::NAN.to_le_bytes());
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
    // A bad page header.
    let mut f = good;
    f[page0 + 2] = 9;
    assert!(matches!(parse(&f), Err(ParseError::Damaged(_))));
}

#[test]
fn random_bytes_never_panic() {
    // xorshift, so the run is reproducible.
    let mut s = 0x9e37_79b9_7f4a_7c15_u64;
    let good = file(&sample());
    for round in 0..3000 {
        let mut f = if round % 2 == 0 {
            good.clone()
        } else {
            b"cook".to_vec()
        };
        let extra = (round % 300) + 1;
        for _ in 0..extra {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            if round % 2 == 0 {
                let i = (s as usize) % f.len();
                f[i] = (s >> 32) as u8;
            } else {
                f.push((s >> 24) as u8);
            }
        }
        let _ = parse(&f);
    }
}

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safari/Cookies.binarycookies")
}

/// The committed sample is exactly what the writer builds; set CRUMBS_REGEN_FIXTURES=1 to
/// rewrite it after changing `sample()`.
#[test]
fn committed_fixture_matches_the_writer() {
    let built = file(&sample());
    if std::env::var_os("CRUMBS_REGEN_FIXTURES").is_some() {
        std::fs::write(fixture_path(), &built).unwrap();
    }
    let on_disk = std::fs::read(fixture_path()).unwrap();
    assert_eq!(on_disk, built);
    let read = safari::read(&store(&fixture_path())).unwrap();
    assert_eq!(read.cookies.len(), 5);
}
