//! Discovery and Safari parsing on large inputs: many profiles and a large cookie file
//! must be handled completely and quickly (figures are printed for the record).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::time::Instant;

use crumbs::store::discover::{Env, Os, discover};
use crumbs::store::safari::parse::parse;

fn touch(p: &Path) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, b"").unwrap();
}

#[test]
fn hundreds_of_profiles() {
    let home = tempfile::tempdir().unwrap();
    let ff = home.path().join(".mozilla/firefox");
    let mut ini = String::new();
    for i in 0..400 {
        touch(&ff.join(format!("p{i:03}.default/cookies.sqlite")));
        ini.push_str(&format!(
            "[Profile{i}]\nName=n{i:03}\nIsRelative=1\nPath=p{i:03}.default\n"
        ));
    }
    fs::write(ff.join("profiles.ini"), ini).unwrap();
    let udd = home.path().join(".config/chromium");
    for i in 1..=200 {
        touch(&udd.join(format!("Profile {i}/Cookies")));
    }
    let start = Instant::now();
    let stores = discover(&Env {
        home: home.path().to_path_buf(),
        os: Os::Linux,
        ..Env::default()
    });
    let took = start.elapsed();
    assert_eq!(stores.len(), 600);
    println!("discover: 600 profiles in {took:?}");
}

#[test]
fn large_safari_file() {
    let fixture = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/safari/Cookies.binarycookies"),
    )
    .unwrap();
    // Page 0 of the fixture, repeated: same records, many pages.
    let size0 = u32::from_be_bytes(fixture[8..12].try_into().unwrap()) as usize;
    let pages = u32::from_be_bytes(fixture[4..8].try_into().unwrap()) as usize;
    let start0 = 8 + 4 * pages;
    let page0 = &fixture[start0..start0 + size0];
    let n = 20_000usize;
    let mut f = b"cook".to_vec();
    f.extend((n as u32).to_be_bytes());
    for _ in 0..n {
        f.extend((size0 as u32).to_be_bytes());
    }
    for _ in 0..n {
        f.extend(page0);
    }
    let start = Instant::now();
    let recs = parse(&f).unwrap();
    let took = start.elapsed();
    assert_eq!(recs.len(), 2 * n);
    assert_eq!(recs.last().unwrap().page, n as u32 - 1);
    println!(
        "safari: {} records ({} KiB) in {took:?}",
        recs.len(),
        f.len() / 1024
    );
}
