//! The audit in the UI: on the real-browser fixtures classified by the built-in policies,
//! a cookie its site's policy does not declare carries `!` before its name, and its
//! explanation says so in the "Site policy" line (whole screens, insta).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use crumbs::inventory::Inventory;
use crumbs::model::UnixMicros;
use crumbs::policy::Policies;
use crumbs::store::{ReadOptions, sniff};
use crumbs::tui::action::{Action, Command};
use crumbs::tui::app::App;
use crumbs::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Shortly after the fixtures were made (MANIFEST `generated_unix`).
const NOW: UnixMicros = UnixMicros(1_795_923_000_000_000);

fn fixture_app(work: &std::path::Path) -> App {
    let stores = support::both_stores(work)
        .iter()
        .map(|p| sniff::open_path(p).unwrap())
        .collect();
    let policies = Policies::builtin().unwrap();
    let inv = Inventory::load(stores, &ReadOptions { decrypt: false }, &policies);
    let mut app = App::new(inv, NOW);
    app.color = false;
    update::update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    app
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    format!("{}", t.backend())
}

#[test]
fn undeclared_mark_and_site_policy_line() {
    let work = tempfile::tempdir().unwrap();
    let mut app = fixture_app(work.path());
    update::update(&mut app, Action::Run(Command::StartFilter));
    for c in "_ga".chars() {
        update::update(&mut app, Action::Type(c));
    }
    update::update(&mut app, Action::Run(Command::AcceptFilter));
    for _ in 0..4 {
        update::update(&mut app, Action::Run(Command::ScrollDetailDown));
    }
    let text = screen(&app);
    assert!(text.contains("!_ga"), "{text}");
    assert!(text.contains("Not declared in"), "{text}");
    let work_path = work.path().display().to_string();
    insta::assert_snapshot!("audit_undeclared_mark", text.replace(&work_path, "[work]"));
}
