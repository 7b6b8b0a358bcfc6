//! Cookies handed to other programs, values included: the cookies.txt format curl, wget
//! and yt-dlp read ([`netscape`]) and the JSON array browser cookie extensions import
//! ([`extension_json`]). Values are secrets here more than anywhere: a cookie whose value
//! is not known in clear (not decrypted) is left out and counted, never written as
//! garbage, and files are created owner-only ([`write_new_file`]). Reads no store and
//! prints nothing: the front ends choose the cookies and show the notes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::Result;
use crate::model::{Cookie, CookieValue, UnixMicros};

pub mod extension_json;
pub mod netscape;

/// The two export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// cookies.txt, with the `#HttpOnly_` prefix unless told otherwise.
    Netscape { http_only_prefix: bool },
    /// The browser-extension cookie array.
    ExtensionJson,
}

/// Why a cookie was left out of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// Expired: no browser would send it, and importers would drop it.
    Expired,
    /// Its value could not be decrypted on this machine.
    Undecryptable,
    /// Its value is not UTF-8 text, which the JSON format cannot hold.
    NotText,
    /// A tab or line break in a field would break the one-line-per-cookie format.
    TabOrNewline,
    /// Partitioned (CHIPS or Total Cookie Protection): cookies.txt has no column for it.
    Partitioned,
    /// Held in a Firefox container: cookies.txt has no column for it.
    Container,
}

impl SkipReason {
    /// Why, in words, for the note on stderr.
    pub fn words(self) -> &'static str {
        match self {
            SkipReason::Expired => "expired",
            SkipReason::Undecryptable => "their values could not be decrypted",
            SkipReason::NotText => "their values are not text, which the JSON format cannot hold",
            SkipReason::TabOrNewline => {
                "a tab or line break in the name or value breaks the cookies.txt format"
            }
            SkipReason::Partitioned => "partitioned cookies cannot be expressed in cookies.txt",
            SkipReason::Container => "container cookies cannot be expressed in cookies.txt",
        }
    }

    /// Why, in a few words, for a one-line summary.
    pub fn short(self) -> &'static str {
        match self {
            SkipReason::Expired => "expired",
            SkipReason::Undecryptable => "not decrypted",
            SkipReason::NotText => "not text",
            SkipReason::TabOrNewline => "tab or line break",
            SkipReason::Partitioned => "partitioned",
            SkipReason::Container => "in a container",
        }
    }
}

/// What was left out, on one line: "3 left out: 2 expired, 1 not decrypted"; `None` when
/// nothing was.
pub fn left_out(skipped: &BTreeMap<SkipReason, usize>) -> Option<String> {
    let total: usize = skipped.values().sum();
    (total > 0).then(|| {
        let parts: Vec<String> = skipped
            .iter()
            .map(|(reason, n)| format!("{n} {}", reason.short()))
            .collect();
        format!("{total} left out: {}", parts.join(", "))
    })
}

/// An export: the bytes to write, how many cookies they hold, and what was left out.
#[derive(Debug, Default)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub written: usize,
    pub skipped: BTreeMap<SkipReason, usize>,
}

impl Export {
    /// One note per reason: "3 cookies left out: expired".
    pub fn notes(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|(reason, n)| {
                let s = if *n == 1 { "" } else { "s" };
                format!("{n} cookie{s} left out: {}", reason.words())
            })
            .collect()
    }

    fn skip(&mut self, reason: SkipReason) {
        *self.skipped.entry(reason).or_default() += 1;
    }
}

/// `cookies` in `format`, as of `now` (expired cookies are left out).
pub fn export(cookies: &[&Cookie], format: Format, now: UnixMicros) -> Export {
    let mut out = Export::default();
    match format {
        Format::Netscape { http_only_prefix } => {
            netscape::write(&mut out, cookies, now, http_only_prefix)
        }
        Format::ExtensionJson => extension_json::write(&mut out, cookies, now),
    }
    out
}

/// The value in clear, or why the cookie cannot be exported. Shared by both formats.
fn clear_value(c: &Cookie, now: UnixMicros) -> std::result::Result<&[u8], SkipReason> {
    if c.is_expired(now) {
        return Err(SkipReason::Expired);
    }
    match &c.value {
        CookieValue::Known(s) => Ok(s.expose()),
        CookieValue::Encrypted { .. } | CookieValue::NotLoaded => Err(SkipReason::Undecryptable),
    }
}

/// Writes `bytes` to a new owner-only (0600) file at `path`. An existing file is replaced
/// only with `force`, and then atomically: the new content is written to a private file
/// beside it and renamed over it, so the old file is never half-written or widened.
pub fn write_new_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    use crate::store::files;
    if force {
        files::replace_atomically(path, bytes, files::Perms::Private)
    } else {
        files::create_atomically(path, bytes)
    }
}

#[cfg(test)]
mod tests;
