//! OS-specific key sources for Chromium values: the Linux keyring password (`linux`), the
//! macOS Keychain password and its PBKDF2 key, and the Windows `Local State` master key
//! unwrapped with DPAPI, each behind a small trait so the logic is tested on any OS with
//! fakes.
//!
//! This module only derives keys and decrypts single blobs handed to it; it never opens a
//! cookie database, and no error it returns carries key or cookie bytes.
//!
//! How the Chromium reader uses it, once per store (`decrypt::ValueKeys::for_store`, with
//! the slots built in `decrypt_os.rs`):
//! - Linux: `linux` (the desktop keyring's v11 password), PBKDF2 in `decrypt`.
//! - macOS: `keychain_names(browser)` → `Keychain::password(service, account)` →
//!   `mac_v10_key(&password)`, then AES-128-CBC in `decrypt::decrypt_value`.
//! - Windows: read `<user_data_dir>\Local State` → `windows_master_key(&bytes, &dpapi)`,
//!   then AES-256-GCM in `decrypt::decrypt_value` (`v20` refused there by its tag).
//! - In every case `decrypt_value` drops the 32-byte SHA-256(host_key) prefix when
//!   `meta.version` ≥ 24.
//!
//! `windows_decrypt` and `decrypt_gcm_v10` are a second Windows value path that only tests
//! call; the reader does not use them.

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
