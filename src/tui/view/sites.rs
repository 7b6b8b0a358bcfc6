//! Sites pane: one row per registrable domain in view, with its count (and `*n` when n of
//! its cookies are marked), a coloured letter
//! per category present, and the browsers holding its cookies. On a narrow pane the
//! category letters give way first; a name that still does not fit ends in an ellipsis.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{
    browser_mark, category_letter, category_style, list_position, selected_style, thousands,
};
use crate::model::Category;
use crate::sanitize::for_terminal;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::index::category_bit;
use crate::tui::layout::{Areas, fit, scroll_offset};
use crate::tui::marks;

pub fn render_sites(frame: &mut Frame<'_>, areas: &Areas, app: &App) {
    let area = areas.sites;
    let focused = app.focus == Pane::Sites;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Sites {} ", thousands(app.site_rows.len())));
    let height = areas.list_rows(Pane::Sites);
    if let Some(at) = list_position(app.site_sel, app.site_rows.len(), height) {
        block = block.title_bottom(at);
    }
    let offset = scroll_offset(app.site_sel, height);
    let widest = app
        .index
        .sites
        .iter()
        .map(|g| g.browsers.len())
        .max()
        .unwrap_or(1) as u16;
    let inner = area.width.saturating_sub(2);
    // Name, count (4), category letters (5), browser marks, one space between columns.
    let fixed = 4 + 2 * widest + 2;
    let letters = inner.saturating_sub(fixed + 6) >= NAME_BEFORE_LETTERS;
    let name_w = inner.saturating_sub(if letters { fixed + 6 } else { fixed });
    let rows = app
        .site_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &s)| {
            let g = &app.index.sites[s as usize];
            let kept = if app.keep.keeps_site(&g.name) {
                "K"
            } else {
                " "
            };
            let name = for_terminal(&g.name);
            // The mark count stays whole; the name gives way to it.
            let marked = match marks::marked_in_site(app, s as usize) {
                0 => String::new(),
                n => format!(" *{n}"),
            };
            let room = usize::from(name_w.saturating_sub(1)).saturating_sub(marked.len());
            let mut cells = vec![
                Line::from(format!("{kept}{}{marked}", fit(&name, room))),
                Line::from(thousands(app.site_counts[s as usize] as usize)).right_aligned(),
            ];
            if letters {
                cells.push(category_letters(app, g.categories));
            }
            let browsers: String = g.browsers.iter().map(browser_mark).collect();
            cells.push(Line::from(browsers));
            let row = Row::new(cells);
            if n == app.site_sel {
                row.style(selected_style(app, focused))
            } else {
                row.style(Style::default())
            }
        });
    let mut widths = vec![Constraint::Length(name_w), Constraint::Length(4)];
    if letters {
        widths.push(Constraint::Length(5));
    }
    widths.push(Constraint::Length(2 * widest));
    frame.render_widget(Table::new(rows, widths).block(block), area);
}

/// Columns the site name keeps before the category letters are shown.
const NAME_BEFORE_LETTERS: u16 = 12;

/// One coloured letter per category present, a dot for each absent.
fn category_letters(app: &App, present: u8) -> Line<'static> {
    let marks: Vec<Span> = Category::ALL
        .iter()
        .map(|c| {
            if present & category_bit(*c) != 0 {
                Span::styled(category_letter(*c).to_string(), category_style(app, *c))
            } else {
                Span::raw("·")
            }
        })
        .collect();
    Line::from(marks)
}
