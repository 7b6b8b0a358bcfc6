//! From command-line sources to [`TuiOptions`]: which stores `--store`, `--browser` and
//! `--profile` select, and which policies are in force. Mirrors the CLI's narrowing so
//! `crumbs` and `crumbs list` show the same stores.

use anyhow::Context;

use super::{TuiOptions, run};
use crate::cli::Sources;
use crate::model::{Browser, StoreRef};
use crate::policy::{Policies, PolicyOptions};
use crate::store::{ReadOptions, discover, sniff};

/// `crumbs` with no subcommand: opens the UI on the selected stores (the demo store when
/// `--demo` is given or none is found).
pub fn run_from_cli(sources: &Sources, demo: bool) -> anyhow::Result<()> {
    let policies = Policies::load(&PolicyOptions {
        extra_files: sources.policies.clone(),
        user_dir: true,
    })?;
    let stores = if demo { Vec::new() } else { stores(sources)? };
    run(TuiOptions {
        stores,
        demo,
        policies,
        read: ReadOptions { decrypt: true },
    })
}

fn stores(sources: &Sources) -> anyhow::Result<Vec<StoreRef>> {
    let browsers = sources
        .browsers
        .iter()
        .map(|b| Browser::parse(b).with_context(|| format!("unknown browser \"{b}\"")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut found = if sources.stores.is_empty() {
        discover::discover(&discover::Env::from_process())
    } else {
        sources
            .stores
            .iter()
            .map(|p| sniff::open_path(p))
            .collect::<Result<Vec<_>, _>>()?
    };
    found.retain(|s| {
        (browsers.is_empty() || browsers.contains(&s.browser))
            && (sources.profiles.is_empty()
                || sources.profiles.iter().any(|p| {
                    s.profile.eq_ignore_ascii_case(p)
                        || s.profile_dir
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(p))
                }))
    });
    Ok(found)
}
