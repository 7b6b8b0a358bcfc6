//! The Trackers tab and `crumbs clean --trackers` select the same cookies: `D` on the tab
//! previews exactly the ids `clean --trackers --dry-run --json` plans, on copies of the
//! real-browser fixtures (keep-list and sign-in rules included, as both use one
//! `DeletePreview`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

#[path = "hardening_support.rs"]
mod support;

use crumbs::inventory::Inventory;
use crumbs::model::UnixMicros;
use crumbs::policy::{Policies, PolicyOptions};
use crumbs::select::{self, DemoFallback, StoreSelection};
use crumbs::store::ReadOptions;
use crumbs::tui::action::{Action, Command};
use crumbs::tui::app::{App, Overlay, TRACKERS_TAB};
use crumbs::tui::update::update;
use serde_json::Value;
use support::{Sandbox, both_stores};

#[test]
fn trackers_tab_delete_previews_what_clean_trackers_plans() {
    let sb = Sandbox::new();
    let stores = both_stores(sb.work.path());
    let s: Vec<&str> = stores.iter().map(|p| p.to_str().unwrap()).collect();
    let run = sb.run(&[
        "clean",
        "--trackers",
        "--dry-run",
        "--json",
        "--store",
        s[0],
        "--store",
        s[1],
    ]);
    run.assert_ok();
    let plan: Value = serde_json::from_str(&run.stdout_text()).unwrap();
    let mut cli: Vec<String> = plan["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    cli.sort();
    assert!(!cli.is_empty(), "{plan}");

    let selection = StoreSelection {
        paths: stores.to_vec(),
        browsers: Vec::new(),
        profiles: Vec::new(),
        demo: false,
    };
    let selected = select::select(&selection, DemoFallback::Never).unwrap();
    let policies = Policies::load(&PolicyOptions {
        extra_files: Vec::new(),
        user_dir: false,
    })
    .unwrap();
    let inventory = Inventory::load(
        selected.stores.clone(),
        &ReadOptions { decrypt: false },
        &policies,
    );
    let mut app = App::new(inventory, UnixMicros::now());
    update(
        &mut app,
        Action::Run(Command::SelectTab(TRACKERS_TAB as u8)),
    );
    update(&mut app, Action::Run(Command::RequestDeleteView));
    let Overlay::Confirm(preview) = &app.overlay else {
        panic!("no confirmation: {}", app.status);
    };
    let mut ui: Vec<String> = preview
        .cookies(&app.entries)
        .map(|c| c.id().to_string())
        .collect();
    ui.sort();
    assert_eq!(ui, cli);
    assert_eq!(
        preview.sign_in_left_out,
        plan["sign_in_left_out"].as_u64().unwrap() as usize
    );
}
