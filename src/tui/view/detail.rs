//! Detail pane: the selected cookie's `Explanation` as written by `crate::explain` (not
//! reworded), then its value, masked unless the person revealed values.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::explain::explain;
use crate::inventory::Entry;
use crate::model::CookieValue;
use crate::sanitize::{bytes_for_terminal, for_terminal};
use crate::tui::app::App;

const MASK: &str = "••••••";

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
    let entry = &app.entries[i];
    let ex = explain(entry, app.now);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // Title and value first: long explanations wrap and may run past the pane's bottom.
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
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((app.detail_offset(), 0))
        .block(block);
    frame.render_widget(p, area);
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
