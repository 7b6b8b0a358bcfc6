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

    /// The literal text before the first `*`, if the glob does not start with one.
    fn prefix(&self) -> Option<&str> {
        if self.leading_star {
            None
        } else {
            self.parts.first().map(|p| &**p)
        }
    }
}

/// One trie node: children by next byte (sorted), and the globs whose literal prefix
/// ends here, most specific first.
#[derive(Debug, Clone, Default)]
struct Node {
    children: Vec<(u8, u32)>,
    globs: Vec<(Glob, usize)>,
}

/// Globs in a byte trie keyed by their literal prefix, so a lookup walks the name once and
/// only tries globs whose prefix the name starts with. Globs starting with `*` (rare) are
/// tried on every lookup.
#[derive(Debug, Clone, Default)]
pub struct GlobSet {
    nodes: Vec<Node>,
    floating: Vec<(Glob, usize)>,
}

impl GlobSet {
    /// Builds the set; `key` orders entries (higher = preferred when several match).
    pub fn build<K: Ord>(globs: Vec<(Glob, usize)>, key: impl Fn(&Glob, usize) -> K) -> GlobSet {
        let mut set = GlobSet {
            nodes: vec![Node::default()],
            floating: Vec::new(),
        };
        for (g, e) in globs {
            let Some(prefix) = g.prefix() else {
                set.floating.push((g, e));
                continue;
            };
            let mut at = 0;
            for b in prefix.bytes() {
                at = set.child_or_insert(at, b);
            }
            set.nodes[at].globs.push((g, e));
        }
        for list in set
            .nodes
            .iter_mut()
            .map(|n| &mut n.globs)
            .chain(std::iter::once(&mut set.floating))
        {
            list.sort_by_key(|b| std::cmp::Reverse(key(&b.0, b.1)));
        }
        set
    }

    fn child_or_insert(&mut self, at: usize, b: u8) -> usize {
        match self.nodes[at].children.binary_search_by_key(&b, |c| c.0) {
            Ok(i) => self.nodes[at].children[i].1 as usize,
            Err(i) => {
                let id = self.nodes.len();
                self.nodes.push(Node::default());
                let id32 = u32::try_from(id).unwrap_or(u32::MAX);
                self.nodes[at].children.insert(i, (b, id32));
                id
            }
        }
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
        let mut best = first(&self.floating);
        let mut at = 0;
        for b in name.bytes() {
            let Some(node) = self.nodes.get(at) else {
                break;
            };
            match node.children.binary_search_by_key(&b, |c| c.0) {
                Ok(i) => at = node.children[i].1 as usize,
                Err(_) => break,
            }
            if let Some(m) = self.nodes.get(at).and_then(|n| first(&n.globs)) {
                best = match best {
                    Some(b) if key(b.1, b.0) >= key(m.1, m.0) => Some(b),
                    _ => Some(m),
                };
            }
        }
        best
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

    #[test]
    fn the_most_specific_glob_wins() {
        let globs = ["_ga*", "_ga_*", "*_session", "_*_session", "a*"];
        let set = GlobSet::build(
            globs
                .iter()
                .enumerate()
                .map(|(i, g)| (Glob::new(g).unwrap(), i))
                .collect(),
            |g, _| g.literal_len,
        );
        let find = |n: &str| {
            set.find(n, |_| true, |g, _| g.literal_len)
                .map(|(e, _)| globs[e])
        };
        assert_eq!(find("_ga_XYZ"), Some("_ga_*"));
        assert_eq!(find("_gat"), Some("_ga*"));
        assert_eq!(find("_app_session"), Some("_*_session"));
        assert_eq!(find("my_session"), Some("*_session"));
        assert_eq!(find("b"), None);
        assert_eq!(
            set.find("_ga_1", |e| e != 1, |g, _| g.literal_len)
                .map(|(e, _)| e),
            Some(0)
        );
    }
}
