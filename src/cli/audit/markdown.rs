//! The audit as a Markdown report a site owner can paste into a ticket: per site the
//! verdict, the browsers and profiles examined, one table per finding, and the policy's
//! own words for each category used. Every cell is escaped ([`cell`]) so a cookie name
//! cannot break a table or carry control bytes.

use std::fmt::Write;

use crate::audit::{Audit, Examined, Found, Part, SiteAudit};
use crate::sanitize::for_terminal;

pub fn render(a: &Audit) -> String {
    let mut out = String::new();
    for (i, s) in a.sites.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        site(&mut out, a, s);
    }
    if a.sites.is_empty() {
        out.push_str("No site with a cookie policy to audit.\n");
    }
    out
}

fn site(out: &mut String, a: &Audit, s: &SiteAudit) {
    let _ = writeln!(out, "# Cookie audit: {}\n", cell(&s.site));
    let source = s
        .policy
        .source
        .as_deref()
        .map(|u| format!(", published at <{}>", cell(u)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- Date: {}\n- Policy: {}{source}\n- Verdict: **{}**\n",
        a.date,
        cell(&s.policy.name),
        cell(&s.verdict.line)
    );
    examined(out, &a.examined);
    declared(out, s);
    undeclared(out, s);
    contradicted(out, s);
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        Part::Consent.heading(),
        cell(&s.consent.line)
    );
    not_seen(out, s);
    definitions(out, s);
}

fn section(out: &mut String, part: Part) {
    let _ = write!(out, "## {}\n\n", part.heading());
}

fn examined(out: &mut String, stores: &[Examined]) {
    out.push_str("## Browsers and profiles examined\n\n| browser | profile | cookies read | page visits read |\n| --- | --- | --- | --- |\n");
    for e in stores {
        let read = match &e.error {
            Some(err) => format!("not read: {}", cell(err)),
            None => e.cookies.to_string(),
        };
        let visits = match &e.history_error {
            Some(err) => format!("not read: {}", cell(err)),
            None => e.visits.to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {read} | {visits} |",
            cell(&e.browser),
            cell(&e.profile)
        );
    }
    out.push('\n');
}

fn declared(out: &mut String, s: &SiteAudit) {
    section(out, Part::Declared);
    if s.declared.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("| cookie | host | policy category | function | purpose | held by |\n| --- | --- | --- | --- | --- | --- |\n");
    for d in &s.declared {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            code(&d.found.name),
            cell(&where_found(&d.found)),
            cell(&d.declared.category),
            cell(d.declared.function.as_deref().unwrap_or("")),
            cell(d.declared.purpose.as_deref().unwrap_or("")),
            cell(&d.found.held_by.join(", "))
        );
    }
    out.push('\n');
}

fn undeclared(out: &mut String, s: &SiteAudit) {
    section(out, Part::Undeclared);
    if s.undeclared.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    for g in &s.undeclared {
        let names: Vec<String> = g.cookies.iter().map(|f| code(&f.name)).collect();
        let cats: Vec<&str> = g.categories.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(
            out,
            "- **{}**: {} — {}, not declared",
            cell(&g.vendor),
            names.join(", "),
            cats.join(", ")
        );
    }
    out.push_str("\n| vendor | cookie | host | category | lifetime | party | consent | held by |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for g in &s.undeclared {
        for f in &g.cookies {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&g.vendor),
                code(&f.name),
                cell(&where_found(f)),
                f.category.as_str(),
                f.lifetime,
                f.party.as_str(),
                cell(&f.consent.why),
                cell(&f.held_by.join(", "))
            );
        }
    }
    out.push('\n');
}

fn contradicted(out: &mut String, s: &SiteAudit) {
    section(out, Part::Contradicted);
    if s.contradicted.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("| cookie | host | the policy says | observed |\n| --- | --- | --- | --- |\n");
    for c in &s.contradicted {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&c.name),
            cell(&c.host),
            cell(&c.declared),
            cell(&c.observed)
        );
    }
    out.push('\n');
}

fn not_seen(out: &mut String, s: &SiteAudit) {
    section(out, Part::NotSeen);
    if s.not_seen.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("Not a fault: this audit covers only what the browsers on this computer visited.\n\n| cookie | policy category | purpose |\n| --- | --- | --- |\n");
    for d in &s.not_seen {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code(&d.rule),
            cell(&d.category),
            cell(d.purpose.as_deref().unwrap_or(""))
        );
    }
    out.push('\n');
}

fn definitions(out: &mut String, s: &SiteAudit) {
    if s.definitions.is_empty() {
        return;
    }
    out.push_str("## The policy's own words\n\n");
    for d in &s.definitions {
        let words = d
            .words
            .as_deref()
            .unwrap_or("(the policy gives no definition)");
        let _ = writeln!(out, "> **{}**: {}\n", cell(&d.label), cell(words));
    }
}

fn where_found(f: &Found) -> String {
    match (&f.partitioned_under, &f.set_while_visiting) {
        (Some(top), _) => format!("{} (partitioned under {top})", f.host),
        (None, Some(site)) => format!(
            "{} (set while visiting {site}, by time, from history)",
            f.host
        ),
        (None, None) => f.host.clone(),
    }
}

/// Text safe inside a table cell: control bytes escaped, no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    for_terminal(s)
        .replace(['\n', '\r'], " ")
        .replace('|', "\\|")
}

/// A cookie name as inline code; a backtick inside cannot end the span early.
fn code(s: &str) -> String {
    format!("`{}`", cell(s).replace('`', "'"))
}
