#!/usr/bin/env bash
# Regenerates tests/fixtures/real/ from scratch: real Chromium and Firefox profiles made
# against the local fixture server (inside a loopback-only network namespace), trimmed to
# the files crumbs reads, plus MANIFEST.json describing every cookie they hold.
# Needs: chromium, firefox-esr, /usr/bin/python3 with Django, openssl, unshare, sqlite3.
# Takes about 40 s; browsers never reach past 127.0.0.1 (manifest.py fails if one tries).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/tests/fixtures/real"
work=$(mktemp -d /tmp/crumbs-fixtures.XXXXXX)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$repo/scripts/fixtures/drive.py" make-home "$work/home" --log "$work/server.jsonl"

src="$work/home"
dst="$work/trimmed"
copy() { # copy REL: one file, keeping its place in the tree; missing files are skipped
  if [[ -e "$src/$1" ]]; then
    mkdir -p "$dst/$(dirname "$1")"
    cp -p "$src/$1" "$dst/$1"
  fi
}

# Chromium: the user data dir's Local State, and the Default profile's cookie files.
for f in "Local State" Default/Cookies Default/Cookies-journal Default/Preferences Default/History; do
  copy ".config/chromium/$f"
done

# Firefox: the root's ini files and profile groups, then the profile's files.
ff=.mozilla/firefox
for f in profiles.ini installs.ini; do copy "$ff/$f"; done
for f in "$src/$ff/Profile Groups"/*.sqlite; do
  [[ -e "$f" ]] && copy "$ff/Profile Groups/$(basename "$f")" && copy "$ff/Profile Groups/$(basename "$f")-wal"
done
for prof in "$src/$ff"/*/; do
  p="$ff/$(basename "$prof")"
  [[ -e "$prof/prefs.js" ]] || continue
  for f in cookies.sqlite cookies.sqlite-wal containers.json sessionstore.jsonlz4 \
           places.sqlite places.sqlite-wal; do
    copy "$p/$f"
  done
  for f in "$prof"/sessionstore-backups/*; do
    [[ -e "$f" ]] && copy "$p/sessionstore-backups/$(basename "$f")"
  done
done

# places.sqlite and the profile-group DB are not cookie stores: Firefox pre-grows them
# and uses 32 KiB pages, so VACUUM them into 4 KiB pages (same rows, a tenth of the
# size). The cookie stores are left byte-for-byte as the browsers wrote them.
for f in "$dst"/.mozilla/firefox/*/places.sqlite "$dst/.mozilla/firefox/Profile Groups"/*.sqlite; do
  [[ -e "$f" ]] || continue
  [[ -s "$f-wal" ]] || rm -f "$f-wal"
  sqlite3 "$f" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=4096; VACUUM;' >/dev/null
done
# An empty -wal means nothing is pending; keep the cookie one only when it holds pages.
for f in "$dst"/.mozilla/firefox/*/cookies.sqlite-wal; do
  [[ -e "$f" && ! -s "$f" ]] && rm -f "$f"
done

/usr/bin/python3 "$repo/scripts/fixtures/manifest.py" "$dst" "$work/server.jsonl" "$work/MANIFEST.json"

rm -rf "$out"
mkdir -p "$out"
mv "$dst" "$out/home"
mv "$work/MANIFEST.json" "$out/MANIFEST.json"
# A human-readable look at what was committed (read-only: immutable URIs never write).
ro() { sqlite3 -readonly "file:$1?immutable=1" "$2"; }
echo "Chromium $(ro "$out/home/.config/chromium/Default/Cookies" \
  "select 'meta ' || value from meta where key='version'"):"
ro "$out/home/.config/chromium/Default/Cookies" \
  "select printf('  %-32s %-20s %s%s', host_key, name,
          case when is_persistent then 'persistent' else 'session' end,
          case when top_frame_site_key <> '' then ' partitioned ' || top_frame_site_key else '' end)
   from cookies order by host_key, name"
for db in "$out"/home/.mozilla/firefox/*/cookies.sqlite; do
  echo "Firefox moz_cookies v$(ro "$db" 'pragma user_version') (+ session cookies in sessionstore.jsonlz4):"
  ro "$db" "select printf('  %-32s %-20s %s', host, name, originAttributes)
            from moz_cookies order by host, name"
done
du -sh "$out"
echo "make-fixtures: wrote $out"
