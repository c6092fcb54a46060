#!/usr/bin/env bash
# Cross-compiles the Windows app, dist/Hearth.exe, from Linux with mingw-w64,
# through the pinned `go tool fyne package -os windows`: a GUI-subsystem
# binary (-H=windowsgui) with the sqlite tags, its icon, a manifest and
# version metadata (name, version and build from FyneApp.toml) embedded as
# Windows resources. Then checks the .exe really carries them.
#
# Needs gcc-mingw-w64-x86-64 (CI's .ci/run installs it; this script installs
# nothing). A cold build takes about nine minutes; later ones take seconds.
# RELEASE=1 builds in release mode (-trimpath, stripped, no debug).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tags.sh
. scripts/pkg-src.sh

CC=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
OBJDUMP=${OBJDUMP_WINDOWS:-x86_64-w64-mingw32-objdump}
command -v "$CC" >/dev/null || {
	echo "build-windows: $CC not found; install gcc-mingw-w64-x86-64" >&2
	exit 1
}

out=$PWD/dist
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/hearth-windows.XXXXXX")
trap 'rm -rf "$work"' EXIT
hearth_copy_source "$work/src"
# fyne package compiles all C with -D_FORTIFY_SOURCE=3 -fstack-protector-strong,
# whose helpers (__memcpy_chk, __stack_chk_fail) mingw-w64 keeps in libssp.
# Link its static copy, so the .exe needs no libssp-0.dll. Doing it from a cgo
# file in the packaged copy, rather than CGO_LDFLAGS, keeps the cached build of
# every cgo package valid, and leaves the repository's code untouched.
cat >"$work/src/zz_mingw_ssp_windows.go" <<'EOF'
package main

// #cgo LDFLAGS: -l:libssp.a
import "C"
EOF

release=()
[ "${RELEASE:-}" = 1 ] && release=(--release)

start=$(date +%s)
# Build the pinned packager for this machine first: `go tool fyne` under the
# Windows environment below would build the tool itself for Windows.
go build -o "$work/fyne" fyne.io/tools/cmd/fyne
(
	cd "$work/src"
	# fyne package sets GOOS=windows, CGO_ENABLED=1 and -H=windowsgui itself;
	# GOARCH picks the .syso's architecture.
	CGO_ENABLED=1 GOARCH=amd64 CC="$CC" \
		"$work/fyne" package -os windows --tags "$(hearth_fyne_tags)" "${release[@]}"
)
exe=$(find "$work/src" -maxdepth 1 -iname '*.exe' | head -n1)
[ -n "$exe" ] || { echo "build-windows: fyne package made no .exe" >&2; exit 1; }
cp "$exe" "$out/Hearth.exe"
echo "build-windows: built dist/Hearth.exe in $(($(date +%s) - start))s"

# Check what was built: a PE32+ GUI executable with an icon and version info.
exe=$out/Hearth.exe
fail() { echo "build-windows: $*" >&2; exit 1; }
if command -v file >/dev/null; then
	desc=$(file -b "$exe")
	echo "build-windows: $desc"
	case $desc in *PE32+*"(GUI)"*x86-64* | *PE32+*x86-64*"(GUI)"*) ;; *) fail "not a 64-bit Windows GUI executable: $desc" ;; esac
fi
if command -v "$OBJDUMP" >/dev/null; then
	hdr=$("$OBJDUMP" -p "$exe")
	grep -q "Subsystem.*(Windows GUI)" <<<"$hdr" || fail "subsystem is not Windows GUI"
	grep -q "Resource Directory \[\.rsrc\]" <<<"$hdr" || fail "no resource section"
	# The resource directory's top level lists resource types: 3 icon,
	# 14 (0xe) group icon, 16 (0x10) version info, 24 (0x18) manifest.
	types=$(sed -n '/The .rsrc Resource Directory section/,$p' <<<"$hdr" |
		sed -nE 's/^[0-9a-f]{3}   Entry: ID: 0x0*([0-9a-f]+),.*/\1/p')
	for t in 3 e 10 18; do
		grep -qx "$t" <<<"$types" || fail "no resource of type 0x$t (3 icon, e group icon, 10 version, 18 manifest)"
	done
	# Only Windows' own DLLs: no libssp, libgcc or libwinpthread beside it.
	if grep "DLL Name:" <<<"$hdr" | grep -qi "lib"; then
		fail "needs a mingw DLL: $(grep "DLL Name:" <<<"$hdr" | grep -i lib | tr -s ' \t' ' ')"
	fi
fi
# The version strings are UTF-16 in the VERSIONINFO resource.
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
name=$(sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
strings -el "$exe" | grep -qx "$name" || fail "no product name \"$name\" in the version resource"
strings -el "$exe" | grep -q "^$version" || fail "no product version $version in the version resource"
echo "build-windows: dist/Hearth.exe has its icon, manifest and version $version resources"
