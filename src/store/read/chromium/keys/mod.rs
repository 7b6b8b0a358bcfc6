//! OS-specific key sources for Chromium values: the macOS Keychain password and its
//! PBKDF2 key, and the Windows `Local State` master key unwrapped with DPAPI, each behind a
//! small trait so the logic is tested on any OS with fakes.
//!
//! This module only derives keys and decrypts single blobs handed to it; it never opens a
//! cookie database, and no error it returns carries key or cookie bytes.
//!
//! How a Chromium reader uses it, once per store:
//! - macOS: `keychain_names(browser)` → `Keychain::password(service, account)` →
//!   `mac_v10_key(&password)`, then AES-128-CBC (IV of 16 spaces) on the bytes after `v10`.
//! - Windows: read `<user_data_dir>\Local State` → `windows_master_key(&bytes, &dpapi)`,
//!   then `windows_decrypt(&key, encrypted_value, &dpapi)` per row (`v10`/`v11` through
//!   `decrypt_gcm_v10`, `v20` refused with [`APP_BOUND_MESSAGE`], untagged via DPAPI).
//! - In both cases drop the 32-byte SHA-256(host_key) prefix when `meta.version` ≥ 24.

pub mod linux;
pub mod macos;
pub mod windows;

pub use macos::{Keychain, keychain_names, mac_v10_key};
pub use windows::{
    APP_BOUND_MESSAGE, Dpapi, decrypt_gcm_v10, is_app_bound, windows_decrypt, windows_master_key,
};

#[cfg(target_os = "macos")]
pub use macos::SystemKeychain;
#[cfg(windows)]
pub use windows::SystemDpapi;
