//! The view's small choices, each cycled by a key: the cookies pane's sort order, the
//! sites pane's order, how wide the tab titles are, and how much room the explanation
//! takes. Plain values with their labels; the state that holds them is `app`.

use super::index::TAB_COUNT;

/// Sort order of the cookies pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Site,
    Expiry,
    LastUsed,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::Site,
            SortKey::Site => SortKey::Expiry,
            SortKey::Expiry => SortKey::LastUsed,
            SortKey::LastUsed => SortKey::Name,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Site => "site",
            SortKey::Expiry => "expiry",
            SortKey::LastUsed => "last used",
        }
    }
}

/// Order of the sites pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteSort {
    Name,
    /// Most cookies in view first.
    Cookies,
    /// Most trackers in view first ([`crate::filter::is_tracker`]).
    Trackers,
}

impl SiteSort {
    pub fn next(self) -> SiteSort {
        match self {
            SiteSort::Name => SiteSort::Cookies,
            SiteSort::Cookies => SiteSort::Trackers,
            SiteSort::Trackers => SiteSort::Name,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SiteSort::Name => "name",
            SiteSort::Cookies => "cookie count",
            SiteSort::Trackers => "tracker count",
        }
    }
}

/// How much of its title a header tab shows: the header takes the widest that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TitleWidth {
    Full = 0,
    /// The three longest shortened.
    Short = 1,
    /// Three or four letters each.
    Abbreviated = 2,
    /// One letter (the sites pane's category letters).
    Letter = 3,
}

impl TitleWidth {
    /// Widest first.
    pub const ALL: [TitleWidth; 4] = [
        TitleWidth::Full,
        TitleWidth::Short,
        TitleWidth::Abbreviated,
        TitleWidth::Letter,
    ];
}

/// Each tab's title at every [`TitleWidth`], in tab order.
const TAB_TITLES: [[&str; 4]; TAB_COUNT] = [
    ["All", "All", "All", "All"],
    ["Necessary", "Necessary", "Nec", "N"],
    ["Preferences", "Prefs", "Pref", "P"],
    ["Statistics", "Stats", "Stat", "S"],
    ["Marketing", "Marketing", "Mkt", "M"],
    ["Unknown", "Unknown", "Unk", "U"],
    ["Trackers", "Trackers", "Trk", "T"],
];

/// The title of header tab `tab` at `width`.
pub fn tab_title(tab: usize, width: TitleWidth) -> &'static str {
    TAB_TITLES[tab.min(TAB_COUNT - 1)][width as usize]
}

/// How much of the right column the explanation takes (`e` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailSize {
    /// The list takes a row per cookie, between 35 % and 65 %.
    Normal,
    /// The list keeps a quarter; the explanation the rest.
    Tall,
    /// One line of explanation (its title); the list the rest.
    Short,
}

impl DetailSize {
    pub fn next(self) -> DetailSize {
        match self {
            DetailSize::Normal => DetailSize::Tall,
            DetailSize::Tall => DetailSize::Short,
            DetailSize::Short => DetailSize::Normal,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DetailSize::Normal => "normal",
            DetailSize::Tall => "tall",
            DetailSize::Short => "one line",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::index::{TAB_COUNT, TRACKERS_TAB, slot_category};

    /// The table follows the tab order: the categories' own titles and letters.
    #[test]
    fn tab_titles_follow_the_categories() {
        for tab in 0..TAB_COUNT {
            let full = tab_title(tab, TitleWidth::Full);
            match slot_category(tab) {
                Some(c) => {
                    assert_eq!(full, c.title());
                    let letter = tab_title(tab, TitleWidth::Letter);
                    assert_eq!(letter, &c.title()[..1]);
                }
                None if tab == TRACKERS_TAB => assert_eq!(full, "Trackers"),
                None => assert_eq!(full, "All"),
            }
            for w in TitleWidth::ALL.windows(2) {
                assert!(tab_title(tab, w[1]).len() <= tab_title(tab, w[0]).len());
            }
        }
    }
}
