//! Builds the deletion shown in the confirm overlay from the current selection or view:
//! which entries, counts per browser/profile, skip reasons (running browsers), and what
//! deleting does in plain words taken from the explanations. Touches no files.

use std::collections::HashSet;

use super::action::Pane;
use super::app::{App, Overlay, PendingDelete};
use crate::explain::explain;
use crate::sanitize::for_terminal;

/// Distinct (site, name) pairs explained for the effects list; enough to say what a bulk
/// delete does without explaining 100,000 cookies.
const EXPLAIN_LIMIT: usize = 200;
const EFFECTS_SHOWN: usize = 6;

/// `d`: marked cookies, else the selected cookie, else (sites pane) the whole site.
pub fn request_selection(app: &mut App) {
    if !app.marked.is_empty() {
        let mut entries: Vec<u32> = app.marked.iter().copied().collect();
        entries.sort_unstable();
        let n = entries.len();
        open(app, entries, format!("{n} marked cookies"), false);
        return;
    }
    match app.focus {
        Pane::Cookies => {
            if let Some(i) = app.selected_entry() {
                let c = &app.entries[i].cookie;
                let d = format!("host {}, name {}", c.bare_host(), c.name);
                open(app, vec![i as u32], d, false);
            }
        }
        Pane::Sites => {
            if let Some(s) = app.selected_site() {
                let entries = app.cookie_rows.clone();
                let d = format!("site {}", app.index.sites[s].name);
                open(app, entries, d, true);
            }
        }
    }
}

/// `D`: every cookie in the current tab, party and filter.
pub fn request_view(app: &mut App) {
    let mut d = match app.category() {
        Some(c) => format!("category {}", c.as_str()),
        None => "all categories".to_string(),
    };
    if app.party != super::index::PartyView::All {
        d.push_str(&format!(", party {}", app.party.label()));
    }
    if !app.query.is_empty() {
        d.push_str(&format!(", matching \"{}\"", app.query));
    }
    let entries = app.visible.clone();
    open(app, entries, d, true);
}

fn open(app: &mut App, mut entries: Vec<u32>, description: String, bulk: bool) {
    let before = entries.len();
    if bulk {
        entries.retain(|&i| !app.is_kept(i as usize));
    }
    if entries.is_empty() {
        app.status = match before {
            0 => "Nothing to delete here".into(),
            n => format!("Nothing to delete: the keep-list protects all {n}"),
        };
        return;
    }
    let plan = PendingDelete {
        per_store: per_store(app, &entries),
        effects: effects(app, &entries),
        kept: before - entries.len(),
        entries,
        description: for_terminal(&description).into_owned(),
    };
    app.overlay = Overlay::Confirm(plan);
}

fn per_store(app: &App, entries: &[u32]) -> Vec<(String, usize, Option<String>)> {
    let mut out: Vec<(String, usize, Option<String>)> = Vec::new();
    for &i in entries {
        let store = &app.entries[i as usize].cookie.store;
        let label = format!(
            "{} / {}",
            store.browser.display_name(),
            for_terminal(&store.profile)
        );
        match out.iter_mut().find(|(l, _, _)| *l == label) {
            Some(row) => row.1 += 1,
            None => {
                let running = app
                    .stores
                    .iter()
                    .find(|s| *s.store == **store)
                    .and_then(|s| s.running.as_ref())
                    .map(|r| {
                        format!(
                            "{} is running on this profile ({}); its cookies will be skipped",
                            store.browser.display_name(),
                            for_terminal(&r.how)
                        )
                    });
                out.push((label, 1, running));
            }
        }
    }
    out
}

fn effects(app: &App, entries: &[u32]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for &i in entries {
        let e = &app.entries[i as usize];
        if seen.len() >= EXPLAIN_LIMIT || out.len() >= EFFECTS_SHOWN {
            break;
        }
        if !seen.insert((e.cookie.site.clone(), e.cookie.name.as_str())) {
            continue;
        }
        let ex = explain(e, app.now);
        let line = ex
            .lines
            .iter()
            .find(|(label, _)| label.to_lowercase().contains("delet"))
            .map(|(_, text)| text.clone())
            .or_else(|| {
                e.verdict
                    .on_delete
                    .as_deref()
                    .map(|t| t.replace("{site}", &e.cookie.site))
            });
        if let Some(line) = line {
            let line = for_terminal(&line).into_owned();
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}
