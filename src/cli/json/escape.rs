//! JSON string escaping for the hand-written `list --json` output. It must escape exactly
//! as serde_json does, so the output stays byte-identical to the derive-based writer it
//! replaced: `"` and `\` get a backslash, control bytes below 0x20 become `\b \t \n \f \r`
//! or `\u00xx` (lowercase hex), and everything else — DEL, C1 controls, bidi marks, any
//! other UTF-8 — passes through untouched. It owns no I/O and knows nothing of cookies.

/// 0 = copy as is; `b'u'` = `\u00xx`; anything else = that letter after a backslash.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes needs escaping. Cookie strings almost never do, so the
/// common case checks eight bytes per step instead of one (the "has a zero byte" trick:
/// exact about *whether* such a byte exists, which is all this answers).
fn word_needs_escape(w: u64) -> bool {
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b;
    (below_space | quote | backslash) & HIGHS != 0
}

/// Appends `s` as a quoted JSON string.
pub fn quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s.as_bytes());
    out.push(b'"');
}

/// Appends the escaped body of a string (no quotes). `bytes` is valid UTF-8: only ASCII
/// bytes are ever escaped, so multi-byte sequences are copied whole.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !word_needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let esc = ESCAPE[usize::from(b)];
        if esc == 0 {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        escape_byte(out, b, esc);
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn escape_byte(out: &mut Vec<u8>, b: u8, esc: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if esc == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xf)],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', esc]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut v = Vec::new();
        quoted(&mut v, s);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn every_byte_value_escapes_as_serde_json_does() {
        for c in (0u32..0x800).filter_map(char::from_u32) {
            // Each char alone, between clean runs, and at every offset within a word.
            for pad in 0..9 {
                let s = format!("{}{c}{}", "a".repeat(pad), "z".repeat(9 - pad));
                assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{c:?}");
            }
        }
    }

    #[test]
    fn hostile_strings_match_serde_json() {
        let all_controls: String = (0u8..0x20).map(char::from).collect();
        for s in [
            String::new(),
            "\"".into(),
            "\\".into(),
            "a\"b\\c\"\"\\\\".into(),
            all_controls.clone(),
            all_controls.repeat(3),
            "\u{7f}\u{80}\u{85}\u{9f}\u{a0}".into(),
            "\u{202e}evil\u{202c}\u{2066}x\u{2069}\u{200f}".into(),
            "🍪 cookie 👨‍👩‍👧 ok".into(),
            String::from_utf8_lossy(b"bad\xff\xfe utf8 \xc3(").into_owned(),
            "\u{2028}\u{2029}\u{feff}".into(),
            "x".repeat(1000) + "\n" + &"y".repeat(7),
        ] {
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn the_word_check_never_misses_an_escape() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = b;
                let expect = ESCAPE[usize::from(b)] != 0;
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(w)),
                    expect,
                    "{b} at {at}"
                );
            }
        }
    }
}
