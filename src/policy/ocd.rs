//! Open Cookie Database import: its `open-cookie-database.csv` (columns ID, Platform,
//! Category, Cookie / Data Key name, Domain, Description, Retention period, Data
//! Controller, User Privacy & GDPR Rights Portals, Wildcard match) becomes one knowledge
//! policy. OCD's categories are mapped onto crumbs' four; bad rows are errors with their
//! line. The file is the user's download: crumbs never fetches it.

use std::sync::Arc;

use super::def::{self, Kind, NameMatch, Policy, Rule};
use super::heuristics;
use crate::model::{Category, Party};
use crate::{Error, Result};

const COL_PLATFORM: &str = "Platform";
const COL_CATEGORY: &str = "Category";
const COL_NAME: &str = "Cookie / Data Key name";
const COL_DOMAIN: &str = "Domain";
const COL_DESCRIPTION: &str = "Description";
const COL_RETENTION: &str = "Retention period";
const COL_WILDCARD: &str = "Wildcard match";

/// OCD files "Functional" covers both cookies a site cannot work without and mere
/// conveniences; these words in the description mark the former (consent records and
/// the "cookie preferences" of a consent banner included).
const NECESSARY_WORDS: [&str; 18] = [
    "necessary",
    "essential",
    "security",
    "secure",
    "csrf",
    "forgery",
    "authenticat",
    "login",
    "log in",
    "load balanc",
    "fraud",
    "consent",
    "cookie preference",
    "cookies choice",
    "opt-out",
    "remember me",
    "credential",
    "session",
];

/// "Functional" A/B tests are measurement, which crumbs files as statistics.
const EXPERIMENT_WORDS: [&str; 3] = ["a/b test", "experiment", "split test"];

/// A remembered language, country, currency or time zone, which crumbs files as
/// necessary (the head of `known-frameworks.toml` says why)…
const LOCALE_WORDS: [&str; 6] = [
    "language",
    "locale",
    "currency",
    "country",
    "time zone",
    "timezone",
];

/// …unless the cookie keeps other settings too. These, or the general words below, mark
/// a remembered choice or convenience; a "Functional" cookie with none is site machinery
/// (a session, a cache, a server route), so necessary.
const OTHER_SETTING_WORDS: [&str; 8] = [
    "display",
    "layout",
    "screen",
    "dismiss",
    "recently viewed",
    "wishlist",
    "chat",
    "widget",
];
const SETTING_WORDS: [&str; 3] = ["preferen", "setting", "remember"];

/// Whether `text` starts with the OCD header row.
pub fn looks_like_ocd(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.contains(COL_NAME) && first.contains(COL_CATEGORY)
}

/// Parses an OCD CSV export into one knowledge policy; `file` names it in errors.
pub fn parse_csv(file: &str, text: &str) -> Result<Policy> {
    // Quoted CSV fields may hold newlines and control bytes: errors that quote a field
    // must stay one line.
    let err = |line: usize, message: String| Error::Policy {
        file: file.to_string(),
        line,
        message: crate::sanitize::for_terminal(&message).into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| err(1, format!("not an Open Cookie Database CSV: {e}")))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| err(1, format!("missing column \"{name}\"")))
    };
    let cols = Columns {
        platform: col(COL_PLATFORM)?,
        category: col(COL_CATEGORY)?,
        name: col(COL_NAME)?,
        domain: col(COL_DOMAIN)?,
        description: col(COL_DESCRIPTION)?,
        retention: col(COL_RETENTION)?,
        wildcard: col(COL_WILDCARD)?,
    };
    let mut rules = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            err(line, format!("bad row: {}", csv_reason(&e)))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        rules.push(row_rule(&cols, &record).map_err(|m| err(line, m))?);
    }
    Ok(Policy {
        id: Arc::from("open-cookie-database"),
        name: Arc::from("Open Cookie Database"),
        provider: None,
        kind: Kind::Knowledge,
        domains: Vec::new(),
        source: Some(Arc::from(
            "https://github.com/jkwakman/Open-Cookie-Database",
        )),
        priority: 0,
        origin: Arc::from(file),
        categories: Vec::new(),
        parties: Vec::new(),
        rules,
        hosts: Vec::new(),
    })
}

struct Columns {
    platform: usize,
    category: usize,
    name: usize,
    domain: usize,
    description: usize,
    retention: usize,
    wildcard: usize,
}

fn row_rule(cols: &Columns, record: &csv::StringRecord) -> std::result::Result<Rule, String> {
    let field = |i: usize| {
        record
            .get(i)
            .unwrap_or("")
            .trim_matches(|c: char| c.is_whitespace())
    };
    let raw_name = field(cols.name);
    if raw_name.is_empty() {
        return Err("empty cookie name".into());
    }
    let description = field(cols.description);
    let (category, on_delete) = map_category(field(cols.category), description)?;
    let wildcard = match field(cols.wildcard) {
        "1" => true,
        "0" | "" => false,
        other => return Err(format!("Wildcard match must be 0 or 1, not \"{other}\"")),
    };
    // Placeholders: `SSPR_*` is already a glob; `pm_sess_NNN` stands for digits.
    let name = raw_name.replace("NNN", "*");
    let names = if wildcard || name.contains('*') {
        let stem = name.trim_end_matches('*');
        if stem.is_empty() {
            return Err(format!("pattern \"{raw_name}\" has no literal text"));
        }
        NameMatch::Pattern(Arc::from(def::strip_prefix(&format!("{stem}*"))))
    } else {
        NameMatch::Exact(Arc::from(def::strip_prefix(&name)))
    };
    let domain = field(cols.domain).to_ascii_lowercase();
    let third = only_third_party(&domain);
    let opt = |s: &str| (!s.is_empty()).then(|| Arc::from(s));
    let retention = field(cols.retention);
    Ok(Rule {
        names,
        label: Arc::from(raw_name),
        provider: opt(field(cols.platform)),
        function: None,
        purpose: opt(description),
        category,
        policy_category: None,
        lifetime: opt(retention).filter(|r: &Arc<str>| !r.eq_ignore_ascii_case("unknown")),
        on_delete: on_delete.map(Arc::from),
        sign_in: speaks_of_sign_in(description),
        // A third-party cookie is set by the domain OCD names, so the entry only speaks for
        // cookies under it: OCD's `sessionid` (Instagram) must not relabel every Django site.
        hosts: if third {
            third_party_hosts(&domain)
        } else {
            Vec::new()
        },
        consent: None,
        party: third.then_some(Party::Third),
        anonymised: false,
        generic: false,
        also_labelled: Vec::new(),
    })
}

/// Whether every alternative the Domain column gives is a third-party domain: `a.com (3rd
/// party) or b.net (3rd party)` is, but `a.com (3rd party) or ` (the advertiser's own site,
/// left blank) and `a.com (3rd party) or advertiser's website` are not.
fn only_third_party(domain: &str) -> bool {
    let is_third = |d: &str| d.contains("3rd party") || d.contains("third party");
    // Padded so a blank alternative at either end still splits off as an empty one.
    format!(" {domain} ")
        .split(" or ")
        .all(|alt| is_third(alt) && alt.contains('.'))
}

/// Descriptions that say the cookie keeps a sign-in: deleting it signs the user out, so
/// bulk deletes leave it alone whatever category OCD files it under (it files Facebook's
/// `c_user` as marketing).
const SIGN_IN_WORDS: [&str; 6] = [
    "authenticat",
    "sign in",
    "sign-in",
    "logged in",
    "logged-in",
    "login token",
];

fn speaks_of_sign_in(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    SIGN_IN_WORDS.iter().any(|w| d.contains(w))
}

/// `instagram.com (3rd party)`, `a.com or b.net (3rd party)` → the domains.
fn third_party_hosts(domain: &str) -> Vec<Arc<str>> {
    domain
        .replace("(3rd party)", " ")
        .replace("(third party)", " ")
        .split([' ', ','])
        .filter(|w| w.contains('.') && *w != "or")
        .map(|w| Arc::from(def::normalise_domain(w)))
        .collect()
}

/// crumbs' category for an OCD row, and what deleting it does where the category's usual
/// words would mislead (a remembered language is necessary, yet deleting it breaks nothing).
fn map_category(
    ocd: &str,
    description: &str,
) -> std::result::Result<(Category, Option<&'static str>), String> {
    match ocd.to_ascii_lowercase().as_str() {
        "functional" => {
            let d = description.to_ascii_lowercase();
            let has = |words: &[&str]| words.iter().any(|w| d.contains(w));
            Ok(if has(&NECESSARY_WORDS) {
                (Category::Necessary, None)
            } else if has(&EXPERIMENT_WORDS) {
                (Category::Statistics, None)
            } else if has(&OTHER_SETTING_WORDS) {
                (Category::Preferences, None)
            } else if has(&LOCALE_WORDS) {
                (Category::Necessary, Some(heuristics::FORGETS_LOCALE))
            } else if !has(&SETTING_WORDS) {
                (Category::Necessary, None)
            } else {
                (Category::Preferences, None)
            })
        }
        "security" | "necessary" => Ok((Category::Necessary, None)),
        "analytics" => Ok((Category::Statistics, None)),
        "marketing" => Ok((Category::Marketing, None)),
        "personalization" | "personalisation" => Ok((Category::Preferences, None)),
        _ => Err(format!(
            "unknown OCD category \"{ocd}\"; expected Functional, Security, Analytics, \
             Marketing or Personalization"
        )),
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, expected {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => e.to_string(),
    }
}
