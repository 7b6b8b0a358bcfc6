//! The one gate between cookie data and a terminal: control bytes and escape sequences are
//! shown escaped, so a hostile cookie can never move the cursor, retitle the window or hide
//! text. JSON output does not need this: serde escapes control characters itself.

use std::borrow::Cow;

/// Escapes every control character (C0, DEL, C1) and bidi override in `s` as `\xNN` or
/// `\u{NNNN}`; returns `s` untouched (no allocation) when it is already safe.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        if is_unsafe(ch) {
            let n = u32::from(ch);
            if n < 0x100 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:04x}}}"));
            }
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Bytes that may not be UTF-8: invalid sequences become U+FFFD, then [`for_terminal`].
pub fn bytes_for_terminal(b: &[u8]) -> String {
    for_terminal(&String::from_utf8_lossy(b)).into_owned()
}

fn is_unsafe(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(for_terminal("plain"), "plain");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(for_terminal("x\ny\r"), "x\\x0ay\\x0d");
        assert_eq!(for_terminal("\u{9b}31m"), "\\x9b31m");
        assert_eq!(for_terminal("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(bytes_for_terminal(b"a\xffb\x07"), "a\u{fffd}b\\x07");
    }
}
