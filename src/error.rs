//! Library errors: each variant is something a user can act on, and none ever carries a
//! cookie value.

use std::path::PathBuf;

/// Errors the library reports. Messages are single lines meant for people.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a cookie store crumbs can read ({reason})")]
    NotAStore { path: PathBuf, reason: String },
    #[error("{path}: unsupported cookie database schema ({reason})")]
    UnknownSchema { path: PathBuf, reason: String },
    #[error("{path}: the database is damaged ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path}: the database is locked by another program; try again in a moment")]
    Locked { path: PathBuf },
    #[error(
        "{path}: the browser holds this file open while it runs; close the browser and try again"
    )]
    HeldOpen { path: PathBuf },
    #[error("{path}: {reason}")]
    Sqlite { path: PathBuf, reason: String },
    #[error("{browser} is running on profile \"{profile}\"; close it and try again")]
    BrowserRunning { browser: String, profile: String },
    #[error("{file}:{line}: {message}")]
    Policy {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("backup {id}: {message}")]
    Backup { id: String, message: String },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Turns an SQLite error on `path` into the most specific variant a user can act on.
    pub fn sqlite(path: impl Into<PathBuf>, err: &rusqlite::Error) -> Self {
        let path = path.into();
        use rusqlite::ErrorCode as C;
        match err.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Locked { path },
            Some(C::NotADatabase) => Error::NotAStore {
                path,
                reason: "not an SQLite database".into(),
            },
            Some(C::DatabaseCorrupt) => Error::Corrupt {
                path,
                reason: err.to_string(),
            },
            _ => Error::Sqlite {
                path,
                reason: err.to_string(),
            },
        }
    }
}
