//! The keep-list: sites and cookie names that bulk deletes never touch (TOML at
//! `paths::keep_list_file()`). A cookie named explicitly (by id) is still deletable: the
//! keep-list guards against broad filters, not against a deliberate choice. No I/O beyond
//! its own file.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Cookie;
use crate::store::files::Perms;
use crate::{Error, Result};

/// Sites (registrable domains, e.g. `example.com`) and cookie names to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepList {
    #[serde(default)]
    pub sites: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
}

impl KeepList {
    /// The user's keep-list; empty when there is no file or no config folder.
    pub fn load_default() -> Result<KeepList> {
        match crate::paths::keep_list_file() {
            Some(p) => KeepList::load(&p),
            None => Ok(KeepList::default()),
        }
    }

    /// Reads `path`; a missing file is an empty list, a bad one an error naming file:line.
    pub fn load(path: &Path) -> Result<KeepList> {
        use crate::store::files::{self, Links, SMALL_FILE_CAP};
        let Some(bytes) = files::read_optional(path, SMALL_FILE_CAP, Links::Follow)? else {
            return Ok(KeepList::default());
        };
        let text = String::from_utf8(bytes).map_err(|_| Error::Parse {
            path: path.to_path_buf(),
            message: "not UTF-8 text".into(),
        })?;
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            Error::Policy {
                file: path.display().to_string(),
                line,
                message: e.message().trim().to_owned(),
            }
        })
    }

    /// Writes the list to `path` (owner-only; temp file + rename, so a crash keeps the old
    /// list).
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self).map_err(|e| Error::Other(e.to_string()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        crate::store::files::replace_atomically(path, text.as_bytes(), Perms::Private)
    }

    /// Adds `site` if absent, removes it if present; returns whether it is now kept.
    pub fn toggle_site(&mut self, site: &str) -> bool {
        toggle(&mut self.sites, &normalise_site(site), |a, b| {
            a.eq_ignore_ascii_case(b)
        })
    }

    /// Adds `name` if absent, removes it if present; returns whether it is now kept.
    /// Names are compared exactly (cookie names are case-sensitive).
    pub fn toggle_name(&mut self, name: &str) -> bool {
        toggle(&mut self.names, name, |a, b| a == b)
    }

    /// Whether bulk deletes must leave `c` alone: its site (or host) is kept, or its name.
    pub fn keeps(&self, c: &Cookie) -> bool {
        let host = c.bare_host();
        self.names.contains(&c.name)
            || self.sites.iter().any(|s| {
                let s = normalise_site(s);
                s.eq_ignore_ascii_case(&c.site)
                    || s.eq_ignore_ascii_case(host)
                    || host
                        .to_ascii_lowercase()
                        .ends_with(&format!(".{}", s.to_ascii_lowercase()))
            })
    }

    pub fn is_empty(&self) -> bool {
        self.sites.is_empty() && self.names.is_empty()
    }
}

fn normalise_site(s: &str) -> String {
    s.trim().trim_start_matches('.').to_owned()
}

fn toggle(list: &mut Vec<String>, item: &str, same: impl Fn(&str, &str) -> bool) -> bool {
    match list.iter().position(|x| same(x, item)) {
        Some(i) => {
            list.remove(i);
            false
        }
        None => {
            list.push(item.to_owned());
            true
        }
    }
}

/// Cookies a delete may touch, and how many the keep-list held back. `explicit` is true
/// when the user named the cookies one by one (ids), which overrides the keep-list.
pub fn apply_keep_list<'a>(
    cookies: impl IntoIterator<Item = &'a Cookie>,
    keep: &KeepList,
    explicit: bool,
) -> (Vec<&'a Cookie>, usize) {
    let mut kept = 0;
    let out = cookies
        .into_iter()
        .filter(|c| {
            let k = !explicit && keep.keeps(c);
            kept += usize::from(k);
            !k
        })
        .collect();
    (out, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Browser, CookieValue, RowKey, SameSite, StoreRef};
    use std::sync::Arc;

    fn cookie(host: &str, site: &str, name: &str) -> Cookie {
        let store = Arc::new(StoreRef {
            browser: Browser::Firefox,
            profile: "p".into(),
            profile_dir: "/p".into(),
            path: "/p/cookies.sqlite".into(),
            user_data_dir: None,
            is_default: true,
            is_demo: false,
        });
        Cookie {
            store,
            key: RowKey::FirefoxDb {
                id: 1,
                origin_attributes: String::new(),
            },
            host: host.into(),
            name: name.into(),
            path: "/".into(),
            value: CookieValue::NotLoaded,
            expires: None,
            created: None,
            last_accessed: None,
            secure: false,
            http_only: false,
            same_site: SameSite::Lax,
            partition: None,
            container: None,
            site: site.into(),
        }
    }

    #[test]
    fn keeps_by_site_host_suffix_and_exact_name() {
        let mut k = KeepList::default();
        assert!(k.toggle_site(".Example.com"));
        assert!(k.toggle_name("SID"));
        assert!(k.keeps(&cookie(".www.example.com", "example.com", "x")));
        assert!(k.keeps(&cookie("a.example.com", "other.test", "x")));
        assert!(!k.keeps(&cookie("notexample.com", "notexample.com", "x")));
        assert!(k.keeps(&cookie("t.test", "t.test", "SID")));
        assert!(!k.keeps(&cookie("t.test", "t.test", "sid")));
        assert!(!k.toggle_site("example.com"));
        assert!(!k.keeps(&cookie(".www.example.com", "example.com", "x")));
    }

    #[test]
    fn bulk_skips_kept_but_explicit_does_not() {
        let mut k = KeepList::default();
        k.toggle_site("keep.test");
        let cs = [
            cookie("keep.test", "keep.test", "a"),
            cookie("go.test", "go.test", "b"),
        ];
        let (bulk, held) = apply_keep_list(&cs, &k, false);
        assert_eq!((bulk.len(), held), (1, 1));
        assert_eq!(bulk[0].host, "go.test");
        let (named, held) = apply_keep_list(&cs, &k, true);
        assert_eq!((named.len(), held), (2, 0));
    }

    #[test]
    fn load_save_round_trip_missing_and_bad_files() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/keep.toml");
        assert_eq!(KeepList::load(&p).unwrap(), KeepList::default());
        let mut k = KeepList::default();
        k.toggle_site("bank.test");
        k.toggle_name("session_id");
        k.save(&p).unwrap();
        assert_eq!(KeepList::load(&p).unwrap(), k);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        fs::write(&p, "sites = [\"a.test\"]\nnames = [\"x\"\nbogus\n").unwrap();
        let e = KeepList::load(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:", p.display())), "{e}");
        assert!(e.contains(":2:") || e.contains(":3:"), "{e}");
        fs::write(&p, "sites = 3\n").unwrap();
        let e = KeepList::load(&p).unwrap_err().to_string();
        assert!(e.contains(":1:"), "{e}");
    }
}
