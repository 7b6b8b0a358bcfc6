//! Windows key source: `Local State` → `os_crypt.encrypted_key` (base64, "DPAPI" prefix)
//! unwrapped with user DPAPI into the AES-256-GCM key of `v10`/`v11` values. The values
//! themselves are decrypted by `decrypt::decrypt_value`, the one value path (which also
//! refuses app-bound `v20` values by their tag). The DPAPI call is the only OS call here
//! and sits behind `cfg(windows)`.

use base64::Engine;

const DPAPI_PREFIX: &[u8] = b"DPAPI";

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
