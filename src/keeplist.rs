//! The keep-list: sites and cookie names that bulk deletes never touch (TOML at
//! `paths::keep_list_file()`). A cookie named explicitly (by id) is still deletable: the
//! keep-list guards against broad filters, not against a deliberate choice. No I/O beyond
//! its own file.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::Cookie;
use crate::store::files::Perms;
use crate::{Error, Result, site};

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
        let mut list: KeepList = toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            Error::Policy {
                file: path.display().to_string(),
                line,
                message: e.message().trim().to_owned(),
            }
        })?;
        // Hand-written entries may say `Example.com` or `bücher.de`; compare them the
        // way hosts are stored.
        for s in &mut list.sites {
            *s = site::normalise(s);
        }
        Ok(list)
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
        toggle(&mut self.sites, &site::normalise(site), |a, b| {
            site::is_same_host(a, b)
        })
    }

    /// Keeps `site` or stops keeping it.
    pub fn set_site(&mut self, site: &str, kept: bool) {
        let site = site::normalise(site);
        self.sites.retain(|s| !site::is_same_host(s, &site));
        if kept {
            self.sites.push(site);
        }
    }

    /// Keeps cookies named `name` or stops keeping them.
    pub fn set_name(&mut self, name: &str, kept: bool) {
        self.names.retain(|n| n != name);
        if kept {
            self.names.push(name.to_owned());
        }
    }

    /// Adds `name` if absent, removes it if present; returns whether it is now kept.
    /// Names are compared exactly (cookie names are case-sensitive).
    pub fn toggle_name(&mut self, name: &str) -> bool {
        toggle(&mut self.names, name, |a, b| a == b)
    }

    /// Whether bulk deletes must leave `c` alone: its name is kept, or its host is a kept
    /// site or under one ([`site::is_under`]), whatever the case or dots the entry was
    /// written with. The one keep-list rule both front ends use.
    pub fn keeps(&self, c: &Cookie) -> bool {
        self.names.contains(&c.name)
            || self
                .sites
                .iter()
                .any(|s| site::is_same_host(s, &c.site) || site::is_under(c.bare_host(), s))
    }

    /// Whether `site` (a registrable domain, as the sites pane shows it) is kept whole.
    pub fn keeps_site(&self, site: &str) -> bool {
        self.sites.iter().any(|s| site::is_under(site, s))
    }

    pub fn is_empty(&self) -> bool {
        self.sites.is_empty() && self.names.is_empty()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Browser, sample};

    fn cookie(host: &str, site: &str, name: &str) -> Cookie {
        Cookie {
            site: site.into(),
            ..sample::cookie(Browser::Firefox, host, name)
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
        fs::write(&p, "sites = [\"Example.COM.\", \"bücher.de\"]\n").unwrap();
        let read = KeepList::load(&p).unwrap();
        assert_eq!(read.sites, ["example.com", "xn--bcher-kva.de"]);
        assert!(read.keeps(&cookie(".www.example.com", "example.com", "x")));
        assert!(read.keeps_site("example.com") && !read.keeps_site("other.com"));
        fs::write(&p, "sites = [\"a.test\"]\nnames = [\"x\"\nbogus\n").unwrap();
        let e = KeepList::load(&p).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:", p.display())), "{e}");
        assert!(e.contains(":2:") || e.contains(":3:"), "{e}");
        fs::write(&p, "sites = 3\n").unwrap();
        let e = KeepList::load(&p).unwrap_err().to_string();
        assert!(e.contains(":1:"), "{e}");
    }
}
