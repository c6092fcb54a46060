#!/usr/bin/env bash
# Installs what Hearth needs, then runs it on a fresh data directory filled
# with a fictional household.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
. scripts/tags.sh
exec go run -tags "$SQLITE_TAGS" . --demo "$@"
