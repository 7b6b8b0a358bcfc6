//! Chromium value decryption (Linux v10/v11; macOS and Windows schemes behind `platform`).
