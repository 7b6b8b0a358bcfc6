//! The terminal UI: state, actions, key map as data, geometry, rendering, and the runner
//! that ties them to a terminal. The runner draws, reads one event, maps it through the
//! key map, and hands the action to [`step`], which calls the pure `update` and performs
//! the returned effects through [`Services`]; it never runs SQL itself. `update` and
//! `view` both depend on `layout`, never on each other.

pub mod action;
pub mod app;
pub mod choices;
mod headless;
pub mod index;
pub mod keymap;
mod launch;
pub mod layout;
pub mod marks;
mod plan;
pub mod prompt;
mod services;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Paragraph;

use crate::inventory::Inventory;
use crate::model::{Cookie, UnixMicros};
use crate::policy::Policies;
use crate::select::Selected;
use crate::store::ReadOptions;
use action::{Action, DeleteOutcome, Effect, ExportError, ExportOutcome, KeepTarget};
use app::App;
use index::Index;

pub use headless::headless;
pub use launch::launch;
pub use services::{RealServices, write_export};

/// What was decided before the UI opens.
#[derive(Debug, Default)]
pub struct TuiOptions {
    /// Stores to read, chosen by [`crate::select`] (the demo store included when it
    /// stands in; this value owns its folder).
    pub stores: Selected,
    pub policies: Policies,
    pub read: ReadOptions,
}

/// Everything the UI asks of the outside world. The real implementation calls the
/// library's deleter, undo and keep-list; tests use a fake.
pub trait Services {
    /// Deletes exactly these cookies (with a backup); `description` is recorded with it.
    fn delete(&mut self, cookies: &[Cookie], description: &str) -> Result<DeleteOutcome, String>;
    /// Undoes `backup` (or the newest backup); returns a one-line summary.
    fn undo(&mut self, backup: Option<&str>) -> Result<String, String>;
    /// Reads every store again.
    fn reload(&mut self) -> Inventory;
    /// Reads the dated visits of the profiles of `stores` (the real services call
    /// [`crate::audit::History::read`]).
    fn history(&mut self, stores: &[crate::inventory::StoreStatus]) -> crate::audit::History;
    /// Flips `target` on the keep-list and saves it; returns whether it is now kept.
    fn toggle_keep(&mut self, target: &KeepTarget) -> Result<bool, String>;
    /// The keep-list as loaded (empty when there is none or it cannot be read).
    fn keeps(&mut self) -> crate::keeplist::KeepList;
    /// Writes `cookies`, values as loaded, to a new owner-only file at `path` (an existing
    /// file only with `force`), leaving out expired ones as of `now`. The real services
    /// call [`write_export`].
    fn export(
        &mut self,
        cookies: &[&Cookie],
        path: &str,
        format: crate::export::Format,
        force: bool,
        now: UnixMicros,
    ) -> Result<ExportOutcome, ExportError>;
}

/// Opens the UI on `opts` and returns when the person quits. The terminal is restored on
/// every path out, panics included.
pub fn run(opts: TuiOptions) -> anyhow::Result<()> {
    let selected = opts.stores;
    let policies = opts.policies.clone();
    let mut services = RealServices::new(selected.stores.clone(), opts.read, opts.policies);
    install_mouse_panic_hook();
    let mut terminal = ratatui::try_init()?;
    let result = MouseCapture::enable().and_then(|_guard| {
        let (inventory, index) = load_with_progress(&mut terminal, &services)?;
        let mut app = App::with_index(inventory, index, UnixMicros::now());
        app.keep = services.keeps();
        app.policies = policies;
        let size = terminal.size()?;
        step(
            &mut app,
            &mut services,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        run_loop(&mut terminal, &mut app, &mut services, event::read)
    });
    ratatui::restore();
    drop(selected);
    Ok(result?)
}

/// Reads the stores on a worker thread and shows a progress line if that takes more than
/// 150 ms, so a quick start never flickers.
fn load_with_progress<B: Backend>(
    terminal: &mut Terminal<B>,
    services: &RealServices,
) -> io::Result<(Inventory, Index)> {
    let (tx, rx) = mpsc::channel();
    let job = services.loader();
    let n = job.store_count();
    std::thread::spawn(move || {
        let _ = tx.send(job.load_indexed());
    });
    match rx.recv_timeout(Duration::from_millis(150)) {
        Ok(inv) => return Ok(inv),
        Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Default::default()),
        Err(mpsc::RecvTimeoutError::Timeout) => {}
    }
    let text = format!(
        " crumbs: reading {n} cookie store{}…",
        if n == 1 { "" } else { "s" }
    );
    terminal
        .draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(rx.recv().unwrap_or_default())
}

/// The event loop, generic over the terminal backend and the event source so tests can
/// drive it with scripted events.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    services: &mut dyn Services,
    mut next_event: impl FnMut() -> io::Result<Event>,
) -> io::Result<()> {
    while !app.quit {
        terminal
            .draw(|f| view::render(f, app))
            .map_err(|e| io::Error::other(e.to_string()))?;
        let size = terminal
            .size()
            .map_err(|e| io::Error::other(e.to_string()))?;
        let area = Rect::new(0, 0, size.width, size.height);
        if let Some(action) = to_action(app, next_event()?, area) {
            step(app, services, action);
        }
    }
    Ok(())
}

/// One action through `update`, then each effect it asks for through `services`, feeding
/// every outcome back to `update` until nothing is left to do. The run loop and the tests
/// both go through here.
pub fn step(app: &mut App, services: &mut dyn Services, action: Action) {
    let mut queue: VecDeque<Effect> = update::update(app, action).into();
    while let Some(effect) = queue.pop_front() {
        if let Some(result) = perform(app, services, effect) {
            queue.extend(update::update(app, result));
        }
    }
}

/// Turns a terminal event into an action.
pub fn to_action(app: &App, ev: Event, area: Rect) -> Option<Action> {
    match ev {
        Event::Key(key) => keymap::action_for(app.mode(), key),
        Event::Resize(w, h) => Some(Action::Resize {
            width: w,
            height: h,
        }),
        Event::Mouse(m) => mouse_action(app, m, area),
        _ => None,
    }
}

/// A click or wheel turn over a list selects or moves; the wheel over the explanation
/// scrolls it like `{`/`}`. While an overlay is open the lists behind it stay as they are:
/// the wheel scrolls the help or the audit, and clicks do nothing.
fn mouse_action(app: &App, m: MouseEvent, area: Rect) -> Option<Action> {
    if !layout::fits(area) {
        return None;
    }
    let a = layout::areas(app, area);
    let at = Position::new(m.column, m.row);
    let wheel = match m.kind {
        MouseEventKind::ScrollDown => Some(1),
        MouseEventKind::ScrollUp => Some(-1),
        _ => None,
    };
    match (&app.overlay, wheel) {
        (app::Overlay::None, _) => {}
        (app::Overlay::Help | app::Overlay::Audit(_), Some(1)) => {
            return Some(Action::Run(action::Command::OverlayDown));
        }
        (app::Overlay::Help | app::Overlay::Audit(_), Some(_)) => {
            return Some(Action::Run(action::Command::OverlayUp));
        }
        _ => return None,
    }
    if a.detail.contains(at) {
        return wheel.map(|sign| Action::ScrollDetail {
            lines: sign * layout::DETAIL_STEP,
        });
    }
    if let Some(sign) = wheel {
        return a.pane_at(at).map(|pane| Action::Scroll {
            pane,
            lines: sign * layout::WHEEL_STEP,
        });
    }
    if m.kind != MouseEventKind::Down(MouseButton::Left) {
        return None;
    }
    a.row_at(at).map(|(pane, row)| Action::Click { pane, row })
}

/// Carries out one effect and returns the action that reports its result.
pub fn perform(app: &App, services: &mut dyn Services, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Reload => Some(Action::Loaded(Box::new(services.reload()))),
        Effect::ReadHistory => Some(Action::HistoryRead(Box::new(services.history(&app.stores)))),
        Effect::Delete {
            entries,
            description,
        } => {
            let cookies: Vec<Cookie> = entries
                .iter()
                .filter_map(|i| app.entries.get(*i as usize))
                .map(|e| e.cookie.clone())
                .collect();
            Some(match services.delete(&cookies, &description) {
                Ok(outcome) => Action::DeleteDone(outcome),
                Err(msg) => Action::Failed(msg),
            })
        }
        Effect::Undo(id) => Some(match services.undo(id.as_deref()) {
            Ok(msg) => Action::UndoDone(msg),
            Err(msg) => Action::Failed(msg),
        }),
        Effect::ToggleKeep(target) => Some(match services.toggle_keep(&target) {
            Ok(kept) => Action::KeepToggled { target, kept },
            Err(msg) => Action::Failed(msg),
        }),
        Effect::Export {
            entries,
            path,
            format,
            force,
        } => {
            let mut cookies: Vec<&Cookie> = entries
                .iter()
                .filter_map(|i| app.entries.get(*i as usize))
                .map(|e| &e.cookie)
                .collect();
            // The order `crumbs export` writes in.
            cookies.sort_by(|a, b| {
                (&a.site, a.bare_host(), &a.name).cmp(&(&b.site, b.bare_host(), &b.name))
            });
            Some(
                match services.export(&cookies, &path, format, force, app.now) {
                    Ok(outcome) => Action::Exported(outcome),
                    Err(ExportError::Exists) => Action::ExportExists(path),
                    Err(ExportError::Failed(msg)) => Action::Failed(msg),
                },
            )
        }
    }
}

/// Mouse reporting is on while this lives; `Drop` turns it off on every way out.
struct MouseCapture;

impl MouseCapture {
    fn enable() -> io::Result<MouseCapture> {
        ratatui::crossterm::execute!(io::stdout(), event::EnableMouseCapture)?;
        Ok(MouseCapture)
    }
}

impl Drop for MouseCapture {
    fn drop(&mut self) {
        // Inside Drop: report nothing, never panic; the terminal is being restored anyway.
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableMouseCapture);
    }
}

/// Installed before ratatui's own hook (which restores raw mode and the screen, then calls
/// this one), so a panic also turns mouse reporting off.
fn install_mouse_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableMouseCapture);
        previous(info);
    }));
}
