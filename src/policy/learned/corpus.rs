//! What the model learns from: every name crumbs' own knowledge policies and the bundled
//! Open Cookie Database give a category, with the lifetime they state. Site policies are
//! left out (they speak for one site's cookies, not for names in general), and so is
//! every labelled set the tests measure on.

use super::features::Span;
use super::train::Example;
use crate::Result;
use crate::policy::def::{Kind, NameMatch, Rule};
use crate::policy::ocd_db;

/// The examples, knowledge base first, in file order.
pub fn examples() -> Result<Vec<Example>> {
    let mut policies = crate::policy::builtin_policies()?;
    policies.retain(|p| p.kind == Kind::Knowledge);
    policies.push(ocd_db::policy()?);
    Ok(policies
        .iter()
        .flat_map(|p| &p.rules)
        .map(example)
        .collect())
}

fn example(rule: &Rule) -> Example {
    // A pattern's wildcard reads as a word break: `_ga_*` teaches the `_ga_` start.
    let name = match &rule.names {
        NameMatch::Exact(n) => n.to_string(),
        NameMatch::Pattern(g) => g.replace('*', "_"),
    };
    Example {
        name,
        span: span_of(rule.lifetime.as_deref()),
        category: rule.category,
    }
}

/// The span a stated lifetime ("2 years", "session", "13 months") falls in.
fn span_of(stated: Option<&str>) -> Span {
    let Some(text) = stated else {
        return Span::Unstated;
    };
    if text.to_ascii_lowercase().contains("session") {
        return Span::Session;
    }
    match crate::timefmt::parse_span(text) {
        Some(micros) => Span::of_days(Some(micros / crate::model::UnixMicros::DAY)),
        None => Span::Unstated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_lifetimes_fall_in_spans() {
        assert_eq!(span_of(Some("Session")), Span::Session);
        assert_eq!(span_of(Some("2 years")), Span::Longer);
        assert_eq!(span_of(Some("13 months")), Span::Longer);
        assert_eq!(span_of(Some("24 hours")), Span::UnderAMonth);
        assert_eq!(span_of(Some("30 minutes")), Span::UnderADay);
        assert_eq!(span_of(Some("until you clear it")), Span::Unstated);
        assert_eq!(span_of(None), Span::Unstated);
    }

    #[test]
    fn both_sources_are_in_and_every_class_is_taught() {
        let all = examples().unwrap_or_else(|e| panic!("{e}"));
        assert!(all.len() > 2_000, "{}", all.len());
        assert!(all.iter().any(|e| e.name == "_ga"));
        for c in super::super::CLASSES {
            let n = all.iter().filter(|e| e.category == c).count();
            assert!(n >= 100, "{c:?}: {n}");
        }
    }
}
