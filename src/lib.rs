//! crumbs: every cookie your browsers keep, what each one is for, and a safe way to delete
//! the ones you don't want.
//!
//! Map of the crate (data flows top to bottom):
//! - [`store`]: finds browser profiles ([`store::find`]), reads private snapshots of their
//!   cookie and history files and decrypts values ([`store::read`]), and owns the only code
//!   that writes to a browser's files ([`store::write`]: backup, delete, undo).
//! - [`site`]: registrable domain of a host (Public Suffix List).
//! - [`policy`]: policy definitions and the knowledge base; classification of every cookie
//!   into a category (purpose) and a party, two separate axes.
//! - [`explain`]: one plain-language [`explain::Explanation`] per cookie, shared by the
//!   CLI and the TUI.
//! - [`inventory`]: everything loaded and classified, ready for the front ends.
//! - [`filter`]: the cookie filter shared by `list`, `delete` and the TUI.
//! - [`cli`] and [`tui`]: the two front ends; neither runs SQL.
//!
//! The library never prints cookie values: [`model::Secret`] masks them in `Debug`.

pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod explain;
pub mod filter;
pub mod fxhash;
pub mod inventory;
pub mod keeplist;
pub mod model;
pub mod paths;
pub mod policy;
pub mod sanitize;
pub mod site;
pub mod store;
pub mod timefmt;
pub mod tui;

pub use error::{Error, Result};
