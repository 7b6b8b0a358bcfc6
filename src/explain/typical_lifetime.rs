//! How long a cookie is usually kept, as its policy states it, in a sentence. Policies and
//! the Open Cookie Database state it in many forms ("2 years", "session", "End of session
//! (browser)", "session to 1 year", "Unlimited"), and "Usually kept session." reads as a
//! slip, so the forms are worded here, once.

/// The sentence for a stated typical lifetime, or `None` when it adds nothing: it says
/// nothing ("Unknown"), or it says "session" of a cookie already shown as one.
pub(super) fn sentence(stated: &str, is_session: bool) -> Option<String> {
    let stated = stated.trim();
    let lower = stated.to_ascii_lowercase();
    let text = match lower.as_str() {
        "" | "unknown" | "undefined" | "various" | "n/a" => return None,
        "session"
        | "sessions"
        | "session cookie"
        | "end of session"
        | "end of session (browser)"
        | "browser session" => {
            if is_session {
                return None;
            }
            "Usually a session cookie, gone when the browser closes.".to_string()
        }
        "seconds" => "Usually kept a few seconds.".to_string(),
        "unlimited" | "forever" | "permanent" | "no expiry" => {
            "Usually kept with no end date.".to_string()
        }
        "persistent" => "Usually kept after the browser closes.".to_string(),
        "as the site sets" | "set by the site" => {
            "How long it is kept is up to the site.".to_string()
        }
        _ => {
            if let Some(rest) = lower.strip_prefix("session to ") {
                format!(
                    "Usually kept from one browser session up to {}.",
                    tail(stated, rest)
                )
            } else if let Some(rest) = lower.strip_prefix("session or ") {
                format!(
                    "Usually kept for the browser session or {}.",
                    tail(stated, rest)
                )
            } else if stated.starts_with(|c: char| c.is_ascii_digit())
                || lower.starts_with("up to ")
                || lower.starts_with("under ")
            {
                format!("Usually kept {stated}.")
            } else {
                format!("Usually kept: {stated}.")
            }
        }
    };
    Some(text)
}

/// The end of `stated` that `rest` (its lower-case form) is the end of, in its own case.
fn tail<'a>(stated: &'a str, rest: &str) -> &'a str {
    &stated[stated.len() - rest.len()..]
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn every_stated_form_reads_as_a_sentence() {
        let cases = [
            ("2 weeks", "Usually kept 2 weeks."),
            ("up to 13 months", "Usually kept up to 13 months."),
            ("under 100 ms", "Usually kept under 100 ms."),
            (
                "session",
                "Usually a session cookie, gone when the browser closes.",
            ),
            (
                "End of session (browser)",
                "Usually a session cookie, gone when the browser closes.",
            ),
            (
                "session to 1 year",
                "Usually kept from one browser session up to 1 year.",
            ),
            (
                "session or 14 days",
                "Usually kept for the browser session or 14 days.",
            ),
            ("seconds", "Usually kept a few seconds."),
            ("Unlimited", "Usually kept with no end date."),
            ("Persistent", "Usually kept after the browser closes."),
            ("set by the site", "How long it is kept is up to the site."),
            ("until logout", "Usually kept: until logout."),
        ];
        for (stated, want) in cases {
            assert_eq!(sentence(stated, false).as_deref(), Some(want), "{stated}");
        }
        for silent in ["", "Unknown", " undefined ", "various"] {
            assert_eq!(sentence(silent, false), None, "{silent:?}");
        }
        // A session cookie already says so; a longer usual lifetime is still worth saying.
        assert_eq!(sentence("session", true), None);
        assert_eq!(
            sentence("2 weeks", true).as_deref(),
            Some("Usually kept 2 weeks.")
        );
    }

    #[test]
    fn every_shipped_lifetime_gets_a_plain_form() {
        // Each of the shipped policies' and the Open Cookie Database's own forms, not the
        // catch-all with a colon.
        let policies = crate::policy::Policies::builtin().unwrap_or_else(|e| panic!("{e}"));
        let ocd = crate::policy::ocd_db::policy().unwrap_or_else(|e| panic!("{e}"));
        let mut forms: Vec<String> = policies
            .policies()
            .iter()
            .chain([&ocd])
            .flat_map(|p| &p.rules)
            .filter_map(|r| r.lifetime.as_deref().map(str::to_string))
            .collect();
        forms.sort_unstable();
        forms.dedup();
        assert!(forms.len() > 20, "{}", forms.len());
        for stated in forms {
            let s = sentence(&stated, false).unwrap_or_default();
            assert!(!s.contains(": "), "{stated:?} reads {s:?}");
        }
    }
}
