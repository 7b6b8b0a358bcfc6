//! Cookies pane: the cookies of the selected site in view, sorted, with marks. Columns
//! come from `layout::cookie_columns`: on a narrow pane party, flags and expiry give way
//! and `where` shrinks to a browser mark before the name loses room; a name that still
//! does not fit ends in an ellipsis.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table};
use unicode_width::UnicodeWidthStr;

use super::{browser_mark, category_style, list_position, selected_style};
use crate::inventory::Entry;
use crate::sanitize::for_terminal;
use crate::timefmt;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::layout::{Areas, Column, cookie_columns, fit, scroll_offset};

pub fn render_cookies(frame: &mut Frame<'_>, areas: &Areas, app: &App) {
    let area = areas.cookies;
    let focused = app.focus == Pane::Cookies;
    let title = match app.selected_site() {
        Some(s) => {
            let count = format!(" ({}) ", app.cookie_rows.len());
            let room = usize::from(area.width.saturating_sub(2))
                .saturating_sub(" Cookies of ".len() + count.len());
            let site = for_terminal(&app.index.sites[s].name);
            format!(" Cookies of {}{count}", fit(&site, room))
        }
        None => " Cookies ".to_string(),
    };
    let height = areas.list_rows(Pane::Cookies);
    let offset = scroll_offset(app.cookie_sel, height);
    let shown = || app.cookie_rows.iter().skip(offset).take(height);
    // One column for the mark, then the widest name drawn.
    let name_want = shown()
        .map(|&i| for_terminal(&app.entries[i as usize].cookie.name).width() + 1)
        .max()
        .unwrap_or(0);
    let columns = cookie_columns(
        area.width.saturating_sub(2),
        u16::try_from(name_want).unwrap_or(u16::MAX),
    );
    let rows = shown().enumerate().map(|(n, &i)| {
        let e = &app.entries[i as usize];
        let cells = columns
            .iter()
            .map(|(c, w)| cell(app, e, app.marked.contains(&i), *c, usize::from(*w)));
        let row = Row::new(cells);
        if n + offset == app.cookie_sel {
            row.style(selected_style(app, focused))
        } else {
            row.style(category_style(app, e.verdict.category))
        }
    });
    let widths = columns.iter().map(|(_, w)| Constraint::Length(*w));
    let header = Row::new(columns.iter().map(|(c, _)| c.title()))
        .style(Style::default().add_modifier(Modifier::BOLD));
    let mut block = Block::default().borders(Borders::ALL).title(title);
    if let Some(at) = list_position(app.cookie_sel, app.cookie_rows.len(), height) {
        block = block.title_bottom(at);
    }
    let table = Table::new(rows, widths).header(header).block(block);
    frame.render_widget(table, area);
}

/// The text of `column` for entry `e`, fitted to `width`.
fn cell(app: &App, e: &Entry, marked: bool, column: Column, width: usize) -> String {
    let c = &e.cookie;
    match column {
        Column::Name => {
            let name = for_terminal(&c.name);
            let mark = if marked { "*" } else { " " };
            let undeclared = undeclared_mark(e);
            let room = width.saturating_sub(1 + undeclared.len());
            format!("{mark}{undeclared}{}", fit(&name, room))
        }
        Column::Category => e.verdict.category_label().into_owned(),
        Column::Party => e.party.party.as_str().to_string(),
        Column::Expires => match c.expires {
            None => "session".to_string(),
            Some(t) if t <= app.now => "expired".to_string(),
            Some(t) => timefmt::relative(t, app.now),
        },
        Column::Flags => format!(
            "{}{}",
            if c.secure { "S" } else { "-" },
            if c.http_only { "H" } else { "-" }
        ),
        Column::Where => {
            let place = format!(
                "{}{} {}",
                browser_mark(c.store.browser),
                session_copy_mark(c),
                for_terminal(&c.store.profile)
            );
            fit(&place, width).into_owned()
        }
        Column::BrowserMark => format!("{}{}", browser_mark(c.store.browser), session_copy_mark(c)),
    }
}

/// `+` after the browser of a Firefox cookie kept both in the database and in the session
/// file Firefox restores from (one row, two places; a delete removes both).
fn session_copy_mark(c: &crate::model::Cookie) -> &'static str {
    if c.in_session_file { "+" } else { "" }
}

/// `!` before the name of a cookie its site's own cookie policy does not declare.
fn undeclared_mark(e: &Entry) -> &'static str {
    if crate::audit::is_undeclared(e) {
        "!"
    } else {
        ""
    }
}
