//! Stable cookie ids: what `crumbs list` prints and `crumbs delete --id` takes.

use std::fmt;

use serde::Serialize;

use super::{Cookie, RowKey};

/// Stable identity of one cookie row: FNV-1a over the store path and the row's unique key
/// (not its rowid, which browsers renumber). Shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CookieId(pub u64);

impl CookieId {
    pub fn of(c: &Cookie) -> CookieId {
        StoreHash::of(&c.store.path).id(c)
    }

    pub fn parse(s: &str) -> Option<CookieId> {
        if s.len() != 16 {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(CookieId)
    }
}

impl CookieId {
    /// The 16 hex digits in a stack buffer (JSON output writes one per cookie).
    pub fn hex(self) -> CookieIdHex {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut buf = [0u8; 16];
        for (i, b) in buf.iter_mut().enumerate() {
            *b = DIGITS[((self.0 >> (60 - 4 * i)) & 0xf) as usize];
        }
        CookieIdHex(buf)
    }
}

/// A [`CookieId`] as its 16 hex digits.
#[derive(Clone, Copy)]
pub struct CookieIdHex([u8; 16]);

impl CookieIdHex {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl Serialize for CookieIdHex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for CookieId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// The id hash's state after one store's path. FNV is a running state, so a listing of
/// many cookies of one store hashes the path once and continues per row from here.
#[derive(Clone, Copy)]
pub struct StoreHash(Fnv);

impl StoreHash {
    pub fn of(path: &std::path::Path) -> StoreHash {
        let mut h = Fnv::new();
        h.write(path.as_os_str().as_encoded_bytes());
        h.sep();
        StoreHash(h)
    }

    /// The id of `c`, which must belong to the store this state was made from.
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
        // Two rows whose keys differ only in bytes that are not UTF-8 read alike; their
        // stored bytes keep their ids apart. Rows of valid text keep the ids they had.
        if let Some(raw) = c.key.raw() {
            for part in [&raw.host, &raw.name, &raw.path, &raw.scope] {
                h.sep();
                h.write(part.as_deref().unwrap_or(b"-"));
            }
        }
        CookieId(h.0)
    }
}

/// 64-bit FNV-1a of `bytes`: fixed across platforms and releases, unlike std's hasher.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.write(bytes);
    h.0
}

#[derive(Clone, Copy)]
struct Fnv(u64);
impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn sep(&mut self) {
        self.write(&[0xff]);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Browser, CookieValue, SameSite, StoreRef};

    fn cookie(key: RowKey) -> Cookie {
        let store = Arc::new(StoreRef {
            browser: Browser::Chromium,
            profile: "Default".into(),
            profile_dir: "/home/u/.config/chromium/Default".into(),
            path: "/home/u/.config/chromium/Default/Cookies".into(),
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        });
        Cookie {
            store,
            key,
            host: ".fabriquenumeriquedupasse.fr".into(),
            name: "sessionid".into(),
            path: "/".into(),
            value: CookieValue::NotLoaded,
            expires: None,
            created: None,
            last_accessed: None,
            secure: true,
            http_only: true,
            same_site: SameSite::Lax,
            partition: None,
            container: None,
            site: "fabriquenumeriquedupasse.fr".into(),
            in_session_file: false,
        }
    }

    /// Ids are printed, stored in backups and taken back by `delete --id` and `undo`: the
    /// same row must keep the same id from one version of crumbs to the next.
    #[test]
    fn ids_do_not_change_between_versions() {
        let chromium = cookie(RowKey::Chromium {
            rowid: 7,
            top_frame_site_key: String::new(),
            has_cross_site_ancestor: 0,
            source_scheme: 2,
            source_port: 443,
            raw: None,
        });
        let firefox = cookie(RowKey::FirefoxDb {
            id: 7,
            origin_attributes: "^userContextId=1".into(),
            raw: None,
        });
        let session = cookie(RowKey::FirefoxSession {
            file: "recovery.jsonlz4".into(),
            origin_attributes: String::new(),
        });
        let safari = cookie(RowKey::Safari { page: 1, index: 2 });
        let got: Vec<String> = [chromium, firefox, session, safari]
            .iter()
            .map(|c| c.id().to_string())
            .collect();
        let want = [
            "4dcd080c92c869f9",
            "c69a7c1905e3d991",
            "af1967e08590b0fb",
            "9802560fd9bbbfc1",
        ];
        assert_eq!(got, want);
    }
}
