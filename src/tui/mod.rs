//! The terminal UI: state, actions, key map as data, rendering. No SQL here.

/// Opens the TUI for the stores the command line selected.
pub fn run_from_cli(_sources: &crate::cli::Sources, _demo: bool) -> anyhow::Result<()> {
    anyhow::bail!("the terminal UI is not available in this build")
}
