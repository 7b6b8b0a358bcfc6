//! Rendering: one `render_*` per region, each reading `&App` only, into the regions
//! `layout::areas` gives (its doc has the sketch). Overlays (confirm, export, audit, help)
//! draw over the body. Nothing here changes state.

mod audit;
mod confirm;
mod cookies;
mod detail;
mod export;
mod header;
mod help;
mod sites;
mod status;

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Overlay};
use super::layout;
pub use super::layout::centered;
use crate::model::Category;

pub fn render(frame: &mut Frame<'_>, app: &App) {
    if !layout::fits(frame.area()) {
        render_too_small(frame);
        return;
    }
    let a = layout::areas(app, frame.area());
    header::render_header(frame, a.header, app);
    sites::render_sites(frame, &a, app);
    cookies::render_cookies(frame, &a, app);
    detail::render_detail(frame, a.detail, app);
    status::render_status(frame, a.status, app);
    status::render_footer(frame, a.footer, app);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help::render_help(frame, app),
        Overlay::Confirm(plan) => confirm::render_confirm(frame, a.body, app, plan),
        Overlay::Export(p) => export::render_export(frame, a.body, p),
        Overlay::Audit(v) => audit::render_audit(frame, a.body, app, v),
    }
}

/// Below the minimum size the panes would be fragments: say what size is needed instead.
fn render_too_small(frame: &mut Frame<'_>) {
    let area = frame.area();
    let (w, h) = layout::MIN_SIZE;
    let text = vec![
        Line::raw("terminal too small"),
        Line::raw(format!(
            "(need {w}×{h}, now {}×{})",
            area.width, area.height
        )),
        Line::raw("q quits"),
    ];
    let rect = centered(area, area.width, 3.min(area.height));
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// The colour of a category, the same in tabs, site marks and cookie rows. `NO_COLOR`
/// turns every colour off.
pub fn category_style(app: &App, c: Category) -> Style {
    if !app.color {
        return Style::default();
    }
    Style::default().fg(match c {
        Category::Necessary => Color::Green,
        Category::Preferences => Color::Blue,
        Category::Statistics => Color::Yellow,
        Category::Marketing => Color::Red,
        Category::Unknown => Color::Gray,
    })
}

/// Selected-row style: reversed works without colour too.
pub fn selected_style(app: &App, focused: bool) -> Style {
    match (focused, app.color) {
        (true, _) => Style::default().add_modifier(Modifier::REVERSED),
        (false, true) => Style::default()
            .add_modifier(Modifier::BOLD)
            .fg(Color::Cyan),
        (false, false) => Style::default().add_modifier(Modifier::BOLD),
    }
}

/// One-letter mark of a category for the sites pane.
pub fn category_letter(c: Category) -> char {
    match c {
        Category::Necessary => 'N',
        Category::Preferences => 'P',
        Category::Statistics => 'S',
        Category::Marketing => 'M',
        Category::Unknown => 'U',
    }
}

/// Two-letter browser mark for the narrow sites pane.
pub fn browser_mark(b: crate::model::Browser) -> &'static str {
    use crate::model::Browser as B;
    match b {
        B::Firefox => "Fx",
        B::LibreWolf => "LW",
        B::Waterfox => "Wf",
        B::Zen => "Zn",
        B::Chrome => "Ch",
        B::Chromium => "Cr",
        B::Brave => "Br",
        B::Edge => "Ed",
        B::Vivaldi => "Vi",
        B::Opera => "Op",
        B::Safari => "Sf",
    }
}

/// `100000` → `100,000`.
/// " 12/340 " for the bottom border of a list whose `len` rows do not all fit in `rows`:
/// where the selection is in the whole list. `None` when everything is on screen.
pub fn list_position(sel: usize, len: usize, rows: usize) -> Option<Line<'static>> {
    (len > rows && len > 0)
        .then(|| Line::raw(format!(" {}/{} ", thousands(sel + 1), thousands(len))).right_aligned())
}

pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
