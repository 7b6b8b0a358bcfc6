//! crumbs never talks to the network: no HTTP client, TLS stack or async network runtime
//! may appear anywhere in the dependency tree. Checked on `Cargo.lock`, which lists every
//! crate of every platform, so a network crate pulled in on macOS or Windows only is
//! caught here too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// Crates that exist to make network connections (HTTP clients and servers, TLS, DNS,
/// async socket runtimes, WebSocket, mail).
const FORBIDDEN: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "hyper-tls",
    "hyper-rustls",
    "h2",
    "h3",
    "quinn",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "minreq",
    "http-req",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "tokio-rustls",
    "tokio-native-tls",
    "webpki",
    "webpki-roots",
    "rustls-native-certs",
    "trust-dns-resolver",
    "hickory-resolver",
    "tokio",
    "async-std",
    "tungstenite",
    "tokio-tungstenite",
    "lettre",
    "ssh2",
    "libssh2-sys",
    "socket2",
];

/// Crates that can open sockets but are here for something else, with the only crates
/// allowed to depend on them. `mio` is crossterm's terminal event poll.
const ONLY_FOR: &[(&str, &[&str])] = &[("mio", &["crossterm", "signal-hook-mio"])];

/// `(name, dependency names)` for every package in `Cargo.lock`.
fn lock_entries() -> Vec<(String, Vec<String>)> {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock is committed");
    let parsed: toml::Table = lock.parse().unwrap();
    parsed["package"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let deps = p.get("dependencies").and_then(|d| d.as_array());
            let deps = deps.into_iter().flatten();
            // Entries read "name" or "name version" when two versions are locked.
            let deps = deps.map(|d| d.as_str().unwrap().split(' ').next().unwrap().to_owned());
            (p["name"].as_str().unwrap().to_owned(), deps.collect())
        })
        .collect()
}

fn locked_packages() -> Vec<String> {
    lock_entries().into_iter().map(|(n, _)| n).collect()
}

#[test]
fn socket_capable_crates_only_where_expected() {
    let entries = lock_entries();
    for (krate, allowed) in ONLY_FOR {
        let users: Vec<_> = entries
            .iter()
            .filter(|(_, deps)| deps.iter().any(|d| d == krate))
            .map(|(n, _)| n.as_str())
            .collect();
        let unexpected: Vec<_> = users.iter().filter(|u| !allowed.contains(u)).collect();
        assert!(unexpected.is_empty(), "{krate} used by {unexpected:?}");
    }
}

#[test]
fn no_network_crates_in_the_lock_file() {
    let names = locked_packages();
    // The lock file really was read: crates crumbs is known to use are there.
    for known in ["rusqlite", "ratatui", "zbus", "serde_json"] {
        assert!(
            names.iter().any(|n| n == known),
            "{known} missing from Cargo.lock"
        );
    }
    let found: Vec<_> = names
        .iter()
        .filter(|n| FORBIDDEN.contains(&n.as_str()))
        .collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
}

/// zbus talks to the local D-Bus daemon over a Unix socket only; its TCP transport and
/// tokio runtime are features crumbs does not enable.
#[test]
fn dbus_stack_is_unix_socket_only() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let parsed: toml::Table = manifest.parse().unwrap();
    let zbus = &parsed["dependencies"]["zbus"];
    assert_eq!(zbus["default-features"].as_bool(), Some(false));
    let features: Vec<_> = zbus["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(!features.contains(&"tokio"), "{features:?}");
    let names = locked_packages();
    assert!(!names.iter().any(|n| n == "tokio"));
}
