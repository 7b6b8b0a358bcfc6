//! Plain data shared by every layer: browsers, stores, cookies, and the two classification
//! axes (category = purpose, party = who set it). No I/O here.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod browser;
pub mod choice;
mod id;
#[cfg(test)]
pub(crate) mod sample;

pub use browser::{Browser, Family};
pub use choice::Choice;
pub(crate) use id::fnv1a;
pub use id::{CookieId, CookieIdHex, StoreHash};

/// One cookie file of one browser profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoreRef {
    pub browser: Browser,
    /// Profile name for people (`Local State` name, `profiles.ini` Name, or folder name).
    pub profile: String,
    /// The profile folder (Chromium: `<user data dir>/Default`; Firefox: the profile dir).
    pub profile_dir: PathBuf,
    /// The cookie database file itself.
    pub path: PathBuf,
    /// Chromium family: the user data dir holding `Local State` and `SingletonLock`.
    pub user_data_dir: Option<PathBuf>,
    /// Whether this is the profile the browser opens by default.
    pub is_default: bool,
    /// True for the embedded demo store, so every screen can say so.
    pub is_demo: bool,
}

impl StoreRef {
    pub fn family(&self) -> Family {
        self.browser.family()
    }
}

/// SameSite as the browser stored it, normalised across families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SameSite {
    None,
    Lax,
    Strict,
    Unspecified,
}

impl SameSite {
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::None => "none",
            SameSite::Lax => "lax",
            SameSite::Strict => "strict",
            SameSite::Unspecified => "unspecified",
        }
    }
}

/// Microseconds since the Unix epoch, UTC. Every browser's time base is converted to this
/// at read time, so nothing above the readers knows about 1601 or 2001 epochs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UnixMicros(pub i64);

impl UnixMicros {
    /// One day, in microseconds.
    pub const DAY: i64 = 86_400_000_000;
    pub fn now() -> UnixMicros {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        UnixMicros(i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
    }
    pub fn from_secs(s: i64) -> UnixMicros {
        UnixMicros(s.saturating_mul(1_000_000))
    }
    pub fn secs(self) -> i64 {
        self.0.div_euclid(1_000_000)
    }
}

/// A cookie value. Never printed by `Debug`; reveal it explicitly.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(Box<[u8]>);

impl Secret {
    pub fn new(bytes: impl Into<Box<[u8]>>) -> Secret {
        Secret(bytes.into())
    }
    /// The raw bytes. Callers must not log them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
    /// The value as text (invalid UTF-8 replaced); callers must not log it.
    pub fn expose_str(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(<{} bytes>)", self.0.len())
    }
}

/// What crumbs knows about a cookie's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieValue {
    /// Plaintext, or decrypted.
    Known(Secret),
    /// Encrypted and not decrypted; `scheme` is the version tag (`v10`, `v11`, `v20`) and
    /// `reason` says which key source was tried and why it failed.
    Encrypted { scheme: Box<str>, reason: Box<str> },
    /// Values were not asked for (listing without `--show-values` skips decryption).
    NotLoaded,
}

impl CookieValue {
    pub fn secret(&self) -> Option<&Secret> {
        match self {
            CookieValue::Known(s) => Some(s),
            _ => None,
        }
    }
}

/// Where a row lives inside its store: everything a deleter needs to find exactly this row
/// again and nothing else. Partitioned and container twins differ here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RowKey {
    /// `moz_cookies`: `id` plus the unique key (name, host, path, originAttributes).
    FirefoxDb {
        id: i64,
        origin_attributes: String,
        /// Set when some key column is not valid UTF-8 text (rare).
        raw: Option<Box<RawKey>>,
    },
    /// A session cookie held only in a Firefox session-restore file.
    FirefoxSession {
        /// The session file this cookie was read from.
        file: PathBuf,
        origin_attributes: String,
    },
    /// Chromium `cookies`: rowid plus the rest of `cookies_unique_index`.
    Chromium {
        rowid: i64,
        top_frame_site_key: String,
        has_cross_site_ancestor: i64,
        source_scheme: i64,
        source_port: i64,
        /// Set when some key column is not valid UTF-8 text (rare).
        raw: Option<Box<RawKey>>,
    },
    /// Safari: page and record index (read-only).
    Safari { page: u32, index: u32 },
}

impl RowKey {
    /// The stored bytes of key text that is not valid UTF-8, if any.
    pub fn raw(&self) -> Option<&RawKey> {
        match self {
            RowKey::FirefoxDb { raw, .. } | RowKey::Chromium { raw, .. } => raw.as_deref(),
            _ => None,
        }
    }
}

/// The stored bytes of the key columns that are not valid UTF-8 text. The readers show
/// such bytes as U+FFFD, and that text equals no stored value, so a deleter matches the
/// row with these bytes instead. Each part is `Some` only when that column is such text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct RawKey {
    pub host: Option<Vec<u8>>,
    pub name: Option<Vec<u8>>,
    pub path: Option<Vec<u8>>,
    /// Firefox `originAttributes`, Chromium `top_frame_site_key`.
    pub scope: Option<Vec<u8>>,
}

impl RawKey {
    /// From the stored text bytes of host, name, path and scope (empty for a value that
    /// is not text); `None`, the usual case, when all are valid UTF-8.
    pub fn of(host: &[u8], name: &[u8], path: &[u8], scope: &[u8]) -> Option<Box<RawKey>> {
        let keep = |b: &[u8]| std::str::from_utf8(b).is_err().then(|| b.to_vec());
        let raw = RawKey {
            host: keep(host),
            name: keep(name),
            path: keep(path),
            scope: keep(scope),
        };
        (raw != RawKey::default()).then(|| Box::new(raw))
    }
}

/// One cookie as read from one store. Host, name and path are kept exactly as stored
/// (leading dot kept); display code escapes them.
#[derive(Debug, Clone)]
pub struct Cookie {
    pub store: Arc<StoreRef>,
    pub key: RowKey,
    pub host: String,
    pub name: String,
    pub path: Arc<str>,
    pub value: CookieValue,
    /// `None` for a session cookie.
    pub expires: Option<UnixMicros>,
    pub created: Option<UnixMicros>,
    pub last_accessed: Option<UnixMicros>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    /// Top-level site this cookie is partitioned under (`https://top.test`), if any.
    pub partition: Option<Box<str>>,
    /// Firefox container name (or `#id` when unnamed), if any.
    pub container: Option<Box<str>>,
    /// Registrable domain of `host` (Public Suffix List).
    pub site: Arc<str>,
    /// Firefox: a database row whose copy also sits in the session file Firefox restores
    /// from. Listed once, marked; a delete removes both.
    pub in_session_file: bool,
}

/// A cookie path as kept in memory. Nearly every cookie's is `/`: one shared copy saves a
/// heap block per cookie (about 40 MB at a million, which a big delete holds at once).
pub fn cookie_path(path: &str) -> Arc<str> {
    static ROOT: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| Arc::from("/"));
    if path == "/" {
        Arc::clone(&ROOT)
    } else {
        Arc::from(path)
    }
}

impl Cookie {
    pub fn is_session(&self) -> bool {
        self.expires.is_none()
    }
    pub fn is_expired(&self, now: UnixMicros) -> bool {
        self.expires.is_some_and(|e| e <= now)
    }
    /// Whole days from creation (or now, when the store keeps no creation time) to expiry;
    /// `None` for a session cookie. How long a cookie was made to live, which is what a
    /// policy states, not how long it has left.
    pub fn lifetime_days(&self) -> Option<i64> {
        let expires = self.expires?;
        let from = self.created.unwrap_or_else(UnixMicros::now);
        Some(
            expires
                .0
                .saturating_sub(from.0)
                .div_euclid(UnixMicros::DAY)
                .max(0),
        )
    }
    /// Host without the leading dot.
    pub fn bare_host(&self) -> &str {
        self.host.trim_start_matches('.')
    }
    /// Stable identity: the same row in the same store file keeps the same id across runs
    /// (and across the browser renumbering rows), so `delete --id` hits exactly it.
    pub fn id(&self) -> CookieId {
        CookieId::of(self)
    }
}

/// Purpose axis: what the cookie is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Necessary,
    Preferences,
    Statistics,
    Marketing,
    Unknown,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Necessary,
        Category::Preferences,
        Category::Statistics,
        Category::Marketing,
        Category::Unknown,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Preferences => "preferences",
            Category::Statistics => "statistics",
            Category::Marketing => "marketing",
            Category::Unknown => "unknown",
        }
    }
    /// Statistics and marketing: what `clean --trackers` removes and an audit questions.
    pub fn is_tracking(self) -> bool {
        matches!(self, Category::Statistics | Category::Marketing)
    }
    /// Position in [`Category::ALL`]: the order of tabs, columns and counts everywhere.
    pub fn index(self) -> usize {
        match self {
            Category::Necessary => 0,
            Category::Preferences => 1,
            Category::Statistics => 2,
            Category::Marketing => 3,
            Category::Unknown => 4,
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Category::Necessary => "Necessary",
            Category::Preferences => "Preferences",
            Category::Statistics => "Statistics",
            Category::Marketing => "Marketing",
            Category::Unknown => "Unknown",
        }
    }
    pub fn parse(s: &str) -> Option<Category> {
        choice::parse(s)
    }
}

impl Choice for Category {
    const ALL: &'static [Category] = &Category::ALL;
    fn name(self) -> &'static str {
        self.as_str()
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Category::Statistics => &["statistical", "analytics", "stats"],
            Category::Preferences => &["preference", "functional", "functionality"],
            Category::Marketing => &["advertising", "ads", "tracking"],
            Category::Necessary => &["essential", "strictly-necessary", "security"],
            Category::Unknown => &[],
        }
    }
}

/// Party axis: whether the cookie belongs to the site the person visited or to another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    First,
    Third,
    Unknown,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::First => "first",
            Party::Third => "third",
            Party::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Option<Party> {
        choice::parse(s)
    }
}

impl Choice for Party {
    const ALL: &'static [Party] = &[Party::First, Party::Third, Party::Unknown];
    fn name(self) -> &'static str {
        self.as_str()
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Party::First => &["1st", "first-party"],
            Party::Third => &["3rd", "third-party"],
            Party::Unknown => &[],
        }
    }
}
