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

/// Title width, whether the selecting digit is shown, whether counts are rounded.
type Fit = (TitleWidth, bool, bool);

/// `9,999`, then `123k`, then `1.2M`: at most four characters past four digits.
fn rounded_count(n: usize) -> String {
    match n {
        0..10_000 => thousands(n),
        10_000..1_000_000 => format!("{}k", n / 1000),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

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
    // selects each tab when there is room, then narrower and narrower, then with counts
    // rounded (`123k`) before titles shrink to one letter; at one letter the selected tab
    // keeps its full title.
    let text = |i: usize, (width, digit, rounded): Fit| {
        let width = match width {
            TitleWidth::Letter if i == app.tab => TitleWidth::Full,
            w => w,
        };
        let n = app.tab_counts[i];
        let count = if rounded {
            rounded_count(n)
        } else {
            thousands(n)
        };
        match digit {
            true => format!("{}:{} {count}", i + 1, tab_title(i, width)),
            false => format!("{} {count}", tab_title(i, width)),
        }
    };
    let room = usize::from(area.width).saturating_sub(1);
    let fits = |fit: Fit| {
        (0..TAB_COUNT)
            .map(|i| text(i, fit).chars().count() + 1)
            .sum::<usize>()
            <= room
    };
    let titled = [TitleWidth::Full, TitleWidth::Short, TitleWidth::Abbreviated];
    let fit = std::iter::once((TitleWidth::Full, true, false))
        .chain(titled.map(|w| (w, false, false)))
        .chain(titled.map(|w| (w, false, true)))
        .chain([(TitleWidth::Letter, false, false)])
        .find(|f| fits(*f))
        .unwrap_or((TitleWidth::Letter, false, true));
    let mut tabs = vec![Span::raw(" ")];
    for i in 0..TAB_COUNT {
        let mut style = match slot_category(i) {
            Some(c) => category_style(app, c),
            None => Style::default(),
        };
        if i == app.tab {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        tabs.push(Span::styled(text(i, fit), style));
        tabs.push(Span::raw(" "));
    }
    let lines = vec![Line::from(top), Line::from(tabs)];
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::rounded_count;

    #[test]
    fn counts_round_to_at_most_four_characters() {
        assert_eq!(rounded_count(9_999), "9,999");
        assert_eq!(rounded_count(10_000), "10k");
        assert_eq!(rounded_count(123_456), "123k");
        assert_eq!(rounded_count(1_234_567), "1.2M");
    }
}
