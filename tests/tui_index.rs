//! The filter index: agreement with a naive rescan, and narrowing as the query grows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod tui_support;

use crumbs::tui::action::{Action, Command};
use crumbs::tui::app::App;
use crumbs::tui::update::update;
use tui_support::app;

fn run(app: &mut App, cmds: &[Command]) {
    for c in cmds {
        update(app, Action::Run(*c));
    }
}

fn type_text(app: &mut App, text: &str) {
    update(app, Action::Run(Command::StartFilter));
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

#[test]
fn the_index_filter_agrees_with_a_naive_rescan() {
    use crumbs::tui::index::{Criteria, Index, PartyView, naive_filter};
    let mut inv = tui_support::inventory(false);
    inv.entries[3].cookie.name = "ÉCLAIR_Sess".into();
    let index = Index::build(&inv.entries);
    let (mut out, mut base, mut counts) = (Vec::new(), Vec::new(), [0; 7]);
    for q in [
        "", "s", "sess", "_ga", ".com", "google", "éclair", "x", "zzz", "d", "fr",
    ] {
        let c = Criteria {
            category: None,
            party: PartyView::All,
            query: q,
            trackers: false,
        };
        index.filter(&c, None, &mut base, &mut out, &mut counts);
        assert_eq!(base, out, "no tab chosen: base is the view");
        assert_eq!(out, naive_filter(&inv.entries, q), "query {q:?}");
        assert_eq!(counts[0], out.len());
        assert_eq!(
            counts[1..crumbs::tui::app::TRACKERS_TAB]
                .iter()
                .sum::<usize>(),
            out.len()
        );
        for i in 0..inv.entries.len() {
            assert_eq!(index.admits(i, &c), out.contains(&(i as u32)), "{q:?} #{i}");
        }
    }
}

#[test]
fn typing_narrows_and_backspace_widens_to_the_same_results_as_a_fresh_scan() {
    let mut app = app();
    let fresh = |q: &str, tab: u8| {
        let mut f = tui_support::app();
        run(&mut f, &[Command::SelectTab(tab)]);
        type_text(&mut f, q);
        (f.visible.clone(), f.tab_counts)
    };
    run(&mut app, &[Command::SelectTab(4)]);
    update(&mut app, Action::Run(Command::StartFilter));
    let mut typed = String::new();
    for c in "_ga_8".chars() {
        update(&mut app, Action::Type(c));
        typed.push(c);
        assert_eq!(
            (app.visible.clone(), app.tab_counts),
            fresh(&typed, 4),
            "{typed}"
        );
    }
    for _ in 0..3 {
        run(&mut app, &[Command::FilterBackspace]);
        typed.pop();
        assert_eq!(
            (app.visible.clone(), app.tab_counts),
            fresh(&typed, 4),
            "{typed}"
        );
    }
    run(&mut app, &[Command::ToggleParty]);
    assert!(
        app.visible
            .iter()
            .all(|i| app.index.parties[*i as usize] == crumbs::model::Party::First)
    );
}

#[test]
fn an_index_joined_from_pieces_is_the_index_built_at_once() {
    use crumbs::tui::index::{Index, IndexBuilder, Piece, SiteIds};
    let inv = tui_support::inventory(false);
    let whole = Index::build(&inv.entries);
    assert!(whole.sites.len() > 2, "a test needs several sites");
    for cut in [1, 2, 3, inv.entries.len() / 2, inv.entries.len() - 1] {
        let ids = SiteIds::default();
        let chunks: Vec<&[crumbs::inventory::Entry]> = inv.entries.chunks(cut).collect();
        // Reading threads number sites in whatever order they meet them: make the later
        // pieces first, then join in load order.
        let mut pieces: Vec<Piece> = chunks.iter().rev().map(|c| Piece::of(c, &ids)).collect();
        pieces.reverse();
        let mut b = IndexBuilder::default();
        // A piece taken back (its store failed) leaves no trace.
        b.push(Piece::of(&inv.entries, &ids));
        b.truncate(0);
        for p in pieces {
            b.push(p);
        }
        assert_eq!(b.finish(ids), whole, "pieces of {cut}");
    }
}

#[test]
fn entries_reclassified_after_their_piece_was_made_get_their_last_verdict() {
    use crumbs::model::Category;
    use crumbs::policy::RuleInfo;
    use crumbs::tui::index::{Index, IndexBuilder, Piece, SiteIds};
    use std::sync::Arc;
    let mut inv = tui_support::inventory(false);
    let ids = SiteIds::default();
    let mut b = IndexBuilder::default();
    b.push(Piece::of(&inv.entries, &ids));
    let renamed = |e: &mut crumbs::inventory::Entry, provider: &str, category: Category| {
        e.verdict.category = category;
        e.verdict.rule = Arc::new(RuleInfo {
            provider: Some(Arc::from(provider)),
            ..(*e.verdict.rule).clone()
        });
    };
    // The last entry twice (its last verdict counts), then the first: out of order.
    let last = inv.entries.len() - 1;
    renamed(
        &mut inv.entries[last],
        "First Vendor Name",
        Category::Statistics,
    );
    b.reclassify(last, &inv.entries[last]);
    renamed(&mut inv.entries[last], "Zeta Vendor", Category::Marketing);
    b.reclassify(last, &inv.entries[last]);
    renamed(
        &mut inv.entries[0],
        "A Much Longer Vendor Name Than Before",
        Category::Preferences,
    );
    b.reclassify(0, &inv.entries[0]);
    assert_eq!(b.finish(ids), Index::build(&inv.entries));
}
