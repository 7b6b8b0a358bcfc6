//! Rendering: one `render_*` per region, each reading `&App` only. Layout:
//!
//! ```text
//! ┌ header: crumbs · stores · party ───────────────────────────────┐  2 rows
//! │ All 40 │ Necessary 9 │ Preferences 4 │ … tabs with counts      │
//! ├ sites (38 %, ≥ 30 cols) ┬ cookies of the selected site ──────────┤  Min(6)
//! │ site  n  NPSMU  ff    │ name  category  party  expires  flags  │  35 %
//! │                       ├ detail: explanation + masked value ────┤
//! │                       │                                        │  65 %
//! ├ status: filter · "553 of 100,000 cookies" · last action ───────┤  1 row
//! └ footer: generated from the key map ────────────────────────────┘  1 row
//! ```
//! Overlays (confirm, help) draw over the body. Nothing here changes state.

mod confirm;
mod cookies;
mod detail;
mod header;
mod help;
mod sites;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::app::{App, Overlay};
use crate::model::Category;
pub use detail::max_offset as detail_max_offset;

/// Where each region sits for a given terminal size.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub header: Rect,
    pub sites: Rect,
    pub cookies: Rect,
    pub detail: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The layout; the runner uses the same function to map mouse clicks to rows.
pub fn layout(area: Rect) -> Areas {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let sites_w = (area.width * 38 / 100).max(30).min(area.width);
    let [sites, right] =
        Layout::horizontal([Constraint::Length(sites_w), Constraint::Min(10)]).areas(body);
    let [cookies, detail] =
        Layout::vertical([Constraint::Percentage(35), Constraint::Percentage(65)]).areas(right);
    Areas {
        header,
        sites,
        cookies,
        detail,
        body,
        status,
        footer,
    }
}

pub fn render(frame: &mut Frame<'_>, app: &App) {
    let a = layout(frame.area());
    header::render_header(frame, a.header, app);
    sites::render_sites(frame, a.sites, app);
    cookies::render_cookies(frame, a.cookies, app);
    detail::render_detail(frame, a.detail, app);
    status::render_status(frame, a.status, app);
    status::render_footer(frame, a.footer, app);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help::render_help(frame, a.body, app),
        Overlay::Confirm(plan) => confirm::render_confirm(frame, a.body, app, plan),
    }
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
