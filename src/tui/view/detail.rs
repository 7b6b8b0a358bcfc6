//! Detail pane: the explanation laid out by `layout::explanation`, scrolled as `update`
//! left it. When it does not fit, the borders say how much is above and below. Nothing
//! here changes state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::tui::app::App;
use crate::tui::layout::explanation::{lines, wrapped};

pub fn render_detail(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Explanation ");
    let Some(i) = app.selected_entry() else {
        let text = if app.entries.is_empty() {
            "No cookies were read."
        } else {
            "No cookie matches this view."
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let inner = block.inner(area);
    let (p, rows) = wrapped(lines(app, i), inner.width);
    let hidden = rows.saturating_sub(inner.height);
    // `update` clamps the offset for the screen it knows; clamp again for the pane drawn.
    let offset = app.detail_offset().min(hidden);
    let block = with_marks(app, block, offset, hidden - offset);
    frame.render_widget(p.scroll((offset, 0)).block(block), area);
}

/// "↑ n above" in the top border when scrolled, "↓ n more" in the bottom one when rows
/// are cut off. Bold, and coloured only when colour is on.
pub(super) fn with_marks(
    app: &App,
    block: Block<'static>,
    above: u16,
    below: u16,
) -> Block<'static> {
    let mut style = Style::default().add_modifier(Modifier::BOLD);
    if app.color {
        style = style.fg(Color::Cyan);
    }
    let mut block = block;
    if above > 0 {
        block = block.title_top(Line::styled(format!(" ↑ {above} above "), style).right_aligned());
    }
    if below > 0 {
        block =
            block.title_bottom(Line::styled(format!(" ↓ {below} more "), style).right_aligned());
    }
    block
}
