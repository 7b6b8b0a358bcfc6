//! macOS and Windows `ValueKeys` builders: turn the key sources in `keys` (Keychain
//! password, DPAPI-unwrapped `Local State` key) into key slots. Compiled only on those
//! systems; must not decrypt values itself (that is `decrypt_value`) nor prompt twice.

use super::{Cipher, KeySlot, Tag, ValueKeys};
use crate::model::StoreRef;

fn slots_for(tags: &[Tag], wanted: &[&[u8; 3]], slot: impl Fn() -> KeySlot) -> ValueKeys {
    if !tags.iter().any(|t| wanted.contains(&t)) {
        return ValueKeys::default();
    }
    let slot = slot();
    ValueKeys::from_slots(
        tags.iter()
            .filter(|t| wanted.contains(t))
            .map(|t| (*t, slot.clone()))
            .collect(),
    )
}

/// macOS `v10`: PBKDF2(Keychain "<Name> Safe Storage", 1003 iterations), AES-128-CBC.
#[cfg(target_os = "macos")]
pub fn macos(store: &StoreRef, tags: &[Tag]) -> ValueKeys {
    use crate::store::read::chromium::keys::{
        Keychain, SystemKeychain, keychain_names, mac_v10_key,
    };
    slots_for(tags, &[b"v10"], || match keychain_names(store.browser) {
        None => KeySlot::Missing {
            reason: "no Keychain item is known for this browser".into(),
        },
        Some((service, account)) => match SystemKeychain.password(service, account) {
            Ok(pw) => KeySlot::Ready {
                keys: vec![Cipher::cbc(&mac_v10_key(&pw))],
                source: format!("Keychain item \"{service}\""),
            },
            Err(reason) => KeySlot::Missing {
                reason: format!("tried the Keychain: {reason}"),
            },
        },
    })
}

/// Windows `v10`/`v11`: AES-256-GCM with the `Local State` key unwrapped by user DPAPI.
/// `v20` (app-bound) needs no slot: `decrypt_value` refuses it by tag.
#[cfg(windows)]
pub fn windows(store: &StoreRef, tags: &[Tag]) -> ValueKeys {
    use crate::store::read::chromium::keys::{SystemDpapi, windows_master_key};
    slots_for(tags, &[b"v10", b"v11"], || {
        let Some(ud) = store.user_data_dir.as_ref() else {
            return KeySlot::Missing {
                reason: "no user data folder, so no Local State key".into(),
            };
        };
        let local_state = ud.join("Local State");
        let key = crate::store::files::read_capped(
            &local_state,
            crate::store::files::SMALL_FILE_CAP,
            crate::store::files::Links::Follow,
        )
        .map_err(|e| e.to_string())
        .and_then(|bytes| windows_master_key(&bytes, &SystemDpapi));
        match key {
            Ok(k) => KeySlot::Ready {
                keys: vec![Cipher::gcm(&k)],
                source: "the Local State key (DPAPI)".into(),
            },
            Err(reason) => KeySlot::Missing {
                reason: format!("tried Local State with DPAPI: {reason}"),
            },
        }
    })
}
