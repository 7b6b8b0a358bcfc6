//! The UI without a terminal, for timing it end to end (`crumbs --headless KEYS`, hidden
//! from `--help`; see docs/benchmarks.md). The stores are read and the first screen is
//! drawn exactly as [`super::run`] does, but into an in-memory screen; then each key of
//! KEYS goes through the same key map, `update` and redraw. Prints the first screen, then
//! one line per key with the microseconds from key to finished redraw, then the peak
//! resident memory. Never touches the terminal, so it runs under a benchmark's pipe.

use std::io::Write;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::{RealServices, Services, step, to_action, view};
use crate::model::UnixMicros;
use crate::policy::Policies;
use crate::select::{self, DemoFallback, StoreSelection};
use crate::store::ReadOptions;

/// The in-memory screen: a common terminal size.
const SIZE: (u16, u16) = (120, 40);

/// Runs the UI on an in-memory screen, pressing `keys` ([`parse_keys`]).
pub fn headless(selection: &StoreSelection, policies: Policies, keys: &str) -> anyhow::Result<()> {
    let keys = parse_keys(keys)?;
    let selected = select::select(selection, DemoFallback::WhenNothingFound)?;
    selected.print_warnings();
    let mut services = RealServices::new(
        selected.stores.clone(),
        ReadOptions { decrypt: true },
        policies,
    );
    let (width, height) = SIZE;
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    let (inv, index) = services.loader().load_indexed();
    let mut app = App::with_index(inv, index, UnixMicros::now());
    app.keep = services.keeps();
    step(&mut app, &mut services, Action::Resize { width, height });
    terminal.draw(|f| view::render(f, &app))?;

    let mut out = std::io::stdout().lock();
    for line in screen_lines(terminal.backend()) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "first-screen")?;
    out.flush()?;

    let area = Rect::new(0, 0, width, height);
    for key in keys {
        let t = Instant::now();
        if let Some(action) = to_action(&app, Event::Key(key), area) {
            step(&mut app, &mut services, action);
        }
        terminal.draw(|f| view::render(f, &app))?;
        writeln!(out, "key-us {}", t.elapsed().as_micros())?;
    }
    match peak_rss_kib() {
        Some(kib) => writeln!(out, "peak-rss-kib {kib}")?,
        None => writeln!(out, "peak-rss-kib unavailable")?,
    }
    out.flush()?;
    Ok(())
}

/// Keys as typed: each character is that key, and `<bs>`, `<tab>`, `<esc>`, `<enter>`,
/// `<down>`, `<up>` name the others.
pub fn parse_keys(s: &str) -> anyhow::Result<Vec<KeyEvent>> {
    let mut keys = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let code = match &rest[1..end] {
                "bs" => KeyCode::Backspace,
                "tab" => KeyCode::Tab,
                "esc" => KeyCode::Esc,
                "enter" => KeyCode::Enter,
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                other => anyhow::bail!("unknown key <{other}>"),
            };
            keys.push(KeyEvent::new(code, KeyModifiers::NONE));
            rest = &rest[end + 1..];
        } else {
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

fn screen_lines(backend: &TestBackend) -> Vec<String> {
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// This process's peak resident memory (Linux `VmHWM`).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_with_named_ones() {
        let keys = parse_keys("j/a<bs><tab>").unwrap();
        let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
        assert_eq!(
            codes,
            vec![
                KeyCode::Char('j'),
                KeyCode::Char('/'),
                KeyCode::Char('a'),
                KeyCode::Backspace,
                KeyCode::Tab
            ]
        );
        assert!(parse_keys("<f13>").is_err());
        // A lone `<` is the key itself.
        assert_eq!(parse_keys("<").unwrap()[0].code, KeyCode::Char('<'));
    }
}
