//! Allocation-free plumbing for the heuristics, which run once per cookie no policy names:
//! a cheap hasher for the fixed word, host and vendor tables, and a fixed-capacity list of
//! signals. Holds no cookie data beyond one guess.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Signal;
use crate::model::Category;

/// A multiply-rotate hash over eight bytes at a time (the `FxHash` scheme): keys are short
/// words and host labels, where SipHash's setup, or a byte-at-a-time hash, dominates. The
/// tables are fixed shipped lists, so a crafted cookie name can at worst walk the longest
/// chain the shipped keys already form; there is no flooding to defend against.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(tail) {
                *w = *b;
            }
            // The length keeps `ab` and `ab\0` apart.
            self.add(u64::from_le_bytes(word) ^ ((tail.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

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
