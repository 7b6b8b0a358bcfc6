//! The overlays that scroll (help and audit): their lines, where they sit, and how far
//! they can scroll on the screen `update` last heard of. The view draws these lines in
//! these rectangles; `update` clamps the scroll with [`max_offset`]. Nothing here changes
//! state.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::explanation::wrapped;
use crate::audit::{NOT_SEEN_NOTE, Part, Summary};
use crate::sanitize::for_terminal;
use crate::tui::app::{App, AuditView, Overlay};
use crate::tui::keymap::{self, Mode};

/// A rectangle of `w`×`h` centred in `area`, clipped to it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Columns of a help row: the keys, padded, then the sentence.
const KEYS_W: usize = 9;

/// The help box: the whole screen height, at most 100 columns.
pub fn help_rect(screen: Rect) -> Rect {
    centered(screen, 100, screen.height)
}

/// The two columns inside the help box.
pub fn help_columns(inner: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner)
}

/// The help text in two columns for `rows` rows: browsing keys on the left, the other
/// modes on the right. What the left cannot hold continues at the bottom of the right, so
/// the columns end as evenly as they can; when even that is taller than `rows`, both
/// scroll together.
pub fn help_lines(rows: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let mut left = section(Mode::Normal, "Browsing");
    let mut right = section(Mode::Filter, "While filtering");
    for (mode, title) in [
        (Mode::Confirm, "Confirming a delete"),
        (Mode::Export, "Exporting (x)"),
        (Mode::Audit, "The audit (A)"),
    ] {
        right.push(Line::raw(""));
        right.extend(section(mode, title));
    }
    right.push(Line::raw(""));
    right.push(Line::raw(" A category ending in ? is a guess."));
    right.push(Line::raw(" Ctrl-C always quits."));
    right.push(Line::raw(" Mouse: click selects, wheel scrolls."));
    let total = left.len() + right.len() + 1;
    let keep = rows.max(total.div_ceil(2));
    if left.len() > keep {
        let rest = left.split_off(keep);
        right.push(Line::raw(""));
        right.extend(rest);
    }
    (left, right)
}

fn section(mode: Mode, title: &'static str) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::styled(title, bold)];
    for (keys, help) in keymap::help(mode) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {keys:<KEYS_W$} "), bold),
            Span::raw(help),
        ]));
    }
    lines
}

/// The audit box over the body: a little narrower, as tall as its text up to the whole
/// body; and the rows that text takes inside it.
pub fn audit_rect(body: Rect, view: &AuditView) -> (Rect, u16) {
    let w = body.width.saturating_sub(4).min(96);
    let (_, rows) = wrapped(audit_lines(view), w.saturating_sub(2));
    (centered(body, w, rows.saturating_add(2)), rows)
}

/// The audit summary as lines: the verdict, the policy, then each part with its count.
pub fn audit_lines(view: &AuditView) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let s: &Summary = match view {
        AuditView::NoPolicy(site) => {
            return vec![
                Line::styled(
                    format!("No cookie policy known for {}.", for_terminal(site)),
                    bold,
                ),
                Line::raw(""),
                Line::raw(
                    "An audit sets a site's cookies against the cookie policy the site \
                     publishes; write one for it (see docs/policies.md) to audit it.",
                ),
            ];
        }
        AuditView::Site(s) => s,
    };
    let mut lines = vec![
        Line::styled(for_terminal(&s.verdict.line).into_owned(), bold),
        Line::raw(format!("Policy: {}", for_terminal(&s.policy))),
    ];
    for p in &s.parts {
        lines.push(Line::raw(""));
        let head = match p.part {
            Part::NotSeen if p.count > 0 => {
                format!("{} ({}), {NOT_SEEN_NOTE}", p.part.heading(), p.count)
            }
            Part::Consent => p.part.heading().to_string(),
            _ => format!("{} ({})", p.part.heading(), p.count),
        };
        lines.push(Line::styled(head, bold));
        if p.items.is_empty() {
            lines.push(Line::raw("  none"));
        }
        for item in &p.items {
            lines.push(Line::raw(format!("  {}", for_terminal(item))));
        }
    }
    lines
}

/// How far the open overlay can scroll on the screen `update` last heard of.
pub fn max_offset(app: &App) -> u16 {
    let (w, h) = app.screen;
    let screen = Rect::new(0, 0, w, h);
    let border = Block::default().borders(Borders::ALL);
    match &app.overlay {
        Overlay::Help => {
            let inner = border.inner(help_rect(screen));
            let (l, r) = help_lines(usize::from(inner.height));
            let tallest = u16::try_from(l.len().max(r.len())).unwrap_or(u16::MAX);
            tallest.saturating_sub(inner.height)
        }
        Overlay::Audit(view) => {
            let (rect, rows) = audit_rect(super::areas(app, screen).body, view);
            rows.saturating_sub(border.inner(rect).height)
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{PartSummary, SiteVerdict, Status};

    fn text(view: &AuditView) -> String {
        let lines: Vec<String> = audit_lines(view).iter().map(|l| l.to_string()).collect();
        lines.join("\n")
    }

    fn summary(not_seen: usize) -> AuditView {
        let part = |part, count, items: &[&str]| PartSummary {
            part,
            count,
            items: items.iter().map(|s| s.to_string()).collect(),
        };
        AuditView::Site(Summary {
            site: "example.org".into(),
            policy: "Example policy".into(),
            verdict: SiteVerdict {
                status: Status::AllDeclared,
                line: "example.org: the one cookie found is declared in its policy.".into(),
            },
            parts: vec![
                part(Part::Declared, 1, &["sid"]),
                part(Part::Undeclared, 0, &[]),
                part(Part::Contradicted, 0, &[]),
                part(Part::Consent, 0, &["No cookie found needs consent."]),
                match not_seen {
                    0 => part(Part::NotSeen, 0, &[]),
                    n => part(Part::NotSeen, n, &["lang, theme"]),
                },
            ],
        })
    }

    /// Empty parts say "none"; the note on what "not seen" means comes only with names.
    #[test]
    fn parts_have_counts_and_not_seen_says_why_when_it_lists_any() {
        let some = text(&summary(2));
        assert!(some.contains("Declared and found (1)\n  sid"), "{some}");
        assert!(
            some.contains("Found but not declared (0)\n  none"),
            "{some}"
        );
        assert!(
            some.contains(&format!(
                "Declared but not seen (2), {NOT_SEEN_NOTE}\n  lang, theme"
            )),
            "{some}"
        );
        let none = text(&summary(0));
        assert!(none.contains("Declared but not seen (0)\n  none"), "{none}");
        assert!(!none.contains(NOT_SEEN_NOTE), "{none}");
    }

    #[test]
    fn a_site_without_a_policy_is_named() {
        let t = text(&AuditView::NoPolicy("example.com".into()));
        assert!(
            t.starts_with("No cookie policy known for example.com."),
            "{t}"
        );
    }
}
