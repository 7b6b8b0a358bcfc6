//! Live: a real browser started in its own PID namespace (as Flatpak and other bwrap
//! sandboxes start it), so the pid in its lock file means nothing outside. While it runs
//! on a copy of the fixture profiles, `crumbs stores` must report it running, `delete`
//! and `undo` must refuse, and the cookie files must stay byte-identical. The browsers
//! run inside a loopback-only network namespace (`scripts/fixtures/netns.sh`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

#[path = "common/live.rs"]
mod live;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Serves `www/` on 127.0.0.1:8080 and starts the browser on it in a PID namespace of
/// its own; stops both when the file `stop` appears.
const RUN: &str = r#"
dir=$1; which=$2; profile=$3
mkdir -p "$dir/www"; echo '<p>hi</p>' >"$dir/www/index.html"
/usr/bin/python3 -m http.server 8080 --bind 127.0.0.1 --directory "$dir/www" \
  >"$dir/http.log" 2>&1 & S=$!
sleep 0.5
if [ "$which" = chromium ]; then
  mapfile -t quiet < <(/usr/bin/python3 -c \
    'import chromium; print("\n".join(chromium.QUIET_FLAGS))')
  unshare -p -f --kill-child --mount-proc /usr/bin/chromium "${quiet[@]}" \
    --user-data-dir="$profile" http://127.0.0.1:8080/ >/dev/null 2>&1 & B=$!
else
  unshare -p -f --kill-child --mount-proc /usr/bin/firefox-esr --headless --no-remote \
    --profile "$profile" http://127.0.0.1:8080/ >/dev/null 2>&1 & B=$!
fi
for _ in $(seq 1 300); do [ -e "$dir/stop" ] && break; sleep 0.2; done
# `unshare -f` blocks SIGTERM while it waits, so only SIGKILL ends it; --kill-child then
# kills the browser, the namespace's init, and with it every process inside.
kill -KILL $B; wait $B; kill $S
"#;

/// The namespace runner; on drop (also when a test fails) it is told to stop, and after
/// a bounded wait its whole process group is killed, so no browser outlives the test.
struct Browser {
    child: Child,
    dir: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::fs::write(self.dir.join("stop"), b"");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, which: &str, profile: &Path) -> Browser {
    let log = std::fs::File::create(dir.join("run.log")).unwrap();
    let child = live::netns_command("bash", &["-c", RUN, "run"])
        .arg(dir)
        .arg(which)
        .arg(profile)
        .env("PYTHONPATH", live::repo_root().join("scripts/fixtures"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let browser = Browser {
        child,
        dir: dir.to_path_buf(),
    };
    // The page was fetched, so the profile (and its cookie store) is open.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let log = std::fs::read_to_string(dir.join("http.log")).unwrap_or_default();
        if log.contains("GET / ") {
            eprintln!("{which}: page loaded");
            return browser;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let run = std::fs::read_to_string(dir.join("run.log")).unwrap_or_default();
    panic!("{which} did not load the page within 30 s:\n{run}");
}

/// Each file with its bytes (`None` when absent).
fn snapshot(files: &[PathBuf]) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).ok()))
        .collect()
}

/// Two identical looks a second apart: the browser is not writing the files right now.
fn settled(files: &[PathBuf]) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut last = snapshot(files);
    for _ in 0..20 {
        std::thread::sleep(Duration::from_secs(1));
        let now = snapshot(files);
        if now == last {
            return now;
        }
        last = now;
    }
    panic!("the browser kept writing its cookie files");
}

fn check_sandboxed(which: &str, store: &Path, profile: &Path, files: &[PathBuf]) {
    if live::require_browser_tools().is_none() {
        return;
    }
    let home = live::real_home_copy();
    let home = home.path();
    let store = home.join(store);
    let profile = home.join(profile);
    let files: Vec<PathBuf> = files.iter().map(|f| home.join(f)).collect();
    let s = store.to_str().unwrap();
    // A backup to undo, made while the browser is closed.
    let made = live::crumbs_output(
        home,
        &["delete", "--store", s, "--name", "django_language", "-y"],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let work = tempfile::tempdir().unwrap();
    let browser = start(work.path(), which, &profile);
    let before = settled(&files);
    eprintln!("{which}: cookie files settled");

    let stores = live::crumbs_output(home, &["stores", "--json", "--store", s]);
    let json: serde_json::Value = serde_json::from_slice(&stores.stdout).unwrap();
    let delete = live::crumbs_output(home, &["delete", "--store", s, "--name", "csrftoken", "-y"]);
    let undo = live::crumbs_output(home, &["undo"]);
    let after = snapshot(&files);
    drop(browser);
    eprintln!("{which}: browser stopped");

    assert_eq!(json[0]["running"], true, "{which}: stores says {json}");
    for (what, out) in [("delete", &delete), ("undo", &undo)] {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.status.success(), "{which}: {what} succeeded: {text}");
        assert!(text.contains("running"), "{which}: {what}: {text}");
        // The holder is named by the pid seen from here, not the one inside its namespace.
        let held = format!("has {} open", store.file_name().unwrap().to_string_lossy());
        assert!(
            text.contains("(pid ") && text.contains(&held),
            "{which}: {what} does not name the holder: {text}"
        );
    }
    for ((path, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{which}: {} changed", path.display());
    }
}

#[test]
fn chromium_in_its_own_pid_namespace_is_running() {
    let udd = ".config/chromium";
    check_sandboxed(
        "chromium",
        Path::new(".config/chromium/Default/Cookies"),
        Path::new(udd),
        &[
            PathBuf::from(".config/chromium/Default/Cookies"),
            PathBuf::from(".config/chromium/Default/Cookies-journal"),
        ],
    );
}

#[test]
fn firefox_in_its_own_pid_namespace_is_running() {
    let profile = ".mozilla/firefox/juvodf8i.default-esr";
    check_sandboxed(
        "firefox",
        &Path::new(profile).join("cookies.sqlite"),
        Path::new(profile),
        &[
            Path::new(profile).join("cookies.sqlite"),
            Path::new(profile).join("cookies.sqlite-wal"),
        ],
    );
}
