//! Browser history, read for the party rules: the hosts a person visited as top-level
//! pages, and when, from a private snapshot of `places.sqlite` (Firefox) or `History`
//! (Chromium). Must not open the live file nor decide what a visit means for a cookie
//! (that is `policy::party`).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::Connection;

use crate::model::{Family, UnixMicros};
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};

/// Firefox counts only top-level visits in `visit_count` (embedded and framed loads are
/// not counted); `typed` catches addresses entered but not yet counted.
const FIREFOX_SQL: &str = "SELECT DISTINCT rev_host FROM moz_places \
                           WHERE (visit_count > 0 OR typed = 1) AND rev_host IS NOT NULL";
/// Chromium marks subframe-only URLs `hidden`.
const CHROMIUM_SQL: &str = "SELECT url FROM urls WHERE hidden = 0 AND visit_count > 0";

/// Every page with its host, and every visit to a page with its time (µs since 1970):
/// two plain reads instead of a join that would repeat each page's host per visit.
/// Embeds (4), downloads (7) and framed links (8) are not pages the person was on.
const FIREFOX_PAGES_SQL: &str = "SELECT id, rev_host FROM moz_places WHERE rev_host IS NOT NULL";
const FIREFOX_VISITS_SQL: &str =
    "SELECT place_id, visit_date FROM moz_historyvisits WHERE visit_type NOT IN (4, 7, 8)";
/// The same for Chromium (times in µs since 1601). The low byte of `transition` is the
/// core type: 3 and 4 are loads inside a frame, not the page the person was on.
const CHROMIUM_PAGES_SQL: &str = "SELECT id, url FROM urls";
const CHROMIUM_VISITS_SQL: &str =
    "SELECT url, visit_time FROM visits WHERE (transition & 255) NOT IN (3, 4)";

/// The hosts of the profile in `profile_dir` visited as top-level pages. No history file
/// (Safari, a fresh profile) means no visits, not an error.
pub fn visited_hosts(profile_dir: &Path, family: Family) -> Result<HashSet<String>> {
    let (file, sql) = match family {
        Family::Firefox => ("places.sqlite", FIREFOX_SQL),
        Family::Chromium => ("History", CHROMIUM_SQL),
        Family::Safari => return Ok(HashSet::new()),
    };
    let mut hosts: HashSet<String> = HashSet::new();
    with_snapshot(profile_dir, file, |conn, live| {
        query(conn, live, sql, |row| {
            let text: String = row.get(0)?;
            let host = host_of(family, &text);
            if !host.trim_matches('.').is_empty() {
                hosts.insert(host);
            }
            Ok(())
        })
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
    let (file, pages_sql, visits_sql) = match family {
        Family::Firefox => ("places.sqlite", FIREFOX_PAGES_SQL, FIREFOX_VISITS_SQL),
        Family::Chromium => ("History", CHROMIUM_PAGES_SQL, CHROMIUM_VISITS_SQL),
        Family::Safari => return Ok(()),
    };
    with_snapshot(profile_dir, file, |conn, live| {
        let mut hosts: HashMap<i64, String> = HashMap::new();
        query(conn, live, pages_sql, |row| {
            // A page whose host is not text names no site; its visits are skipped.
            if let (Ok(id), Ok(text)) = (row.get::<_, i64>(0), row.get_ref(1)?.as_str()) {
                let host = host_of(family, text);
                if !host.trim_matches('.').is_empty() {
                    hosts.insert(id, host);
                }
            }
            Ok(())
        })?;
        query(conn, live, visits_sql, |row| {
            let page = row.get::<_, Option<i64>>(0).ok().flatten();
            let time = row.get::<_, Option<i64>>(1).ok().flatten();
            if let (Some(host), Some(time)) = (page.and_then(|p| hosts.get(&p)), time) {
                let at = match family {
                    Family::Chromium => crate::store::read::chromium::to_unix(time),
                    _ => UnixMicros(time),
                };
                each(host, at);
            }
            Ok(())
        })
    })?;
    Ok(())
}

/// Runs `f` on a private snapshot of `file` in `profile_dir`; `None` when the file does
/// not exist.
fn with_snapshot<T>(
    profile_dir: &Path,
    file: &str,
    f: impl FnOnce(&Connection, &Path) -> Result<T>,
) -> Result<Option<T>> {
    let live = profile_dir.join(file);
    if !live.is_file() {
        return Ok(None);
    }
    let snap = Snapshot::take(&live)?;
    let conn = snap.open()?;
    f(&conn, &live).map(Some)
}

/// Hands each row of `sql` to `each`; errors name the live file.
fn query(
    conn: &Connection,
    live: &Path,
    sql: &str,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite(live, &e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite(live, &e))?;
    while let Some(row) = rows.next().map_err(|e| Error::sqlite(live, &e))? {
        each(row).map_err(|e| Error::sqlite(live, &e))?;
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
