//! `Local State` JSON, read twice by crumbs: for the Windows value key
//! (`os_crypt.encrypted_key`, base64, "DPAPI" prefix) and by discovery for profile names
//! (`profile.info_cache`). Any bytes: a key or a one-line error; discovery still finishes
//! and still finds the profile folder.

use std::path::PathBuf;
use std::sync::OnceLock;

use crumbs::store::discover::{Env, Os, discover};
use crumbs::store::read::chromium::keys::windows::{Dpapi, windows_master_key};

/// A DPAPI stand-in: "unprotects" by returning the blob itself.
struct Identity;

impl Dpapi for Identity {
    fn unprotect(&self, blob: &[u8]) -> Result<Vec<u8>, String> {
        Ok(blob.to_vec())
    }
}

fn home() -> &'static PathBuf {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = super::scratch("local_state");
        let profile = home.join(".config/chromium/Default");
        std::fs::create_dir_all(&profile).unwrap();
        std::fs::copy(
            super::fixture(".config/chromium/Default/Cookies"),
            profile.join("Cookies"),
        )
        .unwrap();
        home
    })
}

pub fn check(data: &[u8]) {
    if let Err(e) = windows_master_key(data, &Identity) {
        assert!(!e.contains('\n'), "multi-line error: {e}");
    }
    let home = home();
    std::fs::write(home.join(".config/chromium/Local State"), data).unwrap();
    let env = Env {
        home: home.clone(),
        os: Os::Linux,
        ..Env::default()
    };
    let found = discover(&env);
    assert!(
        found.iter().any(|s| s.path.ends_with("Default/Cookies")),
        "profile lost: {found:?}"
    );
}
