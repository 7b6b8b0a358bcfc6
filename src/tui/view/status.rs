//! Status bar (filter, "553 of 100,000 cookies", last action) and the footer, which is
//! generated from the key map rows of the current mode.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::thousands;
use crate::sanitize::for_terminal;
use crate::tui::app::{App, Overlay};
use crate::tui::{keymap, marks};

pub fn render_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let mut spans = Vec::new();
    if app.filtering || !app.query.is_empty() {
        let cursor = if app.filtering { "▏" } else { "" };
        spans.push(Span::styled(
            format!(" /{}{cursor} ", for_terminal(&app.query)),
            Style::default().add_modifier(Modifier::REVERSED),
        ));
    }
    let marked = match (app.marked.len(), marks::marked_off_view(app)) {
        (0, _) => String::new(),
        (n, 0) => format!(", {n} marked"),
        (n, off) => format!(", {n} marked, {off} not in this view"),
    };
    spans.push(Span::raw(format!(
        " {} of {} cookies{marked}",
        thousands(app.visible.len()),
        thousands(app.index.live())
    )));
    if !app.status.is_empty() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            app.status.clone(),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The footer: the key-map rows of the current mode that fit, whole, chosen by rank and
/// shown in table order; a row that does not fit is left out rather than cut.
pub fn render_footer(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let key = Style::default().add_modifier(Modifier::REVERSED);
    let mut spans = Vec::new();
    // `y` is not offered when nothing in the confirmation can be deleted.
    let offer_y = !matches!(&app.overlay, Overlay::Confirm(p) if p.deletable() == 0);
    let items: Vec<_> = keymap::footer(app.mode())
        .filter(|i| offer_y || i.keys != "y")
        .collect();
    let width_of = |i: &keymap::FooterItem| 1 + i.keys.width() + 1 + i.label.width();
    for keymap::FooterItem { keys, label, .. } in
        keymap::fit_footer(&items, usize::from(area.width), width_of)
    {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(keys, key));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
