//! The cookie array browser extensions import and export (Cookie-Editor, EditThisCookie,
//! Cookie Manager): the browsers' own extension cookie objects (`chrome.cookies.Cookie`,
//! `browser.cookies.Cookie`), keys in camelCase.
//!
//! - `domain` is the host as the browser stores it: a leading dot for a domain cookie,
//!   none for a host-only one (then `hostOnly` is true).
//! - `sameSite` uses the extension API's words: `no_restriction`, `lax`, `strict`,
//!   `unspecified`.
//! - `expirationDate` is float Unix seconds, absent for a session cookie (`session`).
//! - `storeId` is the browser's cookie store: `"0"` for Chromium's, `firefox-default` or
//!   `firefox-container-N` for Firefox's.
//! - `partitionKey` (`topLevelSite`, and Chromium's `hasCrossSiteAncestor`) only for a
//!   partitioned cookie.

use serde::Serialize;

use super::{Export, SkipReason, clear_value};
use crate::model::{Cookie, Family, RowKey, SameSite, UnixMicros};
use crate::store::firefox::origin::OriginAttributes;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExtensionCookie<'a> {
    domain: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration_date: Option<f64>,
    host_only: bool,
    http_only: bool,
    name: &'a str,
    path: &'a str,
    same_site: &'static str,
    secure: bool,
    session: bool,
    store_id: String,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    partition_key: Option<PartitionKey<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PartitionKey<'a> {
    top_level_site: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_cross_site_ancestor: Option<bool>,
}

pub(super) fn write(out: &mut Export, cookies: &[&Cookie], now: UnixMicros) {
    let mut objects = Vec::with_capacity(cookies.len());
    for c in cookies {
        match object(c, now) {
            Ok(o) => objects.push(o),
            Err(reason) => out.skip(reason),
        }
    }
    out.written = objects.len();
    // Serialising plain strings, numbers and booleans into a Vec cannot fail.
    let _ = serde_json::to_writer_pretty(&mut out.bytes, &objects);
    out.bytes.push(b'\n');
}

fn object<'a>(c: &'a Cookie, now: UnixMicros) -> Result<ExtensionCookie<'a>, SkipReason> {
    let value = std::str::from_utf8(clear_value(c, now)?).map_err(|_| SkipReason::NotText)?;
    Ok(ExtensionCookie {
        domain: &c.host,
        expiration_date: c.expires.map(|t| t.0 as f64 / 1e6),
        host_only: !c.host.starts_with('.'),
        http_only: c.http_only,
        name: &c.name,
        path: &c.path,
        same_site: same_site(c.same_site),
        secure: c.secure,
        session: c.is_session(),
        store_id: store_id(c),
        value,
        partition_key: c.partition.as_deref().map(|site| PartitionKey {
            top_level_site: site,
            has_cross_site_ancestor: match &c.key {
                RowKey::Chromium {
                    has_cross_site_ancestor,
                    ..
                } => Some(*has_cross_site_ancestor != 0),
                _ => None,
            },
        }),
    })
}

/// The extension API's SameSite words.
pub fn same_site(s: SameSite) -> &'static str {
    match s {
        SameSite::None => "no_restriction",
        SameSite::Lax => "lax",
        SameSite::Strict => "strict",
        SameSite::Unspecified => "unspecified",
    }
}

fn store_id(c: &Cookie) -> String {
    let origin = match &c.key {
        RowKey::FirefoxDb {
            origin_attributes, ..
        }
        | RowKey::FirefoxSession {
            origin_attributes, ..
        } => origin_attributes,
        _ if c.store.family() == Family::Firefox => return "firefox-default".into(),
        _ => return "0".into(),
    };
    match OriginAttributes::parse(origin).user_context_id {
        0 => "firefox-default".into(),
        n => format!("firefox-container-{n}"),
    }
}
