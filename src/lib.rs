//! crumbs: every cookie your browsers keep, what each one is for, and a safe way to delete
//! the ones you don't want.
//!
//! Map of the crate (data flows top to bottom):
//! - [`store`]: finds browser profiles ([`store::find`]), reads private snapshots of their
//!   cookie and history files and decrypts values ([`store::read`]), tells whether a
//!   browser is using a store ([`store::running`]), opens every file it reads safely and
//!   writes crumbs' own files atomically ([`store::files`]), and owns the only code that
//!   writes to a browser's files ([`store::write`]: backup, delete, undo, session edit).
//! - [`select`]: which stores to read (browser/profile narrowing, the demo store), for
//!   both front ends.
//! - [`site`]: registrable domain of a host (Public Suffix List), name normalisation
//!   (case, dots, IDNA) and the host-under-domain rule: the only copy.
//! - [`policy`]: policy definitions and the knowledge base; classification of every cookie
//!   into a category (purpose) and a party, two separate axes.
//! - [`explain`]: one plain-language [`explain::Explanation`] per cookie, shared by the
//!   CLI and the TUI.
//! - [`export`]: cookies, values included, as cookies.txt or the browser-extension JSON
//!   array, for other programs.
//! - [`inventory`]: everything loaded and classified, ready for the front ends.
//! - [`audit`]: each site's cookies set side by side with the site's own cookie policy.
//! - [`filter`]: the cookie filter shared by `list`, `delete` and the TUI.
//! - [`preview`]: [`preview::DeletePreview`], what a delete will do (keep-list and sign-in
//!   rules applied), built once for the CLI and the TUI.
//! - [`cli`] and [`tui`]: the two front ends; neither runs SQL.
//!
//! The library never prints cookie values: [`model::Secret`] masks them in `Debug`.

pub mod audit;
pub mod cli;
pub mod demo;
pub mod error;
pub mod explain;
pub mod export;
pub mod filter;
pub mod inventory;
pub mod keeplist;
pub mod model;
pub mod paths;
pub mod policy;
pub mod preview;
pub mod sanitize;
pub mod select;
pub mod site;
pub mod store;
pub mod timefmt;
pub mod tui;

pub use error::{Error, Result};
