//! `crumbs delete` and `crumbs clean --trackers`: one deletion path (the library's
//! `DeletePlan`), shown before anything is written.

use std::collections::BTreeSet;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use serde::Serialize;

use super::args::{CleanArgs, DeleteArgs, Sources};
use super::{EXIT_PARTIAL, resolve};
use crate::explain::explain as build_explanation;
use crate::filter::CookieFilter;
use crate::inventory::Entry;
use crate::keeplist::{KeepList, apply_keep_list};
use crate::model::{CookieId, UnixMicros};
use crate::sanitize::for_terminal;
use crate::store::backup::BackupRoot;
use crate::store::delete::{DeletePlan, DeleteReport, StoreOutcome, execute};

/// `crumbs delete`.
pub fn delete(sources: &Sources, demo: bool, a: &DeleteArgs) -> anyhow::Result<u8> {
    let mut filter = resolve::cookie_filter(sources, &a.cookies)?;
    filter.ids = a
        .ids
        .iter()
        .map(|s| {
            CookieId::parse(s.trim()).with_context(|| {
                format!("\"{s}\" is not a cookie id (16 hex digits, as `crumbs list` shows)")
            })
        })
        .collect::<anyhow::Result<_>>()?;
    if filter.is_empty() && sources.stores.is_empty() {
        bail!(
            "say what to delete: --site, --host, --name, --category, --party, --browser, --profile or --id (crumbs never deletes everything by default)"
        );
    }
    let explicit = !filter.ids.is_empty() || !filter.names.is_empty();
    run_plan(
        sources,
        demo,
        &filter,
        explicit,
        &Options {
            dry_run: a.dry_run,
            yes: a.yes,
            json: a.out.json,
        },
    )
}

/// `crumbs clean --trackers`: every marketing and statistics cookie, never a necessary one,
/// never one on the keep-list.
pub fn clean(sources: &Sources, demo: bool, a: &CleanArgs) -> anyhow::Result<u8> {
    let filter = CookieFilter {
        trackers_only: true,
        sure_only: a.sure_only,
        ..resolve::cookie_filter(sources, &Default::default())?
    };
    run_plan(
        sources,
        demo,
        &filter,
        false,
        &Options {
            dry_run: a.dry_run,
            yes: a.yes,
            json: a.out.json,
        },
    )
}

struct Options {
    dry_run: bool,
    yes: bool,
    json: bool,
}

fn run_plan(
    sources: &Sources,
    demo: bool,
    filter: &CookieFilter,
    explicit: bool,
    o: &Options,
) -> anyhow::Result<u8> {
    let loaded = resolve::load(sources, demo, false)?;
    let keep = KeepList::load_default()?;
    let chosen: Vec<&Entry> = loaded
        .inventory
        .entries
        .iter()
        .filter(|e| filter.matches(e))
        .collect();
    let (cookies, kept) = apply_keep_list(chosen.iter().map(|e| &e.cookie), &keep, explicit);
    let effects = effects(&chosen, &cookies);
    let guessed = guesses(&chosen, &cookies);
    let plan = DeletePlan::build(cookies, filter.describe());
    let mut out = std::io::stdout().lock();
    if !o.json {
        print_plan(&mut out, &plan, kept, &effects, o.dry_run)?;
        if filter.trackers_only {
            print_guesses(&mut out, guessed)?;
        }
    }
    if o.dry_run || plan.is_empty() {
        if o.json {
            serde_json::to_writer_pretty(&mut out, &PlanJson::new(&plan, kept, &effects, None))?;
            writeln!(out)?;
        }
        return Ok(0);
    }
    if !o.yes {
        confirm(plan.len())?;
    }
    let root = BackupRoot::default_location()?;
    let report = execute(plan.clone(), &root)?;
    if o.json {
        serde_json::to_writer_pretty(
            &mut out,
            &PlanJson::new(&plan, kept, &effects, Some(&report)),
        )?;
        writeln!(out)?;
    } else {
        print_report(&mut out, &report)?;
    }
    Ok(if report.any_refused() {
        EXIT_PARTIAL
    } else {
        0
    })
}

/// What deleting these cookies does, in the explanations' own words, each said once.
fn effects(chosen: &[&Entry], cookies: &[&crate::model::Cookie]) -> Vec<String> {
    let now = UnixMicros::now();
    let ids: BTreeSet<CookieId> = cookies.iter().map(|c| c.id()).collect();
    let mut seen = BTreeSet::new();
    chosen
        .iter()
        .filter(|e| ids.contains(&e.cookie.id()))
        .filter_map(|e| {
            e.verdict
                .on_delete
                .as_ref()
                .map(|_| build_explanation(e, now))
        })
        .filter_map(|x| x.line("If you delete it").map(str::to_string))
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

fn print_plan(
    out: &mut impl Write,
    plan: &DeletePlan,
    kept: usize,
    effects: &[String],
    dry_run: bool,
) -> anyhow::Result<()> {
    if plan.is_empty() {
        writeln!(out, "No cookies match; nothing to delete.")?;
    } else {
        let verb = if dry_run {
            "Would delete"
        } else {
            "Will delete"
        };
        writeln!(out, "{verb} {} cookie(s):", plan.len())?;
        for s in &plan.stores {
            write!(
                out,
                "  {} ({}): {}",
                s.store.browser,
                for_terminal(&s.store.profile),
                s.cookies.len()
            )?;
            match &s.running {
                Some(r) => writeln!(
                    out,
                    "  - skipped: {} is running ({}); close it first",
                    s.store.browser,
                    for_terminal(&r.how)
                )?,
                None => writeln!(out)?,
            }
        }
        for e in effects {
            writeln!(out, "  - {}", for_terminal(e))?;
        }
    }
    if kept > 0 {
        writeln!(out, "Kept {kept} cookie(s) on your keep-list.")?;
    }
    if dry_run {
        writeln!(out, "Dry run: nothing was changed.")?;
    }
    Ok(())
}

/// How many of the cookies to delete have a category that is only a guess.
fn guesses(chosen: &[&Entry], cookies: &[&crate::model::Cookie]) -> usize {
    let ids: BTreeSet<CookieId> = cookies.iter().map(|c| c.id()).collect();
    chosen
        .iter()
        .filter(|e| e.verdict.is_guess() && ids.contains(&e.cookie.id()))
        .count()
}

fn print_guesses(out: &mut impl Write, guesses: usize) -> anyhow::Result<()> {
    if guesses > 0 {
        writeln!(
            out,
            "{guesses} of them are only guessed to be trackers; --sure-only leaves guesses alone."
        )?;
    }
    Ok(())
}

/// Asks on the terminal; without one, refuses rather than guessing.
fn confirm(n: usize) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        bail!(
            "not deleting without confirmation: no terminal to ask on (pass --yes to confirm, or --dry-run to preview)"
        );
    }
    eprint!("Delete {n} cookie(s)? A backup is taken first; `crumbs undo` puts them back. [y/N] ");
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    if matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
        Ok(())
    } else {
        bail!("cancelled: nothing was deleted")
    }
}

fn print_report(out: &mut impl Write, r: &DeleteReport) -> anyhow::Result<()> {
    for o in &r.outcomes {
        let s = o.store();
        let who = format!("{} ({})", s.browser, for_terminal(&s.profile));
        match o {
            StoreOutcome::Deleted { count, missing, .. } => {
                write!(out, "Deleted {count} cookie(s) from {who}")?;
                if *missing > 0 {
                    write!(out, "; {missing} were already gone")?;
                }
                writeln!(out)?;
            }
            StoreOutcome::Skipped { reason, .. } => {
                writeln!(out, "Skipped {who}: {}", for_terminal(reason))?
            }
            StoreOutcome::Failed { error, .. } => writeln!(
                out,
                "Failed on {who} (nothing deleted there): {}",
                for_terminal(error)
            )?,
        }
    }
    if let Some(id) = &r.backup_id {
        writeln!(out, "Backup {id}: `crumbs undo {id}` puts them back.")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct PlanJson {
    filter: String,
    planned: usize,
    kept_by_keep_list: usize,
    effects: Vec<String>,
    stores: Vec<StoreJson>,
    backup_id: Option<String>,
    deleted: usize,
}

#[derive(Serialize)]
struct StoreJson {
    browser: &'static str,
    profile: String,
    store: String,
    planned: usize,
    running: bool,
    status: &'static str,
    deleted: usize,
    missing: usize,
    reason: Option<String>,
}

impl PlanJson {
    fn new(
        plan: &DeletePlan,
        kept: usize,
        effects: &[String],
        report: Option<&DeleteReport>,
    ) -> PlanJson {
        let stores = plan
            .stores
            .iter()
            .map(|s| {
                let outcome =
                    report.and_then(|r| r.outcomes.iter().find(|o| o.store() == &s.store));
                let (status, deleted, missing, reason) = match outcome {
                    None => ("planned", 0, 0, None),
                    Some(StoreOutcome::Deleted { count, missing, .. }) => {
                        ("deleted", *count, *missing, None)
                    }
                    Some(StoreOutcome::Skipped { reason, .. }) => {
                        ("skipped", 0, 0, Some(reason.clone()))
                    }
                    Some(StoreOutcome::Failed { error, .. }) => {
                        ("failed", 0, 0, Some(error.clone()))
                    }
                };
                StoreJson {
                    browser: s.store.browser.as_str(),
                    profile: s.store.profile.clone(),
                    store: s.store.path.display().to_string(),
                    planned: s.cookies.len(),
                    running: s.running.is_some(),
                    status,
                    deleted,
                    missing,
                    reason,
                }
            })
            .collect();
        PlanJson {
            filter: plan.filter.clone(),
            planned: plan.len(),
            kept_by_keep_list: kept,
            effects: effects.to_vec(),
            stores,
            backup_id: report.and_then(|r| r.backup_id.clone()),
            deleted: report.map_or(0, DeleteReport::deleted),
        }
    }
}
