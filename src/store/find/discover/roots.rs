//! Candidate browser folders per OS (reference §1.1–1.3). Listing a root costs nothing;
//! each is probed later and missing ones yield no stores, so every known location is
//! listed on every run.

use std::path::{Path, PathBuf};

use super::{Env, Os, fsutil};
use crate::model::Browser;

/// What kind of folder a root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootKind {
    /// Holds `profiles.ini` and profile folders.
    Firefox,
    /// A Chromium user data dir: `Local State` plus `Default`, `Profile N`.
    Chromium,
    /// Opera: the user data dir is itself the main profile.
    Opera,
    /// A Safari `Cookies.binarycookies` file.
    SafariFile,
}

/// One candidate location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub browser: Browser,
    pub kind: RootKind,
    pub path: PathBuf,
}

/// Every candidate location for `env.os`, in a fixed order.
pub fn roots(env: &Env) -> Vec<Root> {
    let mut out = Roots(Vec::new());
    match env.os {
        Os::Linux => linux(env, &mut out),
        Os::MacOs => macos(env, &mut out),
        Os::Windows => windows(env, &mut out),
    }
    out.0
}

struct Roots(Vec<Root>);

impl Roots {
    fn add(&mut self, browser: Browser, kind: RootKind, path: PathBuf) {
        self.0.push(Root {
            browser,
            kind,
            path,
        });
    }
    fn ff(&mut self, browser: Browser, path: PathBuf) {
        self.add(browser, RootKind::Firefox, path);
    }
    fn cr(&mut self, browser: Browser, path: PathBuf) {
        self.add(browser, RootKind::Chromium, path);
    }
    fn opera(&mut self, path: PathBuf) {
        self.add(Browser::Opera, RootKind::Opera, path);
    }
}

fn linux(env: &Env, r: &mut Roots) {
    use Browser::*;
    let home = &env.home;
    let cfg = env.config_home();
    let var_app = home.join(".var").join("app");
    let snap = home.join("snap");
    for p in [
        home.join(".mozilla/firefox"),
        cfg.join("mozilla/firefox"),
        home.join(".mozilla/firefox-esr"),
        snap.join("firefox/common/.mozilla/firefox"),
        var_app.join("org.mozilla.firefox/.mozilla/firefox"),
        var_app.join("org.mozilla.firefox/config/mozilla/firefox"),
    ] {
        r.ff(Firefox, p);
    }
    for p in [
        home.join(".librewolf"),
        cfg.join("librewolf"),
        var_app.join("io.gitlab.librewolf-community/.librewolf"),
        snap.join("librewolf/common/.librewolf"),
    ] {
        r.ff(LibreWolf, p);
    }
    for p in [
        home.join(".zen"),
        cfg.join("zen"),
        var_app.join("app.zen_browser.zen/.zen"),
        var_app.join("io.github.zen_browser.zen/.zen"),
    ] {
        r.ff(Zen, p);
    }
    for p in [
        home.join(".waterfox"),
        cfg.join("waterfox"),
        var_app.join("net.waterfox.waterfox/.waterfox"),
        snap.join("waterfox/common/.waterfox"),
    ] {
        r.ff(Waterfox, p);
    }
    linux_chromium(env, &cfg, &var_app, &snap, r);
}

fn linux_chromium(env: &Env, cfg: &Path, var_app: &Path, snap: &Path, r: &mut Roots) {
    use Browser::*;
    // Chrome honours $CHROME_CONFIG_HOME first; both places are probed.
    let mut chrome_bases = vec![cfg.to_path_buf()];
    if let Some(c) = &env.chrome_config_home {
        chrome_bases.insert(0, c.clone());
    }
    for base in chrome_bases {
        for d in [
            "google-chrome",
            "google-chrome-beta",
            "google-chrome-unstable",
        ] {
            r.cr(Chrome, base.join(d));
        }
    }
    r.cr(
        Chrome,
        var_app.join("com.google.Chrome/config/google-chrome"),
    );
    r.cr(Chromium, cfg.join("chromium"));
    r.cr(Chromium, snap.join("chromium/common/chromium"));
    r.cr(
        Chromium,
        var_app.join("org.chromium.Chromium/config/chromium"),
    );
    linux_chromium_forks(cfg, var_app, snap, r);
}

fn linux_chromium_forks(cfg: &Path, var_app: &Path, snap: &Path, r: &mut Roots) {
    use Browser::*;
    for d in [
        "Brave-Browser",
        "Brave-Browser-Beta",
        "Brave-Browser-Nightly",
    ] {
        r.cr(Brave, cfg.join("BraveSoftware").join(d));
    }
    r.cr(
        Brave,
        var_app.join("com.brave.Browser/config/BraveSoftware/Brave-Browser"),
    );
    // Snap keeps one folder per revision (`~/snap/brave/123`); `current` is a symlink.
    for rev in fsutil::subdirs(&snap.join("brave")) {
        r.cr(Brave, rev.join(".config/BraveSoftware/Brave-Browser"));
    }
    for d in [
        "microsoft-edge",
        "microsoft-edge-beta",
        "microsoft-edge-dev",
    ] {
        r.cr(Edge, cfg.join(d));
    }
    r.cr(
        Edge,
        var_app.join("com.microsoft.Edge/config/microsoft-edge"),
    );
    r.cr(Vivaldi, cfg.join("vivaldi"));
    r.cr(Vivaldi, cfg.join("vivaldi-snapshot"));
    r.cr(Vivaldi, var_app.join("com.vivaldi.Vivaldi/config/vivaldi"));
    for d in ["opera", "opera-beta", "opera-developer"] {
        r.opera(cfg.join(d));
    }
    for rev in fsutil::subdirs(&snap.join("opera")) {
        r.opera(rev.join(".config/opera"));
    }
}

fn macos(env: &Env, r: &mut Roots) {
    use Browser::*;
    let sup = env.home.join("Library").join("Application Support");
    r.ff(Firefox, sup.join("Firefox"));
    r.ff(LibreWolf, sup.join("librewolf"));
    r.ff(Zen, sup.join("zen"));
    r.ff(Waterfox, sup.join("Waterfox"));
    for d in ["Chrome", "Chrome Beta", "Chrome Canary"] {
        r.cr(Chrome, sup.join("Google").join(d));
    }
    r.cr(Chromium, sup.join("Chromium"));
    for d in [
        "Brave-Browser",
        "Brave-Browser-Beta",
        "Brave-Browser-Nightly",
    ] {
        r.cr(Brave, sup.join("BraveSoftware").join(d));
    }
    for d in [
        "Microsoft Edge",
        "Microsoft Edge Beta",
        "Microsoft Edge Dev",
        "Microsoft Edge Canary",
    ] {
        r.cr(Edge, sup.join(d));
    }
    r.cr(Vivaldi, sup.join("Vivaldi"));
    for d in [
        "com.operasoftware.Opera",
        "com.operasoftware.OperaNext",
        "com.operasoftware.OperaDeveloper",
        "com.operasoftware.OperaGX",
    ] {
        r.opera(sup.join(d));
    }
    let lib = env.home.join("Library");
    r.add(
        Safari,
        RootKind::SafariFile,
        lib.join("Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies"),
    );
    r.add(
        Safari,
        RootKind::SafariFile,
        lib.join("Cookies").join("Cookies.binarycookies"),
    );
}

fn windows(env: &Env, r: &mut Roots) {
    use Browser::*;
    let roaming = env.appdata();
    let local = env.localappdata();
    r.ff(Firefox, roaming.join("Mozilla").join("Firefox"));
    r.ff(
        Firefox,
        local
            .join("Packages")
            .join("Mozilla.Firefox_n80bbvh6b1yt2")
            .join("LocalCache")
            .join("Roaming")
            .join("Mozilla")
            .join("Firefox"),
    );
    r.ff(LibreWolf, roaming.join("librewolf"));
    r.ff(Zen, roaming.join("zen"));
    r.ff(Waterfox, roaming.join("Waterfox"));
    let ud = |parts: &[&str]| {
        let mut p = local.clone();
        for part in parts {
            p.push(part);
        }
        p.join("User Data")
    };
    for d in ["Chrome", "Chrome Beta", "Chrome SxS"] {
        r.cr(Chrome, ud(&["Google", d]));
    }
    r.cr(Chromium, ud(&["Chromium"]));
    r.cr(Brave, ud(&["BraveSoftware", "Brave-Browser"]));
    for d in ["Edge", "Edge Beta", "Edge Dev", "Edge SxS"] {
        r.cr(Edge, ud(&["Microsoft", d]));
    }
    r.cr(Vivaldi, ud(&["Vivaldi"]));
    // Opera keeps its profile in Roaming, unlike every other Chromium browser.
    for d in ["Opera Stable", "Opera GX Stable"] {
        r.opera(roaming.join("Opera Software").join(d));
    }
}
