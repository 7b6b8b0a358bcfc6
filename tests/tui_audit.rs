//! The audit in the UI: on the real-browser fixtures classified by the built-in policies,
//! a cookie its site's policy does not declare carries `!` before its name, and its
//! explanation says so in the "Site policy" line; `A` sums up the selected site's audit,
//! in the words `crumbs audit` uses (whole screens, insta).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use crumbs::audit;
use crumbs::inventory::Inventory;
use crumbs::model::UnixMicros;
use crumbs::policy::Policies;
use crumbs::store::{ReadOptions, sniff};
use crumbs::tui::action::{Action, Command, Effect};
use crumbs::tui::app::{App, AuditView, Overlay};
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
    app.policies = policies;
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
    screen_at(app, 100, 30)
}

fn screen_at(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, app)).unwrap();
    format!("{}", t.backend())
}

/// The fixture app at 80×24 with `site` selected (by filtering for it and keeping the
/// filter), then `A`.
fn audit_of(work: &std::path::Path, site: &str) -> App {
    let mut app = fixture_app(work);
    update::update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    update::update(&mut app, Action::Run(Command::StartFilter));
    for c in site.chars() {
        update::update(&mut app, Action::Type(c));
    }
    update::update(&mut app, Action::Run(Command::AcceptFilter));
    let s = app.selected_site().unwrap();
    assert_eq!(&*app.index.sites[s].name, site);
    // The first `A` asks for the profiles' visits; the overlay opens once they are read.
    let effects = update::update(&mut app, Action::Run(Command::ShowAudit));
    assert_eq!(effects, [Effect::ReadHistory]);
    let history = audit::History::read(&app.stores);
    update::update(&mut app, Action::HistoryRead(Box::new(history)));
    app
}

#[test]
fn a_sums_up_the_site_audit_as_the_cli_words_it() {
    let work = tempfile::tempdir().unwrap();
    let mut app = audit_of(work.path(), "fabriquenumeriquedupasse.fr");
    let Overlay::Audit(AuditView::Site(summary)) = &app.overlay else {
        panic!("no audit overlay: {:?}", app.overlay);
    };
    // The same verdict and vendor lines `crumbs audit` prints, from the same data.
    let policies = Policies::builtin().unwrap();
    let history = audit::History::read(&app.stores);
    let cli = audit::one_site(
        &app.entries,
        &policies,
        "fabriquenumeriquedupasse.fr",
        &history,
        NOW,
    )
    .unwrap();
    assert_eq!(summary.verdict, cli.verdict);
    let counts: Vec<(audit::Part, usize)> =
        summary.parts.iter().map(|p| (p.part, p.count)).collect();
    let undeclared: usize = cli.undeclared.iter().map(|g| g.cookies.len()).sum();
    assert_eq!(
        counts,
        [
            (audit::Part::Declared, cli.declared.len()),
            (audit::Part::Undeclared, undeclared),
            (audit::Part::Contradicted, cli.contradicted.len()),
            (audit::Part::Consent, cli.consent.needed_by.len()),
            (audit::Part::NotSeen, cli.not_seen.len()),
        ]
    );
    let vendors: Vec<String> = cli.undeclared.iter().map(|g| g.line()).collect();
    assert_eq!(summary.parts[1].items, vendors);
    let text = screen_at(&app, 80, 24);
    assert!(text.contains("Found but not declared ("), "{text}");
    let first_vendor = cli.undeclared[0].line();
    let words: String = first_vendor.chars().take(20).collect();
    assert!(text.contains(&words), "{words:?} not on screen:\n{text}");
    insta::assert_snapshot!("audit_overlay_80x24", text);
    // The rest is reachable: scrolling moves the text and the bottom border says so.
    let before = text;
    update::update(&mut app, Action::Run(Command::OverlayDown));
    let after = screen_at(&app, 80, 24);
    assert_ne!(before, after, "the overlay scrolls");
    assert!(after.contains("above"), "{after}");
    for _ in 0..200 {
        update::update(&mut app, Action::Run(Command::OverlayDown));
    }
    let end = screen_at(&app, 80, 24);
    assert!(end.contains("Declared but not seen (0)"), "{end}");
    assert!(
        !end.contains("more ┘"),
        "at the end nothing is below:\n{end}"
    );
    update::update(&mut app, Action::Run(Command::CloseOverlay));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn the_overlay_places_third_parties_by_history_as_the_cli_does() {
    // The stores with their profiles' history beside them: `A` reads the visits (once,
    // through the services) and places unpartitioned third-party cookies set while the
    // site's page was open, exactly as `crumbs audit` does.
    let work = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (profile, folder, files) in [
        (
            support::FIREFOX_PROFILE,
            "ff",
            ["cookies.sqlite", "places.sqlite"],
        ),
        (support::CHROMIUM_PROFILE, "ch", ["Cookies", "History"]),
    ] {
        let dir = work.path().join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        for f in files {
            std::fs::copy(support::fixture(profile).join(f), dir.join(f)).unwrap();
        }
        paths.push(dir.join(files[0]));
    }
    let policies = Policies::builtin().unwrap();
    let stores = paths.iter().map(|p| sniff::open_path(p).unwrap()).collect();
    let inv = Inventory::load(stores, &ReadOptions { decrypt: false }, &policies);
    let mut app = App::new(inv, NOW);
    app.policies = policies.clone();
    let site = "fabriquenumeriquedupasse.fr";
    update::update(&mut app, Action::Run(Command::StartFilter));
    for c in site.chars() {
        update::update(&mut app, Action::Type(c));
    }
    update::update(&mut app, Action::Run(Command::AcceptFilter));
    let effects = update::update(&mut app, Action::Run(Command::ShowAudit));
    assert_eq!(effects, [Effect::ReadHistory]);
    let history = audit::History::read(&app.stores);
    update::update(&mut app, Action::HistoryRead(Box::new(history.clone())));
    let Overlay::Audit(AuditView::Site(summary)) = &app.overlay else {
        panic!("no audit overlay: {:?}", app.overlay);
    };
    let undeclared =
        |a: &audit::SiteAudit| -> usize { a.undeclared.iter().map(|g| g.cookies.len()).sum() };
    let cli = audit::one_site(&app.entries, &policies, site, &history, NOW).unwrap();
    let blind = audit::one_site(
        &app.entries,
        &policies,
        site,
        &audit::History::default(),
        NOW,
    )
    .unwrap();
    assert!(
        undeclared(&cli) > undeclared(&blind),
        "history places no cookie on the fixtures"
    );
    assert_eq!(summary.verdict, cli.verdict);
    assert_eq!(summary.parts[1].count, undeclared(&cli));
    // A second `A` uses the visits already read.
    update::update(&mut app, Action::Run(Command::CloseOverlay));
    let again = update::update(&mut app, Action::Run(Command::ShowAudit));
    assert!(again.is_empty(), "{again:?}");
    assert!(matches!(app.overlay, Overlay::Audit(_)));
}

#[test]
fn a_site_without_a_policy_says_so() {
    let work = tempfile::tempdir().unwrap();
    let app = audit_of(work.path(), "example.com");
    assert_eq!(
        app.overlay,
        Overlay::Audit(AuditView::NoPolicy("example.com".into()))
    );
    let text = screen_at(&app, 80, 24);
    assert!(
        text.contains("No cookie policy known for example.com."),
        "{text}"
    );
    insta::assert_snapshot!("audit_no_policy_80x24", text);
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
