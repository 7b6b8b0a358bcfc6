//! Firefox session cookies, which exist only in the session-restore files (never in
//! `cookies.sqlite`). Reads the one *current* file, decoded in memory, and never opens it
//! for writing. Older copies (`previous.jsonlz4`, `recovery.baklz4`) are not listed: they
//! repeat the current cookies or hold an older state. A delete cleans them too
//! ([`restorable_session_files`]), since "Restore Previous Session" reads `previous`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::mozlz4;
use super::origin::SessionOrigin;
use super::session_json;
use super::{RowContext, same_site};
use crate::model::{Cookie, CookieValue, RowKey, SameSite, Secret, StoreRef, cookie_path};
use rustc_hash::{FxHashMap, FxHashSet};

/// Written at a clean exit.
const CLEAN_EXIT: &str = "sessionstore.jsonlz4";
/// Rewritten every ~15 s while Firefox runs; after a crash it is the newest state.
const RECOVERY: &str = "sessionstore-backups/recovery.jsonlz4";

/// The session file Firefox would restore from now: `recovery.jsonlz4` while Firefox
/// runs on the profile or after a crash (clean-exit file missing or older than the
/// recovery file), else `sessionstore.jsonlz4`. `None` when neither applies.
pub fn current_session_file(profile_dir: &Path, running: bool) -> Option<PathBuf> {
    let clean = profile_dir.join(CLEAN_EXIT);
    let recovery = profile_dir.join(RECOVERY);
    let mtime = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())?
            .modified()
            .ok()
    };
    let (clean_t, recovery_t) = (mtime(&clean), mtime(&recovery));
    if running {
        // At start Firefox moves the clean-exit file away; only recovery is current.
        return recovery_t.map(|_| recovery);
    }
    match (clean_t, recovery_t) {
        (Some(c), Some(r)) if r > c => Some(recovery),
        (Some(_), _) => Some(clean),
        (None, Some(_)) => Some(recovery),
        (None, None) => None,
    }
}

/// Every session file Firefox can restore cookies from, existing or not: the clean-exit
/// file, the running session and its previous write, and the one "Restore Previous
/// Session" reads. A delete removes its cookies from each; the reader lists only the
/// current one (the others repeat it or hold an older state).
pub fn restorable_session_files(profile_dir: &Path) -> [PathBuf; 4] {
    [
        profile_dir.join(CLEAN_EXIT),
        profile_dir.join(RECOVERY),
        profile_dir.join("sessionstore-backups/recovery.baklz4"),
        profile_dir.join("sessionstore-backups/previous.jsonlz4"),
    ]
}

/// Whether `file` is one of the profile's older session copies rather than a file the
/// current session is written to (which Firefox moves between its two places).
pub fn is_older_copy(profile_dir: &Path, file: &Path) -> bool {
    let [_current, _running, older @ ..] = restorable_session_files(profile_dir);
    older.iter().any(|f| f == file)
}

#[derive(Deserialize)]
struct SessionCookie {
    #[serde(default)]
    host: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    httponly: bool,
    #[serde(rename = "sameSite", default)]
    same_site: Option<i64>,
    #[serde(rename = "originAttributes", default)]
    origin_attributes: Option<SessionOrigin>,
}

/// The session cookies of the current session file, each once, with what it takes to
/// tell which of them are also database rows (Firefox writes a cookie to only one of the
/// two, but a file restored over a newer database can hold both).
#[derive(Default)]
pub(crate) struct SessionCookies {
    pub cookies: Vec<Cookie>,
    names: FxHashSet<String>,
    keys: FxHashMap<Key, usize>,
}

impl SessionCookies {
    /// Reads `file`; the error is a one-line note (the database rows still stand).
    pub(crate) fn read(
        file: &Path,
        store: &Arc<StoreRef>,
        ctx: &mut RowContext,
    ) -> Result<SessionCookies, String> {
        let bytes = crate::store::files::read_capped(
            file,
            crate::store::files::SESSION_FILE_CAP,
            crate::store::files::Links::Follow,
        )
        .map_err(|e| e.to_string())?;
        let json = mozlz4::decode(&bytes, file).map_err(|e| e.to_string())?;
        let not_session = |why: String| format!("{}: not a session file ({why})", file.display());
        let layout = session_json::locate(&json).map_err(not_session)?;
        let mut found = Vec::new();
        for span in layout.items() {
            let sc = serde_json::from_slice::<SessionCookie>(&json[span.clone()])
                .map_err(|e| not_session(json_problem(&e, span.start)))?;
            found.push(sc);
        }
        let mut out = SessionCookies::default();
        for mut sc in found {
            let suffix = sc.origin_attributes.take().unwrap_or_default().suffix();
            let key = (
                std::mem::take(&mut sc.host),
                std::mem::take(&mut sc.name),
                std::mem::take(&mut sc.path),
                suffix,
            );
            if out.keys.contains_key(&key) {
                continue;
            }
            out.names.insert(key.1.clone());
            out.keys.insert(key.clone(), out.cookies.len());
            let flags = flags(&sc);
            out.cookies
                .push(session_cookie(key, sc.value, flags, file, store, ctx));
        }
        Ok(out)
    }

    /// The session cookie a database row with this unique key duplicates, if any. Cheap
    /// for the many rows whose name no session cookie has.
    pub(crate) fn duplicate_of(
        &self,
        host: &str,
        name: &str,
        path: &str,
        oa: &str,
    ) -> Option<usize> {
        if !self.names.contains(name) {
            return None;
        }
        let key = (host.into(), name.into(), path.into(), oa.into());
        self.keys.get(&key).copied()
    }

    /// The session cookies whose index is not in `dups`, in file order.
    pub(crate) fn without(self, dups: &FxHashSet<usize>) -> Vec<Cookie> {
        self.cookies
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !dups.contains(i))
            .map(|(_, c)| c)
            .collect()
    }
}

type Key = (String, String, String, String);

/// Secure, HttpOnly, SameSite as stored in the session file.
fn flags(sc: &SessionCookie) -> (bool, bool, SameSite) {
    (sc.secure, sc.httponly, same_site(sc.same_site, None))
}

fn session_cookie(
    (host, name, path, origin_attributes): Key,
    value: String,
    (secure, http_only, same_site): (bool, bool, SameSite),
    file: &Path,
    store: &Arc<StoreRef>,
    ctx: &mut RowContext,
) -> Cookie {
    let jar = ctx.jar(&origin_attributes);
    Cookie {
        store: store.clone(),
        key: RowKey::FirefoxSession {
            file: file.to_path_buf(),
            origin_attributes,
        },
        site: ctx.site(&host),
        host,
        name,
        path: cookie_path(&path),
        value: CookieValue::Known(Secret::new(value.into_bytes())),
        // Session cookies end with the browser session, whatever `expiry` the file holds.
        expires: None,
        created: None,
        last_accessed: None,
        secure,
        http_only,
        same_site,
        partition: jar.partition.map(Into::into),
        container: jar.container.map(Into::into),
        in_session_file: false,
    }
}

/// What went wrong in the cookie at byte `at` of a session file, without serde_json's
/// message: it can quote the input, and the input holds cookie values.
fn json_problem(e: &serde_json::Error, at: usize) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "read error",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "unexpected JSON shape",
        serde_json::error::Category::Eof => "truncated JSON",
    };
    format!("{what} in the cookie at byte {at}")
}
