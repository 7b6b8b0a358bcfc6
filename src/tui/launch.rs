//! Opens the UI on a [`StoreSelection`]: the library's [`crate::select`] picks the stores
//! (the demo store when asked for or when nothing is found), so `crumbs` and `crumbs list`
//! show the same stores. Knows nothing of the command line.

use super::{TuiOptions, run};
use crate::policy::Policies;
use crate::select::{self, DemoFallback, StoreSelection};
use crate::store::ReadOptions;

/// Opens the UI on the stores `selection` names, classified with `policies`. Warnings about
/// names that selected nothing go to stderr first: the alternate screen leaves them
/// readable after the UI closes.
pub fn launch(selection: &StoreSelection, policies: Policies) -> anyhow::Result<()> {
    let selected = select::select(selection, DemoFallback::WhenNothingFound)?;
    selected.print_warnings();
    run(TuiOptions {
        stores: selected,
        policies,
        read: ReadOptions { decrypt: true },
    })
}
