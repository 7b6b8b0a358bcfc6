//! Guesses for cookies no policy names, from the cookie's name, flags, lifetime and value
//! shape. Must never log or return the cookie's value.

use crate::model::{Category, Cookie};
use crate::policy::Confidence;

/// A heuristic verdict: the category, which rule fired, how sure it is, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub category: Category,
    pub rule: &'static str,
    pub confidence: Confidence,
    pub purpose: &'static str,
}

/// The best guess for `cookie`, or `None` when nothing points anywhere.
pub fn guess(_cookie: &Cookie) -> Option<Guess> {
    None
}
