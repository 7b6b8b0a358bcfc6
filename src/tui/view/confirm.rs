//! Confirm overlay for a [`DeletePreview`]: how many cookies per browser/profile, which
//! stores will be skipped and why, what is held back (keep-list, sign-in cookies), what
//! deleting does, and the sites and names that go. The answer line is laid out first, at
//! the bottom, so a small terminal cuts the list, never the question; `y` is offered only
//! when something can be deleted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{centered, thousands};
use crate::preview::{DeletePreview, SiteGroup};
use crate::sanitize::for_terminal;
use crate::tui::app::App;

/// Consequences listed before "…": the first few say what matters.
const EFFECTS_SHOWN: usize = 6;
/// Cookie names shown per site line.
const NAMES_SHOWN: usize = 4;

pub fn render_confirm(frame: &mut Frame<'_>, area: Rect, _app: &App, plan: &DeletePreview) {
    let answer = answer_lines(plan);
    let width = area.width.saturating_sub(8).min(76).max(area.width.min(24));
    let inner_w = width.saturating_sub(2).max(1);
    let room = area.height.saturating_sub(2 + answer.len() as u16);
    let body = fit(body_lines(plan), inner_w, room);
    let body_h = rows(&body, inner_w);
    let h = (body_h + answer.len() as u16 + 2).min(area.height);
    let rect = centered(area, width, h);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(" Delete ");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(answer.len() as u16)])
            .areas(inner);
    frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: false }), top);
    frame.render_widget(Paragraph::new(answer), bottom);
}

/// The question's answer line(s), always shown whole.
fn answer_lines(plan: &DeletePreview) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if plan.deletable() == 0 {
        return vec![
            Line::raw("Nothing can be deleted while its browser runs."),
            Line::styled("n close", bold),
        ];
    }
    vec![
        Line::raw("A backup is written first; u puts them back."),
        Line::styled("y delete · n cancel", bold),
    ]
}

fn body_lines(plan: &DeletePreview) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let n = plan.len();
    let mut lines = vec![
        Line::styled(
            format!(
                "Delete {} cookie{} ({})?",
                thousands(n),
                if n == 1 { "" } else { "s" },
                plan.description
            ),
            bold,
        ),
        Line::raw(""),
    ];
    for s in &plan.stores {
        let browser = s.store.browser.display_name();
        lines.push(Line::raw(format!(
            "  {browser} / {}: {}",
            for_terminal(&s.store.profile),
            thousands(s.cookies)
        )));
        if let Some(how) = &s.running {
            lines.push(Line::raw(format!(
                "    skipped: {browser} is running on this profile ({}); close it first",
                for_terminal(how)
            )));
        }
    }
    if plan.kept > 0 {
        lines.push(Line::raw(format!(
            "  {} on the keep-list stay.",
            thousands(plan.kept)
        )));
    }
    if plan.sign_in_left_out > 0 {
        lines.push(Line::raw(format!(
            "  {} sign-in cookie{} (deleting signs you out); to delete one on purpose, select it and press d.",
            thousands(plan.sign_in_left_out),
            if plan.sign_in_left_out == 1 { " stays" } else { "s stay" },
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Goes:", bold));
    lines.extend(plan.sites.iter().map(site_line));
    if !plan.effects.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("What happens:", bold));
        for (e, _) in plan.effects.iter().take(EFFECTS_SHOWN) {
            lines.push(Line::raw(format!("  • {}", for_terminal(&e.sentence()))));
        }
        if plan.effects.len() > EFFECTS_SHOWN {
            lines.push(Line::raw(format!(
                "  • and {} more",
                plan.effects.len() - EFFECTS_SHOWN
            )));
        }
    }
    lines
}

fn site_line(g: &SiteGroup) -> Line<'static> {
    Line::raw(format!(
        "  {} ({}): {}",
        for_terminal(&g.site),
        thousands(g.cookies),
        g.names_text(NAMES_SHOWN)
    ))
}

/// Screen rows `lines` take when wrapped at `width`.
fn rows(lines: &[Line<'_>], width: u16) -> u16 {
    lines.iter().map(|l| line_rows(l, width)).sum()
}

fn line_rows(line: &Line<'_>, width: u16) -> u16 {
    let w = line.width().max(1);
    u16::try_from(w.div_ceil(usize::from(width.max(1)))).unwrap_or(u16::MAX)
}

/// The first lines of `lines` that fit in `room` rows; when some are cut, the last row
/// says how many sites (or lines) were left out, so a cut list never looks complete.
fn fit(lines: Vec<Line<'static>>, width: u16, room: u16) -> Vec<Line<'static>> {
    if rows(&lines, width) <= room {
        return lines;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for line in &lines {
        let r = line_rows(line, width);
        if used + r + 1 > room {
            break;
        }
        used += r;
        out.push(line.clone());
    }
    let left = lines.len() - out.len();
    if room > 0 {
        out.push(Line::raw(format!(
            "  … {left} more line{}",
            if left == 1 { "" } else { "s" }
        )));
    }
    out
}
