//! The policies compiled into the binary: every file of `assets/policies/`, embedded with
//! `include_str!` so crumbs needs no data files at run time. A test checks this list
//! against the folder, so a new file cannot be forgotten. Parsing happens in `load`.

/// `(file name, TOML text)` of each built-in policy, in load order (later ones win).
pub const FILES: &[(&str, &str)] = &[(
    "opendatasoft.toml",
    include_str!("../../assets/policies/opendatasoft.toml"),
)];
