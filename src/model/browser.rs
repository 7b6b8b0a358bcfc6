//! Browser products and the on-disk store families they use.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which on-disk format a store uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Firefox,
    Chromium,
    Safari,
}

/// A browser product. `as_str` is the lowercase name used in JSON and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Browser {
    Firefox,
    LibreWolf,
    Waterfox,
    Zen,
    Chrome,
    Chromium,
    Brave,
    Edge,
    Vivaldi,
    Opera,
    Safari,
}

impl Browser {
    pub const ALL: [Browser; 11] = [
        Browser::Firefox,
        Browser::LibreWolf,
        Browser::Waterfox,
        Browser::Zen,
        Browser::Chrome,
        Browser::Chromium,
        Browser::Brave,
        Browser::Edge,
        Browser::Vivaldi,
        Browser::Opera,
        Browser::Safari,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Browser::Firefox => "firefox",
            Browser::LibreWolf => "librewolf",
            Browser::Waterfox => "waterfox",
            Browser::Zen => "zen",
            Browser::Chrome => "chrome",
            Browser::Chromium => "chromium",
            Browser::Brave => "brave",
            Browser::Edge => "edge",
            Browser::Vivaldi => "vivaldi",
            Browser::Opera => "opera",
            Browser::Safari => "safari",
        }
    }

    /// Name for people ("Firefox", "Brave").
    pub fn display_name(self) -> &'static str {
        match self {
            Browser::Firefox => "Firefox",
            Browser::LibreWolf => "LibreWolf",
            Browser::Waterfox => "Waterfox",
            Browser::Zen => "Zen",
            Browser::Chrome => "Chrome",
            Browser::Chromium => "Chromium",
            Browser::Brave => "Brave",
            Browser::Edge => "Edge",
            Browser::Vivaldi => "Vivaldi",
            Browser::Opera => "Opera",
            Browser::Safari => "Safari",
        }
    }

    pub fn family(self) -> Family {
        match self {
            Browser::Firefox | Browser::LibreWolf | Browser::Waterfox | Browser::Zen => {
                Family::Firefox
            }
            Browser::Safari => Family::Safari,
            _ => Family::Chromium,
        }
    }

    /// Parses the lowercase name (also accepts a few common aliases).
    pub fn parse(s: &str) -> Option<Browser> {
        super::choice::parse(s)
    }
}

impl super::Choice for Browser {
    const ALL: &'static [Browser] = &Browser::ALL;
    fn name(self) -> &'static str {
        self.as_str()
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Browser::Firefox => &["firefox-esr", "ff"],
            Browser::Chrome => &["google-chrome"],
            Browser::Edge => &["microsoft-edge"],
            _ => &[],
        }
    }
}

impl fmt::Display for Browser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}
