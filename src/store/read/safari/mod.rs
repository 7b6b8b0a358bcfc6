//! Safari `Cookies.binarycookies` reader (read-only). Turns the parsed records into
//! [`Cookie`]s; it never writes the file, because rewriting it means rebuilding page
//! sizes, offsets and the checksum, which crumbs does not do.

pub mod parse;

use std::path::Path;
use std::sync::Arc;

use super::StoreRead;
use crate::model::{Cookie, CookieValue, RowKey, SameSite, Secret, StoreRef, UnixMicros};
use crate::site::registrable_domain;
use crate::{Error, Result};

pub use parse::{ParseError, Record};

/// Real cookie files are kilobytes to a few megabytes; anything this big is not one, and
/// refusing it keeps a hostile file from exhausting memory.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads every cookie of a Safari store, expired ones included.
pub fn read(store: &Arc<StoreRef>) -> Result<StoreRead> {
    let bytes = read_bytes(&store.path)?;
    let records = parse::parse(&bytes).map_err(|e| to_error(&store.path, e))?;
    let cookies = records.into_iter().map(|r| to_cookie(store, r)).collect();
    Ok(StoreRead {
        cookies,
        schema: "binarycookies".into(),
        notes: Vec::new(),
    })
}

/// The whole file, refused when larger than any real cookie store.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(Error::NotAStore {
            path: path.to_path_buf(),
            reason: format!("{len} bytes is too large for a Safari cookie file"),
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Maps a parse failure to the crate error naming `path`.
pub fn to_error(path: &Path, err: ParseError) -> Error {
    match err {
        ParseError::NotCookies(reason) => Error::NotAStore {
            path: path.to_path_buf(),
            reason,
        },
        ParseError::Damaged(reason) => Error::Corrupt {
            path: path.to_path_buf(),
            reason,
        },
    }
}

fn micros(unix_secs: f64) -> UnixMicros {
    // `as` saturates on overflow, which is what an absurd date should become.
    UnixMicros((unix_secs * 1_000_000.0) as i64)
}

fn to_cookie(store: &Arc<StoreRef>, r: Record) -> Cookie {
    let site: Arc<str> = registrable_domain(&r.domain).into();
    Cookie {
        store: Arc::clone(store),
        key: RowKey::Safari {
            page: r.page,
            index: r.index,
        },
        secure: r.secure(),
        http_only: r.http_only(),
        host: r.domain,
        name: r.name,
        path: crate::model::cookie_path(&r.path),
        value: CookieValue::Known(Secret::new(r.value)),
        // Safari keeps no session flag in the record; every row has an expiry.
        expires: Some(micros(r.expires)),
        created: Some(micros(r.created)),
        last_accessed: None,
        same_site: SameSite::Unspecified,
        partition: None,
        container: None,
        site,
        in_session_file: false,
    }
}
