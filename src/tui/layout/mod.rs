//! Screen geometry, pure: where each region sits for a terminal size, how many rows each
//! list shows, which row is at the top of a scrolled list, which row a mouse position
//! hits, and (in [`explanation`]) how the explanation's lines wrap. `update` and `view`
//! both ask here, so a page, a click and a drawn row always agree. No state changes, no
//! drawing to the terminal.
//!
//! ```text
//! ┌ header: crumbs · stores · party ───────────────────────────────┐  2 rows
//! │ All 40 │ Necessary 9 │ Preferences 4 │ … tabs with counts      │
//! ├ sites (38 %, ≥ 30 cols) ┬ cookies of the selected site ──────────┤  Min(6)
//! │ site  n  NPSMU  ff    │ name  category  party  expires  flags  │  35 %
//! │                       ├ detail: explanation + masked value ────┤
//! │                       │                                        │  65 %
//! ├ status: filter · "553 of 100,000 cookies" · last action ───────┤  1 row
//! └ footer: generated from the key map ────────────────────────────┘  1 row
//! ```

pub mod explanation;

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::action::Pane;
use super::app::App;

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
pub fn areas(_app: &App, screen: Rect) -> Areas {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let sites_w = (screen.width * 38 / 100).max(30).min(screen.width);
    let [sites, right] =
        Layout::horizontal([Constraint::Length(sites_w), Constraint::Min(10)]).areas(body);
    let [cookies, detail] =
        Layout::vertical([Constraint::Percentage(35), Constraint::Percentage(65)]).areas(right);
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
    fn the_selection_stays_on_the_last_row_while_moving_down() {
        assert_eq!(scroll_offset(0, 5), 0);
        assert_eq!(scroll_offset(4, 5), 0);
        assert_eq!(scroll_offset(5, 5), 1);
        assert_eq!(scroll_offset(7, 0), 7);
    }
}
