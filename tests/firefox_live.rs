//! Live test against a real Firefox (`/usr/bin/firefox-esr`) running headless inside a
//! private network namespace with loopback only: the running profile is detected through
//! its `.parentlock`, its persistent cookies are read from a snapshot while Firefox holds
//! the database exclusively, and its session cookie comes from `recovery.jsonlz4`.
//! With `CI` set a missing browser or `unshare` fails the test; otherwise it is skipped.
#![allow(clippy::unwrap_used)]

mod firefox_support;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crumbs::model::RowKey;
use crumbs::store::firefox;
use crumbs::store::{ReadOptions, running as lock};
use firefox_support::store;

const FIREFOX: &str = "/usr/bin/firefox-esr";
const PYTHON: &str = "/usr/bin/python3";
const UNSHARE: &str = "/usr/bin/unshare";
const PORT: u16 = 18765;

const SERVER: &str = r#"
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Set-Cookie", "persist=p1; Max-Age=63072000; Path=/")
        self.send_header("Set-Cookie", "sess=s1; Path=/; SameSite=Strict")
        self.end_headers()
        self.wfile.write(b"<html><body>crumbs</body></html>")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"#;

fn have_tools() -> bool {
    for tool in [FIREFOX, PYTHON, UNSHARE] {
        if !Path::new(tool).exists() {
            assert!(std::env::var_os("CI").is_none(), "{tool} is required in CI");
            println!("skipped: {tool} not installed");
            return false;
        }
    }
    true
}

/// Server and Firefox together in a namespace with only loopback, in their own process
/// group so the test can stop exactly them.
fn start(profile: &Path, home: &Path) -> Child {
    std::fs::write(
        profile.join("user.js"),
        "user_pref(\"browser.sessionstore.interval\", 1000);\n\
         user_pref(\"browser.shell.checkDefaultBrowser\", false);\n\
         user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);\n",
    )
    .unwrap();
    std::fs::write(home.join("server.py"), SERVER).unwrap();
    let script = format!(
        "ip link set lo up && {PYTHON} {home}/server.py {PORT} & sleep 0.5; \
         exec {FIREFOX} --headless --no-remote --profile {profile} http://localhost:{PORT}/",
        home = home.display(),
        profile = profile.display(),
    );
    Command::new(UNSHARE)
        .args(["-n", "--", "bash", "-c", &script])
        .env("HOME", home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

fn stop(mut child: Child) {
    let pgid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    let _ = rustix::process::kill_process_group(pgid, rustix::process::Signal::TERM);
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = rustix::process::kill_process_group(pgid, rustix::process::Signal::KILL);
    let _ = child.wait();
}

#[test]
fn a_running_firefox_is_detected_and_read_without_touching_its_lock() {
    if !have_tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let profile = d.path().join("profile");
    let home = d.path().join("home");
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let st = store(&profile);
    let child = start(&profile, &home);

    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = None;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        if lock::running(&st).is_none() || !st.path.exists() {
            continue;
        }
        let Ok(read) = firefox::read(&st, &ReadOptions::default()) else {
            continue;
        };
        let has = |n: &str| read.cookies.iter().any(|c| c.name == n);
        if has("persist") && has("sess") {
            seen = Some(read);
            break;
        }
    }
    let running = lock::running(&st);
    stop(child);
    let read = seen.expect("Firefox set both cookies within 60 s");
    let running = running.expect("Firefox detected while running");
    // The open-file scan names the process holding the database.
    assert!(
        running.how.contains("has cookies.sqlite"),
        "{}",
        running.how
    );
    assert!(running.pid.is_some_and(|p| p > 0));

    assert_eq!(read.schema, "moz_cookies v17");
    let persist = read.cookies.iter().find(|c| c.name == "persist").unwrap();
    assert!(matches!(persist.key, RowKey::FirefoxDb { .. }));
    let days = (persist.expires.unwrap().secs() - firefox_support::now_s()) / 86_400;
    assert!(
        (399..=400).contains(&days),
        "capped at 400 days, got {days}"
    );
    let sess = read.cookies.iter().find(|c| c.name == "sess").unwrap();
    match &sess.key {
        RowKey::FirefoxSession { file, .. } => {
            assert!(
                file.ends_with("sessionstore-backups/recovery.jsonlz4"),
                "{file:?}"
            )
        }
        other => panic!("session cookie keyed as {other:?}"),
    }
    assert!(sess.is_session());
    assert_eq!(sess.same_site, crumbs::model::SameSite::Strict);

    assert_eq!(lock::running(&st), None, "stale lock files after exit");
}
