//! `crumbs undo` and `crumbs backups`: put deleted cookies back, list the backups.

use std::io::Write;

use super::EXIT_PARTIAL;
use super::args::{BackupsArgs, UndoArgs};
use crate::sanitize::for_terminal;
use crate::store::backup::{BackupRoot, SavedCookie};
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
pub fn backups(a: &BackupsArgs) -> anyhow::Result<u8> {
    let root = BackupRoot::default_location()?;
    if a.prune {
        return prune(&root, a);
    }
    let list = root.list()?;
    let mut out = std::io::stdout().lock();
    if a.out.json {
        let rows = list
            .iter()
            .map(|m| BackupJson::new(&root, m))
            .collect::<crate::Result<Vec<_>>>()?;
        serde_json::to_writer_pretty(&mut out, &rows)?;
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
    let mut t = super::table::Table::new(vec!["ID", "CREATED", "RESTORED", "COOKIES", "FILTER"]);
    for m in &list {
        let cookies = root.cookies_of(m).unwrap_or_default();
        t.push(vec![
            m.id.as_str().into(),
            m.created.as_str().into(),
            m.restored.as_deref().unwrap_or("no").into(),
            for_terminal(&summary(&cookies, m.total()))
                .into_owned()
                .into(),
            m.filter.as_str().into(),
        ]);
    }
    t.write(&mut out)?;
    Ok(0)
}

/// `3: sid on a.test (Firefox/default), …`: the count and the first few cookies.
fn summary(cookies: &[SavedCookie], total: usize) -> String {
    const SHOWN: usize = 3;
    let mut s = total.to_string();
    for (i, c) in cookies.iter().take(SHOWN).enumerate() {
        s.push_str(if i == 0 { ": " } else { ", " });
        s.push_str(&format!(
            "{} on {} ({}/{})",
            c.name, c.host, c.browser, c.profile
        ));
    }
    if cookies.len() > SHOWN {
        s.push_str(&format!(", +{} more", cookies.len() - SHOWN));
    }
    s
}

/// One backup in `crumbs backups --json`: what it holds, never a value or a row id.
#[derive(serde::Serialize)]
struct BackupJson<'a> {
    id: &'a str,
    created: &'a str,
    restored: Option<&'a str>,
    filter: &'a str,
    count: usize,
    cookies: Vec<SavedCookie>,
}

impl<'a> BackupJson<'a> {
    fn new(root: &BackupRoot, m: &'a crate::store::backup::Manifest) -> crate::Result<Self> {
        Ok(BackupJson {
            id: &m.id,
            created: &m.created,
            restored: m.restored.as_deref(),
            filter: &m.filter,
            count: m.total(),
            cookies: root.cookies_of(m)?,
        })
    }
}

/// `crumbs backups --prune [--older-than AGE]`.
fn prune(root: &BackupRoot, a: &BackupsArgs) -> anyhow::Result<u8> {
    let age = match &a.older_than {
        Some(text) => parse_age(text)?,
        None => root
            .keep
            .ok_or_else(|| anyhow::anyhow!("keep_days is 0 in the config: give --older-than"))?,
    };
    let gone = root.prune(age)?;
    let mut out = std::io::stdout().lock();
    if a.out.json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "removed": gone }))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} backup(s) removed.", gone.len())?;
    }
    Ok(0)
}

/// `7`, `7d` (days) or `12h` (hours).
fn parse_age(text: &str) -> anyhow::Result<std::time::Duration> {
    let t = text.trim();
    let (num, unit) = match t.strip_suffix('h') {
        Some(n) => (n, 3_600),
        None => (t.strip_suffix('d').unwrap_or(t), 86_400),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| anyhow::anyhow!("--older-than {text:?}: give days (7, 7d) or hours (12h)"))?;
    Ok(std::time::Duration::from_secs(n * unit))
}
