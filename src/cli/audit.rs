//! `crumbs audit`: every site with a cookie policy (or the `--site` named, or the sites of
//! the `--policy` files), its cookies in every browser and profile set against that policy,
//! printed as text, Markdown or JSON. Each profile's history is read once, so third-party
//! cookies set while a site's page was open count for that site. Exit 4 when a site holds
//! undeclared or contradicted cookies. The audit never reads values, so none can be
//! printed.

mod markdown;
mod text;

use std::io::{BufWriter, Write};
use std::sync::Arc;

use anyhow::bail;

use super::EXIT_FINDINGS;
use super::args::{AuditArgs, Sources};
use super::resolve;
use crate::audit::{self, Audit, History};
use crate::model::UnixMicros;
use crate::policy::Policies;
use crate::site::registrable_domain;

pub fn audit(sources: &Sources, demo: bool, a: &AuditArgs) -> anyhow::Result<u8> {
    let loaded = resolve::load(sources, demo, false)?;
    let sites = sites(&loaded.policies, sources, &a.sites)?;
    let report = audit::build_with_history(
        &loaded.inventory.entries,
        &loaded.inventory.stores,
        &loaded.policies,
        &sites,
        &History::read(&loaded.inventory.stores),
        UnixMicros::now(),
    );
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.out.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else if a.markdown {
        out.write_all(markdown::render(&report).as_bytes())?;
    } else {
        out.write_all(text::render(&report).as_bytes())?;
    }
    out.flush()?;
    Ok(exit_code(&report))
}

fn exit_code(report: &Audit) -> u8 {
    if report.has_findings() {
        EXIT_FINDINGS
    } else {
        0
    }
}

/// The sites to audit: those `--site` names (each must have a policy), else the sites of
/// the `--policy` files, else every site a policy covers.
fn sites(
    policies: &Policies,
    sources: &Sources,
    named: &[String],
) -> anyhow::Result<Vec<Arc<str>>> {
    let files: Vec<String> = sources
        .policies
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let in_scope = audit::audited_sites(policies, &files);
    if !files.is_empty() && in_scope.is_empty() {
        bail!(
            "no site policy in {}: an audit needs `kind = \"site\"` and `domains` (see docs/policies.md)",
            files.join(", ")
        );
    }
    if named.is_empty() {
        return Ok(in_scope);
    }
    let all = audit::audited_sites(policies, &[]);
    let mut out = Vec::new();
    for name in named {
        let site = registrable_domain(name.trim().trim_matches('.'));
        match all.iter().find(|s| ***s == *site) {
            Some(s) => out.push(s.clone()),
            None => bail!(
                "no cookie policy covers \"{name}\"; write one (see docs/policies.md) and pass it with --policy FILE"
            ),
        }
    }
    Ok(out)
}
