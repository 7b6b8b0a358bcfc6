//! Cookie-name globs (`_ga_*`, `mp_*_mixpanel`) and a set of them that finds the most
//! specific match without allocating. Knows nothing about categories or policies: each
//! glob carries an opaque entry number.

/// One glob, pre-split on `*`.
#[derive(Debug, Clone)]
pub struct Glob {
    parts: Box<[Box<str>]>,
    leading_star: bool,
    trailing_star: bool,
    /// Characters that must match literally: the longer, the more specific.
    pub literal_len: usize,
}

impl Glob {
    /// Compiles `pattern`; `None` when it has no literal text.
    pub fn new(pattern: &str) -> Option<Glob> {
        let parts: Box<[Box<str>]> = pattern
            .split('*')
            .filter(|p| !p.is_empty())
            .map(Box::from)
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(Glob {
            literal_len: parts.iter().map(|p| p.len()).sum(),
            leading_star: pattern.starts_with('*'),
            trailing_star: pattern.ends_with('*'),
            parts,
        })
    }

    /// Length of the literal text before the first `*` (0 when the glob starts with one).
    pub fn prefix_len(&self) -> usize {
        if self.leading_star {
            0
        } else {
            self.parts.first().map_or(0, |p| p.len())
        }
    }

    pub fn matches(&self, name: &str) -> bool {
        let mut rest = name;
        let last = self.parts.len() - 1;
        for (i, part) in self.parts.iter().enumerate() {
            let part: &str = part;
            if i == 0 && !self.leading_star {
                match rest.strip_prefix(part) {
                    Some(r) => rest = r,
                    None => return false,
                }
                if i == last && !self.trailing_star {
                    return rest.is_empty();
                }
            } else if i == last && !self.trailing_star {
                return rest.ends_with(part);
            } else {
                match rest.find(part) {
                    Some(p) => rest = &rest[p + part.len()..],
                    None => return false,
                }
            }
        }
        true
    }

    fn first_byte(&self) -> Option<u8> {
        if self.leading_star {
            None
        } else {
            self.parts.first().and_then(|p| p.bytes().next())
        }
    }
}

/// Globs bucketed by their first literal byte, each bucket most specific first, so a
/// lookup only tries globs that can possibly match.
#[derive(Debug, Clone, Default)]
pub struct GlobSet {
    by_first: Vec<Vec<(Glob, usize)>>,
    floating: Vec<(Glob, usize)>,
}

impl GlobSet {
    /// Builds the set; `key` orders entries (higher = preferred when both match).
    pub fn build<K: Ord>(globs: Vec<(Glob, usize)>, key: impl Fn(&Glob, usize) -> K) -> GlobSet {
        let mut set = GlobSet {
            by_first: vec![Vec::new(); 256],
            floating: Vec::new(),
        };
        for (g, e) in globs {
            match g.first_byte() {
                Some(b) => set.by_first[usize::from(b)].push((g, e)),
                None => set.floating.push((g, e)),
            }
        }
        for bucket in set
            .by_first
            .iter_mut()
            .chain(std::iter::once(&mut set.floating))
        {
            bucket.sort_by(|a, b| key(&b.0, b.1).cmp(&key(&a.0, a.1)));
        }
        set
    }

    /// The best entry (by the same `key` the set was built with) whose glob matches
    /// `name` and which `accept` allows.
    pub fn find<'a, K: Ord>(
        &'a self,
        name: &str,
        accept: impl Fn(usize) -> bool,
        key: impl Fn(&Glob, usize) -> K,
    ) -> Option<(usize, &'a Glob)> {
        let first = |list: &'a [(Glob, usize)]| -> Option<(usize, &'a Glob)> {
            list.iter()
                .find(|(g, e)| g.matches(name) && accept(*e))
                .map(|(g, e)| (*e, g))
        };
        let anchored = name
            .bytes()
            .next()
            .and_then(|b| self.by_first.get(usize::from(b)))
            .and_then(|l| first(l));
        let floating = first(&self.floating);
        match (anchored, floating) {
            (Some(a), Some(f)) => Some(if key(f.1, f.0) > key(a.1, a.0) { f } else { a }),
            (a, f) => a.or(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_shell_stars() {
        for (pat, name, want) in [
            ("_ga_*", "_ga_ABC123", true),
            ("_ga_*", "_ga", false),
            ("_ga_*", "_ga_", true),
            ("mp_*_mixpanel", "mp_abc_mixpanel", true),
            ("mp_*_mixpanel", "mp_abc_mixpanelx", false),
            ("*_session", "_rails_session", true),
            ("*_session", "session", false),
            ("_*_session", "_app_session", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "acb", false),
            ("wp-settings-*", "wp-settings-time-1", true),
        ] {
            let g = Glob::new(pat).unwrap();
            assert_eq!(g.matches(name), want, "{pat} vs {name}");
        }
        assert!(Glob::new("**").is_none());
    }
}
