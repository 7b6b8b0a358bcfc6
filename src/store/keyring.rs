//! The desktop secret stores that hold Chromium's v11 password: Secret Service and KWallet.
