//! Header: the title, what is loaded (demo data is said plainly), the party toggle, and
//! the category tabs with counts in the category colours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{category_letter, category_style, thousands};
use crate::tui::app::{App, SiteSort, TAB_COUNT, TRACKERS_TAB, tab_title};
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
    if app.site_sort != SiteSort::Name {
        top.push(Span::raw(format!(" · sites by {}", app.site_sort.label())));
    }
    let full = |i: usize| {
        // The digit that selects the tab, when there is room for it.
        if area.width >= 90 {
            format!(
                "{}:{} {}",
                i + 1,
                tab_title(i),
                thousands(app.tab_counts[i])
            )
        } else {
            format!("{} {}", tab_title(i), thousands(app.tab_counts[i]))
        }
    };
    let wide: usize = (0..TAB_COUNT).map(|i| full(i).chars().count() + 1).sum();
    // Too narrow for every title: the selected tab keeps its title, the others a letter.
    let short = wide + 1 > usize::from(area.width);
    let mut tabs = vec![Span::raw(" ")];
    for i in 0..TAB_COUNT {
        let mut style = match slot_category(i) {
            Some(c) => category_style(app, c),
            None => Style::default(),
        };
        let text = match slot_category(i) {
            Some(c) if short && i != app.tab => {
                format!("{} {}", category_letter(c), thousands(app.tab_counts[i]))
            }
            None if short && i == TRACKERS_TAB && i != app.tab => {
                format!("T {}", thousands(app.tab_counts[i]))
            }
            _ => full(i),
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
