//! Where crumbs keeps its own files. Resolved from `dirs` (which honours `HOME` and the XDG
//! variables), so tests point everything at a temporary home by setting `HOME`.

use std::path::PathBuf;

/// `dirs::data_dir()/crumbs`: backups live here.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("crumbs"))
}

/// `dirs::config_dir()/crumbs`: user policies and the keep-list live here.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("crumbs"))
}

/// `config_dir()/policies`: extra TOML policies that override the built-in ones.
pub fn user_policy_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("policies"))
}

/// `config_dir()/keep.toml`: sites and cookie names bulk deletes never touch.
pub fn keep_list_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("keep.toml"))
}
