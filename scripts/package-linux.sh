#!/usr/bin/env bash
# Packages Hearth for Linux with the pinned `go tool fyne package -os linux`:
# dist/Hearth.tar.xz holds the binary (built with the sqlite tags), its
# .desktop file, its icon and a Makefile, so `sudo make install` inside the
# unpacked folder installs it under /usr/local. Then checks the archive
# really holds all four.
#
# Needs what scripts/deps.sh installs. The first run takes about five
# minutes (fyne adds hardening C flags, so the OpenGL driver's C is compiled
# once more); later runs take seconds. RELEASE=1 builds in release mode
# (-trimpath, stripped, no debug), which is a second cold build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tags.sh
. scripts/pkg-src.sh

out=$PWD/dist
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/hearth-linux.XXXXXX")
trap 'rm -rf "$work"' EXIT
hearth_copy_source "$work/src"

release=()
[ "${RELEASE:-}" = 1 ] && release=(--release)

name=$(sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
id=$(sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml)
archive=$out/$name.tar.xz

start=$(date +%s)
(
	cd "$work/src"
	go tool fyne package -os linux --tags "$(hearth_fyne_tags)" "${release[@]}"
)
echo "package-linux: fyne package took $(($(date +%s) - start))s"

# fyne v1.7.2's Makefile names the icon without its extension (Icon :=
# "uk.hearth.app" but the file is uk.hearth.app.png), so `make install` fails;
# see fyne-io/tools#139. Add the extension and pack the archive again.
mkdir "$work/pkg"
tar -xJf "$work/src/$name.tar.xz" -C "$work/pkg"
top=$(ls "$work/pkg")
sed -i "s/^Icon := \"$id\"\$/Icon := \"$id.png\"/" "$work/pkg/$top/Makefile"
tar -cJf "$archive" -C "$work/pkg" "$top"
echo "package-linux: built dist/$name.tar.xz"

# Check the archive: binary, .desktop file, icon and Makefile.
fail() { echo "package-linux: $*" >&2; exit 1; }
tar -tJf "$archive" | sed 's/^/  /'
mkdir "$work/try"
tar -xJf "$archive" -C "$work/try"
pkg=$work/try/$top
bin=$(basename "$(grep '^Exec := ' "$pkg/Makefile" | cut -d'"' -f2)")
for f in Makefile usr/local/bin/$bin usr/local/share/applications/$id.desktop usr/local/share/pixmaps/$id.png; do
	[ -f "$pkg/$f" ] || fail "archive lacks $top/$f"
done
desktop=$pkg/usr/local/share/applications/$id.desktop
grep -qx "Name=$name" "$desktop" || fail ".desktop file has no Name=$name"
grep -qx "Exec=$bin" "$desktop" || fail ".desktop file does not run $bin"
grep -qx "Icon=$id" "$desktop" || fail ".desktop file has no Icon=$id"
cmp -s "$pkg/usr/local/share/pixmaps/$id.png" Icon.png || fail "icon is not Icon.png"
if command -v file >/dev/null; then
	file -b "$pkg/usr/local/bin/$bin" | grep -q "ELF 64-bit" || fail "$bin is not an ELF executable"
fi

# Install it with its own Makefile, system-wide and per user, into a scratch
# folder, and check every file lands where the desktop looks for it.
if command -v make >/dev/null; then
	(cd "$pkg" && make -s install DESTDIR="$work/root" PREFIX=/usr/local) ||
		fail "sudo make install would fail"
	for f in bin/$bin share/applications/$id.desktop share/pixmaps/$id.png; do
		[ -f "$work/root/usr/local/$f" ] || fail "make install did not install $f"
	done
	(cd "$pkg" && HOME="$work/home" make -s user-install) || fail "make user-install would fail"
	for f in bin/$bin share/applications/$id.desktop share/icons/$id.png; do
		[ -f "$work/home/.local/$f" ] || fail "make user-install did not install $f"
	done
	echo "package-linux: make install and make user-install work"
fi
echo "package-linux: dist/$name.tar.xz has $bin, $id.desktop, $id.png and the Makefile"
