//! Windows key source: `Local State` → `os_crypt.encrypted_key` (base64, "DPAPI" prefix)
//! unwrapped with user DPAPI into the AES-256-GCM key of `v10`/`v11` values, and the
//! GCM decryption itself. App-bound `v20` values are detected and refused with a clear
//! message: their key needs SYSTEM rights or code inside the browser, which crumbs never
//! uses. The DPAPI call is the only OS call here and sits behind `cfg(windows)`.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;

/// What crumbs says instead of a `v20` value.
pub const APP_BOUND_MESSAGE: &str = "app-bound encryption: not readable without the browser";

const DPAPI_PREFIX: &[u8] = b"DPAPI";
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// User-scope DPAPI (`CryptUnprotectData`).
pub trait Dpapi {
    /// Unprotects `blob` for the current user. The error is one line and never contains
    /// the data.
    fn unprotect(&self, blob: &[u8]) -> Result<Vec<u8>, String>;
}

/// The 32-byte value key from the bytes of `<user data dir>\Local State`: base64-decodes
/// `os_crypt.encrypted_key`, strips the "DPAPI" prefix and unprotects the rest.
pub fn windows_master_key(local_state_json: &[u8], dpapi: &dyn Dpapi) -> Result<[u8; 32], String> {
    let json: serde_json::Value = serde_json::from_slice(local_state_json)
        .map_err(|e| format!("Local State is not valid JSON ({e})"))?;
    let b64 = json
        .pointer("/os_crypt/encrypted_key")
        .and_then(|v| v.as_str())
        .ok_or("Local State has no os_crypt.encrypted_key")?;
    let wrapped = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| "os_crypt.encrypted_key is not base64".to_string())?;
    let blob = wrapped
        .strip_prefix(DPAPI_PREFIX)
        .ok_or("os_crypt.encrypted_key does not start with DPAPI")?;
    let key = dpapi.unprotect(blob)?;
    <[u8; 32]>::try_from(key.as_slice())
        .map_err(|_| format!("DPAPI gave a {}-byte key, expected 32", key.len()))
}

/// Decrypts the part of a `v10`/`v11` value after its 3-byte tag: 12-byte nonce ‖
/// ciphertext ‖ 16-byte tag, AES-256-GCM. A wrong key or altered data is an error.
pub fn decrypt_gcm_v10(key: &[u8; 32], blob_after_tag: &[u8]) -> Result<Vec<u8>, String> {
    if blob_after_tag.len() < NONCE_LEN + TAG_LEN {
        return Err(format!(
            "encrypted value too short ({} bytes)",
            blob_after_tag.len()
        ));
    }
    let (nonce, sealed) = blob_after_tag.split_at(NONCE_LEN);
    let cipher = Aes256Gcm::new(key.into());
    cipher
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map_err(|_| "AES-GCM authentication failed (wrong key or damaged value)".to_string())
}

/// True when an `encrypted_value` uses app-bound encryption (`v20`, Chrome 127+).
pub fn is_app_bound(encrypted_value: &[u8]) -> bool {
    encrypted_value.starts_with(b"v20")
}

/// Decrypts a whole Windows `encrypted_value`: `v10`/`v11` with `key`, `v20` refused with
/// [`APP_BOUND_MESSAGE`], an untagged value (before Chrome 80) as a raw DPAPI blob.
pub fn windows_decrypt(
    key: &[u8; 32],
    encrypted_value: &[u8],
    dpapi: &dyn Dpapi,
) -> Result<Vec<u8>, String> {
    if is_app_bound(encrypted_value) {
        return Err(APP_BOUND_MESSAGE.to_string());
    }
    match encrypted_value.get(..3) {
        Some(b"v10" | b"v11") => decrypt_gcm_v10(key, &encrypted_value[3..]),
        _ => dpapi.unprotect(encrypted_value),
    }
}

/// The current user's DPAPI.
#[cfg(windows)]
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemDpapi;

#[cfg(windows)]
impl Dpapi for SystemDpapi {
    fn unprotect(&self, blob: &[u8]) -> Result<Vec<u8>, String> {
        windows_dpapi::decrypt_data(blob, windows_dpapi::Scope::User, None)
            .map_err(|e| format!("DPAPI could not unprotect the key: {e}"))
    }
}
