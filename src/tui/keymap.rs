//! Key bindings as one table: mode, key (with its modifiers), command, footer label and
//! rank, help sentence. The footer and the help overlay are generated from these rows, so
//! they cannot disagree with what the keys do. Lookup only; no state changes here.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Command};

/// Which set of rows applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Filter,
    Confirm,
    Export,
    Audit,
    Help,
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub key: KeyCode,
    /// `CONTROL` for a Ctrl chord; `NONE` matches the key without Ctrl (Shift is part of
    /// the character already).
    pub mods: KeyModifiers,
    pub command: Command,
    /// How the key is written in the footer and help ("↓ j", "Space").
    pub keys: &'static str,
    /// Short footer word; `None` keeps the row out of the footer (help still lists it).
    pub footer: Option<&'static str>,
    pub help: &'static str,
    /// Footer importance, 0 first: when the footer is too narrow, higher ranks give way.
    pub rank: u8,
}

const fn b(
    mode: Mode,
    key: KeyCode,
    command: Command,
    keys: &'static str,
    footer: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        mode,
        key,
        command,
        keys,
        footer,
        help,
        mods: KeyModifiers::NONE,
        rank: DEFAULT_RANK,
    }
}

/// The rank of footer rows not given one.
const DEFAULT_RANK: u8 = 3;

impl Binding {
    /// The same row, bound to Ctrl plus its key.
    const fn ctrl(mut self) -> Binding {
        self.mods = KeyModifiers::CONTROL;
        self
    }
    /// The same row with footer rank `rank`.
    const fn rank(mut self, rank: u8) -> Binding {
        self.rank = rank;
        self
    }
}

use Command as C;
use KeyCode as K;
use Mode::{Audit, Confirm, Export, Filter, Help, Normal};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(Normal, K::Down, C::SelectNext, "↑↓ jk", Some("move"), "Move down / up one row").rank(1),
    b(Normal, K::Char('j'), C::SelectNext, "↑↓ jk", None, "Move down / up one row"),
    b(Normal, K::Up, C::SelectPrev, "↑↓ jk", None, "Move down / up one row"),
    b(Normal, K::Char('k'), C::SelectPrev, "↑↓ jk", None, "Move down / up one row"),
    b(Normal, K::PageDown, C::PageDown, "PgDn PgUp", None, "Move one page down / up"),
    b(Normal, K::PageUp, C::PageUp, "PgDn PgUp", None, "Move one page down / up"),
    b(Normal, K::Char('d'), C::HalfPageDown, "^D ^U", None, "Move half a page down / up").ctrl(),
    b(Normal, K::Char('u'), C::HalfPageUp, "^D ^U", None, "Move half a page down / up").ctrl(),
    b(Normal, K::Home, C::SelectFirst, "Home End", None, "First / last row"),
    b(Normal, K::End, C::SelectLast, "Home End", None, "First / last row"),
    b(Normal, K::Char('g'), C::SelectFirst, "g G", None, "First / last row, as in vi"),
    b(Normal, K::Char('G'), C::SelectLast, "g G", None, "First / last row, as in vi"),
    b(Normal, K::Left, C::FocusSites, "←→ hl", None, "Focus sites / cookies list"),
    b(Normal, K::Char('h'), C::FocusSites, "←→ hl", None, "Focus sites / cookies list"),
    b(Normal, K::Right, C::FocusCookies, "←→ hl", None, "Focus sites / cookies list"),
    b(Normal, K::Char('l'), C::FocusCookies, "←→ hl", None, "Focus sites / cookies list"),
    b(Normal, K::Tab, C::FocusNext, "Tab", Some("pane"), "Switch sites / cookies"),
    b(Normal, K::Char('/'), C::StartFilter, "/", Some("filter"), "Filter name, host, provider").rank(2),
    b(Normal, K::Char('n'), C::NextMatch, "n N", None, "Next / previous match"),
    b(Normal, K::Char('N'), C::PrevMatch, "n N", None, "Next / previous match"),
    b(Normal, K::Esc, C::ClearFilterOrMarks, "Esc", None, "Clear filter, else marks"),
    b(Normal, K::Char('1'), C::SelectTab(0), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('2'), C::SelectTab(1), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('3'), C::SelectTab(2), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('4'), C::SelectTab(3), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('5'), C::SelectTab(4), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('6'), C::SelectTab(5), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char('7'), C::SelectTab(6), "1-7", None, "All, category, Trackers tab"),
    b(Normal, K::Char(']'), C::NextTab, "[ ]", Some("tab"), "Previous / next tab"),
    b(Normal, K::Char('['), C::PrevTab, "[ ]", None, "Previous / next tab"),
    b(Normal, K::Char('p'), C::ToggleParty, "p", Some("party"), "Party: all, first, third"),
    b(Normal, K::Char('s'), C::CycleSort, "s", None, "Sort: name/site/expiry/used"),
    b(Normal, K::Char('o'), C::CycleSiteSort, "o", None, "Sites: name/count/trackers"),
    b(Normal, K::Char('}'), C::ScrollDetailDown, "{ }", None, "Scroll the explanation"),
    b(Normal, K::Char('{'), C::ScrollDetailUp, "{ }", None, "Scroll the explanation"),
    b(Normal, K::Char('e'), C::CycleDetailSize, "e", None, "Explanation taller / 1 line"),
    b(Normal, K::Char('v'), C::ToggleReveal, "v", None, "Show or mask cookie values"),
    b(Normal, K::Char(' '), C::ToggleMark, "Space", Some("mark"), "Mark or unmark this cookie").rank(1),
    b(Normal, K::Char('a'), C::MarkView, "a", None, "Mark all in view / unmark"),
    b(Normal, K::Char('d'), C::RequestDelete, "d", Some("delete"), "Delete marked or selected").rank(1),
    b(Normal, K::Char('D'), C::RequestDeleteView, "D", None, "Delete the whole view"),
    b(Normal, K::Char('u'), C::Undo, "u", Some("undo"), "Undo the last delete").rank(2),
    b(Normal, K::Char('K'), C::ToggleKeep, "K", None, "Keep-list a site or name"),
    b(Normal, K::Char('A'), C::ShowAudit, "A", None, "Site's cookie policy audit"),
    b(Normal, K::Char('x'), C::RequestExport, "x", Some("export"), "Export marked, else view"),
    b(Normal, K::Char('?'), C::ToggleHelp, "?", Some("help"), "Show all keys").rank(0),
    b(Normal, K::Char('q'), C::Quit, "q", Some("quit"), "Quit").rank(0),
    b(Filter, K::Enter, C::AcceptFilter, "Enter", Some("keep"), "Keep, select first match"),
    b(Filter, K::Esc, C::ClearFilter, "Esc", Some("clear"), "Clear the filter"),
    b(Filter, K::Backspace, C::FilterBackspace, "Bksp", None, "Delete last character"),
    b(Filter, K::Down, C::SelectNext, "↑↓", None, "Move down / up one row"),
    b(Filter, K::Up, C::SelectPrev, "↑↓", None, "Move down / up one row"),
    b(Confirm, K::Char('y'), C::ConfirmDelete, "y", Some("delete"), "Delete these cookies"),
    b(Confirm, K::Char('n'), C::CancelDelete, "n Esc", Some("cancel"), "Cancel, delete nothing"),
    b(Confirm, K::Esc, C::CancelDelete, "n Esc", None, "Cancel, delete nothing"),
    b(Export, K::Enter, C::ConfirmExport, "Enter", Some("write"), "Write (again: replace)"),
    b(Export, K::Tab, C::ToggleExportFormat, "Tab", Some("format"), "cookies.txt or JSON"),
    b(Export, K::Backspace, C::PromptBackspace, "Bksp", None, "Delete last character"),
    b(Export, K::Char('u'), C::PromptClear, "^U", None, "Clear the path").ctrl(),
    b(Export, K::Esc, C::CancelExport, "Esc", Some("cancel"), "Cancel, write nothing"),
    b(Audit, K::Down, C::OverlayDown, "↑↓ jk", Some("scroll"), "Scroll the audit"),
    b(Audit, K::Char('j'), C::OverlayDown, "↑↓ jk", None, "Scroll the audit"),
    b(Audit, K::Up, C::OverlayUp, "↑↓ jk", None, "Scroll the audit"),
    b(Audit, K::Char('k'), C::OverlayUp, "↑↓ jk", None, "Scroll the audit"),
    b(Audit, K::Esc, C::CloseOverlay, "Esc q", Some("close"), "Close the audit"),
    b(Audit, K::Char('q'), C::CloseOverlay, "Esc q", None, "Close the audit"),
    b(Help, K::Down, C::OverlayDown, "↑↓ jk", Some("scroll"), "Scroll this help"),
    b(Help, K::Char('j'), C::OverlayDown, "↑↓ jk", None, "Scroll this help"),
    b(Help, K::Up, C::OverlayUp, "↑↓ jk", None, "Scroll this help"),
    b(Help, K::Char('k'), C::OverlayUp, "↑↓ jk", None, "Scroll this help"),
    b(Help, K::Esc, C::ToggleHelp, "Esc", Some("close"), "Close this help"),
    b(Help, K::Char('?'), C::ToggleHelp, "?", None, "Close this help"),
    b(Help, K::Char('q'), C::ToggleHelp, "q", None, "Close this help"),
];

/// The action for a key press in `mode`. Ctrl-C always quits; releases and repeats of
/// other kinds are ignored; in filter mode, unbound characters are typed.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let mods = key.modifiers & KeyModifiers::CONTROL;
    if mods == KeyModifiers::CONTROL && key.code == K::Char('c') {
        return Some(Action::Run(C::Quit));
    }
    if let Some(row) = BINDINGS
        .iter()
        .find(|r| r.mode == mode && r.key == key.code && r.mods == mods)
    {
        return Some(Action::Run(row.command));
    }
    match (mode, key.code) {
        (Filter | Export, K::Char(c)) if mods.is_empty() => Some(Action::Type(c)),
        _ => None,
    }
}

/// One footer item: how the key is written, its label, its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FooterItem {
    pub keys: &'static str,
    pub label: &'static str,
    pub rank: u8,
}

/// Footer items for `mode`, in table order.
pub fn footer(mode: Mode) -> impl Iterator<Item = FooterItem> {
    BINDINGS
        .iter()
        .filter(move |r| r.mode == mode)
        .filter_map(|r| {
            r.footer.map(|label| FooterItem {
                keys: r.keys,
                label,
                rank: r.rank,
            })
        })
}

/// Which of `items` fit in `width` columns, each taking `width_of` it: the most important
/// first (lowest rank, then table order), returned in table order so the footer reads the
/// same at every width.
pub fn fit_footer(
    items: &[FooterItem],
    width: usize,
    width_of: impl Fn(&FooterItem) -> usize,
) -> Vec<FooterItem> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].rank, i));
    let mut room = width;
    let mut keep = vec![false; items.len()];
    for i in order {
        let w = width_of(&items[i]);
        if w <= room {
            room -= w;
            keep[i] = true;
        }
    }
    items
        .iter()
        .zip(keep)
        .filter_map(|(item, k)| k.then_some(*item))
        .collect()
}

/// Help rows for `mode`, one per distinct sentence: `(keys, sentence)`.
pub fn help(mode: Mode) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for r in BINDINGS.iter().filter(|r| r.mode == mode) {
        if !out.iter().any(|(_, h)| *h == r.help) {
            out.push((r.keys, r.help));
        }
    }
    out
}

#[cfg(test)]
mod tests;
