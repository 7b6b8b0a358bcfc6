//! OS-specific key sources for Chromium values: the macOS Keychain password and its
//! PBKDF2 key, and the Windows `Local State` master key unwrapped with DPAPI, each behind a
//! small trait so the logic is tested on any OS with fakes.
//!
//! This module only derives keys and decrypts single blobs handed to it; it never opens a
//! cookie database, and no error it returns carries key or cookie bytes.

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
