//! cookies.txt, the Netscape format curl (`-b`), wget (`--load-cookies`) and yt-dlp
//! (`--cookies`) read: a header line, then one tab-separated line per cookie — domain,
//! include-subdomains, path, secure, expiry, name, value.
//!
//! - A domain cookie is stored with a leading dot (`.example.org`): it is kept, and the
//!   include-subdomains column says `TRUE`; a host-only cookie has neither.
//! - HttpOnly cookies are written as `#HttpOnly_<domain>` (curl's convention, read by curl
//!   and yt-dlp). GNU wget 1.x reads such lines as comments and loses the cookie: without
//!   the prefix, they are plain lines that every reader loads.
//! - Expiry is Unix seconds; `0` marks a session cookie.
//! - There is no column for a partition or a container, and a tab or line break in a
//!   field would split the line: those cookies are left out and counted.

use std::io::Write;

use super::{Export, SkipReason, clear_value};
use crate::model::{Cookie, UnixMicros};

/// The first line every reader expects.
pub const HEADER: &str = "# Netscape HTTP Cookie File\n";

pub(super) fn write(
    out: &mut Export,
    cookies: &[&Cookie],
    now: UnixMicros,
    http_only_prefix: bool,
) {
    out.bytes.extend_from_slice(HEADER.as_bytes());
    for c in cookies {
        match line(c, now, http_only_prefix) {
            Ok(line) => {
                out.bytes.extend_from_slice(&line);
                out.written += 1;
            }
            Err(reason) => out.skip(reason),
        }
    }
}

/// One cookie's line, newline included, or why it cannot have one.
fn line(c: &Cookie, now: UnixMicros, http_only_prefix: bool) -> Result<Vec<u8>, SkipReason> {
    if c.partition.is_some() {
        return Err(SkipReason::Partitioned);
    }
    if c.container.is_some() {
        return Err(SkipReason::Container);
    }
    let value = clear_value(c, now)?;
    let text = [
        c.host.as_bytes(),
        c.name.as_bytes(),
        c.path.as_bytes(),
        value,
    ];
    if text
        .iter()
        .any(|f| f.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r')))
    {
        return Err(SkipReason::TabOrNewline);
    }
    let mut line = Vec::with_capacity(64 + value.len());
    let prefix = if c.http_only && http_only_prefix {
        "#HttpOnly_"
    } else {
        ""
    };
    let flag = |b: bool| if b { "TRUE" } else { "FALSE" };
    let expiry = c.expires.map_or(0, |t| t.secs().max(1));
    // Writing to a Vec cannot fail.
    let _ = write!(
        line,
        "{prefix}{}\t{}\t{}\t{}\t{expiry}\t{}\t",
        c.host,
        flag(c.host.starts_with('.')),
        c.path,
        flag(c.secure),
        c.name,
    );
    line.extend_from_slice(value);
    line.push(b'\n');
    Ok(line)
}
