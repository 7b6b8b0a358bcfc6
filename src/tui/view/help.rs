//! Help overlay, generated from the key map so it lists exactly what the keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};

pub fn render_help(frame: &mut Frame<'_>, _body: Rect, _app: &App) {
    // The key list is longer than the body at 80×24: the overlay takes the whole screen,
    // in two columns.
    let rect = centered(frame.area(), 100, frame.area().height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (Esc closes) ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner);
    let mut l = section(Mode::Normal, "Browsing");
    let mut r = section(Mode::Filter, "While filtering");
    r.push(Line::raw(""));
    r.extend(section(Mode::Confirm, "Confirming a delete"));
    r.push(Line::raw(""));
    r.push(Line::raw("Ctrl-C always quits."));
    r.push(Line::raw("Mouse: click selects,"));
    r.push(Line::raw("wheel scrolls."));
    // What does not fit on the left continues at the bottom of the right column.
    if l.len() > usize::from(left.height) {
        let rest = l.split_off(usize::from(left.height));
        r.push(Line::raw(""));
        r.extend(rest);
    }
    frame.render_widget(Paragraph::new(l), left);
    frame.render_widget(Paragraph::new(r), right);
}

fn section(mode: Mode, title: &'static str) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(title, bold)];
    for (keys, help) in keymap::help(mode) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {keys:<10}"), bold),
            Span::raw(help),
        ]));
    }
    lines
}
