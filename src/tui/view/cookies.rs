//! Cookies pane: the cookies of the selected site in view, sorted, with marks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{category_style, selected_style};
use crate::sanitize::for_terminal;
use crate::timefmt;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::update::scroll_offset;

pub fn render_cookies(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let focused = app.focus == Pane::Cookies;
    let title = match app.selected_site() {
        Some(s) => format!(
            " Cookies of {} ({}) ",
            for_terminal(&app.index.sites[s].name),
            app.cookie_rows.len()
        ),
        None => " Cookies ".to_string(),
    };
    let height = area.height.saturating_sub(3) as usize;
    let offset = scroll_offset(app.cookie_sel, height);
    let rows = app
        .cookie_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &i)| {
            let e = &app.entries[i as usize];
            let c = &e.cookie;
            let mark = if app.marked.contains(&i) { "*" } else { " " };
            let expires = match c.expires {
                None => "session".to_string(),
                Some(t) if t <= app.now => "expired".to_string(),
                Some(t) => timefmt::relative(t, app.now),
            };
            let flags = format!(
                "{}{}",
                if c.secure { "S" } else { "-" },
                if c.http_only { "H" } else { "-" }
            );
            let cat = e.verdict.category;
            let row = Row::new(vec![
                format!("{mark}{}", for_terminal(&c.name)),
                cat.as_str().to_string(),
                e.party.party.as_str().to_string(),
                expires,
                flags,
                format!(
                    "{}/{}",
                    c.store.browser.as_str(),
                    for_terminal(&c.store.profile)
                ),
            ]);
            if n == app.cookie_sel {
                row.style(selected_style(app, focused))
            } else {
                row.style(category_style(app, cat))
            }
        });
    let widths = [
        Constraint::Min(14),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(15),
        Constraint::Length(2),
        Constraint::Max(16),
    ];
    let header = Row::new([
        "name",
        "category",
        "party",
        "expires",
        "fl",
        "browser/profile",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(table, area);
}
