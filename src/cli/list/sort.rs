//! The order `crumbs list` prints cookies in: by (site, host, name), ties keeping the
//! order the stores were read in — exactly what a stable sort on those three strings
//! gives, only faster. Each row gets a compact key (the start and length of its site, host
//! and name as integers), so most comparisons never touch the cookie itself; long lists
//! sort their two halves on two threads and merge. It must never change which rows are
//! listed, only their order.

use std::cmp::Ordering;

use crate::inventory::Entry;

/// Below this, one thread sorts faster than two plus a merge.
const PARALLEL_MIN_ROWS: usize = 8192;

/// A row with the bytes that decide almost every comparison copied next to it.
#[derive(Clone, Copy)]
struct Keyed<'a> {
    site: u128,
    host: u128,
    name: u64,
    entry: &'a Entry,
}

/// `s`'s first `N - 1` bytes (zero-padded, big-endian) and then its length capped at `N`,
/// as one integer. Integer order never contradicts string order: when the padded bytes
/// are equal and one string has at most `N - 1` bytes, it is a prefix of the other, so the
/// shorter sorts first, as the lengths say. Equal keys mean equal strings unless both
/// are longer than `N - 1` bytes ([`long`]); only then is the full string compared.
fn key<const N: usize>(s: &str) -> [u8; N] {
    let mut b = [0u8; N];
    let n = s.len().min(N - 1);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    b[N - 1] = s.len().min(N) as u8;
    b
}

fn key16(s: &str) -> u128 {
    u128::from_be_bytes(key::<16>(s))
}

fn key8(s: &str) -> u64 {
    u64::from_be_bytes(key::<8>(s))
}

/// Whether a key's string was too long for the key to settle equality.
fn long<const N: u32>(low_byte: u8) -> bool {
    u32::from(low_byte) == N
}

impl<'a> Keyed<'a> {
    fn new(entry: &'a Entry) -> Keyed<'a> {
        let c = &entry.cookie;
        Keyed {
            site: key16(&c.site),
            host: key16(&c.host),
            name: key8(&c.name),
            entry,
        }
    }

    /// The same total preorder as comparing `(site, host, name)` as strings.
    fn cmp(&self, other: &Keyed<'_>) -> Ordering {
        let (x, y) = (&self.entry.cookie, &other.entry.cookie);
        self.site
            .cmp(&other.site)
            .then_with(|| match long::<16>(self.site as u8) {
                true => x.site.cmp(&y.site),
                false => Ordering::Equal,
            })
            .then_with(|| self.host.cmp(&other.host))
            .then_with(|| match long::<16>(self.host as u8) {
                true => x.host.cmp(&y.host),
                false => Ordering::Equal,
            })
            .then_with(|| self.name.cmp(&other.name))
            .then_with(|| match long::<8>(self.name as u8) {
                true => x.name.cmp(&y.name),
                false => Ordering::Equal,
            })
    }
}

/// Sorts `rows` by (site, host, name), stably.
pub fn by_site_host_name(rows: &mut Vec<&Entry>) {
    let mut keyed: Vec<Keyed<'_>> = rows.iter().map(|e| Keyed::new(e)).collect();
    if keyed.len() < PARALLEL_MIN_ROWS {
        keyed.sort_by(Keyed::cmp);
        rows.clear();
        rows.extend(keyed.iter().map(|k| k.entry));
        return;
    }
    let (left, right) = keyed.split_at_mut(rows.len() / 2);
    std::thread::scope(|s| {
        s.spawn(|| left.sort_by(Keyed::cmp));
        right.sort_by(Keyed::cmp);
    });
    let (left, right) = keyed.split_at(rows.len() / 2);
    rows.clear();
    merge(left, right, rows);
}

/// Stable merge: on a tie the left (earlier) row goes first.
fn merge<'a>(left: &[Keyed<'a>], right: &[Keyed<'a>], out: &mut Vec<&'a Entry>) {
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if right[j].cmp(&left[i]) == Ordering::Less {
            out.push(right[j].entry);
            j += 1;
        } else {
            out.push(left[i].entry);
            i += 1;
        }
    }
    out.extend(left[i..].iter().map(|k| k.entry));
    out.extend(right[j..].iter().map(|k| k.entry));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_like_the_strings() {
        // Every string of up to 9 bytes over a tiny alphabet with NUL, plus long ones.
        let mut words = vec![String::new()];
        for len in 1..=9 {
            let mut next = Vec::new();
            for w in words.iter().filter(|w| w.len() == len - 1) {
                for c in ["\0", "a", "b"] {
                    next.push(format!("{w}{c}"));
                }
            }
            words.extend(next.into_iter().filter(|w| len < 5 || w.starts_with("ab")));
        }
        words.extend(
            [
                "abababababababab",
                "abababababababac",
                "é",
                "zzzzzzzzzzzzzzzzzz",
            ]
            .map(String::from),
        );
        for x in &words {
            for y in &words {
                let by_key = key8(x).cmp(&key8(y));
                let by_key = match (by_key, long::<8>(key8(x) as u8)) {
                    (Ordering::Equal, true) => x.cmp(y),
                    (o, _) => o,
                };
                assert_eq!(by_key, x.cmp(y), "{x:?} vs {y:?}");
                let k16 = key16(x).cmp(&key16(y));
                if k16 != Ordering::Equal || !long::<16>(key16(x) as u8) {
                    assert_eq!(k16, x.cmp(y), "{x:?} vs {y:?}");
                }
            }
        }
    }
}
