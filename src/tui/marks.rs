//! Marks and moves that reach past the selected site: marking the whole view, clearing
//! marks, and `n`/`N` through the filter's matches. Changes `App` only; no I/O.

use super::action::Pane;
use super::app::App;

/// `a`: marks every cookie in view; when every one already is, unmarks them instead.
pub fn mark_view(app: &mut App) {
    let all = app.visible.iter().all(|i| app.marked.contains(i));
    if all {
        for i in &app.visible {
            app.marked.remove(i);
        }
        app.status = format!("Unmarked {} cookies in view", app.visible.len());
    } else {
        app.marked.extend(app.visible.iter().copied());
        app.status = format!("Marked {} cookies in view", app.visible.len());
    }
}

/// Esc with no filter open: drops every mark.
pub fn clear_marks(app: &mut App) {
    if !app.marked.is_empty() {
        app.status = format!("Cleared {} marks", app.marked.len());
        app.marked.clear();
    }
}

/// `n` (`forward`) or `N`: the next or previous cookie in view, going on to the next or
/// previous site and round from the end. Every cookie in view matches the `/` query, so
/// this walks its matches.
pub fn jump_match(app: &mut App, forward: bool) {
    if app.site_rows.is_empty() {
        return;
    }
    if app.query.is_empty() {
        app.status = "No filter: / to search, then n / N".into();
        return;
    }
    app.focus = Pane::Cookies;
    let sites = app.site_rows.len();
    if forward && app.cookie_sel + 1 < app.cookie_rows.len() {
        app.cookie_sel += 1;
    } else if !forward && app.cookie_sel > 0 && !app.cookie_rows.is_empty() {
        app.cookie_sel -= 1;
    } else {
        app.site_sel = if forward {
            (app.site_sel + 1) % sites
        } else {
            (app.site_sel + sites - 1) % sites
        };
        app.cookie_sel = if forward { 0 } else { usize::MAX };
        app.refresh_cookies();
    }
    let before: usize = app.site_rows[..app.site_sel]
        .iter()
        .map(|&s| app.site_counts[s as usize] as usize)
        .sum();
    app.status = format!(
        "Match {} of {}",
        before + app.cookie_sel + 1,
        app.visible.len()
    );
}

/// Marked cookies of site group `site`, in view or not.
pub fn marked_in_site(app: &App, site: usize) -> usize {
    if app.marked.is_empty() {
        return 0;
    }
    app.index
        .site_entries(site)
        .iter()
        .filter(|i| app.marked.contains(i))
        .count()
}

/// Marked cookies the current view (tab, party, filter) leaves out: they are still
/// deleted by `d`, so the status line says so.
pub fn marked_off_view(app: &App) -> usize {
    if app.marked.is_empty() {
        return 0;
    }
    let in_view = app
        .visible
        .iter()
        .filter(|i| app.marked.contains(i))
        .count();
    app.marked.len() - in_view
}
