//! The screen at the sizes terminals really have (80×24, 100×30, 120×40, 60×16 and the
//! minimum), and below it: insta whole-screen snapshots, plus checks that hold at every
//! size (names cut only with an ellipsis, the browser mark always there).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use crumbs::tui::app::App;
use crumbs::tui::layout::{self, MIN_SIZE};
use ratatui::layout::Rect;
use tui_support::screen::{drive, drive_app, rows};

const SIZES: [(u16, u16); 5] = [(80, 24), (100, 30), (120, 40), (60, 16), MIN_SIZE];

/// A site with 13 cookies, so the list has more rows than a third of the screen.
const BIG_SITE: &str = "/comptoir<Enter>";

#[test]
fn every_size_snapshots() {
    for (w, h) in SIZES {
        let (_, _, t) = drive("", w, h);
        insta::assert_snapshot!(format!("start_{w}x{h}"), t.backend());
        let (_, _, t) = drive(BIG_SITE, w, h);
        insta::assert_snapshot!(format!("big_site_{w}x{h}"), t.backend());
    }
}

#[test]
fn below_the_minimum_the_screen_says_what_size_is_needed() {
    let (w, h) = MIN_SIZE;
    for (w, h) in [(w - 1, h), (w, h - 1), (30, 8)] {
        let (_, _, t) = drive("", w, h);
        let text = rows(&t).join("\n");
        assert!(
            text.contains("terminal too small")
                && text.contains(&format!("need {}×{}", MIN_SIZE.0, MIN_SIZE.1)),
            "{w}×{h}:\n{text}"
        );
        assert!(!text.contains("Sites"), "no fragments of panes:\n{text}");
    }
    let (_, _, t) = drive("", w - 1, h);
    insta::assert_snapshot!("too_small", t.backend());
}

#[test]
fn site_names_are_never_cut_without_an_ellipsis() {
    let (app, _, _) = drive("", 80, 24);
    let names: Vec<String> = app.index.sites.iter().map(|g| g.name.to_string()).collect();
    for (w, h) in SIZES {
        let (_, _, t) = drive("", w, h);
        for row in rows(&t).iter().skip(3) {
            // The sites pane's first cell: after the border and the keep mark.
            let Some(cell) = row.strip_prefix("│ ").filter(|c| !c.starts_with(' ')) else {
                continue;
            };
            let Some(shown) = cell.split_whitespace().next() else {
                continue;
            };
            let whole = names.iter().any(|n| n == shown);
            let cut = shown
                .strip_suffix('…')
                .is_some_and(|head| names.iter().any(|n| n.starts_with(head)));
            assert!(whole || cut, "{w}×{h}: {shown:?} in {row:?}");
        }
    }
}

/// The cookie pane's part of each screen row.
fn cookie_pane(app: &App, screen: &[String], w: u16, h: u16) -> Vec<String> {
    let x = layout::areas(app, Rect::new(0, 0, w, h)).cookies.x;
    screen
        .iter()
        .map(|r| r.chars().skip(usize::from(x)).collect())
        .collect()
}

#[test]
fn the_browser_mark_stays_and_the_list_grows_with_the_site() {
    for (w, h) in SIZES {
        let (app, _, t) = drive(BIG_SITE, w, h);
        let pane = cookie_pane(&app, &rows(&t), w, h);
        let selected = app.selected_entry().unwrap();
        let name = &app.entries[selected].cookie.name;
        assert!(
            pane.iter()
                .any(|r| r.contains(name.as_str()) && r.contains(" Fx")),
            "{w}×{h}: no row with {name} and its browser:\n{}",
            pane.join("\n")
        );
    }
    // At 100×30 the 13 cookies of the site fit in the list (a third of the column showed 6).
    let (app, _, t) = drive(BIG_SITE, 100, 30);
    let pane = cookie_pane(&app, &rows(&t), 100, 30);
    assert_eq!(pane.iter().filter(|r| r.contains(" Fx")).count(), 13);
}

#[test]
fn e_makes_the_explanation_taller_then_one_line() {
    let (_, _, t) = drive(&format!("{BIG_SITE}e"), 100, 30);
    insta::assert_snapshot!("explanation_tall", t.backend());
    let (app, _, t) = drive(&format!("{BIG_SITE}ee"), 100, 30);
    insta::assert_snapshot!("explanation_one_line", t.backend());
    assert!(app.status.contains("one line"));
    let screen = rows(&t);
    let explanation = screen
        .iter()
        .position(|r| r.contains("Explanation"))
        .unwrap();
    assert_eq!(
        explanation,
        30 - 2 - 3,
        "three rows above status and footer"
    );
}

#[test]
fn the_footer_never_cuts_a_word() {
    let labels = [
        "move", "pane", "filter", "tab", "party", "mark", "delete", "undo", "help", "quit",
    ];
    for (w, h) in SIZES {
        let (_, _, t) = drive("", w, h);
        let footer = rows(&t).pop().unwrap();
        let last = footer.split_whitespace().last().unwrap_or_default();
        assert!(
            labels.contains(&last),
            "{w}×{h}: ends in {last:?}: {footer:?}"
        );
    }
}

#[test]
fn g_and_shift_g_jump_to_the_first_and_last_site() {
    let (app, _, _) = drive("G", 100, 30);
    assert_eq!(app.site_sel, app.site_rows.len() - 1);
    let (app, _, _) = drive("Gg", 100, 30);
    assert_eq!(app.site_sel, 0);
}

#[test]
fn big_counts_round_before_tab_titles_shrink_to_letters() {
    // A million-cookie profile at 80 columns: exact counts leave room only for letters;
    // rounded counts keep the titles words.
    let (mut app, _, _) = drive("", 80, 24);
    app.tab_counts = [1_234_567, 1_000_000, 8_000, 90_000, 94_345, 0, 184_345];
    let t = tui_support::screen::draw(&app, 80, 24);
    let tabs = &rows(&t)[1];
    assert!(tabs.contains("Nec 1.0M"), "{tabs}");
    assert!(
        tabs.contains("Pref 8,000") && tabs.contains("Trk 184k"),
        "{tabs}"
    );
    // Counts that fit exactly are not rounded.
    app.tab_counts = [312_345, 120_000, 8_000, 90_000, 94_345, 0, 184_345];
    let t = tui_support::screen::draw(&app, 80, 24);
    let tabs = &rows(&t)[1];
    assert!(tabs.contains("Nec 120,000"), "{tabs}");
}

#[test]
fn a_guessed_category_ends_in_a_question_mark_at_every_size() {
    use crumbs::policy::Confidence;
    let mut shown = 0;
    for (w, h) in SIZES {
        let mut inventory = tui_support::inventory(false);
        for e in &mut inventory.entries {
            if e.cookie.name == "cart_currency" {
                e.verdict.confidence = Confidence::Low;
            }
        }
        let app = App::new(inventory, tui_support::NOW);
        let (app, _, t) = drive_app(app, "/cart_currency<Enter>", w, h);
        let screen = rows(&t);
        let pane = cookie_pane(&app, &screen, w, h);
        let row = pane
            .iter()
            .find(|r| r.contains("cart_currency"))
            .unwrap_or_else(|| panic!("{w}×{h}: no cart_currency row:\n{}", pane.join("\n")));
        // The narrowest sizes drop the category column; where it shows, the guess says so.
        if pane.iter().any(|r| r.contains("category")) {
            assert!(row.contains("preferences?"), "{w}×{h}: {row:?}");
            shown += 1;
        }
        assert!(!pane.iter().any(|r| r.contains("necessary?")), "{w}×{h}");
    }
    assert!(shown >= 3, "the category column showed at {shown} sizes");
}
