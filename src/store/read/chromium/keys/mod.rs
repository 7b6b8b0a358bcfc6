//! OS-specific key sources for Chromium values: the Linux keyring password (`linux`), the
//! macOS Keychain password and its PBKDF2 key, and the Windows `Local State` master key
//! unwrapped with DPAPI, each behind a small trait so the logic is tested on any OS with
//! fakes.
//!
//! This module only finds and derives keys; values are decrypted by
//! `decrypt::decrypt_value` alone. It never opens a cookie database, and no error it
//! returns carries key or cookie bytes.
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

/// Chromium's fixed PBKDF2 salt for the Linux and macOS value key.
const SALT: &[u8] = b"saltysalt";
/// Linux derives the value key with 1 iteration; macOS with 1003, so a Linux key never
/// opens a Mac file.
pub const LINUX_ITERATIONS: u32 = 1;
pub const MACOS_ITERATIONS: u32 = 1003;

/// The AES-128 value key of Linux and macOS: PBKDF2-HMAC-SHA1(`password`, "saltysalt",
/// `iterations`, 16 bytes). The one derivation for both systems.
pub fn pbkdf2_key(password: &[u8], iterations: u32) -> [u8; 16] {
    let mut key = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, SALT, iterations, &mut key);
    key
}

pub mod linux;
pub mod macos;
pub mod windows;

pub use macos::{Keychain, keychain_names, mac_v10_key};
pub use windows::{Dpapi, windows_master_key};

#[cfg(target_os = "macos")]
pub use macos::SystemKeychain;
#[cfg(windows)]
pub use windows::SystemDpapi;
