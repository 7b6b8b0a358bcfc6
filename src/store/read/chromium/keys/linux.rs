//! The desktop secret stores that hold Chromium's Linux v11 password: Secret Service
//! (GNOME Keyring, KeePassXC, …) and KWallet, both over the session D-Bus.
//!
//! Must not: hang (every lookup runs on a worker thread with a deadline), show an unlock
//! prompt (a locked keyring is reported, not unlocked interactively), or let the password
//! reach an error, a log line or `Debug` output. Passwords are cached per application for
//! the life of the process, failures too, so a missing keyring costs one deadline at most.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::model::{Browser, Secret};

/// How long one keyring backend may take before crumbs gives up on it.
const DEADLINE: Duration = Duration::from_secs(3);

/// The v11 password and where it came from (for notes; never the password itself).
#[derive(Debug, Clone)]
pub struct Password {
    pub secret: Secret,
    pub source: String,
}

/// The names a browser files its password under: libsecret `application` attribute and
/// the `<Name>` in "<Name> Safe Storage" / "<Name> Keys".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppName {
    pub application: &'static str,
    pub name: &'static str,
}

/// Edge and Opera use Chromium's names on Linux and Vivaldi uses Chrome's (as yt-dlp).
pub fn app_name(browser: Browser) -> AppName {
    let (application, name) = match browser {
        Browser::Chrome | Browser::Vivaldi => ("chrome", "Chrome"),
        Browser::Brave => ("brave", "Brave"),
        _ => ("chromium", "Chromium"),
    };
    AppName { application, name }
}

type Cached = Result<Password, String>;
type Backend = fn(AppName, &Bus) -> Result<Password, String>;
type Bus = zbus::blocking::Connection;

fn cache() -> &'static Mutex<HashMap<&'static str, Cached>> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Cached>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The v11 password for `browser`, or one line naming every source tried and why it
/// failed. Asks each backend at most once per process.
pub fn v11_password(browser: Browser) -> Result<Password, String> {
    let app = app_name(browser);
    let Ok(mut map) = cache().lock() else {
        return Err("keyring lookup unavailable (an earlier lookup crashed)".into());
    };
    if let Some(hit) = map.get(app.application) {
        return hit.clone();
    }
    let result = lookup(app);
    map.insert(app.application, result.clone());
    result
}

fn lookup(app: AppName) -> Result<Password, String> {
    let bus = with_deadline("D-Bus", || {
        Bus::session().map_err(|e| {
            let mut why = format!(
                "no session D-Bus, so no Secret Service or KWallet ({})",
                one_line(&e.to_string())
            );
            if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
                why.push_str("; DBUS_SESSION_BUS_ADDRESS unset");
            }
            why
        })
    })?;
    let kde_first = std::env::var("XDG_CURRENT_DESKTOP")
        .map(|d| d.to_ascii_uppercase().contains("KDE"))
        .unwrap_or(false);
    let backends: [(&str, Backend); 2] = if kde_first {
        [("KWallet", kwallet), ("Secret Service", secret_service)]
    } else {
        [("Secret Service", secret_service), ("KWallet", kwallet)]
    };
    let mut tried = Vec::new();
    for (label, backend) in backends {
        let bus = bus.clone();
        match with_deadline(label, move || backend(app, &bus)) {
            Ok(pw) => return Ok(pw),
            Err(why) => tried.push(format!("{label}: {why}")),
        }
    }
    Err(format!("tried {}", tried.join("; ")))
}

/// Runs `f` on a worker thread and waits at most [`DEADLINE`]; a backend stuck behind a
/// prompt or a dead daemon is left behind rather than blocking the reader.
fn with_deadline<T, F>(label: &str, f: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, String> + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(format!(
            "crumbs-{}",
            label.to_ascii_lowercase().replace(' ', "-")
        ))
        .spawn(move || {
            let _ = tx.send(f());
        });
    if let Err(e) = spawned {
        return Err(format!("could not start the lookup ({e})"));
    }
    match rx.recv_timeout(DEADLINE) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("no answer within {} s", DEADLINE.as_secs()))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("the lookup crashed".into()),
    }
}

fn secret_service(app: AppName, conn: &Bus) -> Result<Password, String> {
    use secret_service::EncryptionType;
    use secret_service::blocking::SecretService;

    let ss = SecretService::connect_with_existing(EncryptionType::Dh, conn.clone())
        .map_err(|e| bus_error(&e.to_string()))?;
    let label = format!("{} Safe Storage", app.name);
    let attrs = HashMap::from([("application", app.application)]);
    let found = ss
        .search_items(attrs)
        .map_err(|e| format!("search failed ({})", one_line(&e.to_string())))?;
    let pick = |items: &[secret_service::blocking::Item<'_>]| -> Option<usize> {
        best_item(
            items.iter().map(|i| {
                let attrs = i.get_attributes().unwrap_or_default();
                let label = i.get_label().unwrap_or_default();
                (label, attrs.get("xdg:schema").cloned().unwrap_or_default())
            }),
            &label,
        )
    };
    let item = if let Some(i) = pick(&found.unlocked) {
        &found.unlocked[i]
    } else if let Some(i) = pick(&found.locked).or((!found.locked.is_empty()).then_some(0)) {
        // gnome-keyring hides the label and schema of a locked item; the search by
        // `application` already matched it.
        let item = &found.locked[i];
        unlock_without_prompt(conn, &item.item_path)?;
        item
    } else {
        return Err(format!(
            "no \"{label}\" item (application={})",
            app.application
        ));
    };
    let secret = item
        .get_secret()
        .map_err(|e| format!("reading \"{label}\" failed ({})", one_line(&e.to_string())))?;
    Ok(Password {
        secret: Secret::new(secret),
        source: format!("Secret Service item \"{label}\""),
    })
}

/// Index of the item Chromium itself would use: its own schema (v2, then v1) or label.
fn best_item(items: impl Iterator<Item = (String, String)>, label: &str) -> Option<usize> {
    let rank = |(l, schema): &(String, String)| match schema.as_str() {
        "chrome_libsecret_os_crypt_password_v2" => 0,
        "chrome_libsecret_os_crypt_password_v1" => 1,
        _ if l == label => 2,
        _ => 3,
    };
    items
        .enumerate()
        .map(|(i, it)| (rank(&it), i))
        .filter(|(r, _)| *r < 3)
        .min()
        .map(|(_, i)| i)
}

/// Asks the service to unlock `item`; succeeds only when it can do so without a prompt
/// (the `Unlock` reply names a prompt object instead of unlocking when it needs one).
fn unlock_without_prompt(
    conn: &zbus::blocking::Connection,
    item: &zbus::zvariant::OwnedObjectPath,
) -> Result<(), String> {
    let reply = conn
        .call_method(
            Some("org.freedesktop.secrets"),
            "/org/freedesktop/secrets",
            Some("org.freedesktop.Secret.Service"),
            "Unlock",
            &(vec![item.as_ref()],),
        )
        .map_err(|e| format!("unlock failed ({})", one_line(&e.to_string())))?;
    let (unlocked, _prompt): (
        Vec<zbus::zvariant::OwnedObjectPath>,
        zbus::zvariant::OwnedObjectPath,
    ) = reply
        .body()
        .deserialize()
        .map_err(|e| format!("unlock failed ({})", one_line(&e.to_string())))?;
    if unlocked.iter().any(|p| p == item) {
        Ok(())
    } else {
        Err("the keyring is locked and unlocking it would prompt".into())
    }
}

fn kwallet(app: AppName, conn: &Bus) -> Result<Password, String> {
    let mut last = String::from("not running");
    for daemon in ["kwalletd6", "kwalletd5"] {
        match kwallet_read(conn, daemon, app) {
            Ok(pw) => return Ok(pw),
            Err(KwError::Absent) => {}
            Err(KwError::Failed(why)) => last = format!("{daemon}: {why}"),
        }
    }
    Err(last)
}

enum KwError {
    /// The daemon is not on the bus (and not activatable).
    Absent,
    Failed(String),
}

fn kwallet_read(
    conn: &zbus::blocking::Connection,
    daemon: &str,
    app: AppName,
) -> Result<Password, KwError> {
    let proxy = zbus::blocking::Proxy::new(
        conn,
        format!("org.kde.{daemon}"),
        format!("/modules/{daemon}"),
        "org.kde.KWallet",
    )
    .map_err(|e| KwError::Failed(one_line(&e.to_string())))?;
    let failed = |e: zbus::Error| match &e {
        zbus::Error::MethodError(name, _, _)
            if name.as_str() == "org.freedesktop.DBus.Error.ServiceUnknown" =>
        {
            KwError::Absent
        }
        _ => KwError::Failed(one_line(&e.to_string())),
    };
    let wallet: String = proxy.call("networkWallet", &()).map_err(failed)?;
    // Opening a closed wallet shows KWallet's password dialog; report it instead.
    let is_open: bool = proxy.call("isOpen", &(wallet.as_str(),)).map_err(failed)?;
    if !is_open {
        return Err(KwError::Failed(format!(
            "wallet \"{wallet}\" is closed and opening it would prompt"
        )));
    }
    let appid = "crumbs";
    let handle: i32 = proxy
        .call("open", &(wallet.as_str(), 0i64, appid))
        .map_err(failed)?;
    if handle < 0 {
        return Err(KwError::Failed(format!("wallet \"{wallet}\" did not open")));
    }
    let folder = format!("{} Keys", app.name);
    let entry = format!("{} Safe Storage", app.name);
    let pw: Result<String, _> = proxy.call(
        "readPassword",
        &(handle, folder.as_str(), entry.as_str(), appid),
    );
    let _: Result<i32, _> = proxy.call("close", &(handle, false, appid));
    let pw = pw.map_err(failed)?;
    if pw.is_empty() {
        return Err(KwError::Failed(format!(
            "no \"{entry}\" entry in \"{folder}\""
        )));
    }
    Ok(Password {
        secret: Secret::new(pw.into_bytes()),
        source: format!("KWallet entry \"{folder}/{entry}\""),
    })
}

/// "Not running" for a name nobody owns; otherwise the error on one line.
fn bus_error(e: &str) -> String {
    if e.contains("ServiceUnknown") || e.contains("was not provided by any") {
        "not running".into()
    } else {
        one_line(e)
    }
}

/// D-Bus errors can span lines; notes are one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names_follow_the_reference_table() {
        assert_eq!(app_name(Browser::Chrome).application, "chrome");
        assert_eq!(app_name(Browser::Vivaldi).name, "Chrome");
        assert_eq!(app_name(Browser::Chromium).name, "Chromium");
        assert_eq!(app_name(Browser::Edge).application, "chromium");
        assert_eq!(app_name(Browser::Opera).name, "Chromium");
        assert_eq!(app_name(Browser::Brave).name, "Brave");
    }

    #[test]
    fn chromium_schema_items_win_over_label_matches() {
        let items = vec![
            ("other".to_string(), String::new()),
            ("Chromium Safe Storage".to_string(), String::new()),
            (
                "x".to_string(),
                "chrome_libsecret_os_crypt_password_v2".to_string(),
            ),
        ];
        assert_eq!(
            best_item(items.clone().into_iter(), "Chromium Safe Storage"),
            Some(2)
        );
        assert_eq!(
            best_item(items.into_iter().take(2), "Chromium Safe Storage"),
            Some(1)
        );
        assert_eq!(best_item(std::iter::empty(), "Chromium Safe Storage"), None);
    }
}
