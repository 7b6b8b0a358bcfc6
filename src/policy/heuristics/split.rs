//! Name splitting: removes the `__Host-`/`__Secure-` prefix and cuts a cookie name into
//! lowercase tokens (separators, camelCase, acronyms, digits) in buffers reused from
//! cookie to cookie. Knows no words, flags or values.

/// The cookie name without the `__Host-`/`__Secure-` prefix browsers enforce; the prefix
/// is a security promise about the cookie, not a word of its name.
pub(crate) fn strip_prefix(name: &str) -> &str {
    for prefix in ["__secure-", "__host-"] {
        let head = name.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            return name.get(prefix.len()..).unwrap_or(name);
        }
    }
    name
}

/// Buffer room kept between cookies; browsers cap a name and value at 4 KiB together.
const KEEP_BYTES: usize = 16 * 1024;

/// Buffers a name is split into, kept per thread and reused from cookie to cookie, so
/// splitting allocates only while they grow to the longest name seen.
#[derive(Default)]
pub(crate) struct Scratch {
    lower: String,
    spans: Vec<(usize, usize)>,
    joined: Vec<u8>,
}

/// A split name: lowercase tokens as spans of one buffer, and the name ASCII-lowercased
/// with the separators `_ - . :` and space removed (what inside-words are searched in).
#[derive(Clone, Copy)]
pub(crate) struct Split<'a> {
    lower: &'a str,
    spans: &'a [(usize, usize)],
    joined: &'a [u8],
}

impl<'a> Split<'a> {
    pub(crate) fn joined(&self) -> &'a [u8] {
        self.joined
    }

    pub(crate) fn tokens(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let lower = self.lower;
        self.spans.iter().filter_map(move |&(a, b)| lower.get(a..b))
    }
}

impl Scratch {
    /// Splits `name` (prefix already removed) into this scratch space.
    pub(crate) fn split(&mut self, name: &str) -> Split<'_> {
        if self.lower.capacity().max(self.joined.capacity()) > KEEP_BYTES {
            // A freak name (a damaged or hostile store) must not pin its size in every
            // thread that ever guessed it.
            *self = Scratch::default();
        }
        self.lower.clear();
        self.spans.clear();
        self.joined.clear();
        if name.is_ascii() {
            split_ascii(name.as_bytes(), self);
        } else {
            split_tokens(name, &mut self.lower, &mut self.spans);
            // Only ASCII bytes are dropped or changed, so the result stays valid UTF-8.
            self.joined.extend(
                name.bytes()
                    .filter(|b| !is_separator(*b))
                    .map(|b| b.to_ascii_lowercase()),
            );
        }
        Split {
            lower: &self.lower,
            spans: &self.spans,
            joined: &self.joined,
        }
    }
}

/// Splits on `_ - . :` and spaces (any non-alphanumeric character), on lower→upper
/// camelCase steps, on an acronym ending (`XSRFToken` → `xsrf`, `token`) and between
/// letters and digits; each character is lowercased on its own (Unicode rules).
fn split_tokens(name: &str, lower: &mut String, spans: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (at, c) in name.char_indices() {
        if !c.is_alphanumeric() {
            close(lower, spans, &mut start);
            prev = Some(c);
            continue;
        }
        if let Some(p) = prev {
            let next_lower = || {
                let rest = name.get(at + c.len_utf8()..).unwrap_or_default();
                rest.chars().next().is_some_and(char::is_lowercase)
            };
            let camel = p.is_lowercase() && c.is_uppercase();
            let digit_step = p.is_ascii_digit() != c.is_ascii_digit() && p.is_alphanumeric();
            let acronym_end = p.is_uppercase() && c.is_uppercase() && next_lower();
            if camel || acronym_end || digit_step {
                close(lower, spans, &mut start);
            }
        }
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    close(lower, spans, &mut start);
}

/// [`split_tokens`] and the joined name in one pass, for the usual all-ASCII name, where
/// every character is one byte and the Unicode case rules are the ASCII ones.
fn split_ascii(name: &[u8], out: &mut Scratch) {
    let mut start = 0;
    for (i, &b) in name.iter().enumerate() {
        if !is_separator(b) {
            out.joined.push(b.to_ascii_lowercase());
        }
        if !b.is_ascii_alphanumeric() {
            close(&out.lower, &mut out.spans, &mut start);
            continue;
        }
        if let Some(&p) = i.checked_sub(1).and_then(|j| name.get(j)) {
            let next_lower = name.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let camel = p.is_ascii_lowercase() && b.is_ascii_uppercase();
            let acronym_end = p.is_ascii_uppercase() && b.is_ascii_uppercase() && next_lower;
            let digit_step = p.is_ascii_digit() != b.is_ascii_digit() && p.is_ascii_alphanumeric();
            if camel || acronym_end || digit_step {
                close(&out.lower, &mut out.spans, &mut start);
            }
        }
        out.lower.push(char::from(b.to_ascii_lowercase()));
    }
    close(&out.lower, &mut out.spans, &mut start);
}

/// The separators dropped from the joined name (`user_lang` is searched as `userlang`).
fn is_separator(b: u8) -> bool {
    matches!(b, b'_' | b'-' | b'.' | b' ' | b':')
}

fn close(lower: &str, spans: &mut Vec<(usize, usize)>, start: &mut usize) {
    if lower.len() > *start {
        spans.push((*start, lower.len()));
    }
    *start = lower.len();
}

/// The lowercase tokens of `name`, as owned strings.
#[cfg(test)]
pub(crate) fn tokens(name: &str) -> Vec<String> {
    let mut scratch = Scratch::default();
    scratch.split(name).tokens().map(String::from).collect()
}

/// The tokens by the general (Unicode) path even for ASCII names, to hold the ASCII fast
/// path to the same answers.
#[cfg(test)]
pub(crate) fn tokens_general(name: &str) -> Vec<String> {
    let (mut lower, mut spans) = (String::new(), Vec::new());
    split_tokens(name, &mut lower, &mut spans);
    let split = Split {
        lower: &lower,
        spans: &spans,
        joined: &[],
    };
    split.tokens().map(String::from).collect()
}
