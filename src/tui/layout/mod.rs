//! Screen geometry, pure: where each region sits for a terminal size, how many rows each
//! list shows, which row is at the top of a scrolled list, which row a mouse position
//! hits, how the explanation's lines wrap ([`explanation`]), and what the scrolling
//! overlays hold ([`overlay`]). `update` and `view` both ask here, so a page, a click, a
//! drawn row and a scroll limit always agree. No state changes, no drawing to the
//! terminal.
//!
//! ```text
//! ┌ header: crumbs · stores · party ───────────────────────────────┐  2 rows
//! │ All 40 │ Necessary 9 │ Preferences 4 │ … tabs with counts      │
//! ├ sites (38 %, ≥ 30 cols) ┬ cookies of the selected site ──────────┤  Min(6)
//! │ site  n  NPSMU  ff    │ name  category  party  expires  fl  where │  35–65 %
//! │                       ├ detail: explanation + masked value ────┤
//! │                       │                                        │  the rest
//! ├ status: filter · "553 of 100,000 cookies" · last action ───────┤  1 row
//! └ footer: generated from the key map ────────────────────────────┘  1 row
//! ```
//! The cookie list takes one row per cookie between 35 % and 65 % of the right column
//! (`e` makes the explanation taller or short). Below [`MIN_SIZE`] the screen only says
//! so. Narrow panes drop columns by priority ([`cookie_columns`]); names are never cut
//! without an ellipsis ([`fit`]).

pub mod explanation;
pub mod overlay;

pub use overlay::centered;

use std::borrow::Cow;

use ratatui::layout::{Constraint, Layout, Position, Rect};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::action::Pane;
use super::app::{App, DetailSize};

/// The smallest terminal the panes are drawn on: (columns, rows).
pub const MIN_SIZE: (u16, u16) = (50, 14);

/// Whether `screen` is big enough for the panes.
pub fn fits(screen: Rect) -> bool {
    screen.width >= MIN_SIZE.0 && screen.height >= MIN_SIZE.1
}

/// Where each region sits for a given terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub sites: Rect,
    pub cookies: Rect,
    pub detail: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Rows above a list's first item: the border, and for cookies the column header.
const SITES_TOP: u16 = 1;
const COOKIES_TOP: u16 = 2;

/// Lines `{` and `}` scroll the explanation by; the wheel sends the same.
pub const DETAIL_STEP: i32 = 3;

/// Lines a wheel turn moves a list by.
pub const WHEEL_STEP: i32 = 3;

/// The screen `update` last heard of, as a rectangle.
pub fn screen(app: &App) -> Rect {
    Rect::new(0, 0, app.screen.0, app.screen.1)
}

/// The regions of `screen` for the state in `app`.
pub fn areas(app: &App, screen: Rect) -> Areas {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    // Below 80 columns the cookie list needs the room more than the site names do.
    let sites_floor = if screen.width < 80 { 24 } else { 30 };
    let sites_w = (screen.width * 38 / 100).max(sites_floor).min(screen.width);
    let [sites, right] =
        Layout::horizontal([Constraint::Length(sites_w), Constraint::Min(10)]).areas(body);
    let list_h = cookies_height(app.cookie_rows.len(), app.detail_size, right.height);
    let [cookies, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(right);
    Areas {
        header,
        sites,
        cookies,
        detail,
        body,
        status,
        footer,
    }
}

/// Rows of the cookie list (borders and column header included) in a right column of
/// `height` rows, for a site with `rows` cookies.
fn cookies_height(rows: usize, size: DetailSize, height: u16) -> u16 {
    let want = u16::try_from(rows.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(COOKIES_TOP + 1);
    let (low, high) = match size {
        DetailSize::Normal => (height * 35 / 100, height * 65 / 100),
        // A one-line explanation (its title) under the list.
        DetailSize::Short => (height.saturating_sub(3), height.saturating_sub(3)),
        DetailSize::Tall => (4, (height / 4).max(4)),
    };
    want.clamp(low.min(high), high).min(height)
}

impl Areas {
    /// The rows of a list's items: inside the border, below the column header.
    pub fn list(&self, pane: Pane) -> Rect {
        let (rect, top) = match pane {
            Pane::Sites => (self.sites, SITES_TOP),
            Pane::Cookies => (self.cookies, COOKIES_TOP),
        };
        let inner = Rect {
            x: rect.x.saturating_add(1),
            y: rect.y.saturating_add(top),
            width: rect.width.saturating_sub(2),
            height: rect.height.saturating_sub(top + 1),
        };
        inner.intersection(rect)
    }

    /// How many items a list shows at once.
    pub fn list_rows(&self, pane: Pane) -> usize {
        usize::from(self.list(pane).height)
    }

    /// Which list item row (0 = first row drawn) is at `at`, if any.
    pub fn row_at(&self, at: Position) -> Option<(Pane, usize)> {
        [Pane::Sites, Pane::Cookies].into_iter().find_map(|pane| {
            let list = self.list(pane);
            list.contains(at)
                .then(|| (pane, usize::from(at.y - list.y)))
        })
    }

    /// Which list `at` is over, border and header included.
    pub fn pane_at(&self, at: Position) -> Option<Pane> {
        if self.sites.contains(at) {
            Some(Pane::Sites)
        } else if self.cookies.contains(at) {
            Some(Pane::Cookies)
        } else {
            None
        }
    }
}

/// First item drawn in a list of `rows` rows whose selection is `sel`: the selection
/// stays on the last row while moving down.
pub fn scroll_offset(sel: usize, rows: usize) -> usize {
    sel.saturating_sub(rows.saturating_sub(1))
}

/// A cookie-list column, by priority: the name first; then category, expiry, the browser
/// mark (or browser and profile), flags, party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Category,
    Party,
    Expires,
    Flags,
    /// Browser mark and profile ("Fx default-release").
    Where,
    /// Browser mark only ("Fx"): two copies of a cookie still look different.
    BrowserMark,
}

impl Column {
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Category => "category",
            Column::Party => "party",
            Column::Expires => "expires",
            Column::Flags => "fl",
            Column::Where => "where",
            // Two columns cannot hold a title; "Fx", "Cr" speak for themselves.
            Column::BrowserMark => "",
        }
    }
    /// Fixed width; `Where` takes what is left, at least this.
    fn width(self) -> u16 {
        match self {
            Column::Name => NAME_MIN,
            // "preferences?": a guess ends in a question mark.
            Column::Category => 12,
            Column::Party => 7,
            Column::Expires => 13,
            Column::Flags => 2,
            Column::Where => 10,
            Column::BrowserMark => 2,
        }
    }
}

/// The name column never gets less than this while another column can give way; and
/// never asks for more than `NAME_WANT_MAX` before the other columns are shown.
const NAME_MIN: u16 = 10;
const NAME_WANT_MAX: u16 = 24;

/// Column sets from richest to poorest: the first one leaving the name the room it wants
/// is used. `where` is shortened before anything is dropped and is never dropped.
const TIERS: [&[Column]; 6] = {
    use Column::*;
    [
        &[Name, Category, Party, Expires, Flags, Where],
        &[Name, Category, Party, Expires, Flags, BrowserMark],
        &[Name, Category, Expires, Flags, BrowserMark],
        &[Name, Category, Expires, BrowserMark],
        &[Name, Category, BrowserMark],
        &[Name, BrowserMark],
    ]
};

/// Columns of the cookie list and their widths, for `inner` columns inside the borders
/// and a widest cell name of `name_want` (the mark column included).
pub fn cookie_columns(inner: u16, name_want: u16) -> Vec<(Column, u16)> {
    let want = name_want.clamp(NAME_MIN, NAME_WANT_MAX);
    let tier = TIERS
        .iter()
        .find(|t| needed(t, want) <= inner)
        .unwrap_or(&TIERS[TIERS.len() - 1]);
    // What is left goes to `where` when shown in full (profile names are long), else to
    // the name.
    let spare = inner.saturating_sub(needed(tier, want));
    let to_where = if tier.contains(&Column::Where) {
        spare
    } else {
        0
    };
    let others = needed(tier, 0);
    tier.iter()
        .map(|c| match c {
            Column::Name if spare == 0 => (*c, inner.saturating_sub(others)),
            Column::Name => (*c, want + spare - to_where),
            Column::Where => (*c, c.width() + to_where),
            c => (*c, c.width()),
        })
        .collect()
}

/// Columns a tier needs with the name at `want` and one space between columns.
fn needed(tier: &[Column], want: u16) -> u16 {
    let fixed: u16 = tier
        .iter()
        .map(|c| if *c == Column::Name { want } else { c.width() })
        .sum();
    fixed + tier.len() as u16 - 1
}

/// `text` cut to `width` terminal columns, its last kept column an ellipsis when cut, so
/// a cut name never reads as another one.
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(ch);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Items one page moves the focused list by: the rows it shows, at least one.
pub fn page(app: &App) -> usize {
    areas(app, screen(app)).list_rows(app.focus).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_leave_out_borders_and_the_column_header() {
        let a = Areas {
            header: Rect::default(),
            sites: Rect::new(0, 2, 30, 20),
            cookies: Rect::new(30, 2, 50, 8),
            detail: Rect::default(),
            body: Rect::new(0, 2, 80, 20),
            status: Rect::default(),
            footer: Rect::default(),
        };
        assert_eq!(a.list_rows(Pane::Sites), 18);
        assert_eq!(a.list_rows(Pane::Cookies), 5);
        assert_eq!(a.row_at(Position::new(5, 3)), Some((Pane::Sites, 0)));
        assert_eq!(a.row_at(Position::new(5, 2)), None, "the border");
        assert_eq!(a.row_at(Position::new(40, 3)), None, "the column header");
        assert_eq!(a.row_at(Position::new(40, 4)), Some((Pane::Cookies, 0)));
        assert_eq!(a.row_at(Position::new(40, 9)), None, "the bottom border");
        assert_eq!(a.pane_at(Position::new(40, 9)), Some(Pane::Cookies));
    }

    #[test]
    fn narrow_lists_shorten_where_then_drop_party_and_flags_but_keep_the_name() {
        let titles = |inner, want| -> Vec<Column> {
            cookie_columns(inner, want)
                .into_iter()
                .map(|c| c.0)
                .collect()
        };
        use Column::*;
        assert_eq!(
            titles(80, 12),
            [Name, Category, Party, Expires, Flags, Where]
        );
        assert_eq!(
            titles(58, 12),
            [Name, Category, Party, Expires, Flags, BrowserMark]
        );
        assert_eq!(
            titles(45, 12),
            [Name, Category, Expires, Flags, BrowserMark]
        );
        assert_eq!(titles(30, 12), [Name, Category, BrowserMark]);
        assert_eq!(titles(12, 12), [Name, BrowserMark]);
        for inner in 12..120 {
            let cols = cookie_columns(inner, 20);
            let name = cols[0].1;
            assert!(name >= 10.min(inner - 3), "{inner}: {cols:?}");
            assert!(cols.iter().any(|c| matches!(c.0, Where | BrowserMark)));
        }
    }

    #[test]
    fn fit_marks_every_cut() {
        assert_eq!(fit("facebook.com", 12), "facebook.com");
        assert_eq!(fit("facebook.com", 11), "facebook.c…");
        assert_eq!(fit("fabriquenumeriquedupasse.fr", 8), "fabriqu…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn the_cookie_list_grows_with_the_site_and_the_explanation_can_take_it_back() {
        let normal = |rows| cookies_height(rows, DetailSize::Normal, 40);
        assert_eq!(normal(1), 14, "never below 35 %");
        assert_eq!(normal(14), 17, "one row per cookie");
        assert_eq!(normal(100), 26, "never above 65 %");
        assert_eq!(cookies_height(100, DetailSize::Tall, 40), 10);
        assert_eq!(cookies_height(2, DetailSize::Tall, 40), 5);
        assert_eq!(cookies_height(2, DetailSize::Short, 40), 37);
    }

    #[test]
    fn the_selection_stays_on_the_last_row_while_moving_down() {
        assert_eq!(scroll_offset(0, 5), 0);
        assert_eq!(scroll_offset(4, 5), 0);
        assert_eq!(scroll_offset(5, 5), 1);
        assert_eq!(scroll_offset(7, 0), 7);
    }
}
