//! Cookies pane: the cookies of the selected site in view, sorted, with marks. The party
//! and browser/profile columns drop out when the pane is narrow, so the name keeps room;
//! the header and the detail pane still say both.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{browser_mark, category_style, selected_style};
use crate::inventory::Entry;
use crate::sanitize::for_terminal;
use crate::timefmt;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::layout::{Areas, scroll_offset};

/// Inner widths from which the second and the first optional column (party, or
/// browser/profile) are shown.
const PARTY_FROM: u16 = 56;
const WHERE_FROM: u16 = 72;

pub fn render_cookies(frame: &mut Frame<'_>, areas: &Areas, app: &App) {
    let area = areas.cookies;
    let focused = app.focus == Pane::Cookies;
    let title = match app.selected_site() {
        Some(s) => format!(
            " Cookies of {} ({}) ",
            for_terminal(&app.index.sites[s].name),
            app.cookie_rows.len()
        ),
        None => " Cookies ".to_string(),
    };
    let inner = area.width.saturating_sub(2);
    // With several stores, where a cookie lives tells twins apart: it outranks party.
    let (party, place) = if app.stores.len() > 1 {
        (inner >= WHERE_FROM, inner >= PARTY_FROM)
    } else {
        (inner >= PARTY_FROM, inner >= WHERE_FROM)
    };
    let height = areas.list_rows(Pane::Cookies);
    let offset = scroll_offset(app.cookie_sel, height);
    let rows = app
        .cookie_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &i)| {
            let e = &app.entries[i as usize];
            let row = Row::new(cells(app, e, app.marked.contains(&i), party, place));
            if n == app.cookie_sel {
                row.style(selected_style(app, focused))
            } else {
                row.style(category_style(app, e.verdict.category))
            }
        });
    let mut widths = vec![
        Constraint::Fill(2),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(13),
        Constraint::Length(2),
        Constraint::Fill(1),
    ];
    let mut titles = vec!["name", "category", "party", "expires", "fl", "where"];
    if !place {
        widths.pop();
        titles.pop();
    }
    if !party {
        widths.remove(2);
        titles.remove(2);
    }
    let header = Row::new(titles).style(Style::default().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(table, area);
}

fn cells(app: &App, e: &Entry, marked: bool, party: bool, place: bool) -> Vec<String> {
    let c = &e.cookie;
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
    let mut out = vec![
        format!(
            "{}{}",
            if marked { "*" } else { " " },
            for_terminal(&c.name)
        ),
        e.verdict.category.as_str().to_string(),
    ];
    if party {
        out.push(e.party.party.as_str().to_string());
    }
    out.push(expires);
    out.push(flags);
    if place {
        out.push(format!(
            "{} {}",
            browser_mark(c.store.browser),
            for_terminal(&c.store.profile)
        ));
    }
    out
}
