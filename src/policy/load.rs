//! Reading policy files: TOML text to a validated [`Policy`], and the user's own policy
//! files (`--policy FILE`, the user policy folder). Every problem becomes
//! `Error::Policy { file, line, message }`; nothing here panics on bad input or matches
//! cookies.

use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::def::{self, CategoryDef, Consent, HostOwner, Kind, NameMatch, PartyDef, Policy, Rule};
use super::schema::{self, PolicyFile};
use crate::model::Party;
use crate::{Error, Result};

/// Parses and checks one TOML policy; `file` names it in errors.
pub fn parse_toml(file: &str, text: &str) -> Result<Policy> {
    let raw: PolicyFile = toml::from_str(text).map_err(|e| Error::Policy {
        file: file.to_string(),
        line: e.span().map_or(0, |s| line_of(text, s.start)),
        message: e.message().trim().to_string(),
    })?;
    Checker { file, text }.policy(raw)
}

/// Reads one `--policy` file: Open Cookie Database CSV when it ends in `.csv` (or looks
/// like one), TOML otherwise.
pub fn read_file(path: &Path) -> Result<Policy> {
    use crate::store::files::{self, Links, SMALL_FILE_CAP};
    let text = files::read_text_capped(path, SMALL_FILE_CAP, Links::Follow)?;
    let file = path.display().to_string();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        || super::ocd::looks_like_ocd(&text);
    if is_csv {
        super::ocd::parse_csv(&file, &text)
    } else {
        parse_toml(&file, &text)
    }
}

/// Every `*.toml` and `*.csv` file of `dir`, sorted by name; a missing folder is empty.
pub fn read_dir(dir: &Path) -> Result<Vec<Policy>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && matches!(ext, "toml" | "csv") {
            paths.push(path);
        }
    }
    paths.sort();
    paths.iter().map(|p| read_file(p)).collect()
}

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::Policy {
            file: self.file.to_string(),
            line: line_of(self.text, offset),
            message: message.into(),
        }
    }

    fn policy(&self, raw: PolicyFile) -> Result<Policy> {
        let meta = raw.policy;
        let id = meta.id.get_ref();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Err(self.err(
                meta.id.span().start,
                format!("policy id \"{id}\" must be lowercase letters, digits, '-' or '_'"),
            ));
        }
        let kind = match meta.kind.get_ref().as_str() {
            "site" => Kind::Site,
            "knowledge" => Kind::Knowledge,
            other => {
                return Err(self.err(
                    meta.kind.span().start,
                    format!("unknown policy kind \"{other}\"; expected \"site\" or \"knowledge\""),
                ));
            }
        };
        let domains = self.domains(kind, meta.domains.as_ref(), meta.kind.span().start)?;
        let categories = raw
            .categories
            .iter()
            .map(|(k, v)| self.category(k, v))
            .collect::<Result<Vec<_>>>()?;
        let parties = raw
            .parties
            .iter()
            .map(|(k, v)| self.party(k, v))
            .collect::<Result<Vec<_>>>()?;
        let provider = meta.provider.as_deref().map(Arc::from);
        let rules = raw
            .cookie
            .iter()
            .map(|r| self.rule(r, &categories))
            .collect::<Result<Vec<_>>>()?;
        let hosts = raw
            .host
            .iter()
            .map(|h| self.host(h))
            .collect::<Result<Vec<_>>>()?;
        Ok(Policy {
            id: Arc::from(id.as_str()),
            name: Arc::from(meta.name.as_str()),
            provider,
            kind,
            domains,
            source: meta.source.as_deref().map(Arc::from),
            priority: meta.priority,
            origin: Arc::from(self.file),
            categories,
            parties,
            rules,
            hosts,
        })
    }

    fn domains(
        &self,
        kind: Kind,
        domains: Option<&Spanned<Vec<String>>>,
        kind_at: usize,
    ) -> Result<Vec<Arc<str>>> {
        match (kind, domains) {
            (Kind::Knowledge, Some(d)) => Err(self.err(
                d.span().start,
                "a knowledge policy has no `domains`; use kind = \"site\" to govern sites",
            )),
            (Kind::Site, None) => Err(self.err(kind_at, "a site policy needs `domains`")),
            (Kind::Site, Some(d)) if d.get_ref().is_empty() => {
                Err(self.err(d.span().start, "a site policy needs at least one domain"))
            }
            (_, d) => Ok(d
                .map(|d| d.get_ref().iter())
                .into_iter()
                .flatten()
                .map(|s| Arc::from(def::normalise_domain(s)))
                .collect()),
        }
    }

    fn category(&self, key: &str, raw: &Spanned<schema::CategoryDef>) -> Result<CategoryDef> {
        let at = raw.span().start;
        let c = raw.get_ref();
        let maps_to = def::parse_category(&c.maps_to).ok_or_else(|| {
            self.err(
                at,
                format!("categories.{key}: {}", unknown_category(&c.maps_to)),
            )
        })?;
        let consent = Consent::parse(&c.consent).ok_or_else(|| {
            self.err(
                at,
                format!("categories.{key}: {}", unknown_consent(&c.consent)),
            )
        })?;
        Ok(CategoryDef {
            key: Arc::from(key),
            label: Arc::from(c.label.as_str()),
            maps_to,
            consent,
            description: c.description.as_deref().map(Arc::from),
        })
    }

    fn party(&self, key: &str, raw: &Spanned<schema::PartyDef>) -> Result<PartyDef> {
        let party = match key {
            "first" => Party::First,
            "third" => Party::Third,
            other => {
                return Err(self.err(
                    raw.span().start,
                    format!("unknown party \"{other}\"; expected parties.first or parties.third"),
                ));
            }
        };
        Ok(PartyDef {
            party,
            label: Arc::from(raw.get_ref().label.as_str()),
            description: raw.get_ref().description.as_deref().map(Arc::from),
        })
    }

    fn rule(&self, raw: &Spanned<schema::CookieRule>, cats: &[CategoryDef]) -> Result<Rule> {
        let at = raw.span().start;
        let r = raw.get_ref();
        let (names, label) = self.names(at, r.name.as_deref(), r.pattern.as_deref())?;
        let category = def::parse_category(&r.category)
            .ok_or_else(|| self.err(at, unknown_category(&r.category)))?;
        let policy_category = match &r.policy_category {
            None => None,
            Some(k) => Some(cats.iter().position(|c| *c.key == **k).ok_or_else(|| {
                self.err(
                    at,
                    format!("policy_category \"{k}\" is not defined in [categories]"),
                )
            })?),
        };
        let consent = match &r.consent {
            None => None,
            Some(c) => Some(Consent::parse(c).ok_or_else(|| self.err(at, unknown_consent(c)))?),
        };
        let party = match r.party.as_deref() {
            None => None,
            Some("first") => Some(Party::First),
            Some("third") => Some(Party::Third),
            Some(other) => {
                return Err(self.err(
                    at,
                    format!("unknown party \"{other}\"; expected \"first\" or \"third\""),
                ));
            }
        };
        if r.sign_in && r.on_delete.is_some() {
            return Err(self.err(
                at,
                "a cookie rule has both `sign_in = true` and `on_delete`; a sign-in rule's consequence is always a sign-out, so drop `on_delete`",
            ));
        }
        let hosts = r.hosts.iter().flatten();
        let also_labelled = r
            .also_labelled
            .iter()
            .map(|c| def::parse_category(c).ok_or_else(|| self.err(at, unknown_category(c))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Rule {
            names,
            label,
            provider: r.provider.as_deref().map(Arc::from),
            function: r.function.as_deref().map(Arc::from),
            purpose: r.purpose.as_deref().map(Arc::from),
            category,
            policy_category,
            lifetime: r.lifetime.as_deref().map(Arc::from),
            on_delete: r.on_delete.as_deref().map(Arc::from),
            sign_in: r.sign_in,
            hosts: hosts.map(|h| Arc::from(def::normalise_domain(h))).collect(),
            consent,
            party,
            anonymised: r.anonymised,
            generic: r.generic,
            also_labelled,
        })
    }

    fn names(
        &self,
        at: usize,
        name: Option<&str>,
        pattern: Option<&str>,
    ) -> Result<(NameMatch, Arc<str>)> {
        match (name, pattern) {
            (Some(_), Some(_)) => Err(self.err(
                at,
                "a cookie rule has both `name` and `pattern`; give exactly one",
            )),
            (None, None) => Err(self.err(at, "a cookie rule needs `name` or `pattern`")),
            (Some(n), None) if n.is_empty() || n.contains('*') => Err(self.err(
                at,
                format!("name \"{n}\" must be a plain cookie name; use `pattern` for globs"),
            )),
            (Some(n), None) => Ok((NameMatch::Exact(Arc::from(def::strip_prefix(n))), n.into())),
            (None, Some(p)) if !p.contains('*') || p.chars().all(|c| c == '*') => Err(self.err(
                at,
                format!(
                    "pattern \"{p}\" needs a '*' and some literal text; use `name` for one name"
                ),
            )),
            (None, Some(p)) => Ok((
                NameMatch::Pattern(Arc::from(def::strip_prefix(p))),
                p.into(),
            )),
        }
    }

    fn host(&self, raw: &Spanned<schema::HostRule>) -> Result<HostOwner> {
        let h = raw.get_ref();
        let category = def::parse_category(&h.category)
            .ok_or_else(|| self.err(raw.span().start, unknown_category(&h.category)))?;
        Ok(HostOwner {
            domain: Arc::from(def::normalise_domain(&h.domain)),
            owner: Arc::from(h.owner.as_str()),
            category,
            purpose: h.purpose.as_deref().map(Arc::from),
        })
    }
}

fn unknown_category(s: &str) -> String {
    format!("unknown category \"{s}\"; expected necessary, preferences, statistics or marketing")
}

fn unknown_consent(s: &str) -> String {
    format!("unknown consent \"{s}\"; expected never, required or unless_anonymised")
}
