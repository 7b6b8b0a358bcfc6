//! `x` in the UI: the prompt (insta, 80×24), and real files written through the key map,
//! `step` and the export services: owner-only, holding exactly the cookies chosen (marked,
//! else the view), an existing file refused until a second Enter, Esc writing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crumbs::tui::app::{App, Overlay};
use crumbs::tui::keymap;
use crumbs::tui::step;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::screen::{draw, drive, press};
use tui_support::{FakeServices, app};

/// `x`, then the typed path in place of the one offered (Ctrl-U clears it).
fn open_with_path(app: &mut App, fake: &mut FakeServices, path: &Path) {
    press(app, fake, "x");
    assert!(
        matches!(app.overlay, Overlay::Export(_)),
        "x opens the prompt"
    );
    clear_path(app, fake);
    press(app, fake, &path.display().to_string());
}

/// Ctrl-U, through the key map.
fn clear_path(app: &mut App, fake: &mut FakeServices) {
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let action = keymap::action_for(app.mode(), ctrl_u).unwrap();
    step(app, fake, action);
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The cookie names in a cookies.txt, in file order.
fn names(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty() && (!l.starts_with('#') || l.starts_with("#HttpOnly_")))
        .map(|l| l.split('\t').nth(5).unwrap().to_string())
        .collect()
}

#[test]
fn the_prompt_at_80x24() {
    let (app, fake, t) = drive("x", 80, 24);
    let Overlay::Export(p) = &app.overlay else {
        panic!("no export prompt");
    };
    assert_eq!(p.path, "./cookies.txt");
    assert_eq!(p.entries.len(), app.visible.len());
    assert!(fake.exports.is_empty(), "opening writes nothing");
    insta::assert_snapshot!("export_prompt", t.backend());
}

#[test]
fn x_then_enter_writes_the_view_to_an_owner_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.txt");
    let mut app = app();
    let mut fake = FakeServices::default();
    // The view: the two cookies matching "sessionid", on two sites.
    press(&mut app, &mut fake, "/sessionid<Enter>");
    assert_eq!(app.visible.len(), 2);
    open_with_path(&mut app, &mut fake, &path);
    press(&mut app, &mut fake, "<Enter>");
    assert_eq!(app.overlay, Overlay::None, "{}", app.status);
    assert_eq!(mode(&path), 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File"), "{text}");
    // Wikipedia's session cookie has expired by the fixed clock: left out, and said.
    assert_eq!(names(&text), ["sessionid"]);
    assert_eq!(
        app.status,
        format!(
            "Exported 1 cookie to {} (1 left out: 1 expired)",
            path.display()
        )
    );
    assert_eq!(fake.exports, [(path.display().to_string(), false)]);
}

#[test]
fn marked_cookies_go_rather_than_the_view_and_tab_switches_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let mut fake = FakeServices::default();
    // Mark the two cookies matching "sessionid", then widen the view to everything.
    press(&mut app, &mut fake, "/sessionid<Enter>a<Esc>");
    assert_eq!(app.marked.len(), 2);
    assert!(app.visible.len() > 2);
    press(&mut app, &mut fake, "x<Tab>");
    let Overlay::Export(p) = &app.overlay else {
        panic!("no export prompt");
    };
    assert_eq!(
        p.path, "./cookies.json",
        "the offered name follows the format"
    );
    let path = dir.path().join("marked.json");
    clear_path(&mut app, &mut fake);
    press(&mut app, &mut fake, &format!("{}<Enter>", path.display()));
    assert_eq!(mode(&path), 0o600);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut got: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    // Of the two marked, Wikipedia's has expired by the fixed clock; nothing unmarked goes.
    assert_eq!(got, ["sessionid"]);
    assert!(
        app.status.ends_with("(1 left out: 1 expired)"),
        "{}",
        app.status
    );
}

#[test]
fn an_existing_file_is_refused_until_a_second_enter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cookies.txt");
    std::fs::write(&path, "keep me").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut app = app();
    let mut fake = FakeServices::default();
    open_with_path(&mut app, &mut fake, &path);
    press(&mut app, &mut fake, "<Enter>");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    assert_eq!(app.status, format!("{} already exists", path.display()));
    let Overlay::Export(p) = &app.overlay else {
        panic!("the prompt stays open");
    };
    assert!(p.replace);
    let text = tui_support::screen::rows(&draw(&app, 100, 30)).join("\n");
    assert!(text.contains("Enter again replaces it"), "{text}");
    assert!(text.contains("Enter replace"), "{text}");
    // Editing the path takes the warning back: the next Enter is a first one again.
    press(&mut app, &mut fake, "x<Bksp>");
    let Overlay::Export(p) = &app.overlay else {
        panic!("the prompt stays open");
    };
    assert!(!p.replace);
    press(&mut app, &mut fake, "<Enter><Enter>");
    assert_eq!(
        fake.exports,
        [
            (path.display().to_string(), false),
            (path.display().to_string(), false),
            (path.display().to_string(), true),
        ]
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File"));
    assert_eq!(mode(&path), 0o600, "a replaced file is owner-only too");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn esc_cancels_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("never.txt");
    let mut app = app();
    let mut fake = FakeServices::default();
    open_with_path(&mut app, &mut fake, &path);
    press(&mut app, &mut fake, "<Esc>");
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.status, "Nothing exported");
    assert!(fake.exports.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Keys typed into the path did not reach the filter or the key map.
    assert!(app.query.is_empty() && app.marked.is_empty());
}

#[test]
fn a_failed_write_is_one_status_line_and_the_prompt_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/cookies.txt");
    let mut app = app();
    let mut fake = FakeServices::default();
    open_with_path(&mut app, &mut fake, &path);
    press(&mut app, &mut fake, "<Enter>");
    assert!(matches!(app.overlay, Overlay::Export(_)));
    assert!(
        app.status.starts_with("cannot write the export"),
        "{}",
        app.status
    );
    assert!(!app.status.contains('\n'));
}
