//! `crumbs stores` and `crumbs list`.

use std::borrow::Cow;
use std::io::{BufWriter, Write};

use super::args::{ListArgs, Sources, StoresArgs};
use super::json::{self, StoreJson};
use super::resolve;
use super::table::Table;
use crate::inventory::{Entry, Inventory};
use crate::model::{CookieValue, SameSite, UnixMicros};
use crate::timefmt;

pub(super) mod sort;

/// `crumbs stores`.
pub fn stores(sources: &Sources, demo: bool, a: &StoresArgs) -> anyhow::Result<u8> {
    let loaded = resolve::load(sources, demo, false)?;
    let inv = &loaded.inventory;
    fail_on_named_store_errors(sources, inv)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.out.json {
        let rows: Vec<_> = inv.stores.iter().map(StoreJson::new).collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else if inv.stores.is_empty() {
        writeln!(
            out,
            "No browser cookie stores found under this home folder."
        )?;
    } else {
        let mut t = Table::new(vec![
            "BROWSER", "PROFILE", "COOKIES", "SCHEMA", "RUNNING", "STORE",
        ]);
        for s in &inv.stores {
            t.push(vec![
                s.store.browser.as_str().into(),
                s.store.profile.as_str().into(),
                s.cookies.to_string().into(),
                match (&s.schema, &s.error) {
                    (Some(schema), _) => schema.as_str().into(),
                    (None, Some(e)) => format!("error: {e}").into(),
                    (None, None) => "-".into(),
                },
                if s.running.is_some() { "yes" } else { "no" }.into(),
                s.store.path.to_string_lossy(),
            ]);
        }
        t.write(&mut out)?;
    }
    out.flush()?;
    warn_store_notes(inv);
    Ok(0)
}

/// `crumbs list`.
pub fn list(sources: &Sources, demo: bool, a: &ListArgs) -> anyhow::Result<u8> {
    let filter = resolve::cookie_filter(sources, &a.cookies)?;
    let mut loaded = resolve::load(sources, demo, a.show_values)?;
    let inv = &loaded.inventory;
    fail_on_named_store_errors(sources, inv)?;
    let now = UnixMicros::now();
    let mut picked: Vec<&Entry> = inv.entries.iter().filter(|e| filter.matches(e)).collect();
    sort::by_site_host_name(&mut picked);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if a.out.json {
        json::write_cookies(&mut out, &picked, now, a.show_values)?;
    } else {
        write_table(&mut out, &picked, now, a.show_values)?;
    }
    out.flush()?;
    warn_store_notes(inv);
    drop(picked);
    // The process ends right after this command: freeing 100,000 cookies one string at a
    // time would only delay the exit. (The demo folder, if any, is still removed.)
    std::mem::forget(std::mem::take(&mut loaded.inventory.entries));
    Ok(0)
}

fn write_table(
    out: &mut impl Write,
    rows: &[&Entry],
    now: UnixMicros,
    values: bool,
) -> anyhow::Result<()> {
    let mut headers = vec![
        "ID", "BROWSER", "PROFILE", "HOST", "NAME", "CATEGORY", "PARTY", "EXPIRES", "FLAGS",
    ];
    if values {
        headers.push("VALUE");
    }
    let mut t = Table::new(headers);
    for e in rows {
        let c = &e.cookie;
        let mut cells: Vec<Cow<'_, str>> = vec![
            c.id().to_string().into(),
            c.store.browser.as_str().into(),
            c.store.profile.as_str().into(),
            c.host.as_str().into(),
            c.name.as_str().into(),
            e.verdict.category_label(),
            e.party.party.as_str().into(),
            expires_cell(c.expires, now).into(),
            flags_cell(e).into(),
        ];
        if values {
            cells.push(match &c.value {
                CookieValue::Known(s) => s.expose_str(),
                CookieValue::Encrypted { scheme, .. } => format!("<encrypted {scheme}>").into(),
                CookieValue::NotLoaded => "".into(),
            });
        }
        t.push(cells);
    }
    if t.is_empty() {
        writeln!(out, "No cookies match.")?;
    } else {
        t.write(out)?;
        writeln!(out, "{} cookies", rows.len())?;
    }
    Ok(())
}

/// `2027-01-05`, `session`, or `expired`.
pub fn expires_cell(expires: Option<UnixMicros>, now: UnixMicros) -> String {
    match expires {
        None => "session".into(),
        Some(t) if t <= now => "expired".into(),
        Some(t) => timefmt::date(t),
    }
}

/// `secure,httponly,lax,partitioned` — what the browser will enforce, in short words.
pub fn flags_cell(e: &Entry) -> String {
    let c = &e.cookie;
    let mut f: Vec<&str> = Vec::new();
    if c.secure {
        f.push("secure");
    }
    if c.http_only {
        f.push("httponly");
    }
    match c.same_site {
        SameSite::Unspecified => {}
        s => f.push(s.as_str()),
    }
    if c.partition.is_some() {
        f.push("partitioned");
    }
    if c.in_session_file {
        // Not a browser flag: where it lives. One row, two places; a delete takes both.
        f.push("+session-file");
    }
    if f.is_empty() {
        "-".into()
    } else {
        f.join(",")
    }
}

/// A store the user named with `--store` that cannot be read is an error (exit 1); a
/// discovered one is a warning.
pub(super) fn fail_on_named_store_errors(sources: &Sources, inv: &Inventory) -> anyhow::Result<()> {
    if sources.stores.is_empty() {
        return Ok(());
    }
    if let Some(e) = inv.stores.iter().find_map(|s| s.error.as_deref()) {
        anyhow::bail!("{e}");
    }
    Ok(())
}

pub(super) fn warn_store_notes(inv: &Inventory) {
    let mut err = std::io::stderr().lock();
    for s in &inv.stores {
        // Profile names come from profiles.ini / Local State: escape them too.
        let who = format!("{} ({})", s.store.browser, s.store.profile);
        let who = crate::sanitize::for_terminal(&who);
        if let Some(e) = &s.error {
            let _ = writeln!(
                err,
                "crumbs: warning: {who}: {}",
                crate::sanitize::for_terminal(e)
            );
        }
        for n in &s.notes {
            let _ = writeln!(
                err,
                "crumbs: note: {who}: {}",
                crate::sanitize::for_terminal(n)
            );
        }
    }
}
