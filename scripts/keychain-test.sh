#!/usr/bin/env bash
# Tests app.OSKeychain against a real Secret Service: gnome-keyring, in a
# private D-Bus session, with a throwaway home folder so the user's own
# keyring is never read or changed. Linux only. It fails (it does not skip)
# when the keyring cannot start, so CI cannot pass without testing it.
# Needs: dbus-daemon (dbus-run-session) and gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tags.sh
for tool in dbus-run-session gnome-keyring-daemon; do
	if ! command -v "$tool" >/dev/null; then
		echo "keychain-test: $tool not found; install the dbus-daemon and gnome-keyring packages" >&2
		exit 1
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The tagged file is invisible to the main suite's vet and staticcheck.
go vet -tags "realkeychain ci $SQLITE_TAGS" ./app/
go tool staticcheck -tags "realkeychain ci $SQLITE_TAGS" ./app/
# Build with the real environment (and its Go caches) before switching home.
go test -c -race -tags "realkeychain ci $SQLITE_TAGS" -o "$tmp/app.test" ./app/
mkdir -p "$tmp/home" "$tmp/run" && chmod 700 "$tmp/run"
HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/home/.local/share" \
	XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" TMPDIR="$tmp" \
	dbus-run-session -- bash -euo pipefail -c '
		# A throwaway keyring password: the keyring lives and dies in $HOME.
		if ! printf %s keychain-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
			echo "keychain-test: gnome-keyring-daemon did not start" >&2
			exit 1
		fi
		cd app && "$1" -test.run "^TestRealKeychain" -test.v -test.count=1
	' keychain-test "$tmp/app.test" | tee "$tmp/out"
# A test binary built without the tagged file would pass by running nothing.
for test in TestRealKeychainAvailable TestRealKeychainSetGetDelete TestRealKeychainUnlocksOnReopen \
	TestRealKeychainKeepsTheSignIn TestRealKeychainEntryRemoved; do
	grep -q "^--- PASS: $test " "$tmp/out" || { echo "keychain-test: $test did not pass" >&2; exit 1; }
done
