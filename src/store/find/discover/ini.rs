//! Strict reader for Mozilla's `profiles.ini` / `installs.ini`: sections of `key=value`
//! lines. A file with any line that is none of these is reported malformed as a whole, so
//! discovery falls back to scanning instead of trusting half a file.

/// One `[section]` and its keys in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<(String, String)>,
}

impl Section {
    /// The last value of `key` (case-insensitive, as Mozilla's parser treats keys).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses `bytes`; `None` when the file is not valid UTF-8 or has a malformed line.
pub fn parse(bytes: &[u8]) -> Option<Vec<Section>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sections: Vec<Section> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push(Section {
                name: name.trim().to_string(),
                entries: Vec::new(),
            });
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let section = sections.last_mut()?;
        section
            .entries
            .push((key.trim().to_string(), value.trim().to_string()));
    }
    Some(sections)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_sections_and_refuses_garbage() {
        let s = parse(b"\xef\xbb\xbf[General]\nVersion=2\n\n; c\n[Profile0]\nName=a b\nPath=x=y\n")
            .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].get("path"), Some("x=y"));
        assert_eq!(s[1].get("Name"), Some("a b"));
        assert!(parse(b"[A]\nno equals sign\n").is_none());
        assert!(parse(b"Key=before any section\n").is_none());
        assert!(parse(b"[A]\nK=\xff\n").is_none());
    }
}
