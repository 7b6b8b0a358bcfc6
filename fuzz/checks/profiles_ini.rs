//! Firefox `profiles.ini` and `installs.ini` through discovery (the INI parser is private
//! to it). The input is split at the first 0xFF byte into the two files. Any bytes:
//! discovery finishes, and the real profile folder is still found (by the ini or by the
//! fallback scan).

use std::path::PathBuf;
use std::sync::OnceLock;

use crumbs::store::discover::{Env, Os, discover};

fn home() -> &'static PathBuf {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = super::scratch("profiles_ini");
        let profile = home.join(".mozilla/firefox/abcd1234.default-release");
        std::fs::create_dir_all(&profile).unwrap();
        std::fs::copy(
            super::fixture(".mozilla/firefox/juvodf8i.default-esr/cookies.sqlite"),
            profile.join("cookies.sqlite"),
        )
        .unwrap();
        home
    })
}

pub fn check(data: &[u8]) {
    let (profiles, installs) = match data.iter().position(|&b| b == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let root = home().join(".mozilla/firefox");
    std::fs::write(root.join("profiles.ini"), profiles).unwrap();
    std::fs::write(root.join("installs.ini"), installs).unwrap();
    let env = Env {
        home: home().clone(),
        os: Os::Linux,
        ..Env::default()
    };
    let found = discover(&env);
    assert!(
        found
            .iter()
            .any(|s| s.path.ends_with("abcd1234.default-release/cookies.sqlite")),
        "profile lost: {found:?}"
    );
}
