//! The policies compiled into the binary: every file of `assets/policies/`, embedded with
//! `include_str!` so crumbs needs no data files at run time. A test checks this list
//! against the folder, so a new file cannot be forgotten. Parsing happens in `load`.

/// `(file name, TOML text)` of each built-in policy, in load order (later ones win).
pub const FILES: &[(&str, &str)] = &[
    (
        "known-hosts.toml",
        include_str!("../../assets/policies/known-hosts.toml"),
    ),
    (
        "known-analytics.toml",
        include_str!("../../assets/policies/known-analytics.toml"),
    ),
    (
        "known-advertising.toml",
        include_str!("../../assets/policies/known-advertising.toml"),
    ),
    (
        "known-consent.toml",
        include_str!("../../assets/policies/known-consent.toml"),
    ),
    (
        "known-security.toml",
        include_str!("../../assets/policies/known-security.toml"),
    ),
    (
        "known-cdn.toml",
        include_str!("../../assets/policies/known-cdn.toml"),
    ),
    (
        "known-payment.toml",
        include_str!("../../assets/policies/known-payment.toml"),
    ),
    (
        "known-frameworks.toml",
        include_str!("../../assets/policies/known-frameworks.toml"),
    ),
    (
        "known-signin.toml",
        include_str!("../../assets/policies/known-signin.toml"),
    ),
    (
        "opendatasoft.toml",
        include_str!("../../assets/policies/opendatasoft.toml"),
    ),
];
