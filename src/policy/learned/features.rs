//! What the learned stage reads of a cookie: the letters of its name (character 3- and
//! 4-grams with word edges marked, and the words themselves) and how long it lives. No
//! value and no flags: the Open Cookie Database and crumbs' own rules, which the model
//! learns from, state neither, and the value is not always decrypted (one cookie must get
//! one category in every browser). Training and prediction share this one function, so
//! the two cannot drift apart.

/// Rows of the weight table: features are hashed into this many, so the model needs no
/// vocabulary and a name never allocates.
pub const BUCKETS: usize = 1 << BUCKET_BITS;
const BUCKET_BITS: u32 = 13;

/// Only the start of a very long name is read: names that long are someone's data.
const MAX_NAME: usize = 64;

/// How long a cookie lives, in the spans policies state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Session,
    UnderADay,
    UnderAMonth,
    UnderAYear,
    Longer,
    /// Training rows whose source states no lifetime.
    Unstated,
}

impl Span {
    pub fn of_days(days: Option<i64>) -> Span {
        match days {
            None => Span::Session,
            Some(d) if d < 1 => Span::UnderADay,
            Some(d) if d <= 31 => Span::UnderAMonth,
            Some(d) if d <= 366 => Span::UnderAYear,
            Some(_) => Span::Longer,
        }
    }
}

/// Calls `each` with the bucket of every feature of `name` and `span`, the bias first.
/// A feature may repeat (a name with the same 3-gram twice): it then counts twice.
pub fn each(name: &str, span: Span, mut each: impl FnMut(usize)) {
    each(hash(b"b", &[]));
    each(hash(b"l", &[span as u8]));
    let mut text = [0u8; MAX_NAME + 2];
    let len = normalised(name, &mut text);
    let text = &text[..len];
    // An n-gram is at most four bytes: packed with its length into one integer, one
    // multiply spreads it over the table (a byte-at-a-time hash cost three times as much,
    // and this runs for every cookie the stage reads).
    for gram in text.windows(3) {
        each(spread(
            3 << 32 | u64::from(u32::from_le_bytes([gram[0], gram[1], gram[2], 0])),
        ));
    }
    for gram in text.windows(4) {
        each(spread(
            4 << 32 | u64::from(u32::from_le_bytes([gram[0], gram[1], gram[2], gram[3]])),
        ));
    }
    for word in text.split(|&b| b == b'_' || b == b'^' || b == b'$') {
        if word.is_empty() {
            continue;
        }
        let word: &[u8] = if word.iter().all(u8::is_ascii_digit) {
            b"0"
        } else {
            word
        };
        each(match word.len() {
            // Most words fit in seven bytes: packed with a tag above them, as n-grams are.
            ..=7 => {
                let mut key = [0u8; 8];
                key[..word.len()].copy_from_slice(word);
                key[7] = 0x80 | word.len() as u8;
                spread(u64::from_le_bytes(key))
            }
            _ => hash(b"w", word),
        });
    }
}

/// Fibonacci hashing: the top bits of the key times 2^64 / φ.
fn spread(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BUCKET_BITS)) as usize
}

/// `^name$` in lowercase ASCII, every other run of bytes one `_`, and a word edge where a
/// lowercase letter meets a capital (`userId` reads as `user_id`) or a letter meets a
/// digit. Returns the length written.
fn normalised(name: &str, out: &mut [u8; MAX_NAME + 2]) -> usize {
    let bytes = name.as_bytes();
    let bytes = &bytes[..bytes.len().min(MAX_NAME - 1)];
    out[0] = b'^';
    let mut len = 1;
    let mut prev = b'^';
    for (i, &b) in bytes.iter().enumerate() {
        let edge = i > 0
            && ((bytes[i - 1].is_ascii_lowercase() && b.is_ascii_uppercase())
                || (bytes[i - 1].is_ascii_alphabetic() && b.is_ascii_digit())
                || (bytes[i - 1].is_ascii_digit() && b.is_ascii_alphabetic()));
        let c = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            b'_'
        };
        if edge && prev != b'_' && c != b'_' && len < MAX_NAME {
            out[len] = b'_';
            len += 1;
            prev = b'_';
        }
        if (c == b'_' && (prev == b'_' || prev == b'^')) || len >= MAX_NAME {
            continue;
        }
        out[len] = c;
        len += 1;
        prev = c;
    }
    out[len] = b'$';
    len + 1
}

/// FNV-1a over a tag and the bytes: fixed across platforms and releases, unlike std's
/// hasher, so the shipped weights mean the same everywhere.
fn hash(tag: &[u8], bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in tag.iter().chain([0xff].iter()).chain(bytes) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize % BUCKETS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str) -> String {
        let mut out = [0u8; MAX_NAME + 2];
        let len = normalised(name, &mut out);
        String::from_utf8_lossy(&out[..len]).into_owned()
    }

    #[test]
    fn names_read_as_lowercase_words() {
        assert_eq!(text("_ga"), "^ga$");
        assert_eq!(text("userId"), "^user_id$");
        assert_eq!(text("hl_timer-ARRIVAL"), "^hl_timer_arrival$");
        assert_eq!(text("AWSALB2"), "^awsalb_2$");
        assert_eq!(text("x--y"), "^x_y$");
        assert_eq!(text("é"), "^$");
        assert_eq!(text(""), "^$");
    }

    #[test]
    fn a_long_or_odd_name_stays_in_bounds() {
        let long = "aB1-".repeat(500);
        assert!(text(&long).len() <= MAX_NAME + 1);
        let mut n = 0;
        each(&long, Span::Longer, |b| {
            assert!(b < BUCKETS);
            n += 1;
        });
        assert!(n > 2);
        each("\u{0}\u{7f}\u{ffff}", Span::Session, |b| {
            assert!(b < BUCKETS)
        });
    }

    #[test]
    fn spans_follow_the_days() {
        assert_eq!(Span::of_days(None), Span::Session);
        assert_eq!(Span::of_days(Some(0)), Span::UnderADay);
        assert_eq!(Span::of_days(Some(30)), Span::UnderAMonth);
        assert_eq!(Span::of_days(Some(365)), Span::UnderAYear);
        assert_eq!(Span::of_days(Some(730)), Span::Longer);
    }
}
