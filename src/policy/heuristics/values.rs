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

pub(crate) fn signals(value: &str, facts: &Facts) -> Vec<Signal> {
    let v = value.trim().trim_matches('"');
    if v.is_empty() {
        return Vec::new();
    }
    let decoded = v
        .replace("%3D", "=")
        .replace("%3A", ":")
        .replace("%3a", ":");
    let mut out = Vec::new();
    if let Some(s) = vendor_shape(v, &decoded) {
        out.push(s);
    } else if is_preference_word(v) {
        out.push(Signal::new(
            Preferences,
            4,
            "value_setting_word",
            "Its value is a short setting such as a language, theme or currency.",
        ));
    } else if is_jwt(v) {
        out.push(Signal::new(
            Necessary,
            3,
            "value_signed_token",
            "Its value is a signed token, as sign-in systems issue.",
        ));
    } else if is_random_id(v) {
        out.push(id_signal(facts));
    }
    out
}

/// Values whose shape names the vendor outright.
fn vendor_shape(v: &str, decoded: &str) -> Option<Signal> {
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
    let consent =
        decoded.contains("isIABGlobal=") || decoded.contains("necessary:true") || is_tcf_string(v);
    consent.then_some(Signal::new(
        Necessary,
        7,
        "value_consent_string",
        "Its value is a record of cookie-consent choices.",
    ))
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
    let fields: Vec<&str> = rest.split('.').collect();
    fields.len() >= parts
        && fields
            .first()
            .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// IAB TCF v2 strings start with `C` + version/creation bits (`CP…`, `CQ…` in practice)
/// and are long base64url runs, optionally with `.`-joined segments.
fn is_tcf_string(v: &str) -> bool {
    (v.starts_with("CP") || v.starts_with("CQ"))
        && v.len() >= 40
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn is_preference_word(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    // `true`/`false` are not counted: any flag (seen, enabled, consent given) looks so.
    if PREF_WORDS.contains(&lower.as_str()) {
        return true;
    }
    if v.len() == 3 && CURRENCIES.contains(&v) {
        return true;
    }
    is_language_tag(&lower) || is_time_zone(v)
}

/// `en`, `fr-fr`, `pt_br`, `zh-hans`: a known language, then an optional region/script.
fn is_language_tag(lower: &str) -> bool {
    let mut parts = lower.split(['-', '_']);
    let lang_ok = parts.next().is_some_and(|l| LANGS.contains(&l));
    let rest: Vec<&str> = parts.collect();
    lang_ok
        && rest.len() <= 1
        && rest
            .iter()
            .all(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic()))
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
    v.starts_with("eyJ") && v.matches('.').count() == 2 && v.len() > 30
}

/// UUIDs, long hex, long base64-ish runs mixing letters and digits: random identifiers.
fn is_random_id(v: &str) -> bool {
    let hex_or_dash = v.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    if hex_or_dash && v.len() >= 16 {
        return true;
    }
    let b64 = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='));
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    let letters = v.bytes().filter(u8::is_ascii_alphabetic).count();
    b64 && v.len() >= 20 && digits >= 3 && letters >= 3
}

/// A random ID's meaning depends on its context: a short-lived or server-only one is a
/// session, a long-lived one in a cross-site context an ad ID, otherwise a visitor ID.
fn id_signal(facts: &Facts) -> Signal {
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
