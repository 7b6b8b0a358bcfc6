#!/usr/bin/env bash
# Regenerates tests/fixtures/real/ from scratch: real Chromium and Firefox profiles made
# against the local fixture server (inside a loopback-only network namespace), trimmed to
# the files crumbs reads, plus MANIFEST.json describing every cookie they hold.
# Needs: chromium, firefox-esr, /usr/bin/python3 with Django, openssl, unshare, sqlite3.
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
  [[ -e "$f" ]] && copy "$ff/Profile Groups/$(basename "$f")"
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

# places.sqlite is pre-grown to 5 MB of free pages by Firefox; VACUUM keeps the same rows
# in a small file. The cookie stores are left byte-for-byte as the browsers wrote them.
for f in "$dst"/.mozilla/firefox/*/places.sqlite; do
  [[ -e "$f" ]] || continue
  [[ -s "$f-wal" ]] || rm -f "$f-wal"
  sqlite3 "$f" 'PRAGMA journal_mode=DELETE; VACUUM;' >/dev/null
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
du -sh "$out"
echo "make-fixtures: wrote $out"
