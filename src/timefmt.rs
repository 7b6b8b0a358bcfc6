//! Time formatting without a calendar library on the hot path: RFC 3339 for JSON (100,000
//! rows must format fast) and plain words for people ("in 11 months").

use crate::model::UnixMicros;

/// `2026-11-29T03:04:05Z` (whole seconds, UTC).
pub fn rfc3339(t: UnixMicros) -> String {
    Rfc3339::new(t).as_str().to_string()
}

/// An RFC 3339 instant formatted into a stack buffer: JSON output of 100,000 cookies
/// formats 300,000 of these, so no allocation and no `format!` machinery per call.
#[derive(Clone, Copy)]
pub struct Rfc3339 {
    buf: [u8; 24],
    len: usize,
}

impl Rfc3339 {
    pub fn new(t: UnixMicros) -> Rfc3339 {
        let secs = t.secs();
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
        let mut buf = *b"0000-00-00T00:00:00Z    ";
        if !(0..=9999).contains(&y) {
            // Years outside 0..=9999 do not fit the fixed layout; they only come from
            // corrupt stores, so the slow path is fine.
            let s = format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                rem / 3600,
                (rem % 3600) / 60,
                rem % 60
            );
            let mut out = Rfc3339 {
                buf: [b' '; 24],
                len: 0,
            };
            let n = s.len().min(24);
            out.buf[..n].copy_from_slice(&s.as_bytes()[..n]);
            out.len = n;
            return out;
        }
        let put = |buf: &mut [u8; 24], at: usize, v: u32, digits: usize| {
            let mut v = v;
            for i in (0..digits).rev() {
                buf[at + i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(&mut buf, 0, y as u32, 4);
        put(&mut buf, 5, m, 2);
        put(&mut buf, 8, d, 2);
        put(&mut buf, 11, (rem / 3600) as u32, 2);
        put(&mut buf, 14, ((rem % 3600) / 60) as u32, 2);
        put(&mut buf, 17, (rem % 60) as u32, 2);
        Rfc3339 { buf, len: 20 }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl serde::Serialize for Rfc3339 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// `2026-11-29` (UTC).
pub fn date(t: UnixMicros) -> String {
    let (y, m, d) = civil_from_days(t.secs().div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A span in the largest unit that reads naturally: "45 seconds", "3 hours", "11 months",
/// "2 years".
pub fn span(micros: i64) -> String {
    let s = micros.unsigned_abs() / 1_000_000;
    let (n, unit) = match s {
        0..=89 => (s, "second"),
        90..=5_399 => ((s + 30) / 60, "minute"),
        5_400..=129_599 => ((s + 1800) / 3600, "hour"),
        129_600..=3_887_999 => ((s + 43_200) / 86_400, "day"),
        3_888_000..=29_807_999 => ((s + 1_314_000) / 2_628_000, "month"),
        _ => (((s + 15_768_000) / 31_536_000).max(1), "year"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The inverse of [`span`] for the lifetimes policies state ("13 months", "24 hours",
/// "1 week"): microseconds, or `None` for text that is not a number and a unit.
pub fn parse_span(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let n: i64 = words.next()?.parse().ok()?;
    let unit = words.next()?.to_ascii_lowercase();
    let secs = match unit.trim_end_matches('s') {
        "second" => 1,
        "minute" => 60,
        "hour" => 3_600,
        "day" => 86_400,
        "week" => 604_800,
        "month" => 2_628_000,
        "year" => 31_536_000,
        _ => return None,
    };
    n.checked_mul(secs)?.checked_mul(1_000_000)
}

/// "in 11 months" / "3 days ago" relative to `now`.
pub fn relative(t: UnixMicros, now: UnixMicros) -> String {
    let d = t.0 - now.0;
    if d >= 0 {
        format!("in {}", span(d))
    } else {
        format!("{} ago", span(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_instants() {
        assert_eq!(rfc3339(UnixMicros(0)), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UnixMicros::from_secs(1_795_914_454)),
            "2026-11-29T01:07:34Z"
        );
        assert_eq!(
            rfc3339(UnixMicros::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(rfc3339(UnixMicros::from_secs(-1)), "1969-12-31T23:59:59Z");
        // Year 58,000: what a millisecond expiry read as seconds looks like.
        assert_eq!(
            rfc3339(UnixMicros::from_secs(1_767_225_600_000)),
            "57971-02-25T00:00:00Z"
        );
    }

    #[test]
    fn spans_read_naturally() {
        let day = 86_400_000_000_i64;
        assert_eq!(span(30_000_000), "30 seconds");
        assert_eq!(span(3 * 3_600_000_000), "3 hours");
        assert_eq!(span(day), "24 hours");
        assert_eq!(span(3 * day), "3 days");
        assert_eq!(span(335 * day), "11 months");
        assert_eq!(span(400 * day), "1 year");
        assert_eq!(span(730 * day), "2 years");
        assert_eq!(relative(UnixMicros(0), UnixMicros(3 * day)), "3 days ago");
    }

    #[test]
    fn stated_lifetimes_parse_back() {
        let day = 86_400_000_000_i64;
        assert_eq!(parse_span("24 hours"), Some(day));
        assert_eq!(parse_span("1 week"), Some(7 * day));
        assert_eq!(parse_span("2 Years"), Some(730 * day));
        // A month is a twelfth of a year, as the policies mean it.
        assert_eq!(parse_span("13 months"), Some(13 * 2_628_000 * 1_000_000));
        assert_eq!(parse_span("session"), None);
        assert_eq!(parse_span("2 fortnights"), None);
    }
}
