//! `crumbs delete` and `crumbs clean --trackers`: the library's [`DeletePreview`] decides
//! what goes (keep-list, sign-in cookies) and is shown or serialised before anything is
//! written; the store layer's `DeletePlan` then carries it out.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use serde::Serialize;

use super::args::{CleanArgs, DeleteArgs, Sources, WriteFlags};
use super::{EXIT_PARTIAL, resolve};
use crate::filter::CookieFilter;
use crate::keeplist::KeepList;
use crate::model::CookieId;
use crate::preview::{DeletePreview, Selection};
use crate::sanitize::for_terminal;
use crate::site;
use crate::store::backup::BackupRoot;
use crate::store::delete::{DeletePlan, DeleteReport, StoreOutcome, execute};

/// `crumbs delete`.
pub fn delete(sources: &Sources, demo: bool, a: &DeleteArgs) -> anyhow::Result<u8> {
    refuse_public_suffixes(&a.cookies.sites)?;
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
            write: a.write,
            json: a.out.json,
        },
    )
}

/// A public suffix (`fr`, `co.uk`) is where unrelated sites live, never one site: "every
/// cookie under it" is a mistake, not a wish.
fn refuse_public_suffixes(sites: &[String]) -> anyhow::Result<()> {
    match sites.iter().find(|s| site::is_public_suffix(s)) {
        Some(s) => bail!(
            "--site {} is a public suffix shared by unrelated sites, not a site; name the site (e.g. --site example.{})",
            for_terminal(s),
            for_terminal(&site::normalise(s))
        ),
        None => Ok(()),
    }
}

/// `crumbs clean --trackers`: what [`crate::filter::is_tracker`] selects, never a cookie on
/// the keep-list and never a sign-in cookie.
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
            write: a.write,
            json: a.out.json,
        },
    )
}

struct Options {
    write: WriteFlags,
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
    let inv = &loaded.inventory;
    let chosen =
        (0..inv.entries.len() as u32).filter(|&i| filter.matches(&inv.entries[i as usize]));
    let selection = Selection {
        entries: &inv.entries,
        stores: &inv.stores,
        explicit,
    };
    let preview = DeletePreview::build(selection, chosen, &keep, filter.describe());
    let mut out = std::io::stdout().lock();
    if !o.json {
        print_preview(&mut out, &preview, o.write.dry_run)?;
        if filter.trackers_only {
            print_guesses(&mut out, preview.guesses(&inv.entries))?;
        }
    }
    if o.write.dry_run || preview.is_empty() {
        if o.json {
            write_json(&mut out, &PlanJson::new(&preview, &inv.entries, None))?;
        }
        return Ok(0);
    }
    if !o.write.yes {
        confirm(preview.len())?;
    }
    let plan = DeletePlan::build(preview.cookies(&inv.entries), preview.description.clone());
    let root = BackupRoot::default_location()?;
    let report = execute(plan, &root)?;
    if o.json {
        write_json(
            &mut out,
            &PlanJson::new(&preview, &inv.entries, Some(&report)),
        )?;
    } else {
        print_report(&mut out, &report)?;
    }
    Ok(if report.any_refused() {
        EXIT_PARTIAL
    } else {
        0
    })
}

/// Sites shown by name before "and N more": a bulk delete can reach thousands.
const SITES_SHOWN: usize = 12;
/// Cookie names shown per site.
const NAMES_SHOWN: usize = 6;

fn print_preview(out: &mut impl Write, p: &DeletePreview, dry_run: bool) -> anyhow::Result<()> {
    if p.is_empty() {
        writeln!(out, "No cookies match; nothing to delete.")?;
    } else {
        let verb = if dry_run {
            "Would delete"
        } else {
            "Will delete"
        };
        writeln!(out, "{verb} {} cookie(s):", p.len())?;
        for s in &p.stores {
            write!(
                out,
                "  {} ({}): {}",
                s.store.browser,
                for_terminal(&s.store.profile),
                s.cookies
            )?;
            match &s.running {
                Some(how) => writeln!(
                    out,
                    "  - skipped: {} is running ({}); close it first",
                    s.store.browser,
                    for_terminal(how)
                )?,
                None => writeln!(out)?,
            }
        }
        print_sites(out, p)?;
        for (e, _) in &p.effects {
            writeln!(out, "  - {}", for_terminal(&e.sentence()))?;
        }
    }
    if p.kept > 0 {
        writeln!(out, "Kept {} cookie(s) on your keep-list.", p.kept)?;
    }
    if p.sign_in_left_out > 0 {
        writeln!(
            out,
            "Left out {} sign-in cookie(s): deleting them signs you out. To delete one on purpose, name it: crumbs delete --name NAME (or --id ID).",
            p.sign_in_left_out
        )?;
    }
    if dry_run {
        writeln!(out, "Dry run: nothing was changed.")?;
    }
    Ok(())
}

fn print_sites(out: &mut impl Write, p: &DeletePreview) -> anyhow::Result<()> {
    for g in p.sites.iter().take(SITES_SHOWN) {
        writeln!(
            out,
            "  {} ({}): {}",
            for_terminal(&g.site),
            g.cookies,
            g.names_text(NAMES_SHOWN)
        )?;
    }
    if p.sites.len() > SITES_SHOWN {
        writeln!(out, "  and {} more site(s)", p.sites.len() - SITES_SHOWN)?;
    }
    Ok(())
}

fn print_guesses(out: &mut impl Write, guesses: usize) -> anyhow::Result<()> {
    let what = match guesses {
        0 => return Ok(()),
        1 => "1 of them is only guessed to be a tracker".to_string(),
        n => format!("{n} of them are only guessed to be trackers"),
    };
    writeln!(out, "{what}; --sure-only leaves guesses alone.")?;
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

fn write_json(out: &mut impl Write, plan: &PlanJson) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, plan)?;
    writeln!(out)?;
    Ok(())
}

/// `delete --json` / `clean --json`: the preview, and the outcome once carried out. Ids
/// name the cookies; values are never part of it.
#[derive(Serialize)]
struct PlanJson {
    filter: String,
    planned: usize,
    kept_by_keep_list: usize,
    sign_in_left_out: usize,
    ids: Vec<String>,
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
        p: &DeletePreview,
        entries: &[crate::inventory::Entry],
        report: Option<&DeleteReport>,
    ) -> PlanJson {
        let stores = p
            .stores
            .iter()
            .map(|s| {
                let outcome =
                    report.and_then(|r| r.outcomes.iter().find(|o| **o.store() == *s.store));
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
                    planned: s.cookies,
                    running: s.running.is_some(),
                    status,
                    deleted,
                    missing,
                    reason,
                }
            })
            .collect();
        PlanJson {
            filter: p.description.clone(),
            planned: p.len(),
            kept_by_keep_list: p.kept,
            sign_in_left_out: p.sign_in_left_out,
            ids: p.cookies(entries).map(|c| c.id().to_string()).collect(),
            effects: p.effects.iter().map(|(e, _)| e.sentence()).collect(),
            stores,
            backup_id: report.and_then(|r| r.backup_id.clone()),
            deleted: report.map_or(0, DeleteReport::deleted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::print_guesses;

    fn said(guesses: usize) -> String {
        let mut out = Vec::new();
        print_guesses(&mut out, guesses).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn the_guesses_line_counts_in_words() {
        assert_eq!(said(0), "");
        assert_eq!(
            said(1),
            "1 of them is only guessed to be a tracker; --sure-only leaves guesses alone.\n"
        );
        assert!(said(12).starts_with("12 of them are only guessed to be trackers;"));
    }
}
