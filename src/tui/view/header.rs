//! Header: the title, what is loaded (demo data is said plainly), the party toggle, and
//! the category tabs with counts in the category colours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{category_style, thousands};
use crate::tui::app::{App, SiteSort, TAB_COUNT, TitleWidth, tab_title};
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
    // The widest titles that fit, all at one width from the table: with the digit that
    // selects each tab when there is room, then narrower and narrower; at one letter the
    // selected tab keeps its full title.
    let text = |i: usize, width: TitleWidth, digit: bool| {
        let width = match width {
            TitleWidth::Letter if i == app.tab => TitleWidth::Full,
            w => w,
        };
        let count = thousands(app.tab_counts[i]);
        match digit {
            true => format!("{}:{} {count}", i + 1, tab_title(i, width)),
            false => format!("{} {count}", tab_title(i, width)),
        }
    };
    let room = usize::from(area.width).saturating_sub(1);
    let fits = |width: TitleWidth, digit: bool| {
        (0..TAB_COUNT)
            .map(|i| text(i, width, digit).chars().count() + 1)
            .sum::<usize>()
            <= room
    };
    let (width, digit) = std::iter::once((TitleWidth::Full, true))
        .chain(TitleWidth::ALL.into_iter().map(|w| (w, false)))
        .find(|(w, d)| fits(*w, *d))
        .unwrap_or((TitleWidth::Letter, false));
    let mut tabs = vec![Span::raw(" ")];
    for i in 0..TAB_COUNT {
        let mut style = match slot_category(i) {
            Some(c) => category_style(app, c),
            None => Style::default(),
        };
        if i == app.tab {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        tabs.push(Span::styled(text(i, width, digit), style));
        tabs.push(Span::raw(" "));
    }
    let lines = vec![Line::from(top), Line::from(tabs)];
    frame.render_widget(Paragraph::new(lines), area);
}
