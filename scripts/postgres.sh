#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the server's store tests: a new
# data directory under a temp dir, listening only on 127.0.0.1 on a free
# port, trust authentication for the one local user, no data kept.
#
#   . scripts/postgres.sh   exports HEARTH_TEST_POSTGRES and stops and
#                           removes the cluster when the shell exits
#   bash scripts/postgres.sh
#                           prints the DSN and how to stop it, and leaves
#                           it running
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the
# "postgres" user (created by the Debian package) through runuser.
# Needs the postgresql package (apt-get install -y postgresql).

hearth_pg_main() {
	local bindir
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$bindir" ]; then
		bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
	fi
	if [ ! -x "$bindir/initdb" ]; then
		echo "postgres.sh: initdb not found; install PostgreSQL (apt-get install -y postgresql)" >&2
		return 1
	fi
	local as=()
	local owner
	owner=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		as=(runuser -u postgres --)
		owner=postgres
	fi
	HEARTH_PG_DIR=$(mktemp -d /tmp/hearth-pg.XXXXXX)
	chown "$owner" "$HEARTH_PG_DIR"
	local port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
	"${as[@]}" "$bindir/initdb" -D "$HEARTH_PG_DIR/data" -U hearth --auth=trust -E UTF8 --no-sync >"$HEARTH_PG_DIR/initdb.log" 2>&1 || {
		echo "postgres.sh: initdb failed:" >&2; cat "$HEARTH_PG_DIR/initdb.log" >&2; return 1
	}
	"${as[@]}" "$bindir/pg_ctl" -D "$HEARTH_PG_DIR/data" -l "$HEARTH_PG_DIR/server.log" -w \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $HEARTH_PG_DIR -c fsync=off -c full_page_writes=off" start >/dev/null || {
		echo "postgres.sh: the server did not start:" >&2; cat "$HEARTH_PG_DIR/server.log" >&2; return 1
	}
	HEARTH_PG_STOP="${as[*]} $bindir/pg_ctl -D $HEARTH_PG_DIR/data -m fast stop"
	export HEARTH_TEST_POSTGRES="postgres://hearth@127.0.0.1:$port/postgres?sslmode=disable"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
	hearth_pg_main || return 1
	# shellcheck disable=SC2064
	trap "$HEARTH_PG_STOP >/dev/null 2>&1; rm -rf '$HEARTH_PG_DIR'" EXIT
	echo "PostgreSQL for tests: $HEARTH_TEST_POSTGRES"
else
	set -euo pipefail
	hearth_pg_main
	echo "export HEARTH_TEST_POSTGRES='$HEARTH_TEST_POSTGRES'"
	echo "# stop with: $HEARTH_PG_STOP && rm -rf $HEARTH_PG_DIR"
fi
