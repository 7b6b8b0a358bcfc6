//! Pure update tests: action sequences in, `App` state and effects out. No terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use crumbs::model::Category;
use crumbs::tui::action::{Action, Command, DeleteOutcome, Effect, KeepTarget, Pane};
use crumbs::tui::app::{App, Overlay};
use crumbs::tui::update::update;
use tui_support::{BACKUP_ID, app};

fn run(app: &mut App, cmds: &[Command]) -> Vec<Effect> {
    cmds.iter()
        .flat_map(|c| update(app, Action::Run(*c)))
        .collect()
}

fn type_text(app: &mut App, text: &str) {
    update(app, Action::Run(Command::StartFilter));
    for c in text.chars() {
        assert!(update(app, Action::Type(c)).is_empty());
    }
}

fn selected_name(app: &App) -> String {
    let i = app.selected_entry().unwrap();
    app.entries[i].cookie.name.clone()
}

#[test]
fn d_then_n_deletes_nothing() {
    let mut app = app();
    let effects = run(&mut app, &[Command::FocusCookies, Command::RequestDelete]);
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Overlay::Confirm(_)));
    let effects = run(&mut app, &[Command::CancelDelete]);
    assert!(effects.is_empty());
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.status, "Nothing deleted");
    assert_eq!(app.index.live(), app.entries.len());
}

#[test]
fn filter_then_enter_selects_the_first_matching_cookie() {
    let mut app = app();
    type_text(&mut app, "SessionID");
    // The seed site's sessionid and Wikipedia's frwikimwuser-sessionId both match.
    assert_eq!(app.visible.len(), 2);
    assert_eq!(app.site_rows.len(), 2);
    assert!(app.filtering);
    run(&mut app, &[Command::AcceptFilter]);
    assert!(!app.filtering);
    assert_eq!(app.query, "SessionID");
    assert_eq!(app.focus, Pane::Cookies);
    assert_eq!(selected_name(&app), "sessionid");
    let site = app.selected_site().unwrap();
    assert_eq!(&*app.index.sites[site].name, "fabriquenumeriquedupasse.fr");
    run(&mut app, &[Command::ClearFilter]);
    assert!(app.query.is_empty());
    assert_eq!(app.visible.len(), app.entries.len());
}

#[test]
fn the_filter_matches_provider_names_too() {
    let mut app = app();
    type_text(&mut app, "opendatasoft");
    assert_eq!(app.visible.len(), 4);
    type_text(&mut app, "zzz-nothing");
    assert!(app.visible.is_empty() && app.selected_entry().is_none());
}

#[test]
fn confirming_emits_one_delete_and_the_rows_go_in_place() {
    let mut app = app();
    type_text(&mut app, "sessionid");
    run(&mut app, &[Command::AcceptFilter, Command::RequestDelete]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay");
    };
    assert_eq!(plan.entries.len(), 1);
    let sentences: Vec<String> = plan.effects.iter().map(|(e, _)| e.sentence()).collect();
    assert_eq!(
        sentences,
        ["You will be signed out of fabriquenumeriquedupasse.fr."]
    );
    assert!(plan.effects[0].0.is_sign_out());
    let effects = run(&mut app, &[Command::ConfirmDelete]);
    let [
        Effect::Delete {
            entries,
            description,
        },
    ] = effects.as_slice()
    else {
        panic!("expected one delete, got {effects:?}");
    };
    assert_eq!(
        description,
        "host www.fabriquenumeriquedupasse.fr, name sessionid"
    );
    let id = app.entries[entries[0] as usize].cookie.id();
    update(
        &mut app,
        Action::DeleteDone(DeleteOutcome {
            deleted: vec![id],
            skipped: Vec::new(),
            backup_id: Some(BACKUP_ID.into()),
        }),
    );
    assert_eq!(app.index.live(), app.entries.len() - 1);
    assert_eq!(
        app.visible.len(),
        1,
        "only Wikipedia's cookie still matches"
    );
    assert!(app.status.contains(BACKUP_ID), "{}", app.status);
    assert_eq!(
        run(&mut app, &[Command::Undo]),
        [Effect::Undo(Some(BACKUP_ID.into()))]
    );
    assert_eq!(
        update(&mut app, Action::UndoDone("Put back 1 cookie".into())),
        [Effect::Reload]
    );
}

#[test]
fn undo_without_a_delete_this_session_asks_for_the_newest_backup() {
    let mut app = app();
    assert_eq!(run(&mut app, &[Command::Undo]), [Effect::Undo(None)]);
}

#[test]
fn d_on_the_sites_pane_plans_the_whole_site_minus_the_keep_list() {
    let mut app = app();
    type_text(&mut app, "boutique");
    run(
        &mut app,
        &[
            Command::AcceptFilter,
            Command::ClearFilter,
            Command::FocusSites,
        ],
    );
    let site = app.selected_site().unwrap();
    assert_eq!(&*app.index.sites[site].name, "lepetitcomptoir-boutique.fr");
    update(
        &mut app,
        Action::KeepToggled {
            target: KeepTarget::Name("cart".into()),
            kept: true,
        },
    );
    run(&mut app, &[Command::RequestDelete]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay");
    };
    assert_eq!(plan.kept, 1);
    // The shop's sign-in cookie is left out of a bulk delete too.
    assert_eq!(plan.sign_in_left_out, 1);
    assert_eq!(plan.entries.len(), app.cookie_rows.len() - 2);
    assert_eq!(plan.description, "site lepetitcomptoir-boutique.fr");
    assert_eq!(&*plan.stores[0].store.profile, "default-release");
    let names: Vec<&str> = plan.sites[0]
        .names
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(!names.contains(&"cart") && !names.contains(&"secure_customer_sig"));
    assert_eq!(plan.sites[0].cookies, plan.entries.len());
}

#[test]
fn marked_cookies_win_over_the_selection() {
    let mut app = app();
    type_text(&mut app, "facebook");
    run(
        &mut app,
        &[
            Command::AcceptFilter,
            Command::ToggleMark,
            Command::ToggleMark,
        ],
    );
    assert_eq!(app.marked.len(), 2);
    run(&mut app, &[Command::RequestDelete]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay");
    };
    assert_eq!(plan.entries.len(), 2);
    assert_eq!(plan.description, "2 marked cookies");
}

#[test]
fn shift_d_plans_the_category_view_and_tabs_count_by_category() {
    let mut app = app();
    let total = app.tab_counts[0];
    assert_eq!(total, app.entries.len());
    assert_eq!(
        app.tab_counts[1..crumbs::tui::app::TRACKERS_TAB]
            .iter()
            .sum::<usize>(),
        total
    );
    run(&mut app, &[Command::SelectTab(4)]);
    assert_eq!(app.category(), Some(Category::Marketing));
    let marketing = app
        .entries
        .iter()
        .filter(|e| e.verdict.category == Category::Marketing)
        .count();
    assert_eq!(app.visible.len(), marketing);
    run(&mut app, &[Command::RequestDeleteView]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay");
    };
    assert_eq!(plan.entries.len(), marketing);
    assert_eq!(plan.description, "category marketing");
    run(&mut app, &[Command::CancelDelete, Command::NextTab]);
    assert_eq!(app.category(), Some(Category::Unknown));
    run(&mut app, &[Command::NextTab]);
    assert_eq!(app.category(), None);
    run(&mut app, &[Command::PrevTab]);
    assert_eq!(app.category(), Some(Category::Unknown));
}

#[test]
fn the_party_toggle_cycles_and_narrows() {
    let mut app = app();
    let all = app.visible.len();
    run(&mut app, &[Command::ToggleParty]);
    let first = app.visible.len();
    run(&mut app, &[Command::ToggleParty]);
    let third = app.visible.len();
    assert!(first > 0 && third > 0);
    assert_eq!(first + third, all);
    run(&mut app, &[Command::ToggleParty]);
    assert_eq!(app.visible.len(), all);
}

#[test]
fn selection_moves_clamp_and_site_changes_reset_the_cookie_row() {
    let mut app = app();
    run(&mut app, &[Command::SelectPrev]);
    assert_eq!(app.site_sel, 0);
    run(&mut app, &[Command::SelectLast]);
    assert_eq!(app.site_sel, app.site_rows.len() - 1);
    run(&mut app, &[Command::PageDown, Command::SelectFirst]);
    assert_eq!(app.site_sel, 0);
    run(&mut app, &[Command::FocusNext, Command::SelectLast]);
    assert_eq!(app.cookie_sel, app.cookie_rows.len() - 1);
    run(&mut app, &[Command::FocusNext, Command::SelectNext]);
    assert_eq!((app.site_sel, app.cookie_sel), (1, 0));
}

#[test]
fn clicks_select_rows_and_quit_quits() {
    let mut app = app();
    update(
        &mut app,
        Action::Click {
            pane: Pane::Sites,
            row: 2,
        },
    );
    assert_eq!(app.site_sel, 2);
    update(
        &mut app,
        Action::Click {
            pane: Pane::Cookies,
            row: 1,
        },
    );
    assert_eq!((app.focus, app.cookie_sel), (Pane::Cookies, 1));
    update(
        &mut app,
        Action::Click {
            pane: Pane::Cookies,
            row: 99,
        },
    );
    assert_eq!(
        app.cookie_sel, 1,
        "a click below the last row changes nothing"
    );
    assert_eq!(run(&mut app, &[Command::Quit]), [Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn sort_cycles_and_orders_the_cookie_rows() {
    let mut app = app();
    run(&mut app, &[Command::SelectLast, Command::SelectFirst]);
    let names = |app: &App| -> Vec<String> {
        app.cookie_rows
            .iter()
            .map(|i| app.entries[*i as usize].cookie.name.clone())
            .collect()
    };
    let by_name = names(&app);
    let mut sorted = by_name.clone();
    sorted.sort();
    assert_eq!(by_name, sorted);
    run(&mut app, &[Command::CycleSort, Command::CycleSort]);
    let expiries: Vec<i64> = app
        .cookie_rows
        .iter()
        .map(|i| app.entries[*i as usize].cookie.expires.unwrap().0)
        .collect();
    assert!(expiries.windows(2).all(|w| w[0] <= w[1]));
    assert!(app.status.contains("expiry"));
}

#[test]
fn keep_toggle_asks_for_the_site_or_the_name() {
    let mut app = app();
    let effects = run(&mut app, &[Command::ToggleKeep]);
    let site = app.index.sites[app.selected_site().unwrap()]
        .name
        .to_string();
    assert_eq!(effects, [Effect::ToggleKeep(KeepTarget::Site(site))]);
    let effects = run(&mut app, &[Command::FocusCookies, Command::ToggleKeep]);
    assert_eq!(
        effects,
        [Effect::ToggleKeep(KeepTarget::Name(selected_name(&app)))]
    );
}

#[test]
fn a_running_browser_is_the_reason_its_cookies_are_skipped() {
    use crumbs::store::running::Running;
    let mut inv = tui_support::inventory(false);
    inv.stores[0].running = Some(Running {
        pid: Some(4242),
        how: "fcntl lock on .parentlock held by pid 4242".into(),
    });
    let mut app = App::new(inv, tui_support::NOW);
    run(&mut app, &[Command::RequestDeleteView]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay");
    };
    let line = &plan.stores[0];
    assert_eq!(line.cookies, app.entries.len() - plan.sign_in_left_out);
    assert_eq!(
        line.running.as_deref(),
        Some("fcntl lock on .parentlock held by pid 4242")
    );
    // Nothing can go, so `y` is not offered and does nothing.
    assert_eq!(plan.deletable(), 0);
    assert!(run(&mut app, &[Command::ConfirmDelete]).is_empty());
    assert!(matches!(app.overlay, Overlay::Confirm(_)));
}

#[test]
fn a_store_that_fails_is_a_status_message_not_an_error() {
    let mut inv = tui_support::inventory(false);
    let mut bad = inv.stores[0].clone();
    bad.error = Some("/home/ada/x/Cookies: the database is damaged (bad header)".into());
    inv.stores.push(bad);
    let app = App::new(inv, tui_support::NOW);
    assert_eq!(
        app.status,
        "/home/ada/x/Cookies: the database is damaged (bad header)"
    );
    assert_eq!(app.visible.len(), app.entries.len());
}

#[test]
fn deleting_where_everything_is_kept_opens_no_dialog() {
    let mut app = app();
    let site = app.index.sites[app.selected_site().unwrap()]
        .name
        .to_string();
    update(
        &mut app,
        Action::KeepToggled {
            target: KeepTarget::Site(site),
            kept: true,
        },
    );
    run(&mut app, &[Command::RequestDelete]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        app.status,
        "Nothing to delete: the keep-list protects all 1"
    );
}

#[test]
fn failures_become_escaped_status_lines() {
    let mut app = app();
    run(&mut app, &[Command::FocusCookies, Command::RequestDelete]);
    let effects = run(&mut app, &[Command::ConfirmDelete]);
    assert_eq!(effects.len(), 1);
    assert!(!app.in_flight.is_empty());
    update(
        &mut app,
        Action::Failed("/tmp/evil\x1b[2J/Cookies: locked".into()),
    );
    assert_eq!(app.status, "/tmp/evil\\x1b[2J/Cookies: locked");
    assert!(app.in_flight.is_empty());
    assert_eq!(app.index.live(), app.entries.len(), "nothing marked gone");
}

/// The keep-list protects the same cookies under `D` as in `crumbs clean`: an entry
/// written `GitHub.com` or naming a host (`www.example.fr`) counts, whatever its case.
#[test]
fn the_keep_list_means_the_same_under_shift_d_as_in_clean() {
    for entry in [
        "GitHub.com",
        ".github.com.",
        "WWW.FabriqueNumeriqueDuPasse.fr",
    ] {
        let mut app = app();
        update(
            &mut app,
            Action::KeepToggled {
                target: KeepTarget::Site(entry.into()),
                kept: true,
            },
        );
        run(&mut app, &[Command::RequestDeleteView]);
        let Overlay::Confirm(plan) = &app.overlay else {
            panic!("no confirm overlay");
        };
        let keep = crumbs::keeplist::KeepList {
            sites: vec![entry.into()],
            names: Vec::new(),
        };
        let kept_by_clean = app.entries.iter().filter(|e| keep.keeps(&e.cookie)).count();
        assert!(kept_by_clean > 0, "{entry}");
        assert_eq!(plan.kept, kept_by_clean, "{entry}");
        assert!(
            plan.entries
                .iter()
                .all(|&i| !keep.keeps(&app.entries[i as usize].cookie)),
            "{entry}: a kept cookie is in the delete"
        );
    }
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_page() {
    let mut app = app();
    type_text(&mut app, "comptoir");
    run(&mut app, &[Command::AcceptFilter, Command::SelectFirst]);
    let half = crumbs::tui::layout::page(&app) / 2;
    assert!(half >= 2 && half < app.cookie_rows.len(), "{half}");
    run(&mut app, &[Command::HalfPageDown]);
    assert_eq!(app.cookie_sel, half);
    run(&mut app, &[Command::HalfPageDown, Command::HalfPageUp]);
    assert_eq!(app.cookie_sel, half);
    run(&mut app, &[Command::HalfPageUp, Command::HalfPageUp]);
    assert_eq!(app.cookie_sel, 0);
}

#[test]
fn n_and_shift_n_walk_the_filter_matches_across_sites() {
    let mut app = app();
    run(&mut app, &[Command::NextMatch]);
    assert!(app.status.starts_with("No filter"), "{}", app.status);
    type_text(&mut app, "sessionid");
    run(&mut app, &[Command::AcceptFilter]);
    assert_eq!(selected_name(&app), "sessionid");
    run(&mut app, &[Command::NextMatch]);
    assert_eq!(selected_name(&app), "frwikimwuser-sessionId");
    assert_eq!(app.status, "Match 2 of 2");
    // Round from the last match to the first, and back.
    run(&mut app, &[Command::NextMatch]);
    assert_eq!(selected_name(&app), "sessionid");
    assert_eq!(app.status, "Match 1 of 2");
    run(&mut app, &[Command::PrevMatch]);
    assert_eq!(selected_name(&app), "frwikimwuser-sessionId");
}

#[test]
fn esc_clears_the_filter_first_then_the_marks() {
    let mut app = app();
    type_text(&mut app, "opendatasoft");
    run(&mut app, &[Command::AcceptFilter, Command::MarkView]);
    run(&mut app, &[Command::ClearFilterOrMarks]);
    assert!(app.query.is_empty());
    assert_eq!(app.marked.len(), 4);
    run(&mut app, &[Command::ClearFilterOrMarks]);
    assert!(app.marked.is_empty());
    assert_eq!(app.status, "Cleared 4 marks");
}

#[test]
fn a_marks_every_cookie_in_view_and_again_unmarks_them() {
    let mut app = app();
    type_text(&mut app, "opendatasoft");
    run(&mut app, &[Command::AcceptFilter, Command::MarkView]);
    assert_eq!(app.marked.len(), 4);
    assert!(app.visible.iter().all(|i| app.marked.contains(i)));
    run(&mut app, &[Command::MarkView]);
    assert!(app.marked.is_empty());
}

#[test]
fn marks_survive_tab_switches_and_are_counted_off_view() {
    use crumbs::tui::marks::{marked_in_site, marked_off_view};
    let mut app = app();
    type_text(&mut app, "facebook");
    run(&mut app, &[Command::AcceptFilter, Command::MarkView]);
    let site = app.selected_site().unwrap();
    assert_eq!(marked_in_site(&app, site), 5);
    assert_eq!(marked_off_view(&app), 0);
    let marked = app.marked.len();
    run(
        &mut app,
        &[Command::ClearFilterOrMarks, Command::SelectTab(1)],
    );
    assert_eq!(app.marked.len(), marked);
    let in_view = app
        .visible
        .iter()
        .filter(|i| app.marked.contains(i))
        .count();
    assert!(in_view > 0 && in_view < marked, "{in_view} of {marked}");
    assert_eq!(marked_off_view(&app), marked - in_view);
    assert_eq!(marked_in_site(&app, site), 5);
    run(&mut app, &[Command::SelectTab(0)]);
    assert_eq!(marked_off_view(&app), 0);
}

#[test]
fn o_orders_sites_by_name_cookie_count_then_tracker_count() {
    let mut app = app();
    let names = |app: &App| -> Vec<String> {
        app.site_rows
            .iter()
            .map(|s| app.index.sites[*s as usize].name.to_string())
            .collect()
    };
    let by_name = names(&app);
    let mut sorted = by_name.clone();
    sorted.sort();
    assert_eq!(by_name, sorted);
    let selected = app.selected_site();
    run(&mut app, &[Command::CycleSiteSort]);
    assert_eq!(app.status, "Sites by cookie count");
    assert_eq!(
        app.selected_site(),
        selected,
        "the same site stays selected"
    );
    let counts: Vec<u32> = app
        .site_rows
        .iter()
        .map(|s| app.site_counts[*s as usize])
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_ne!(names(&app), by_name);
    run(&mut app, &[Command::CycleSiteSort]);
    assert_eq!(app.status, "Sites by tracker count");
    let trackers: Vec<usize> = app
        .site_rows
        .iter()
        .map(|s| {
            app.index
                .site_entries(*s as usize)
                .iter()
                .filter(|i| crumbs::filter::is_tracker(&app.entries[**i as usize]))
                .count()
        })
        .collect();
    assert!(trackers.windows(2).all(|w| w[0] >= w[1]), "{trackers:?}");
    assert!(trackers[0] > 0);
    run(&mut app, &[Command::CycleSiteSort]);
    assert_eq!(names(&app), by_name);
}

#[test]
fn the_trackers_tab_lists_what_clean_trackers_selects() {
    let mut app = app();
    run(&mut app, &[Command::SelectTab(6)]);
    let want: Vec<u32> = (0..app.entries.len() as u32)
        .filter(|i| crumbs::filter::is_tracker(&app.entries[*i as usize]))
        .collect();
    let mut visible = app.visible.clone();
    visible.sort_unstable();
    assert!(!want.is_empty());
    assert_eq!(visible, want);
    assert_eq!(app.tab_counts[6], want.len());
    run(&mut app, &[Command::RequestDeleteView]);
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm overlay: {}", app.status);
    };
    assert_eq!(plan.description, "trackers");
    assert!(plan.entries.iter().all(|i| want.contains(i)));
}
