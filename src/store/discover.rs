//! Finds every profile of every supported browser under a home folder.

use std::path::PathBuf;

use crate::model::StoreRef;

/// The environment discovery looks at; tests build one around a fake home tree.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub home: PathBuf,
    pub xdg_config_home: Option<PathBuf>,
}

impl Env {
    /// From `HOME` and `XDG_CONFIG_HOME`.
    pub fn from_process() -> Env {
        Env {
            home: std::env::var_os("HOME")
                .map(PathBuf::from)
                .or_else(dirs::home_dir)
                .unwrap_or_default(),
            xdg_config_home: std::env::var_os("XDG_CONFIG_HOME")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        }
    }
}

/// Every store found, in a stable order (browser, then profile).
pub fn discover(_env: &Env) -> Vec<StoreRef> {
    Vec::new()
}
