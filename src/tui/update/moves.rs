//! Moving through the lists and scrolling: selection, focus, pages, clicks, and how far
//! the explanation and overlays scroll. Changes where the person is (and so which site's
//! cookies are listed), never the filter, the tab or the data.

use crate::tui::action::{Command, Pane};
use crate::tui::app::App;
use crate::tui::layout::{self, explanation, overlay, scroll_offset};

/// Selection and focus.
pub(super) fn navigate(app: &mut App, cmd: Command) {
    match cmd {
        Command::SelectNext => move_by(app, 1),
        Command::SelectPrev => move_by(app, -1),
        Command::PageDown => move_by(app, layout::page(app) as isize),
        Command::PageUp => move_by(app, -(layout::page(app) as isize)),
        Command::HalfPageDown => move_by(app, (layout::page(app) / 2).max(1) as isize),
        Command::HalfPageUp => move_by(app, -((layout::page(app) / 2).max(1) as isize)),
        Command::SelectFirst => move_by(app, isize::MIN / 2),
        Command::SelectLast => move_by(app, isize::MAX / 2),
        Command::FocusSites => app.focus = Pane::Sites,
        Command::FocusCookies => app.focus = Pane::Cookies,
        Command::FocusNext => {
            app.focus = match app.focus {
                Pane::Sites => Pane::Cookies,
                Pane::Cookies => Pane::Sites,
            }
        }
        _ => {}
    }
}

/// Scrolls the help or audit overlay by `lines`, no further than its last line.
pub(super) fn scroll_overlay(app: &mut App, lines: i32) {
    let max = i32::from(overlay::max_offset(app));
    let to = i32::from(app.overlay_scroll)
        .saturating_add(lines)
        .clamp(0, max);
    app.overlay_scroll = u16::try_from(to).unwrap_or(0);
}

/// Scrolls the explanation by `lines` (down when positive), no further than its last line.
pub(super) fn scroll_detail(app: &mut App, lines: i32) {
    let Some(i) = app.selected_entry() else {
        return;
    };
    let max = i32::from(explanation::max_offset(app));
    let to = i32::from(app.detail_offset())
        .saturating_add(lines)
        .clamp(0, max);
    app.detail_scroll = (i, u16::try_from(to).unwrap_or(0));
}

/// Moves the focused list's selection by `delta`, clamped.
pub(super) fn move_by(app: &mut App, delta: isize) {
    let (len, sel) = match app.focus {
        Pane::Sites => (app.site_rows.len(), app.site_sel),
        Pane::Cookies => (app.cookie_rows.len(), app.cookie_sel),
    };
    if len == 0 {
        return;
    }
    let to = (sel as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize;
    select(app, app.focus, to);
}

fn select(app: &mut App, pane: Pane, to: usize) {
    match pane {
        Pane::Sites => {
            if to != app.site_sel {
                app.site_sel = to;
                app.cookie_sel = 0;
                app.refresh_cookies();
            }
        }
        Pane::Cookies => app.cookie_sel = to,
    }
}

pub(super) fn click(app: &mut App, pane: Pane, row: usize) {
    let (len, sel) = match pane {
        Pane::Sites => (app.site_rows.len(), app.site_sel),
        Pane::Cookies => (app.cookie_rows.len(), app.cookie_sel),
    };
    let rows = layout::areas(app, layout::screen(app)).list_rows(pane);
    let to = scroll_offset(sel, rows) + row;
    app.focus = pane;
    if to < len {
        select(app, pane, to);
    }
}
