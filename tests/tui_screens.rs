//! Whole screens through the real key map, drawn into a `TestBackend` and compared with
//! committed insta snapshots (100×30, plus 80×24). The clock is fixed; paths are fixed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use std::collections::VecDeque;

use crumbs::tui::action::Action;
use crumbs::tui::app::App;
use crumbs::tui::layout::explanation;
use crumbs::tui::{run_loop, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyModifiers};
use ratatui::style::Color;
use tui_support::screen::{draw, drive, key, press, rows, tokens};
use tui_support::{FakeServices, NOW, app, inventory};

fn shot(name: &str, script: &str, w: u16, h: u16) -> (App, FakeServices) {
    let (app, fake, t) = drive(script, w, h);
    // Fixture paths are fixed (no temp dirs on screen), so no insta filters are needed.
    insta::assert_snapshot!(name, t.backend());
    (app, fake)
}

#[test]
fn start() {
    shot("start", "", 100, 30);
}

#[test]
fn category_tab() {
    shot("category_tab_marketing", "5", 100, 30);
}

#[test]
fn filter_while_typing() {
    shot("filter_typing", "/sess", 100, 30);
}

#[test]
fn explanation_of_the_first_match() {
    shot("explanation", "/sessionid<Enter>", 100, 30);
}

#[test]
fn revealed_value() {
    shot("explanation_revealed", "/sessionid<Enter>v", 100, 30);
}

#[test]
fn confirm_dialog() {
    let (_, fake) = shot("confirm", "/sessionid<Enter>d", 100, 30);
    assert!(fake.deleted.is_empty());
}

#[test]
fn after_delete() {
    let (app, fake) = shot("after_delete", "/sessionid<Enter>dy<Esc>", 100, 30);
    assert_eq!(fake.deleted, [vec!["sessionid".to_string()]]);
    assert!(app.status.contains(tui_support::BACKUP_ID));
}

#[test]
fn after_undo() {
    let (_, fake) = shot("after_undo", "/sessionid<Enter>dy<Esc>u", 100, 30);
    assert_eq!(fake.undos, [Some(tui_support::BACKUP_ID.to_string())]);
    assert_eq!(fake.reloads, 1);
}

#[test]
fn help() {
    shot("help", "?", 100, 30);
}

#[test]
fn narrow_start() {
    shot("narrow_start", "", 80, 24);
}

#[test]
fn narrow_site_delete_confirm() {
    shot("narrow_confirm_site", "/boutique<Enter><Esc>hd", 80, 24);
}

#[test]
fn narrow_explanation_says_there_is_more() {
    let (app, _) = shot("narrow_explanation_more", "/sessionid<Enter>", 80, 24);
    let t = draw(&app, 80, 24);
    let screen = rows(&t);
    // The detail pane's bottom border is the row above the status line.
    assert!(screen[21].contains("↓"), "{}", screen[21]);
    assert!(
        !screen[..22].iter().any(|r| r.contains('↑')),
        "not scrolled yet"
    );
}

#[test]
fn narrow_explanation_scrolled_to_the_end() {
    // Far more `}` than there are lines: scrolling stops at the last line.
    let (app, _) = shot(
        "narrow_explanation_end",
        "/sessionid<Enter>}}}}}}}}}}",
        80,
        24,
    );
    assert_eq!(app.detail_offset(), explanation::max_offset(&app));
    let screen = rows(&draw(&app, 80, 24));
    assert!(
        screen[..22].iter().any(|r| r.contains('↑')),
        "scrolled mark"
    );
    assert!(!screen[21].contains("↓"), "nothing below: {}", screen[21]);
    // The last line of the explanation sits on the pane's last inner row.
    assert!(screen[20].contains("Confidence: high."), "{}", screen[20]);
}

#[test]
fn scroll_marks_follow_no_color() {
    let mut app = app();
    update::update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &mut FakeServices::default(), "/sessionid<Enter>}");
    let marked = |t: &Terminal<TestBackend>| {
        let buf = t.backend().buffer();
        let area = buf.area;
        // Above the status and footer rows (the footer shows ↑↓ as keys).
        (0..area.height - 2)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|&p| matches!(buf[p].symbol(), "↑" | "↓"))
            .map(|p| buf[p].fg)
            .collect::<Vec<_>>()
    };
    assert_eq!(marked(&draw(&app, 80, 24)), [Color::Cyan, Color::Cyan]);
    app.color = false;
    assert_eq!(marked(&draw(&app, 80, 24)), [Color::Reset, Color::Reset]);
}

#[test]
fn narrow_help() {
    shot("narrow_help", "?", 80, 24);
}

/// At 80×24 the help is taller than the screen: `j` scrolls both columns to the end, where
/// the top border says how much is above; every key of every mode was on some screen.
#[test]
fn narrow_help_scrolls_to_every_key() {
    let (mut app, mut fake, t) = drive("?", 80, 24);
    let mut seen = rows(&t).join("\n");
    for _ in 0..40 {
        press(&mut app, &mut fake, "j");
        seen.push_str(&rows(&draw(&app, 80, 24)).join("\n"));
    }
    let end = draw(&app, 80, 24);
    let text = rows(&end).join("\n");
    assert!(text.contains("above"), "{text}");
    assert!(!text.contains("more ┘"), "{text}");
    use crumbs::tui::keymap::{Mode, help};
    for mode in [
        Mode::Normal,
        Mode::Filter,
        Mode::Confirm,
        Mode::Export,
        Mode::Audit,
    ] {
        for (keys, sentence) in help(mode) {
            assert!(seen.contains(sentence), "{keys} {sentence:?} never shown");
        }
    }
    insta::assert_snapshot!("narrow_help_end", end.backend());
    press(&mut app, &mut fake, "k<Esc>");
    assert_eq!(app.overlay, crumbs::tui::app::Overlay::None);
}

#[test]
fn demo_is_labelled() {
    let mut app = App::new(inventory(true), NOW);
    app.color = false;
    let t = draw(&app, 100, 30);
    insta::assert_snapshot!("demo", t.backend());
    let top: String = (0..100)
        .map(|x| t.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(top.contains("demo"), "{top}");
}

#[test]
fn no_color_means_no_colour_at_all() {
    let mut app = app();
    press(&mut app, &mut FakeServices::default(), "/a<Enter>");
    let coloured = draw(&app, 100, 30);
    let has = |t: &Terminal<TestBackend>, c: Color| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|cell| cell.fg == c)
    };
    assert!(has(&coloured, Color::Red), "marketing is red");
    app.color = false;
    let plain = draw(&app, 100, 30);
    assert!(
        plain
            .backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

#[test]
fn hostile_cookie_text_is_escaped_on_screen() {
    let mut inv = inventory(false);
    inv.entries[0].cookie.name = "evil\x1b]0;pwned\x07".into();
    let mut app = App::new(inv, NOW);
    press(&mut app, &mut FakeServices::default(), "/evil<Enter>");
    let t = draw(&app, 100, 30);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        text.contains("evil\\x1b]0;pwned\\x07"),
        "escaped name shown"
    );
    assert!(!text.contains('\x1b'));
}

#[test]
fn the_real_loop_runs_scripted_events() {
    let mut app = app();
    let mut fake = FakeServices::default();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut events: VecDeque<Event> = tokens("/sessionid<Enter>dyq")
        .iter()
        .map(|t| Event::Key(key(t)))
        .collect();
    run_loop(&mut terminal, &mut app, &mut fake, || {
        events
            .pop_front()
            .ok_or_else(|| std::io::Error::other("script ran out"))
    })
    .unwrap();
    assert!(app.quit && events.is_empty());
    assert_eq!(fake.deleted, [vec!["sessionid".to_string()]]);
}

/// Over the help, the wheel scrolls it and a click changes nothing behind it.
#[test]
fn the_mouse_scrolls_the_help_and_leaves_the_lists_alone() {
    use crumbs::tui::action::Command;
    use crumbs::tui::to_action;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    let (app, _, _) = drive("?", 80, 24);
    let area = Rect::new(0, 0, 80, 24);
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 5,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })
    };
    let down = to_action(&app, mouse(MouseEventKind::ScrollDown), area);
    assert!(
        matches!(down, Some(Action::Run(Command::OverlayDown))),
        "{down:?}"
    );
    let up = to_action(&app, mouse(MouseEventKind::ScrollUp), area);
    assert!(
        matches!(up, Some(Action::Run(Command::OverlayUp))),
        "{up:?}"
    );
    let click = to_action(&app, mouse(MouseEventKind::Down(MouseButton::Left)), area);
    assert!(click.is_none(), "{click:?}");
}

#[test]
fn mouse_clicks_and_wheel_map_to_rows() {
    use crumbs::tui::action::Pane;
    use crumbs::tui::to_action;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    let mut app = app();
    let area = Rect::new(0, 0, 100, 30);
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Header (2 rows) + the sites border: the third site is drawn on screen row 5.
    let click = to_action(
        &app,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 5),
        area,
    );
    let Some(Action::Click { pane, row, .. }) = click else {
        panic!("{click:?}");
    };
    assert_eq!((pane, row), (Pane::Sites, 2));
    update::update(&mut app, click.unwrap());
    assert_eq!(app.site_sel, 2);
    let wheel = to_action(&app, mouse(MouseEventKind::ScrollDown, 60, 5), area);
    assert!(matches!(
        wheel,
        Some(Action::Scroll {
            pane: Pane::Cookies,
            lines: 3
        })
    ));
    let header = to_action(
        &app,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 0),
        area,
    );
    assert!(header.is_none());
    // The explanation pane starts at row 11 on a 100×30 screen.
    let down = to_action(&app, mouse(MouseEventKind::ScrollDown, 60, 20), area);
    assert!(matches!(down, Some(Action::ScrollDetail { lines: 3 })));
    let up = to_action(&app, mouse(MouseEventKind::ScrollUp, 60, 20), area);
    assert!(matches!(up, Some(Action::ScrollDetail { lines: -3 })));
    let click = to_action(
        &app,
        mouse(MouseEventKind::Down(MouseButton::Left), 60, 20),
        area,
    );
    assert!(click.is_none(), "the explanation has no rows to select");
}

/// A bulk delete at 80×24: the sites and names that go, grouped with counts, what is held
/// back (sign-in cookies), and the answer line whole at the bottom.
#[test]
fn narrow_confirm_of_the_whole_view() {
    let (app, _) = shot("narrow_confirm_view", "D", 80, 24);
    let t = draw(&app, 80, 24);
    assert!(rows(&t).iter().any(|r| r.contains("y delete · n cancel")));
}

/// Marked cookies of other sites are listed even though the screen shows another site;
/// at 60×16 the list is cut, never the `y`/`n` line.
#[test]
fn tiny_confirm_lists_marked_cookies_not_on_screen() {
    let (app, fake) = shot(
        "tiny_confirm_marked",
        "/facebook<Enter>  <Esc>/github<Enter> <Esc>d",
        60,
        16,
    );
    assert!(fake.deleted.is_empty());
    let t = draw(&app, 60, 16);
    let screen = rows(&t).join("\n");
    assert!(screen.contains("facebook.com (2)"), "{screen}");
    assert!(screen.contains("github.com (1)"), "{screen}");
    assert!(screen.contains("y delete · n cancel"), "{screen}");
}

/// Every store it reaches is in use: the dialog says why and offers no `y`.
#[test]
fn confirm_without_y_when_the_browser_runs() {
    let mut inv = inventory(false);
    inv.stores[0].running = Some(crumbs::store::running::Running {
        pid: Some(4242),
        how: "fcntl lock on .parentlock held by pid 4242".into(),
    });
    let mut app = App::new(inv, NOW);
    let mut fake = FakeServices::default();
    update::update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &mut fake, "Dy");
    assert!(fake.deleted.is_empty(), "y deleted while the browser runs");
    let t = draw(&app, 80, 24);
    let screen = rows(&t).join("\n");
    assert!(!screen.contains("y delete"), "{screen}");
    assert!(screen.contains("n close"), "{screen}");
    insta::assert_snapshot!("confirm_browser_running", t.backend());
}

/// Marks survive a tab switch: the sites pane counts them per site and the status line
/// says how many the new view leaves out (they are still what `d` deletes).
#[test]
fn marks_off_screen_are_counted() {
    let (app, _) = shot(
        "marks_off_screen",
        "/facebook<Enter>  <Esc>/github<Enter> <Esc>2",
        100,
        30,
    );
    assert_eq!(app.marked.len(), 3);
    let t = draw(&app, 100, 30);
    let screen = rows(&t).join("\n");
    assert!(screen.contains("3 marked, 2 not in this view"), "{screen}");
    assert!(screen.contains("github.com *1"), "{screen}");
}

/// `o o`: sites by tracker count, said in the header.
#[test]
fn sites_by_tracker_count() {
    let (app, _) = shot("sites_by_trackers", "oo", 100, 30);
    let t = draw(&app, 100, 30);
    assert!(rows(&t)[0].contains("sites by tracker count"));
}
