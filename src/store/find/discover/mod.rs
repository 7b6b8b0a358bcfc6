//! Finds every profile of every supported browser under a home folder, for Linux, macOS
//! and Windows layouts alike. Path logic is plain code driven by [`Env`] (no `cfg`), so
//! every OS's layout is tested on any machine with a fake home tree.
//!
//! Discovery only looks: it reads `profiles.ini`, `installs.ini` and `Local State`, and
//! reads Firefox profile-group databases through a private snapshot. It never opens a
//! cookie database, never writes, and never follows a symlinked folder while scanning.

mod chromium;
mod firefox;
mod fsutil;
mod ini;
mod roots;

use std::collections::HashSet;
use std::path::PathBuf;

use crate::model::{Browser, StoreRef};

pub use roots::{Root, RootKind, roots};

/// Operating system whose folder layout discovery follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    /// The OS crumbs was built for (other Unix systems use the Linux layout).
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Linux
        }
    }
}

impl Default for Os {
    fn default() -> Os {
        Os::current()
    }
}

/// The environment discovery looks at; tests build one around a fake home tree.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub home: PathBuf,
    pub xdg_config_home: Option<PathBuf>,
    /// Which layout to follow; defaults to the running OS.
    pub os: Os,
    /// Windows `%APPDATA%` (Roaming); `None` means `<home>\AppData\Roaming`.
    pub appdata: Option<PathBuf>,
    /// Windows `%LOCALAPPDATA%`; `None` means `<home>\AppData\Local`.
    pub localappdata: Option<PathBuf>,
    /// Linux `$CHROME_CONFIG_HOME`, which Chrome prefers over `$XDG_CONFIG_HOME`.
    pub chrome_config_home: Option<PathBuf>,
}

impl Env {
    /// From `HOME`, `XDG_CONFIG_HOME`, `CHROME_CONFIG_HOME`, `APPDATA` and `LOCALAPPDATA`.
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Env {
            home: var("HOME").or_else(dirs::home_dir).unwrap_or_default(),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            os: Os::current(),
            appdata: var("APPDATA"),
            localappdata: var("LOCALAPPDATA"),
            chrome_config_home: var("CHROME_CONFIG_HOME"),
        }
    }

    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    pub fn config_home(&self) -> PathBuf {
        self.xdg_config_home
            .clone()
            .unwrap_or_else(|| self.home.join(".config"))
    }

    /// `%APPDATA%`, else `<home>\AppData\Roaming`.
    pub fn appdata(&self) -> PathBuf {
        self.appdata
            .clone()
            .unwrap_or_else(|| self.home.join("AppData").join("Roaming"))
    }

    /// `%LOCALAPPDATA%`, else `<home>\AppData\Local`.
    pub fn localappdata(&self) -> PathBuf {
        self.localappdata
            .clone()
            .unwrap_or_else(|| self.home.join("AppData").join("Local"))
    }
}

/// Every store found, in a stable order: browser, then the default profile first, then
/// profile name, then path. The same cookie file reached through two roots (a symlinked
/// XDG folder, say) is listed once.
pub fn discover(env: &Env) -> Vec<StoreRef> {
    let mut stores = Vec::new();
    for root in roots(env) {
        match root.kind {
            RootKind::Firefox => stores.extend(firefox::profiles(root.browser, &root.path)),
            RootKind::Chromium | RootKind::Opera => {
                let opera = root.kind == RootKind::Opera;
                stores.extend(chromium::profiles(root.browser, &root.path, env.os, opera));
            }
            RootKind::SafariFile => {
                // The sandboxed container file is listed first and is the live one.
                let first = !stores
                    .iter()
                    .any(|s: &StoreRef| s.browser == Browser::Safari);
                stores.extend(safari_store(&root.path, first));
            }
        }
    }
    let mut seen = HashSet::new();
    stores.retain(|s| seen.insert(fsutil::canonical(&s.path)));
    stores.sort_by(|a, b| {
        (a.browser, !a.is_default, a.profile.to_lowercase(), &a.path).cmp(&(
            b.browser,
            !b.is_default,
            b.profile.to_lowercase(),
            &b.path,
        ))
    });
    stores
}

fn safari_store(path: &std::path::Path, is_default: bool) -> Option<StoreRef> {
    if !path.is_file() {
        return None;
    }
    Some(StoreRef {
        browser: Browser::Safari,
        profile: if is_default {
            "Safari"
        } else {
            "Safari (legacy)"
        }
        .into(),
        profile_dir: path.parent()?.to_path_buf(),
        path: path.to_path_buf(),
        user_data_dir: None,
        is_default,
        is_demo: false,
    })
}
