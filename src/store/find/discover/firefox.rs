//! Profiles inside one Firefox-family root: the union of `profiles.ini`, `installs.ini`,
//! `Profile Groups/*.sqlite` and a scan for `cookies.sqlite`, de-duplicated by canonical
//! folder. A malformed file only loses its own entries; the scan still finds profiles.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{fsutil, ini};
use crate::model::{Browser, StoreRef};
use crate::store::snapshot::Snapshot;

const COOKIES: &str = "cookies.sqlite";

/// A profile folder and what the config files say about it.
#[derive(Debug, Clone)]
struct Found {
    dir: PathBuf,
    name: Option<String>,
    legacy_default: bool,
}

/// Stores of every profile under `root` whose `cookies.sqlite` exists.
pub fn profiles(browser: Browser, root: &Path) -> Vec<StoreRef> {
    if !root.is_dir() {
        return Vec::new();
    }
    let (mut found, mut install_defaults) = from_profiles_ini(root);
    install_defaults.extend(from_installs_ini(root));
    found.extend(from_profile_groups(root));
    found.extend(scan(root));

    let installs: HashSet<PathBuf> = install_defaults
        .iter()
        .map(|p| fsutil::canonical(p))
        .collect();
    let mut seen = HashSet::new();
    let mut stores: Vec<StoreRef> = Vec::new();
    let mut legacy: Vec<bool> = Vec::new();
    for f in found {
        let cookies = f.dir.join(COOKIES);
        if !cookies.is_file() || !seen.insert(fsutil::canonical(&f.dir)) {
            continue;
        }
        legacy.push(f.legacy_default);
        stores.push(StoreRef {
            browser,
            profile: f.name.unwrap_or_else(|| fsutil::file_name(&f.dir)),
            is_default: installs.contains(&fsutil::canonical(&f.dir)),
            profile_dir: f.dir,
            path: cookies,
            user_data_dir: None,
            is_demo: false,
        });
    }
    if installs.is_empty() {
        pick_legacy_default(&mut stores, &legacy);
    }
    stores
}

/// Without any `[Install…] Default=` (which always wins, even when it names a profile with
/// no cookies yet): the `Default=1` profile, else a lone profile.
fn pick_legacy_default(stores: &mut [StoreRef], legacy: &[bool]) {
    for (s, &l) in stores.iter_mut().zip(legacy) {
        s.is_default = l;
    }
    if let [only] = stores {
        only.is_default = true;
    }
}

fn resolve(root: &Path, path: &str, relative: bool) -> PathBuf {
    if !relative {
        return PathBuf::from(path);
    }
    // Firefox writes relative paths with `/` on every OS.
    path.split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .fold(root.to_path_buf(), |acc, part| acc.join(part))
}

fn from_profiles_ini(root: &Path) -> (Vec<Found>, Vec<PathBuf>) {
    let Some(sections) =
        fsutil::read_small(&root.join("profiles.ini")).and_then(|b| ini::parse(&b))
    else {
        return (Vec::new(), Vec::new());
    };
    let mut found = Vec::new();
    let mut installs = Vec::new();
    for s in &sections {
        if s.name.starts_with("Install") {
            installs.extend(s.get("Default").map(|d| install_path(root, d)));
        } else if s.name.starts_with("Profile") {
            let Some(path) = s.get("Path") else { continue };
            let relative = s.get("IsRelative").is_none_or(|v| v != "0");
            found.push(Found {
                dir: resolve(root, path, relative),
                name: s.get("Name").map(str::to_string),
                legacy_default: s.get("Default") == Some("1"),
            });
        }
    }
    (found, installs)
}

/// Install sections store the profile path relative to the root unless it is absolute.
fn install_path(root: &Path, d: &str) -> PathBuf {
    resolve(root, d, !Path::new(d).is_absolute())
}

fn from_installs_ini(root: &Path) -> Vec<PathBuf> {
    let Some(sections) =
        fsutil::read_small(&root.join("installs.ini")).and_then(|b| ini::parse(&b))
    else {
        return Vec::new();
    };
    sections
        .iter()
        .filter_map(|s| s.get("Default"))
        .map(|d| install_path(root, d))
        .collect()
}

/// Firefox 138+ profile groups: `Profiles(path, name)` in each `Profile Groups/*.sqlite`,
/// read from a snapshot so the live database is never opened.
fn from_profile_groups(root: &Path) -> Vec<Found> {
    let mut out = Vec::new();
    for db in fsutil::files_with_suffix(&root.join("Profile Groups"), ".sqlite") {
        out.extend(group_rows(&db).into_iter().map(|(path, name)| Found {
            dir: resolve(root, &path, !Path::new(&path).is_absolute()),
            name,
            legacy_default: false,
        }));
    }
    out
}

fn group_rows(db: &Path) -> Vec<(String, Option<String>)> {
    let Ok(snap) = Snapshot::take(db) else {
        return Vec::new();
    };
    let Ok(conn) = snap.open() else {
        return Vec::new();
    };
    let Ok(mut stmt) = conn.prepare("SELECT path, name FROM Profiles ORDER BY id") else {
        return Vec::new();
    };
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    });
    match rows {
        Ok(rows) => rows.filter_map(|r| r.ok()).collect(),
        Err(_) => Vec::new(),
    }
}

/// `<root>/*/cookies.sqlite` and `<root>/Profiles/*/cookies.sqlite` (macOS, Windows and
/// profile groups use `Profiles/`). Fixed depth, symlinked folders skipped.
fn scan(root: &Path) -> Vec<Found> {
    let mut dirs = fsutil::subdirs(root);
    dirs.extend(fsutil::subdirs(&root.join("Profiles")));
    dirs.into_iter()
        .filter(|d| d.join(COOKIES).is_file())
        .map(|dir| Found {
            dir,
            name: None,
            legacy_default: false,
        })
        .collect()
}
