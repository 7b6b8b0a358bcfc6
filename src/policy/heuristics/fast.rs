//! Allocation-free plumbing for the heuristics, which run once per cookie no policy names:
//! a fixed-capacity list of signals (the word, host and vendor tables use the Fx hash
//! map of `rustc-hash`). Holds no cookie data beyond one guess.

use super::Signal;
use crate::model::Category;

/// Room for every signal one cookie can raise: at most one per name rule (11) plus the
/// user-ID vote, one vendor family, three context votes and one value vote (17).
const CAPACITY: usize = 24;

/// The evidence for one cookie, in the order it was found (the order decides which
/// equally weighted signal names the rule, so it is kept exactly).
pub(crate) struct Signals {
    items: [Signal; CAPACITY],
    len: usize,
}

impl Signals {
    pub(crate) fn new() -> Signals {
        Signals {
            items: [Signal::new(Category::Unknown, 0, "", ""); CAPACITY],
            len: 0,
        }
    }

    /// Adds `s`; the capacity covers every signal the families can raise (see
    /// [`CAPACITY`]), so nothing is ever dropped in practice.
    pub(crate) fn push(&mut self, s: Signal) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = s;
            self.len += 1;
        }
    }

    pub(crate) fn extend(&mut self, s: Option<Signal>) {
        if let Some(s) = s {
            self.push(s);
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn as_slice(&self) -> &[Signal] {
        self.items.get(..self.len).unwrap_or_default()
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [Signal] {
        self.items.get_mut(..self.len).unwrap_or_default()
    }

    pub(crate) fn any_rule(&self, rule: &str) -> bool {
        self.as_slice().iter().any(|s| s.rule == rule)
    }
}
