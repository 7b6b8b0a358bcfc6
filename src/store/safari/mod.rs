//! Safari `Cookies.binarycookies` reader (read-only). Turns the parsed records into
//! [`Cookie`]s; it never writes the file, because rewriting it means rebuilding page
//! sizes, offsets and the checksum, which crumbs does not do.

pub mod parse;

use std::sync::Arc;

use super::StoreRead;
use crate::model::{Cookie, CookieValue, RowKey, SameSite, Secret, StoreRef, UnixMicros};
use crate::site::registrable_domain;
use crate::{Error, Result};

pub use parse::{ParseError, Record};

/// Reads every cookie of a Safari store, expired ones included.
pub fn read(store: &Arc<StoreRef>) -> Result<StoreRead> {
    let bytes = std::fs::read(&store.path).map_err(|e| Error::io(&store.path, e))?;
    let records = parse::parse(&bytes).map_err(|e| to_error(&store.path, e))?;
    let cookies = records.into_iter().map(|r| to_cookie(store, r)).collect();
    Ok(StoreRead {
        cookies,
        schema: "binarycookies".into(),
        notes: Vec::new(),
    })
}

/// Maps a parse failure to the crate error naming `path`.
pub fn to_error(path: &std::path::Path, err: ParseError) -> Error {
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
        path: r.path,
        value: CookieValue::Known(Secret::new(r.value)),
        // Safari keeps no session flag in the record; every row has an expiry.
        expires: Some(micros(r.expires)),
        created: Some(micros(r.created)),
        last_accessed: None,
        same_site: SameSite::Unspecified,
        partition: None,
        container: None,
        site,
    }
}
