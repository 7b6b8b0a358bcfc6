//! The pure state transition: `update(&mut App, Action) -> Vec<Effect>`. It changes `App`
//! and returns what the runner must do; it never opens a file or a database.

use super::action::{Action, Command, DeleteOutcome, Effect, KeepTarget, Pane};
use super::app::{App, AuditView, Overlay, TAB_COUNT};
use super::layout::{DETAIL_STEP, explanation, overlay};
use super::{marks, plan, prompt};
use crate::inventory::Entry;
use crate::model::Party;

mod moves;

use moves::{click, move_by, navigate, scroll_detail, scroll_overlay};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let shown = app.selected_entry();
    let effects = apply(app, action);
    if app.selected_entry() != shown {
        // Another cookie's explanation starts at the top, also when coming back to one.
        app.detail_scroll = (usize::MAX, 0);
    } else if app.detail_offset() > 0 {
        // Revealing, the keep-list or a resize can shorten what overflows.
        let max = explanation::max_offset(app);
        app.detail_scroll.1 = app.detail_scroll.1.min(max);
    }
    effects
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Run(cmd) => run(app, cmd),
        Action::Type(c) if matches!(app.overlay, Overlay::Export(_)) => {
            prompt::type_char(app, c);
            Vec::new()
        }
        Action::Type(c) => {
            app.query.push(c);
            set_query(app);
            Vec::new()
        }
        Action::Click { pane, row } => {
            click(app, pane, row);
            Vec::new()
        }
        Action::Scroll { pane, lines } => {
            app.focus = pane;
            move_by(app, lines as isize);
            Vec::new()
        }
        Action::ScrollDetail { lines } => {
            scroll_detail(app, lines);
            Vec::new()
        }
        Action::Resize { width, height } => {
            app.screen = (width, height);
            app.overlay_scroll = app.overlay_scroll.min(overlay::max_offset(app));
            Vec::new()
        }
        Action::Loaded(inv) => {
            // Entry numbers may name other cookies after a reload.
            app.detail_scroll = (usize::MAX, 0);
            app.load(*inv);
            Vec::new()
        }
        Action::HistoryRead(history) => {
            app.history = Some(*history);
            show_audit(app);
            Vec::new()
        }
        Action::DeleteDone(outcome) => {
            deleted(app, outcome);
            Vec::new()
        }
        Action::UndoDone(message) => {
            app.status = crate::sanitize::for_terminal(&message).into_owned();
            app.last_backup = None;
            vec![Effect::Reload]
        }
        Action::KeepToggled { target, kept } => {
            keep_toggled(app, target, kept);
            Vec::new()
        }
        Action::Exported(outcome) => {
            prompt::exported(app, &outcome);
            Vec::new()
        }
        Action::ExportExists(path) => {
            prompt::exists(app, &path);
            Vec::new()
        }
        Action::Failed(message) => {
            app.in_flight.clear();
            // Error lines name files, and file names can hold control bytes.
            app.status = crate::sanitize::for_terminal(&message).into_owned();
            Vec::new()
        }
    }
}

fn run(app: &mut App, cmd: Command) -> Vec<Effect> {
    use Command as C;
    match cmd {
        C::SelectNext
        | C::SelectPrev
        | C::PageDown
        | C::PageUp
        | C::HalfPageDown
        | C::HalfPageUp
        | C::SelectFirst
        | C::SelectLast
        | C::FocusSites
        | C::FocusCookies
        | C::FocusNext => navigate(app, cmd),
        C::StartFilter
        | C::AcceptFilter
        | C::ClearFilter
        | C::FilterBackspace
        | C::SelectTab(_)
        | C::NextTab
        | C::PrevTab
        | C::ToggleParty
        | C::CycleSort
        | C::CycleSiteSort
        | C::ToggleReveal
        | C::CycleDetailSize
        | C::ToggleHelp => change_view(app, cmd),
        C::ScrollDetailDown => scroll_detail(app, DETAIL_STEP),
        C::ScrollDetailUp => scroll_detail(app, -DETAIL_STEP),
        C::NextMatch => marks::jump_match(app, true),
        C::PrevMatch => marks::jump_match(app, false),
        C::ClearFilterOrMarks if app.query.is_empty() => marks::clear_marks(app),
        C::ClearFilterOrMarks => change_view(app, C::ClearFilter),
        C::MarkView => marks::mark_view(app),
        C::ToggleMark => toggle_mark(app),
        C::RequestDelete => plan::request_selection(app),
        C::RequestDeleteView => plan::request_view(app),
        C::ConfirmDelete => return confirm(app),
        C::CancelDelete => {
            if matches!(app.overlay, Overlay::Confirm(_)) {
                app.status = "Nothing deleted".into();
            }
            app.overlay = Overlay::None;
        }
        C::Undo => return vec![Effect::Undo(app.last_backup.clone())],
        C::ToggleKeep => {
            return keep_target(app)
                .map(Effect::ToggleKeep)
                .into_iter()
                .collect();
        }
        C::RequestExport => prompt::open(app),
        C::ConfirmExport => return prompt::submit(app),
        C::CancelExport => prompt::cancel(app),
        C::ToggleExportFormat => prompt::toggle_kind(app),
        C::PromptBackspace => prompt::backspace(app),
        C::PromptClear => prompt::clear(app),
        C::ShowAudit if app.history.is_none() => return vec![Effect::ReadHistory],
        C::ShowAudit => show_audit(app),
        C::OverlayDown => scroll_overlay(app, 1),
        C::OverlayUp => scroll_overlay(app, -1),
        C::CloseOverlay => app.overlay = Overlay::None,
        C::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
    }
    Vec::new()
}

/// What is shown: filter, tab, party, sort, values, help.
fn change_view(app: &mut App, cmd: Command) {
    match cmd {
        Command::StartFilter => app.filtering = true,
        Command::AcceptFilter => accept_filter(app),
        Command::ClearFilter => {
            app.filtering = false;
            app.query.clear();
            set_query(app);
        }
        Command::FilterBackspace => {
            app.query.pop();
            set_query(app);
        }
        Command::SelectTab(n) => set_tab(app, usize::from(n)),
        Command::NextTab => set_tab(app, (app.tab + 1) % TAB_COUNT),
        Command::PrevTab => set_tab(app, (app.tab + TAB_COUNT - 1) % TAB_COUNT),
        Command::ToggleParty => {
            app.party = app.party.next();
            app.refresh();
        }
        Command::CycleSort => {
            app.sort = app.sort.next();
            app.refresh_cookies();
            app.status = format!("Sorted by {}", app.sort.label());
        }
        Command::CycleSiteSort => {
            app.site_sort = app.site_sort.next();
            app.refresh();
            app.status = format!("Sites by {}", app.site_sort.label());
        }
        Command::ToggleReveal => app.revealed = !app.revealed,
        Command::CycleDetailSize => {
            app.detail_size = app.detail_size.next();
            app.status = format!("Explanation: {}", app.detail_size.label());
        }
        Command::ToggleHelp => {
            app.overlay_scroll = 0;
            app.overlay = match app.overlay {
                Overlay::Help => Overlay::None,
                _ => Overlay::Help,
            }
        }
        _ => {}
    }
}

/// `A`: the selected site's audit against its cookie policy, from the cookies still
/// there (a deleted one is no longer found).
fn show_audit(app: &mut App) {
    let Some(s) = app.selected_site() else {
        app.status = "No site selected".into();
        return;
    };
    let site = app.index.sites[s].name.to_string();
    // The audit reads the cookies that answer to the site's policy, and the third-party
    // ones without a partition key, which history may place on the site's pages.
    let live: Vec<Entry> = app
        .entries
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            !app.index.gone[*i]
                && (e.verdict.policy_site.as_deref() == Some(&*site)
                    || (e.cookie.partition.is_none() && e.party.party != Party::First))
        })
        .map(|(_, e)| e.clone())
        .collect();
    let none = crate::audit::History::default();
    let history = app.history.as_ref().unwrap_or(&none);
    let view = match crate::audit::one_site(&live, &app.policies, &site, history, app.now) {
        Some(a) => AuditView::Site(a.summary()),
        None => AuditView::NoPolicy(site),
    };
    app.overlay = Overlay::Audit(view);
    app.overlay_scroll = 0;
}

fn set_query(app: &mut App) {
    app.query_lower = app.query.to_lowercase();
    app.refresh();
}

fn set_tab(app: &mut App, tab: usize) {
    app.tab = tab.min(TAB_COUNT - 1);
    app.refresh();
}

fn accept_filter(app: &mut App) {
    app.filtering = false;
    if let Some(&first) = app.visible.first() {
        let site = app.index.site_of[first as usize];
        app.site_sel = app.site_rows.iter().position(|s| *s == site).unwrap_or(0);
        app.refresh_cookies();
        app.cookie_sel = app
            .cookie_rows
            .iter()
            .position(|i| *i == first)
            .unwrap_or(0);
        app.focus = Pane::Cookies;
    }
}

fn toggle_mark(app: &mut App) {
    if let Some(i) = app.selected_entry() {
        let i = i as u32;
        if !app.marked.remove(&i) {
            app.marked.insert(i);
        }
        if app.focus == Pane::Cookies && app.cookie_sel + 1 < app.cookie_rows.len() {
            app.cookie_sel += 1;
        }
    }
}

fn confirm(app: &mut App) -> Vec<Effect> {
    let Overlay::Confirm(plan) = &app.overlay else {
        return Vec::new();
    };
    if plan.deletable() == 0 {
        // `y` is not offered: every store it reaches is in use, so the dialog stays.
        return Vec::new();
    }
    let Overlay::Confirm(plan) = std::mem::replace(&mut app.overlay, Overlay::None) else {
        return Vec::new();
    };
    app.in_flight = plan.entries.clone();
    app.status = format!("Deleting {} cookies…", plan.entries.len());
    vec![Effect::Delete {
        entries: plan.entries,
        description: plan.description,
    }]
}

fn deleted(app: &mut App, outcome: DeleteOutcome) {
    let gone: std::collections::HashSet<_> = outcome.deleted.iter().copied().collect();
    for i in std::mem::take(&mut app.in_flight) {
        if gone.contains(&app.entries[i as usize].cookie.id()) {
            app.index.gone[i as usize] = true;
            // Deleted rows drop out of every full scan; `base` may still hold them.
            app.base_for = None;
            app.marked.remove(&i);
        }
    }
    let n = outcome.deleted.len();
    let mut msg = format!("Deleted {n} cookie{}", if n == 1 { "" } else { "s" });
    if !outcome.skipped.is_empty() {
        let why = outcome.skipped[0].1.clone();
        msg.push_str(&format!("; {} skipped ({why})", outcome.skipped.len()));
    }
    if let Some(id) = &outcome.backup_id {
        msg.push_str(&format!("; backup {id}, u to undo"));
    }
    app.status = crate::sanitize::for_terminal(&msg).into_owned();
    app.last_backup = outcome.backup_id;
    app.refresh();
}

fn keep_target(app: &App) -> Option<KeepTarget> {
    match app.focus {
        Pane::Sites => app
            .selected_site()
            .map(|s| KeepTarget::Site(app.index.sites[s].name.to_string())),
        Pane::Cookies => app
            .selected_entry()
            .map(|i| KeepTarget::Name(app.entries[i].cookie.name.clone())),
    }
}

fn keep_toggled(app: &mut App, target: KeepTarget, kept: bool) {
    let (what, label) = match &target {
        KeepTarget::Site(s) => {
            app.keep.set_site(s, kept);
            (s, "site")
        }
        KeepTarget::Name(n) => {
            app.keep.set_name(n, kept);
            (n, "cookie name")
        }
    };
    let what = crate::sanitize::for_terminal(what);
    app.status = if kept {
        format!("Keeping {label} {what}: bulk deletes leave it alone")
    } else {
        format!("{label} {what} is no longer kept")
    };
}
