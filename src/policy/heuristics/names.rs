//! Name signals: looks the tokens of a split cookie name up in the word table (`words`).
//! Splitting lives in `split`; this knows nothing about values or flags.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use rustc_hash::FxHashMap;

use super::fast::Signals;
use super::purposes::purpose_of;
use super::split::Split;
use super::words::{Fit, WORDS, Word};
use super::{Facts, Signal};
use crate::model::Category::{Marketing, Statistics};

/// Inside-matches that are really another word: `auth` in `author`, `pixel` in
/// `pixel_ratio` (a screen setting, not a tracking pixel).
const NOT_INSIDE: &[(&str, &str)] = &[("auth", "author"), ("pixel", "pixelratio")];

/// `word` found at `at` in `joined` counts unless a longer word it is part of starts there.
fn inside_hit_at(joined: &[u8], word: &str, at: usize) -> bool {
    let rest = joined.get(at..).unwrap_or_default();
    !NOT_INSIDE
        .iter()
        .any(|(w, longer)| *w == word && rest.starts_with(longer.as_bytes()))
}

/// Which `WORDS` rows a name hits, one bit per row (row `i` is bit `i % 64` of word
/// `i / 64`), so collecting hits allocates nothing.
type Mask = [u64; 6];

const _: () = assert!(WORDS.len() <= 64 * 6, "the hit mask holds 384 rows");

fn set_bit(mask: &mut Mask, row: usize) {
    if let Some(word) = mask.get_mut(row / 64) {
        *word |= 1 << (row % 64);
    }
}

fn or_into(mask: &mut Mask, other: &Mask) {
    for (m, o) in mask.iter_mut().zip(other) {
        *m |= o;
    }
}

/// The word table indexed once: whole tokens by hash, inside-words by one Aho-Corasick
/// automaton, so a name costs one pass instead of one substring search per word.
struct WordIndex {
    by_token: FxHashMap<&'static str, Mask>,
    inside: Option<AhoCorasick>,
    /// Automaton pattern id → the word and the `WORDS` rows with it and `Fit::Inside`.
    inside_rows: Vec<(&'static str, Mask)>,
}

fn word_index() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_token: FxHashMap<&'static str, Mask> = FxHashMap::default();
        let mut inside_rows: Vec<(&'static str, Mask)> = Vec::new();
        for (i, w) in WORDS.iter().enumerate() {
            set_bit(by_token.entry(w.word).or_default(), i);
            if w.fit == Fit::Inside {
                match inside_rows.iter_mut().find(|(word, _)| *word == w.word) {
                    Some((_, rows)) => set_bit(rows, i),
                    None => {
                        let mut rows = Mask::default();
                        set_bit(&mut rows, i);
                        inside_rows.push((w.word, rows));
                    }
                }
            }
        }
        // A DFA costs one table step per byte; the word list is small enough to afford it.
        let inside = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(inside_rows.iter().map(|(w, _)| *w))
            .ok();
        WordIndex {
            by_token,
            inside,
            inside_rows,
        }
    })
}

/// Which `WORDS` rows the name hits: a row hits when a token equals its word, or when an
/// inside-word occurs in the separator-free name (outside a blocked longer word).
fn hits(split: &Split<'_>) -> Mask {
    let index = word_index();
    let mut hit = Mask::default();
    for t in split.tokens() {
        if let Some(rows) = index.by_token.get(t) {
            or_into(&mut hit, rows);
        }
    }
    if let Some(ac) = &index.inside {
        for m in ac.find_overlapping_iter(split.joined()) {
            if let Some((word, rows)) = index.inside_rows.get(m.pattern().as_usize())
                && inside_hit_at(split.joined(), word, m.start())
            {
                or_into(&mut hit, rows);
            }
        }
    }
    hit
}

/// Every distinct rule the name triggers, with the heaviest weight seen for it, pushed to
/// `out` in table order, then the user-ID vote.
pub(crate) fn signals(facts: &Facts<'_>, out: &mut Signals) {
    let first = out.len();
    let hit = hits(&facts.split);
    for (chunk, &bits) in hit.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let row = chunk * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(word) = WORDS.get(row) {
                add(facts, out, first, word);
            }
        }
    }
    out.extend(user_id(facts));
}

/// Adds one word's vote, or raises the weight of the vote its rule already has.
fn add(facts: &Facts<'_>, out: &mut Signals, first: usize, word: &Word) {
    let mut s = word.signal;
    if s.rule == "name_advertising" && !facts.third_party_hint {
        // Ad words on a first-party host are often the site's own campaign bookkeeping;
        // keep the vote but lighter.
        s.weight = s.weight.saturating_sub(1);
    }
    if s.rule == "name_session" && script_kept_for_months(facts) {
        // A sign-in session a page script can read and that outlives months is rare;
        // such "session", "sid" or "user" names are usually a marketing-automation or
        // analytics script's own visit bookkeeping, so those words say nothing here.
        // Sign-in words proper (login, auth, token, …) keep half their vote.
        s.weight = if VISIT_WORDS.contains(&word.word) {
            0
        } else {
            (s.weight / 2).max(1)
        };
    }
    let mine = out.as_mut_slice().get_mut(first..).unwrap_or_default();
    match mine.iter_mut().find(|f| f.rule == s.rule) {
        Some(f) => f.weight = f.weight.max(s.weight),
        None => out.push(s),
    }
}

/// Session words trackers use for their own visit counting as often as sites for sign-in.
const VISIT_WORDS: &[&str] = &["session", "sess", "sessid", "sid", "ssid", "user"];

fn script_kept_for_months(facts: &Facts<'_>) -> bool {
    !facts.http_only && facts.lifetime_days.is_some_and(|d| d >= 90)
}

/// `uid`, `vid`, `visitor_id`: a browser identifier. Third-party context makes it an ad
/// ID; first-party it is usually the site's own visitor counting.
fn user_id(facts: &Facts<'_>) -> Option<Signal> {
    let is_id = facts
        .split
        .tokens()
        .any(|t| matches!(t, "uid" | "uuid" | "vid" | "guid" | "cid" | "did"));
    if !is_id {
        return None;
    }
    let (category, rule) = if facts.third_party_hint {
        (Marketing, "name_user_id")
    } else {
        (Statistics, "name_analytics")
    };
    Some(Signal::new(category, 3, rule, purpose_of(rule)))
}
