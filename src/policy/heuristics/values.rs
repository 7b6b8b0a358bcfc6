//! Value signals: the shape of a cookie value (a Google Analytics client ID, a Meta pixel
//! ID, a TCF consent string, a language code, a random identifier). Looks at the value
//! only to classify its shape; it keeps, logs and returns nothing of it.

use super::{Facts, Signal};
use crate::model::Category::{Marketing, Necessary, Preferences, Statistics};

const LANGS: &[&str] = &[
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr",
    "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "no", "pl", "pt", "ro", "ru", "sk",
    "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
];

const CURRENCIES: &[&str] = &[
    "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "INR", "JPY", "KRW",
    "MXN", "NOK", "NZD", "PLN", "SEK", "SGD", "TRY", "USD", "ZAR",
];

const PREF_WORDS: &[&str] = &[
    "dark",
    "light",
    "auto",
    "system",
    "grid",
    "list",
    "compact",
    "comfortable",
    "metric",
    "imperial",
    "celsius",
    "fahrenheit",
    "high-contrast",
];

/// The vote of the value's shape, if it has a telling one.
pub(crate) fn signal(value: &str, facts: &Facts<'_>) -> Option<Signal> {
    let v = value.trim().trim_matches('"');
    if v.is_empty() {
        return None;
    }
    if let Some(s) = vendor_shape(v) {
        Some(s)
    } else if is_locale(v) {
        // Necessary, like the `lang`, `currency` and `tz` words of a name (see `words`).
        Some(Signal::new(
            Necessary,
            4,
            "value_locale",
            "Its value is a language, currency or time zone.",
        ))
    } else if PREF_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v)) {
        // `true`/`false` are not counted: any flag (seen, enabled, consent given) looks so.
        Some(Signal::new(
            Preferences,
            4,
            "value_setting_word",
            "Its value is a short setting such as a theme or a layout.",
        ))
    } else if is_jwt(v) {
        Some(Signal::new(
            Necessary,
            3,
            "value_signed_token",
            "Its value is a signed token, as sign-in systems issue.",
        ))
    } else if is_random_id(v) {
        Some(id_signal(facts))
    } else {
        None
    }
}

/// Values whose shape names the vendor outright.
fn vendor_shape(v: &str) -> Option<Signal> {
    if is_ga_client_id(v) {
        return Some(Signal::new(
            Statistics,
            7,
            "value_ga_client_id",
            "Its value is a Google Analytics visitor ID.",
        ));
    }
    if dotted(v, "fb.", 3) {
        return Some(Signal::new(
            Marketing,
            7,
            "value_meta_pixel_id",
            "Its value is a Meta (Facebook) pixel browser or click ID.",
        ));
    }
    let consent = followed_by(v, "isIABGlobal", &["=", "%3D"], "")
        || followed_by(v, "necessary", &[":", "%3A", "%3a"], "true")
        || is_tcf_string(v);
    consent.then_some(Signal::new(
        Necessary,
        7,
        "value_consent_string",
        "Its value is a record of cookie-consent choices.",
    ))
}

/// `word`, then one of `seps`, then `tail`, somewhere in `v`. The separators list the
/// percent-encoded forms (`%3D` for `=`, `%3A`/`%3a` for `:`) consent tools also write, so
/// no decoded copy of the value is needed: decoding only turns those three sequences into
/// `=` or `:`, which cannot start or end a word. Candidates are found by the word's first
/// character (a fast byte search); building a substring searcher per value costs more.
fn followed_by(v: &str, word: &str, seps: &[&str], tail: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    v.match_indices(first).any(|(at, _)| {
        let rest = v.get(at..).unwrap_or_default();
        rest.strip_prefix(word).is_some_and(|after| {
            seps.iter()
                .any(|s| after.strip_prefix(s).is_some_and(|r| r.starts_with(tail)))
        })
    })
}

/// `GA1.2.123456789.1700000000` (classic) and `GS1.1.…`/`GS2.1.…` (GA4 session state).
fn is_ga_client_id(v: &str) -> bool {
    ["GA1.", "GS1.", "GS2."].iter().any(|p| dotted(v, p, 3))
}

/// `prefix` followed by at least `parts` dot-separated fields, the first all digits.
fn dotted(v: &str, prefix: &str, parts: usize) -> bool {
    let Some(rest) = v.strip_prefix(prefix) else {
        return false;
    };
    let fields = rest.bytes().filter(|&b| b == b'.').count() + 1;
    let first = rest.split('.').next().unwrap_or_default();
    fields >= parts && !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit())
}

/// IAB TCF v2 strings start with `C` + version/creation bits (`CP…`, `CQ…` in practice)
/// and are long base64url runs, optionally with `.`-joined segments.
fn is_tcf_string(v: &str) -> bool {
    (v.starts_with("CP") || v.starts_with("CQ"))
        && v.len() >= 40
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn is_locale(v: &str) -> bool {
    (v.len() == 3 && CURRENCIES.contains(&v)) || is_language_tag(v) || is_time_zone(v)
}

/// `en`, `fr-FR`, `pt_br`, `zh-Hans`: a known language, then an optional region/script;
/// letter case does not matter.
fn is_language_tag(v: &str) -> bool {
    // Two letters, then at most a separator and four more.
    if v.len() > 7 {
        return false;
    }
    let mut parts = v.split(['-', '_']);
    let lang_ok = parts
        .next()
        .is_some_and(|l| LANGS.iter().any(|k| k.eq_ignore_ascii_case(l)));
    let region = parts.next();
    lang_ok
        && parts.next().is_none()
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

fn is_time_zone(v: &str) -> bool {
    let areas = [
        "Africa/",
        "America/",
        "Asia/",
        "Australia/",
        "Europe/",
        "Pacific/",
    ];
    areas.iter().any(|a| v.starts_with(a)) || v.eq_ignore_ascii_case("utc")
}

fn is_jwt(v: &str) -> bool {
    v.starts_with("eyJ") && v.bytes().filter(|&b| b == b'.').count() == 2 && v.len() > 30
}

/// UUIDs, long hex, long base64-ish runs mixing letters and digits: random identifiers.
fn is_random_id(v: &str) -> bool {
    let (mut hex_or_dash, mut b64, mut digits, mut letters) = (true, true, 0usize, 0usize);
    for b in v.bytes() {
        hex_or_dash &= b.is_ascii_hexdigit() || b == b'-';
        b64 &= b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'=');
        digits += usize::from(b.is_ascii_digit());
        letters += usize::from(b.is_ascii_alphabetic());
    }
    (hex_or_dash && v.len() >= 16) || (b64 && v.len() >= 20 && digits >= 3 && letters >= 3)
}

/// A random ID's meaning depends on its context: a short-lived or server-only one is a
/// session, a long-lived one in a cross-site context an ad ID, otherwise a visitor ID.
fn id_signal(facts: &Facts<'_>) -> Signal {
    let long = facts.lifetime_days.is_some_and(|d| d >= 180);
    if facts.http_only {
        // Scripts cannot read or write it, so this ID is the server's own: a session,
        // device or sign-in key rather than an analytics or ad tag's visitor number.
        return Signal::new(
            Necessary,
            3,
            "value_server_id",
            "Its value is a random ID only the server can read, like a session or device key.",
        );
    }
    match (facts.session, long, facts.third_party_hint) {
        (true, _, _) => Signal::new(
            Necessary,
            2,
            "value_session_id",
            "Its value is a random ID that ends with the session, like a session key.",
        ),
        (false, true, true) => Signal::new(
            Marketing,
            3,
            "value_cross_site_id",
            "Its value is a long-lived random ID readable across sites, as ad IDs are.",
        ),
        (false, true, false) => Signal::new(
            Statistics,
            2,
            "value_visitor_id",
            "Its value is a long-lived random ID, as visitor counters use.",
        ),
        (false, false, _) => Signal::new(
            Necessary,
            1,
            "value_random_id",
            "Its value is a random ID kept for a short while.",
        ),
    }
}
