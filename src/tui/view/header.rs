//! Header: the title, what is loaded (demo data is said plainly), the party toggle, and
//! the category tabs with counts in the category colours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{category_style, thousands};
use crate::tui::app::{App, TAB_COUNT, tab_title};
use crate::tui::index::slot_category;

pub fn render_header(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let stores = app.stores.iter().filter(|s| s.error.is_none()).count();
    let mut top = vec![Span::styled(" crumbs ", bold)];
    if app.is_demo() {
        top.push(Span::styled(
            "· demo store (made-up cookies) ",
            Style::default().add_modifier(Modifier::REVERSED),
        ));
    } else {
        top.push(Span::raw(format!(
            "· {} store{} ",
            stores,
            if stores == 1 { "" } else { "s" }
        )));
    }
    top.push(Span::raw(format!("· party: {} ", app.party.label())));
    top.push(Span::raw(format!("· sort: {}", app.sort.label())));
    let mut tabs = vec![Span::raw(" ")];
    for i in 0..TAB_COUNT {
        let title = tab_title(i);
        let mut style = match slot_category(i) {
            Some(c) => category_style(app, c),
            None => Style::default(),
        };
        // The digit that selects the tab, when there is room for it.
        let text = if area.width >= 90 {
            format!("{}:{} {}", i + 1, title, thousands(app.tab_counts[i]))
        } else {
            format!("{} {}", title, thousands(app.tab_counts[i]))
        };
        if i == app.tab {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        tabs.push(Span::styled(text, style));
        tabs.push(Span::raw(" "));
    }
    let lines = vec![Line::from(top), Line::from(tabs)];
    frame.render_widget(Paragraph::new(lines), area);
}
