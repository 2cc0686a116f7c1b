# Sourced by .ci/run and Scripts/bench: installs PostgreSQL from Debian if it is missing, starts a
# throwaway server on 127.0.0.1:$PGPORT with a database named $1, exports its URL as
# HAVEN_POSTGRES_URL and stops the server (deleting its files) when the calling script exits.
# 300 connections: `swift test` runs the store suites in parallel, each test with a database and
# a store (or two) of its own, each store a pool of its own.
start_throwaway_postgres() {
  local database=$1
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v /usr/lib/postgresql/15/bin/initdb >/dev/null 2>&1; then
    apt-get update
    apt-get install -y --no-install-recommends postgresql
  fi
  PGBIN=/usr/lib/postgresql/15/bin
  PGDIR=$(mktemp -d)
  PGPORT=${PGPORT:-54329}
  chown postgres:postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c max_connections=300 -k $PGDIR" start >/dev/null
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE DATABASE $database" >/dev/null
  export HAVEN_POSTGRES_URL="postgres://postgres@127.0.0.1:$PGPORT/$database?sslmode=disable"
}
