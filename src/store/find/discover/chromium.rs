//! Profiles inside one Chromium-family user data dir: `Default`, `Profile N` and any
//! folder holding a cookie file, named from `Local State`. Opera's user data dir is itself
//! the main profile. A malformed `Local State` only loses the display names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Os, fsutil};
use crate::model::{Browser, StoreRef};

/// Internal profiles that never hold the user's browsing.
const SKIPPED: [&str; 2] = ["System Profile", "Guest Profile"];

/// Names and the last-used profile from `Local State`.
#[derive(Debug, Default)]
struct LocalState {
    names: HashMap<String, String>,
    last_used: Option<String>,
}

fn local_state(udd: &Path) -> LocalState {
    let Some(bytes) = fsutil::read_small(&udd.join("Local State")) else {
        return LocalState::default();
    };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return LocalState::default();
    };
    let names = json
        .pointer("/profile/info_cache")
        .and_then(|v| v.as_object())
        .map(|cache| {
            cache
                .iter()
                .filter_map(|(dir, info)| {
                    let name = info.get("name")?.as_str()?;
                    Some((dir.clone(), name.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    let last_used = json
        .pointer("/profile/last_used")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    LocalState { names, last_used }
}

/// The cookie file of a profile folder: `Network/Cookies` first on Windows (where
/// Chromium moved it), `Cookies` first elsewhere; both are probed everywhere.
pub fn cookie_file(profile: &Path, os: Os) -> Option<PathBuf> {
    let network = profile.join("Network").join("Cookies");
    let plain = profile.join("Cookies");
    let order = if os == Os::Windows {
        [network, plain]
    } else {
        [plain, network]
    };
    order.into_iter().find(|p| p.is_file())
}

/// Stores of every profile in `udd` whose cookie file exists.
pub fn profiles(browser: Browser, udd: &Path, os: Os, opera: bool) -> Vec<StoreRef> {
    if !udd.is_dir() {
        return Vec::new();
    }
    let state = local_state(udd);
    let default_dir = state.last_used.clone().unwrap_or_else(|| "Default".into());
    let mut out: Vec<StoreRef> = Vec::new();
    if opera && let Some(path) = cookie_file(udd, os) {
        out.push(StoreRef {
            browser,
            profile: fsutil::file_name(udd),
            profile_dir: udd.to_path_buf(),
            path,
            user_data_dir: Some(udd.to_path_buf()),
            is_default: true,
            is_demo: false,
        });
    }
    for dir in fsutil::subdirs(udd) {
        let folder = fsutil::file_name(&dir);
        if SKIPPED.contains(&folder.as_str()) {
            continue;
        }
        let Some(path) = cookie_file(&dir, os) else {
            continue;
        };
        out.push(StoreRef {
            browser,
            profile: state.names.get(&folder).cloned().unwrap_or(folder.clone()),
            // Opera's main profile is the user data dir itself, found above.
            is_default: folder == default_dir && !out.iter().any(|s| s.is_default),
            profile_dir: dir,
            path,
            user_data_dir: Some(udd.to_path_buf()),
            is_demo: false,
        });
    }
    out
}
