//! The explanation pane's text and how it wraps: the selected cookie's `Explanation` as
//! written by `crate::explain` (not reworded), then its value, masked unless the person
//! revealed values. The view draws these lines; `update` asks how far they can scroll.
//! Nothing here changes state.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::explain::explain;
use crate::inventory::Entry;
use crate::model::CookieValue;
use crate::sanitize::{bytes_for_terminal, for_terminal};
use crate::tui::app::App;

const MASK: &str = "••••••";

/// Rows measured at most; an explanation is a screenful or two, so this is never reached
/// except by hostile input, whose tail is then simply not scrollable to.
const MAX_ROWS: u16 = 2000;

/// How many rows the selected explanation overflows the detail pane by on the screen
/// `update` last heard of: the furthest it can scroll.
pub fn max_offset(app: &App) -> u16 {
    let Some(i) = app.selected_entry() else {
        return 0;
    };
    let (w, h) = app.screen;
    let area = super::areas(app, Rect::new(0, 0, w, h)).detail;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let (_, rows) = wrapped(lines(app, i), inner.width);
    rows.saturating_sub(inner.height)
}

/// The explanation's lines: title and value first, since long explanations wrap and may
/// run past the pane's bottom.
pub fn lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let entry = &app.entries[i];
    let ex = explain(entry, app.now);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::styled(for_terminal(&ex.title).into_owned(), bold),
        Line::from(vec![
            Span::styled("Value: ", bold),
            Span::raw(value_text(app, entry)),
        ]),
    ];
    if app.is_kept(i) {
        lines.push(Line::raw("On the keep-list: bulk deletes leave it alone."));
    }
    for (label, text) in &ex.lines {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", for_terminal(label)), bold),
            Span::raw(for_terminal(text).into_owned()),
        ]));
    }
    // The explanation says where the cookie is kept; say it here only when it is silent.
    if ex.lines.is_empty() {
        let store = &entry.cookie.store;
        lines.push(Line::from(vec![
            Span::styled("Stored in: ", bold),
            Span::raw(format!(
                "{} / {}",
                store.browser.display_name(),
                for_terminal(&store.profile)
            )),
        ]));
    }
    lines
}

/// The wrapped paragraph and how many rows it takes at `width`. The rows are counted by
/// drawing it off screen, so the count is the one the pane shows, word wrap included.
pub fn wrapped(lines: Vec<Line<'static>>, width: u16) -> (Paragraph<'static>, u16) {
    // A row ends early only when the next word does not fit, so two rows always hold
    // more than `width` columns: twice the full rows, plus one per line, is enough.
    let w = usize::from(width.max(1));
    let bound: usize = lines.iter().map(|l| 2 * l.width() / w + 2).sum();
    let bound = u16::try_from(bound).unwrap_or(u16::MAX).min(MAX_ROWS);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    if width == 0 {
        return (p, 0);
    }
    let mut buf = Buffer::empty(Rect::new(0, 0, width, bound));
    (&p).render(buf.area, &mut buf);
    let used = (0..bound)
        .rev()
        .find(|&y| (0..width).any(|x| buf[(x, y)].symbol() != " "))
        .map_or(0, |y| y + 1);
    (p, used)
}

/// The value, masked unless revealed; never raw bytes on a terminal.
fn value_text(app: &App, entry: &Entry) -> String {
    match &entry.cookie.value {
        CookieValue::Known(s) if app.revealed => bytes_for_terminal(s.expose()),
        CookieValue::Known(_) => format!("{MASK}  (v shows values)"),
        CookieValue::Encrypted { scheme, reason } => format!(
            "encrypted ({}): {}",
            for_terminal(scheme),
            for_terminal(reason)
        ),
        CookieValue::NotLoaded => "not read".to_string(),
    }
}
