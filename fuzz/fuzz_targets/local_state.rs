//! Fuzzes `Local State` JSON, read twice by crumbs: for the Windows value key
//! (`os_crypt.encrypted_key`, base64, "DPAPI" prefix) and by discovery for profile names
//! (`profile.info_cache`). Any bytes: a key or a one-line error; discovery still finishes
//! and still finds the profile folder.
#![no_main]

use std::sync::OnceLock;

use crumbs::store::discover::{Env, Os, discover};
use crumbs::store::read::chromium::keys::windows::{Dpapi, windows_master_key};
use libfuzzer_sys::fuzz_target;

/// A DPAPI stand-in: "unprotects" by returning the blob itself.
struct Identity;

impl Dpapi for Identity {
    fn unprotect(&self, blob: &[u8]) -> Result<Vec<u8>, String> {
        Ok(blob.to_vec())
    }
}

fn home() -> &'static std::path::PathBuf {
    static HOME: OnceLock<std::path::PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = scratch("local_state");
        let profile = home.as_path().join(".config/chromium/Default");
        std::fs::create_dir_all(&profile).unwrap();
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/real/home/.config/chromium/Default/Cookies"
            ),
            profile.join("Cookies"),
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
    if let Err(e) = windows_master_key(data, &Identity) {
        assert!(!e.contains('\n'), "multi-line error: {e}");
    }
    let home = home();
    std::fs::write(home.as_path().join(".config/chromium/Local State"), data).unwrap();
    let env = Env {
        home: home.as_path().to_path_buf(),
        os: Os::Linux,
        ..Env::default()
    };
    let found = discover(&env);
    assert!(
        found.iter().any(|s| s.path.ends_with("Default/Cookies")),
        "profile lost: {found:?}"
    );
});
