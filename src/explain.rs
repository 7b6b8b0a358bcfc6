//! Plain-language explanation of one cookie: one value, rendered by `crumbs explain` and the
//! TUI detail pane, so the wording never drifts between them.

use serde::Serialize;

use crate::inventory::Entry;
use crate::model::UnixMicros;

/// Everything a person may want to know about one cookie, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// `sessionid on www.example.org`
    pub title: String,
    /// Labelled lines in display order ("What it is", "Who sets it", …).
    pub lines: Vec<(String, String)>,
}

/// Builds the explanation for `entry` as of `now`.
pub fn explain(entry: &Entry, _now: UnixMicros) -> Explanation {
    Explanation {
        title: format!("{} on {}", entry.cookie.name, entry.cookie.host),
        lines: Vec::new(),
    }
}

impl Explanation {
    /// The value of the line labelled `label`.
    pub fn line(&self, label: &str) -> Option<&str> {
        self.lines
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }

    /// The text form: title, then aligned "label: words" lines, all escaped for terminals.
    pub fn to_text(&self) -> String {
        let width = self.lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        let mut s = format!("{}\n", crate::sanitize::for_terminal(&self.title));
        for (label, text) in &self.lines {
            s.push_str(&format!(
                "  {label:<width$}  {}\n",
                crate::sanitize::for_terminal(text)
            ));
        }
        s
    }
}
