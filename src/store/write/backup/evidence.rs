//! What binds a backup to the rows it saved: the count, the row ids and a SHA-256 over
//! every saved value (in id order, each value with its SQLite type), recorded in the
//! manifest when the backup is made and checked by undo before it writes anything. A row
//! added to, removed from or changed in a backup's file afterwards is refused, never
//! restored. Session entries are bound by the hash of the saved JSON bytes.

use rusqlite::types::Value;
use sha2::{Digest, Sha256};

/// `sha256:<hex>` of `rows`, taken in the order of `ids` sorted ascending.
pub(crate) fn rows_digest(rows: &[Vec<Value>], ids: &[i64]) -> String {
    let mut order: Vec<usize> = (0..rows.len().min(ids.len())).collect();
    order.sort_by_key(|&i| ids[i]);
    let mut h = Sha256::new();
    for i in order {
        hash_row(&mut h, &rows[i]);
    }
    finish(h)
}

/// `sha256:<hex>` of saved bytes (session entries).
pub(crate) fn bytes_digest(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    finish(h)
}

fn hash_row(h: &mut Sha256, row: &[Value]) {
    for v in row {
        match v {
            Value::Null => h.update([0u8]),
            Value::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_le_bytes());
            }
            Value::Real(f) => {
                h.update([2u8]);
                h.update(f.to_bits().to_le_bytes());
            }
            Value::Text(s) => tagged(h, 3, s.as_bytes()),
            Value::Blob(b) => tagged(h, 4, b),
        }
    }
    // Row boundary: no two different row splits hash alike.
    h.update([0xffu8]);
}

fn tagged(h: &mut Sha256, tag: u8, bytes: &[u8]) {
    h.update([tag]);
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn finish(h: Sha256) -> String {
    let digest = h.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn order_of_saving_does_not_matter_but_every_byte_does() {
        let a = vec![Value::Integer(1), Value::Text("x".into())];
        let b = vec![Value::Integer(2), Value::Blob(vec![0, 1])];
        let one = rows_digest(&[a.clone(), b.clone()], &[1, 2]);
        assert_eq!(one, rows_digest(&[b.clone(), a.clone()], &[2, 1]));
        let changed = vec![Value::Integer(2), Value::Blob(vec![0, 2])];
        assert_ne!(one, rows_digest(&[a.clone(), changed], &[1, 2]));
        assert_ne!(one, rows_digest(std::slice::from_ref(&a), &[1]));
        let text = vec![Value::Integer(2), Value::Text("\u{0}\u{1}".into())];
        assert_ne!(one, rows_digest(&[a, text], &[1, 2]));
        assert!(one.starts_with("sha256:") && one.len() == 71);
    }
}
