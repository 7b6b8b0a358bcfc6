//! A stand-in kwalletd6 on the session bus (KWallet itself is not installed on the test
//! machines): one open wallet "kdewallet" kept in memory, answering the `org.kde.KWallet`
//! methods Chromium 156 calls when it stores its password (isEnabled, networkWallet,
//! openAsync + walletAsyncOpened, hasFolder, createFolder, writePassword, close; recorded
//! with dbus-monitor) and those crumbs calls to read it (isOpen, open, readPassword).
//! Runs as a mode of the test binary, so the live test needs no extra Python modules.

use std::collections::HashMap;
use std::time::Duration;

const PATH: &str = "/modules/kwalletd6";
const HANDLE: i32 = 7;

#[derive(Default)]
pub struct FakeWallet {
    folders: HashMap<String, HashMap<String, String>>,
}

#[zbus::interface(name = "org.kde.KWallet")]
impl FakeWallet {
    #[zbus(name = "isEnabled")]
    fn is_enabled(&self) -> bool {
        true
    }
    #[zbus(name = "networkWallet")]
    fn network_wallet(&self) -> String {
        "kdewallet".into()
    }
    #[zbus(name = "isOpen")]
    fn is_open(&self, _wallet: String) -> bool {
        true
    }
    #[zbus(name = "open")]
    fn open(&self, _wallet: String, _wid: i64, _app: String) -> i32 {
        HANDLE
    }
    /// Chromium waits for `walletAsyncOpened(tid, handle)` after this reply.
    #[zbus(name = "openAsync")]
    fn open_async(
        &self,
        _wallet: String,
        _wid: i64,
        _app: String,
        _handle_session: bool,
        #[zbus(connection)] conn: &zbus::Connection,
    ) -> i32 {
        let conn = zbus::blocking::Connection::from(conn.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            let _ = conn.emit_signal(
                None::<&str>,
                PATH,
                "org.kde.KWallet",
                "walletAsyncOpened",
                &(1i32, HANDLE),
            );
        });
        1
    }
    #[zbus(name = "close")]
    fn close(&self, _handle: i32, _force: bool, _app: String) -> i32 {
        0
    }
    #[zbus(name = "hasFolder")]
    fn has_folder(&self, _handle: i32, folder: String, _app: String) -> bool {
        self.folders.contains_key(&folder)
    }
    #[zbus(name = "createFolder")]
    fn create_folder(&mut self, _handle: i32, folder: String, _app: String) -> bool {
        self.folders.entry(folder).or_default();
        true
    }
    #[zbus(name = "hasEntry")]
    fn has_entry(&self, _handle: i32, folder: String, key: String, _app: String) -> bool {
        self.folders
            .get(&folder)
            .is_some_and(|f| f.contains_key(&key))
    }
    #[zbus(name = "readPassword")]
    fn read_password(&self, _handle: i32, folder: String, key: String, _app: String) -> String {
        self.folders
            .get(&folder)
            .and_then(|f| f.get(&key))
            .cloned()
            .unwrap_or_default()
    }
    #[zbus(name = "writePassword")]
    fn write_password(
        &mut self,
        _handle: i32,
        folder: String,
        key: String,
        value: String,
        _app: String,
    ) -> i32 {
        self.folders.entry(folder).or_default().insert(key, value);
        0
    }
}

/// Owns `org.kde.kwalletd6`, touches `ready`, then serves until the process is killed.
pub fn serve(ready: &std::path::Path) {
    let _conn = zbus::blocking::connection::Builder::session()
        .unwrap()
        .name("org.kde.kwalletd6")
        .unwrap()
        .serve_at(PATH, FakeWallet::default())
        .unwrap()
        .build()
        .unwrap();
    std::fs::write(ready, b"").unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
