//! The order `crumbs list` prints cookies in: by (site, host, name), ties keeping the
//! order the stores were read in — exactly what a stable sort on those three strings
//! gives, only faster. Each row gets a compact key whose first eight bytes of site and of
//! host compare as integers, so most comparisons never touch the cookie itself; long lists
//! sort their two halves on two threads and merge. It must never change which rows are
//! listed, only their order.

use std::cmp::Ordering;

use crate::inventory::Entry;

/// Below this, one thread sorts faster than two plus a merge.
const PARALLEL_MIN_ROWS: usize = 8192;

/// A row with the bytes that decide most comparisons copied next to it.
#[derive(Clone, Copy)]
struct Keyed<'a> {
    site_head: u64,
    host_head: u64,
    site: &'a str,
    entry: &'a Entry,
}

/// The first eight bytes, zero-padded, as a big-endian integer. Padding with zero keeps
/// the integer order consistent with the string order (a prefix sorts first either way),
/// and equal integers fall through to the full comparison.
fn head(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

impl<'a> Keyed<'a> {
    fn new(entry: &'a Entry) -> Keyed<'a> {
        let c = &entry.cookie;
        Keyed {
            site_head: head(&c.site),
            host_head: head(&c.host),
            site: &c.site,
            entry,
        }
    }

    /// The same total preorder as comparing `(site, host, name)` as strings.
    fn cmp(&self, other: &Keyed<'_>) -> Ordering {
        self.site_head
            .cmp(&other.site_head)
            .then_with(|| {
                // Rows of one site usually share one interned string.
                if std::ptr::eq(self.site, other.site) {
                    Ordering::Equal
                } else {
                    self.site.cmp(other.site)
                }
            })
            .then_with(|| self.host_head.cmp(&other.host_head))
            .then_with(|| {
                let (x, y) = (&self.entry.cookie, &other.entry.cookie);
                (&x.host, &x.name).cmp(&(&y.host, &y.name))
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
    fn heads_order_like_the_strings() {
        let words = [
            "",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgi",
            "b",
            "é",
            "\u{7f}",
            "zzzzzzzzzzzz",
        ];
        for x in words {
            for y in words {
                let by_head = head(x).cmp(&head(y));
                if by_head != Ordering::Equal {
                    assert_eq!(by_head, x.cmp(y), "{x:?} vs {y:?}");
                }
            }
        }
    }
}
