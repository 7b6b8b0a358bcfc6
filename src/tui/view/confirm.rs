//! Confirm overlay for a planned deletion: how many cookies per browser/profile, which
//! will be skipped and why, and what deleting does. Only `y` goes ahead.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, thousands};
use crate::tui::app::{App, PendingDelete};

pub fn render_confirm(frame: &mut Frame<'_>, area: Rect, _app: &App, plan: &PendingDelete) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(
        format!(
            "Delete {} cookie{} ({})?",
            thousands(plan.entries.len()),
            if plan.entries.len() == 1 { "" } else { "s" },
            plan.description
        ),
        bold,
    )];
    lines.push(Line::raw(""));
    for (label, n, skip) in &plan.per_store {
        lines.push(Line::raw(format!("  {label}: {}", thousands(*n))));
        if let Some(why) = skip {
            lines.push(Line::raw(format!("    skipped: {why}")));
        }
    }
    if plan.kept > 0 {
        lines.push(Line::raw(format!(
            "  {} on the keep-list stay.",
            thousands(plan.kept)
        )));
    }
    if !plan.effects.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("What happens:", bold));
        for e in &plan.effects {
            lines.push(Line::raw(format!("  • {e}")));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "A backup is written first; u puts the cookies back.",
    ));
    lines.push(Line::styled("y delete · n cancel", bold));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, area.width.saturating_sub(8).min(76), h);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(" Delete ");
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(p, rect);
}
