//! Key sources for Chromium values on macOS and Windows, checked with published vectors
//! (NIST GCM test case 15), vectors computed with an independent PBKDF2 implementation,
//! and fake Keychain/DPAPI back ends.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use crumbs::model::Browser;
use crumbs::store::read::chromium::decrypt::{
    APP_BOUND, Cipher, KeySlot, ValueKeys, decrypt_value,
};
use crumbs::store::read::chromium::keys::{
    Dpapi, Keychain, keychain_names, mac_v10_key, windows_master_key,
};

/// Decrypts a Windows `v10` value the way the reader does: through `decrypt_value` with a
/// GCM key slot (meta version 0, so no host-hash prefix).
fn windows_value(key: &[u8; 32], encrypted_value: &[u8]) -> Result<Vec<u8>, String> {
    let slot = || KeySlot::Ready {
        keys: vec![Cipher::gcm(key)],
        source: "the Local State key (DPAPI)".into(),
    };
    let keys = ValueKeys::from_slots(vec![(*b"v10", slot()), (*b"v11", slot())]);
    decrypt_value(&keys, encrypted_value, b"", 0).map_err(|f| f.reason)
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Fake DPAPI: a blob is `b"FAKE"` followed by the data XOR 0x5a.
struct FakeDpapi;
impl FakeDpapi {
    fn protect(data: &[u8]) -> Vec<u8> {
        let mut v = b"FAKE".to_vec();
        v.extend(data.iter().map(|b| b ^ 0x5a));
        v
    }
}
impl Dpapi for FakeDpapi {
    fn unprotect(&self, blob: &[u8]) -> Result<Vec<u8>, String> {
        let rest = blob.strip_prefix(b"FAKE").ok_or("not a fake blob")?;
        Ok(rest.iter().map(|b| b ^ 0x5a).collect())
    }
}

struct FakeKeychain(HashMap<(String, String), Vec<u8>>);
impl Keychain for FakeKeychain {
    fn password(&self, service: &str, account: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(&(service.to_string(), account.to_string()))
            .cloned()
            .ok_or_else(|| format!("no Keychain item \"{service}\""))
    }
}

fn local_state(key: &[u8]) -> Vec<u8> {
    let mut wrapped = b"DPAPI".to_vec();
    wrapped.extend(FakeDpapi::protect(key));
    let b64 = base64::engine::general_purpose::STANDARD.encode(wrapped);
    serde_json::to_vec(&serde_json::json!({
        "os_crypt": {"encrypted_key": b64, "app_bound_encrypted_key": "QVBQQgAA"},
        "profile": {"info_cache": {}}
    }))
    .unwrap()
}

#[test]
fn mac_key_matches_independent_pbkdf2() {
    // Python hashlib.pbkdf2_hmac('sha1', pw, b'saltysalt', 1003, 16).
    assert_eq!(
        mac_v10_key(b"peanuts").to_vec(),
        hex("d9a09d499b4e1b7461f28e67972c6dbd")
    );
    assert_eq!(
        mac_v10_key(b"").to_vec(),
        hex("1cbee826d6938327ae9043f63bfc26d7")
    );
    // The Linux key (1 iteration) must differ: the iteration count matters.
    assert_ne!(
        mac_v10_key(b"peanuts").to_vec(),
        hex("fd621fe5a2b402539dfa147ca9272778")
    );
}

#[test]
fn mac_key_decrypts_a_cbc_value_made_with_it() {
    use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
    let kc = FakeKeychain(HashMap::from([(
        ("Chrome Safe Storage".to_string(), "Chrome".to_string()),
        b"k3ych41n-s3cr3t".to_vec(),
    )]));
    let (service, account) = keychain_names(Browser::Chrome).unwrap();
    let key = mac_v10_key(&kc.password(service, account).unwrap());
    let iv = [b' '; 16];
    let mut buf = [0u8; 32];
    let msg = b"session=abc";
    buf[..msg.len()].copy_from_slice(msg);
    let ct = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &iv.into())
        .encrypt_padded_mut::<Pkcs7>(&mut buf, msg.len())
        .unwrap()
        .to_vec();
    assert_eq!(ct.len(), 16);
    let mut ct2 = ct.clone();
    let pt = cbc::Decryptor::<aes::Aes128>::new(&key.into(), &iv.into())
        .decrypt_padded_mut::<Pkcs7>(&mut ct2)
        .unwrap();
    assert_eq!(pt, b"session=abc");
    let err = kc.password("Brave Safe Storage", "Brave").unwrap_err();
    assert!(err.contains("Brave Safe Storage"), "{err}");
}

#[test]
fn keychain_names_follow_chromium_branding() {
    assert_eq!(
        keychain_names(Browser::Edge),
        Some(("Microsoft Edge Safe Storage", "Microsoft Edge"))
    );
    assert_eq!(
        keychain_names(Browser::Brave),
        Some(("Brave Safe Storage", "Brave"))
    );
    assert_eq!(
        keychain_names(Browser::Opera),
        Some(("Opera Safe Storage", "Opera"))
    );
    assert_eq!(keychain_names(Browser::Firefox), None);
    assert_eq!(keychain_names(Browser::Safari), None);
}

#[test]
fn gcm_matches_nist_test_case_15() {
    let key: [u8; 32] = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
        .try_into()
        .unwrap();
    let mut blob = hex("cafebabefacedbaddecaf888");
    blob.extend(hex(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
         8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
    ));
    blob.extend(hex("b094dac5d93471bdec1a502270e3cc6c"));
    let mut blob = [b"v10".to_vec(), blob].concat();
    let pt = windows_value(&key, &blob).unwrap();
    assert_eq!(
        pt,
        hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
             1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
        )
    );
    // One flipped tag bit must fail authentication.
    let last = blob.len() - 1;
    blob[last] ^= 1;
    assert!(windows_value(&key, &blob).is_err());
    assert!(windows_value(&key, &blob[..30]).is_err());
}

#[test]
fn master_key_round_trips_through_local_state_and_decrypts_values() {
    let key = [7u8; 32];
    let got = windows_master_key(&local_state(&key), &FakeDpapi).unwrap();
    assert_eq!(got, key);

    let nonce = [3u8; 12];
    let sealed = Aes256Gcm::new(&key.into())
        .encrypt(Nonce::from_slice(&nonce), b"value-1".as_slice())
        .unwrap();
    let mut v10 = b"v10".to_vec();
    v10.extend(nonce);
    v10.extend(&sealed);
    assert_eq!(windows_value(&got, &v10).unwrap(), b"value-1");
}

#[test]
fn app_bound_values_are_refused_with_a_clear_message() {
    let mut v20 = b"v20".to_vec();
    v20.extend([0u8; 40]);
    let err = windows_value(&[0u8; 32], &v20).unwrap_err();
    assert_eq!(err, APP_BOUND);
}

#[test]
fn bad_local_state_gives_one_line_errors() {
    let cases: [(&[u8], &str); 5] = [
        (b"{not json", "not valid JSON"),
        (b"{}", "no os_crypt.encrypted_key"),
        (br#"{"os_crypt":{"encrypted_key":"%%%"}}"#, "not base64"),
        (
            br#"{"os_crypt":{"encrypted_key":"QUJDREVG"}}"#,
            "does not start with DPAPI",
        ),
        (
            br#"{"os_crypt":{"encrypted_key":"RFBBUElGQUtFAA=="}}"#,
            "expected 32",
        ),
    ];
    for (json, want) in cases {
        let err = windows_master_key(json, &FakeDpapi).unwrap_err();
        assert!(err.contains(want), "{err} should contain {want}");
        assert!(!err.contains('\n'));
    }
}
