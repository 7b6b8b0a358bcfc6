//! What binds a backup to the rows it saved: the count, the row ids and a SHA-256 over
//! every saved value (in id order, each value with its SQLite type), recorded in the
//! manifest when the backup is made and checked by undo before it writes anything. A row
//! added to, removed from or changed in a backup's file afterwards is refused, never
//! restored. Session entries are bound by the hash of the saved JSON bytes.

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

/// `sha256:<hex>` of saved rows, fed one row at a time in ascending id order (the caller
/// reads them in that order), so a million rows never sit in memory at once.
pub(crate) struct RowsDigest(Sha256);

impl RowsDigest {
    pub fn new() -> RowsDigest {
        RowsDigest(Sha256::new())
    }

    pub fn add(&mut self, row: &[ValueRef<'_>]) {
        hash_row(&mut self.0, row);
    }

    pub fn finish(self) -> String {
        finish(self.0)
    }
}

/// `sha256:<hex>` of saved bytes (session entries).
pub(crate) fn bytes_digest(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    finish(h)
}

fn hash_row(h: &mut Sha256, row: &[ValueRef<'_>]) {
    for v in row {
        match *v {
            ValueRef::Null => h.update([0u8]),
            ValueRef::Integer(i) => {
                h.update([1u8]);
                h.update(i.to_le_bytes());
            }
            ValueRef::Real(f) => {
                h.update([2u8]);
                h.update(f.to_bits().to_le_bytes());
            }
            // Text as its stored bytes, valid UTF-8 or not.
            ValueRef::Text(s) => tagged(h, 3, s),
            ValueRef::Blob(b) => tagged(h, 4, b),
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
    use rusqlite::types::Value;

    fn digest(rows: &[Vec<Value>]) -> String {
        let mut d = RowsDigest::new();
        for r in rows {
            let refs: Vec<ValueRef<'_>> = r.iter().map(ValueRef::from).collect();
            d.add(&refs);
        }
        d.finish()
    }

    #[test]
    fn every_byte_and_every_row_boundary_counts() {
        let a = vec![Value::Integer(1), Value::Text("x".into())];
        let b = vec![Value::Integer(2), Value::Blob(vec![0, 1])];
        let one = digest(&[a.clone(), b.clone()]);
        assert_eq!(one, digest(&[a.clone(), b.clone()]));
        let changed = vec![Value::Integer(2), Value::Blob(vec![0, 2])];
        assert_ne!(one, digest(&[a.clone(), changed]));
        assert_ne!(one, digest(std::slice::from_ref(&a)));
        let text = vec![Value::Integer(2), Value::Text("\u{0}\u{1}".into())];
        assert_ne!(one, digest(&[a.clone(), text]));
        let joined = vec![
            Value::Integer(1),
            Value::Text("x".into()),
            Value::Integer(2),
        ];
        assert_ne!(
            digest(&[a, vec![Value::Integer(2)]]),
            digest(&[joined, vec![]])
        );
        assert!(one.starts_with("sha256:") && one.len() == 71);
    }

    #[test]
    fn text_that_is_not_utf8_is_hashed_as_its_bytes() {
        let mut d = RowsDigest::new();
        d.add(&[ValueRef::Text(b"b\xffd")]);
        let mut e = RowsDigest::new();
        e.add(&[ValueRef::Text(b"b\xfed")]);
        assert_ne!(d.finish(), e.finish());
    }
}
