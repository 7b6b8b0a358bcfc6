//! Opens the UI on a [`StoreSelection`]: the library's [`crate::select`] picks the stores
//! (the demo store when asked for or when nothing is found), so `crumbs` and `crumbs list`
//! show the same stores. Refuses, in one line, when stdin or stdout is not a terminal.
//! Knows nothing of the command line.

use std::io::IsTerminal;

use super::{TuiOptions, run};
use crate::policy::Policies;
use crate::select::{self, DemoFallback, StoreSelection};
use crate::store::ReadOptions;

/// Opens the UI on the stores `selection` names, classified with `policies`. Warnings about
/// names that selected nothing go to stderr first: the alternate screen leaves them
/// readable after the UI closes.
pub fn launch(selection: &StoreSelection, policies: Policies) -> anyhow::Result<()> {
    need_terminal(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())?;
    let selected = select::select(selection, DemoFallback::WhenNothingFound)?;
    selected.print_warnings();
    run(TuiOptions {
        stores: selected,
        policies,
        read: ReadOptions { decrypt: true },
    })
}

/// The UI reads keys from stdin and draws on stdout: without a terminal on both it would
/// fail with an OS error ("No such device or address") or write escape codes into a pipe.
fn need_terminal(have: bool) -> anyhow::Result<()> {
    anyhow::ensure!(have, "the terminal UI needs a terminal; try `crumbs list`");
    Ok(())
}
