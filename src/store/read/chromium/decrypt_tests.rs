//! Known-vector tests for `decrypt`: values are encrypted here with RustCrypto the way
//! Chromium does, then decrypted by the code under test.

use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use sha2::{Digest, Sha256};

use super::*;
use crate::store::read::chromium::keys::MACOS_ITERATIONS;

fn key(password: &[u8], iterations: u32) -> [u8; 16] {
    let mut k = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, b"saltysalt", iterations, &mut k);
    k
}

/// `tag ‖ AES-128-CBC(key, IV=spaces, [SHA-256(host) ‖] value)`, as Chromium writes it.
fn seal(tag: &[u8], key: [u8; 16], host: &str, value: &[u8], meta: i64) -> Vec<u8> {
    let mut plain = Vec::new();
    if meta >= 24 {
        plain.extend_from_slice(&Sha256::digest(host.as_bytes()));
    }
    plain.extend_from_slice(value);
    let enc = cbc::Encryptor::<Aes128>::new(&key.into(), &[b' '; 16].into());
    let n = plain.len();
    plain.resize(n + 16 - n % 16, 0);
    let ct = enc
        .encrypt_padded_mut::<Pkcs7>(&mut plain, n)
        .unwrap()
        .to_vec();
    let mut out = tag.to_vec();
    out.extend(ct);
    out
}

fn v10_only() -> ValueKeys {
    ValueKeys::from_slots(vec![(*b"v10", ValueKeys::linux_v10())])
}

#[test]
fn peanuts_key_matches_the_reference_hex() {
    let hex: String = key(b"peanuts", 1)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hex, "fd621fe5a2b402539dfa147ca9272778");
}

#[test]
fn v10_before_v24_has_no_hash_prefix() {
    let blob = seal(b"v10", key(b"peanuts", 1), ".a.test", b"hello", 23);
    let got = decrypt_value(&v10_only(), &blob, b".a.test", 23).unwrap();
    assert_eq!(got, b"hello");
}

#[test]
fn v24_strips_and_checks_the_host_hash() {
    let blob = seal(b"v10", key(b"peanuts", 1), ".a.test", b"session=abc", 24);
    let got = decrypt_value(&v10_only(), &blob, b".a.test", 24).unwrap();
    assert_eq!(got, b"session=abc");
    // Same blob filed under another host: Chromium rejects it, so must we.
    let err = decrypt_value(&v10_only(), &blob, b"a.test", 24).unwrap_err();
    assert_eq!(err.scheme, "v10");
    assert!(err.reason.contains("wrong key"), "{}", err.reason);
}

#[test]
fn an_empty_v24_value_is_exactly_the_hash() {
    let blob = seal(b"v10", key(b"peanuts", 1), "h.test", b"", 24);
    assert_eq!(blob.len(), 3 + 48, "32-byte hash + 16 bytes of padding");
    let got = decrypt_value(&v10_only(), &blob, b"h.test", 24).unwrap();
    assert!(got.is_empty());
}

#[test]
fn v11_uses_the_keyring_password_then_the_empty_one() {
    let keys = ValueKeys::from_slots(vec![(
        *b"v11",
        ValueKeys::linux_v11(b"s3cret-from-keyring", "test keyring"),
    )]);
    let a = seal(b"v11", key(b"s3cret-from-keyring", 1), "x.test", b"one", 24);
    let b = seal(b"v11", key(b"", 1), "x.test", b"two", 24);
    assert_eq!(decrypt_value(&keys, &a, b"x.test", 24).unwrap(), b"one");
    assert_eq!(decrypt_value(&keys, &b, b"x.test", 24).unwrap(), b"two");
}

#[test]
fn a_wrong_key_gives_a_failure_not_garbage() {
    let keys = ValueKeys::from_slots(vec![(*b"v11", ValueKeys::linux_v11(b"wrong", "kr"))]);
    let mut wrong = 0;
    // Padding alone would let about 1 in 256 wrong keys through; the v24 hash must not.
    for i in 0..300u32 {
        let pw = format!("right-{i}");
        let blob = seal(b"v11", key(pw.as_bytes(), 1), "w.test", b"value", 24);
        match decrypt_value(&keys, &blob, b"w.test", 24) {
            Err(f) => {
                assert_eq!(f.scheme, "v11");
                assert!(
                    f.reason.contains("kr"),
                    "names the key source: {}",
                    f.reason
                );
                wrong += 1;
            }
            Ok(v) => panic!("wrong key produced {} bytes", v.len()),
        }
    }
    assert_eq!(wrong, 300);
}

#[test]
fn a_missing_key_reports_why() {
    let keys = ValueKeys::from_slots(vec![(
        *b"v11",
        KeySlot::Missing {
            reason: "tried Secret Service: not running".into(),
        },
    )]);
    let blob = seal(b"v11", key(b"x", 1), "m.test", b"v", 24);
    let f = decrypt_value(&keys, &blob, b"m.test", 24).unwrap_err();
    assert_eq!(f.scheme, "v11");
    assert_eq!(f.reason, "tried Secret Service: not running");
}

#[test]
fn app_bound_and_untagged_blobs_fail_cleanly() {
    let f = decrypt_value(&v10_only(), b"v20abcdefabcdefabcdefabcdef", b"h", 24).unwrap_err();
    assert_eq!(f.scheme, "v20");
    assert!(f.reason.contains("app-bound"));
    let f = decrypt_value(&v10_only(), b"\x01\x00", b"h", 24).unwrap_err();
    assert_eq!(f.scheme, "unknown");
    // Truncated ciphertext (not a block multiple) is a failure, not a panic.
    let f = decrypt_value(&v10_only(), b"v10abc", b"h", 24).unwrap_err();
    assert_eq!(f.scheme, "v10");
}

#[test]
fn gcm_values_decrypt_with_nonce_prefix() {
    use aes_gcm::aead::{Aead, KeyInit};
    let k = [7u8; 32];
    let nonce = [9u8; 12];
    let mut plain = Sha256::digest(b".w.test").to_vec();
    plain.extend_from_slice(b"gcm-value");
    let ct = aes_gcm::Aes256Gcm::new(&k.into())
        .encrypt(aes_gcm::Nonce::from_slice(&nonce), plain.as_slice())
        .unwrap();
    let mut blob = b"v10".to_vec();
    blob.extend_from_slice(&nonce);
    blob.extend_from_slice(&ct);
    let keys = ValueKeys::from_slots(vec![(
        *b"v10",
        KeySlot::Ready {
            keys: vec![Cipher::gcm(&k)],
            source: "test".into(),
        },
    )]);
    assert_eq!(
        decrypt_value(&keys, &blob, b".w.test", 24).unwrap(),
        b"gcm-value"
    );
}

#[test]
fn macos_iterations_derive_a_different_key() {
    let blob = seal(b"v10", key(b"kc-pass", 1003), "m.test", b"mac", 24);
    let keys = ValueKeys::from_slots(vec![(
        *b"v10",
        KeySlot::Ready {
            keys: vec![Cipher::cbc_from_password(b"kc-pass", MACOS_ITERATIONS)],
            source: "test".into(),
        },
    )]);
    assert_eq!(decrypt_value(&keys, &blob, b"m.test", 24).unwrap(), b"mac");
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Written by Chromium 156 (`--password-store=basic`, meta 24) for cookies a local test
/// server on 127.0.0.1:18080 set: `sid=live-v11-abc123` and `theme=dark`.
#[test]
fn real_chromium_v10_values_decrypt() {
    let sid = unhex(
        "7631302BB01EEBE40CCFF8B9D3B700273158B01EEE6BEDEECAB4DE6DBA0816A5\
         6B003840408AC6B8B08F46046F845210698692",
    );
    let theme = unhex(
        "7631302BB01EEBE40CCFF8B9D3B700273158B01EEE6BEDEECAB4DE6DBA0816A5\
         6B0038BC34311A609EFF084BACE83310F318D4",
    );
    let keys = v10_only();
    assert_eq!(
        decrypt_value(&keys, &sid, b"127.0.0.1", 24).unwrap(),
        b"live-v11-abc123"
    );
    assert_eq!(
        decrypt_value(&keys, &theme, b"127.0.0.1", 24).unwrap(),
        b"dark"
    );
    // The host hash is what rejects a row filed under another host.
    assert!(decrypt_value(&keys, &sid, b"127.0.0.2", 24).is_err());
}
