//! macOS key source: the "<Name> Safe Storage" generic password in the login Keychain,
//! stretched with PBKDF2 into the AES-128 key of `v10` values. Reading the Keychain is
//! the only OS call here and sits behind `cfg(target_os = "macos")`.

use crate::model::Browser;

use super::{MACOS_ITERATIONS, pbkdf2_key};

/// The AES-128-CBC key of macOS `v10` values: PBKDF2-HMAC-SHA1(`password`, "saltysalt",
/// 1003 iterations, 16 bytes). `password` is the Keychain secret exactly as returned.
pub fn mac_v10_key(password: &[u8]) -> [u8; 16] {
    pbkdf2_key(password, MACOS_ITERATIONS)
}

/// Where a browser's value password lives: a Keychain generic password.
pub trait Keychain {
    /// The generic password stored under (`service`, `account`). The error is one line for
    /// people (denied, not found) and never contains the secret.
    fn password(&self, service: &str, account: &str) -> Result<Vec<u8>, String>;
}

/// Keychain (service, account) holding the password of `browser`'s values on macOS:
/// `"<Name> Safe Storage"` / `<Name>`. `None` for browsers that do not encrypt with it.
/// Opera and Opera GX share "Opera"; Vivaldi uses its own name on macOS.
pub fn keychain_names(browser: Browser) -> Option<(&'static str, &'static str)> {
    let pair = match browser {
        Browser::Chrome => ("Chrome Safe Storage", "Chrome"),
        Browser::Chromium => ("Chromium Safe Storage", "Chromium"),
        Browser::Brave => ("Brave Safe Storage", "Brave"),
        Browser::Edge => ("Microsoft Edge Safe Storage", "Microsoft Edge"),
        Browser::Vivaldi => ("Vivaldi Safe Storage", "Vivaldi"),
        Browser::Opera => ("Opera Safe Storage", "Opera"),
        _ => return None,
    };
    Some(pair)
}

/// The login Keychain through Security.framework. The first read of each item makes
/// macOS ask the user for consent; a refusal comes back as an error, not a hang.
#[cfg(target_os = "macos")]
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemKeychain;

#[cfg(target_os = "macos")]
impl Keychain for SystemKeychain {
    fn password(&self, service: &str, account: &str) -> Result<Vec<u8>, String> {
        security_framework::passwords::get_generic_password(service, account)
            .map_err(|e| format!("Keychain item \"{service}\" not readable: {e}"))
    }
}
