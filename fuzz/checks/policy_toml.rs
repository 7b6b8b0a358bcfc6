//! Policy TOML (`--policy FILE`, the user's policy folder, built-ins): any text gives a
//! policy or a one-line `file:line: message` error, never a panic.

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = crumbs::policy::load::parse_toml("fuzz.toml", text) {
        let msg = e.to_string();
        assert!(!msg.contains('\n'), "multi-line error: {msg}");
        assert!(msg.starts_with("fuzz.toml:"), "error lacks file: {msg}");
    }
}
