//! The audit overlay (`A`): the selected site's verdict and the parts of its audit as the
//! library sums them up, laid out by `layout::overlay`, scrolled as `update` left it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};

use super::detail::with_marks;
use crate::sanitize::for_terminal;
use crate::tui::app::{App, AuditView};
use crate::tui::layout::explanation::wrapped;
use crate::tui::layout::overlay::{audit_lines, audit_rect};

pub fn render_audit(frame: &mut Frame<'_>, body: Rect, app: &App, view: &AuditView) {
    let (rect, _) = audit_rect(body, view);
    frame.render_widget(Clear, rect);
    let site = match view {
        AuditView::Site(s) => &*s.site,
        AuditView::NoPolicy(site) => site.as_str(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Audit of {} (Esc closes) ", for_terminal(site)));
    let inner = block.inner(rect);
    let (p, rows) = wrapped(audit_lines(view), inner.width);
    let hidden = rows.saturating_sub(inner.height);
    let offset = app.overlay_scroll.min(hidden);
    let block = with_marks(app, block, offset, hidden - offset);
    frame.render_widget(p.scroll((offset, 0)).block(block), rect);
}
