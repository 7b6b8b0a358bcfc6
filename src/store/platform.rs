//! OS-specific key sources (macOS Keychain, Windows DPAPI) behind small traits.
