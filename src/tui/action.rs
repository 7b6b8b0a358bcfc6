//! Everything that can happen to the UI: user commands (bindable, listed in the key map),
//! typed text and mouse input, and the results the runner feeds back after an effect.
//! Plain data only; nothing here does anything.

use std::collections::BTreeMap;

use crate::export::{Format, SkipReason};
use crate::inventory::Inventory;
use crate::model::CookieId;

/// A user-facing command. Every one of them has a row in the key map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Move the selection down one row.
    SelectNext,
    /// Move the selection up one row.
    SelectPrev,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Jump to the next cookie matching the filter, on to the next site.
    NextMatch,
    /// Jump to the previous cookie matching the filter, back to the previous site.
    PrevMatch,
    /// Clear the filter; with no filter, clear the marks.
    ClearFilterOrMarks,
    /// Mark every cookie in view; when all already are, unmark them.
    MarkView,
    /// Jump to the first row.
    SelectFirst,
    /// Jump to the last row.
    SelectLast,
    /// Focus the sites pane.
    FocusSites,
    /// Focus the cookies pane.
    FocusCookies,
    /// Switch focus between the two panes.
    FocusNext,
    /// Start typing a filter over name, host and provider.
    StartFilter,
    /// Keep the filter and select its first matching cookie.
    AcceptFilter,
    /// Clear the filter (or leave the current overlay).
    ClearFilter,
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Show category tab `n` (0 = All).
    SelectTab(u8),
    /// Next category tab.
    NextTab,
    /// Previous category tab.
    PrevTab,
    /// Cycle the party view: all, first, third.
    ToggleParty,
    /// Cycle the cookie sort: name, site, expiry, last used.
    CycleSort,
    /// Cycle the sites order: name, cookie count, tracker count.
    CycleSiteSort,
    /// Show or mask cookie values.
    ToggleReveal,
    /// Make the explanation taller, then one line, then as it was.
    CycleDetailSize,
    /// Scroll the explanation down a few lines.
    ScrollDetailDown,
    /// Scroll the explanation up a few lines.
    ScrollDetailUp,
    /// Mark or unmark the selected cookie.
    ToggleMark,
    /// Plan deleting the marked cookies, else the selection (a whole site on the sites pane).
    RequestDelete,
    /// Plan deleting every cookie in the current category view.
    RequestDeleteView,
    /// Carry out the planned deletion.
    ConfirmDelete,
    /// Drop the planned deletion.
    CancelDelete,
    /// Put back what the last deletion removed.
    Undo,
    /// Add or remove the selected site (or cookie name) on the keep-list.
    ToggleKeep,
    /// Show or hide the key help.
    ToggleHelp,
    /// Ask where to export the marked cookies, else the view.
    RequestExport,
    /// Write the export to the path typed (after a warning, replace the file there).
    ConfirmExport,
    /// Close the export prompt, writing nothing.
    CancelExport,
    /// Switch the export between cookies.txt and JSON.
    ToggleExportFormat,
    /// Delete the last character of the path being typed.
    PromptBackspace,
    /// Clear the path being typed.
    PromptClear,
    /// Show the selected site's audit against its cookie policy.
    ShowAudit,
    /// Scroll the open overlay (help, audit) down a line.
    OverlayDown,
    /// Scroll the open overlay up a line.
    OverlayUp,
    /// Close the open overlay.
    CloseOverlay,
    /// Leave crumbs.
    Quit,
}

/// Which list a mouse event landed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sites,
    Cookies,
}

/// What a deletion did, as the runner reports it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeleteOutcome {
    pub deleted: Vec<CookieId>,
    /// Cookies left in place, with why (browser running, changed since read, …).
    pub skipped: Vec<(CookieId, String)>,
    pub backup_id: Option<String>,
}

/// Anything `update` reacts to.
#[derive(Debug)]
pub enum Action {
    /// A command from the key map.
    Run(Command),
    /// A character typed into the filter.
    Type(char),
    /// A click on row `row` of a list, 0-based from the first row drawn; `update` adds
    /// the scroll offset from `layout`.
    Click { pane: Pane, row: usize },
    /// Wheel scroll over a pane: positive is down.
    Scroll { pane: Pane, lines: i32 },
    /// Wheel scroll over the explanation: positive is down. The explanation is not a
    /// list, so it takes no focus and moves no selection.
    ScrollDetail { lines: i32 },
    /// The terminal is now this size.
    Resize { width: u16, height: u16 },
    /// The stores were (re)read.
    Loaded(Box<Inventory>),
    /// The profiles' visits, read for the audit overlay, which then opens.
    HistoryRead(Box<crate::audit::History>),
    /// A deletion finished.
    DeleteDone(DeleteOutcome),
    /// An undo finished; the message names what was put back.
    UndoDone(String),
    /// The keep-list changed; `kept` is the new state of `target`.
    KeepToggled { target: KeepTarget, kept: bool },
    /// An export was written.
    Exported(ExportOutcome),
    /// The export's file already exists and was left alone; the path is as typed.
    ExportExists(String),
    /// An effect failed; the message is one line for the status bar.
    Failed(String),
}

/// What an export wrote, as the runner reports it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOutcome {
    /// The path as typed.
    pub path: String,
    pub written: usize,
    pub skipped: BTreeMap<SkipReason, usize>,
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The file exists and replacing it was not asked for.
    Exists,
    /// One line for the status bar.
    Failed(String),
}

/// What the keep-list toggle applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeepTarget {
    Site(String),
    Name(String),
}

/// What the runner must do after an update. `update` never does these itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Delete these entries (indices into the loaded entries); `description` goes into
    /// the backup manifest.
    Delete {
        entries: Vec<u32>,
        description: String,
    },
    /// Undo a backup (the last one this session made, else the newest on disk).
    Undo(Option<String>),
    /// Read the stores again.
    Reload,
    /// Flip a keep-list row and save the list.
    ToggleKeep(KeepTarget),
    /// Write these entries (values as loaded) to `path`; an existing file only with
    /// `force`.
    Export {
        entries: Vec<u32>,
        path: String,
        format: Format,
        force: bool,
    },
    /// Read each profile's dated visits, which the audit overlay needs to place
    /// third-party cookies (read on first use: most sessions never open it).
    ReadHistory,
    /// Leave the event loop and restore the terminal.
    Quit,
}
