//! The only code that writes to a browser's files: [`delete`] (SQLite rows and session
//! entries), [`undo`], the session-file editor, and the [`backup`]s both rely on. Refuses
//! while the browser runs, backs up first, one transaction, verifies.

pub mod backup;
pub mod delete;
pub mod session_edit;
pub mod undo;
