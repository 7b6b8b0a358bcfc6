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

/// One part of the title line: its full text, a shorter one, when to shorten it (lower
/// first) and its style.
struct Part {
    full: String,
    short: String,
    rank: u8,
    style: Style,
}

impl Part {
    fn new(rank: u8, full: impl Into<String>, short: impl Into<String>) -> Part {
        Part {
            full: full.into(),
            short: short.into(),
            rank,
            style: Style::default(),
        }
    }

    fn text(&self, below: u8) -> &str {
        if self.rank < below {
            &self.short
        } else {
            &self.full
        }
    }
}

/// The title line in `width` columns: parts shortened by rank (the least useful first)
/// until it fits, then cut with `…` at a part's end, never in the middle of a word.
fn title_line(parts: &[Part], width: usize) -> Vec<Span<'static>> {
    let len = |below: u8| {
        parts
            .iter()
            .map(|p| p.text(below).chars().count())
            .sum::<usize>()
    };
    let below = (0..=u8::MAX).find(|&b| len(b) <= width).unwrap_or(u8::MAX);
    let mut used = 0;
    let mut spans = Vec::new();
    for p in parts {
        let text = p.text(below);
        let n = text.chars().count();
        if used + n > width {
            if used < width {
                spans.push(Span::raw("…"));
            }
            break;
        }
        used += n;
        spans.push(Span::styled(text.to_string(), p.style));
    }
    spans
}

pub fn render_header(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let stores = app.stores.iter().filter(|s| s.error.is_none()).count();
    // Shortened in rank order: the site order, what the store is, the cookie order, and
    // the party filter last (a bare "all" would not say what is all).
    let mut parts = vec![Part {
        style: bold,
        ..Part::new(u8::MAX, " crumbs ", " crumbs ")
    }];
    if app.is_demo() {
        parts.push(Part {
            style: Style::default().add_modifier(Modifier::REVERSED),
            ..Part::new(2, "· demo store (made-up cookies) ", "· demo ")
        });
    } else {
        let s = if stores == 1 { "" } else { "s" };
        parts.push(Part::new(
            2,
            format!("· {stores} store{s} "),
            format!("· {stores} "),
        ));
    }
    let party = app.party.label();
    parts.push(Part::new(
        4,
        format!("· party: {party} "),
        format!("· {party} "),
    ));
    let sort = app.sort.label();
    parts.push(Part::new(
        3,
        format!("· sort: {sort}"),
        format!("· by {sort}"),
    ));
    if app.site_sort != SiteSort::Name {
        let by = app.site_sort.label();
        let word = by.split(' ').next().unwrap_or(by);
        parts.push(Part::new(
            1,
            format!(" · sites by {by}"),
            format!(" · sites: {word}s"),
        ));
    }
    let top = title_line(&parts, usize::from(area.width));
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
    use super::{Part, rounded_count, title_line};

    fn text(spans: &[ratatui::text::Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_title_line_shortens_its_last_parts_first_and_never_cuts_a_word() {
        let parts = [
            Part::new(9, " crumbs ", " crumbs "),
            Part::new(2, "· demo store (made-up cookies) ", "· demo "),
            Part::new(3, "· sort: name", "· by name"),
            Part::new(1, " · sites by tracker count", " · sites: trackers"),
        ];
        let full = " crumbs · demo store (made-up cookies) · sort: name · sites by tracker count";
        assert_eq!(text(&title_line(&parts, 120)), full);
        // One column short: the lowest rank shortens first.
        assert_eq!(
            text(&title_line(&parts, full.chars().count() - 1)),
            " crumbs · demo store (made-up cookies) · sort: name · sites: trackers"
        );
        // All short and still too wide: cut at a part's end, with a mark.
        assert_eq!(text(&title_line(&parts, 40)), " crumbs · demo · by name…");
        assert_eq!(text(&title_line(&parts, 8)), " crumbs ");
    }

    #[test]
    fn counts_round_to_at_most_four_characters() {
        assert_eq!(rounded_count(9_999), "9,999");
        assert_eq!(rounded_count(10_000), "10k");
        assert_eq!(rounded_count(123_456), "123k");
        assert_eq!(rounded_count(1_234_567), "1.2M");
    }
}
