//! Browser history, read for the party rules: the hosts a person visited as top-level
//! pages, and when, from a private snapshot of `places.sqlite` (Firefox) or `History`
//! (Chromium). Must not open the live file nor decide what a visit means for a cookie
//! (that is `policy::party`).

use std::collections::HashSet;
use std::path::Path;

use crate::model::{Family, UnixMicros};
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};

/// Firefox counts only top-level visits in `visit_count` (embedded and framed loads are
/// not counted); `typed` catches addresses entered but not yet counted.
const FIREFOX_SQL: &str = "SELECT DISTINCT rev_host FROM moz_places \
                           WHERE (visit_count > 0 OR typed = 1) AND rev_host IS NOT NULL";
/// Chromium marks subframe-only URLs `hidden`.
const CHROMIUM_SQL: &str = "SELECT url FROM urls WHERE hidden = 0 AND visit_count > 0";

/// Every visit with its time (µs since 1970). Embeds (4), downloads (7) and framed links
/// (8) are not pages the person was on.
const FIREFOX_VISITS_SQL: &str = "SELECT p.rev_host, v.visit_date FROM moz_historyvisits v \
                                  JOIN moz_places p ON p.id = v.place_id \
                                  WHERE v.visit_type NOT IN (4, 7, 8) AND p.rev_host IS NOT NULL";
/// Every visit with its time (µs since 1601). The low byte of `transition` is the core
/// type: 3 and 4 are loads inside a frame, not the page the person was on.
const CHROMIUM_VISITS_SQL: &str = "SELECT u.url, v.visit_time FROM visits v \
                                   JOIN urls u ON u.id = v.url \
                                   WHERE (v.transition & 255) NOT IN (3, 4)";

/// The hosts of the profile in `profile_dir` visited as top-level pages. No history file
/// (Safari, a fresh profile) means no visits, not an error.
pub fn visited_hosts(profile_dir: &Path, family: Family) -> Result<HashSet<String>> {
    let (file, sql) = match family {
        Family::Firefox => ("places.sqlite", FIREFOX_SQL),
        Family::Chromium => ("History", CHROMIUM_SQL),
        Family::Safari => return Ok(HashSet::new()),
    };
    let mut hosts: HashSet<String> = HashSet::new();
    read_rows(profile_dir, file, sql, |row| {
        let text: String = row.get(0)?;
        let host = host_of(family, &text);
        if !host.trim_matches('.').is_empty() {
            hosts.insert(host);
        }
        Ok(())
    })?;
    Ok(hosts)
}

/// Hands every top-level visit of the profile in `profile_dir` to `each` (host, time), in
/// no particular order, without keeping them: a history holds hundreds of thousands. No
/// history file (Safari, a fresh profile) means no visits, not an error.
pub fn each_visit(
    profile_dir: &Path,
    family: Family,
    mut each: impl FnMut(&str, UnixMicros),
) -> Result<()> {
    let (file, sql) = match family {
        Family::Firefox => ("places.sqlite", FIREFOX_VISITS_SQL),
        Family::Chromium => ("History", CHROMIUM_VISITS_SQL),
        Family::Safari => return Ok(()),
    };
    let mut host = String::new();
    read_rows(profile_dir, file, sql, |row| {
        // A row with no time or a host that is not text says nothing about when; skip it.
        let time = row.get::<_, Option<i64>>(1).ok().flatten();
        let text = row.get_ref(0).ok().and_then(|v| v.as_str().ok());
        let (Some(text), Some(time)) = (text, time) else {
            return Ok(());
        };
        host.clear();
        match family {
            Family::Firefox => host.extend(text.chars().rev()),
            _ => host.push_str(url_host(text).unwrap_or_default()),
        }
        if !host.trim_matches('.').is_empty() {
            let at = match family {
                Family::Chromium => crate::store::read::chromium::to_unix(time),
                _ => UnixMicros(time),
            };
            each(&host, at);
        }
        Ok(())
    })
}

/// Runs `sql` on a private snapshot of `file` in `profile_dir`, handing each row to `each`;
/// nothing when the file does not exist.
fn read_rows(
    profile_dir: &Path,
    file: &str,
    sql: &str,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    let live = profile_dir.join(file);
    if !live.is_file() {
        return Ok(());
    }
    let snap = Snapshot::take(&live)?;
    let conn = snap.open()?;
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite(&live, &e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite(&live, &e))?;
    while let Some(row) = rows.next().map_err(|e| Error::sqlite(&live, &e))? {
        each(row).map_err(|e| Error::sqlite(&live, &e))?;
    }
    Ok(())
}

/// The host a history row names: Firefox keeps it reversed (`moc.elpmaxe.`), Chromium
/// keeps the whole URL.
fn host_of(family: Family, text: &str) -> String {
    match family {
        Family::Firefox => text.chars().rev().collect::<String>(),
        _ => url_host(text).unwrap_or_default().to_string(),
    }
}

/// The host of an `http(s)` URL, without user info or port.
fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    if host.starts_with('[') {
        return host.split(']').next().map(|h| h.trim_start_matches('['));
    }
    host.split(':').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("https://u:p@www.x.org:8080/a?b"),
            Some("www.x.org")
        );
        assert_eq!(url_host("http://[::1]:80/"), Some("::1"));
        assert_eq!(url_host("chrome://settings"), None);
    }
}
