//! Allocation-free plumbing for the heuristics, which run once per cookie no policy names:
//! a cheap hasher for the fixed word, host and vendor tables, and a fixed-capacity list of
//! signals. Holds no cookie data beyond one guess.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Signal;
use crate::model::Category;

/// FNV-1a: keys are short words and host labels, where SipHash's setup dominates. The
/// tables are fixed shipped lists, so a crafted cookie name can at worst walk the longest
/// chain the shipped keys already form; there is no flooding to defend against.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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
