//! Pure update tests for the explanation pane's scroll: keys and wheel move it the same,
//! it stops at the last line for the screen size, and another cookie starts at the top.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use crumbs::tui::action::{Action, Command, Effect};
use crumbs::tui::app::App;
use crumbs::tui::layout::explanation::max_offset as detail_max_offset;
use crumbs::tui::update::update;
use tui_support::app;

fn run(app: &mut App, cmds: &[Command]) -> Vec<Effect> {
    cmds.iter()
        .flat_map(|c| update(app, Action::Run(*c)))
        .collect()
}

#[test]
fn the_explanation_scrolls_and_resets_for_another_cookie() {
    let mut app = app();
    run(&mut app, &[Command::FocusCookies]);
    assert_eq!(app.detail_offset(), 0);
    run(
        &mut app,
        &[Command::ScrollDetailDown, Command::ScrollDetailDown],
    );
    assert_eq!(app.detail_offset(), 6);
    run(&mut app, &[Command::ScrollDetailUp]);
    assert_eq!(app.detail_offset(), 3);
    run(&mut app, &[Command::FocusSites, Command::SelectNext]);
    assert_eq!(app.detail_offset(), 0, "another cookie starts at the top");
}

fn sized(app: &mut App, width: u16, height: u16) {
    update(app, Action::Resize { width, height });
}

#[test]
fn the_wheel_over_the_explanation_scrolls_it_like_the_keys() {
    let mut app = app();
    sized(&mut app, 80, 24);
    run(&mut app, &[Command::FocusCookies]);
    let (focus, sel) = (app.focus, app.cookie_sel);
    update(&mut app, Action::ScrollDetail { lines: 3 });
    assert_eq!(app.detail_offset(), 3);
    let mut keyed = tui_support::app();
    sized(&mut keyed, 80, 24);
    run(
        &mut keyed,
        &[Command::FocusCookies, Command::ScrollDetailDown],
    );
    assert_eq!(keyed.detail_offset(), app.detail_offset());
    assert_eq!((app.focus, app.cookie_sel), (focus, sel), "no list moved");
    update(&mut app, Action::ScrollDetail { lines: -3 });
    assert_eq!(app.detail_offset(), 0);
    update(&mut app, Action::ScrollDetail { lines: -3 });
    assert_eq!(app.detail_offset(), 0, "never above the top");
}

#[test]
fn scrolling_stops_at_the_last_line() {
    let mut app = app();
    sized(&mut app, 80, 24);
    run(&mut app, &[Command::FocusCookies]);
    let max = detail_max_offset(&app);
    assert!(
        max > 3,
        "the first explanation overflows an 80×24 pane: {max}"
    );
    for _ in 0..50 {
        update(&mut app, Action::ScrollDetail { lines: 3 });
    }
    assert_eq!(app.detail_offset(), max);
    run(&mut app, &[Command::ScrollDetailDown]);
    assert_eq!(
        app.detail_offset(),
        max,
        "scrolling down at the end does nothing"
    );
    // No overshoot to unwind: one step up shows three more lines at once.
    run(&mut app, &[Command::ScrollDetailUp]);
    assert_eq!(app.detail_offset(), max - 3);
    // A taller screen has less to hide, and the offset follows.
    sized(&mut app, 100, 60);
    let taller = detail_max_offset(&app);
    assert!(taller < max - 3, "{taller}");
    assert_eq!(app.detail_offset(), taller);
}

#[test]
fn coming_back_to_a_cookie_starts_its_explanation_at_the_top() {
    let mut app = app();
    sized(&mut app, 80, 24);
    run(
        &mut app,
        &[
            Command::FocusCookies,
            Command::ScrollDetailDown,
            Command::ScrollDetailDown,
        ],
    );
    assert_eq!(app.detail_offset(), 6);
    let first = app.selected_entry();
    run(&mut app, &[Command::FocusSites, Command::SelectNext]);
    assert_ne!(app.selected_entry(), first);
    assert_eq!(app.detail_offset(), 0);
    run(&mut app, &[Command::SelectPrev]);
    assert_eq!(app.selected_entry(), first);
    assert_eq!(
        app.detail_offset(),
        0,
        "back at the first cookie, at the top"
    );
}
