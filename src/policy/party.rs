//! Party axis: first or third party, and why.

use serde::Serialize;

use crate::model::{Cookie, Party};

/// Party with the reason it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyVerdict {
    pub party: Party,
    pub reason: String,
}

/// Sites the person visited as top-level pages (from browser history snapshots).
#[derive(Debug, Clone, Default)]
pub struct Visits {}

/// Decides the party of `cookie`.
pub fn decide(_cookie: &Cookie, _visits: &Visits) -> PartyVerdict {
    PartyVerdict {
        party: Party::Unknown,
        reason: "nothing tells".into(),
    }
}
