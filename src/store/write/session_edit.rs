//! Removing (and putting back) session cookies in a Firefox session-restore file
//! (mozLz4 JSON). Firefox never writes session cookies to `cookies.sqlite`; they come back
//! from these files when a session is restored, so deleting one for good means editing the
//! file. Writes go to a temporary file in the same folder, are flushed, then renamed over
//! the original, so the file is always either the old or the new one. Never called while
//! the browser runs (the caller checks).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::store::files::{self, Links, Perms};
use crate::store::read::firefox::mozlz4;
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
    json: Value,
    /// The removed cookie objects, exactly as they were in the file.
    pub removed: Vec<Value>,
    /// Targets not found in the file (already gone).
    pub missing: usize,
}

/// Reads `file` and works out the edit that removes every `targets` entry from the
/// top-level `cookies` and from each `windows[].cookies`. Writes nothing.
pub fn plan_removal(file: &Path, targets: &[SessionTarget]) -> Result<SessionEdit> {
    let mut json = read(file)?;
    let mut removed = Vec::new();
    let mut found = vec![false; targets.len()];
    for list in cookie_lists(&mut json) {
        let (gone, keep): (Vec<Value>, Vec<Value>) =
            std::mem::take(list).into_iter().partition(|entry| {
                match targets.iter().position(|t| matches(entry, t)) {
                    Some(i) => {
                        found[i] = true;
                        true
                    }
                    None => false,
                }
            });
        *list = keep;
        removed.extend(gone);
    }
    Ok(SessionEdit {
        file: file.to_path_buf(),
        json,
        removed,
        missing: found.iter().filter(|f| !**f).count(),
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
        write(&self.file, &self.json)
    }
}

/// Puts `entries` back into the top-level `cookies` of `file`, skipping any whose key is
/// already there. Returns (added, already there).
pub fn add_back(file: &Path, entries: &[Value]) -> Result<(usize, usize)> {
    let mut json = read(file)?;
    let obj = json
        .as_object_mut()
        .ok_or_else(|| bad(file, "top level is not an object"))?;
    let list = obj
        .entry("cookies")
        .or_insert_with(|| Value::Array(Vec::new()));
    let list = list
        .as_array_mut()
        .ok_or_else(|| bad(file, "\"cookies\" is not a list"))?;
    let (mut added, mut already) = (0, 0);
    for e in entries {
        if list.iter().any(|x| same_key(x, e)) {
            already += 1;
        } else {
            list.push(e.clone());
            added += 1;
        }
    }
    if added > 0 {
        write(file, &json)?;
    }
    Ok((added, already))
}

fn read(file: &Path) -> Result<Value> {
    let bytes = files::read_capped(file, files::SESSION_FILE_CAP, Links::Refuse)?;
    let data = mozlz4::decode(&bytes, file)?;
    serde_json::from_slice(&data).map_err(|e| bad(file, &format!("not JSON ({e})")))
}

fn write(file: &Path, json: &Value) -> Result<()> {
    let data = serde_json::to_vec(json).map_err(|e| bad(file, &e.to_string()))?;
    let bytes = mozlz4::encode(&data)?;
    // Keep the browser's permissions on its own file.
    files::replace_atomically(file, &bytes, Perms::KeepExisting)
}

fn bad(file: &Path, message: &str) -> Error {
    Error::Parse {
        path: file.to_path_buf(),
        message: format!("session file: {message}"),
    }
}

/// The top-level `cookies` list and each window's, wherever they exist.
fn cookie_lists(json: &mut Value) -> Vec<&mut Vec<Value>> {
    let Some(obj) = json.as_object_mut() else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    for (k, v) in obj.iter_mut() {
        match (k.as_str(), v) {
            ("cookies", Value::Array(a)) => lists.push(a),
            ("windows", Value::Array(ws)) => {
                for w in ws.iter_mut() {
                    if let Some(Value::Array(a)) = w.get_mut("cookies") {
                        lists.push(a);
                    }
                }
            }
            _ => {}
        }
    }
    lists
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

/// Firefox's `OriginAttributes::CreateSuffix` for a session-file object: non-default keys
/// in Firefox's order, URL-form encoded, with `:` written as `+` inside the two site keys.
pub fn origin_suffix(oa: Option<&Value>) -> String {
    let Some(Value::Object(o)) = oa else {
        return String::new();
    };
    let num = |k: &str| o.get(k).and_then(Value::as_i64).unwrap_or(0);
    let s = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let mut parts = Vec::new();
    if num("userContextId") != 0 {
        parts.push(format!("userContextId={}", num("userContextId")));
    }
    if num("privateBrowsingId") != 0 {
        parts.push(format!("privateBrowsingId={}", num("privateBrowsingId")));
    }
    let fpd = s("firstPartyDomain");
    if !fpd.is_empty() {
        parts.push(format!(
            "firstPartyDomain={}",
            encode(&fpd.replace(':', "+"))
        ));
    }
    let gv = s("geckoViewSessionContextId");
    if !gv.is_empty() {
        parts.push(format!("geckoViewUserContextId={}", encode(&gv)));
    }
    let pk = s("partitionKey");
    if !pk.is_empty() {
        parts.push(format!("partitionKey={}", encode(&pk.replace(':', "+"))));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("^{}", parts.join("&"))
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
