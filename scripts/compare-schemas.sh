#!/bin/bash
# Compares the PostgreSQL schema with SQLite's on a real, throwaway PostgreSQL server: tables,
# columns, types, defaults, indexes, foreign keys, trigger effects, and the plans of WQL's
# case-insensitive forms on 100,000 rows (scripts/compare-schemas.py says what is checked).
#
# Needs a build with tests (`swift build --build-tests`) and Debian's postgresql package.
# Usage: scripts/compare-schemas.sh   (run as root: the server runs as user postgres via setpriv)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/tsp-compare-schemas.XXXXXX)
as_postgres() { setpriv --reuid postgres --regid postgres --init-groups "$@"; }
cleanup() {
    as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The migration's SQL and a fresh SQLite store, written by the schema test.
TSPROVIDER_SCHEMA_DUMP="$work/dump" swift test --skip-build --filter 'PostgresSchemaTests.dumpsBothSchemasForTheComparisonScript' >"$work/test.log" 2>&1 \
    || { cat "$work/test.log"; exit 1; }

chown postgres:postgres "$work"
as_postgres "$bin/initdb" -D "$work/data" -A trust -U postgres --locale=C.UTF-8 -E UTF8 >"$work/initdb.log"
as_postgres "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-k $work -c listen_addresses=''" start >/dev/null

/usr/bin/python3 scripts/compare-schemas.py "$work/dump" "$work"
