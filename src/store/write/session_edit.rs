//! Removing (and putting back) session cookies in a Firefox session-restore file
//! (mozLz4 JSON). Firefox never writes session cookies to `cookies.sqlite`; they come back
//! from these files when a session is restored, so deleting one for good means editing the
//! file. The file is edited by byte span (see `session_json`): only the removed or added
//! entries change, so whatever else Firefox wrote (lone surrogate escapes, big numbers,
//! key order) comes back byte for byte. Writes go to a temporary file in the same folder,
//! are flushed, then renamed over the original, so the file is always either the old or
//! the new one. Never called while
//! the browser runs (the caller checks).

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::store::files::{self, Links, Perms};
use crate::store::read::firefox::mozlz4;
use crate::store::read::firefox::origin::SessionOrigin;
use crate::store::read::firefox::session_json;
use crate::{Error, Result};

/// One session cookie to remove: its key as the reader reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTarget {
    pub host: String,
    pub name: String,
    pub path: String,
    /// Firefox's origin-attribute suffix (`^userContextId=2&partitionKey=…`, or `""`), the
    /// same form `moz_cookies.originAttributes` uses.
    pub origin_attributes: String,
}

/// A prepared edit: what the file becomes and what it loses. Holds cookie values, so its
/// `Debug` shows counts only.
pub struct SessionEdit {
    pub file: PathBuf,
    /// The whole decoded file after the edit: the original bytes minus the removed entries.
    text: Vec<u8>,
    /// The removed cookie objects, exactly as they were in the file.
    pub removed: Vec<Value>,
    /// Targets not found in the file (already gone).
    pub missing: usize,
    /// For each target, in order, whether the file held it.
    pub found: Vec<bool>,
}

/// Reads `file` and works out the edit that removes every `targets` entry from the
/// top-level `cookies` and from each `windows[].cookies`. Writes nothing.
pub fn plan_removal(file: &Path, targets: &[SessionTarget]) -> Result<SessionEdit> {
    let text = read(file)?;
    let layout = session_json::locate(&text).map_err(|e| bad(file, &e))?;
    let mut removed = Vec::new();
    let mut found = vec![false; targets.len()];
    let mut cuts = Vec::new();
    for list in &layout.lists {
        let gone: Vec<bool> = list
            .items
            .iter()
            .map(|span| {
                let Some(entry) = entry_at(&text, span) else {
                    return false;
                };
                let Some(i) = targets.iter().position(|t| matches(&entry, t)) else {
                    return false;
                };
                found[i] = true;
                removed.push(entry);
                true
            })
            .collect();
        if gone.contains(&true) {
            cuts.push((list.open + 1..list.close, kept_items(&text, list, &gone)));
        }
    }
    Ok(SessionEdit {
        file: file.to_path_buf(),
        text: splice(&text, cuts),
        removed,
        missing: found.iter().filter(|f| !**f).count(),
        found,
    })
}

impl std::fmt::Debug for SessionEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionEdit")
            .field("file", &self.file)
            .field("removed", &self.removed.len())
            .field("missing", &self.missing)
            .finish()
    }
}

impl SessionEdit {
    /// Replaces the session file with the edited one.
    pub fn write(&self) -> Result<()> {
        write(&self.file, &self.text)
    }
}

/// Puts `entries` back at the end of the top-level `cookies` of `file` (creating the list
/// if there is none), skipping any whose key is already there. Every other byte of the
/// file stays as it was. Returns (added, already there).
pub fn add_back(file: &Path, entries: &[Value]) -> Result<(usize, usize)> {
    let text = read(file)?;
    let layout = session_json::locate(&text).map_err(|e| bad(file, &e))?;
    let top = layout.top.and_then(|i| layout.lists.get(i));
    let mut present: Vec<Value> = top
        .map(|l| l.items.iter().filter_map(|s| entry_at(&text, s)).collect())
        .unwrap_or_default();
    let mut fresh = Vec::new();
    let mut already = 0;
    for e in entries {
        if present.iter().any(|x| same_key(x, e)) {
            already += 1;
        } else {
            fresh.push(serde_json::to_string(e).map_err(|err| bad(file, &err.to_string()))?);
            present.push(e.clone());
        }
    }
    if fresh.is_empty() {
        return Ok((0, already));
    }
    let joined = fresh.join(",");
    let insert = match top {
        Some(list) => match list.items.last() {
            Some(last) => (last.end..last.end, format!(",{joined}")),
            None => (list.close..list.close, joined),
        },
        None => {
            let comma = if layout.top_has_members { "," } else { "" };
            let at = layout.top_close;
            (at..at, format!("{comma}\"cookies\":[{joined}]"))
        }
    };
    write(
        file,
        &splice(&text, vec![(insert.0, insert.1.into_bytes())]),
    )?;
    Ok((fresh.len(), already))
}

/// The cookie object at `span`, or `None` if it is not one a reader could have listed.
fn entry_at(text: &[u8], span: &Range<usize>) -> Option<Value> {
    serde_json::from_slice(text.get(span.clone())?)
        .ok()
        .filter(Value::is_object)
}

/// The inside of `list` without the items marked `gone`: each kept item keeps the bytes
/// that separated it from the item before it, so only the removed entries (and one comma
/// each) change.
fn kept_items(text: &[u8], list: &session_json::CookieList, gone: &[bool]) -> Vec<u8> {
    let items = &list.items;
    let mut out = Vec::new();
    let Some(first) = items.first() else {
        return text[list.open + 1..list.close].to_vec();
    };
    out.extend_from_slice(&text[list.open + 1..first.start]);
    let mut any = false;
    for (k, span) in items.iter().enumerate() {
        if gone[k] {
            continue;
        }
        if any {
            out.extend_from_slice(&text[items[k - 1].end..span.start]);
        }
        out.extend_from_slice(&text[span.clone()]);
        any = true;
    }
    let last = items.last().map_or(first.end, |l| l.end);
    out.extend_from_slice(&text[last..list.close]);
    out
}

/// `text` with each range replaced; ranges must not overlap.
fn splice(text: &[u8], mut cuts: Vec<(Range<usize>, Vec<u8>)>) -> Vec<u8> {
    cuts.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for (range, with) in cuts {
        out.extend_from_slice(&text[at..range.start]);
        out.extend_from_slice(&with);
        at = range.end;
    }
    out.extend_from_slice(&text[at..]);
    out
}

fn read(file: &Path) -> Result<Vec<u8>> {
    let bytes = files::read_capped(file, files::SESSION_FILE_CAP, Links::Refuse)?;
    mozlz4::decode(&bytes, file)
}

fn write(file: &Path, data: &[u8]) -> Result<()> {
    let bytes = mozlz4::encode(data)?;
    // Keep the browser's permissions on its own file.
    files::replace_atomically(file, &bytes, Perms::KeepExisting)
}

fn bad(file: &Path, message: &str) -> Error {
    Error::Parse {
        path: file.to_path_buf(),
        message: format!("session file: {message}"),
    }
}

fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or("")
}

fn matches(entry: &Value, t: &SessionTarget) -> bool {
    text(entry, "host") == t.host
        && text(entry, "name") == t.name
        && text(entry, "path") == t.path
        && oa_matches(entry.get("originAttributes"), &t.origin_attributes)
}

fn same_key(a: &Value, b: &Value) -> bool {
    ["host", "name", "path"]
        .iter()
        .all(|k| text(a, k) == text(b, k))
        && origin_suffix(a.get("originAttributes")) == origin_suffix(b.get("originAttributes"))
}

/// The reader reports the suffix form; a raw JSON rendering is accepted too so a reader
/// that kept the object as text still matches.
fn oa_matches(oa: Option<&Value>, wanted: &str) -> bool {
    origin_suffix(oa) == wanted
        || oa.is_some_and(|v| serde_json::to_string(v).is_ok_and(|s| s == wanted))
}

/// The jar suffix of a session-file `originAttributes` value, by the reader's codec.
fn origin_suffix(oa: Option<&Value>) -> String {
    SessionOrigin::from_json(oa).suffix()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn suffix_follows_firefox_grammar() {
        let oa = json!({"firstPartyDomain": "", "geckoViewSessionContextId": "",
            "partitionKey": "(https,top.test)", "privateBrowsingId": 0, "userContextId": 2});
        assert_eq!(
            origin_suffix(Some(&oa)),
            "^userContextId=2&partitionKey=%28https%2Ctop.test%29"
        );
        let plain = json!({"firstPartyDomain": "", "partitionKey": "", "userContextId": 0});
        assert_eq!(origin_suffix(Some(&plain)), "");
        assert_eq!(origin_suffix(None), "");
        let port = json!({"partitionKey": "(http,localhost,8080)"});
        assert_eq!(
            origin_suffix(Some(&port)),
            "^partitionKey=%28http%2Clocalhost%2C8080%29"
        );
    }
}
