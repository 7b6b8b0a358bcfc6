//! The Safari `Cookies.binarycookies` parser: bounds-checked offsets, page and record
//! counts from the file itself. Any bytes: records or a `ParseError`, no panic, and the
//! error turned into a crumbs error is one line naming the file.

pub fn check(data: &[u8]) {
    match crumbs::store::safari::parse::parse(data) {
        Ok(records) => {
            // Every record came out of the file: there cannot be more than bytes.
            assert!(records.len() <= data.len());
            for r in &records {
                let _ = (r.secure(), r.http_only());
            }
        }
        Err(e) => {
            let path = std::path::Path::new("Cookies.binarycookies");
            let msg = crumbs::store::safari::to_error(path, e).to_string();
            assert!(!msg.contains('\n'), "multi-line error: {msg}");
            assert!(msg.starts_with("Cookies.binarycookies"), "{msg}");
        }
    }
}
