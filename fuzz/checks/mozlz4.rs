//! The mozLz4 container decoder (Firefox session-restore files): any bytes give `Ok` or a
//! one-line error naming the file, never a panic or a huge allocation.

use std::path::Path;

use crumbs::store::read::firefox::mozlz4::{decode, encode};

pub fn check(data: &[u8]) {
    let path = Path::new("sessionstore.jsonlz4");
    match decode(data, path) {
        Ok(decoded) => {
            // What decodes must re-encode and decode to the same bytes.
            if let Ok(again) = encode(&decoded) {
                let round = decode(&again, path);
                assert_eq!(round.ok().as_deref(), Some(decoded.as_slice()));
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "multi-line error: {msg}");
            assert!(
                msg.starts_with("sessionstore.jsonlz4"),
                "error lacks file: {msg}"
            );
        }
    }
}
