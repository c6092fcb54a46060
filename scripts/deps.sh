#!/usr/bin/env bash
# Installs the system packages Hearth needs on Debian/Ubuntu: a C compiler and
# the OpenGL/X11/Wayland headers that Fyne's cgo driver builds against, and
# poppler-utils, whose pdftotext the report tests read PDFs back with.
# With "test", also what only the tests need: gnome-keyring and dbus-daemon
# (the real-keychain test) and PostgreSQL (the server's store suite).
# Skips apt entirely when everything is already there.
set -euo pipefail
pkgs=(gcc libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev poppler-utils)
if [ "${1:-}" = test ]; then
	pkgs+=(gnome-keyring dbus-daemon postgresql)
fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo_cmd=""
	[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
command -v go >/dev/null || { echo "Go 1.26 or later is needed: https://go.dev/doc/install" >&2; exit 1; }
