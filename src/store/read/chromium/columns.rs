//! Column selection by name (`PRAGMA table_info`): builds one SELECT whose result columns
//! sit at fixed indices, substituting a literal default for optional columns an older or
//! newer schema lacks. Must not assume a column exists because a version number says so.

use std::path::Path;

use rusqlite::Connection;

use crate::{Error, Result};

/// Result-column indices of the SELECT built by [`select`].
pub const ROWID: usize = 0;
pub const HOST: usize = 1;
pub const NAME: usize = 2;
pub const PATH: usize = 3;
pub const VALUE: usize = 4;
pub const ENCRYPTED: usize = 5;
pub const EXPIRES: usize = 6;
pub const CREATED: usize = 7;
pub const LAST_ACCESS: usize = 8;
pub const SECURE: usize = 9;
pub const HTTP_ONLY: usize = 10;
pub const SAME_SITE: usize = 11;
pub const HAS_EXPIRES: usize = 12;
pub const PERSISTENT: usize = 13;
pub const TOP_FRAME: usize = 14;
pub const CROSS_SITE: usize = 15;
pub const SOURCE_SCHEME: usize = 16;
pub const SOURCE_PORT: usize = 17;

/// One wanted column: accepted names (current first) and the default when absent
/// (`None` = required).
struct Want {
    names: &'static [&'static str],
    default: Option<&'static str>,
}

const fn req(names: &'static [&'static str]) -> Want {
    Want {
        names,
        default: None,
    }
}
const fn opt(names: &'static [&'static str], default: &'static str) -> Want {
    Want {
        names,
        default: Some(default),
    }
}

/// In result-column order, after `rowid`. Booleans were `secure`/`httponly` before v10.
const WANTED: [Want; 17] = [
    req(&["host_key"]),
    req(&["name"]),
    req(&["path"]),
    opt(&["value"], "''"),
    opt(&["encrypted_value"], "X''"),
    req(&["expires_utc"]),
    opt(&["creation_utc"], "0"),
    opt(&["last_access_utc"], "0"),
    opt(&["is_secure", "secure"], "0"),
    opt(&["is_httponly", "httponly"], "0"),
    opt(&["samesite"], "-1"),
    opt(&["has_expires"], "1"),
    opt(&["is_persistent"], "1"),
    opt(&["top_frame_site_key"], "''"),
    opt(&["has_cross_site_ancestor"], "0"),
    opt(&["source_scheme"], "0"),
    opt(&["source_port"], "-1"),
];

/// The SELECT for this file's `cookies` table.
#[derive(Debug, Clone)]
pub struct Columns {
    pub sql: String,
}

/// Builds the SELECT from the names the table really has.
pub fn select(conn: &Connection, live: &Path) -> Result<Columns> {
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info('cookies')")
        .map_err(|e| Error::sqlite(live, &e))?;
    let present: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| Error::sqlite(live, &e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::sqlite(live, &e))?;
    let mut parts = vec!["rowid".to_string()];
    for want in &WANTED {
        let found = want
            .names
            .iter()
            .find(|n| present.iter().any(|p| p.eq_ignore_ascii_case(n)));
        match (found, want.default) {
            (Some(n), _) => parts.push(format!("\"{n}\"")),
            (None, Some(d)) => parts.push(d.to_string()),
            (None, None) => {
                return Err(Error::UnknownSchema {
                    path: live.to_path_buf(),
                    reason: format!("chromium `cookies` table has no `{}` column", want.names[0]),
                });
            }
        }
    }
    Ok(Columns {
        sql: format!("SELECT {} FROM cookies", parts.join(", ")),
    })
}
