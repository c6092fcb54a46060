# Helper for the packaging scripts (sourced, not run): copies the source tree
# to a temporary folder, because `fyne package` writes into the folder it
# packages (a generated metadata .go file, a Windows .syso that every later
# build would link, and a bumped Build number in FyneApp.toml). Packaging a
# copy leaves the working tree exactly as it was, even if the build is
# interrupted. The Go build cache is the usual shared one.
# shellcheck shell=bash

# hearth_copy_source DIR: copies tracked and untracked-but-not-ignored files
# (minus dist/) into DIR.
hearth_copy_source() {
	local dest=$1
	mkdir -p "$dest"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z -co --exclude-standard -- . ':!dist' |
			tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$dest"
	else
		tar --exclude=./dist --exclude=./.git -cf - . | tar -xf - -C "$dest"
	fi
}

# hearth_fyne_tags: SQLITE_TAGS as fyne package's comma-separated --tags.
hearth_fyne_tags() {
	# shellcheck disable=SC2153 # SQLITE_TAGS comes from scripts/tags.sh
	echo "${SQLITE_TAGS// /,}"
}
