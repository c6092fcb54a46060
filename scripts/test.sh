#!/usr/bin/env bash
# The whole test suite: formatting, vet, staticcheck, the race-enabled tests
# of every package, and a build of the real (OpenGL) app binary.
# Tests use Fyne's software driver (the `ci` tag), so they need no display.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
. scripts/tags.sh
TEST_TAGS="ci $SQLITE_TAGS"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "not gofmt-ed:"; echo "$unformatted"; exit 1; fi

echo "== go vet"
go vet -tags "$TEST_TAGS" ./...

echo "== staticcheck"
go tool staticcheck -tags "$TEST_TAGS" ./...

echo "== PostgreSQL for the server's store tests"
if [ -z "${HEARTH_TEST_POSTGRES:-}" ]; then
	if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then
		. scripts/postgres.sh # exports HEARTH_TEST_POSTGRES; stops the cluster on exit
	else
		echo "PostgreSQL is not installed, so its store tests skip (CI sets HEARTH_REQUIRE_POSTGRES=1 to fail instead)"
	fi
fi

echo "== go test -race"
go test -race -count=1 -tags "$TEST_TAGS" ./...

echo "== real keychain (gnome-keyring in a private D-Bus session)"
bash scripts/keychain-test.sh

echo "== build the app"
go build -tags "$SQLITE_TAGS" -o /dev/null .
