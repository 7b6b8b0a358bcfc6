//! Browser cookie stores: finding them ([`find`]), private snapshots ([`snapshot`]),
//! reading them ([`read`]: one reader per family, value decryption, browser history),
//! running-browser detection ([`running`]), safe file handling ([`files`]), and the only
//! code that writes to a browser's files ([`write`]: backup, delete, undo). All SQL on a
//! browser's files (cookies and history) lives under this module; the only other SQL in
//! crumbs builds the made-up demo stores (`demo`).
//!
//! Front ends use the names re-exported here; the layout below them may change.

pub mod config;
pub mod files;
pub mod find;
pub mod read;
pub mod running;
pub mod snapshot;
pub mod write;

pub use find::{discover, sniff};
pub use read::{
    Keep, Mapper, ReadOptions, ReadSummary, StoreRead, chromium, firefox, read_store,
    read_store_into, safari,
};
pub use write::{backup, delete, undo};
