//! Discovery over fake home trees laid out as Linux, macOS and Windows browsers lay them
//! out (reference §1). Every known root gets one profile and must come back exactly once.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use crumbs::model::Browser;
use crumbs::store::discover::{Env, Os, discover};

fn touch(p: &Path) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, b"").unwrap();
}

fn env(home: &Path, os: Os) -> Env {
    Env {
        home: home.to_path_buf(),
        os,
        ..Env::default()
    }
}

/// (browser, cookie file relative to home) for every store found.
fn found(env: &Env) -> Vec<(Browser, String)> {
    discover(env)
        .into_iter()
        .map(|s| {
            let rel = s
                .path
                .strip_prefix(&env.home)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (s.browser, rel)
        })
        .collect()
}

fn sorted(mut v: Vec<(Browser, String)>) -> Vec<(Browser, String)> {
    v.sort();
    v
}

const FF_PROFILE: &str = "abcd1234.default-release/cookies.sqlite";

fn build(
    home: &Path,
    ff_roots: &[(Browser, &str)],
    cr_roots: &[(Browser, &str)],
) -> Vec<(Browser, String)> {
    let mut want = Vec::new();
    for (b, root) in ff_roots {
        let rel = format!("{root}/{FF_PROFILE}");
        touch(&home.join(&rel));
        want.push((*b, rel));
    }
    for (b, root) in cr_roots {
        let rel = if *b == Browser::Opera {
            format!("{root}/Cookies")
        } else {
            format!("{root}/Default/Cookies")
        };
        touch(&home.join(&rel));
        want.push((*b, rel));
    }
    want
}

#[test]
fn linux_every_root() {
    use Browser::*;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ff = [
        (Firefox, ".mozilla/firefox"),
        (Firefox, ".config/mozilla/firefox"),
        (Firefox, ".mozilla/firefox-esr"),
        (Firefox, "snap/firefox/common/.mozilla/firefox"),
        (Firefox, ".var/app/org.mozilla.firefox/.mozilla/firefox"),
        (
            Firefox,
            ".var/app/org.mozilla.firefox/config/mozilla/firefox",
        ),
        (LibreWolf, ".librewolf"),
        (LibreWolf, ".config/librewolf"),
        (
            LibreWolf,
            ".var/app/io.gitlab.librewolf-community/.librewolf",
        ),
        (LibreWolf, "snap/librewolf/common/.librewolf"),
        (Zen, ".zen"),
        (Zen, ".config/zen"),
        (Zen, ".var/app/app.zen_browser.zen/.zen"),
        (Zen, ".var/app/io.github.zen_browser.zen/.zen"),
        (Waterfox, ".waterfox"),
        (Waterfox, ".config/waterfox"),
        (Waterfox, ".var/app/net.waterfox.waterfox/.waterfox"),
        (Waterfox, "snap/waterfox/common/.waterfox"),
    ];
    let cr = [
        (Chrome, ".config/google-chrome"),
        (Chrome, ".config/google-chrome-beta"),
        (Chrome, ".config/google-chrome-unstable"),
        (Chrome, ".var/app/com.google.Chrome/config/google-chrome"),
        (Chrome, "chrome-home/google-chrome"),
        (Chromium, ".config/chromium"),
        (Chromium, "snap/chromium/common/chromium"),
        (Chromium, ".var/app/org.chromium.Chromium/config/chromium"),
        (Brave, ".config/BraveSoftware/Brave-Browser"),
        (Brave, ".config/BraveSoftware/Brave-Browser-Beta"),
        (Brave, ".config/BraveSoftware/Brave-Browser-Nightly"),
        (
            Brave,
            ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser",
        ),
        (Brave, "snap/brave/412/.config/BraveSoftware/Brave-Browser"),
        (Edge, ".config/microsoft-edge"),
        (Edge, ".config/microsoft-edge-beta"),
        (Edge, ".config/microsoft-edge-dev"),
        (Edge, ".var/app/com.microsoft.Edge/config/microsoft-edge"),
        (Vivaldi, ".config/vivaldi"),
        (Vivaldi, ".config/vivaldi-snapshot"),
        (Vivaldi, ".var/app/com.vivaldi.Vivaldi/config/vivaldi"),
        (Opera, ".config/opera"),
        (Opera, ".config/opera-beta"),
        (Opera, ".config/opera-developer"),
        (Opera, "snap/opera/88/.config/opera"),
    ];
    let want = build(h, &ff, &cr);
    // Snap's `current` symlink must not list the Brave revision twice.
    std::os::unix::fs::symlink(h.join("snap/brave/412"), h.join("snap/brave/current")).unwrap();
    let mut e = env(h, Os::Linux);
    e.chrome_config_home = Some(h.join("chrome-home"));
    let got = found(&e);
    assert_eq!(sorted(got.clone()), sorted(want));
    assert_eq!(got, found(&e), "order is stable");
    let browsers: Vec<Browser> = got.iter().map(|g| g.0).collect();
    assert!(browsers.is_sorted(), "sorted by browser");
    for s in discover(&e) {
        assert_eq!(
            s.user_data_dir.is_some(),
            s.family() == crumbs::model::Family::Chromium
        );
        assert!(!s.is_demo);
    }
}

#[test]
fn xdg_config_home_moves_the_config_roots() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    touch(&xdg.join("mozilla/firefox").join(FF_PROFILE));
    touch(&xdg.join("chromium/Default/Cookies"));
    touch(&home.path().join(".config/chromium/Default/Cookies"));
    let mut e = env(home.path(), Os::Linux);
    e.xdg_config_home = Some(xdg);
    let got = found(&e);
    assert_eq!(
        got,
        vec![
            (
                Browser::Firefox,
                format!("xdg/mozilla/firefox/{FF_PROFILE}")
            ),
            (
                Browser::Chromium,
                "xdg/chromium/Default/Cookies".to_string()
            ),
        ]
    );
}

#[test]
fn macos_every_root() {
    use Browser::*;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let sup = "Library/Application Support";
    let ff: Vec<(Browser, String)> = [
        (Firefox, "Firefox"),
        (LibreWolf, "librewolf"),
        (Zen, "zen"),
        (Waterfox, "Waterfox"),
    ]
    .into_iter()
    .map(|(b, d)| (b, format!("{sup}/{d}/Profiles")))
    .collect();
    let cr: Vec<(Browser, String)> = [
        (Chrome, "Google/Chrome"),
        (Chrome, "Google/Chrome Beta"),
        (Chrome, "Google/Chrome Canary"),
        (Chromium, "Chromium"),
        (Brave, "BraveSoftware/Brave-Browser"),
        (Edge, "Microsoft Edge"),
        (Edge, "Microsoft Edge Beta"),
        (Edge, "Microsoft Edge Dev"),
        (Edge, "Microsoft Edge Canary"),
        (Vivaldi, "Vivaldi"),
        (Opera, "com.operasoftware.Opera"),
        (Opera, "com.operasoftware.OperaGX"),
    ]
    .into_iter()
    .map(|(b, d)| (b, format!("{sup}/{d}")))
    .collect();
    let ff_ref: Vec<(Browser, &str)> = ff.iter().map(|(b, s)| (*b, s.as_str())).collect();
    let cr_ref: Vec<(Browser, &str)> = cr.iter().map(|(b, s)| (*b, s.as_str())).collect();
    let mut want = build(h, &ff_ref, &cr_ref);
    for safari in [
        "Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies",
        "Library/Cookies/Cookies.binarycookies",
    ] {
        touch(&h.join(safari));
        want.push((Safari, safari.to_string()));
    }
    let safari: Vec<(String, bool)> = discover(&env(h, Os::MacOs))
        .into_iter()
        .filter(|s| s.browser == Safari)
        .map(|s| (s.profile, s.is_default))
        .collect();
    assert_eq!(
        safari,
        vec![
            ("Safari".to_string(), true),
            ("Safari (legacy)".to_string(), false)
        ]
    );
    let got = found(&env(h, Os::MacOs));
    assert_eq!(sorted(got), sorted(want));
    // The Linux layout finds none of these.
    assert!(found(&env(h, Os::Linux)).is_empty());
}

#[test]
fn windows_every_root_with_network_cookies_first() {
    use Browser::*;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let roaming = "AppData/Roaming";
    let local = "AppData/Local";
    let ff: Vec<(Browser, String)> = vec![
        (Firefox, format!("{roaming}/Mozilla/Firefox/Profiles")),
        (
            Firefox,
            format!(
                "{local}/Packages/Mozilla.Firefox_n80bbvh6b1yt2/LocalCache/Roaming/Mozilla/Firefox/Profiles"
            ),
        ),
        (LibreWolf, format!("{roaming}/librewolf/Profiles")),
        (Zen, format!("{roaming}/zen/Profiles")),
        (Waterfox, format!("{roaming}/Waterfox/Profiles")),
    ];
    let ff_ref: Vec<(Browser, &str)> = ff.iter().map(|(b, s)| (*b, s.as_str())).collect();
    let mut want = build(h, &ff_ref, &[]);
    for (b, udd) in [
        (Chrome, "Google/Chrome/User Data"),
        (Chrome, "Google/Chrome SxS/User Data"),
        (Chromium, "Chromium/User Data"),
        (Brave, "BraveSoftware/Brave-Browser/User Data"),
        (Edge, "Microsoft/Edge/User Data"),
        (Edge, "Microsoft/Edge Beta/User Data"),
        (Vivaldi, "Vivaldi/User Data"),
    ] {
        // Both files exist; on Windows the live one is Network\Cookies.
        let network = format!("{local}/{udd}/Default/Network/Cookies");
        touch(&h.join(&network));
        touch(&h.join(format!("{local}/{udd}/Default/Cookies")));
        want.push((b, network));
    }
    let opera = format!("{roaming}/Opera Software/Opera Stable/Network/Cookies");
    touch(&h.join(&opera));
    want.push((Opera, opera));
    let got = found(&env(h, Os::Windows));
    assert_eq!(sorted(got), sorted(want));

    // %APPDATA% / %LOCALAPPDATA% elsewhere are honoured.
    let other = tempfile::tempdir().unwrap();
    touch(&other.path().join("R/Mozilla/Firefox").join(FF_PROFILE));
    touch(&other.path().join("L/Vivaldi/User Data/Profile 3/Cookies"));
    let mut e = env(other.path(), Os::Windows);
    e.appdata = Some(other.path().join("R"));
    e.localappdata = Some(other.path().join("L"));
    assert_eq!(found(&e).len(), 2);
}

#[test]
fn empty_or_missing_home_finds_nothing() {
    let home = tempfile::tempdir().unwrap();
    for os in [Os::Linux, Os::MacOs, Os::Windows] {
        assert!(discover(&env(home.path(), os)).is_empty());
        assert!(discover(&env(&home.path().join("missing"), os)).is_empty());
    }
}

#[test]
fn default_env_follows_the_running_os() {
    let e = Env::default();
    assert_eq!(e.os, Os::current());
    #[cfg(target_os = "linux")]
    assert_eq!(Os::current(), Os::Linux);
    let _: PathBuf = Env::from_process().config_home();
}
