//! Context signals: flags (HttpOnly, Secure, SameSite), lifetime, partitioning and whether
//! the host belongs to a known advertising or analytics company. Reads no value.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::fast::Signals;
use super::{Facts, Signal, split};
use crate::model::Category::{Marketing, Necessary, Statistics};
use crate::model::{Category, Cookie, SameSite};

const KNOWN_HOSTS: &str = include_str!("../../../assets/policies/known-hosts.toml");

/// Registrable domains of ad-tech and analytics companies, read once from the shipped
/// `known-hosts.toml` so the list has one home. A file that fails to parse yields an
/// empty list (the policy tests catch that), never a panic.
pub(super) fn tracker_domains() -> &'static FxHashMap<String, Category> {
    static HOSTS: OnceLock<FxHashMap<String, Category>> = OnceLock::new();
    HOSTS.get_or_init(|| {
        let Ok(doc) = toml::from_str::<toml::Value>(KNOWN_HOSTS) else {
            return FxHashMap::default();
        };
        let hosts = doc.get("host").and_then(toml::Value::as_array);
        hosts
            .into_iter()
            .flatten()
            .filter_map(|h| {
                let domain = h.get("domain")?.as_str()?;
                let category = Category::parse(h.get("category")?.as_str()?)?;
                matches!(category, Marketing | Statistics)
                    .then(|| (domain.to_ascii_lowercase(), category))
            })
            .collect()
    })
}

/// The tracker category of `host` when it is, or is under, a known ad/analytics domain:
/// one hash lookup per label of the host (most specific first), not a scan of the list,
/// since this runs for every cookie the knowledge base does not name.
pub(crate) fn tracker_host(host: &str) -> Option<Category> {
    let host = crate::site::lookup_form(host);
    let domains = tracker_domains();
    let mut rest: &str = &host;
    loop {
        if let Some(c) = domains.get(rest) {
            return Some(*c);
        }
        rest = rest.split_once('.')?.1;
    }
}

/// Gathers the facts once; the name is split into `scratch`, which the facts borrow.
/// `tracker` is the host's tracker category, which the caller may already know.
pub(crate) fn facts<'a>(
    cookie: &'a Cookie,
    tracker: Option<Category>,
    scratch: &'a mut split::Scratch,
) -> Facts<'a> {
    let name = split::strip_prefix(&cookie.name);
    let ad_host = tracker.is_some();
    let cross_site_ready = cookie.same_site == SameSite::None && cookie.secure;
    Facts {
        name,
        split: scratch.split(name),
        session: cookie.is_session(),
        http_only: cookie.http_only,
        lifetime_days: cookie.lifetime_days(),
        tracker,
        ad_host,
        third_party_hint: ad_host || cookie.partition.is_some() || cross_site_ready,
    }
}

/// HttpOnly, Secure, SameSite=None and a lifetime of about a year on a host no list knows.
fn cross_site_server_id(cookie: &Cookie, facts: &Facts<'_>) -> bool {
    cookie.http_only
        && cookie.secure
        && cookie.same_site == SameSite::None
        && !facts.ad_host
        && facts.lifetime_days.is_some_and(|d| d >= 300)
}

/// Flag and lifetime evidence, added to `out`. The name evidence already in `out` decides
/// whether HttpOnly on a session cookie confirms a session ID.
pub(crate) fn signals(cookie: &Cookie, facts: &Facts<'_>, out: &mut Signals) {
    let sessionish = out.any_rule("name_session");
    let consent = out.any_rule("name_consent");
    let machinery = sessionish
        || consent
        || out.any_rule("name_csrf")
        || out.any_rule("name_security")
        || out.any_rule("name_cart");
    if cross_site_server_id(cookie, facts) && !machinery {
        // Script-proof, sent from every site and kept a year: an ad server's own ID for
        // this browser (cookie syncing), not one site's machinery.
        out.push(Signal::new(
            Marketing,
            4,
            "cross_site_server_id",
            "A server-only ID sent from every site and kept a year, as ad servers keep.",
        ));
    } else if cookie.http_only && facts.session && sessionish {
        out.push(Signal::new(
            Necessary,
            5,
            "httponly_session_cookie",
            "A server-only cookie that ends with the browser session: a typical sign-in session.",
        ));
    } else if cookie.http_only {
        // Page scripts cannot read HttpOnly cookies, so analytics and ad tags (which run
        // as scripts) do not set them; servers do, for their own bookkeeping.
        out.push(Signal::new(
            Necessary,
            2,
            "httponly",
            "Only the server can read it, which is typical of site machinery.",
        ));
    }
    if facts.ad_host {
        let mut weight = if cookie.secure && cookie.same_site == SameSite::None {
            6
        } else {
            5
        };
        if consent {
            // Opt-out and consent cookies on ad domains record a refusal of tracking.
            weight -= 3;
        }
        out.push(Signal::new(
            facts.tracker.unwrap_or(Marketing),
            weight,
            "tracker_host",
            "Set by a domain of an advertising or analytics company.",
        ));
    }
    out.extend(lifetime_signal(cookie, facts));
}

/// A weak vote only: lifetime alone says little, but it breaks ties between IDs.
fn lifetime_signal(cookie: &Cookie, facts: &Facts<'_>) -> Option<Signal> {
    match facts.lifetime_days {
        // Servers mark their own per-visit cookies HttpOnly or Secure (sessions, load
        // balancers, bot checks); a bare one a page script wrote for this visit only is
        // more often an analytics or replay script's visit marker.
        None if !cookie.http_only && !cookie.secure && !facts.third_party_hint => {
            Some(Signal::new(
                Statistics,
                1,
                "session_script",
                "A page script wrote it for this visit only, as analytics scripts write \
                 their visit markers.",
            ))
        }
        None => Some(Signal::new(
            Necessary,
            1,
            "session_lifetime",
            "It ends with the browser session, like most site machinery.",
        )),
        Some(d) if d >= 365 => {
            let (c, rule) = if facts.third_party_hint {
                (Marketing, "long_lived_cross_site")
            } else {
                (Statistics, "long_lived")
            };
            Some(Signal::new(
                c,
                1,
                rule,
                "It is kept for a year or more, as visitor identifiers usually are.",
            ))
        }
        Some(_) => None,
    }
}
