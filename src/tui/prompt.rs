//! The export prompt (`x`, its state is [`ExportPrompt`]): which cookies go (the marked
//! ones, else the view), the path being typed, the format, and whether the person was told
//! the file exists. Opening, editing and answering it are state changes only; the file is
//! written by the runner through `Services::export`, whose answer comes back as an action.

use super::action::{Effect, ExportOutcome};
use super::app::{App, ExportKind, ExportPrompt, Overlay};
use crate::sanitize::for_terminal;

/// `x`: the marked cookies when any are marked, else every cookie in view.
pub fn open(app: &mut App) {
    let marked = !app.marked.is_empty();
    let mut entries: Vec<u32> = if marked {
        app.marked.iter().copied().collect()
    } else {
        app.visible.clone()
    };
    if entries.is_empty() {
        app.status = "Nothing to export here".into();
        return;
    }
    entries.sort_unstable();
    let kind = ExportKind::Netscape;
    app.overlay = Overlay::Export(ExportPrompt {
        marked,
        entries,
        path: kind.default_path(),
        kind,
        replace: false,
    });
}

fn prompt(app: &mut App) -> Option<&mut ExportPrompt> {
    match &mut app.overlay {
        Overlay::Export(p) => Some(p),
        _ => None,
    }
}

/// A character typed into the path. Another path is another file: any warning that the
/// old one exists no longer applies.
pub fn type_char(app: &mut App, c: char) {
    if let Some(p) = prompt(app) {
        p.path.push(c);
        p.replace = false;
    }
}

pub fn backspace(app: &mut App) {
    if let Some(p) = prompt(app) {
        p.path.pop();
        p.replace = false;
    }
}

pub fn clear(app: &mut App) {
    if let Some(p) = prompt(app) {
        p.path.clear();
        p.replace = false;
    }
}

/// Tab: the other format; a path ending in the old format's extension takes the new one.
pub fn toggle_kind(app: &mut App) {
    if let Some(p) = prompt(app) {
        let next = p.kind.other();
        if let Some(stem) = p.path.strip_suffix(p.kind.extension()) {
            p.path = format!("{stem}{}", next.extension());
            p.replace = false;
        }
        p.kind = next;
    }
}

/// Enter: write, replacing the file only when the person was told it exists.
pub fn submit(app: &mut App) -> Vec<Effect> {
    let Some(p) = prompt(app) else {
        return Vec::new();
    };
    if p.path.trim().is_empty() {
        app.status = "Type the path of the file to write".into();
        return Vec::new();
    }
    vec![Effect::Export {
        entries: p.entries.clone(),
        path: p.path.clone(),
        format: p.kind.format(),
        force: p.replace,
    }]
}

pub fn cancel(app: &mut App) {
    if matches!(app.overlay, Overlay::Export(_)) {
        app.status = "Nothing exported".into();
    }
    app.overlay = Overlay::None;
}

/// The file was written: the prompt closes and the status says how many and what was left
/// out.
pub fn exported(app: &mut App, o: &ExportOutcome) {
    app.overlay = Overlay::None;
    let s = if o.written == 1 { "" } else { "s" };
    let mut msg = format!("Exported {} cookie{s} to {}", o.written, o.path);
    if let Some(left) = crate::export::left_out(&o.skipped) {
        msg.push_str(&format!(" ({left})"));
    }
    app.status = for_terminal(&msg).into_owned();
}

/// The file exists: the prompt stays, now saying so, and a second Enter replaces it.
pub fn exists(app: &mut App, path: &str) {
    if let Some(p) = prompt(app)
        && p.path == path
    {
        p.replace = true;
    }
    app.status = for_terminal(&format!("{path} already exists")).into_owned();
}
