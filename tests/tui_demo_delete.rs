//! `--demo` works on a private copy: delete and undo through `step` with the real
//! services change the demo's own temporary store, and the backup goes to a folder
//! inside the demo's temporary folder, never the person's backups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use crumbs::model::UnixMicros;
use crumbs::policy::{Policies, PolicyOptions};
use crumbs::select::{self, DemoFallback, StoreSelection};
use crumbs::store::ReadOptions;
use crumbs::tui::action::{Action, Command, Pane};
use crumbs::tui::app::{App, Overlay};
use crumbs::tui::{RealServices, Services, step};

/// The demo selection (it owns the temporary folder) and the real services on it.
fn demo_services() -> (select::Selected, RealServices) {
    let selection = StoreSelection {
        paths: Vec::new(),
        browsers: Vec::new(),
        profiles: Vec::new(),
        demo: true,
    };
    let selected = select::select(&selection, DemoFallback::Never).unwrap();
    let policies = Policies::load(&PolicyOptions {
        extra_files: Vec::new(),
        user_dir: false,
    })
    .unwrap();
    let services = RealServices::new(
        selected.stores.clone(),
        ReadOptions { decrypt: false },
        policies,
    );
    (selected, services)
}

#[test]
fn delete_and_undo_work_on_the_private_demo_copy() {
    let (selected, mut services) = demo_services();
    let store = selected.stores[0].clone();
    let backups = crumbs::demo::backups_dir(&store).unwrap();
    assert!(backups.starts_with(store.profile_dir.parent().unwrap()));
    let mut app = App::new(services.reload(), UnixMicros::now());
    let before = app.index.live();
    let run = |app: &mut App, s: &mut RealServices, c: Command| step(app, s, Action::Run(c));
    run(&mut app, &mut services, Command::FocusCookies);
    assert_eq!(app.focus, Pane::Cookies);
    run(&mut app, &mut services, Command::RequestDelete);
    assert!(matches!(app.overlay, Overlay::Confirm(_)), "{}", app.status);
    run(&mut app, &mut services, Command::ConfirmDelete);
    assert!(app.status.starts_with("Deleted 1 cookie"), "{}", app.status);
    assert_eq!(services.reload().entries.len(), before - 1);
    assert!(
        std::fs::read_dir(&backups).unwrap().count() > 0,
        "the backup is in the demo's private folder"
    );
    run(&mut app, &mut services, Command::Undo);
    assert!(
        app.status.starts_with("Put back 1 cookie"),
        "{}",
        app.status
    );
    assert_eq!(app.index.live(), before);
}

/// With any other backup folder (the person's own, as `crumbs delete` uses) the demo
/// store is still refused.
#[test]
fn the_demo_is_refused_with_any_other_backup_folder() {
    use crumbs::store::backup::BackupRoot;
    use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
    let (_selected, mut services) = demo_services();
    let inv = services.reload();
    let elsewhere = tempfile::tempdir().unwrap();
    let plan = DeletePlan::build([&inv.entries[0].cookie], "test".into());
    let report = execute(plan, &BackupRoot::new(elsewhere.path().join("backups"))).unwrap();
    assert!(
        matches!(&report.outcomes[0], StoreOutcome::Skipped { reason, .. } if reason.contains("demo")),
        "{:?}",
        report.outcomes
    );
    assert_eq!(services.reload().entries.len(), inv.entries.len());
}
