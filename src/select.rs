//! Which cookie stores a command reads: the files `--store` names or every discovered
//! store, narrowed by browser and profile names, and when the built-in demo store stands
//! in. Both front ends call [`select`], so `crumbs` and `crumbs list` read the same stores.
//! Owns profile matching (also used by [`crate::filter`]). Finds files only: reads no
//! cookie, and knows nothing of the command line.

use std::io::Write;
use std::path::PathBuf;

use tempfile::TempDir;

use crate::Result;
use crate::model::{Browser, StoreRef};
use crate::store::{discover, sniff};

/// What the person asked for: explicit store files, browser and profile names, the demo.
#[derive(Debug, Clone, Default)]
pub struct StoreSelection {
    /// Cookie files or profile folders to read instead of discovering stores.
    pub paths: Vec<PathBuf>,
    pub browsers: Vec<Browser>,
    /// Profile display names or profile folder names.
    pub profiles: Vec<String>,
    /// Open the built-in demo store instead of the browsers' stores.
    pub demo: bool,
}

/// When the demo store stands in for the browsers' stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoFallback {
    /// Only when asked for: on the command line an empty answer is an answer.
    Never,
    /// Also when no store was selected: the UI would otherwise open on nothing.
    WhenNothingFound,
}

/// The stores selected, with warnings about names that selected nothing. Holds the demo
/// store's temporary folder, if any: keep this alive while the stores are read.
#[derive(Debug, Default)]
pub struct Selected {
    pub stores: Vec<StoreRef>,
    /// One line each, for stderr ("no profile named \"work\" (profiles: …)").
    pub warnings: Vec<String>,
    demo_dir: Option<TempDir>,
}

impl Selected {
    /// Whether the demo store stands in for the browsers' stores.
    pub fn is_demo(&self) -> bool {
        self.demo_dir.is_some()
    }

    /// Writes the warnings to stderr, one `crumbs: warning:` line each, escaped (profile
    /// names come from files).
    pub fn print_warnings(&self) {
        let mut err = std::io::stderr().lock();
        for w in &self.warnings {
            let _ = writeln!(err, "crumbs: warning: {}", crate::sanitize::for_terminal(w));
        }
    }
}

/// The stores `selection` names, narrowed by browser and profile, or the demo store.
pub fn select(selection: &StoreSelection, fallback: DemoFallback) -> Result<Selected> {
    if selection.demo {
        return demo();
    }
    let found = if selection.paths.is_empty() {
        discover::discover(&discover::Env::from_process())
    } else {
        selection
            .paths
            .iter()
            .map(|p| sniff::open_path(p))
            .collect::<Result<Vec<_>>>()?
    };
    let warnings = unmatched_names(selection, &found);
    let stores: Vec<StoreRef> = found
        .into_iter()
        .filter(|s| is_selected(selection, s))
        .collect();
    if stores.is_empty() && fallback == DemoFallback::WhenNothingFound {
        return demo().map(|d| Selected { warnings, ..d });
    }
    Ok(Selected {
        stores,
        warnings,
        demo_dir: None,
    })
}

fn demo() -> Result<Selected> {
    let (dir, store) = crate::demo::create()?;
    Ok(Selected {
        stores: vec![store],
        warnings: Vec::new(),
        demo_dir: Some(dir),
    })
}

fn is_selected(selection: &StoreSelection, s: &StoreRef) -> bool {
    (selection.browsers.is_empty() || selection.browsers.contains(&s.browser))
        && (selection.profiles.is_empty()
            || selection.profiles.iter().any(|p| profile_matches(s, p)))
}

/// `name` is the store's profile name or its profile folder's name (case ignored).
pub fn profile_matches(s: &StoreRef, name: &str) -> bool {
    s.profile.eq_ignore_ascii_case(name)
        || s.profile_dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name))
}

/// A warning for each browser with no store and each profile name that matches no store
/// of the browsers asked for, listing what exists instead, so a typo is not a silent
/// empty result.
fn unmatched_names(selection: &StoreSelection, found: &[StoreRef]) -> Vec<String> {
    let mut warnings = Vec::new();
    for b in &selection.browsers {
        if !found.iter().any(|s| s.browser == *b) {
            let mut present: Vec<&str> = found.iter().map(|s| s.browser.as_str()).collect();
            present.sort_unstable();
            present.dedup();
            warnings.push(format!(
                "no {} cookie store found (stores found: {})",
                b.as_str(),
                list_or_none(&present)
            ));
        }
    }
    let in_browsers: Vec<&StoreRef> = found
        .iter()
        .filter(|s| selection.browsers.is_empty() || selection.browsers.contains(&s.browser))
        .collect();
    for p in &selection.profiles {
        if !in_browsers.iter().any(|s| profile_matches(s, p)) {
            let present: Vec<String> = in_browsers
                .iter()
                .map(|s| format!("\"{}\" ({})", s.profile, s.browser.as_str()))
                .collect();
            let present: Vec<&str> = present.iter().map(String::as_str).collect();
            warnings.push(format!(
                "no profile named \"{p}\" (profiles: {})",
                list_or_none(&present)
            ));
        }
    }
    warnings
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(browser: Browser, profile: &str, dir: &str) -> StoreRef {
        StoreRef {
            browser,
            profile: profile.into(),
            profile_dir: PathBuf::from(format!("/home/u/{dir}")),
            path: PathBuf::from(format!("/home/u/{dir}/Cookies")),
            user_data_dir: None,
            is_default: false,
            is_demo: false,
        }
    }

    fn found() -> Vec<StoreRef> {
        vec![
            store(Browser::Firefox, "default-esr", "abcd.default-esr"),
            store(Browser::Chromium, "Your Chromium", "Default"),
        ]
    }

    #[test]
    fn profiles_match_by_name_or_folder_ignoring_case() {
        let s = store(Browser::Chromium, "Your Chromium", "Default");
        assert!(profile_matches(&s, "your chromium"));
        assert!(profile_matches(&s, "default"));
        assert!(!profile_matches(&s, "Work"));
    }

    #[test]
    fn names_that_select_nothing_are_warned_about_with_what_exists() {
        let sel = StoreSelection {
            browsers: vec![Browser::Brave, Browser::Firefox],
            profiles: vec!["work".into()],
            ..Default::default()
        };
        let w = unmatched_names(&sel, &found());
        assert_eq!(
            w,
            [
                "no brave cookie store found (stores found: chromium, firefox)",
                "no profile named \"work\" (profiles: \"default-esr\" (firefox))",
            ]
        );
    }

    #[test]
    fn names_that_select_something_raise_no_warning() {
        let sel = StoreSelection {
            browsers: vec![Browser::Chromium],
            profiles: vec!["Default".into()],
            ..Default::default()
        };
        assert!(unmatched_names(&sel, &found()).is_empty());
        assert!(found().iter().any(|s| is_selected(&sel, s)));
    }

    #[test]
    fn the_demo_stands_in_only_when_asked_or_allowed() {
        let asked = StoreSelection {
            demo: true,
            ..Default::default()
        };
        let Ok(chosen) = select(&asked, DemoFallback::Never) else {
            panic!("demo store");
        };
        assert!(chosen.is_demo());
        assert!(chosen.stores[0].is_demo);
        let nothing = StoreSelection {
            paths: Vec::new(),
            browsers: vec![Browser::Safari],
            profiles: vec!["no-such-profile-anywhere".into()],
            demo: false,
        };
        let Ok(none) = select(&nothing, DemoFallback::Never) else {
            panic!("selection");
        };
        assert!(!none.is_demo() && none.stores.is_empty());
        let Ok(fallback) = select(&nothing, DemoFallback::WhenNothingFound) else {
            panic!("selection");
        };
        assert!(fallback.is_demo());
    }
}
