//! Where the cookies sit in a decoded Firefox session-restore file: the byte span of each
//! cookie object in the top-level `cookies` list and in every `windows[].cookies`, found
//! by a small scanner that checks the JSON grammar but decodes no string it skips. So it
//! accepts everything Firefox writes, including what a strict parser refuses (lone
//! surrogate escapes such as `"\ud800"` in page titles, numbers beyond 64 bits), and an
//! editor can remove or add cookies by splicing bytes, leaving every other byte as it was.
//!
//! Pure: no I/O, never re-serialises a document.

use std::ops::Range;

/// Deeper nesting than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 512;

/// One `cookies` list: the index of its `[` and `]`, and each element's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieList {
    pub open: usize,
    pub close: usize,
    pub items: Vec<Range<usize>>,
}

/// The cookie lists of a session file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionLayout {
    pub lists: Vec<CookieList>,
    /// Which of `lists` is the top-level `cookies` (the last one, if the key repeats).
    pub top: Option<usize>,
    /// Index of the top-level object's closing `}`.
    pub top_close: usize,
    /// Whether the top-level object has any member.
    pub top_has_members: bool,
}

impl SessionLayout {
    /// Every cookie object's span: the top-level list first (the one Firefox restores
    /// from today), then the per-window lists of older files, in file order.
    pub fn items(&self) -> impl Iterator<Item = &Range<usize>> {
        let top = self.top.and_then(|i| self.lists.get(i));
        let windows = self
            .lists
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != self.top)
            .map(|(_, l)| l);
        top.into_iter().chain(windows).flat_map(|l| l.items.iter())
    }
}

/// Finds the cookie lists of `text`. The error says what is wrong and at which byte,
/// never quoting the text (it holds cookie values).
pub fn locate(text: &[u8]) -> Result<SessionLayout, String> {
    let mut scan = Scan { s: text, i: 0 };
    let mut layout = SessionLayout::default();
    scan.ws();
    scan.members(0, |scan, key| {
        layout.top_has_members = true;
        match key {
            b"cookies" => {
                layout.top = Some(layout.lists.len());
                layout.lists.push(scan.cookie_list()?);
            }
            b"windows" if scan.peek() == Some(b'[') => scan.elements(1, |scan| {
                if scan.peek() != Some(b'{') {
                    return scan.skip_value(2).map(drop);
                }
                scan.members(2, |scan, key| match key {
                    b"cookies" => {
                        layout.lists.push(scan.cookie_list()?);
                        Ok(())
                    }
                    _ => scan.skip_value(3).map(drop),
                })
            })?,
            _ => {
                scan.skip_value(1)?;
            }
        }
        Ok(())
    })?;
    layout.top_close = scan.i - 1;
    scan.ws();
    if scan.i != text.len() {
        return Err(scan.fail("data after the top-level object"));
    }
    Ok(layout)
}

struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn fail(&self, what: &str) -> String {
        format!("invalid JSON at byte {}: {what}", self.i)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), String> {
        self.ws();
        if self.peek() != Some(b) {
            return Err(self.fail(&format!("expected '{}'", b as char)));
        }
        self.i += 1;
        Ok(())
    }

    /// A `cookies` value: must be a list; each element's span is kept.
    fn cookie_list(&mut self) -> Result<CookieList, String> {
        self.ws();
        if self.peek() != Some(b'[') {
            return Err(self.fail("\"cookies\" is not a list"));
        }
        let open = self.i;
        let mut items = Vec::new();
        self.elements(1, |scan| {
            items.push(scan.skip_value(2)?);
            Ok(())
        })?;
        Ok(CookieList {
            open,
            close: self.i - 1,
            items,
        })
    }

    /// `{ "key": value, … }`; `member` is called with the raw key and must consume the
    /// value.
    fn members(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, &[u8]) -> Result<(), String>,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deep"));
        }
        self.eat(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            let key = &self.s[key.start + 1..key.end - 1];
            self.eat(b':')?;
            self.ws();
            member(self, key)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("expected ',' or '}'")),
            }
        }
    }

    /// `[ value, … ]`; `element` must consume each value.
    fn elements(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deep"));
        }
        self.eat(b'[')?;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            element(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("expected ',' or ']'")),
            }
        }
    }

    /// Any value; returns its span.
    fn skip_value(&mut self, depth: usize) -> Result<Range<usize>, String> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deep"));
        }
        self.ws();
        let start = self.i;
        match self.peek() {
            Some(b'{') => self.members(depth, |scan, _| scan.skip_value(depth + 1).map(drop))?,
            Some(b'[') => self.elements(depth, |scan| scan.skip_value(depth + 1).map(drop))?,
            Some(b'"') => {
                self.string()?;
            }
            Some(_) => self.scalar()?,
            None => return Err(self.fail("truncated")),
        }
        Ok(start..self.i)
    }

    /// A string, quotes included. Escapes are checked for shape (`\uXXXX` has four hex
    /// digits) but not decoded, so lone surrogates pass.
    fn string(&mut self) -> Result<Range<usize>, String> {
        let start = self.i;
        if self.peek() != Some(b'"') {
            return Err(self.fail("expected a string"));
        }
        self.i += 1;
        loop {
            match self.peek() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(start..self.i);
                }
                Some(b'\\') => self.escape()?,
                Some(b) if b < 0x20 => return Err(self.fail("control character in a string")),
                Some(_) => self.i += 1,
            }
        }
    }

    fn escape(&mut self) -> Result<(), String> {
        self.i += 1;
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
            Some(b'u') => {
                let hex = self.s.get(self.i + 1..self.i + 5);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return Err(self.fail("bad \\u escape"));
                }
                self.i += 5;
            }
            _ => return Err(self.fail("bad escape")),
        }
        Ok(())
    }

    /// A number, `true`, `false` or `null`: checked by shape, kept as written.
    fn scalar(&mut self) -> Result<(), String> {
        let start = self.i;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b"+-.".contains(&b)) {
            self.i += 1;
        }
        let word = &self.s[start..self.i];
        let number = word
            .first()
            .is_some_and(|b| *b == b'-' || b.is_ascii_digit())
            && word
                .iter()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(b));
        if number || matches!(word, b"true" | b"false" | b"null") {
            Ok(())
        } else {
            self.i = start;
            Err(self.fail("unexpected value"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let layout = locate(text.as_bytes()).unwrap();
        layout.items().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn finds_top_level_and_window_cookies_past_lone_surrogates() {
        let text = r#"{"windows":[{"title":"\ud800 x","cookies":[{"a":1}]},7],
            "big":123456789012345678901234567890,"cookies":[ {"b":"\udc00"} ,{"c":[]}],"z":null}"#;
        assert_eq!(
            spans(text),
            [r#"{"b":"\udc00"}"#, r#"{"c":[]}"#, r#"{"a":1}"#]
        );
        let layout = locate(text.as_bytes()).unwrap();
        assert_eq!(layout.top, Some(1));
        assert_eq!(layout.top_close, text.len() - 1);
        // serde_json refuses the same text: this is why the editor does not use it.
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "[]",
            r#"{"cookies":{}}"#,
            r#"{"cookies":[1,]}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":"\u12"}"#,
            r#"{"a":tru}"#,
            r#"{"a":1} x"#,
            r#"{"a":"unterminated}"#,
        ] {
            assert!(locate(bad.as_bytes()).is_err(), "{bad}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(2000), "]".repeat(2000));
        assert!(locate(deep.as_bytes()).is_err());
    }

    #[test]
    fn empty_and_absent_lists() {
        let layout = locate(br#"{}"#).unwrap();
        assert!(!layout.top_has_members && layout.top.is_none());
        let layout = locate(br#"{ "cookies" : [ ] }"#).unwrap();
        assert_eq!(layout.lists[0].items.len(), 0);
        assert_eq!(layout.lists[0].open, 14);
    }
}
