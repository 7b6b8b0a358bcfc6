//! Help overlay, generated from the key map so it lists exactly what the keys do: two
//! columns laid out by `layout::overlay`, scrolled together when they are taller than the
//! screen, with the borders saying how much is above and below.

use ratatui::Frame;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::detail::with_marks;
use crate::tui::app::App;
use crate::tui::layout::overlay::{help_columns, help_lines, help_rect};

pub fn render_help(frame: &mut Frame<'_>, app: &App) {
    let rect = help_rect(frame.area());
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL);
    let inner = block.inner(rect);
    let (l, r) = help_lines(usize::from(inner.height));
    let tallest = u16::try_from(l.len().max(r.len())).unwrap_or(u16::MAX);
    let hidden = tallest.saturating_sub(inner.height);
    let offset = app.overlay_scroll.min(hidden);
    let title = if hidden > 0 {
        " Keys (↑↓ scroll, Esc closes) "
    } else {
        " Keys (Esc closes) "
    };
    let block = with_marks(app, block.title(title), offset, hidden - offset);
    frame.render_widget(block, rect);
    let [left, right] = help_columns(inner);
    frame.render_widget(Paragraph::new(l).scroll((offset, 0)), left);
    frame.render_widget(Paragraph::new(r).scroll((offset, 0)), right);
}
