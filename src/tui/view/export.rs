//! The export prompt: which cookies go, in which format, the path being typed, and (once
//! the file was found to exist) that Enter again replaces it. Values are secrets, so the
//! prompt says the file is created for its owner only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, thousands};
use crate::sanitize::for_terminal;
use crate::tui::app::ExportPrompt;

pub fn render_export(frame: &mut Frame<'_>, area: Rect, p: &ExportPrompt) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let n = p.entries.len();
    let which = if p.marked { "marked" } else { "in view" };
    let mut lines = vec![
        Line::styled(
            format!(
                "Export the {} cookie{} {which}, values included?",
                thousands(n),
                if n == 1 { "" } else { "s" }
            ),
            bold,
        ),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Format: ", bold),
            Span::raw(p.kind.label()),
        ]),
        Line::from(vec![
            Span::styled("File:   ", bold),
            Span::styled(
                format!("{}▏", for_terminal(&p.path)),
                Style::default().add_modifier(Modifier::UNDERLINED),
            ),
        ]),
        Line::raw(""),
    ];
    if p.replace {
        lines.push(Line::styled(
            "That file exists. Enter again replaces it; edit the path to keep it.",
            bold,
        ));
    } else {
        lines.push(Line::raw(
            "The file is created readable by you only; an existing file is not replaced \
             without asking. Values that could not be decrypted are left out.",
        ));
    }
    lines.push(Line::raw(""));
    let enter = if p.replace {
        "Enter replace"
    } else {
        "Enter write"
    };
    lines.push(Line::styled(
        format!("{enter} · Tab format · Esc cancel"),
        bold,
    ));
    let width = area.width.saturating_sub(8).clamp(area.width.min(24), 64);
    let inner_w = usize::from(width.saturating_sub(2).max(1));
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_w))
        .sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = centered(area, width, h);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(" Export ");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
