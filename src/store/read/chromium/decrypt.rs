//! Chromium cookie value decryption: per-store keys ([`ValueKeys`], derived once) and one
//! pure function per value ([`decrypt_value`]). Linux v10/v11 keys are built here; the
//! macOS Keychain and Windows DPAPI key sources live in `keys` and plug in through
//! [`Cipher`] and [`KeySlot`] at the single `cfg(target_os)` call site in
//! [`ValueKeys::for_store`].
//!
//! Must not: print, log or put a value (or a key) into an error; decide success by "is it
//! UTF-8" (padding and the v24 host hash decide); open any file but Windows `Local State`.

use aes::Aes128;
use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, InnerIvInit, KeyInit};
use aes_gcm::Aes256Gcm;
use aes_gcm::aead::Aead;
use sha2::{Digest, Sha256};

#[cfg(target_os = "linux")]
use super::keys::linux as keyring;
use super::keys::{LINUX_ITERATIONS, pbkdf2_key};
use crate::model::StoreRef;

/// A version tag: the first three bytes of `encrypted_value` (`v10`, `v11`, `v20`).
pub type Tag = [u8; 3];

/// Linux fallback password (`PosixKeyProvider`, also `--password-store=basic`).
const LINUX_V10_PASSWORD: &[u8] = b"peanuts";
/// CBC IV: sixteen ASCII spaces, fixed by Chromium's `os_crypt`.
const CBC_IV: [u8; 16] = [b' '; 16];
/// From `meta.version` 24 on, the plaintext starts with SHA-256(host_key).
const HASH_PREFIX_VERSION: i64 = 24;
const HASH_LEN: usize = 32;
const GCM_NONCE_LEN: usize = 12;
/// What crumbs says instead of a Windows Chrome 127+ `v20` value: its key needs SYSTEM
/// rights or code inside the browser, which crumbs never uses.
pub const APP_BOUND: &str = "app-bound encryption: not readable without the browser";

/// One candidate key with its cipher.
#[derive(Clone)]
pub enum Cipher {
    /// AES-128-CBC, IV of 16 spaces, PKCS#7 (Linux v10/v11, macOS v10).
    Cbc(Box<Aes128>),
    /// AES-256-GCM, `nonce(12) ‖ ciphertext ‖ tag(16)` (Windows v10, Linux v12).
    Gcm(Box<Aes256Gcm>),
}

impl Cipher {
    /// AES-128-CBC with the key [`pbkdf2_key`] derives from `password`.
    pub fn cbc_from_password(password: &[u8], iterations: u32) -> Cipher {
        Cipher::cbc(&pbkdf2_key(password, iterations))
    }

    /// A ready AES-128 key (macOS: PBKDF2 with 1003 iterations, done by `keys::macos`).
    pub fn cbc(key: &[u8; 16]) -> Cipher {
        Cipher::Cbc(Box::new(Aes128::new(key.into())))
    }

    /// A 32-byte AES-256-GCM key as unwrapped by the OS (DPAPI, secret portal).
    pub fn gcm(key: &[u8; 32]) -> Cipher {
        Cipher::Gcm(Box::new(Aes256Gcm::new(key.into())))
    }

    /// Decrypts `body` (the blob after its tag) into `out`, returning the plaintext part
    /// of it; `None` when padding or tag check fails.
    fn open<'o>(&self, body: &[u8], out: &'o mut Scratch) -> Option<&'o [u8]> {
        match self {
            Cipher::Cbc(aes) => {
                if body.is_empty() || !body.len().is_multiple_of(16) {
                    return None;
                }
                let dec = cbc::Decryptor::<Aes128>::inner_iv_init((**aes).clone(), &CBC_IV.into());
                let plain = dec
                    .decrypt_padded_b2b_mut::<Pkcs7>(body, out.sized(body.len()))
                    .ok()?;
                Some(plain)
            }
            Cipher::Gcm(gcm) => {
                if body.len() < GCM_NONCE_LEN + 16 {
                    return None;
                }
                let (nonce, ct) = body.split_at(GCM_NONCE_LEN);
                let plain = gcm.decrypt(aes_gcm::Nonce::from_slice(nonce), ct).ok()?;
                out.heap = plain;
                Some(&out.heap)
            }
        }
    }
}

/// Room for one plaintext: on the stack for the usual short value, on the heap for a
/// long one, so a successful decryption allocates only the value it returns.
struct Scratch {
    stack: [u8; 256],
    heap: Vec<u8>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            stack: [0; 256],
            heap: Vec::new(),
        }
    }

    fn sized(&mut self, len: usize) -> &mut [u8] {
        if len <= self.stack.len() {
            &mut self.stack[..len]
        } else {
            self.heap.resize(len, 0);
            &mut self.heap
        }
    }
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys stay out of Debug output, like values.
        f.write_str(match self {
            Cipher::Cbc(_) => "Cipher::Cbc(<key>)",
            Cipher::Gcm(_) => "Cipher::Gcm(<key>)",
        })
    }
}

/// The keys for one tag: candidates tried in order, or why there are none.
#[derive(Debug, Clone)]
pub enum KeySlot {
    Ready {
        keys: Vec<Cipher>,
        /// Where the keys came from, for the failure note ("Secret Service item …").
        source: String,
    },
    Missing {
        /// Which key sources were tried and why each failed; one line.
        reason: String,
    },
}

/// Every key one store's values may need, built once per store.
#[derive(Debug, Clone, Default)]
pub struct ValueKeys {
    slots: Vec<(Tag, KeySlot)>,
}

/// Why one value could not be decrypted. Never holds value bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The tag as text (`v11`), or `unknown` for a blob without a known tag.
    pub scheme: String,
    pub reason: String,
}

impl ValueKeys {
    /// Keys from explicit slots (tests, and the per-OS builders).
    pub fn from_slots(slots: Vec<(Tag, KeySlot)>) -> ValueKeys {
        ValueKeys { slots }
    }

    /// Linux `v10`: the fixed "peanuts" key.
    pub fn linux_v10() -> KeySlot {
        KeySlot::Ready {
            keys: vec![Cipher::cbc_from_password(
                LINUX_V10_PASSWORD,
                LINUX_ITERATIONS,
            )],
            source: "the built-in v10 key (\"peanuts\")".into(),
        }
    }

    /// Linux `v11` from a keyring password, plus the empty password that an old KWallet
    /// bug used to encrypt with (peers retry it too).
    pub fn linux_v11(password: &[u8], source: &str) -> KeySlot {
        KeySlot::Ready {
            keys: vec![
                Cipher::cbc_from_password(password, LINUX_ITERATIONS),
                Cipher::cbc_from_password(b"", LINUX_ITERATIONS),
            ],
            source: format!("{source} (and the empty password)"),
        }
    }

    /// The keys `store` needs for the `tags` present in its file. Only tags present are
    /// resolved, so a store without v11 values never touches the keyring (nor a v10-free
    /// macOS store the Keychain, which prompts). The one place that picks an OS.
    pub fn for_store(store: &StoreRef, tags: &[Tag]) -> ValueKeys {
        #[cfg(target_os = "linux")]
        let keys = linux_keys(store, tags);
        #[cfg(target_os = "macos")]
        let keys = os_keys::macos(store, tags);
        #[cfg(windows)]
        let keys = os_keys::windows(store, tags);
        #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
        let keys = ValueKeys::from_slots(
            tags.iter()
                .map(|t| {
                    let reason = "no key source for this operating system".to_string();
                    (*t, KeySlot::Missing { reason })
                })
                .collect(),
        );
        let _ = store;
        keys
    }

    /// The slot for `tag`, if these keys have one.
    pub fn get(&self, tag: &[u8]) -> Option<&KeySlot> {
        self.slots
            .iter()
            .find(|(t, _)| t.as_slice() == tag)
            .map(|(_, s)| s)
    }

    /// Adds the slot for a tag met while reading.
    pub(super) fn add(&mut self, tag: Tag, slot: KeySlot) {
        self.slots.push((tag, slot));
    }
}

#[cfg(any(target_os = "macos", windows))]
#[path = "decrypt_os.rs"]
mod os_keys;

#[cfg(target_os = "linux")]
fn linux_keys(store: &StoreRef, tags: &[Tag]) -> ValueKeys {
    let mut slots = Vec::new();
    for tag in tags {
        let slot = match tag {
            b"v10" => ValueKeys::linux_v10(),
            b"v11" => match keyring::v11_password(store.browser) {
                Ok(pw) => ValueKeys::linux_v11(pw.secret.expose(), &pw.source),
                Err(reason) => KeySlot::Missing { reason },
            },
            b"v12" => KeySlot::Missing {
                reason: "v12 (xdg-desktop-portal secret) is not supported".into(),
            },
            _ => continue,
        };
        slots.push((*tag, slot));
    }
    ValueKeys { slots }
}

/// Decrypts one `encrypted_value`. `host_key` is the row's `host_key` exactly as stored
/// (bytes, leading dot kept); on `meta_version` ≥ 24 its SHA-256 must prefix the
/// plaintext, which also tells a wrong key from a right one.
pub fn decrypt_value(
    keys: &ValueKeys,
    blob: &[u8],
    host_key: &[u8],
    meta_version: i64,
) -> Result<Vec<u8>, Failure> {
    let (tag, body) = blob.split_at(blob.len().min(3));
    // Built only on failure: the success path allocates nothing but the value itself.
    let fail = |reason: String| Failure {
        scheme: String::from_utf8_lossy(tag).into_owned(),
        reason,
    };
    if tag == b"v20" {
        return Err(fail(APP_BOUND.into()));
    }
    let Some(slot) = keys.get(tag) else {
        return Err(Failure {
            scheme: "unknown".into(),
            reason: "no known encryption tag".into(),
        });
    };
    let (candidates, source) = match slot {
        KeySlot::Ready { keys, source } => (keys, source),
        KeySlot::Missing { reason } => return Err(fail(reason.clone())),
    };
    let hash = (meta_version >= HASH_PREFIX_VERSION).then(|| Sha256::digest(host_key));
    let mut scratch = Scratch::new();
    for cipher in candidates {
        let Some(plain) = cipher.open(body, &mut scratch) else {
            continue;
        };
        match &hash {
            None => return Ok(plain.to_vec()),
            Some(h) if plain.len() >= HASH_LEN && plain[..HASH_LEN] == h[..] => {
                return Ok(plain[HASH_LEN..].to_vec());
            }
            Some(_) => {}
        }
    }
    Err(fail(format!(
        "wrong key: {source} failed the padding/host-hash check"
    )))
}

#[cfg(test)]
#[path = "decrypt_tests.rs"]
mod tests;
