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

/// A path typed by hand, as a shell would read it: a leading `~/` (or a lone `~`) is the
/// home folder; anything else is taken as typed.
pub fn expand_tilde(typed: &str) -> PathBuf {
    expand_tilde_in(typed, dirs::home_dir().as_deref())
}

fn expand_tilde_in(typed: &str, home: Option<&std::path::Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(typed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_leading_tilde_is_home_and_nothing_else_is() {
        let home = Some(Path::new("/home/ada"));
        let t = |s| expand_tilde_in(s, home);
        assert_eq!(t("~/c.txt"), Path::new("/home/ada/c.txt"));
        assert_eq!(t("~"), Path::new("/home/ada"));
        assert_eq!(t("./c.txt"), Path::new("./c.txt"));
        assert_eq!(t("~bob/c.txt"), Path::new("~bob/c.txt"));
        assert_eq!(t("a/~/c.txt"), Path::new("a/~/c.txt"));
        assert_eq!(expand_tilde_in("~/c.txt", None), Path::new("~/c.txt"));
    }
}
