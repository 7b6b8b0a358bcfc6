//! The audit as plain terminal text: one block per site, verdict first. Everything taken
//! from cookies or policy files passes [`for_terminal`], so a hostile name cannot drive
//! the terminal.

use std::fmt::Write;

use crate::audit::{Audit, Found, NOT_SEEN_NOTE, Part, SiteAudit};
use crate::sanitize::for_terminal;

pub fn render(a: &Audit) -> String {
    let mut out = String::new();
    for (i, s) in a.sites.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        site(&mut out, s);
    }
    let examined: Vec<String> = a
        .examined
        .iter()
        .map(|e| match (&e.error, &e.history_error) {
            (Some(err), _) => format!("{} ({}): not read: {err}", e.browser, e.profile),
            (None, Some(err)) => format!(
                "{} ({}): {} cookies, history not read: {err}",
                e.browser, e.profile, e.cookies
            ),
            (None, None) => format!(
                "{} ({}): {} cookies, {} page visits",
                e.browser, e.profile, e.cookies, e.visits
            ),
        })
        .collect();
    let _ = writeln!(
        out,
        "\nExamined on {}: {}",
        a.date,
        for_terminal(&if examined.is_empty() {
            "no browser profile".to_string()
        } else {
            examined.join("; ")
        })
    );
    out
}

fn site(out: &mut String, s: &SiteAudit) {
    let _ = writeln!(
        out,
        "{}\n  policy: {} ({})",
        for_terminal(&s.verdict.line),
        for_terminal(&s.policy.name),
        for_terminal(&s.policy.file)
    );
    if !s.declared.is_empty() {
        heading(out, Part::Declared);
    }
    for d in &s.declared {
        let purpose = d.declared.purpose.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "    {}  {}: {}  [{}]",
            cookie(&d.found),
            for_terminal(&d.declared.category),
            for_terminal(purpose),
            held(&d.found)
        );
    }
    if !s.undeclared.is_empty() {
        heading(out, Part::Undeclared);
    }
    for g in &s.undeclared {
        let _ = writeln!(out, "    {}, not declared", for_terminal(&g.line()));
        for f in &g.cookies {
            let _ = writeln!(
                out,
                "      {}  {}, {} party, kept {}; {}  [{}]",
                cookie(f),
                f.category.as_str(),
                f.party.as_str(),
                f.lifetime,
                for_terminal(&f.consent.why),
                held(f)
            );
        }
    }
    if !s.contradicted.is_empty() {
        heading(out, Part::Contradicted);
    }
    for c in &s.contradicted {
        let _ = writeln!(out, "    {}", for_terminal(&c.line()));
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        Part::Consent.heading(),
        for_terminal(&s.consent.line)
    );
    if !s.not_seen.is_empty() {
        let names: Vec<_> = s.not_seen.iter().map(|d| for_terminal(&d.rule)).collect();
        let _ = writeln!(
            out,
            "  {} ({NOT_SEEN_NOTE}): {}",
            Part::NotSeen.heading(),
            names.join(", ")
        );
    }
}

fn heading(out: &mut String, part: Part) {
    let _ = writeln!(out, "  {}:", part.heading());
}

fn cookie(f: &Found) -> String {
    let mut s = format!("{} on {}", for_terminal(&f.name), for_terminal(&f.host));
    if let Some(top) = &f.partitioned_under {
        s.push_str(&format!(" (partitioned under {})", for_terminal(top)));
    }
    if let Some(site) = &f.set_while_visiting {
        s.push_str(&format!(
            " (set while visiting {}, by time, from history)",
            for_terminal(site)
        ));
    }
    s
}

fn held(f: &Found) -> String {
    for_terminal(&f.held_by.join(", ")).into_owned()
}
