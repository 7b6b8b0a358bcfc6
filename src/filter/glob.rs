//! `*` wildcards in filter text (`--name '_ga*'`, `--site '*.example.org'`): `*` matches
//! any run of characters, everything else matches itself. No other metacharacters, so a
//! cookie name holding `?` or `[` still matches literally.

/// Whether `pattern` holds a wildcard (and so is matched with [`matches`]).
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains('*')
}

/// `text` matches `pattern` as a whole; with `ignore_case`, ASCII case is ignored (host
/// names). Linear in practice: the last `*` seen is the only backtracking point.
pub fn matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let eq = |a: u8, b: u8| a == b || (ignore_case && a.eq_ignore_ascii_case(&b));
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && eq(p[pi], t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_match_any_run_of_characters() {
        for (pattern, text, ignore_case, want) in [
            ("_ga*", "_ga", false, true),
            ("_ga*", "_ga_ABC123", false, true),
            ("_ga*", "x_ga", false, false),
            ("_GA*", "_ga", false, false),
            ("*.example.org", "www.example.org", true, true),
            ("*.example.org", "a.b.EXAMPLE.org", true, true),
            ("*.example.org", "example.org", true, false),
            ("*.example.org", "badexample.org", true, false),
            ("*sess*", "PHPSESSID", true, true),
            ("a*b*c", "aXXbYYc", false, true),
            ("a*b*c", "aXXbYY", false, false),
            ("*", "", false, true),
            ("a?[b]", "a?[b]", false, true),
            ("**x", "abx", false, true),
        ] {
            assert_eq!(
                matches(pattern, text, ignore_case),
                want,
                "{pattern} {text}"
            );
        }
    }
}
