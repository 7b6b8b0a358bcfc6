//! Driving whole screens: scripted keys through the real key map and `step`, drawn into
//! a `TestBackend`. The snapshot assertions stay in each test file, so snapshot names keep
//! the test file's prefix.

use crumbs::tui::action::Action;
use crumbs::tui::app::App;
use crumbs::tui::{keymap, step, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{FakeServices, app};

pub fn key(token: &str) -> KeyEvent {
    let code = match token {
        "<Enter>" => KeyCode::Enter,
        "<Esc>" => KeyCode::Esc,
        "<Tab>" => KeyCode::Tab,
        "<Down>" => KeyCode::Down,
        "<Bksp>" => KeyCode::Backspace,
        t => KeyCode::Char(t.chars().next().unwrap()),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn tokens(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_uppercase()) {
            let mut t = String::from("<");
            for n in chars.by_ref() {
                t.push(n);
                if n == '>' {
                    break;
                }
            }
            out.push(t);
        } else {
            out.push(c.to_string());
        }
    }
    out
}

/// Sends `script` through the key map and `step`, performing effects on `services` the
/// way the runner does.
pub fn press(app: &mut App, services: &mut FakeServices, script: &str) {
    for t in tokens(script) {
        if let Some(action) = keymap::action_for(app.mode(), key(&t)) {
            step(app, services, action);
        }
    }
}

pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    t
}

/// The fixture app at `w`×`h` after `script`, drawn.
pub fn drive(script: &str, w: u16, h: u16) -> (App, FakeServices, Terminal<TestBackend>) {
    drive_app(app(), script, w, h)
}

/// [`drive`] from another app than the fixture's.
pub fn drive_app(
    mut app: App,
    script: &str,
    w: u16,
    h: u16,
) -> (App, FakeServices, Terminal<TestBackend>) {
    let mut fake = FakeServices::default();
    step(
        &mut app,
        &mut fake,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    press(&mut app, &mut fake, script);
    let t = draw(&app, w, h);
    (app, fake, t)
}

/// Every text row of the screen, top to bottom.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}
