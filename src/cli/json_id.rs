//! Cookie ids for `list --json` without rehashing the store path on every row. The id is
//! FNV-1a over the store path and then the row's key (`CookieId::of`); FNV is a running
//! state, so the state after the path is computed once per store and each row hashes only
//! its own bytes. The result must equal `CookieId::of` exactly (a test checks every key
//! kind): ids are what `delete --id` takes. It never defines a new id.

use crate::model::{Cookie, CookieId, RowKey};

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
    fn sep(&mut self) {
        self.write(&[0xff]);
    }
}

/// The hash state after one store's path, to continue per row.
#[derive(Clone, Copy)]
pub struct StoreHash(Fnv);

impl StoreHash {
    pub fn of(path: &std::path::Path) -> StoreHash {
        let mut h = Fnv(OFFSET);
        h.write(path.as_os_str().as_encoded_bytes());
        h.sep();
        StoreHash(h)
    }

    /// `CookieId::of(c)`, given that `self` was made from `c.store.path`.
    pub fn id(self, c: &Cookie) -> CookieId {
        let mut h = self.0;
        h.write(c.host.as_bytes());
        h.sep();
        h.write(c.name.as_bytes());
        h.sep();
        h.write(c.path.as_bytes());
        h.sep();
        match &c.key {
            RowKey::FirefoxDb {
                origin_attributes, ..
            } => h.write(origin_attributes.as_bytes()),
            RowKey::FirefoxSession {
                origin_attributes, ..
            } => {
                h.write(b"session");
                h.sep();
                h.write(origin_attributes.as_bytes());
            }
            RowKey::Chromium {
                top_frame_site_key,
                has_cross_site_ancestor,
                source_scheme,
                source_port,
                ..
            } => {
                h.write(top_frame_site_key.as_bytes());
                h.sep();
                h.write(&has_cross_site_ancestor.to_le_bytes());
                h.write(&source_scheme.to_le_bytes());
                h.write(&source_port.to_le_bytes());
            }
            RowKey::Safari { page, index } => {
                h.write(&page.to_le_bytes());
                h.write(&index.to_le_bytes());
            }
        }
        CookieId(h.0)
    }
}
