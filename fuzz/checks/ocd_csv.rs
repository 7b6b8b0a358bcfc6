//! The Open Cookie Database CSV import (`--policy open-cookie-database.csv`): any text
//! gives a policy or a one-line `file:line: message` error, never a panic.

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crumbs::policy::ocd::looks_like_ocd(text);
    if let Err(e) = crumbs::policy::ocd::parse_csv("fuzz.csv", text) {
        let msg = e.to_string();
        assert!(!msg.contains('\n'), "multi-line error: {msg}");
        assert!(msg.starts_with("fuzz.csv:"), "error lacks file: {msg}");
    }
}
