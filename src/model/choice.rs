//! Closed sets of named values (browsers, categories, parties): each value's canonical
//! lowercase name and the aliases people type. One table per set, read by parsing, by the
//! command line's list of allowed values and by completions, so they cannot disagree.
//! No I/O and no command-line library here.

/// A value from a closed set with a canonical name and accepted aliases.
pub trait Choice: Copy + Sized + 'static {
    /// Every value, in the order lists show them.
    const ALL: &'static [Self];
    /// The canonical lowercase name (JSON, command line).
    fn name(self) -> &'static str;
    /// Other spellings accepted when parsing (lowercase).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// The value named `s` (canonical name or alias; case and surrounding blanks ignored).
pub fn parse<T: Choice>(s: &str) -> Option<T> {
    let s = s.trim().to_ascii_lowercase();
    T::ALL
        .iter()
        .copied()
        .find(|v| v.name() == s || v.aliases().contains(&s.as_str()))
}

/// The canonical names, in order, for messages ("firefox, chrome, …").
pub fn names<T: Choice>() -> Vec<&'static str> {
    T::ALL.iter().map(|v| v.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Browser, Category, Party};

    fn round_trips<T: Choice + PartialEq + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(parse::<T>(v.name()), Some(*v));
            assert_eq!(parse::<T>(&v.name().to_ascii_uppercase()), Some(*v));
            for a in v.aliases() {
                assert_eq!(parse::<T>(a), Some(*v), "alias {a}");
            }
        }
        assert_eq!(parse::<T>("no-such-value"), None);
    }

    #[test]
    fn every_name_and_alias_parses_back() {
        round_trips::<Browser>();
        round_trips::<Category>();
        round_trips::<Party>();
    }

    #[test]
    fn no_alias_names_two_values() {
        fn check<T: Choice>() {
            let mut seen = std::collections::BTreeSet::new();
            for v in T::ALL {
                for n in std::iter::once(&v.name()).chain(v.aliases()) {
                    assert!(seen.insert(*n), "{n} twice");
                }
            }
        }
        check::<Browser>();
        check::<Category>();
        check::<Party>();
    }
}
