//! Vendor-family signals: vendors name their cookies with one prefix (`_hj…`, `__insp_…`,
//! `kampyle…`), so an unknown name that shares a prefix with known cookies whose category
//! is unanimous most likely has that category too. Reads the shipped knowledge files
//! only to build the prefix index; never reads values.

use std::sync::OnceLock;

use super::Signal;
use crate::model::Category;
use crate::policy::builtin::FILES;
use rustc_hash::FxHashMap;

/// First words many unrelated vendors and frameworks start names with: sharing one says
/// nothing about the vendor.
const GENERIC: &[&str] = &[
    "cookie",
    "cookies",
    "user",
    "session",
    "site",
    "app",
    "web",
    "data",
    "last",
    "has",
    "is",
    "page",
    "test",
    "client",
    "device",
    "auth",
    "login",
    "csrf",
    "lang",
    "remember",
    "visitor",
    "wordpress",
    "wp",
    "my",
    "the",
    "api",
    "secure",
    "host",
    "ab",
    "sc",
    "ga",
];

/// Known rules sharing a family key, counted per category (necessary … marketing).
type Index = FxHashMap<String, [u16; 4]>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut out = Index::default();
        for (file, text) in FILES {
            if !file.starts_with("known-") {
                continue;
            }
            let Ok(doc) = toml::from_str::<toml::Value>(text) else {
                continue;
            };
            let rules = doc.get("cookie").and_then(toml::Value::as_array);
            for rule in rules.into_iter().flatten() {
                add_rule(&mut out, rule);
            }
        }
        out
    })
}

fn add_rule(out: &mut Index, rule: &toml::Value) {
    // Host-bound rules describe one site's names, not a vendor's naming habit.
    if rule.get("hosts").is_some() {
        return;
    }
    let name = rule
        .get("name")
        .or_else(|| rule.get("pattern"))
        .and_then(toml::Value::as_str);
    let category = rule
        .get("category")
        .and_then(toml::Value::as_str)
        .and_then(Category::parse);
    let (Some(name), Some(slot)) = (name, category.and_then(slot)) else {
        return;
    };
    if let Some(key) = family_key(super::split::strip_prefix(name)) {
        out.entry(key).or_insert([0; 4])[slot] += 1;
    }
}

fn slot(c: Category) -> Option<usize> {
    Category::ALL
        .iter()
        .position(|&a| a == c)
        .filter(|&i| i < 4)
}

/// Leading underscores plus the first word, when a separator or a camelCase step follows
/// it: `__insp_nv` → `__insp`, `kampyleUserSession` → `kampyle`, `_hjSession` → `_hj`. `None` for names that
/// are one word, a wildcard-cut word, or a generic first word.
pub(crate) fn family_key(name: &str) -> Option<String> {
    let (lead, word) = family_parts(name)?;
    Some(format!("{lead}{}", word.to_ascii_lowercase()))
}

/// The leading underscores and the first word as written (ASCII only, so lowercasing it
/// keeps its length), checked against the rules [`family_key`] documents.
fn family_parts(name: &str) -> Option<(&str, &str)> {
    let rest = name.trim_start_matches('_');
    let lead = name.get(..name.len() - rest.len())?;
    let bytes = rest.as_bytes();
    let mut end = None;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'_' | b'-' | b'.' | b':') {
            end = Some(i);
            break;
        }
        // A non-ASCII character fails here on its first byte, as it fails as a whole.
        if b == b'*' || !b.is_ascii_alphanumeric() {
            return None;
        }
        let camel =
            i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_lowercase) && b.is_ascii_uppercase();
        if camel {
            end = Some(i);
            break;
        }
    }
    let word = rest.get(..end?)?;
    // Two letters are a vendor mark only behind an underscore (`_hj`, `_pk`, `_ym`).
    let min = if lead.is_empty() { 3 } else { 2 };
    let usable = word.len() >= min && !word.bytes().all(|b| b.is_ascii_digit());
    (usable && !is_generic_word(word)).then_some((lead, word))
}

/// A first word many unrelated vendors and frameworks start names with.
pub(crate) fn is_generic_word(word: &str) -> bool {
    GENERIC.iter().any(|g| g.eq_ignore_ascii_case(word))
}

/// Longest key built on the stack; longer ones (rare) fall back to [`family_key`].
const KEY_ROOM: usize = 64;

/// A vote for the family's category when at least two known rules share the key and
/// nearly all of them agree. `name` has its `__Host-`/`__Secure-` prefix removed.
pub(crate) fn signal(name: &str) -> Option<Signal> {
    let (lead, word) = family_parts(name)?;
    let mut room = [0u8; KEY_ROOM];
    let len = lead.len() + word.len();
    let counts = match room.get_mut(..len) {
        Some(key) => {
            let (head, tail) = key.split_at_mut(lead.len());
            head.copy_from_slice(lead.as_bytes());
            for (k, b) in tail.iter_mut().zip(word.bytes()) {
                *k = b.to_ascii_lowercase();
            }
            index().get(std::str::from_utf8(key).ok()?)?
        }
        None => index().get(&family_key(name)?)?,
    };
    let total: u16 = counts.iter().sum();
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if total < 2 || top * 5 < total * 4 {
        return None;
    }
    let category = *Category::ALL.get(best)?;
    Some(Signal::new(
        category,
        5,
        "name_vendor_family",
        purpose(category),
    ))
}

fn purpose(c: Category) -> &'static str {
    match c {
        Category::Necessary => {
            "Its name follows a vendor's naming whose known cookies are all site machinery."
        }
        Category::Preferences => {
            "Its name follows a vendor's naming whose known cookies all keep settings."
        }
        Category::Statistics => {
            "Its name follows a vendor's naming whose known cookies all count visits."
        }
        _ => "Its name follows a vendor's naming whose known cookies are all for advertising.",
    }
}
