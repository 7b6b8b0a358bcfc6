//! Candidate browser folders per OS (reference §1.1–1.3). Listing a root costs nothing;
//! each is probed later and missing ones yield no stores, so every known location is
//! listed on every run.

use std::path::PathBuf;

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

/// Where a Linux root's relative path starts.
#[derive(Debug, Clone, Copy)]
enum Base {
    Home,
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    Config,
    /// `~/.var/app`: Flatpak keeps each app's home under its id.
    Flatpak,
    /// `~/snap`.
    Snap,
    /// `~/snap/NAME/<revision>/...`: snap keeps one folder per revision (`current` is a
    /// symlink among them), so each is a root.
    SnapRevisions(&'static str),
    /// Chrome's config folder: `$CHROME_CONFIG_HOME` first when set, then the XDG one.
    ChromeConfig,
}

/// Every Linux location, one row each: native, Flatpak and snap installs side by side.
const LINUX: &[(Browser, RootKind, Base, &str)] = {
    use Base::*;
    use Browser::*;
    use RootKind::{Chromium as Cr, Firefox as Ff, Opera as Op};
    &[
        (Firefox, Ff, Home, ".mozilla/firefox"),
        (Firefox, Ff, Config, "mozilla/firefox"),
        (Firefox, Ff, Home, ".mozilla/firefox-esr"),
        (Firefox, Ff, Snap, "firefox/common/.mozilla/firefox"),
        (Firefox, Ff, Flatpak, "org.mozilla.firefox/.mozilla/firefox"),
        (
            Firefox,
            Ff,
            Flatpak,
            "org.mozilla.firefox/config/mozilla/firefox",
        ),
        (LibreWolf, Ff, Home, ".librewolf"),
        (LibreWolf, Ff, Config, "librewolf"),
        (
            LibreWolf,
            Ff,
            Flatpak,
            "io.gitlab.librewolf-community/.librewolf",
        ),
        (LibreWolf, Ff, Snap, "librewolf/common/.librewolf"),
        (Zen, Ff, Home, ".zen"),
        (Zen, Ff, Config, "zen"),
        (Zen, Ff, Flatpak, "app.zen_browser.zen/.zen"),
        (Zen, Ff, Flatpak, "io.github.zen_browser.zen/.zen"),
        (Waterfox, Ff, Home, ".waterfox"),
        (Waterfox, Ff, Config, "waterfox"),
        (Waterfox, Ff, Flatpak, "net.waterfox.waterfox/.waterfox"),
        (Waterfox, Ff, Snap, "waterfox/common/.waterfox"),
        (Chrome, Cr, ChromeConfig, "google-chrome"),
        (Chrome, Cr, ChromeConfig, "google-chrome-beta"),
        (Chrome, Cr, ChromeConfig, "google-chrome-unstable"),
        (
            Chrome,
            Cr,
            Flatpak,
            "com.google.Chrome/config/google-chrome",
        ),
        (Chromium, Cr, Config, "chromium"),
        (Chromium, Cr, Snap, "chromium/common/chromium"),
        (
            Chromium,
            Cr,
            Flatpak,
            "org.chromium.Chromium/config/chromium",
        ),
        (Brave, Cr, Config, "BraveSoftware/Brave-Browser"),
        (Brave, Cr, Config, "BraveSoftware/Brave-Browser-Beta"),
        (Brave, Cr, Config, "BraveSoftware/Brave-Browser-Nightly"),
        (
            Brave,
            Cr,
            Flatpak,
            "com.brave.Browser/config/BraveSoftware/Brave-Browser",
        ),
        (
            Brave,
            Cr,
            SnapRevisions("brave"),
            ".config/BraveSoftware/Brave-Browser",
        ),
        (Edge, Cr, Config, "microsoft-edge"),
        (Edge, Cr, Config, "microsoft-edge-beta"),
        (Edge, Cr, Config, "microsoft-edge-dev"),
        (
            Edge,
            Cr,
            Flatpak,
            "com.microsoft.Edge/config/microsoft-edge",
        ),
        (Vivaldi, Cr, Config, "vivaldi"),
        (Vivaldi, Cr, Config, "vivaldi-snapshot"),
        (Vivaldi, Cr, Flatpak, "com.vivaldi.Vivaldi/config/vivaldi"),
        (Opera, Op, Config, "opera"),
        (Opera, Op, Config, "opera-beta"),
        (Opera, Op, Config, "opera-developer"),
        (Opera, Op, SnapRevisions("opera"), ".config/opera"),
    ]
};

fn linux(env: &Env, r: &mut Roots) {
    let home = &env.home;
    let cfg = env.config_home();
    let snap = home.join("snap");
    for &(browser, kind, base, rel) in LINUX {
        let bases = match base {
            Base::Home => vec![home.clone()],
            Base::Config => vec![cfg.clone()],
            Base::Flatpak => vec![home.join(".var").join("app")],
            Base::Snap => vec![snap.clone()],
            Base::SnapRevisions(name) => fsutil::subdirs(&snap.join(name)),
            Base::ChromeConfig => env
                .chrome_config_home
                .iter()
                .cloned()
                .chain([cfg.clone()])
                .collect(),
        };
        for b in bases {
            r.add(browser, kind, b.join(rel));
        }
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
