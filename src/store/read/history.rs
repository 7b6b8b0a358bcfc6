//! Browser history, read for the party rules: the hosts a person visited as top-level
//! pages, from a private snapshot of `places.sqlite` (Firefox) or `History` (Chromium).
//! Must not open the live file nor decide what a visit means for a cookie (that is
//! `policy::party`).

use std::collections::HashSet;
use std::path::Path;

use crate::model::Family;
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};

/// Firefox counts only top-level visits in `visit_count` (embedded and framed loads are
/// not counted); `typed` catches addresses entered but not yet counted.
const FIREFOX_SQL: &str = "SELECT DISTINCT rev_host FROM moz_places \
                           WHERE (visit_count > 0 OR typed = 1) AND rev_host IS NOT NULL";
/// Chromium marks subframe-only URLs `hidden`.
const CHROMIUM_SQL: &str = "SELECT url FROM urls WHERE hidden = 0 AND visit_count > 0";

/// The hosts of the profile in `profile_dir` visited as top-level pages. No history file
/// (Safari, a fresh profile) means no visits, not an error.
pub fn visited_hosts(profile_dir: &Path, family: Family) -> Result<HashSet<String>> {
    let (file, sql) = match family {
        Family::Firefox => ("places.sqlite", FIREFOX_SQL),
        Family::Chromium => ("History", CHROMIUM_SQL),
        Family::Safari => return Ok(HashSet::new()),
    };
    let live = profile_dir.join(file);
    if !live.is_file() {
        return Ok(HashSet::new());
    }
    let snap = Snapshot::take(&live)?;
    let conn = snap.open()?;
    let mut stmt = conn.prepare(sql).map_err(|e| Error::sqlite(&live, &e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::sqlite(&live, &e))?;
    let mut hosts: HashSet<String> = HashSet::new();
    while let Some(row) = rows.next().map_err(|e| Error::sqlite(&live, &e))? {
        let text: String = row.get(0).map_err(|e| Error::sqlite(&live, &e))?;
        let host = match family {
            Family::Firefox => text.chars().rev().collect::<String>(),
            _ => url_host(&text).unwrap_or_default().to_string(),
        };
        if !host.trim_matches('.').is_empty() {
            hosts.insert(host);
        }
    }
    Ok(hosts)
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
