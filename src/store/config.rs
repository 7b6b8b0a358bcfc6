//! `~/.config/crumbs/config.toml`: the user's settings. Today one, which the store's write
//! side needs: how long backups are kept (`[backups] keep_days = 30`). A missing file
//! means the defaults; a bad one is an error naming the file. Reads through
//! `store::files` (regular file, size cap).

use std::path::Path;

use serde::Deserialize;

use crate::store::files::{self, Links, SMALL_FILE_CAP};
use crate::{Error, Result};

/// Days a backup is kept when the config says nothing.
pub const DEFAULT_KEEP_DAYS: u32 = 30;

/// Every setting, with its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub backups: BackupsConfig,
}

/// `[backups]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupsConfig {
    /// Backups older than this many days are removed after each successful delete
    /// (they hold the deleted values, sign-ins included). 0 keeps them forever.
    pub keep_days: u32,
}

impl Default for BackupsConfig {
    fn default() -> Self {
        BackupsConfig {
            keep_days: DEFAULT_KEEP_DAYS,
        }
    }
}

impl Config {
    /// The user's config (`paths::config_file()`), or the defaults.
    pub fn load_default() -> Result<Config> {
        match crate::paths::config_dir() {
            Some(dir) => Config::load(&dir.join("config.toml")),
            None => Ok(Config::default()),
        }
    }

    /// Reads `path`; a missing file is the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        let Some(bytes) = files::read_optional(path, SMALL_FILE_CAP, Links::Follow)? else {
            return Ok(Config::default());
        };
        let text = String::from_utf8_lossy(&bytes);
        toml::from_str(&text).map_err(|e| Error::Policy {
            file: path.display().to_string(),
            line: e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().trim().to_owned(),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_default_and_keep_days_is_read() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("config.toml");
        assert_eq!(Config::load(&p).unwrap().backups.keep_days, 30);
        std::fs::write(&p, "[backups]\nkeep_days = 7\n").unwrap();
        assert_eq!(Config::load(&p).unwrap().backups.keep_days, 7);
        std::fs::write(&p, "[backups]\nkeep = 7\n").unwrap();
        let err = Config::load(&p).unwrap_err().to_string();
        assert!(err.contains("config.toml:2"), "{err}");
    }
}
