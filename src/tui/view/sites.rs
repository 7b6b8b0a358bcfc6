//! Sites pane: one row per registrable domain in view, with its count, a coloured letter
//! per category present, and the browsers holding its cookies.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Row, Table};

use super::{browser_mark, category_letter, category_style, selected_style, thousands};
use crate::model::Category;
use crate::sanitize::for_terminal;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::index::category_bit;
use crate::tui::layout::{Areas, scroll_offset};

pub fn render_sites(frame: &mut Frame<'_>, areas: &Areas, app: &App) {
    let area = areas.sites;
    let focused = app.focus == Pane::Sites;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Sites {} ", thousands(app.site_rows.len())));
    let height = areas.list_rows(Pane::Sites);
    let offset = scroll_offset(app.site_sel, height);
    let rows = app
        .site_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &s)| {
            let g = &app.index.sites[s as usize];
            let marks: Vec<Span> = Category::ALL
                .iter()
                .map(|c| {
                    if g.categories & category_bit(*c) != 0 {
                        Span::styled(category_letter(*c).to_string(), category_style(app, *c))
                    } else {
                        Span::raw("·")
                    }
                })
                .collect();
            let browsers: String = g.browsers.iter().map(|b| browser_mark(*b)).collect();
            let kept = if app.kept_sites.contains(&g.name) {
                "K"
            } else {
                " "
            };
            let row = Row::new(vec![
                Line::from(format!("{kept}{}", for_terminal(&g.name))),
                Line::from(thousands(app.site_counts[s as usize] as usize)).right_aligned(),
                Line::from(marks),
                Line::from(browsers),
            ]);
            if n == app.site_sel {
                row.style(selected_style(app, focused))
            } else {
                row.style(Style::default())
            }
        });
    let widest = app
        .index
        .sites
        .iter()
        .map(|g| g.browsers.len())
        .max()
        .unwrap_or(1);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(2 * widest as u16),
    ];
    frame.render_widget(Table::new(rows, widths).block(block), area);
}
