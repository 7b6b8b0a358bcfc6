//! Fuzzes the mozLz4 container decoder (Firefox session-restore files): any bytes must
//! give `Ok` or a one-line error naming the file, never a panic or a huge allocation.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("sessionstore.jsonlz4");
    match crumbs::store::read::firefox::mozlz4::decode(data, path) {
        Ok(decoded) => {
            // What decodes must re-encode and decode to the same bytes.
            if let Ok(again) = crumbs::store::read::firefox::mozlz4::encode(&decoded) {
                let round = crumbs::store::read::firefox::mozlz4::decode(&again, path);
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
});
