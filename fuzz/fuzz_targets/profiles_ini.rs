//! Fuzzes Firefox `profiles.ini` and `installs.ini` through discovery (the INI parser is
//! private to it). The input is split at the first 0xFF byte into the two files. Any
//! bytes: discovery finishes, and the real profile folder is still found (by the ini or
//! by the fallback scan).
#![no_main]

use std::sync::OnceLock;

use crumbs::store::discover::{Env, Os, discover};
use libfuzzer_sys::fuzz_target;

fn home() -> &'static std::path::PathBuf {
    static HOME: OnceLock<std::path::PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = scratch("profiles_ini");
        let profile = home
            .as_path()
            .join(".mozilla/firefox/abcd1234.default-release");
        std::fs::create_dir_all(&profile).unwrap();
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/real/home/.mozilla/firefox/juvodf8i.default-esr/cookies.sqlite"
            ),
            profile.join("cookies.sqlite"),
        )
        .unwrap();
        home
    })
}

/// A scratch folder under the fuzz crate's `target/` rather than a `TempDir` in `/tmp`:
/// libFuzzer exits without dropping statics, so a `TempDir` would be left on every run.
fn scratch(target: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/scratch")
        .join(format!("{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fuzz_target!(|data: &[u8]| {
    let (profiles, installs) = match data.iter().position(|&b| b == 0xff) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let root = home().as_path().join(".mozilla/firefox");
    std::fs::write(root.join("profiles.ini"), profiles).unwrap();
    std::fs::write(root.join("installs.ini"), installs).unwrap();
    let env = Env {
        home: home().as_path().to_path_buf(),
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
});
