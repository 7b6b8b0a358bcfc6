//! From command-line sources to [`TuiOptions`]: which stores `--store`, `--browser` and
//! `--profile` select, and which policies are in force. Uses the CLI's own selection, so
//! `crumbs` and `crumbs list` show the same stores.

use super::{TuiOptions, run};
use crate::cli::Sources;
use crate::cli::resolve;
use crate::store::ReadOptions;

/// `crumbs` with no subcommand: opens the UI on the selected stores (the demo store when
/// `--demo` is given or none is found).
pub fn run_from_cli(sources: &Sources, demo: bool) -> anyhow::Result<()> {
    let policies = resolve::policies(sources)?;
    let stores = if demo {
        Vec::new()
    } else {
        resolve::selected_stores(sources)?
    };
    run(TuiOptions {
        stores,
        demo,
        policies,
        read: ReadOptions { decrypt: true },
    })
}
