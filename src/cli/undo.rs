//! `crumbs undo` and `crumbs backups`: put deleted cookies back, list the backups.

use std::io::Write;

use super::EXIT_PARTIAL;
use super::args::{JsonFlag, UndoArgs};
use crate::sanitize::for_terminal;
use crate::store::backup::BackupRoot;
use crate::store::undo::{UndoOutcome, undo as undo_backup};

/// `crumbs undo [ID]`.
pub fn undo(a: &UndoArgs) -> anyhow::Result<u8> {
    let root = BackupRoot::default_location()?;
    let report = undo_backup(&root, a.backup_id.as_deref())?;
    let mut out = std::io::stdout().lock();
    if a.out.json {
        let stores: Vec<_> = report
            .stores
            .iter()
            .map(|s| {
                let (status, added, already, reason) = match &s.outcome {
                    UndoOutcome::Restored {
                        added,
                        already_there,
                    } => ("restored", *added, *already_there, None),
                    UndoOutcome::Refused { reason } => ("refused", 0, 0, Some(reason.clone())),
                    UndoOutcome::Failed { error } => ("failed", 0, 0, Some(error.clone())),
                };
                serde_json::json!({
                    "browser": s.entry.browser.as_str(), "profile": s.entry.profile,
                    "store": s.entry.path.display().to_string(), "status": status,
                    "restored": added, "already_there": already, "reason": reason,
                })
            })
            .collect();
        let v = serde_json::json!({"backup_id": report.backup_id, "restored": report.added(),
            "already_there": report.already_there(), "stores": stores});
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        for s in &report.stores {
            let who = format!("{} ({})", s.entry.browser, for_terminal(&s.entry.profile));
            match &s.outcome {
                UndoOutcome::Restored {
                    added,
                    already_there,
                } => {
                    write!(out, "Restored {added} cookie(s) to {who}")?;
                    if *already_there > 0 {
                        write!(out, "; {already_there} were already there")?;
                    }
                    writeln!(out)?;
                }
                UndoOutcome::Refused { reason } => {
                    writeln!(out, "Not restored to {who}: {}", for_terminal(reason))?
                }
                UndoOutcome::Failed { error } => writeln!(
                    out,
                    "Failed on {who} (nothing changed there): {}",
                    for_terminal(error)
                )?,
            }
        }
        writeln!(out, "Backup {} was used; it is kept.", report.backup_id)?;
    }
    Ok(if report.any_refused() {
        EXIT_PARTIAL
    } else {
        0
    })
}

/// `crumbs backups`.
pub fn backups(a: &JsonFlag) -> anyhow::Result<u8> {
    let root = BackupRoot::default_location()?;
    let list = root.list()?;
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
        return Ok(0);
    }
    if list.is_empty() {
        writeln!(
            out,
            "No backups yet: crumbs takes one before every deletion."
        )?;
        return Ok(0);
    }
    let mut t = super::table::Table::new(vec!["ID", "CREATED", "COOKIES", "RESTORED", "FILTER"]);
    for m in &list {
        t.push(vec![
            m.id.as_str().into(),
            m.created.as_str().into(),
            m.total().to_string().into(),
            m.restored.as_deref().unwrap_or("no").into(),
            m.filter.as_str().into(),
        ]);
    }
    t.write(&mut out)?;
    Ok(0)
}
