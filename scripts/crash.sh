#!/usr/bin/env bash
# Crash safety at CI size: the writer process is killed with SIGKILL at a
# random moment 1,000 times (CRASH_KILLS to change it), and after each kill
# the store must pass SQLite's integrity check and hold every record the
# writer reported saved, decrypting, once, with its sync outbox entry.
# The ordinary `go test` run does 25 kills; see app/crash_test.go.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tags.sh
kills="${CRASH_KILLS:-1000}"
start=$(date +%s)
go test -race -count=1 -tags "ci $SQLITE_TAGS" ./app/ -run '^TestCrash$' -v -timeout 30m -crash.kills="$kills" | grep -v '^=== RUN'
echo "crash: $kills kills in $(($(date +%s) - start)) s"
