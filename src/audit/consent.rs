//! Consent under the site policy's own category definitions: whether each found cookie
//! needed it, whether the site's record of the visitor's choice is stored, and which of
//! the policy's definitions the audit quotes. Wording of labels stays the policy's own.

use std::sync::Arc;

use super::{ConsentNeed, ConsentRecord, ConsentReport, DeclaredFound, Definition, VendorGroup};
use crate::model::{Category, Party};
use crate::policy::def::Rule;
use crate::policy::{Consent, Policies, Policy, Verdict};
use crate::site::registrable_domain;

/// Placeholder until the cookie is sorted.
pub(super) fn unknown() -> ConsentNeed {
    ConsentNeed {
        required: true,
        policy_category: None,
        rule: None,
        why: String::new(),
    }
}

/// Consent for a cookie of `category` under `p`. A declared cookie's verdict already
/// applied the policy (its rule, its category, any `anonymised` mark); an undeclared one
/// falls under the policy's definition for its category, and nothing found here shows its
/// statistics are anonymised.
pub(super) fn consent_for(
    p: &Policy,
    v: &Verdict,
    category: Category,
    declared: bool,
) -> ConsentNeed {
    let def = match &v.basis {
        Some(b) if declared || *b.policy == *p.id => Some((b.label.clone(), b.consent)),
        _ => p
            .category_mapping(category)
            .map(|c| (c.label.clone(), c.consent)),
    };
    let Some((label, rule)) = def else {
        let required = Consent::default_for(category).required(false);
        let why = if required {
            format!(
                "the policy defines no {} category; crumbs counts it as needing consent",
                category.as_str()
            )
        } else {
            "necessary: exempt from consent".to_string()
        };
        return ConsentNeed {
            required,
            policy_category: None,
            rule: None,
            why,
        };
    };
    let own_basis = matches!(&v.basis, Some(b) if *b.policy == *p.id);
    let required = if declared || own_basis {
        v.consent_required
    } else {
        rule.required(false)
    };
    let why = match (rule, required) {
        (Consent::UnlessAnonymised, true) => format!(
            "needs consent unless anonymised, by the policy's \"{label}\" definition; nothing here shows it is"
        ),
        (_, true) => format!("needs consent by the policy's \"{label}\" definition"),
        (_, false) => format!("no consent needed by the policy's \"{label}\" definition"),
    };
    ConsentNeed {
        required,
        policy_category: Some(label),
        rule: Some(rule),
        why,
    }
}

/// Whether a declared rule records the visitor's cookie choices, by the policy's words.
fn records_consent(r: &Rule) -> bool {
    [Some(&r.label), r.function.as_ref(), r.purpose.as_ref()]
        .into_iter()
        .flatten()
        .any(|t| {
            let t = t.to_lowercase();
            t.contains("consent") || (t.contains("cookie") && t.contains("preference"))
        })
}

/// Whether the knowledge base knows an undeclared cookie as a consent record.
fn known_consent_record(v: Option<Verdict>) -> bool {
    v.is_some_and(|v| v.is_consent_record())
}

pub(super) fn report(
    p: &Policy,
    declared: &[DeclaredFound],
    undeclared: &[VendorGroup],
    policies: &Policies,
) -> ConsentReport {
    let found = declared
        .iter()
        .map(|d| &d.found)
        .chain(undeclared.iter().flat_map(|g| &g.cookies));
    let mut needed_by: Vec<String> = Vec::new();
    for f in found.filter(|f| f.consent.required) {
        if !needed_by.contains(&f.name) {
            needed_by.push(f.name.clone());
        }
    }
    let mut records: Vec<ConsentRecord> = p
        .rules
        .iter()
        .filter(|r| records_consent(r))
        .map(|r| ConsentRecord {
            name: r.label.to_string(),
            declared: true,
            held_by: declared
                .iter()
                .filter(|d| d.declared.rule == r.label)
                .flat_map(|d| d.found.held_by.iter().cloned())
                .collect(),
        })
        .collect();
    for f in undeclared.iter().flat_map(|g| &g.cookies) {
        if known_consent_record(policies.known(&f.name, &f.host, &registrable_domain(&f.host))) {
            records.push(ConsentRecord {
                name: f.name.clone(),
                declared: false,
                held_by: f.held_by.clone(),
            });
        }
    }
    let present: Vec<&ConsentRecord> = records.iter().filter(|r| !r.held_by.is_empty()).collect();
    let line = consent_line(&needed_by, &present, records.is_empty());
    ConsentReport {
        record_present: !present.is_empty(),
        needed_by,
        records,
        line,
    }
}

fn consent_line(needed_by: &[String], present: &[&ConsentRecord], none_known: bool) -> String {
    let need = match needed_by.len() {
        0 => "No cookie found needs consent under the policy's own definitions".to_string(),
        n => format!(
            "{n} cookie name{} found need{} consent under the policy's own definitions ({})",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            needed_by.join(", ")
        ),
    };
    let record = match present.first() {
        Some(r) => format!(
            "the site's consent record {} is stored ({})",
            r.name,
            r.held_by.join(", ")
        ),
        None if none_known => "crumbs knows no consent-record cookie of this site".to_string(),
        None => "no consent record of the site is stored".to_string(),
    };
    format!("{need}; {record}.")
}

/// The policy's definitions of each category the found and declared cookies fall under,
/// then of each party seen, in the policy's own order.
pub(super) fn definitions(
    p: &Policy,
    declared: &[DeclaredFound],
    undeclared: &[VendorGroup],
) -> Vec<Definition> {
    let found = || {
        declared
            .iter()
            .map(|d| &d.found)
            .chain(undeclared.iter().flat_map(|g| &g.cookies))
    };
    let used: Vec<Arc<str>> = declared
        .iter()
        .map(|d| d.declared.category.clone())
        .chain(found().filter_map(|f| f.consent.policy_category.clone()))
        .collect();
    let categories = p
        .categories
        .iter()
        .filter(|c| used.contains(&c.label))
        .map(|c| Definition {
            label: c.label.clone(),
            consent: Some(c.consent),
            words: c.description.clone(),
        });
    let parties = p
        .parties
        .iter()
        .filter(|d| d.party != Party::Unknown && found().any(|f| f.party == d.party))
        .map(|d| Definition {
            label: d.label.clone(),
            consent: None,
            words: d.description.clone(),
        });
    categories.chain(parties).collect()
}
