//! Turns the UI's selection or view into a [`DeletePreview`] for the confirm overlay:
//! which entries were picked, in words, and whether that was one deliberate choice. The
//! library decides the rest (keep-list, sign-in cookies, per-store lines, groups,
//! effects), the same way it does for `crumbs delete`. Touches no files.

use super::action::Pane;
use super::app::{App, Overlay};
use crate::preview::{DeletePreview, Selection};
use crate::sanitize::for_terminal;

/// `d`: marked cookies, else the selected cookie, else (sites pane) the whole site.
pub fn request_selection(app: &mut App) {
    if !app.marked.is_empty() {
        let mut entries: Vec<u32> = app.marked.iter().copied().collect();
        entries.sort_unstable();
        let n = entries.len();
        // One marked cookie is a choice made by hand; several may have been marked a
        // view at a time, so the bulk rules (keep-list, sign-in) apply to them.
        open(app, entries, format!("{n} marked cookies"), n == 1);
        return;
    }
    match app.focus {
        Pane::Cookies => {
            if let Some(i) = app.selected_entry() {
                let c = &app.entries[i].cookie;
                let d = format!("host {}, name {}", c.bare_host(), c.name);
                open(app, vec![i as u32], d, true);
            }
        }
        Pane::Sites => {
            if let Some(s) = app.selected_site() {
                let entries = app.cookie_rows.clone();
                let d = format!("site {}", app.index.sites[s].name);
                open(app, entries, d, false);
            }
        }
    }
}

/// `D`: every cookie in the current tab, party and filter.
pub fn request_view(app: &mut App) {
    let mut d = match app.category() {
        Some(c) => format!("category {}", c.as_str()),
        None if app.tab == super::app::TRACKERS_TAB => "trackers".to_string(),
        None => "all categories".to_string(),
    };
    if app.party != super::index::PartyView::All {
        d.push_str(&format!(", party {}", app.party.label()));
    }
    if !app.query.is_empty() {
        d.push_str(&format!(", matching \"{}\"", app.query));
    }
    let entries = app.visible.clone();
    open(app, entries, d, false);
}

fn open(app: &mut App, entries: Vec<u32>, description: String, explicit: bool) {
    let chosen = entries.len();
    let selection = Selection {
        entries: &app.entries,
        stores: &app.stores,
        explicit,
    };
    let description = for_terminal(&description).into_owned();
    let preview = DeletePreview::build(selection, entries, &app.keep, description);
    if preview.is_empty() {
        app.status = nothing_to_delete(chosen, &preview);
        return;
    }
    app.overlay = Overlay::Confirm(preview);
}

fn nothing_to_delete(chosen: usize, p: &DeletePreview) -> String {
    match (p.kept, p.sign_in_left_out) {
        _ if chosen == 0 => "Nothing to delete here".into(),
        (kept, 0) => format!("Nothing to delete: the keep-list protects all {kept}"),
        (0, n) => format!(
            "Nothing to delete: {n} sign-in cookie{} left out; select one and press d to sign out on purpose",
            if n == 1 { " is" } else { "s are" }
        ),
        (kept, n) => format!(
            "Nothing to delete: {kept} on the keep-list, {n} sign-in left out; select one and press d to delete it on purpose"
        ),
    }
}
