//! Shared fixtures for the TUI tests: the demo cookies with a fixed clock and a small
//! test-local classification table (so screens do not change when the policy engine
//! does), and a fake `Services` that records what it was asked.
#![allow(dead_code)]

pub mod screen;

use std::path::PathBuf;
use std::sync::Arc;

use crumbs::inventory::{Entry, Inventory, StoreStatus};
use crumbs::model::{Browser, Category, Cookie, CookieId, Party, StoreRef, UnixMicros};
use crumbs::policy::party::PartyVerdict;
use crumbs::policy::{Confidence, MatchedBy, RuleInfo, Verdict};
use crumbs::tui::Services;
use crumbs::tui::action::{DeleteOutcome, ExportError, ExportOutcome, KeepTarget};
use crumbs::tui::app::App;

/// 2026-11-29T01:07:34Z.
pub const NOW: UnixMicros = UnixMicros(1_795_914_454_000_000);
pub const BACKUP_ID: &str = "20261129-010734-a1b2";

pub fn store(is_demo: bool) -> StoreRef {
    let dir = PathBuf::from("/home/ada/.mozilla/firefox/x1y2z3.default-release");
    StoreRef {
        browser: Browser::Firefox,
        profile: if is_demo { "demo" } else { "default-release" }.into(),
        path: dir.join("cookies.sqlite"),
        profile_dir: dir,
        user_data_dir: None,
        is_default: true,
        is_demo,
    }
}

/// `(name, category, provider, what deleting does)`; a trailing `*` matches a prefix.
const TABLE: &[(&str, Category, &str, Option<&str>)] = &[
    (
        "sessionid",
        Category::Necessary,
        "Opendatasoft",
        Some("You will be signed out of {site}."),
    ),
    ("csrftoken", Category::Necessary, "Opendatasoft", None),
    (
        "django_language",
        Category::Preferences,
        "Opendatasoft",
        Some("{site} forgets your language."),
    ),
    (
        "cookies_preferences",
        Category::Preferences,
        "Opendatasoft",
        Some("{site} asks for your cookie choices again."),
    ),
    ("_ga*", Category::Statistics, "Google Analytics", None),
    ("_gid", Category::Statistics, "Google Analytics", None),
    ("IDE", Category::Marketing, "DoubleClick", None),
    ("test_cookie", Category::Marketing, "DoubleClick", None),
    ("DSID", Category::Marketing, "DoubleClick", None),
    ("fr", Category::Marketing, "Facebook", None),
    ("datr", Category::Marketing, "Facebook", None),
    ("sb", Category::Marketing, "Facebook", None),
    ("_fbp", Category::Marketing, "Facebook", None),
    (
        "c_user",
        Category::Necessary,
        "Facebook",
        Some("You will be signed out of {site}."),
    ),
    (
        "xs",
        Category::Necessary,
        "Facebook",
        Some("You will be signed out of {site}."),
    ),
    ("cart_currency", Category::Preferences, "Shopify", None),
    (
        "cart",
        Category::Necessary,
        "Shopify",
        Some("Your basket on {site} is emptied."),
    ),
    (
        "secure_customer_sig",
        Category::Necessary,
        "Shopify",
        Some("You will be signed out of {site}."),
    ),
    ("localization", Category::Preferences, "Shopify", None),
    ("_shopify_y", Category::Statistics, "Shopify", None),
    ("_tracking_consent", Category::Necessary, "Shopify", None),
    ("_hjSessionUser*", Category::Statistics, "Hotjar", None),
    ("__cf_bm", Category::Necessary, "Cloudflare", None),
    ("cf_clearance", Category::Necessary, "Cloudflare", None),
    ("_cfuvid", Category::Necessary, "Cloudflare", None),
    ("NID", Category::Marketing, "Google", None),
    ("AEC", Category::Necessary, "Google", None),
    ("SOCS", Category::Preferences, "Google", None),
    ("VISITOR_INFO1_LIVE", Category::Marketing, "YouTube", None),
    ("YSC", Category::Statistics, "YouTube", None),
    ("PREF", Category::Preferences, "YouTube", None),
    ("_gh_sess", Category::Necessary, "GitHub", None),
    (
        "user_session",
        Category::Necessary,
        "GitHub",
        Some("You will be signed out of {site}."),
    ),
    ("logged_in", Category::Necessary, "GitHub", None),
    ("_octo", Category::Statistics, "GitHub", None),
    ("tz", Category::Preferences, "GitHub", None),
    ("bcookie", Category::Marketing, "LinkedIn", None),
    ("lidc", Category::Marketing, "LinkedIn", None),
    ("MUID", Category::Marketing, "Microsoft", None),
    ("WMF-Last-Access*", Category::Statistics, "Wikimedia", None),
];

const FIRST_PARTY: &[&str] = &[
    "fabriquenumeriquedupasse.fr",
    "lepetitcomptoir-boutique.fr",
    "github.com",
    "wikipedia.org",
    "google.com",
    "youtube.com",
];

pub fn verdict(c: &Cookie) -> Verdict {
    let Some((_, cat, provider, on_delete)) = TABLE.iter().find(|r| match r.0.strip_suffix('*') {
        Some(prefix) => c.name.starts_with(prefix),
        None => c.name == r.0,
    }) else {
        return Verdict::unknown();
    };
    // Sign-in is a property, as the real policies declare it (`sign_in = true`).
    let sign_in = on_delete.is_some_and(|t| t.contains("signed out"));
    let info = RuleInfo {
        provider: Some(Arc::from(*provider)),
        on_delete: on_delete.filter(|_| !sign_in).map(Arc::from),
        sign_in,
        matched_by: MatchedBy::ExactName {
            policy: Arc::from("test"),
            rule: Arc::from(c.name.as_str()),
        },
        ..RuleInfo::default()
    };
    Verdict {
        consent_required: *cat != Category::Necessary,
        ..Verdict::new(*cat, Confidence::High, info)
    }
}

pub fn entries(store: &Arc<StoreRef>) -> Vec<Entry> {
    crumbs::demo::cookies(store, NOW)
        .unwrap()
        .into_iter()
        .map(|cookie| Entry {
            verdict: verdict(&cookie),
            party: PartyVerdict {
                party: if FIRST_PARTY.contains(&&*cookie.site) {
                    Party::First
                } else {
                    Party::Third
                },
                reason: "test".into(),
            },
            cookie,
        })
        .collect()
}

pub fn inventory(is_demo: bool) -> Inventory {
    let store = Arc::new(store(is_demo));
    let entries = entries(&store);
    Inventory {
        stores: vec![StoreStatus {
            store,
            cookies: entries.len(),
            schema: Some("moz_cookies v17".into()),
            error: None,
            notes: Vec::new(),
            running: None,
        }],
        entries,
    }
}

pub fn app() -> App {
    let mut app = App::new(inventory(false), NOW);
    app.color = true;
    app
}

/// Records every call; deletes everything asked, undo puts everything back.
#[derive(Debug, Default)]
pub struct FakeServices {
    pub deleted: Vec<Vec<String>>,
    pub descriptions: Vec<String>,
    pub undos: Vec<Option<String>>,
    pub reloads: usize,
    pub kept: Vec<KeepTarget>,
    /// `(path, force)` of every export asked for.
    pub exports: Vec<(String, bool)>,
}

impl Services for FakeServices {
    fn delete(&mut self, cookies: &[Cookie], description: &str) -> Result<DeleteOutcome, String> {
        self.deleted
            .push(cookies.iter().map(|c| c.name.clone()).collect());
        self.descriptions.push(description.to_string());
        Ok(DeleteOutcome {
            deleted: cookies.iter().map(CookieId::of).collect(),
            skipped: Vec::new(),
            backup_id: Some(BACKUP_ID.into()),
        })
    }
    fn undo(&mut self, backup: Option<&str>) -> Result<String, String> {
        self.undos.push(backup.map(str::to_string));
        Ok(format!(
            "Put back the cookies of backup {}",
            backup.unwrap_or("(newest)")
        ))
    }
    fn reload(&mut self) -> Inventory {
        self.reloads += 1;
        inventory(false)
    }
    fn history(&mut self, _stores: &[crumbs::inventory::StoreStatus]) -> crumbs::audit::History {
        crumbs::audit::History::default()
    }
    fn toggle_keep(&mut self, target: &KeepTarget) -> Result<bool, String> {
        let was = self.kept.iter().position(|t| t == target);
        match was {
            Some(i) => {
                self.kept.remove(i);
                Ok(false)
            }
            None => {
                self.kept.push(target.clone());
                Ok(true)
            }
        }
    }
    fn keeps(&mut self) -> crumbs::keeplist::KeepList {
        crumbs::keeplist::KeepList::default()
    }
    /// Writes for real: the file, its mode and its refusals are what the tests check.
    fn export(
        &mut self,
        cookies: &[&Cookie],
        path: &str,
        format: crumbs::export::Format,
        force: bool,
        now: UnixMicros,
    ) -> Result<ExportOutcome, ExportError> {
        self.exports.push((path.to_string(), force));
        crumbs::tui::write_export(cookies, path, format, force, now)
    }
}
