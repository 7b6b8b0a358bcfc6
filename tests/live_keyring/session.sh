# Runs inside `unshare -n -- dbus-run-session --`: a keyring (BACKEND=gnome: the real
# gnome-keyring; BACKEND=kwallet: the stand-in in fake_kwalletd.rs), the cookie server,
# headless Chromium storing v11 values, then crumbs' reader (this test binary again) on
# the same bus.
set -eu
cd "$WORK"
ip link set lo up
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$HOME" && mkdir -m 700 -p "$XDG_RUNTIME_DIR"
wait_for() { for _ in $(seq 50); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }
inner() { # EXPECT [env …]: the reader half, in this D-Bus session unless told otherwise
  expect=$1; shift
  env CRUMBS_LIVE_CHROMIUM_STORE="$WORK/ud/Default/Cookies" CRUMBS_LIVE_EXPECT="$expect" "$@" \
    "$TEST_EXE" --exact inner_read_in_session --nocapture --test-threads=1
}
if [ "$BACKEND" = gnome ]; then
  printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  STORE=gnome-libsecret
else
  CRUMBS_LIVE_FAKE_KWALLET_READY="$WORK/kwallet.ready" \
    "$TEST_EXE" --exact fake_kwalletd_service --test-threads=1 >/dev/null & KWALLET=$!
  trap 'kill $KWALLET' EXIT
  wait_for kwallet.ready
  STORE=kwallet6
fi
/usr/bin/python3 server.py 18080 server.ready & SERVER=$!
wait_for server.ready
timeout 60 /usr/bin/python3 drive.py 3 /usr/bin/chromium --headless --no-sandbox \
  --disable-gpu --disable-quic --no-first-run --no-default-browser-check \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage --password-store="$STORE" --user-data-dir="$WORK/ud" \
  http://127.0.0.1:18080/ >chromium.log 2>&1
kill "$SERVER"
if [ "$BACKEND" = gnome ]; then
  inner decrypted
  inner no-keyring DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/no-bus"
  # A second bus auto-starts gnome-keyring with the saved, now locked, keyring: crumbs
  # must report it locked instead of showing an unlock prompt.
  mkdir -m 700 -p "$WORK/run2"
  inner locked XDG_RUNTIME_DIR="$WORK/run2" dbus-run-session --
else
  inner kwallet XDG_CURRENT_DESKTOP=KDE
fi
