//! The key table's own checks: one binding per mode and key, a key for every command and
//! a way out of every mode, chords apart from plain keys, and help and footer that fit.

use super::*;
use std::collections::HashSet;

#[test]
fn no_two_rows_share_mode_and_key() {
    let mut seen = HashSet::new();
    for r in BINDINGS {
        assert!(
            seen.insert((r.mode, r.key, r.mods)),
            "duplicate {:?} {:?}",
            r.mode,
            r.key
        );
    }
}

/// Every command, through an exhaustive match so a new variant cannot be forgotten.
fn all_commands() -> Vec<Command> {
    let probe = |c: Command| match c {
        C::SelectNext
        | C::SelectPrev
        | C::PageDown
        | C::PageUp
        | C::HalfPageDown
        | C::HalfPageUp
        | C::NextMatch
        | C::PrevMatch
        | C::ClearFilterOrMarks
        | C::MarkView
        | C::SelectFirst
        | C::SelectLast
        | C::FocusSites
        | C::FocusCookies
        | C::FocusNext
        | C::StartFilter
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
        | C::ScrollDetailDown
        | C::ScrollDetailUp
        | C::CycleDetailSize
        | C::ToggleMark
        | C::RequestDelete
        | C::RequestDeleteView
        | C::ConfirmDelete
        | C::CancelDelete
        | C::Undo
        | C::ToggleKeep
        | C::ToggleHelp
        | C::RequestExport
        | C::ConfirmExport
        | C::CancelExport
        | C::ToggleExportFormat
        | C::PromptBackspace
        | C::PromptClear
        | C::ShowAudit
        | C::OverlayDown
        | C::OverlayUp
        | C::CloseOverlay
        | C::Quit => c,
    };
    let mut all: Vec<Command> = (0..7).map(C::SelectTab).collect();
    all.extend([
        C::SelectNext,
        C::SelectPrev,
        C::PageDown,
        C::PageUp,
        C::HalfPageDown,
        C::HalfPageUp,
        C::NextMatch,
        C::PrevMatch,
        C::ClearFilterOrMarks,
        C::MarkView,
        C::SelectFirst,
        C::SelectLast,
        C::FocusSites,
        C::FocusCookies,
        C::FocusNext,
        C::StartFilter,
        C::AcceptFilter,
        C::ClearFilter,
        C::FilterBackspace,
        C::NextTab,
        C::PrevTab,
        C::ToggleParty,
        C::CycleSort,
        C::CycleSiteSort,
        C::ToggleReveal,
        C::ScrollDetailDown,
        C::ScrollDetailUp,
        C::CycleDetailSize,
        C::ToggleMark,
        C::RequestDelete,
        C::RequestDeleteView,
        C::ConfirmDelete,
        C::CancelDelete,
        C::Undo,
        C::ToggleKeep,
        C::ToggleHelp,
        C::RequestExport,
        C::ConfirmExport,
        C::CancelExport,
        C::ToggleExportFormat,
        C::PromptBackspace,
        C::PromptClear,
        C::ShowAudit,
        C::OverlayDown,
        C::OverlayUp,
        C::CloseOverlay,
        C::Quit,
    ]);
    all.into_iter().map(probe).collect()
}

#[test]
fn every_command_has_a_key_and_every_mode_a_way_out() {
    for c in all_commands() {
        assert!(BINDINGS.iter().any(|r| r.command == c), "{c:?} has no key");
    }
    for m in [Normal, Filter, Confirm, Export, Audit, Help] {
        assert!(footer(m).count() > 0, "{m:?} has no footer");
        assert!(!help(m).is_empty());
    }
}

#[test]
fn filter_mode_types_what_normal_mode_binds() {
    let q = KeyEvent::new(K::Char('q'), KeyModifiers::NONE);
    assert!(matches!(action_for(Filter, q), Some(Action::Type('q'))));
    assert!(matches!(action_for(Normal, q), Some(Action::Run(C::Quit))));
    let d = KeyEvent::new(K::Char('D'), KeyModifiers::SHIFT);
    assert!(matches!(
        action_for(Normal, d),
        Some(Action::Run(C::RequestDeleteView))
    ));
    let y = KeyEvent::new(K::Char('y'), KeyModifiers::NONE);
    assert!(
        action_for(Normal, y).is_none(),
        "y only confirms inside the dialog"
    );
}

#[test]
fn ctrl_c_quits_in_every_mode_and_releases_are_ignored() {
    use ratatui::crossterm::event::KeyEventState;
    for m in [Normal, Filter, Confirm, Export, Audit, Help] {
        let k = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(action_for(m, k), Some(Action::Run(C::Quit))));
    }
    let mut k = KeyEvent::new(K::Char('q'), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    k.state = KeyEventState::NONE;
    assert!(action_for(Normal, k).is_none());
}

#[test]
fn ctrl_chords_are_not_their_plain_keys() {
    let ctrl_d = KeyEvent::new(K::Char('d'), KeyModifiers::CONTROL);
    assert!(matches!(
        action_for(Normal, ctrl_d),
        Some(Action::Run(C::HalfPageDown))
    ));
    let d = KeyEvent::new(K::Char('d'), KeyModifiers::NONE);
    assert!(matches!(
        action_for(Normal, d),
        Some(Action::Run(C::RequestDelete))
    ));
    // Ctrl plus a letter is not typed into the filter.
    assert!(action_for(Filter, ctrl_d).is_none());
}

/// Help rows fit a column of the help overlay at 80 columns with a column to spare
/// between the two: 39 wide, keys padded to 9 between two spaces, so 27 for the
/// sentence.
#[test]
fn help_sentences_fit_half_of_80_columns() {
    use unicode_width::UnicodeWidthStr;
    for r in BINDINGS {
        assert!(r.keys.width() <= 9, "{:?} keys too wide", r.keys);
        assert!(r.help.width() <= 27, "{:?} too long for the help", r.help);
    }
}

#[test]
fn the_footer_keeps_quit_and_help_when_narrow() {
    let items: Vec<FooterItem> = footer(Normal).collect();
    let w = |i: &FooterItem| 2 + i.keys.chars().count() + i.label.chars().count();
    let all: usize = items.iter().map(w).sum();
    let kept = fit_footer(&items, all - 1, w);
    assert!(kept.len() < items.len());
    for label in ["quit", "help"] {
        assert!(kept.iter().any(|i| i.label == label), "{label} left out");
    }
    let tiny = fit_footer(&items, 14, w);
    assert_eq!(
        tiny.iter().map(|i| i.label).collect::<Vec<_>>(),
        ["help", "quit"]
    );
}
