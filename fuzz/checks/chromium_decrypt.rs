//! Chromium value decryption. Byte 0 picks the mode: raw blobs against the Linux v10/v11
//! CBC keys and an AES-GCM key (must fail cleanly, never panic on short or misaligned
//! input), or a fuzzer plaintext encrypted here with the v10 key, with and without the
//! meta-24 host hash, which must decrypt back exactly.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockEncryptMut, KeyIvInit};
use crumbs::store::read::chromium::decrypt::{Cipher, KeySlot, ValueKeys, decrypt_value};
use sha2::{Digest, Sha256};

fn keys() -> ValueKeys {
    ValueKeys::from_slots(vec![
        (*b"v10", ValueKeys::linux_v10()),
        (*b"v11", ValueKeys::linux_v11(b"fuzz-password", "fuzz")),
        (
            *b"v12",
            KeySlot::Ready {
                keys: vec![Cipher::gcm(&[7u8; 32])],
                source: "fuzz".into(),
            },
        ),
    ])
}

fn v10_encrypt(plain: &[u8]) -> Vec<u8> {
    let mut key = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(b"peanuts", b"saltysalt", 1, &mut key);
    let enc = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &[b' '; 16].into());
    // PKCS#7 adds 1 to 16 bytes; the buffer holds the plaintext and one whole block more.
    let mut buf = plain.to_vec();
    buf.resize(plain.len() + 16, 0);
    let sealed = enc
        .encrypt_padded_mut::<Pkcs7>(&mut buf, plain.len())
        .unwrap();
    let mut out = b"v10".to_vec();
    out.extend_from_slice(sealed);
    out
}

pub fn check(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let keys = keys();
    let host = b".example.test";
    match mode % 3 {
        0 => {
            for version in [0, 23, 24] {
                if let Err(f) = decrypt_value(&keys, rest, host, version) {
                    assert!(!f.reason.contains('\n'), "{f:?}");
                }
            }
        }
        1 => {
            let blob = v10_encrypt(rest);
            assert_eq!(
                decrypt_value(&keys, &blob, host, 23).ok().as_deref(),
                Some(rest)
            );
        }
        _ => {
            let mut plain = Sha256::digest(host).to_vec();
            plain.extend_from_slice(rest);
            let blob = v10_encrypt(&plain);
            assert_eq!(
                decrypt_value(&keys, &blob, host, 24).ok().as_deref(),
                Some(rest)
            );
            // The hash binds the value to its row: another host must not decrypt.
            assert!(decrypt_value(&keys, &blob, b".other.test", 24).is_err());
        }
    }
}
